import type { RetryErrorInfo, RetryErrorType, RetryToken } from '@smithy/types'
import {
  BudgetedRetryStrategy,
  decorrelatedJitter,
  type RetryBudget,
  type ThrottlingRetries
} from '../src/aws/retryPolicy.js'

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

describe('decorrelatedJitter', () => {
  it.each([
    [0, 0, 200],
    [0, 1, 600],
    [0, 0.5, 400],
    [400, 1, 1_200],
    [400, 0, 200],
    [1_200, 1, 3_600],
    [3_600, 1, 5_000],
    [5_000, 0.5, 5_000],
    [5_000, 0, 200]
  ])(
    'after %i ms with random %f waits %i ms (between the base and 3x the last, capped)',
    (previous, random, expected) => {
      expect(decorrelatedJitter(previous, BUDGET, () => random)).toBe(expected)
    }
  )
})

describe('BudgetedRetryStrategy', () => {
  const mode: ThrottlingRetries = 'count'

  it.each<RetryErrorType>(['THROTTLING', 'TRANSIENT', 'SERVER_ERROR'])(
    'retries %s with growing jittered delays, up to maxAttempts',
    async (type) => {
      const time = clock()
      const strategy = new BudgetedRetryStrategy(BUDGET, mode, time.now, () => 1)
      const info = failure(type)
      const { delays, thrown } = await retriesOf(strategy, info, time)
      expect(delays).toEqual([600, 1_800, 5_000])
      expect(thrown).toBe(info.error)
    }
  )

  it('draws each delay from the jitter source', async () => {
    const time = clock()
    const draws = [0.25, 0.5, 0.75]
    const strategy = new BudgetedRetryStrategy(BUDGET, mode, time.now, () => draws.shift() ?? 0)
    const { delays } = await retriesOf(strategy, failure('THROTTLING'), time)
    expect(delays).toEqual([300, 550, 1_288])
  })

  it('counts retries on the token', async () => {
    const strategy = new BudgetedRetryStrategy(BUDGET, 'count', clock().now, () => 0)
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
      new BudgetedRetryStrategy(BUDGET, 'count', time.now, () => 1),
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
      new BudgetedRetryStrategy(BUDGET, 'count', time.now, () => 1),
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
        new BudgetedRetryStrategy(BUDGET, 'count', time.now, () => 1),
        info,
        time
      )
      expect(delays).toEqual([])
    }
  )

  it('waits at least the Retry-After the server asked for', async () => {
    const time = clock()
    const strategy = new BudgetedRetryStrategy(BUDGET, mode, time.now, () => 0)
    const token = await strategy.acquireInitialRetryToken()
    const next = await strategy.refreshRetryTokenForRetry(
      token,
      failure('THROTTLING', 'ThrottlingException', { retryAfterHint: new Date(time.now() + 3_000) })
    )
    expect(next.getRetryDelay()).toBe(3_000)
  })

  it('keeps its own delay when it is longer than the Retry-After', async () => {
    const time = clock()
    const strategy = new BudgetedRetryStrategy(BUDGET, mode, time.now, () => 1)
    const token = await strategy.acquireInitialRetryToken()
    const next = await strategy.refreshRetryTokenForRetry(
      token,
      failure('THROTTLING', 'ThrottlingException', { retryAfterHint: new Date(time.now() + 10) })
    )
    expect(next.getRetryDelay()).toBe(600)
  })

  it('fails at once when the Retry-After would overrun the per-call budget', async () => {
    const time = clock()
    const info = failure('THROTTLING', 'ThrottlingException', {
      retryAfterHint: new Date(time.now() + BUDGET.perCallMs + 1)
    })
    const { delays, thrown } = await retriesOf(
      new BudgetedRetryStrategy(BUDGET, 'count', time.now, () => 0),
      info,
      time
    )
    expect(delays).toEqual([])
    expect(thrown).toBe(info.error)
  })

  it('stops when the next attempt would start past the per-call budget', async () => {
    const time = clock()
    const strategy = new BudgetedRetryStrategy(
      { ...BUDGET, maxAttempts: 100 },
      'count',
      time.now,
      () => 1
    )
    // Attempts of 20 s (response timeouts): 0-20 s, 20.6-40.6 s, 42.4-62.4 s; then the call is over.
    const { delays } = await retriesOf(strategy, failure('TRANSIENT', 'TimeoutError'), time, 20_000)
    expect(delays).toEqual([600, 1_800])
  })

  it('stops at the run deadline, whatever the call has left', async () => {
    const time = clock()
    const strategy = new BudgetedRetryStrategy(
      { ...BUDGET, maxAttempts: 100, runDeadline: time.now() + 1_000 },
      'count',
      time.now,
      () => 1
    )
    const { delays } = await retriesOf(strategy, failure('THROTTLING'), time)
    // 600 ms; then 1 800 would end past the deadline at 1 000 ms, so the last retry is pulled
    // forward to start one base delay (200 ms) before it.
    expect(delays).toEqual([600, 200])
  })

  it('measures the per-call budget from the first attempt of each call', async () => {
    const time = clock()
    const strategy = new BudgetedRetryStrategy(
      { ...BUDGET, perCallMs: 1_000 },
      'count',
      time.now,
      () => 1
    )
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
    const strategy = new BudgetedRetryStrategy(
      { ...BUDGET, maxAttempts: 1 },
      'count',
      clock().now,
      () => 0
    )
    const token = await strategy.acquireInitialRetryToken()
    await expect(
      strategy.refreshRetryTokenForRetry(token, { errorType: 'TRANSIENT' })
    ).rejects.toThrow('request failed')
  })
})

