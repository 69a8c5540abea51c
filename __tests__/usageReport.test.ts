import type { CloudWatchLogsClient } from '@aws-sdk/client-cloudwatch-logs'
import type { PricingClient } from '@aws-sdk/client-pricing'
import { matchesFilter, parseFilterPattern } from '../emulator/logFilterPattern.ts'
import {
  pollInterval,
  readSessionRecords,
  sessionFilterPattern
} from '../src/post/invocationLogs.js'
import { estimateCost, PriceList } from '../src/post/priceList.js'
import { sumByModel } from '../src/post/usageTotals.js'

const record = (requestId: string, extra: Record<string, unknown> = {}) => ({
  message: JSON.stringify({
    requestId,
    modelId:
      'arn:aws:bedrock:us-east-1:123456789012:inference-profile/us.anthropic.claude-sonnet-4-6',
    input: { inputTokenCount: 10, cacheReadInputTokenCount: 5, cacheWriteInputTokenCount: 1 },
    output: { outputTokenCount: 3 },
    ...extra
  }),
  timestamp: 1
})

/** A CloudWatch Logs client whose reads return `batches` in turn (the last one repeats). */
function logsReturning(batches: Array<Array<ReturnType<typeof record>>>) {
  let reads = 0
  const client = {
    send: async () => {
      const events = batches[Math.min(reads, batches.length - 1)] ?? []
      reads++
      return { events }
    }
  }
  return { client: client as unknown as CloudWatchLogsClient, reads: () => reads }
}

/** A clock that only moves when the report sleeps. */
function fakeTime(maxWaitMs: number) {
  let now = 0
  return { maxWaitMs, now: () => now, sleep: async (ms: number) => void (now += ms) }
}

describe('reading this job’s invocation records', () => {
  it('reads again until two reads agree', async () => {
    const logs = logsReturning([
      [record('a')],
      [record('a'), record('b')],
      [record('a'), record('b')]
    ])
    const reading = await readSessionRecords(
      logs.client,
      'g',
      '{ }',
      { start: 0 },
      fakeTime(60_000)
    )
    expect(reading.stable).toBe(true)
    expect(reading.records.map((r) => r.requestId)).toEqual(['a', 'b'])
    expect(logs.reads()).toBe(3)
    expect(reading.waitedMs).toBe(2 * pollInterval(60_000))
  })

  it('keeps waiting while nothing has arrived, then stops at the limit', async () => {
    const logs = logsReturning([[]])
    const reading = await readSessionRecords(
      logs.client,
      'g',
      '{ }',
      { start: 0 },
      fakeTime(20_000)
    )
    expect(reading.stable).toBe(false)
    expect(reading.records).toEqual([])
    expect(reading.waitedMs).toBeLessThanOrEqual(20_000)
    // Reads at 0, 2, 4, ... 20 s: the last one exactly at the limit.
    expect(logs.reads()).toBe(11)
  })

  it('turns a refusal into one line that names the permission', async () => {
    const denied = Object.assign(
      new Error('User: x is not authorized to perform: logs:FilterLogEvents'),
      {
        name: 'AccessDeniedException'
      }
    )
    const client = { send: async () => Promise.reject(denied) } as unknown as CloudWatchLogsClient
    const reading = await readSessionRecords(
      client,
      'bedrock-invocations',
      '{ }',
      { start: 0 },
      fakeTime(1000)
    )
    expect(reading.problem?.line).toMatch(
      /could not read the invocation logs in bedrock-invocations .*Fix: allow logs:FilterLogEvents on bedrock-invocations/
    )
  })

  it('matches the session ARN or the metadata session, and nothing without either', () => {
    const pattern = sessionFilterPattern({
      sessionArn: 'arn:aws:sts::1:assumed-role/r/s-1',
      metadataSession: 's-1'
    })
    expect(pattern).toBe(
      '{ ($.identity.arn = "arn:aws:sts::1:assumed-role/r/s-1") || ($.requestMetadata.session = "s-1") }'
    )
    expect(sessionFilterPattern({})).toBeUndefined()
    // The emulator evaluates the same pattern the way CloudWatch does.
    const node = parseFilterPattern(pattern ?? '')
    expect(matchesFilter(node, { identity: { arn: 'arn:aws:sts::1:assumed-role/r/s-1' } })).toBe(
      true
    )
    expect(
      matchesFilter(node, { identity: { arn: 'x' }, requestMetadata: { session: 's-1' } })
    ).toBe(true)
    expect(matchesFilter(node, { identity: { arn: 'arn:aws:sts::1:assumed-role/r/s-10' } })).toBe(
      false
    )
  })

  it('sums per model, with errors and throttles by errorCode', () => {
    const parse = (event: ReturnType<typeof record>) =>
      JSON.parse(event.message) as Record<string, unknown>
    void parse
    const totals = sumByModel('us-east-1', [
      {
        requestId: 'a',
        modelId: 'arn:aws:bedrock:us-east-1:1:inference-profile/us.x',
        inputTokens: 10,
        outputTokens: 3,
        cacheReadInputTokens: 5,
        cacheWriteInputTokens: 1,
        timestamp: 1
      },
      {
        requestId: 'b',
        modelId: 'us.x',
        inputTokens: 0,
        outputTokens: 0,
        cacheReadInputTokens: 0,
        cacheWriteInputTokens: 0,
        errorCode: 'ThrottlingException',
        timestamp: 2
      },
      {
        requestId: 'c',
        modelId: 'us.x',
        inputTokens: 0,
        outputTokens: 0,
        cacheReadInputTokens: 0,
        cacheWriteInputTokens: 0,
        errorCode: 'ModelStreamErrorException',
        timestamp: 3
      }
    ])
    expect(totals).toEqual([
      {
        region: 'us-east-1',
        modelId: 'us.x',
        requests: 3,
        inputTokens: 10,
        outputTokens: 3,
        cacheReadInputTokens: 5,
        cacheWriteInputTokens: 1,
        errors: 1,
        throttles: 1
      }
    ])
  })
})

