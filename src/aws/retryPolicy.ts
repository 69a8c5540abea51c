import type { RetryErrorInfo, RetryStrategyV2, RetryToken } from '@smithy/types'

/**
 * How long we are willing to keep retrying. A misconfiguration must fail at once, a flaky network
 * must not fail the job, and nothing may keep a job stuck: hence a per-call and a per-run budget.
 */
export interface RetryBudget {
  readonly maxAttempts: number
  readonly baseDelayMs: number
  readonly maxDelayMs: number
  /** Total time one call may spend, retries included. */
  readonly perCallMs: number
  /** Absolute deadline (epoch ms) shared by every call of the run. */
  readonly runDeadline: number
}

export const DEFAULT_RETRY_BUDGET = {
  maxAttempts: 4,
  baseDelayMs: 200,
  maxDelayMs: 5_000,
  perCallMs: 45_000,
  runMs: 120_000
} as const

/**
 * The SDK retries IDPCommunicationError with the same web-identity token; AWS advises a retry with
 * a fresh token, which only the caller can fetch (see assumeRoleWithOidc).
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

/** Full jitter (AWS architecture blog): spreads retries of many parallel jobs hitting the same quota. */
export function backoffDelay(
  retry: number,
  budget: Pick<RetryBudget, 'baseDelayMs' | 'maxDelayMs'>,
  random: () => number
): number {
  const ceiling = Math.min(budget.maxDelayMs, budget.baseDelayMs * 2 ** retry)
  return Math.round(random() * ceiling)
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
 * A `Retry-After` from the server is honoured when it fits the budget; when it does not, the call
 * fails at once instead of sleeping towards a deadline it cannot meet.
 */
export class BudgetedRetryStrategy implements RetryStrategyV2 {
  readonly mode = 'budgeted'
  private readonly budget: RetryBudget
  private readonly now: () => number
  private readonly random: () => number

  constructor(
    budget: RetryBudget,
    now: () => number = Date.now,
    random: () => number = Math.random
  ) {
    this.budget = budget
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
    if (retry >= this.budget.maxAttempts) throw error

    const now = this.now()
    let delay = backoffDelay(retry, this.budget, this.random)
    if (info.retryAfterHint instanceof Date) {
      delay = Math.max(delay, info.retryAfterHint.getTime() - now)
    }
    const callDeadline = previous.startedAt + this.budget.perCallMs
    if (now + delay >= Math.min(callDeadline, this.budget.runDeadline)) throw error
    return new CallToken(previous.startedAt, retry, delay)
  }

  recordSuccess(): void {}
}
