import { setMaxListeners } from 'node:events'
import http from 'node:http'
import https from 'node:https'
import { HttpProxyAgent } from 'http-proxy-agent'
import { HttpsProxyAgent } from 'https-proxy-agent'
import { proxyFor } from './proxy.js'

/**
 * A proxy agent whose destroy() also ends the connections still waiting on the proxy (a CONNECT it
 * never answers), which http.Agent does not track: without this such a socket would keep the
 * process, and so the job, alive after the request itself timed out. Node's sockets close when
 * the signal they were created with aborts.
 */
function closingAgent<T extends http.Agent>(create: (signal: AbortSignal) => T): T {
  const closer = new AbortController()
  // One signal for every socket of the agent, however many: no listener-count warning.
  setMaxListeners(0, closer.signal)
  const agent = create(closer.signal)
  const destroy = agent.destroy.bind(agent)
  agent.destroy = () => {
    closer.abort()
    destroy()
  }
  return agent
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
    httpAgent: closingAgent((signal) => new HttpProxyAgent(proxy, { ...options, signal })),
    httpsAgent: closingAgent((signal) => new HttpsProxyAgent(proxy, { ...options, signal })),
    proxy
  }
}