describe('prices from the AWS Price List', () => {
  const product = (
    model: string,
    inferenceType: string,
    usd: string,
    unit: string,
    feature = 'On-demand Inference'
  ) =>
    // The SDK hands entries over as objects whose text is the JSON (LazyJsonString).
    ({
      toString: () =>
        JSON.stringify({
          product: {
            attributes: {
              model,
              provider: 'Anthropic',
              feature,
              inferenceType,
              regionCode: 'us-east-1'
            }
          },
          terms: {
            OnDemand: { t: { priceDimensions: { d: { unit, pricePerUnit: { USD: usd } } } } }
          },
          publicationDate: '2026-10-01T00:00:00Z'
        })
    })

  it('reads per-1K and per-1M units, keeps to on-demand kinds, and prices every kind used', async () => {
    const client = {
      send: async () => ({
        PriceList: [
          product('Claude Sonnet 4.6', 'Input tokens', '3', '1M tokens'),
          product('Claude Sonnet 4.6', 'Output tokens', '0.015', '1K tokens'),
          product('Claude Sonnet 4.6', 'Cache read input tokens', '0.3', '1M tokens'),
          product('Claude Sonnet 4.6', 'Input tokens', '1.5', '1M tokens', 'Batch Inference'),
          product('Claude Sonnet 4.5', 'Cache write input tokens', '3.75', '1M tokens')
        ]
      })
    } as unknown as PricingClient
    const prices = await new PriceList(client).pricesFor(
      'us-east-1',
      'us.anthropic.claude-sonnet-4-6'
    )
    expect(prices).toEqual({
      input: 3e-6,
      output: expect.closeTo(1.5e-5, 12) as number,
      cacheRead: 3e-7,
      publicationDate: '2026-10-01T00:00:00Z'
    })
    const usage = {
      region: 'us-east-1',
      modelId: 'm',
      requests: 1,
      inputTokens: 1_000_000,
      outputTokens: 1_000,
      cacheReadInputTokens: 0,
      cacheWriteInputTokens: 0,
      errors: 0,
      throttles: 0
    }
    expect(estimateCost(usage, prices).usd).toBeCloseTo(3.015, 6)
    expect(estimateCost({ ...usage, cacheWriteInputTokens: 10 }, prices)).toEqual({
      missing: 'no Price List price for cache-write tokens'
    })
  })
})
