import http from 'node:http'
import https from 'node:https'
import type { Duplex } from 'node:stream'
import type { Preconnections } from './preconnections.js'
import { proxyFor } from './proxy.js'

type ConnectionCallback = (error: Error | null, stream: Duplex) => void

/** Takes a connection opened ahead of time for the host when there is one, else dials. */
class ReadyHttpAgent extends http.Agent {
  private readonly ready: Preconnections

  constructor(options: http.AgentOptions, ready: Preconnections) {
    super(options)
    this.ready = ready
  }

  override createConnection(options: http.ClientRequestArgs, callback?: ConnectionCallback) {
    return (
      this.ready.take('http:', options.host ?? 'localhost', options.port ?? undefined) ??
      super.createConnection(options, callback)
    )
  }
}

class ReadyHttpsAgent extends https.Agent {
  private readonly ready: Preconnections

  constructor(options: https.AgentOptions, ready: Preconnections) {
    super(options)
    this.ready = ready
  }

  override createConnection(options: http.ClientRequestArgs, callback?: ConnectionCallback) {
    return (
      this.ready.take('https:', options.host ?? 'localhost', options.port ?? undefined) ??
      super.createConnection(options, callback)
    )
  }
}

export interface Agents {
  readonly httpAgent: http.Agent
  readonly httpsAgent: https.Agent
  /** The proxy the agents go through, when one applies. */
  readonly proxy?: string
}

/**
 * The agents a request to `target` uses: through the configured proxy, unless NO_PROXY exempts it;
 * otherwise direct, taking connections from `ready` (opened ahead of time) when it has one.
 */
export async function agentsFor(
  target: URL,
  env: NodeJS.ProcessEnv,
  options: http.AgentOptions = {},
  ready?: Preconnections
): Promise<Agents> {
  const proxy = proxyFor(target, env)
  if (proxy === undefined) {
    return ready === undefined
      ? { httpAgent: new http.Agent(options), httpsAgent: new https.Agent(options) }
      : {
          httpAgent: new ReadyHttpAgent(options, ready),
          httpsAgent: new ReadyHttpsAgent(options, ready)
        }
  }
  // Loaded only when a proxy applies: the proxy agents and their logging library would otherwise
  // be a fifth of the action's start-up, before its first request.
  const { proxyAgents } = await import('./proxyAgents.js')
  return { ...proxyAgents(proxy, options), proxy }
}
