import http from 'node:http'
import https from 'node:https'
import { proxyFor } from './proxy.js'

export interface Agents {
  readonly httpAgent: http.Agent
  readonly httpsAgent: https.Agent
  /** The proxy the agents go through, when one applies. */
  readonly proxy?: string
}

/** The agents a request to `target` uses: through the configured proxy, unless NO_PROXY exempts it. */
export async function agentsFor(
  target: URL,
  env: NodeJS.ProcessEnv,
  options: http.AgentOptions = {}
): Promise<Agents> {
  const proxy = proxyFor(target, env)
  if (proxy === undefined) {
    return { httpAgent: new http.Agent(options), httpsAgent: new https.Agent(options) }
  }
  // Loaded only when a proxy applies: the proxy agents and their logging library would otherwise
  // be a fifth of the action's start-up, before its first request.
  const { proxyAgents } = await import('./proxyAgents.js')
  return { ...proxyAgents(proxy, options), proxy }
}
