import type { RetryErrorInfo, RetryErrorType, RetryToken } from '@smithy/types'
import { backoffDelay, BudgetedRetryStrategy, type RetryBudget } from '../src/aws/retryPolicy.js'

const BUDGET: RetryBudget = {
  maxAttempts: 4,
  baseDelayMs: 200,
  maxDelayMs: 5_000,
  perCallMs: 45_000,
  runDeadline: 1_000_000 + 120_000
}

/** A fake clock that starts at 1 000 000 and moves only when told. */
function clock(start = 1_000_000): { now: () => number; advance: (ms: number) => void } {
  let time = start
  return { now: () => time, advance: (ms) => (time += ms) }
}

function failure(
  errorType: RetryErrorType,
  name = 'Failure',
  extra: Partial<RetryErrorInfo> & { status?: number } = {}
): RetryErrorInfo {
  const error = Object.assign(new Error(`${name} happened`), {
    name,
    ...(extra.status !== undefined ? { $metadata: { httpStatusCode: extra.status } } : {})
  })
  return {
    error: error as NonNullable<RetryErrorInfo['error']>,
    errorType,
    ...(extra.retryAfterHint !== undefined ? { retryAfterHint: extra.retryAfterHint } : {})
  }
}

/** Runs the strategy like the SDK middleware: returns each delay until it gives up, and the error. */
async function retriesOf(
  strategy: BudgetedRetryStrategy,
  info: RetryErrorInfo,
  time: ReturnType<typeof clock>,
  attemptMs = 0
): Promise<{ delays: number[]; thrown: unknown }> {
  const delays: number[] = []
  let token: RetryToken = await strategy.acquireInitialRetryToken()
  for (;;) {
    time.advance(attemptMs)
    try {
      token = await strategy.refreshRetryTokenForRetry(token, info)
    } catch (thrown) {
      return { delays, thrown }
    }
    delays.push(token.getRetryDelay())
    time.advance(token.getRetryDelay())
  }
}

describe('backoffDelay', () => {
  it.each([
    [1, 1, 400],
    [2, 1, 800],
    [3, 1, 1_600],
    [5, 1, 5_000],
    [10, 1, 5_000],
    [3, 0.5, 800],
    [3, 0, 0]
  ])('retry %i with random %f waits %i ms (full jitter, capped)', (retry, random, expected) => {
    expect(backoffDelay(retry, BUDGET, () => random)).toBe(expected)
  })
})

