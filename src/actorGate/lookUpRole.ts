import { decorrelatedJitter, type RetryBudget } from '../aws/retryPolicy.js'
import type { Timeouts } from '../aws/timeouts.js'
import { nodeFetch } from './nodeFetch.js'
import { effectiveRole, type PermissionAnswer, type RepositoryRole } from './repositoryRole.js'

/** What the REST API said about one login, or why it could not say. */
export type RoleLookup =
  | {
      readonly ok: true
      readonly login: string
      readonly role: RepositoryRole
      readonly customRole?: string
    }
  | {
      readonly ok: false
      readonly login: string
      /** Why the role could not be read, a few words for the check's headline. Never the token. */
      readonly reason: string
      /** What went wrong, for the check's cause. Never the token. */
      readonly cause: string
      readonly fix: string
    }

export interface LookupSettings {
  readonly token: string
  /** GITHUB_API_URL, without a trailing slash. */
  readonly apiUrl: string
  /** owner/name */
  readonly repository: string
  readonly timeouts: Timeouts
  readonly budget: RetryBudget
  readonly sleep: (ms: number) => Promise<void>
  readonly random?: () => number
  readonly now?: () => number
  /** For the proxy rules of the request (HTTPS_PROXY, NO_PROXY); process.env by default. */
  readonly env?: NodeJS.ProcessEnv
  /** The REST client; @actions/github's getOctokit unless a test passes another. */
  readonly getOctokit?: GetOctokit
}

type GetOctokit = (typeof import('@actions/github'))['getOctokit']

/** The parts of Octokit's RequestError we read. */
interface HttpFailure {
  readonly cause?: unknown
  readonly name?: string
  readonly status?: number
  readonly message?: string
  readonly response?: { readonly headers?: Record<string, string | number | undefined> }
}

const silent = { debug: () => {}, info: () => {}, warn: () => {}, error: () => {} }

/**
 * One login's role on the repository: GET /repos/{owner}/{repo}/collaborators/{username}/permission
 * ("Get repository permissions for a user", docs.github.com/rest/collaborators/collaborators),
 * which needs only the Metadata (read) repository permission that every GITHUB_TOKEN has.
 *
 * Retried like the AWS calls (capped, decorrelated jitter inside the run's budget): 5xx, network
 * errors and time-outs; a spent rate limit (403/429 with `x-ratelimit-remaining: 0` or
 * `retry-after`) only when its reset falls inside the budget. A bad token (401), a token that
 * cannot see the repository (403, 404) fail at once, each with its own cause and fix.
 */
export async function lookUpRole(login: string, settings: LookupSettings): Promise<RoleLookup> {
  const now = settings.now ?? Date.now
  const random = settings.random ?? Math.random
  const [owner = '', repo = ''] = settings.repository.split('/')
  const getOctokit = settings.getOctokit ?? (await import('@actions/github')).getOctokit
  const octokit = getOctokit(settings.token, {
    baseUrl: settings.apiUrl,
    log: silent,
    request: { retries: 0, fetch: nodeFetch(settings.env ?? process.env) }
  })
  const startedAt = now()
  const deadline = Math.min(startedAt + settings.budget.perCallMs, settings.budget.runDeadline)
  let delay = 0
  for (let attempt = 1; ; attempt++) {
    try {
      const answer = await octokit.rest.repos.getCollaboratorPermissionLevel({
        owner,
        repo,
        username: login,
        request: { signal: AbortSignal.timeout(settings.timeouts.responseMs) }
      })
      return { ok: true, login, ...effectiveRole(answer.data as PermissionAnswer) }
    } catch (error) {
      const failure = withPlainMessage(error as HttpFailure)
      const final = finalFailure(login, settings, failure)
      if (final !== undefined) return final
      const wait =
        waitForRateLimit(failure, now()) ?? decorrelatedJitter(delay, settings.budget, random)
      if (attempt >= settings.budget.maxAttempts || now() + wait > deadline) {
        return giveUp(login, settings, failure, transientReason(failure), attempt, now)
      }
      delay = wait
      await settings.sleep(wait)
    }
  }
}

/**
 * Octokit appends " - <documentation_url>" to GitHub's message; the message alone reads better.
 * A request that never got an answer (refused, reset, DNS) reaches us as status 500 with the
 * network error as its cause: that is no answer at all, so the status is dropped.
 */
function withPlainMessage(failure: HttpFailure): HttpFailure {
  const { response, name } = failure
  const networkCode = systemCode(failure.cause)
  const status = networkCode !== undefined ? undefined : failure.status
  const message = networkCode ?? failure.message?.replace(/ - https?:\/\/\S+$/, '')
  return {
    ...(status !== undefined && { status }),
    ...(response !== undefined && { response }),
    ...(message !== undefined && { message }),
    ...(name !== undefined && { name })
  }
}

/** ECONNREFUSED and the like, from a fetch TypeError's cause chain. */
function systemCode(cause: unknown): string | undefined {
  for (let at = cause, depth = 0; at !== undefined && at !== null && depth < 3; depth++) {
    const code = (at as { code?: unknown }).code
    if (typeof code === 'string' && /^E[A-Z0-9_]+$/.test(code)) return code
    at = (at as { cause?: unknown }).cause
  }
  return undefined
}

function header(failure: HttpFailure, name: string): string | undefined {
  const value = failure.response?.headers?.[name]
  return value === undefined ? undefined : String(value)
}

