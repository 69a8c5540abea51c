import { spawn } from 'node:child_process'
import diagnostics from 'node:diagnostics_channel'
import http from 'node:http'
import type { AddressInfo, Socket } from 'node:net'
import { IdTokenRequestError, requestGitHubIdToken } from '../src/aws/githubIdToken.js'
import { startLoopbackProxy } from './e2e/support/loopbackProxy.js'

const REQUEST_TOKEN = 'runner-request-token-0123456789abcdef'
const JWT = 'eyJhbGciOiJSUzI1NiJ9.eyJzdWIiOiJyZXBvOm8vcjpyZWY6cmVmcy9oZWFkcy9tYWluIn0.c2lnbmF0dXJl'
const TIMEOUTS = { connectMs: 500, responseMs: 300 }
const noSleep = async (): Promise<void> => undefined

type Answer = (request: http.IncomingMessage, response: http.ServerResponse) => void

interface TokenServer {
  readonly url: string
  readonly seen: http.IncomingMessage[]
  readonly openSockets: () => number
  close(): Promise<void>
}

async function tokenServer(answers: Answer[]): Promise<TokenServer> {
  const seen: http.IncomingMessage[] = []
  const sockets = new Set<Socket>()
  const server = http.createServer((request, response) => {
    seen.push(request)
    const answer = answers[Math.min(seen.length, answers.length) - 1]
    answer?.(request, response)
  })
  server.on('connection', (socket: Socket) => {
    sockets.add(socket)
    socket.on('close', () => sockets.delete(socket))
  })
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve))
  const { port } = server.address() as AddressInfo
  return {
    url: `http://127.0.0.1:${port}/_apis/idtoken?api-version=2.0`,
    seen,
    openSockets: () => sockets.size,
    close: () =>
      new Promise<void>((resolve) => {
        for (const socket of sockets) socket.destroy()
        server.close(() => resolve())
      })
  }
}

const json =
  (status: number, body: unknown): Answer =>
  (_request, response) => {
    response.writeHead(status, { 'content-type': 'application/json' }).end(JSON.stringify(body))
  }
const hang: Answer = () => undefined

const envFor = (server: TokenServer, extra: NodeJS.ProcessEnv = {}): NodeJS.ProcessEnv => ({
  ACTIONS_ID_TOKEN_REQUEST_URL: server.url,
  ACTIONS_ID_TOKEN_REQUEST_TOKEN: REQUEST_TOKEN,
  ...extra
})

async function failureOf(promise: Promise<unknown>): Promise<IdTokenRequestError> {
  try {
    await promise
  } catch (error) {
    if (error instanceof IdTokenRequestError) return error
    throw error
  }
  throw new Error('expected the request to fail')
}

/** A token endpoint in a child process, counting the requests it answered and the connections it took. */
async function childTokenServer(answerAfterMs = 0): Promise<{
  env: NodeJS.ProcessEnv
  attempts: () => Promise<{ requests: number; connections: number }>
  close: () => void
}> {
  const code = `
    let count = 0
    let connections = 0
    const server = require('node:http').createServer((request, response) => {
      if (request.url === '/count') return response.end(JSON.stringify({ count, connections }))
      count++
      setTimeout(() => response.writeHead(200, { 'content-type': 'application/json' }).end(JSON.stringify({ value: ${JSON.stringify(JWT)} })), ${answerAfterMs})
    })
    server.on('connection', () => connections++)
    server.listen(0, '127.0.0.1', () => console.log(server.address().port))`
  const child = spawn(process.execPath, ['-e', code], { stdio: ['ignore', 'pipe', 'inherit'] })
  const port = await new Promise<string>((resolve) =>
    child.stdout.once('data', (chunk: Buffer) => resolve(chunk.toString().trim()))
  )
  const base = `http://127.0.0.1:${port}`
  return {
    env: {
      ACTIONS_ID_TOKEN_REQUEST_URL: `${base}/_apis/idtoken?api-version=2.0`,
      ACTIONS_ID_TOKEN_REQUEST_TOKEN: REQUEST_TOKEN
    },
    // Connections too: a request given up before it was written shows only as one.
    attempts: async () => {
      const seen = (await (await fetch(`${base}/count`)).json()) as {
        count: number
        connections: number
      }
      return { requests: seen.count, connections: seen.connections - 1 }
    },
    close: () => void child.kill()
  }
}

