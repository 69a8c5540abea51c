import { setMaxListeners } from 'node:events'
import http from 'node:http'
import https from 'node:https'
import type { HttpHandlerOptions } from '@smithy/types'
import { NodeHttpHandler } from '@smithy/node-http-handler'
import { HttpProxyAgent } from 'http-proxy-agent'
import { HttpsProxyAgent } from 'https-proxy-agent'
import { proxyFor } from './proxy.js'

export interface Timeouts {
  /** TCP establishment (to the endpoint, or to the proxy). */
  readonly connectMs: number
  /**
   * The whole attempt, from sending to the last byte of the answer (a proxy's CONNECT included):
   * a hung endpoint becomes a TimeoutError, which is retried within the budget.
   */
  readonly responseMs: number
}

export const DEFAULT_TIMEOUTS: Timeouts = { connectMs: 5_000, responseMs: 20_000 }

export const TIMEOUT_ENV = {
  connectMs: 'SETUP_CLAUDE_BEDROCK_CONNECT_TIMEOUT_MS',
  responseMs: 'SETUP_CLAUDE_BEDROCK_RESPONSE_TIMEOUT_MS'
} as const

/** One signal for every socket of an agent, however many: no listener-count warning. */
function closerSignal(): AbortController {
  const closer = new AbortController()
  setMaxListeners(0, closer.signal)
  return closer
}

/**
 * Proxy agents whose destroy() also ends the connections still waiting on the proxy (a CONNECT it
 * never answers), which http.Agent does not track: without this such a socket would keep the
 * process, and so the job, alive after the request itself timed out. Node's sockets close when
 * the signal they were created with aborts.
 */
class ClosingHttpsProxyAgent extends HttpsProxyAgent<string> {
  private readonly closer: AbortController

  constructor(proxy: string, options: http.AgentOptions, closer = closerSignal()) {
    super(proxy, { ...options, signal: closer.signal })
    this.closer = closer
  }

  override destroy(): void {
    this.closer.abort()
    super.destroy()
  }
}

class ClosingHttpProxyAgent extends HttpProxyAgent<string> {
  private readonly closer: AbortController

  constructor(proxy: string, options: http.AgentOptions, closer = closerSignal()) {
    super(proxy, { ...options, signal: closer.signal })
    this.closer = closer
  }

  override destroy(): void {
    this.closer.abort()
    super.destroy()
  }
}

/** The agents a request to `target` uses: through the configured proxy, unless NO_PROXY exempts it. */
export function agentsFor(
  target: URL,
  env: NodeJS.ProcessEnv,
  options: http.AgentOptions = {}
): { httpAgent: http.Agent; httpsAgent: https.Agent; proxy?: string } {
  const proxy = proxyFor(target, env)
  if (proxy === undefined) {
    return { httpAgent: new http.Agent(options), httpsAgent: new https.Agent(options) }
  }
  return {
    httpAgent: new ClosingHttpProxyAgent(proxy, options),
    httpsAgent: new ClosingHttpsProxyAgent(proxy, options),
    proxy
  }
}

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
 * through the HTTP proxies corporate runners use. Converse needs nothing HTTP/2 offers.
 */
export function createRequestHandler(
  target: URL,
  env: NodeJS.ProcessEnv,
  timeouts: Timeouts,
  runDeadline: number = Number.POSITIVE_INFINITY,
  now: () => number = Date.now
): NodeHttpHandler {
  const { httpAgent, httpsAgent } = agentsFor(target, env, { keepAlive: true, maxSockets: 16 })
  return new DeadlineHttpHandler(
    {
      connectionTimeout: timeouts.connectMs,
      requestTimeout: timeouts.responseMs,
      throwOnRequestTimeout: true,
      httpAgent,
      httpsAgent
    },
    timeouts.responseMs,
    runDeadline,
    now
  )
}

/** Timeouts can be raised for slow proxies or gateways (or lowered in tests); see the README. */
export function timeoutsFromEnv(env: NodeJS.ProcessEnv): Timeouts {
  const read = (name: string, fallback: number): number => {
    const value = Number(env[name])
    return Number.isInteger(value) && value > 0 ? value : fallback
  }
  return {
    connectMs: read(TIMEOUT_ENV.connectMs, DEFAULT_TIMEOUTS.connectMs),
    responseMs: read(TIMEOUT_ENV.responseMs, DEFAULT_TIMEOUTS.responseMs)
  }
}
