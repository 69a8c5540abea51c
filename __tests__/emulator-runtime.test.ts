// The emulator's Bedrock runtime, driven by the real @aws-sdk/client-bedrock-runtime over its
// default HTTP/2 and over HTTP/1.1, with credentials from the emulator's own OIDC + STS.
import { beforeAll, describe, expect, it } from '@jest/globals'
import { AssumeRoleWithWebIdentityCommand, STSClient } from '@aws-sdk/client-sts'
import {
  BedrockRuntimeClient,
  ConverseCommand,
  CountTokensCommand,
  InvokeModelCommand,
  InvokeModelWithResponseStreamCommand
} from '@aws-sdk/client-bedrock-runtime'
import { NodeHttpHandler } from '@smithy/node-http-handler'
import { loadScenario } from '../emulator/index.ts'
import { useEmulator } from '../__fixtures__/emulator.ts'

const ACCOUNT = '123456789012'
const SONNET_45 = 'anthropic.claude-sonnet-4-5-20250929-v1:0'
const HAIKU_3 = 'anthropic.claude-3-haiku-20240307-v1:0'
const SONNET_37 = 'anthropic.claude-3-7-sonnet-20250219-v1:0'
const US_SONNET_ARN = `arn:aws:bedrock:us-east-1:${ACCOUNT}:inference-profile/us.${SONNET_45}`
const fm = (region: string, id: string): string =>
  `arn:aws:bedrock:${region}::foundation-model/${id}`
const ROLE = `arn:aws:sts::${ACCOUNT}:assumed-role/claude-code/gh-123-1`

interface AwsCredentials {
  accessKeyId: string
  secretAccessKey: string
  sessionToken: string
}

const emulator = useEmulator()
let roleCredentials: AwsCredentials

async function assumeRole(): Promise<AwsCredentials> {
  const env = emulator.runnerEnv()
  const response = await fetch(
    `${env['ACTIONS_ID_TOKEN_REQUEST_URL']}&audience=sts.amazonaws.com`,
    {
      headers: { authorization: `Bearer ${env['ACTIONS_ID_TOKEN_REQUEST_TOKEN']}` }
    }
  )
  const { value } = (await response.json()) as { value: string }
  const sts = new STSClient({ region: 'us-east-1', endpoint: emulator.url })
  const { Credentials } = await sts.send(
    new AssumeRoleWithWebIdentityCommand({
      RoleArn: `arn:aws:iam::${ACCOUNT}:role/claude-code`,
      RoleSessionName: 'gh-123-1',
      WebIdentityToken: value
    })
  )
  return {
    accessKeyId: Credentials?.AccessKeyId ?? '',
    secretAccessKey: Credentials?.SecretAccessKey ?? '',
    sessionToken: Credentials?.SessionToken ?? ''
  }
}

beforeAll(async () => {
  roleCredentials = await assumeRole()
})

function runtime(options: { region?: string; http1?: boolean } = {}): BedrockRuntimeClient {
  return new BedrockRuntimeClient({
    region: options.region ?? 'us-east-1',
    endpoint: emulator.url,
    maxAttempts: 1,
    credentials: roleCredentials,
    ...(options.http1 && { requestHandler: new NodeHttpHandler() })
  })
}

const converse = (modelId: string, client = runtime()) =>
  client.send(
    new ConverseCommand({
      modelId,
      messages: [{ role: 'user', content: [{ text: 'Reply with one word.' }] }],
      inferenceConfig: { maxTokens: 1 }
    })
  )

async function errorOf(promise: Promise<unknown>): Promise<{ name: string; message: string }> {
  try {
    await promise
  } catch (error) {
    return error as { name: string; message: string }
  }
  throw new Error('expected the call to fail')
}