function isRateLimited(failure: HttpFailure): boolean {
  if (failure.status === 429) return true
  if (failure.status !== 403) return false
  return (
    header(failure, 'x-ratelimit-remaining') === '0' ||
    header(failure, 'retry-after') !== undefined ||
    /rate limit/i.test(failure.message ?? '')
  )
}

/** ms until the limit resets, from `retry-after` (seconds) or `x-ratelimit-reset` (epoch seconds). */
function waitForRateLimit(failure: HttpFailure, now: number): number | undefined {
  if (!isRateLimited(failure)) return undefined
  const retryAfter = Number(header(failure, 'retry-after'))
  if (Number.isFinite(retryAfter) && retryAfter >= 0) return retryAfter * 1000
  const reset = Number(header(failure, 'x-ratelimit-reset'))
  if (Number.isFinite(reset) && reset > 0) return Math.max(0, reset * 1000 - now)
  return 60_000
}

const TOKEN_FIX =
  'Leave `github-token` at its default (`${{ github.token }}`), or pass a token that can read this repository (a GitHub App installation token or a fine-grained token with the Metadata: read permission).'

/** Failures that another attempt cannot change: undefined when it is worth retrying. */
function finalFailure(
  login: string,
  settings: LookupSettings,
  failure: HttpFailure
): RoleLookup | undefined {
  const status = failure.status
  const where = `${login}'s permission on ${settings.repository}`
  if (status === 407) {
    return {
      ok: false,
      login,
      reason: `the proxy requires authentication (HTTP 407)`,
      cause: `The proxy in front of ${new URL(settings.apiUrl).host} requires authentication (HTTP 407) when reading ${where}.`,
      fix: 'Put the proxy credentials in HTTPS_PROXY (as a secret), or exempt the GitHub API host in NO_PROXY.'
    }
  }
  if (status === 401) {
    return {
      ok: false,
      login,
      reason: `GitHub rejected github-token (HTTP 401)`,
      cause: `GitHub rejected github-token (HTTP 401 ${failure.message ?? 'Bad credentials'}) when reading ${where}: the token is invalid or expired.`,
      fix: TOKEN_FIX
    }
  }
  if (status === 403 && !isRateLimited(failure)) {
    return {
      ok: false,
      login,
      reason: `github-token cannot read this repository (HTTP 403)`,
      cause: `GitHub refused to show ${where} (HTTP 403: ${failure.message ?? 'Forbidden'}): github-token lacks access to this repository.`,
      fix: TOKEN_FIX
    }
  }
  if (status === 404) {
    return {
      ok: false,
      login,
      reason: `GitHub answered HTTP 404`,
      cause: `GitHub answered HTTP 404 for ${where} (${failure.message ?? 'Not Found'}): the login does not exist (a deleted or renamed account), or github-token cannot see ${settings.repository}.`,
      fix: `If ${settings.repository} is this workflow's repository, ${TOKEN_FIX.charAt(0).toLowerCase()}${TOKEN_FIX.slice(1)}`
    }
  }
  if (
    status !== undefined &&
    status >= 400 &&
    status < 500 &&
    status !== 408 &&
    !isRateLimited(failure)
  ) {
    return {
      ok: false,
      login,
      reason: `GitHub answered HTTP ${status}`,
      cause: `GitHub answered HTTP ${status} (${failure.message ?? 'client error'}) when reading ${where}.`,
      fix: 'Re-run the job; if it persists, check GITHUB_API_URL and github-token.'
    }
  }
  return undefined
}

function transientReason(failure: HttpFailure): string {
  if (isRateLimited(failure)) return 'its API rate limit for this token is used up'
  if (failure.status !== undefined && failure.status >= 500) {
    return `it answered HTTP ${failure.status}`
  }
  const name = failure.name
  if (name === 'TimeoutError' || name === 'AbortError') return 'the request timed out'
  return `the request failed on the network${failure.message !== undefined && /^E[A-Z0-9_]+$/.test(failure.message) ? ` (${failure.message})` : ''}`
}

function giveUp(
  login: string,
  settings: LookupSettings,
  failure: HttpFailure,
  reason: string,
  attempts: number,
  now: () => number
): RoleLookup {
  const tries = `${attempts} attempt${attempts === 1 ? '' : 's'}`
  if (isRateLimited(failure)) {
    const wait = waitForRateLimit(failure, now()) ?? 0
    const resetAt = new Date(now() + wait).toISOString()
    return {
      ok: false,
      login,
      reason: `GitHub's API rate limit for github-token is used up`,
      cause: `Could not read ${login}'s permission on ${settings.repository}: GitHub's API rate limit for github-token is used up until ${resetAt} (${tries}).`,
      fix: 'Re-run the job after that time. Jobs that start many agents at once can pass a GitHub App installation token as `github-token`: it has a quota of its own.'
    }
  }
  return {
    ok: false,
    login,
    reason: reason.replace(/^it /, 'GitHub ').replace(/^its /, "GitHub's "),
    cause: `Could not read ${login}'s permission on ${settings.repository} at ${settings.apiUrl}: ${reason} (${tries}).`,
    fix: 'Re-run the job; GitHub may be having an incident (githubstatus.com). Behind a proxy, check HTTPS_PROXY and NO_PROXY for the API host.'
  }
}
