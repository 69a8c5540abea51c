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

type Operation = 'ListInferenceProfiles' | 'GetCallerIdentity'

/** One call of `operation` through a real SDK client with `retryStrategy`; the client is closed after. */
async function send(
  operation: Operation,
  retryStrategy: BudgetedRetryStrategy
): Promise<{ $metadata: { attempts?: number } }> {
  const config = { region: 'us-east-1', endpoint: emulator.url, credentials, retryStrategy }
  const client =
    operation === 'GetCallerIdentity' ? new STSClient(config) : new BedrockClient(config)
  try {
    return client instanceof STSClient
      ? await client.send(new GetCallerIdentityCommand({}))
      : await client.send(new ListInferenceProfilesCommand({}))
  } finally {
    client.destroy()
  }
}

const rejection = (call: Promise<unknown>): Promise<unknown> => call.catch((e: unknown) => e)

describe('BudgetedRetryStrategy in the SDK', () => {
  it.each<[string, Operation, number]>([
    [
      'a control-plane call throttled ten times still succeeds: the budget decides, not a count',
      'ListInferenceProfiles',
      10
    ],
    ['STS `400 Throttling` is throttling too', 'GetCallerIdentity', 6]
  ])('%s', async (_name, operation, throttled) => {
    withFaults([{ operation, kind: 'throttle', count: throttled }])
    const answer = await send(operation, strategy('budget'))
    expect(answer.$metadata.attempts).toBe(throttled + 1)
    expect(count(operation)).toBe(throttled + 1)
  })

  it('counted throttling (the runtime) stops after maxAttempts', async () => {
    withFaults([{ operation: 'ListInferenceProfiles', kind: 'throttle', count: 10 }])
    const error = await rejection(send('ListInferenceProfiles', strategy('count')))
    expect(error).toMatchObject({ name: 'ThrottlingException', $metadata: { attempts: 4 } })
  })

  it("when the run's budget is spent, the diagnosis says how often and how long it tried", async () => {
    withFaults([{ operation: 'ListInferenceProfiles', kind: 'throttle' }])
    const error = await rejection(send('ListInferenceProfiles', strategy('budget', 100, 300)))
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
    await expect(send('ListInferenceProfiles', strategy('budget'))).rejects.toMatchObject({
      name: 'AccessDeniedException'
    })
    expect(count('ListInferenceProfiles')).toBe(1)
  })
})
