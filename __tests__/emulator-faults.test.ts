// Fault injection and request recording, seen through the real SDK clients and their retries.
import { describe, expect, it } from '@jest/globals'
import { GetCallerIdentityCommand, STSClient } from '@aws-sdk/client-sts'
import { BedrockClient, ListFoundationModelsCommand } from '@aws-sdk/client-bedrock'
import { BedrockRuntimeClient, ConverseCommand } from '@aws-sdk/client-bedrock-runtime'
import { NodeHttpHandler } from '@smithy/node-http-handler'
import { loadScenario, startEmulator, type FaultSpec, type Scenario } from '../emulator/index.ts'
import { useEmulator } from '../__fixtures__/emulator.ts'

const SONNET = 'us.anthropic.claude-sonnet-4-5-20250929-v1:0'
const HAIKU = 'us.anthropic.claude-haiku-4-5-20251001-v1:0'
const ciBot = loadScenario('default').environmentCredentials[1]
const credentials = {
  accessKeyId: ciBot?.accessKeyId ?? '',
  secretAccessKey: ciBot?.secretAccessKey ?? ''
}

const emulator = useEmulator()

function withFaults(faults: FaultSpec[], change: (s: Scenario) => void = () => undefined): void {
  const scenario = loadScenario('default')
  scenario.faults = faults
  change(scenario)
  emulator.setScenario(scenario)
}

function runtime(options: { http1?: boolean; maxAttempts?: number; timeoutMs?: number } = {}) {
  const timeouts =
    options.timeoutMs === undefined
      ? {}
      : { requestTimeout: options.timeoutMs, throwOnRequestTimeout: true }
  return new BedrockRuntimeClient({
    region: 'us-east-1',
    endpoint: emulator.url,
    credentials,
    maxAttempts: options.maxAttempts ?? 1,
    requestHandler: options.http1 ? new NodeHttpHandler(timeouts) : timeouts
  })
}

const converse = (client: BedrockRuntimeClient, modelId = SONNET) =>
  client.send(
    new ConverseCommand({
      modelId,
      messages: [{ role: 'user', content: [{ text: 'hi' }] }],
      inferenceConfig: { maxTokens: 1 }
    })
  )

const sts = (maxAttempts = 1): STSClient =>
  new STSClient({ region: 'us-east-1', endpoint: emulator.url, credentials, maxAttempts })

async function errorOf(
  promise: Promise<unknown>
): Promise<Error & { $metadata?: { attempts?: number } }> {
  try {
    await promise
  } catch (error) {
    return error as Error
  }
  throw new Error('expected the call to fail')
}

describe('faults that break the connection or the body', () => {
  it.each([
    ['HTTP/2', false],
    ['HTTP/1.1', true]
  ])('hang: the client request timeout fires (%s)', async (_case, http1) => {
    withFaults([{ operation: 'Converse', kind: 'hang' }])
    const started = Date.now()
    const error = await errorOf(converse(runtime({ http1, timeoutMs: 300 })))
    expect(error.name).toBe('TimeoutError')
    expect(Date.now() - started).toBeLessThan(3000)
    expect(emulator.requests.at(-1)).toMatchObject({
      operation: 'Converse',
      fault: 'hang',
      status: 0
    })
  })

  const breaking: Array<[FaultSpec['kind'], boolean]> = [
    ['drop', false],
    ['drop', true],
    ['truncate', false],
    ['truncate', true],
    ['malformed', false],
    ['malformed', true]
  ]
  it.each(breaking)('%s: the SDK reports an error (HTTP/1.1: %s)', async (kind, http1) => {
    withFaults([{ operation: 'Converse', kind }])
    await expect(converse(runtime({ http1 }))).rejects.toThrow()
    expect(emulator.requests.at(-1)).toMatchObject({ operation: 'Converse', fault: kind })
    withFaults([])
    await expect(converse(runtime({ http1 }))).resolves.toMatchObject({ stopReason: 'max_tokens' })
  })

  it.each(['malformed', 'truncate', 'drop'] as const)(
    '%s breaks STS XML answers too',
    async (kind) => {
      withFaults([{ operation: 'GetCallerIdentity', kind }])
      await expect(sts().send(new GetCallerIdentityCommand({}))).rejects.toThrow()
    }
  )

  it('malformed bodies are syntactically broken but keep the status and request id', async () => {
    withFaults([{ operation: 'ListFoundationModels', kind: 'malformed' }])
    const key = loadScenario('default').apiKeys[0]?.key ?? ''
    const response = await fetch(`${emulator.url}/foundation-models`, {
      headers: { authorization: `Bearer ${key}` }
    })
    expect(response.status).toBe(200)
    expect(response.headers.get('x-amzn-requestid')).toBeTruthy()
    const text = await response.text()
    expect(text.startsWith('{"modelSummaries":[')).toBe(true)
    expect(() => JSON.parse(text)).toThrow()
  })
})