function expectNoSecretIn(message: string): void {
  expect(message).not.toContain(REQUEST_TOKEN)
  expect(message).not.toContain(JWT)
}

describe('requestGitHubIdToken', () => {
  it('asks for the audience with the request token, and masks the token before returning it', async () => {
    const server = await tokenServer([json(200, { count: 1, value: JWT })])
    const events: string[] = []
    try {
      const token = await requestGitHubIdToken('sts.amazonaws.com', envFor(server), {
        timeouts: TIMEOUTS,
        setSecret: (value) => events.push(`mask ${value}`)
      }).then((value) => {
        events.push('returned')
        return value
      })
      expect(token).toBe(JWT)
      expect(events).toEqual([`mask ${JWT}`, 'returned'])
      const request = server.seen[0]
      expect(request?.headers.authorization).toBe(`Bearer ${REQUEST_TOKEN}`)
      const url = new URL(request?.url ?? '', 'http://x')
      expect(url.searchParams.get('audience')).toBe('sts.amazonaws.com')
      expect(url.searchParams.get('api-version')).toBe('2.0')
    } finally {
      await server.close()
    }
  })

  it.each([500, 502, 503, 504, 429])('retries HTTP %i, then names the status', async (status) => {
    const server = await tokenServer([json(status, { message: 'nope' })])
    const waits: number[] = []
    try {
      const error = await failureOf(
        requestGitHubIdToken('sts.amazonaws.com', envFor(server), {
          timeouts: TIMEOUTS,
          sleep: async (ms) => {
            waits.push(ms)
          },
          random: () => 1
        })
      )
      expect(server.seen).toHaveLength(3)
      expect(waits).toEqual([600, 1_800])
      expect(error.transient).toBe(true)
      expect(error.message).toMatch(new RegExp(`answered HTTP ${status} \\(3 attempts\\)$`))
      expectNoSecretIn(error.message)
    } finally {
      await server.close()
    }
  })

  it('recovers when a retry succeeds', async () => {
    const server = await tokenServer([json(503, {}), json(200, { value: JWT })])
    try {
      const token = await requestGitHubIdToken('aud', envFor(server), {
        timeouts: TIMEOUTS,
        sleep: noSleep
      })
      expect(token).toBe(JWT)
      expect(server.seen).toHaveLength(2)
    } finally {
      await server.close()
    }
  })

  it.each([
    [401, 'answered HTTP 401'],
    [403, 'answered HTTP 403'],
    [404, 'answered HTTP 404']
  ])('does not retry HTTP %i', async (status, message) => {
    const server = await tokenServer([json(status, { message: `bad ${REQUEST_TOKEN}` })])
    try {
      const error = await failureOf(
        requestGitHubIdToken('aud', envFor(server), { timeouts: TIMEOUTS, sleep: noSleep })
      )
      expect(server.seen).toHaveLength(1)
      expect(error.transient).toBe(false)
      expect(error.message).toContain(message)
      expectNoSecretIn(error.message)
    } finally {
      await server.close()
    }
  })

  it.each([
    ['no value', { count: 0 }],
    ['an empty value', { value: '' }],
    ['not JSON', 'oops']
  ])('fails without retrying on an answer with %s', async (_title, body) => {
    const answer: Answer =
      typeof body === 'string'
        ? (_q, response) => response.writeHead(200).end(body)
        : json(200, body)
    const server = await tokenServer([answer])
    try {
      const error = await failureOf(
        requestGitHubIdToken('aud', envFor(server), { timeouts: TIMEOUTS, sleep: noSleep })
      )
      expect(error.message).toContain('answered without a token')
      expect(server.seen).toHaveLength(1)
    } finally {
      await server.close()
    }
  })

  it('times out a hung endpoint, closes the connection and retries', async () => {
    const server = await tokenServer([hang])
    try {
      const started = Date.now()
      const error = await failureOf(
        requestGitHubIdToken('aud', envFor(server), { timeouts: TIMEOUTS, sleep: noSleep })
      )
      expect(Date.now() - started).toBeLessThan(5_000)
      expect(server.seen).toHaveLength(3)
      expect(error.message).toMatch(/timed out after 300 ms \(3 attempts\)$/)
      expect(error.transient).toBe(true)
      // Nothing left open that would keep the action's process alive.
      await new Promise((resolve) => setTimeout(resolve, 50))
      expect(server.openSockets()).toBe(0)
    } finally {
      await server.close()
    }
  })

  // Start-up loads the rest of the action while the token request is out, holding the thread for
  // longer than a timeout on a busy runner. An answer that arrived meanwhile is the answer: asking
  // again would request the token twice (seen in the proxy e2e and in 50-job herds). The endpoint
  // is another process, so it answers while this one is held.
  const holdThread = (ms: number): void => {
    const until = Date.now() + ms
    while (Date.now() < until) {
      // As compiling the action's modules holds it.
    }
  }
  it.each([
    // Held once the request is written: the answer comes meanwhile.
    [
      'the answer that came while the thread was held past its timeout',
      'http.client.request.start',
      ({ request }: { request: http.ClientRequest }) =>
        void request.once('finish', () => process.nextTick(() => holdThread(400))),
      { connectMs: 5_000, responseMs: 100 },
      0
    ],
    // Held once the connection is under way (its timer armed): it is made meanwhile.
    [
      'the connection made while the thread was held past its timeout',
      'net.client.socket',
      () => void setImmediate(() => holdThread(400)),
      { connectMs: 50, responseMs: 5_000 },
      0
    ],
    // Held for most of the timeout but let go just before it, before the request was written:
    // the time the request could use is what is left, not the timeout (many jobs on one machine).
    [
      'an answer that needs more time than the thread left it',
      'net.client.socket',
      () => void setImmediate(() => holdThread(390)),
      { connectMs: 5_000, responseMs: 400 },
      100
    ]
  ] as const)('takes %s: one request', async (_title, channel, hold, timeouts, answerAfterMs) => {
    const server = await childTokenServer(answerAfterMs)
    const onMessage = hold as (message: unknown) => void
    diagnostics.subscribe(channel, onMessage)
    try {
      const started = Date.now()
      const token = await requestGitHubIdToken('aud', server.env, { timeouts, sleep: noSleep })
      expect(Date.now() - started).toBeGreaterThanOrEqual(390)
      expect(token).toBe(JWT)
      expect(await server.attempts()).toEqual({ requests: 1, connections: 1 })
    } finally {
      diagnostics.unsubscribe(channel, onMessage)
      server.close()
    }
  })

  it('names a refused connection', async () => {
    const server = await tokenServer([hang])
    const env = envFor(server)
    await server.close()
    const error = await failureOf(
      requestGitHubIdToken('aud', env, { timeouts: TIMEOUTS, sleep: noSleep, attempts: 2 })
    )
    expect(error.message).toMatch(
      /^the request to 127\.0\.0\.1:\d+ failed \(ECONNREFUSED\) \(2 attempts\)$/
    )
  })

  it('goes through HTTP_PROXY, unless NO_PROXY names the host', async () => {
    const server = await tokenServer([json(200, { value: JWT })])
    const proxy = await startLoopbackProxy()
    try {
      await requestGitHubIdToken('aud', envFor(server, { HTTP_PROXY: proxy.url }), {
        timeouts: TIMEOUTS
      })
      expect(proxy.requests).toHaveLength(1)
      expect(proxy.requests[0]?.target).toContain('/_apis/idtoken?')
      await requestGitHubIdToken(
        'aud',
        envFor(server, { http_proxy: proxy.url, no_proxy: '127.0.0.1' }),
        {
          timeouts: TIMEOUTS
        }
      )
      expect(proxy.requests).toHaveLength(1)
      expect(server.seen).toHaveLength(2)
    } finally {
      await proxy.close()
      await server.close()
    }
  })
})
