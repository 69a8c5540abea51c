import type { RetryErrorInfo, RetryStrategyV2, RetryToken } from '@smithy/types'

/**
 * How long we are willing to keep retrying. A misconfiguration must fail at once, a flaky network
 * must not fail the job, a herd of jobs sharing an account's rate limits must drain instead of
 * failing, and nothing may keep a job stuck: hence a per-call and a per-run budget.
 */
export interface RetryBudget {
  /** Attempts for 5xx, network and garbled answers (and for throttling where it is counted). */
  readonly maxAttempts: number
  /** First delay, and the least any later delay can be (ms). */
  readonly baseDelayMs: number
  /** Longest single delay (ms). */
  readonly maxDelayMs: number
  /** Total time one call may spend, retries included (ms). */
  readonly perCallMs: number
  /** Absolute deadline (epoch ms) shared by every call of the run. */
  readonly runDeadline: number
}

/**
 * 45 s per call and 120 s per run: a job waits at most two minutes for AWS. A call throttled by a
 * shared rate limit may wait until the run's deadline (see ThrottlingRetries): a herd of N jobs
 * making C such calls each against R requests/s needs N x C / R seconds to drain, whatever one
 * call's budget, so a per-call cap below that only decides which calls of the herd fail (measured:
 * 50 jobs x 5 calls at 5/s took 55 to 70 s to drain, and with a 45 s cap 2 jobs of 50 failed in one of
 * two runs).
 */
export const DEFAULT_RETRY_BUDGET = {
  maxAttempts: 4,
  baseDelayMs: 200,
  maxDelayMs: 5_000,
  perCallMs: 45_000,
  runMs: 120_000
} as const

/**
 * What a throttled call does. `budget`: retried until the run's deadline (STS and the Bedrock
 * control plane, whose request-rate limits are shared by every job in the account: a herd of jobs
 * must drain, not fail; a throttled answer comes at once, so waiting for it costs the run nothing
 * else). `count`: retried `maxAttempts` times within the per-call budget like any transient error
 * (the Bedrock runtime, whose throttling is the model's tokens-per-minute quota, which a short
 * wait rarely cures and which the agent step would hit too).
 */
export type ThrottlingRetries = 'budget' | 'count'

/**
 * The SDK retries IDPCommunicationError with the same web-identity token; AWS advises a retry with
 * a fresh token, which only the caller can fetch (see assumeRoleWithWebIdentity.ts).
 */
const HANDLED_BY_CALLER = new Set(['IDPCommunicationErrorException', 'IDPCommunicationError'])

class CallToken implements RetryToken {
  readonly startedAt: number
  readonly retryCount: number
  readonly delayMs: number

  constructor(startedAt: number, retryCount: number, delayMs: number) {
    this.startedAt = startedAt
    this.retryCount = retryCount
    this.delayMs = delayMs
  }

  getRetryCount(): number {
    return this.retryCount
  }

  getRetryDelay(): number {
    return this.delayMs
  }
}

/**
 * Decorrelated jitter ("Exponential Backoff And Jitter", AWS Architecture Blog, 2015): each delay
 * is drawn between the base and three times the previous delay, capped. Of the schemes compared
 * there, it finishes a contended herd with the fewest calls and in about the least time, and jobs
 * that collided once do not collide again in step.
 *
 * @param previousMs the delay before the previous attempt (0 before the first retry)
 * @param random uniform in [0, 1)
 * @returns the next delay in ms, in [baseDelayMs, maxDelayMs]
 */
export function decorrelatedJitter(
  previousMs: number,
  budget: Pick<RetryBudget, 'baseDelayMs' | 'maxDelayMs'>,
  random: () => number
): number {
  const base = budget.baseDelayMs
  const upper = Math.max(base, 3 * Math.max(previousMs, base))
  return Math.round(Math.min(budget.maxDelayMs, base + random() * (upper - base)))
}

/**
 * A 2xx answer whose body did not parse (the SDK calls it a client error) says nothing about the
 * request: a connection cut mid-body or a garbled reply. It is worth another attempt.
 */
function isGarbledSuccess(error: Error): boolean {
  const status = (error as { $metadata?: { httpStatusCode?: unknown } }).$metadata?.httpStatusCode
  return typeof status === 'number' && status >= 200 && status < 300
}

/**
 * Retries throttling, 5xx and network errors only: the SDK's middleware classifies each failure,
 * and everything it calls CLIENT_ERROR (auth, validation, not found) is final on the first answer.
 * Throttling is retried until the run's deadline (or `maxAttempts` times, see ThrottlingRetries),
 * everything else `maxAttempts` times within the per-call budget. A `Retry-After` from the server
 * is honoured when it fits the budget; when it does not, the call fails at once instead of sleeping
 * towards a deadline it cannot meet. The last retry is pulled forward to start just inside the
 * budget rather than skipped. The SDK puts the attempts and the total delay on the final error's
 * `$metadata`.
 */
export class BudgetedRetryStrategy implements RetryStrategyV2 {
  readonly mode = 'budgeted'
  private readonly budget: RetryBudget
  private readonly throttling: ThrottlingRetries
  private readonly now: () => number
  private readonly random: () => number

  constructor(
    budget: RetryBudget,
    throttling: ThrottlingRetries = 'budget',
    now: () => number = Date.now,
    random: () => number = Math.random
  ) {
    this.budget = budget
    this.throttling = throttling
    this.now = now
    this.random = random
  }

  async acquireInitialRetryToken(): Promise<RetryToken> {
    return new CallToken(this.now(), 0, 0)
  }

  async refreshRetryTokenForRetry(token: RetryToken, info: RetryErrorInfo): Promise<RetryToken> {
    const previous = token as CallToken
    const retry = previous.retryCount + 1
    const error = info.error ?? new Error('request failed')
    if (HANDLED_BY_CALLER.has(error.name)) throw error
    if (info.errorType === 'CLIENT_ERROR' && !isGarbledSuccess(error)) throw error
    const counted = info.errorType !== 'THROTTLING' || this.throttling === 'count'
    if (counted && retry >= this.budget.maxAttempts) throw error

    const now = this.now()
    // The per-call budget keeps one hung or failing call from eating the run; a call that waits
    // its turn under a shared rate limit may take the run's time (see DEFAULT_RETRY_BUDGET).
    const deadline = counted
      ? Math.min(previous.startedAt + this.budget.perCallMs, this.budget.runDeadline)
      : this.budget.runDeadline
    const retryAfterMs =
      info.retryAfterHint instanceof Date ? info.retryAfterHint.getTime() - now : 0
    // The server's wait is not ours to shorten: if it does not fit, fail now rather than sleep.
    if (now + retryAfterMs >= deadline) throw error
    let delay = Math.max(
      decorrelatedJitter(previous.delayMs, this.budget, this.random),
      retryAfterMs
    )
    // The last retry comes sooner than the jitter says, so the budget is spent rather than left:
    // it starts one base delay before the deadline, after waiting at least one base delay itself.
    const latestStart = deadline - this.budget.baseDelayMs
    if (now + delay > latestStart) {
      if (latestStart - now < Math.max(this.budget.baseDelayMs, retryAfterMs)) throw error
      delay = latestStart - now
    }
    return new CallToken(previous.startedAt, retry, delay)
  }

  recordSuccess(): void {}
}