describe('BudgetedRetryStrategy for shared rate limits (STS, Bedrock control plane)', () => {
  it("retries throttling until the run's deadline, past the per-call budget, not a count", async () => {
    const time = clock()
    const strategy = new BudgetedRetryStrategy(BUDGET, 'budget', time.now, () => 1)
    const info = failure('THROTTLING', 'ThrottlingException', { status: 429 })
    const { delays, thrown } = await retriesOf(strategy, info, time)
    // 0.6 + 1.8 + 23 x 5 s = 117.4 s; one more 5 s delay would start past the run's 120 s, so the
    // last retry starts at 119.8 s, one base delay before the deadline.
    expect(delays).toEqual([600, 1_800, ...Array<number>(23).fill(5_000), 2_400])
    expect(thrown).toBe(info.error)
  })

  it('spreads a herd: random draws give each job its own schedule', async () => {
    const schedules = await Promise.all(
      [0.1, 0.5, 0.9].map(async (draw) => {
        const time = clock()
        const strategy = new BudgetedRetryStrategy(BUDGET, 'budget', time.now, () => draw)
        return (await retriesOf(strategy, failure('THROTTLING'), time)).delays.slice(0, 3)
      })
    )
    expect(schedules).toEqual([
      [240, 252, 256],
      [400, 700, 1_150],
      [560, 1_532, 4_156]
    ])
  })

  it('still counts 5xx and network errors', async () => {
    const time = clock()
    const strategy = new BudgetedRetryStrategy(BUDGET, 'budget', time.now, () => 1)
    for (const type of ['TRANSIENT', 'SERVER_ERROR'] as const) {
      const { delays } = await retriesOf(strategy, failure(type), time)
      expect(delays).toHaveLength(BUDGET.maxAttempts - 1)
    }
  })

  it.each([
    ['AccessDenied', 403],
    ['ValidationError', 400],
    ['InvalidIdentityToken', 400]
  ])('still fails at once on %s', async (name, status) => {
    const time = clock()
    const info = failure('CLIENT_ERROR', name, { status })
    const { delays } = await retriesOf(
      new BudgetedRetryStrategy(BUDGET, 'budget', time.now, () => 1),
      info,
      time
    )
    expect(delays).toEqual([])
  })

  it('stops at the run deadline', async () => {
    const time = clock()
    const strategy = new BudgetedRetryStrategy(
      { ...BUDGET, runDeadline: time.now() + 10_000 },
      'budget',
      time.now,
      () => 1
    )
    const { delays } = await retriesOf(strategy, failure('THROTTLING'), time, 100)
    // Attempts of 100 ms: 0.1 + 0.6 + 0.1 + 1.8 + 0.1 = 2.7 s, + 5.1 s = 7.8 s; 7.8 + 5 > 10, so
    // the last retry waits until 9.8 s; after it nothing can start before the deadline.
    expect(delays).toEqual([600, 1_800, 5_000, 2_000])
  })

  it('honours Retry-After on every retry', async () => {
    const time = clock()
    const strategy = new BudgetedRetryStrategy(BUDGET, 'budget', time.now, () => 0)
    let token = await strategy.acquireInitialRetryToken()
    for (let i = 0; i < 5; i++) {
      token = await strategy.refreshRetryTokenForRetry(
        token,
        failure('THROTTLING', 'Throttling', { retryAfterHint: new Date(time.now() + 2_000) })
      )
      expect(token.getRetryDelay()).toBe(2_000)
      time.advance(2_000)
    }
  })

  it('never retries in a tight loop near the deadline, however fast the answers come', async () => {
    const time = clock()
    const strategy = new BudgetedRetryStrategy(BUDGET, 'budget', time.now, () => 0)
    const { delays } = await retriesOf(strategy, failure('THROTTLING'), time)
    expect(delays.every((delay) => delay >= BUDGET.baseDelayMs)).toBe(true)
    expect(delays.reduce((sum, delay) => sum + delay, 0)).toBeLessThanOrEqual(
      BUDGET.runDeadline - 1_000_000 - BUDGET.baseDelayMs
    )
  })
})