describe('Converse', () => {
  it.each([
    ['HTTP/2 (the SDK default)', false, '2.0'],
    ['HTTP/1.1 (NodeHttpHandler)', true, '1.1']
  ])('answers over %s', async (_case, http1, version) => {
    const output = await converse(`us.${SONNET_45}`, runtime({ http1 }))
    expect(output.output?.message?.role).toBe('assistant')
    expect(output.output?.message?.content?.[0]?.text).toBe('Hello!')
    expect(output.stopReason).toBe('max_tokens')
    expect(output.usage).toMatchObject({ outputTokens: 1, totalTokens: expect.any(Number) })
    expect(output.metrics?.latencyMs).toBeGreaterThan(0)
    expect(emulator.requests.at(-1)).toMatchObject({
      service: 'bedrock-runtime',
      operation: 'Converse',
      httpVersion: version,
      region: 'us-east-1',
      accessKeyId: roleCredentials.accessKeyId,
      auth: 'sigv4',
      status: 200
    })
  })

  it('answers the whole reply with end_turn when maxTokens allows', async () => {
    const output = await runtime().send(
      new ConverseCommand({
        modelId: `global.${SONNET_45}`,
        messages: [{ role: 'user', content: [{ text: 'Hi' }] }],
        inferenceConfig: { maxTokens: 500 }
      })
    )
    expect(output.stopReason).toBe('end_turn')
    expect(output.output?.message?.content?.[0]?.text).toBe(loadScenario('default').replyText)
  })

  const accepted: Array<[string, string, string]> = [
    ['a system profile id', `us.${SONNET_45}`, 'us-east-1'],
    ['a system profile ARN', US_SONNET_ARN, 'us-east-1'],
    [
      'an application profile ARN',
      `arn:aws:bedrock:us-east-1:${ACCOUNT}:application-inference-profile/k3x9p2q7w1ab`,
      'us-east-1'
    ],
    ['an on-demand base model id', HAIKU_3, 'us-east-1'],
    ['an on-demand foundation-model ARN', fm('us-east-1', HAIKU_3), 'us-east-1'],
    ['a global profile from Tokyo', 'global.anthropic.claude-opus-4-6-v1', 'ap-northeast-1'],
    ['a us-gov profile in GovCloud', `us-gov.${SONNET_45}`, 'us-gov-west-1']
  ]
  it.each(accepted)('accepts %s', async (_case, modelId, region) => {
    if (region === 'us-gov-west-1') {
      const scenario = loadScenario('default')
      scenario.roles[0]?.policy.push({
        effect: 'Allow',
        actions: ['bedrock:*'],
        resources: ['arn:aws-us-gov:bedrock:*']
      })
      emulator.setScenario(scenario)
    }
    const output = await converse(modelId, runtime({ region }))
    expect(output.stopReason).toBe('max_tokens')
  })

  const rejected: Array<[string, string, string, string]> = [
    [
      'a base id without on-demand throughput',
      SONNET_45,
      `Invocation of model ID ${SONNET_45} with on-demand throughput isn\u2019t supported. Retry your request with the ID or ARN of an inference profile that contains this model.`,
      'us-east-1'
    ],
    [
      'a typo',
      'us.anthropic.claude-sonet-4-5-20250929-v1:0',
      'The provided model identifier is invalid.',
      'us-east-1'
    ],
    [
      'a profile not offered in the region',
      'apac.anthropic.claude-opus-4-6-v1',
      'The provided model identifier is invalid.',
      'ap-southeast-1'
    ],
    [
      'a profile ARN of another region',
      US_SONNET_ARN,
      'The provided model identifier is invalid.',
      'us-west-2'
    ]
  ]
  it.each(rejected)(
    'rejects %s with ValidationException',
    async (_case, modelId, message, region) => {
      const error = await errorOf(converse(modelId, runtime({ region })))
      expect(error).toMatchObject({ name: 'ValidationException', message })
    }
  )
})

