// The retry strategy inside the real SDK clients, against the emulator: how the SDK classifies a
// real 429 / 400 Throttling, and what it records on the final error. Delays of a few ms keep it fast.
import { describe, expect, it } from '@jest/globals'
import { BedrockClient, ListInferenceProfilesCommand } from '@aws-sdk/client-bedrock'
import { GetCallerIdentityCommand, STSClient } from '@aws-sdk/client-sts'
import { loadScenario, type FaultSpec } from '../emulator/index.ts'
import { useEmulator } from '../__fixtures__/emulator.ts'
import { BudgetedRetryStrategy, type ThrottlingRetries } from '../src/aws/retryPolicy.js'
import { diagnoseAwsError } from '../src/diagnosis/diagnose.js'

const emulator = useEmulator()
const ciBot = loadScenario('default').environmentCredentials[1]
const credentials = {
  accessKeyId: ciBot?.accessKeyId ?? '',
  secretAccessKey: ciBot?.secretAccessKey ?? ''
}

function strategy(throttling: ThrottlingRetries, perCallMs = 5_000, runMs = 60_000) {
  return new BudgetedRetryStrategy(
    { maxAttempts: 4, baseDelayMs: 1, maxDelayMs: 5, perCallMs, runDeadline: Date.now() + runMs },
    throttling
  )
}

function withFaults(faults: FaultSpec[]): void {
  const scenario = loadScenario('default')
  scenario.faults = faults
  emulator.setScenario(scenario)
  emulator.clearRequests()
}

const count = (operation: string) =>
  emulator.requests.filter((r) => r.operation === operation).length

describe('BudgetedRetryStrategy in the SDK', () => {
  it('a control-plane call throttled ten times still succeeds: the budget decides, not a count', async () => {
    withFaults([{ operation: 'ListInferenceProfiles', kind: 'throttle', count: 10 }])
    const client = new BedrockClient({
      region: 'us-east-1',
      endpoint: emulator.url,
      credentials,
      retryStrategy: strategy('budget')
    })
    try {
      const answer = await client.send(new ListInferenceProfilesCommand({}))
      expect(answer.$metadata.attempts).toBe(11)
      expect(count('ListInferenceProfiles')).toBe(11)
    } finally {
      client.destroy()
    }
  })

  it('STS `400 Throttling` is throttling too', async () => {
    withFaults([{ operation: 'GetCallerIdentity', kind: 'throttle', count: 6 }])
    const client = new STSClient({
      region: 'us-east-1',
      endpoint: emulator.url,
      credentials,
      retryStrategy: strategy('budget')
    })
    try {
      const answer = await client.send(new GetCallerIdentityCommand({}))
      expect(answer.$metadata.attempts).toBe(7)
    } finally {
      client.destroy()
    }
  })

  it('counted throttling (the runtime) stops after maxAttempts', async () => {
    withFaults([{ operation: 'ListInferenceProfiles', kind: 'throttle', count: 10 }])
    const client = new BedrockClient({
      region: 'us-east-1',
      endpoint: emulator.url,
      credentials,
      retryStrategy: strategy('count')
    })
    try {
      const error = await client.send(new ListInferenceProfilesCommand({})).catch((e: unknown) => e)
      expect(error).toMatchObject({ name: 'ThrottlingException', $metadata: { attempts: 4 } })
    } finally {
      client.destroy()
    }
  })

  it("when the run's budget is spent, the diagnosis says how often and how long it tried", async () => {
    withFaults([{ operation: 'ListInferenceProfiles', kind: 'throttle' }])
    const client = new BedrockClient({
      region: 'us-east-1',
      endpoint: emulator.url,
      credentials,
      retryStrategy: strategy('budget', 100, 300)
    })
    try {
      const error = await client.send(new ListInferenceProfilesCommand({})).catch((e: unknown) => e)
      const attempts = count('ListInferenceProfiles')
      expect(attempts).toBeGreaterThan(4)
      const diagnosis = diagnoseAwsError(error, {
        operation: 'ListInferenceProfiles',
        region: 'us-east-1',
        partition: 'aws'
      })
      expect(diagnosis.cause).toContain(`tried ${attempts} times`)
      expect(diagnosis.cause).toContain('many jobs')
      expect(diagnosis.awsError?.retryDelayMs).toBeGreaterThan(0)
    } finally {
      client.destroy()
    }
  })

  it('an authorization error is final on the first answer', async () => {
    withFaults([
      {
        operation: 'ListInferenceProfiles',
        kind: 'error',
        status: 403,
        code: 'AccessDeniedException',
        message: 'not authorized'
      }
    ])
    const client = new BedrockClient({
      region: 'us-east-1',
      endpoint: emulator.url,
      credentials,
      retryStrategy: strategy('budget')
    })
    try {
      await expect(client.send(new ListInferenceProfilesCommand({}))).rejects.toMatchObject({
        name: 'AccessDeniedException'
      })
      expect(count('ListInferenceProfiles')).toBe(1)
    } finally {
      client.destroy()
    }
  })
})
