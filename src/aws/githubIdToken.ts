import http from 'node:http'
import https from 'node:https'
import { agentsFor } from './agents.js'
import type { Timeouts } from './timeouts.js'
import { decorrelatedJitter } from './retryPolicy.js'

export interface IdTokenRequestOptions {
  readonly timeouts: Timeouts
  /** Receives the token before anything else sees it: mask it here. */
  readonly setSecret?: (value: string) => void
  readonly attempts?: number
  readonly sleep?: (ms: number) => Promise<void>
  readonly random?: () => number
}

/** A failed token request; `transient` says whether asking again could help. */
export class IdTokenRequestError extends Error {
  readonly transient: boolean

  constructor(message: string, transient: boolean) {
    super(message)
    this.name = 'IdTokenRequestError'
    this.transient = transient
  }
}

const MAX_BODY_BYTES = 64 * 1024
const RETRY = { baseDelayMs: 200, maxDelayMs: 2_000 }
const TRANSIENT_STATUS = new Set([429, 500, 502, 503, 504])
const defaultSleep = (ms: number): Promise<void> =>
  new Promise((resolve) => setTimeout(resolve, ms))

/**
 * The job's GitHub OIDC token: the runner's ACTIONS_ID_TOKEN_REQUEST_URL plus `audience`, the
 * request token as a Bearer, `{"value": "<jwt>"}` back, as `@actions/core`'s getIDToken does. Ours
 * because that one has no timeout (a hung endpoint would hang the job until GitHub kills it) and
 * its own proxy rules: this one uses the same timeouts, proxies and NO_PROXY as every AWS call, and
 * retries 5xx, 429 and network failures a few times. Messages never carry either token.
 */
export async function requestGitHubIdToken(
  audience: string,
  env: NodeJS.ProcessEnv,
  options: IdTokenRequestOptions
): Promise<string> {
  const url = new URL(env.ACTIONS_ID_TOKEN_REQUEST_URL ?? '')
  url.searchParams.set('audience', audience)
  const requestToken = env.ACTIONS_ID_TOKEN_REQUEST_TOKEN ?? ''
  const attempts = options.attempts ?? 3
  const sleep = options.sleep ?? defaultSleep
  let delay = 0
  for (let attempt = 1; ; attempt++) {
    try {
      const token = await requestOnce(url, requestToken, env, options.timeouts)
      options.setSecret?.(token)
      return token
    } catch (error) {
      const failure =
        error instanceof IdTokenRequestError
          ? error
          : new IdTokenRequestError(networkReason(error, url), true)
      if (!failure.transient || attempt >= attempts) {
        const tries = attempt > 1 ? ` (${attempt} attempts)` : ''
        throw new IdTokenRequestError(`${failure.message}${tries}`, failure.transient)
      }
      delay = decorrelatedJitter(delay, RETRY, options.random ?? Math.random)
      await sleep(delay)
    }
  }
}

/** Later than this, a timer did not fire late by chance: the thread was held. */
const STALL_MS = 10
/** How often a held thread is looked for while a timeout runs. */
const HEARTBEAT_MS = 25
/** At most this much held time is given back, so a machine that never lets go still times out. */
const MAX_STALLS_MS = 10_000

/**
 * A timeout that counts the time this request could use, not the time our own thread was held.
 * The token request is out while start-up loads and compiles the rest of the action, which holds
 * the thread for hundreds of milliseconds (seconds on a busy runner, or with many jobs on one
 * machine); meanwhile the request cannot even be written to its socket. A heartbeat notices the
 * thread was held (it fires late), and when the timeout is due, the time held is given back (up to
 * MAX_STALLS_MS in all) before the verdict, which is taken only after the I/O already waiting has
 * been read (setImmediate runs after the event loop's poll phase; Node runs expired timers before
 * it). Without this, a timeout fires for an answer that has arrived, or one that had no time to
 * come, and the token is requested again.
 *
 * @returns a function that cancels the timeout
 */
