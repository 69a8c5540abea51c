import http from 'node:http'
import { HttpRequest } from '@smithy/core/protocols'
import { HttpProxyAgent } from 'http-proxy-agent'
import { HttpsProxyAgent } from 'https-proxy-agent'
import { agentsFor } from '../src/aws/agents.js'
import { createRequestHandler } from '../src/aws/requestHandler.js'
import { DEFAULT_TIMEOUTS, timeoutsFromEnv } from '../src/aws/timeouts.js'
import { listenOnLoopback, type LoopbackServer } from '../__fixtures__/loopbackServer.ts'

describe('timeoutsFromEnv', () => {
  it.each<[NodeJS.ProcessEnv, { connectMs: number; responseMs: number }]>([
    [{}, DEFAULT_TIMEOUTS],
    [
      {
        SETUP_CLAUDE_BEDROCK_CONNECT_TIMEOUT_MS: '250',
        SETUP_CLAUDE_BEDROCK_RESPONSE_TIMEOUT_MS: '900'
      },
      { connectMs: 250, responseMs: 900 }
    ],
    [{ SETUP_CLAUDE_BEDROCK_RESPONSE_TIMEOUT_MS: '0' }, DEFAULT_TIMEOUTS],
    [{ SETUP_CLAUDE_BEDROCK_RESPONSE_TIMEOUT_MS: '-5' }, DEFAULT_TIMEOUTS],
    [{ SETUP_CLAUDE_BEDROCK_RESPONSE_TIMEOUT_MS: '1.5' }, DEFAULT_TIMEOUTS],
    [{ SETUP_CLAUDE_BEDROCK_CONNECT_TIMEOUT_MS: 'soon' }, DEFAULT_TIMEOUTS]
  ])('%j', (env, expected) => {
    expect(timeoutsFromEnv(env)).toEqual(expected)
  })
})

describe('agentsFor', () => {
  it('uses proxy agents when a proxy applies, plain ones otherwise', async () => {
    const target = new URL('https://bedrock.us-east-1.amazonaws.com')
    const proxied = await agentsFor(target, { HTTPS_PROXY: 'proxy:3128', HTTP_PROXY: 'http://p:1' })
    expect(proxied.proxy).toBe('http://proxy:3128')
    expect(proxied.httpsAgent).toBeInstanceOf(HttpsProxyAgent)
    expect(proxied.httpAgent).toBeInstanceOf(HttpProxyAgent)
    const direct = await agentsFor(target, {
      HTTPS_PROXY: 'http://proxy:3128',
      NO_PROXY: 'amazonaws.com'
    })
    expect(direct.proxy).toBeUndefined()
    expect(direct.httpsAgent).not.toBeInstanceOf(HttpsProxyAgent)
  })
})

describe('createRequestHandler', () => {
  let server: LoopbackServer
  let url: URL

  beforeAll(async () => {
    // Never answers.
    server = await listenOnLoopback(http.createServer(() => undefined))
    url = new URL(`http://127.0.0.1:${server.port}`)
  })
  afterAll(() => server.close())

  const request = (): HttpRequest =>
    new HttpRequest({
      protocol: 'http:',
      hostname: url.hostname,
      port: Number(url.port),
      method: 'GET',
      path: '/'
    })

  async function timeToFail(
    handler: ReturnType<typeof createRequestHandler>
  ): Promise<{ ms: number; error: Error }> {
    const started = Date.now()
    try {
      await handler.handle(request())
    } catch (error) {
      return { ms: Date.now() - started, error: error as Error }
    } finally {
      handler.destroy()
    }
    throw new Error('expected a timeout')
  }

  it('turns a hung endpoint into a TimeoutError after the response timeout', async () => {
    const { ms, error } = await timeToFail(
      createRequestHandler(url, {}, { connectMs: 1_000, responseMs: 150 })
    )
    expect(error.name).toBe('TimeoutError')
    expect(ms).toBeGreaterThanOrEqual(140)
    expect(ms).toBeLessThan(3_000)
  })

  it('ends an attempt at the run deadline when that comes first', async () => {
    const deadline = Date.now() + 100
    const { ms, error } = await timeToFail(
      createRequestHandler(url, {}, { connectMs: 1_000, responseMs: 60_000 }, deadline)
    )
    expect(error.name).toBe('TimeoutError')
    expect(ms).toBeLessThan(3_000)
  })

  it('still makes an attempt (1 ms) once the deadline has passed, rather than none', async () => {
    const { error } = await timeToFail(
      createRequestHandler(url, {}, { connectMs: 1_000, responseMs: 60_000 }, Date.now() - 1_000)
    )
    expect(error.name).toBe('TimeoutError')
  })
})