describe('faults that answer with an error', () => {
  it('error: any status, code and message, with a request id', async () => {
    withFaults([
      {
        operation: 'Converse',
        kind: 'error',
        status: 429,
        code: 'ServiceQuotaExceededException',
        message: 'Too many tokens per day, please wait before trying again.'
      }
    ])
    const error = await errorOf(converse(runtime()))
    expect(error).toMatchObject({
      name: 'ServiceQuotaExceededException',
      message: 'Too many tokens per day, please wait before trying again.',
      $metadata: { httpStatusCode: 429, requestId: expect.stringMatching(/^[0-9a-f-]{36}$/) }
    })
  })

  it('throttle: the SDK standard retry succeeds after 2 throttles', async () => {
    withFaults([{ operation: 'Converse', kind: 'throttle', count: 2 }])
    const output = await converse(runtime({ maxAttempts: 3 }))
    expect(output.$metadata.attempts).toBe(3)
    expect(emulator.requests.map((r) => [r.status, r.errorCode])).toEqual([
      [429, 'ThrottlingException'],
      [429, 'ThrottlingException'],
      [200, undefined]
    ])
  })

  it('throttle: STS answers 400 Throttling "Rate exceeded", which the SDK retries', async () => {
    withFaults([{ operation: 'GetCallerIdentity', kind: 'throttle', count: 1 }])
    const output = await sts(3).send(new GetCallerIdentityCommand({}))
    expect(output.$metadata.attempts).toBe(2)
    expect(emulator.requests[0]).toMatchObject({ status: 400, errorCode: 'Throttling' })
  })

  it('throttle without a count persists; retryAfterSeconds sets Retry-After', async () => {
    withFaults([{ operation: 'ListFoundationModels', kind: 'throttle', retryAfterSeconds: 7 }])
    const key = loadScenario('default').apiKeys[0]?.key ?? ''
    for (let i = 0; i < 3; i++) {
      const response = await fetch(`${emulator.url}/foundation-models`, {
        headers: { authorization: `Bearer ${key}` }
      })
      expect(response.status).toBe(429)
      expect(response.headers.get('retry-after')).toBe('7')
      expect(response.headers.get('x-amzn-errortype')).toMatch(/^ThrottlingException:/)
      expect(await response.json()).toEqual({
        message: 'Too many requests, please wait before trying again.'
      })
    }
  })

  it('status: 5xx N times, then success through the SDK retry', async () => {
    withFaults([{ operation: '*', kind: 'status', status: 503, count: 2 }])
    const output = await new BedrockClient({
      region: 'us-east-1',
      endpoint: emulator.url,
      credentials,
      maxAttempts: 3
    }).send(new ListFoundationModelsCommand({}))
    expect(output.$metadata.attempts).toBe(3)
    expect(emulator.requests.map((r) => r.errorCode)).toEqual([
      'ServiceUnavailableException',
      'ServiceUnavailableException',
      undefined
    ])
  })

  it('status 500 on STS uses the awsQuery form', async () => {
    withFaults([{ operation: 'GetCallerIdentity', kind: 'status', status: 500 }])
    const error = await errorOf(sts().send(new GetCallerIdentityCommand({})))
    expect(error).toMatchObject({ name: 'InternalFailure', $metadata: { httpStatusCode: 500 } })
  })

  it('match: limits a fault to requests whose path names the model', async () => {
    withFaults([
      {
        operation: 'Converse',
        kind: 'error',
        status: 403,
        code: 'AccessDeniedException',
        match: 'haiku'
      }
    ])
    await expect(converse(runtime(), SONNET)).resolves.toBeDefined()
    await expect(converse(runtime(), HAIKU)).rejects.toThrow('Injected error')
  })

  it('setScenario resets the fault counters', async () => {
    const once: FaultSpec[] = [{ operation: 'Converse', kind: 'status', status: 500, count: 1 }]
    withFaults(once)
    await expect(converse(runtime())).rejects.toMatchObject({ name: 'InternalServerException' })
    await expect(converse(runtime())).resolves.toBeDefined()
    withFaults(once)
    await expect(converse(runtime())).rejects.toMatchObject({ name: 'InternalServerException' })
  })

  it('faults apply to the OIDC endpoint too', async () => {
    withFaults([{ operation: 'GetIdToken', kind: 'status', status: 500, count: 1 }])
    const env = emulator.runnerEnv()
    const get = () =>
      fetch(env['ACTIONS_ID_TOKEN_REQUEST_URL'] ?? '', {
        headers: { authorization: `Bearer ${env['ACTIONS_ID_TOKEN_REQUEST_TOKEN']}` }
      })
    expect((await get()).status).toBe(500)
    expect((await get()).status).toBe(200)
  })
})