describe('authorization and model access', () => {
  const cases: Array<[string, string, string, string]> = [
    [
      'no-invoke-permission',
      `us.${SONNET_45}`,
      'AccessDeniedException',
      `User: ${ROLE} is not authorized to perform: bedrock:InvokeModel on resource: ${US_SONNET_ARN} because no identity-based policy allows the bedrock:InvokeModel action`
    ],
    [
      'profile-only-permission',
      `us.${SONNET_45}`,
      'AccessDeniedException',
      `User: ${ROLE} is not authorized to perform: bedrock:InvokeModel on resource: ${fm('us-east-2', SONNET_45)} because no identity-based policy allows the bedrock:InvokeModel action`
    ],
    [
      'scp-denies-region',
      `us.${SONNET_45}`,
      'AccessDeniedException',
      `User: ${ROLE} is not authorized to perform: bedrock:InvokeModel on resource: ${fm('us-west-2', SONNET_45)} with an explicit deny in a service control policy`
    ],
    [
      'agreement-pending',
      `us.${SONNET_45}`,
      'AccessDeniedException',
      "You don't have access to the model with the specified model ID."
    ],
    [
      'use-case-not-submitted',
      `us.${SONNET_45}`,
      'ResourceNotFoundException',
      'Model use case details have not been submitted for this account. Fill out the Anthropic use case details form before using the model. If you have already filled out the form, try again in 15 minutes.'
    ],
    [
      'marketplace-denied',
      `us.${SONNET_45}`,
      'AccessDeniedException',
      'Model access is denied due to IAM user or service role is not authorized to perform the required AWS Marketplace actions (aws-marketplace:ViewSubscriptions, aws-marketplace:Subscribe) to enable access to this model. Refer to the Amazon Bedrock documentation for further details. Your AWS Marketplace subscription for this model cannot be completed at this time. If you recently fixed this issue, try again after 15 minutes.'
    ],
    [
      'legacy-model',
      `us.${SONNET_37}`,
      // Seen in the field: "Access denied" inside a 404, not an AccessDeniedException.
      'ResourceNotFoundException',
      'Access denied. This Model is marked by provider as Legacy and you have not been actively using the model in the last 30 days. Please upgrade to an active model on Amazon Bedrock'
    ],
    [
      'end-of-life',
      HAIKU_3,
      'ResourceNotFoundException',
      'This model version has reached the end of its life. Please refer to the AWS documentation for more details.'
    ]
  ]
  it.each(cases)('%s: Converse on %s fails with %s', async (scenario, modelId, code, message) => {
    emulator.setScenario(loadScenario(scenario))
    const error = await errorOf(converse(modelId))
    expect(error).toMatchObject({ name: code, message })
    const request = emulator.requests.at(-1)
    expect(request?.errorCode).toBe(code)
  })

  it('lets active models through in the legacy-model scenario', async () => {
    emulator.setScenario(loadScenario('legacy-model'))
    await expect(converse(`us.${SONNET_45}`)).resolves.toMatchObject({ stopReason: 'max_tokens' })
  })

  it('serves Bedrock API keys (Bearer) in the default region', async () => {
    const key = loadScenario('default').apiKeys[0]?.key ?? ''
    const response = await fetch(
      `${emulator.url}/model/${encodeURIComponent(`us.${SONNET_45}`)}/converse`,
      {
        method: 'POST',
        headers: { authorization: `Bearer ${key}`, 'content-type': 'application/json' },
        body: JSON.stringify({
          messages: [{ role: 'user', content: [{ text: 'hi' }] }],
          inferenceConfig: { maxTokens: 1 }
        })
      }
    )
    expect(response.status).toBe(200)
    expect(response.headers.get('x-amzn-requestid')).toMatch(/^[0-9a-f-]{36}$/)
    expect(emulator.requests.at(-1)).toMatchObject({
      auth: 'bearer',
      operation: 'Converse',
      status: 200
    })
  })
})

