import { setMaxListeners } from 'node:events'
import type http from 'node:http'
import type https from 'node:https'
import { HttpProxyAgent } from 'http-proxy-agent'
import { HttpsProxyAgent } from 'https-proxy-agent'

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

/** Agents that reach every host through `proxy` (HTTP CONNECT for https targets). */
export function proxyAgents(
  proxy: string,
  options: http.AgentOptions
): { httpAgent: http.Agent; httpsAgent: https.Agent } {
  return {
    httpAgent: closingAgent((signal) => new HttpProxyAgent(proxy, { ...options, signal })),
    httpsAgent: closingAgent((signal) => new HttpsProxyAgent(proxy, { ...options, signal }))
  }
}
