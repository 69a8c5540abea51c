import type { HttpHandlerOptions } from '@smithy/types'
import { NodeHttpHandler } from '@smithy/node-http-handler'
import { agentsFor } from './agents.js'
import type { Preconnections } from './preconnections.js'
import type { Timeouts } from './timeouts.js'

/**
 * Every attempt ends by the run's deadline: an attempt started just before it cannot run for a
 * whole response timeout past it. The SDK passes no per-request timeout of its own.
 */
class DeadlineHttpHandler extends NodeHttpHandler {
  private readonly responseMs: number
  private readonly deadline: number
  private readonly now: () => number

  constructor(
    options: ConstructorParameters<typeof NodeHttpHandler>[0],
    responseMs: number,
    deadline: number,
    now: () => number
  ) {
    super(options)
    this.responseMs = responseMs
    this.deadline = deadline
    this.now = now
  }

  override handle(
    request: Parameters<NodeHttpHandler['handle']>[0],
    options: HttpHandlerOptions = {}
  ) {
    const left = Math.max(1, this.deadline - this.now())
    return super.handle(request, { ...options, requestTimeout: Math.min(this.responseMs, left) })
  }
}

/**
 * HTTP/1.1 with keep-alive for every client, including the runtime one (whose SDK default is
 * HTTP/2): one transport means one place for timeouts and proxies, and HTTP/2 cannot be tunnelled
 * through the HTTP proxies corporate runners use. The probes need nothing HTTP/2 offers: a
 * response stream is an ordinary chunked HTTP/1.1 body.
 */
export function createRequestHandler(
  target: URL,
  env: NodeJS.ProcessEnv,
  timeouts: Timeouts,
  runDeadline: number = Number.POSITIVE_INFINITY,
  now: () => number = Date.now,
  ready?: Preconnections
): NodeHttpHandler {
  return new DeadlineHttpHandler(
    // Resolved on the first request (the proxy agents load only when a proxy applies).
    async () => {
      const { httpAgent, httpsAgent } = await agentsFor(
        target,
        env,
        { keepAlive: true, maxSockets: 16 },
        ready
      )
      return {
        connectionTimeout: timeouts.connectMs,
        requestTimeout: timeouts.responseMs,
        throwOnRequestTimeout: true,
        httpAgent,
        httpsAgent
      }
    },
    timeouts.responseMs,
    runDeadline,
    now
  )
}