describe('SigV4 authentication', () => {
  const ciBot = loadScenario('default').environmentCredentials[1]
  const bot = {
    accessKeyId: ciBot?.accessKeyId ?? '',
    secretAccessKey: ciBot?.secretAccessKey ?? ''
  }
  const cases: Array<[string, () => Partial<AwsCredentials>, string, string]> = [
    [
      'an unknown access key',
      () => ({ ...roleCredentials, accessKeyId: 'ASIAUNKNOWNKEY000000' }),
      'UnrecognizedClientException',
      'The security token included in the request is invalid.'
    ],
    [
      'a wrong secret key',
      () => ({ ...roleCredentials, secretAccessKey: 'y'.repeat(40) }),
      'InvalidSignatureException',
      'The request signature we calculated does not match the signature you provided. Check your AWS Secret Access Key and signing method. Consult the service documentation for details.'
    ],
    [
      "another session's token",
      () => ({ ...roleCredentials, sessionToken: ciBot?.sessionToken ?? 'x' }),
      'UnrecognizedClientException',
      'The security token included in the request is invalid.'
    ]
  ]
  it.each(cases)('rejects %s', async (_case, make, code, message) => {
    const client = new BedrockRuntimeClient({
      region: 'us-east-1',
      endpoint: emulator.url,
      maxAttempts: 1,
      credentials: make() as AwsCredentials
    })
    await expect(converse(`us.${SONNET_45}`, client)).rejects.toMatchObject({ name: code, message })
  })

  it('rejects environment credentials past their expiry with ExpiredTokenException', async () => {
    const scenario = loadScenario('default')
    const spec = scenario.environmentCredentials[1]
    if (spec) spec.expiresAt = new Date(Date.now() - 1000).toISOString()
    emulator.setScenario(scenario)
    const client = new BedrockRuntimeClient({
      region: 'us-east-1',
      endpoint: emulator.url,
      maxAttempts: 1,
      credentials: bot
    })
    await expect(converse(`us.${SONNET_45}`, client)).rejects.toMatchObject({
      name: 'ExpiredTokenException',
      message: 'The security token included in the request is expired'
    })
  })

  it('verifies signatures over percent-encoded labels and awkward query strings', async () => {
    const { BedrockClient, ListFoundationModelsCommand, GetFoundationModelAvailabilityCommand } =
      await import('@aws-sdk/client-bedrock')
    const client = new BedrockClient({
      region: 'us-east-1',
      endpoint: emulator.url,
      credentials: bot
    })
    const odd = await client.send(
      new ListFoundationModelsCommand({ byProvider: "Meta (Llama)*!' +/~" })
    )
    expect(odd.modelSummaries).toEqual([])
    const report = await client.send(
      new GetFoundationModelAvailabilityCommand({ modelId: HAIKU_3 })
    )
    expect(report.modelId).toBe(HAIKU_3)
    expect(emulator.requests.at(-1)?.path).toBe(
      `/foundation-model-availability/${encodeURIComponent(HAIKU_3)}`
    )
  })
})