describe('latency', () => {
  it('adds the global latencyMs and latency faults to matching requests', async () => {
    withFaults([{ operation: 'Converse', kind: 'latency', ms: 150 }], (s) => (s.latencyMs = 100))
    await sts().send(new GetCallerIdentityCommand({}))
    await converse(runtime())
    const [identity, model] = emulator.requests
    // Lower bounds only: a busy machine may add time, never remove it.
    expect(identity?.durationMs).toBeGreaterThanOrEqual(100)
    expect(model?.durationMs).toBeGreaterThanOrEqual(250)
    expect(identity?.fault).toBeUndefined()
    expect(model?.fault).toBe('latency')
  })

  it('makes a request on a new connection wait for connectionSetupMs, not one on an older one', async () => {
    withFaults([], (s) => (s.connectionSetupMs = 200))
    const client = sts()
    await client.send(new GetCallerIdentityCommand({}))
    await new Promise((resolve) => setTimeout(resolve, 250))
    await client.send(new GetCallerIdentityCommand({}))
    const [first, second] = emulator.requests
    expect(first?.durationMs).toBeGreaterThanOrEqual(200)
    // Same keep-alive connection, opened more than connectionSetupMs before the second request.
    expect(second?.connectionOpenedAt).toBe(first?.connectionOpenedAt)
    expect((second?.startedAt ?? 0) - (second?.connectionOpenedAt ?? 0)).toBeGreaterThanOrEqual(200)
    expect(first?.connectionOpenedAt).toBeLessThanOrEqual(first?.startedAt ?? 0)
  })
})

describe('request recording', () => {
  it('records every request in arrival order with its outcome', async () => {
    await sts().send(new GetCallerIdentityCommand({}))
    await converse(runtime({ http1: true }), 'nope')
      .then(() => undefined)
      .catch(() => undefined)
    const [first, second] = emulator.requests
    expect(emulator.requests).toHaveLength(2)
    expect(first).toMatchObject({
      service: 'sts',
      operation: 'GetCallerIdentity',
      method: 'POST',
      path: '/',
      auth: 'sigv4',
      region: 'us-east-1',
      accessKeyId: credentials.accessKeyId,
      status: 200,
      httpVersion: '1.1'
    })
    expect(second).toMatchObject({
      service: 'bedrock-runtime',
      operation: 'Converse',
      path: '/model/nope/converse',
      status: 400,
      errorCode: 'ValidationException'
    })
    expect(second?.at).toBeGreaterThanOrEqual(first?.at ?? Infinity)
    expect(first?.endedAt).toBeGreaterThanOrEqual(first?.startedAt ?? Infinity)
    emulator.clearRequests()
    expect(emulator.requests).toHaveLength(0)
  })

  it('close() ends hung connections', async () => {
    const own = await startEmulator({ scenario: 'default' })
    const scenario = loadScenario('default')
    scenario.faults = [{ operation: '*', kind: 'hang' }]
    own.setScenario(scenario)
    const pending = fetch(`${own.url}/foundation-models`).then(
      () => 'answered',
      () => 'failed'
    )
    await new Promise((resolve) => setTimeout(resolve, 100))
    await own.close()
    expect(await pending).toBe('failed')
  })
})