function timeoutExcludingStalls(ms: number, expire: () => void): () => void {
  let timer: NodeJS.Timeout | undefined
  let immediate: NodeJS.Immediate | undefined
  let held = 0
  let givenBack = 0
  let lastBeat = performance.now()
  const noticeHeld = (): void => {
    const now = performance.now()
    const late = now - lastBeat - HEARTBEAT_MS
    if (late > STALL_MS) held += late
    lastBeat = now
  }
  const heartbeat = setInterval(noticeHeld, HEARTBEAT_MS)
  // Never what keeps the process alive: the request's socket and its timer do that.
  heartbeat.unref()
  const due = (): void => {
    // The heartbeat may be due too: count the time since it last ran.
    if (performance.now() - lastBeat > HEARTBEAT_MS) noticeHeld()
    const owed = Math.min(held, MAX_STALLS_MS) - givenBack
    if (owed > STALL_MS) {
      givenBack += owed
      timer = setTimeout(due, owed)
      return
    }
    clearInterval(heartbeat)
    immediate = setImmediate(expire)
  }
  timer = setTimeout(due, ms)
  return () => {
    clearTimeout(timer)
    clearInterval(heartbeat)
    if (immediate !== undefined) clearImmediate(immediate)
  }
}

function networkReason(error: unknown, url: URL): string {
  const code = (error as { code?: unknown } | undefined)?.code
  const what = typeof code === 'string' && /^[A-Z0-9_]+$/.test(code) ? code : 'network error'
  return `the request to ${url.host} failed (${what})`
}

async function requestOnce(
  url: URL,
  requestToken: string,
  env: NodeJS.ProcessEnv,
  timeouts: Timeouts
): Promise<string> {
  const secure = url.protocol === 'https:'
  const agents = await agentsFor(url, env)
  const agent = secure ? agents.httpsAgent : agents.httpAgent
  return new Promise<string>((resolve, reject) => {
    let settled = false
    const settle = (outcome: () => void): void => {
      if (settled) return
      settled = true
      cancelDeadline()
      agents.httpAgent.destroy()
      agents.httpsAgent.destroy()
      outcome()
    }
    const request = (secure ? https : http).request(url, {
      method: 'GET',
      agent,
      headers: {
        Authorization: `Bearer ${requestToken}`,
        Accept: 'application/json',
        'User-Agent': 'setup-claude-bedrock'
      }
    })
    // One clock for connect, proxy CONNECT and answer; then the socket is destroyed so nothing
    // keeps the process alive.
    const cancelDeadline = timeoutExcludingStalls(timeouts.responseMs, () => {
      if (settled) return
      request.destroy()
      settle(() =>
        reject(
          new IdTokenRequestError(
            `the request to ${url.host} timed out after ${timeouts.responseMs} ms`,
            true
          )
        )
      )
    })
    request.on('socket', (socket) => {
      if (!socket.connecting) return
      const cancelConnect = timeoutExcludingStalls(timeouts.connectMs, () => {
        if (settled || !socket.connecting) return
        request.destroy()
        settle(() =>
          reject(
            new IdTokenRequestError(
              `no connection to ${url.host} within ${timeouts.connectMs} ms`,
              true
            )
          )
        )
      })
      socket.once('connect', cancelConnect)
      socket.once('close', cancelConnect)
    })
    request.on('error', (error) => settle(() => reject(error)))
    request.on('response', (response) => {
      const chunks: Buffer[] = []
      let size = 0
      response.on('data', (chunk: Buffer) => {
        size += chunk.length
        if (size <= MAX_BODY_BYTES) chunks.push(chunk)
      })
      response.on('error', (error) => settle(() => reject(error)))
      response.on('end', () =>
        settle(() => {
          const status = response.statusCode ?? 0
          if (status < 200 || status > 299) {
            reject(
              new IdTokenRequestError(
                `${url.host} answered HTTP ${status}`,
                TRANSIENT_STATUS.has(status)
              )
            )
            return
          }
          const token = tokenOf(Buffer.concat(chunks).toString('utf8'))
          if (token === undefined) {
            reject(new IdTokenRequestError(`${url.host} answered without a token`, false))
            return
          }
          resolve(token)
        })
      )
    })
    request.end()
  })
}

function tokenOf(body: string): string | undefined {
  try {
    const value = (JSON.parse(body) as { value?: unknown }).value
    return typeof value === 'string' && value !== '' ? value : undefined
  } catch {
    return undefined
  }
}