describe('InvokeModel, streaming and CountTokens', () => {
  const anthropicBody = (maxTokens: number): string =>
    JSON.stringify({
      anthropic_version: 'bedrock-2023-05-31',
      max_tokens: maxTokens,
      messages: [{ role: 'user', content: 'Say hello' }]
    })

  it('InvokeModel returns an Anthropic Messages body (over HTTP/1.1 like Claude Code)', async () => {
    const output = await runtime({ http1: true }).send(
      new InvokeModelCommand({ modelId: `us.${SONNET_45}`, body: anthropicBody(3) })
    )
    const message = JSON.parse(Buffer.from(output.body).toString('utf8'))
    expect(message).toMatchObject({
      type: 'message',
      role: 'assistant',
      model: 'claude-sonnet-4-5-20250929',
      content: [{ type: 'text', text: 'Hello! This is' }],
      stop_reason: 'max_tokens',
      usage: { output_tokens: 3, input_tokens: expect.any(Number) }
    })
    expect(message.id).toMatch(/^msg_bdrk_/)
  })

  it('InvokeModel rejects a body without max_tokens like Bedrock', async () => {
    const error = await errorOf(
      runtime().send(
        new InvokeModelCommand({
          modelId: `us.${SONNET_45}`,
          body: JSON.stringify({ anthropic_version: 'bedrock-2023-05-31', messages: [] })
        })
      )
    )
    expect(error.message).toBe(
      'Malformed input request: #: required key [max_tokens] not found, please reformat your input and try again.'
    )
  })

  it('InvokeModelWithResponseStream sends a valid event stream of Anthropic events', async () => {
    const output = await runtime().send(
      new InvokeModelWithResponseStreamCommand({
        modelId: `us.${SONNET_45}`,
        body: anthropicBody(100)
      })
    )
    const events: Array<{ type: string; delta?: { text?: string; stop_reason?: string } }> = []
    for await (const event of output.body ?? []) {
      if (event.chunk?.bytes)
        events.push(JSON.parse(Buffer.from(event.chunk.bytes).toString('utf8')))
    }
    expect(events[0]?.type).toBe('message_start')
    expect(events.at(-1)?.type).toBe('message_stop')
    const text = events
      .filter((e) => e.type === 'content_block_delta')
      .map((e) => e.delta?.text ?? '')
      .join('')
    expect(text).toBe(loadScenario('default').replyText)
    expect(events.find((e) => e.type === 'message_delta')?.delta?.stop_reason).toBe('end_turn')
  })

  it('InvokeModelWithResponseStream needs its own IAM action', async () => {
    const scenario = loadScenario('default')
    const statement = scenario.roles[0]?.policy[0]
    if (statement) statement.actions = ['bedrock:InvokeModel']
    emulator.setScenario(scenario)
    const error = await errorOf(
      runtime().send(
        new InvokeModelWithResponseStreamCommand({
          modelId: `us.${SONNET_45}`,
          body: anthropicBody(5)
        })
      )
    )
    expect(error.message).toContain('bedrock:InvokeModelWithResponseStream on resource')
  })

  it('CountTokens counts the input of a Converse request', async () => {
    const output = await runtime().send(
      new CountTokensCommand({
        modelId: SONNET_45,
        input: { converse: { messages: [{ role: 'user', content: [{ text: 'x'.repeat(400) }] }] } }
      })
    )
    expect(output.inputTokens).toBe(100)
  })
})

describe('errors inside the response stream (exception events)', () => {
  const body = JSON.stringify({
    anthropic_version: 'bedrock-2023-05-31',
    max_tokens: 1,
    messages: [{ role: 'user', content: 'ping' }]
  })

  /** Reads the whole stream with the real SDK; returns the chunks read and what it threw. */
  async function readStream(http1 = false) {
    const output = await runtime({ http1 }).send(
      new InvokeModelWithResponseStreamCommand({ modelId: `us.${SONNET_45}`, body })
    )
    const types: string[] = []
    try {
      for await (const event of output.body ?? []) {
        if (event.chunk?.bytes)
          types.push(JSON.parse(Buffer.from(event.chunk.bytes).toString()).type)
      }
    } catch (error) {
      return { types, error: error as Record<string, unknown> }
    }
    return { types, error: undefined }
  }

  it.each([
    ['throttle', 'ThrottlingException', 'Too many tokens, please wait before trying again.'],
    ['error', 'ValidationException', 'Input is too long for requested model.'],
    ['status', 'ModelStreamErrorException', 'Model stream error: the model failed mid-answer.']
  ] as const)(
    '%s fault in the stream: 200, message_start, then the SDK throws %s',
    async (kind, code, message) => {
      const scenario = loadScenario('default')
      scenario.faults = [
        {
          operation: 'InvokeModelWithResponseStream',
          kind,
          code,
          message,
          inStream: true,
          status: kind === 'status' ? 503 : undefined
        }
      ].map((fault) => JSON.parse(JSON.stringify(fault)))
      emulator.setScenario(scenario)
      const { types, error } = await readStream(true)
      expect(types).toEqual(['message_start'])
      expect(error).toMatchObject({ name: code, message })
      if (code === 'ModelStreamErrorException') {
        expect(error).toMatchObject({ originalStatusCode: 503, originalMessage: message })
      }
      expect(emulator.requests.at(-1)).toMatchObject({ status: 200, errorCode: code })
    }
  )

  it('an in-stream fault leaves InvokeModel and an HTTP error alone', async () => {
    const scenario = loadScenario('invoke-only-permission')
    scenario.faults = [{ operation: '*', kind: 'throttle', inStream: true }]
    emulator.setScenario(scenario)
    await expect(
      runtime().send(new InvokeModelCommand({ modelId: `us.${SONNET_45}`, body }))
    ).resolves.toBeDefined()
    const error = await errorOf(
      runtime().send(new InvokeModelWithResponseStreamCommand({ modelId: `us.${SONNET_45}`, body }))
    )
    expect(error).toMatchObject({ name: 'AccessDeniedException' })
  })
})

