import http from 'node:http'
import https from 'node:https'
import type { Preconnections } from './preconnections.js'
import { proxyFor } from './proxy.js'

/**
 * Makes `agent` take a connection opened ahead of time for the host when there is one, and dial
 * otherwise (Agent#createConnection is the documented place to supply sockets).
 */
function takingFrom<T extends http.Agent>(
  agent: T,
  protocol: 'http:' | 'https:',
  ready: Preconnections
): T {
  const dial = agent.createConnection.bind(agent)
  agent.createConnection = (options, callback) =>
    ready.take(protocol, options.host ?? 'localhost', options.port ?? undefined) ??
    dial(options, callback)
  return agent
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
          httpAgent: takingFrom(new http.Agent(options), 'http:', ready),
          httpsAgent: takingFrom(new https.Agent(options), 'https:', ready)
        }
  }
  // Loaded only when a proxy applies: the proxy agents and their logging library would otherwise
  // be a fifth of the action's start-up, before its first request.
  const { proxyAgents } = await import('./proxyAgents.js')
  return { ...proxyAgents(proxy, options), proxy }
}