describe('BudgetedRetryStrategy', () => {
  it.each<RetryErrorType>(['THROTTLING', 'TRANSIENT', 'SERVER_ERROR'])(
    'retries %s with growing jittered delays, up to maxAttempts',
    async (type) => {
      const time = clock()
      const strategy = new BudgetedRetryStrategy(BUDGET, time.now, () => 1)
      const info = failure(type)
      const { delays, thrown } = await retriesOf(strategy, info, time)
      expect(delays).toEqual([400, 800, 1_600])
      expect(thrown).toBe(info.error)
    }
  )

  it('draws each delay from the jitter source', async () => {
    const time = clock()
    const draws = [0.25, 0.5, 0.75]
    const strategy = new BudgetedRetryStrategy(BUDGET, time.now, () => draws.shift() ?? 0)
    const { delays } = await retriesOf(strategy, failure('THROTTLING'), time)
    expect(delays).toEqual([100, 400, 1_200])
  })

  it('counts retries on the token', async () => {
    const strategy = new BudgetedRetryStrategy(BUDGET, clock().now, () => 0)
    const first = await strategy.acquireInitialRetryToken()
    expect(first.getRetryCount()).toBe(0)
    const second = await strategy.refreshRetryTokenForRetry(first, failure('TRANSIENT'))
    expect(second.getRetryCount()).toBe(1)
  })

  it.each([
    ['AccessDeniedException', 403],
    ['ValidationException', 400],
    ['ResourceNotFoundException', 404],
    ['ExpiredTokenException', 403]
  ])('gives up at once on a CLIENT_ERROR (%s)', async (name, status) => {
    const time = clock()
    const info = failure('CLIENT_ERROR', name, { status })
    const { delays, thrown } = await retriesOf(
      new BudgetedRetryStrategy(BUDGET, time.now, () => 1),
      info,
      time
    )
    expect(delays).toEqual([])
    expect(thrown).toBe(info.error)
  })

  it('retries a 2xx answer whose body did not parse (the SDK calls it a client error)', async () => {
    const time = clock()
    const info = failure('CLIENT_ERROR', 'SyntaxError', { status: 200 })
    const { delays } = await retriesOf(
      new BudgetedRetryStrategy(BUDGET, time.now, () => 1),
      info,
      time
    )
    expect(delays).toHaveLength(3)
  })

  it.each(['IDPCommunicationErrorException', 'IDPCommunicationError'])(
    'leaves %s to the caller, who retries it with a fresh token',
    async (name) => {
      const time = clock()
      const info = failure('TRANSIENT', name, { status: 400 })
      const { delays } = await retriesOf(
        new BudgetedRetryStrategy(BUDGET, time.now, () => 1),
        info,
        time
      )
      expect(delays).toEqual([])
    }
  )

  it('waits at least the Retry-After the server asked for', async () => {
    const time = clock()
    const strategy = new BudgetedRetryStrategy(BUDGET, time.now, () => 0)
    const token = await strategy.acquireInitialRetryToken()
    const next = await strategy.refreshRetryTokenForRetry(
      token,
      failure('THROTTLING', 'ThrottlingException', { retryAfterHint: new Date(time.now() + 3_000) })
    )
    expect(next.getRetryDelay()).toBe(3_000)
  })

  it('keeps its own delay when it is longer than the Retry-After', async () => {
    const time = clock()
    const strategy = new BudgetedRetryStrategy(BUDGET, time.now, () => 1)
    const token = await strategy.acquireInitialRetryToken()
    const next = await strategy.refreshRetryTokenForRetry(
      token,
      failure('THROTTLING', 'ThrottlingException', { retryAfterHint: new Date(time.now() + 10) })
    )
    expect(next.getRetryDelay()).toBe(400)
  })

  it('fails at once when the Retry-After would overrun the per-call budget', async () => {
    const time = clock()
    const info = failure('THROTTLING', 'ThrottlingException', {
      retryAfterHint: new Date(time.now() + BUDGET.perCallMs + 1)
    })
    const { delays, thrown } = await retriesOf(
      new BudgetedRetryStrategy(BUDGET, time.now, () => 0),
      info,
      time
    )
    expect(delays).toEqual([])
    expect(thrown).toBe(info.error)
  })

  it('stops when the next attempt would start past the per-call budget', async () => {
    const time = clock()
    const strategy = new BudgetedRetryStrategy({ ...BUDGET, maxAttempts: 100 }, time.now, () => 1)
    // Attempts of 20 s (response timeouts): 0-20 s, 20.4-40.4 s, 41.2-61.2 s; then the call is over.
    const { delays } = await retriesOf(strategy, failure('TRANSIENT', 'TimeoutError'), time, 20_000)
    expect(delays).toEqual([400, 800])
  })

  it('stops at the run deadline, whatever the call has left', async () => {
    const time = clock()
    const strategy = new BudgetedRetryStrategy(
      { ...BUDGET, maxAttempts: 100, runDeadline: time.now() + 1_000 },
      time.now,
      () => 1
    )
    const { delays } = await retriesOf(strategy, failure('THROTTLING'), time)
    // 400 ms, then 400 + 800 would end past the deadline at 1 000 ms.
    expect(delays).toEqual([400])
  })

  it('measures the per-call budget from the first attempt of each call', async () => {
    const time = clock()
    const strategy = new BudgetedRetryStrategy({ ...BUDGET, perCallMs: 1_000 }, time.now, () => 1)
    const first = await strategy.acquireInitialRetryToken()
    time.advance(900)
    await expect(strategy.refreshRetryTokenForRetry(first, failure('TRANSIENT'))).rejects.toThrow()
    // A new call starts its own clock.
    const second = await strategy.acquireInitialRetryToken()
    await expect(
      strategy.refreshRetryTokenForRetry(second, failure('TRANSIENT'))
    ).resolves.toBeDefined()
  })

  it('passes on the SDK error it was given, or a generic one when there is none', async () => {
    const strategy = new BudgetedRetryStrategy({ ...BUDGET, maxAttempts: 1 }, clock().now, () => 0)
    const token = await strategy.acquireInitialRetryToken()
    await expect(
      strategy.refreshRetryTokenForRetry(token, { errorType: 'TRANSIENT' })
    ).rejects.toThrow('request failed')
  })
})