describe('IAM per action and global routing', () => {
  const body = JSON.stringify({
    anthropic_version: 'bedrock-2023-05-31',
    max_tokens: 1,
    messages: [{ role: 'user', content: 'ping' }]
  })
  const invoke = (modelId: string) => runtime().send(new InvokeModelCommand({ modelId, body }))
  const stream = (modelId: string) =>
    runtime().send(new InvokeModelWithResponseStreamCommand({ modelId, body }))

  it('invoke-only-permission: InvokeModel answers, the stream is denied naming its action', async () => {
    emulator.setScenario(loadScenario('invoke-only-permission'))
    await expect(invoke(`us.${SONNET_45}`)).resolves.toBeDefined()
    const error = await errorOf(stream(`us.${SONNET_45}`))
    expect(error.message).toBe(
      `User: ${ROLE} is not authorized to perform: bedrock:InvokeModelWithResponseStream on resource: ${US_SONNET_ARN} because no identity-based policy allows the bedrock:InvokeModelWithResponseStream action`
    )
  })

  it('stream-only-permission: the reverse', async () => {
    emulator.setScenario(loadScenario('stream-only-permission'))
    await expect(stream(`us.${SONNET_45}`)).resolves.toBeDefined()
    const error = await errorOf(invoke(`us.${SONNET_45}`))
    expect(error.message).toContain('perform: bedrock:InvokeModel on resource')
  })

  it('a region-restricting SCP denies a global profile on the region-less model ARN', async () => {
    emulator.setScenario(loadScenario('global-routing-denied'))
    await expect(invoke(`us.${SONNET_45}`)).resolves.toBeDefined()
    const error = await errorOf(invoke(`global.${SONNET_45}`))
    expect(error).toMatchObject({ name: 'AccessDeniedException' })
    expect(error.message).toBe(
      `User: ${ROLE} is not authorized to perform: bedrock:InvokeModel on resource: arn:aws:bedrock:::foundation-model/${SONNET_45} with an explicit deny in a service control policy`
    )
  })

  it('an identity policy conditioned on aws:RequestedRegion does not allow global routing', async () => {
    const scenario = loadScenario('default')
    const statement = scenario.roles[0]?.policy[0]
    if (statement) statement.requestedRegions = ['us-east-1', 'us-east-2', 'us-west-2']
    emulator.setScenario(scenario)
    await expect(stream(`us.${SONNET_45}`)).resolves.toBeDefined()
    const error = await errorOf(stream(`global.${SONNET_45}`))
    expect(error.message).toBe(
      `User: ${ROLE} is not authorized to perform: bedrock:InvokeModelWithResponseStream on resource: arn:aws:bedrock:::foundation-model/${SONNET_45} because no identity-based policy allows the bedrock:InvokeModelWithResponseStream action`
    )
  })
})
