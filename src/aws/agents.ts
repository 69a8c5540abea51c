import { setMaxListeners } from 'node:events'
import http from 'node:http'
import https from 'node:https'
import { HttpProxyAgent } from 'http-proxy-agent'
import { HttpsProxyAgent } from 'https-proxy-agent'
import { proxyFor } from './proxy.js'

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
