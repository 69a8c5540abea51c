import http from 'node:http'
import https from 'node:https'
import { NodeHttpHandler } from '@smithy/node-http-handler'
import { HttpProxyAgent } from 'http-proxy-agent'
import { HttpsProxyAgent } from 'https-proxy-agent'
import { proxyFor } from './proxy.js'

export interface Timeouts {
  /** TCP (and proxy CONNECT) establishment. */
  readonly connectMs: number
  /** Whole request and response: a hung endpoint becomes a TimeoutError, which is retried within budget. */
  readonly responseMs: number
}

export const DEFAULT_TIMEOUTS: Timeouts = { connectMs: 5_000, responseMs: 20_000 }

/**
 * HTTP/1.1 with keep-alive for every client, including the runtime one (whose SDK default is
 * HTTP/2): one transport means one place for timeouts and proxies, and HTTP/2 cannot be tunnelled
 * through the HTTP proxies corporate runners use. Converse needs nothing HTTP/2 offers.
 */
export function createRequestHandler(
  target: URL,
  env: NodeJS.ProcessEnv,
  timeouts: Timeouts
): NodeHttpHandler {
  const proxy = proxyFor(target, env)
  const agentOptions = { keepAlive: true, maxSockets: 16 }
  return new NodeHttpHandler({
    connectionTimeout: timeouts.connectMs,
    requestTimeout: timeouts.responseMs,
    throwOnRequestTimeout: true,
    httpAgent: proxy === undefined ? new http.Agent(agentOptions) : new HttpProxyAgent(proxy, agentOptions),
    httpsAgent:
      proxy === undefined ? new https.Agent(agentOptions) : new HttpsProxyAgent(proxy, agentOptions)
  })
}

/** Timeouts can be raised for slow proxies or gateways; see the README. */
export function timeoutsFromEnv(env: NodeJS.ProcessEnv): Timeouts {
  const read = (name: string, fallback: number): number => {
    const value = Number(env[name])
    return Number.isInteger(value) && value > 0 ? value : fallback
  }
  return {
    connectMs: read('SETUP_CLAUDE_BEDROCK_CONNECT_TIMEOUT_MS', DEFAULT_TIMEOUTS.connectMs),
    responseMs: read('SETUP_CLAUDE_BEDROCK_RESPONSE_TIMEOUT_MS', DEFAULT_TIMEOUTS.responseMs)
  }
}
