// Account-wide rate limits: token buckets per operation (or shared), on a fake clock, then through
// the emulator with real SDK clients.
import { describe, expect, it } from '@jest/globals'
import { GetCallerIdentityCommand, STSClient } from '@aws-sdk/client-sts'
import {
  BedrockClient,
  GetFoundationModelAvailabilityCommand,
  ListFoundationModelsCommand
} from '@aws-sdk/client-bedrock'
import { loadScenario } from '../emulator/index.ts'
import { RateLimiter } from '../emulator/rateLimits.ts'
import { useEmulator } from '../__fixtures__/emulator.ts'

const T0 = 1_000_000

function admitted(limiter: RateLimiter, operation: string, at: number, count: number): number {
  let passed = 0
  for (let i = 0; i < count; i++) if (limiter.admit(operation, at)) passed++
  return passed
}

describe('RateLimiter', () => {
  it('lets a burst through at once, then refills at the rate', () => {
    const limiter = new RateLimiter([
      { operations: ['ListFoundationModels'], requestsPerSecond: 5, burst: 10 }
    ])
    expect(admitted(limiter, 'ListFoundationModels', T0, 20)).toBe(10)
    expect(admitted(limiter, 'ListFoundationModels', T0 + 100, 5)).toBe(0)
    expect(admitted(limiter, 'ListFoundationModels', T0 + 200, 5)).toBe(1)
    expect(admitted(limiter, 'ListFoundationModels', T0 + 1_200, 10)).toBe(5)
    // Never more than the burst, however long it rested.
    expect(admitted(limiter, 'ListFoundationModels', T0 + 60_000, 50)).toBe(10)
  })

  it('keeps one bucket per operation unless told to share', () => {
    const each = new RateLimiter([{ operations: ['*'], requestsPerSecond: 2 }])
    expect(admitted(each, 'ListFoundationModels', T0, 5)).toBe(2)
    expect(admitted(each, 'ListInferenceProfiles', T0, 5)).toBe(2)
    const shared = new RateLimiter([
      {
        operations: ['ListFoundationModels', 'ListInferenceProfiles'],
        requestsPerSecond: 2,
        scope: 'shared'
      }
    ])
    expect(admitted(shared, 'ListFoundationModels', T0, 5)).toBe(2)
    expect(admitted(shared, 'ListInferenceProfiles', T0, 5)).toBe(0)
    expect(admitted(shared, 'Converse', T0, 5)).toBe(5)
  })

  it('takes no token for a throttled request, from any bucket', () => {
    const limiter = new RateLimiter([
      { operations: ['GetFoundationModelAvailability'], requestsPerSecond: 0.001, burst: 3 },
      { operations: ['*'], requestsPerSecond: 1, burst: 1, scope: 'shared' }
    ])
    const availability = 'GetFoundationModelAvailability'
    expect(limiter.admit(availability, T0)).toBe(true)
    // The shared bucket is empty: all throttled, and the per-operation bucket keeps its 2 tokens.
    expect(admitted(limiter, availability, T0, 20)).toBe(0)
    expect(admitted(limiter, availability, T0 + 1_000, 5)).toBe(1)
    expect(admitted(limiter, availability, T0 + 2_000, 5)).toBe(1)
    // Now the per-operation bucket is empty; the shared token it could not use stays for others.
    expect(admitted(limiter, availability, T0 + 3_000, 5)).toBe(0)
    expect(admitted(limiter, 'Converse', T0 + 3_000, 5)).toBe(1)
  })
})

describe('emulator rate limits', () => {
  const emulator = useEmulator()
  const ciBot = loadScenario('default').environmentCredentials[1]
  const credentials = {
    accessKeyId: ciBot?.accessKeyId ?? '',
    secretAccessKey: ciBot?.secretAccessKey ?? ''
  }

  it('throttles the control plane with 429 ThrottlingException and STS with 400 Throttling', async () => {
    const scenario = loadScenario('default')
    scenario.rateLimits = [
      {
        operations: ['ListFoundationModels', 'GetCallerIdentity'],
        requestsPerSecond: 0.001,
        burst: 1
      }
    ]
    emulator.setScenario(scenario)
    emulator.clearRequests()
    const bedrock = new BedrockClient({
      region: 'us-east-1',
      endpoint: emulator.url,
      credentials,
      maxAttempts: 1
    })
    const sts = new STSClient({
      region: 'us-east-1',
      endpoint: emulator.url,
      credentials,
      maxAttempts: 1
    })
    try {
      await bedrock.send(new ListFoundationModelsCommand({}))
      await sts.send(new GetCallerIdentityCommand({}))
      const bedrockError = await bedrock
        .send(new ListFoundationModelsCommand({}))
        .catch((e: unknown) => e)
      const stsError = await sts.send(new GetCallerIdentityCommand({})).catch((e: unknown) => e)
      expect(bedrockError).toMatchObject({
        name: 'ThrottlingException',
        $metadata: { httpStatusCode: 429 }
      })
      expect(stsError).toMatchObject({ name: 'Throttling', $metadata: { httpStatusCode: 400 } })
      // Operations without a limit pass.
      await bedrock.send(
        new GetFoundationModelAvailabilityCommand({
          modelId: 'anthropic.claude-sonnet-4-5-20250929-v1:0'
        })
      )
      const limited = emulator.requests.filter((r) => r.rateLimited)
      expect(limited.map((r) => [r.operation, r.fault, r.errorCode])).toEqual([
        ['ListFoundationModels', 'throttle', 'ThrottlingException'],
        ['GetCallerIdentity', 'throttle', 'Throttling']
      ])
    } finally {
      bedrock.destroy()
      sts.destroy()
    }
  })

  it('resets its buckets with the scenario', async () => {
    const scenario = loadScenario('rate-limited')
    // The scenario's bucket (burst 5), refilling too slowly to matter on a loaded machine.
    const [limit] = scenario.rateLimits ?? []
    if (limit === undefined) throw new Error('rate-limited has a rate limit')
    expect(limit).toMatchObject({ requestsPerSecond: 5, burst: 5, scope: 'shared' })
    scenario.rateLimits = [{ ...limit, requestsPerSecond: 0.001 }]
    emulator.setScenario(scenario)
    const bedrock = new BedrockClient({
      region: 'us-east-1',
      endpoint: emulator.url,
      credentials,
      maxAttempts: 1
    })
    try {
      const outcomes = await Promise.all(
        Array.from({ length: 8 }, () =>
          bedrock.send(new ListFoundationModelsCommand({})).then(
            () => 'ok',
            (e: unknown) => (e as Error).name
          )
        )
      )
      expect(outcomes.filter((o) => o === 'ok')).toHaveLength(5)
      expect(outcomes.filter((o) => o === 'ThrottlingException')).toHaveLength(3)
      emulator.setScenario(scenario)
      await expect(bedrock.send(new ListFoundationModelsCommand({}))).resolves.toBeDefined()
    } finally {
      bedrock.destroy()
    }
  })
})
