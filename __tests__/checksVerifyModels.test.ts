import { beforeEach, describe, expect, it, jest } from '@jest/globals'
import {
  GetFoundationModelAvailabilityCommand,
  type GetFoundationModelAvailabilityResponse,
  GetInferenceProfileCommand,
  ListFoundationModelsCommand,
  ListInferenceProfilesCommand
} from '@aws-sdk/client-bedrock'
import {
  ACCOUNT,
  applicationProfile,
  euWest1,
  HAIKU_3,
  HAIKU_4_5,
  OPUS_4_1,
  OPUS_4_6,
  OPUS_5,
  SONNET_3_5,
  SONNET_4,
  SONNET_4_5,
  SONNET_4_6,
  usEast1
} from '../__fixtures__/catalogues.js'
import {
  AVAILABLE,
  awsError,
  clientsFor,
  onProbes,
  probedIds,
  deferred,
  mockRegion,
  settle,
  type RegionMocks
} from '../__fixtures__/catalogueClients.js'
import { modelConfig } from '../__fixtures__/catalogueConfig.js'
import { aliasRef, arnRef, baseIdRef, profileIdRef } from '../__fixtures__/catalogueRefs.js'
import {
  InvokeModelCommand,
  InvokeModelWithResponseStreamCommand
} from '@aws-sdk/client-bedrock-runtime'
import type { Diagnosis, DiagnosisContext } from '../src/diagnosis/types.js'
import type { CheckResult } from '../src/report/types.js'

/** Deterministic diagnosis: names the error and the operation, so tests see what was passed in. */
const diagnoseAwsError = jest.fn((error: unknown, ctx: DiagnosisContext): Diagnosis => {
  const { name, message, $metadata } = error as {
    name: string
    message: string
    $metadata?: { requestId?: string; httpStatusCode?: number }
  }
  return {
    cause: `${name} on ${ctx.operation}`,
    fix: `fix ${name}`,
    awsError: {
      code: name,
      message,
      ...($metadata?.requestId ? { requestId: $metadata.requestId } : {}),
      ...($metadata?.httpStatusCode ? { httpStatus: $metadata.httpStatusCode } : {})
    },
    transient: false
  }
})
jest.unstable_mockModule('../src/diagnosis/diagnose.js', () => ({ diagnoseAwsError }))

const { verifyModels, MAX_ALIAS_ATTEMPTS } = await import('../src/checks/verifyModels.js')

let us: RegionMocks
let eu: RegionMocks

beforeEach(() => {
  diagnoseAwsError.mockClear()
  us = mockRegion(usEast1)
  eu = mockRegion(euWest1)
})

function clients() {
  return clientsFor({ 'us-east-1': us, 'eu-west-1': eu })
}

function statuses(checks: readonly CheckResult[]): Record<string, string> {
  return Object.fromEntries(checks.map((check) => [check.id, check.status]))
}

function check(checks: readonly CheckResult[], id: string): CheckResult {
  const found = checks.find((candidate) => candidate.id === id)
  if (!found) throw new Error(`no check ${id} in ${checks.map((c) => c.id).join(', ')}`)
  return found
}

/** Models probed; both probes always go to the same models, together. */
function conversed(mocks: RegionMocks): string[] {
  const invoked = probedIds(mocks)
  expect(probedIds(mocks, true).sort()).toEqual([...invoked].sort())
  return invoked
}

function availabilityAsked(mocks: RegionMocks): string[] {
  return mocks.bedrock
    .commandCalls(GetFoundationModelAvailabilityCommand)
    .map((call) => String(call.args[0].input.modelId))
}

describe('verifyModels: the happy path', () => {
  it('resolves both aliases, checks access and answers, in a stable order', async () => {
    const result = await verifyModels(modelConfig(), clients())
    expect(result.checks.map((c) => [c.id, c.status, c.title])).toEqual([
      ['bedrock-reachable:us-east-1', 'pass', 'Bedrock reachable in us-east-1'],
      ['model-resolves:main', 'pass', 'Main model resolves'],
      ['model-access:main', 'pass', 'Main model access'],
      ['model-invoke:main', 'pass', 'Main model answers (InvokeModel + stream, 1 token)'],
      ['model-resolves:small', 'pass', 'Small model resolves'],
      ['model-access:small', 'pass', 'Small model access'],
      ['model-invoke:small', 'pass', 'Small model answers (InvokeModel + stream, 1 token)']
    ])
    expect(result.main?.invokeId).toBe(`us.${SONNET_4_6}`)
    expect(result.small?.invokeId).toBe(`us.${HAIKU_4_5}`)
    expect(check(result.checks, 'model-resolves:main').detail).toBe(
      `sonnet → us.${SONNET_4_6} (inference profile, routes to us-east-1, us-east-2, us-west-2)`
    )
  })

  it('calls each API once, with the documented inputs', async () => {
    await verifyModels(modelConfig(), clients())
    expect(
      us.bedrock.commandCalls(ListFoundationModelsCommand).map((c) => c.args[0].input)
    ).toEqual([{ byProvider: 'Anthropic' }])
    expect(us.bedrock.commandCalls(ListInferenceProfilesCommand)).toHaveLength(1)
    expect(us.bedrock.commandCalls(ListInferenceProfilesCommand)[0]?.args[0].input).toMatchObject({
      typeEquals: 'SYSTEM_DEFINED'
    })
    expect(availabilityAsked(us).sort()).toEqual([HAIKU_4_5, SONNET_4_6].sort())
    // Claude Code's own calls: InvokeModel and InvokeModelWithResponseStream, Anthropic Messages
    // body with anthropic_version and max_tokens 1 (never Converse).
    const sent = [
      us.runtime.commandCalls(InvokeModelCommand).map((c) => c.args[0].input),
      us.runtime.commandCalls(InvokeModelWithResponseStreamCommand).map((c) => c.args[0].input)
    ]
    for (const inputs of sent) {
      expect(inputs.map((input) => input.modelId).sort()).toEqual(
        [`us.${HAIKU_4_5}`, `us.${SONNET_4_6}`].sort()
      )
      for (const input of inputs) {
        expect(input).toMatchObject({ contentType: 'application/json', accept: 'application/json' })
        expect(JSON.parse(new TextDecoder().decode(input.body as Uint8Array))).toEqual({
          anthropic_version: 'bedrock-2023-05-31',
          max_tokens: 1,
          messages: [{ role: 'user', content: [{ type: 'text', text: 'ping' }] }]
        })
      }
    }
    expect(us.runtime.calls()).toHaveLength(4)
    expect(conversed(us)).toHaveLength(2)
    expect(eu.bedrock.calls()).toHaveLength(0)
  })

  it('follows every page of ListInferenceProfiles', async () => {
    const half = Math.ceil(usEast1.profiles.length / 2)
    us.bedrock
      .on(ListInferenceProfilesCommand)
      .callsFake((input: { nextToken?: string }) =>
        input.nextToken === 'page-2'
          ? { inferenceProfileSummaries: usEast1.profiles.slice(half) }
          : { inferenceProfileSummaries: usEast1.profiles.slice(0, half), nextToken: 'page-2' }
      )
    const result = await verifyModels(modelConfig({ model: aliasRef('opus') }), clients())
    expect(us.bedrock.commandCalls(ListInferenceProfilesCommand)).toHaveLength(2)
    // global.anthropic.claude-opus-5 is the last profile: only on page 2.
    expect(result.main?.invokeId).toBe(`global.${OPUS_5}`)
  })

  it('asks the same thing once when main and small are the same model', async () => {
    const result = await verifyModels(
      modelConfig({ model: aliasRef('haiku'), smallFastModel: profileIdRef(`us.${HAIKU_4_5}`) }),
      clients()
    )
    expect(conversed(us)).toEqual([`us.${HAIKU_4_5}`])
    expect(availabilityAsked(us)).toEqual([HAIKU_4_5])
    expect(statuses(result.checks)).toMatchObject({
      'model-invoke:main': 'pass',
      'model-invoke:small': 'pass'
    })
  })

  it("loads the small model region separately and calls it there, with that region's prefix (auto)", async () => {
    const result = await verifyModels(modelConfig({ smallFastModelRegion: 'eu-west-1' }), clients())
    expect(result.checks.slice(0, 2).map((c) => c.id)).toEqual([
      'bedrock-reachable:us-east-1',
      'bedrock-reachable:eu-west-1'
    ])
    expect(result.small).toMatchObject({ region: 'eu-west-1', invokeId: `eu.${HAIKU_4_5}` })
    expect(conversed(eu)).toEqual([`eu.${HAIKU_4_5}`])
    expect(conversed(us)).toEqual([`us.${SONNET_4_6}`])
    expect(us.bedrock.commandCalls(ListFoundationModelsCommand)).toHaveLength(1)
    expect(eu.bedrock.commandCalls(ListFoundationModelsCommand)).toHaveLength(1)
  })
})

describe('verifyModels: verify modes', () => {
  it('verify none: resolution only, no model call at all', async () => {
    const result = await verifyModels(modelConfig({ verify: 'none' }), clients())
    expect(statuses(result.checks)).toEqual({
      'bedrock-reachable:us-east-1': 'pass',
      'model-resolves:main': 'pass',
      'model-access:main': 'skip',
      'model-invoke:main': 'skip',
      'model-resolves:small': 'pass',
      'model-access:small': 'skip',
      'model-invoke:small': 'skip'
    })
    expect(check(result.checks, 'model-invoke:main').detail).toContain('verify: none')
    expect(availabilityAsked(us)).toEqual([])
    expect(conversed(us)).toEqual([])
    expect(result.main?.invokeId).toBe(`us.${SONNET_4_6}`)
  })

  it('verify access: access checked, invoke skipped with the reason', async () => {
    const result = await verifyModels(modelConfig({ verify: 'access' }), clients())
    expect(statuses(result.checks)).toMatchObject({
      'model-access:main': 'pass',
      'model-invoke:main': 'skip',
      'model-access:small': 'pass',
      'model-invoke:small': 'skip'
    })
    expect(check(result.checks, 'model-invoke:small').detail).toContain('verify: access')
    expect(conversed(us)).toEqual([])
  })
})

describe('verifyModels: model access states', () => {
  it.each([
    [
      'agreement pending',
      { agreementAvailability: { status: 'PENDING' } },
      'warn',
      /still being set up \(availability `PENDING`\)/,
      /Re-run the job in a few minutes/
    ],
    [
      'agreement not accepted (never called, or removed): both, in order',
      { agreementAvailability: { status: 'NOT_AVAILABLE' } },
      'fail',
      /in order of likelihood:\n1\. Nobody in the account has called this model yet.*\n2\. An administrator removed/,
      /1\. Run once with `verify: invoke`[\s\S]*aws-marketplace:Subscribe[\s\S]*2\. Otherwise/
    ],
    [
      'agreement error',
      { agreementAvailability: { status: 'ERROR', errorMessage: 'Payment instrument invalid' } },
      'fail',
      /error state: Payment instrument invalid/,
      /Accept the model's offer again/
    ],
    [
      'agreement error naming the Marketplace actions',
      {
        agreementAvailability: {
          status: 'ERROR',
          errorMessage:
            'Model access is denied due to IAM user or service role is not authorized to perform the required AWS Marketplace actions (aws-marketplace:ViewSubscriptions, aws-marketplace:Subscribe) to enable access to this model.'
        }
      },
      'fail',
      /could not complete the AWS Marketplace subscription/,
      /"aws-marketplace:Subscribe"/
    ],
    [
      'not authorized, use-case form on file: an account restriction, never IAM',
      { authorizationStatus: 'NOT_AUTHORIZED' },
      'fail',
      /although the use-case form is on file: an account-level restriction/,
      /AWS Support case/
    ],
    [
      'no entitlement',
      { entitlementAvailability: 'NOT_AVAILABLE' },
      'fail',
      /no accepted agreement for .* in us-east-1/,
      /aws-marketplace:Subscribe/
    ],
    [
      'region not available',
      { regionAvailability: 'NOT_AVAILABLE' },
      'fail',
      /not available in us-east-1/,
      /cross-region inference profile/
    ]
  ])('%s → %s', async (_case, availability, status, cause, fix) => {
    us.bedrock.on(GetFoundationModelAvailabilityCommand).resolves({
      ...AVAILABLE,
      modelId: SONNET_4_6,
      ...(availability as Partial<GetFoundationModelAvailabilityResponse>)
    })
    const result = await verifyModels(
      modelConfig({ verify: 'access', model: profileIdRef(`us.${SONNET_4_6}`) }),
      clients()
    )
    const access = check(result.checks, 'model-access:main')
    expect(access.status).toBe(status)
    expect(access.cause).toMatch(cause)
    expect(access.fix).toMatch(fix)
    expect(access.cause).not.toMatch(/IAM policy, permissions boundary/)
    expect(access.fix).not.toMatch(/bedrock:InvokeModel/)
    expect(diagnoseAwsError).not.toHaveBeenCalled()
  })

  it('several problems: the first is the cause, the others follow as next steps', async () => {
    us.bedrock.on(GetFoundationModelAvailabilityCommand).resolves({
      ...AVAILABLE,
      regionAvailability: 'NOT_AVAILABLE',
      agreementAvailability: { status: 'NOT_AVAILABLE' }
    })
    const result = await verifyModels(
      modelConfig({ verify: 'access', model: profileIdRef(`us.${SONNET_4_6}`) }),
      clients()
    )
    const access = check(result.checks, 'model-access:main')
    expect(access.detail).toContain('regionAvailability NOT_AVAILABLE, agreement NOT_AVAILABLE')
    expect(access.cause).toMatch(
      /^Bedrock reports .* not available in us-east-1[\s\S]*After that: /
    )
    expect(access.fix).toMatch(/\n\nThen: /)
  })

  it('AccessDenied on the availability call warns with the IAM fix; the call proves access', async () => {
    us.bedrock
      .on(GetFoundationModelAvailabilityCommand)
      .rejects(
        awsError(
          'AccessDeniedException',
          403,
          'User: x is not authorized to perform: bedrock:GetFoundationModelAvailability'
        )
      )
    const result = await verifyModels(modelConfig(), clients())
    const access = check(result.checks, 'model-access:main')
    expect(access).toMatchObject({
      status: 'warn',
      cause: expect.stringContaining('bedrock:GetFoundationModelAvailability'),
      fix: expect.stringMatching(/"Action": \[\s*"bedrock:GetFoundationModelAvailability"\s*\]/),
      awsError: { code: 'AccessDeniedException', requestId: 'req-7f3a' }
    })
    expect(access.detail).toContain('the 1-token call is the real proof')
    expect(check(result.checks, 'model-invoke:main').status).toBe('pass')
    expect(diagnoseAwsError).toHaveBeenCalledWith(
      expect.anything(),
      expect.objectContaining({ operation: 'GetFoundationModelAvailability', modelId: SONNET_4_6 })
    )
  })

  it('other availability errors fail through the diagnosis', async () => {
    us.bedrock
      .on(GetFoundationModelAvailabilityCommand)
      .rejects(
        awsError('ThrottlingException', 429, 'Too many requests, please wait before trying again.')
      )
    const result = await verifyModels(modelConfig({ verify: 'access' }), clients())
    expect(check(result.checks, 'model-access:main')).toMatchObject({
      status: 'fail',
      cause: 'ThrottlingException on GetFoundationModelAvailability',
      fix: 'fix ThrottlingException'
    })
  })

  it('a record that still reads NOT_AVAILABLE when the call succeeded: the first call is subscribing', async () => {
    us.bedrock
      .on(GetFoundationModelAvailabilityCommand)
      .resolves({ ...AVAILABLE, agreementAvailability: { status: 'NOT_AVAILABLE' } })
    const result = await verifyModels(
      modelConfig({ model: profileIdRef(`us.${SONNET_4_6}`) }),
      clients()
    )
    const access = check(result.checks, 'model-access:main')
    expect(access.status).toBe('warn')
    expect(access.detail).toContain('the model call succeeded: Bedrock is subscribing the account')
    expect(check(result.checks, 'model-invoke:main').status).toBe('pass')
  })
})

describe('verifyModels: invoke failures', () => {
  const profileArn = `arn:aws:bedrock:us-east-1:${ACCOUNT}:inference-profile/us.${SONNET_4_5}`
  it.each([
    [
      'IAM denies the profile',
      'AccessDeniedException',
      403,
      `User: arn:aws:sts::${ACCOUNT}:assumed-role/claude-code/gh-123-1 is not authorized to perform: bedrock:InvokeModel on resource: ${profileArn} because no identity-based policy allows the bedrock:InvokeModel action`
    ],
    [
      'SCP denies a destination region',
      'AccessDeniedException',
      403,
      `User: arn:aws:sts::${ACCOUNT}:assumed-role/claude-code/gh-123-1 is not authorized to perform: bedrock:InvokeModel on resource: arn:aws:bedrock:us-west-2::foundation-model/${SONNET_4_5} with an explicit deny in a service control policy`
    ],
    [
      'model access not granted',
      'AccessDeniedException',
      403,
      "You don't have access to the model with the specified model ID."
    ],
    [
      'Marketplace actions missing',
      'AccessDeniedException',
      403,
      'Model access is denied due to IAM user or service role is not authorized to perform the required AWS Marketplace actions (aws-marketplace:ViewSubscriptions, aws-marketplace:Subscribe) to enable access to this model.'
    ],
    [
      'use-case form',
      'ResourceNotFoundException',
      404,
      'Model use case details have not been submitted for this account. Fill out the Anthropic use case details form before using the model.'
    ],
    ['invalid identifier', 'ValidationException', 400, 'The provided model identifier is invalid.'],
    [
      'end of life',
      'ResourceNotFoundException',
      404,
      'This model version has reached the end of its life. Please refer to the AWS documentation for more details.'
    ],
    [
      'throttled',
      'ThrottlingException',
      429,
      'Too many requests, please wait before trying again.'
    ],
    [
      'daily quota',
      'ServiceQuotaExceededException',
      429,
      'Too many tokens per day, please wait before trying again.'
    ],
    ['outage', 'ServiceUnavailableException', 503, 'Bedrock is unable to process your request.'],
    ['internal error', 'InternalServerException', 500, 'Internal server error']
  ] as const)(
    '%s: fails with the diagnosis, explicit id never falls back',
    async (_case, name, status, message) => {
      onProbes(us.runtime).rejects(awsError(name, status, message, 'req-42'))
      const result = await verifyModels(
        modelConfig({ model: profileIdRef(`us.${SONNET_4_5}`) }),
        clients(),
        { arn: `arn:aws:sts::${ACCOUNT}:assumed-role/claude-code/gh-123-1`, accountId: ACCOUNT }
      )
      expect(check(result.checks, 'model-invoke:main')).toEqual({
        id: 'model-invoke:main',
        title: 'Main model answers (InvokeModel + stream, 1 token)',
        status: 'fail',
        detail: `\`us.${SONNET_4_5}\`: InvokeModel and InvokeModelWithResponseStream failed in us-east-1`,
        cause: `${name} on InvokeModel`,
        fix: `fix ${name}`,
        awsError: { code: name, message, requestId: 'req-42' }
      })
      expect(diagnoseAwsError).toHaveBeenCalledWith(
        expect.objectContaining({ name, message }),
        expect.objectContaining({
          operation: 'InvokeModel',
          region: 'us-east-1',
          partition: 'aws',
          roleArn: 'arn:aws:iam::123456789012:role/claude-code',
          principalArn: `arn:aws:sts::${ACCOUNT}:assumed-role/claude-code/gh-123-1`,
          accountId: ACCOUNT,
          modelId: `us.${SONNET_4_5}`,
          profileArn,
          foundationModelArns: ['us-east-1', 'us-east-2', 'us-west-2'].map(
            (region) => `arn:aws:bedrock:${region}::foundation-model/${SONNET_4_5}`
          )
        })
      )
      expect(conversed(us).filter((id) => id.includes('sonnet'))).toEqual([`us.${SONNET_4_5}`])
      expect(result.checks.some((c) => c.id === 'model-fallback:main')).toBe(false)
    }
  )

  it('an on-demand model call passes the profile to suggest to the diagnosis', async () => {
    onProbes(us.runtime).rejects(
      awsError(
        'ValidationException',
        400,
        'Invocation of model ID x with on-demand throughput isn’t supported.'
      )
    )
    await verifyModels(modelConfig({ model: baseIdRef(HAIKU_3) }), clients())
    expect(diagnoseAwsError).toHaveBeenCalledWith(
      expect.anything(),
      expect.objectContaining({ modelId: HAIKU_3, suggestedProfileId: `us.${HAIKU_3}` })
    )
    const context = diagnoseAwsError.mock.calls.find(([, ctx]) => ctx.modelId === HAIKU_3)?.[1]
    expect(context).not.toHaveProperty('profileArn')
  })
})

describe('verifyModels: alias fallback', () => {
  const denied = () =>
    awsError(
      'AccessDeniedException',
      403,
      "You don't have access to the model with the specified model ID."
    )

  it('uses the next older version when this role cannot use the newest, and says so', async () => {
    onProbes(us.runtime, { modelId: `us.${SONNET_4_6}` }).rejects(denied())
    const result = await verifyModels(modelConfig(), clients())
    expect(result.main?.invokeId).toBe(`us.${SONNET_4_5}`)
    expect(result.main?.fallbackNote).toBe(
      `${SONNET_4_6} is newer, but this role may not call it (IAM or SCP): AccessDeniedException on InvokeModel; using us.${SONNET_4_5}`
    )
    expect(
      result.checks.filter((c) => c.id.endsWith(':main')).map((c) => [c.id, c.status])
    ).toEqual([
      ['model-resolves:main', 'pass'],
      ['model-fallback:main', 'warn'],
      ['model-access:main', 'pass'],
      ['model-invoke:main', 'pass']
    ])
    const fallback = check(result.checks, 'model-fallback:main')
    expect(fallback).toMatchObject({
      title: 'Main model uses an older version',
      cause: 'AccessDeniedException on InvokeModel',
      awsError: { code: 'AccessDeniedException' }
    })
    expect(fallback.fix).toContain(`\`model: us.${SONNET_4_5}\``)
    expect(conversed(us).filter((id) => id.includes('sonnet'))).toEqual([
      `us.${SONNET_4_6}`,
      `us.${SONNET_4_5}`
    ])
  })

  it('the use-case form is a reason of this account: falls back too', async () => {
    onProbes(us.runtime, { modelId: `global.${OPUS_5}` }).rejects(
      awsError(
        'ResourceNotFoundException',
        404,
        'Model use case details have not been submitted for this account.'
      )
    )
    const result = await verifyModels(modelConfig({ model: aliasRef('opus') }), clients())
    expect(result.main?.invokeId).toBe(`us.${OPUS_4_6}`)
    expect(check(result.checks, 'model-fallback:main').detail).toContain(`${OPUS_5} is newer`)
  })

  it('skips several versions and names them all', async () => {
    onProbes(us.runtime, { modelId: `us.${SONNET_4_6}` }).rejects(denied())
    onProbes(us.runtime, { modelId: `us.${SONNET_4_5}` }).rejects(denied())
    const result = await verifyModels(modelConfig(), clients())
    expect(result.main?.invokeId).toBe(`us.${SONNET_4}`)
    expect(result.main?.fallbackNote).toContain(
      `${SONNET_4_6}, ${SONNET_4_5} are newer, but this role may not call them (IAM or SCP)`
    )
  })

  it(`gives up after ${MAX_ALIAS_ATTEMPTS} versions and reports the newest`, async () => {
    onProbes(us.runtime).rejects(denied())
    const result = await verifyModels(
      modelConfig({ model: aliasRef('opus'), smallFastModel: profileIdRef(`us.${HAIKU_4_5}`) }),
      clients()
    )
    expect(conversed(us).filter((id) => id.includes('opus'))).toEqual([
      `global.${OPUS_5}`,
      `us.${OPUS_4_6}`,
      `us.${OPUS_4_1}`
    ])
    expect(result.main?.invokeId).toBe(`global.${OPUS_5}`)
    expect(result.main?.fallbackNote).toBeUndefined()
    const invoke = check(result.checks, 'model-invoke:main')
    expect(invoke.status).toBe('fail')
    expect(invoke.detail).toContain(`older versions fail too: us.${OPUS_4_6}, us.${OPUS_4_1}`)
    expect(result.checks.some((c) => c.id === 'model-fallback:main')).toBe(false)
  })

  it('does not fall back for failures every version would share', async () => {
    onProbes(us.runtime, { modelId: `us.${SONNET_4_6}` }).rejects(
      awsError('ThrottlingException', 429, 'Too many requests, please wait before trying again.')
    )
    const result = await verifyModels(modelConfig(), clients())
    expect(conversed(us).filter((id) => id.includes('sonnet'))).toEqual([`us.${SONNET_4_6}`])
    expect(check(result.checks, 'model-invoke:main').status).toBe('fail')
  })

  it('verify access: falls back on an access failure, without any model call', async () => {
    us.bedrock
      .on(GetFoundationModelAvailabilityCommand, { modelId: SONNET_4_6 })
      .resolves({ ...AVAILABLE, agreementAvailability: { status: 'NOT_AVAILABLE' } })
    const result = await verifyModels(modelConfig({ verify: 'access' }), clients())
    expect(result.main?.invokeId).toBe(`us.${SONNET_4_5}`)
    expect(check(result.checks, 'model-fallback:main').cause).toContain('no accepted agreement')
    expect(conversed(us)).toEqual([])
  })

  it('verify access: a pending subscription is not a reason to fall back', async () => {
    us.bedrock
      .on(GetFoundationModelAvailabilityCommand, { modelId: SONNET_4_6 })
      .resolves({ ...AVAILABLE, agreementAvailability: { status: 'PENDING' } })
    const result = await verifyModels(modelConfig({ verify: 'access' }), clients())
    expect(result.main?.invokeId).toBe(`us.${SONNET_4_6}`)
    expect(check(result.checks, 'model-access:main').status).toBe('warn')
  })
})

describe('verifyModels: resolution and reachability failures', () => {
  it('an unresolved model fails with cause and fix; its checks are skipped; the other role still runs', async () => {
    const result = await verifyModels(modelConfig({ model: baseIdRef(SONNET_4_5) }), clients())
    expect(check(result.checks, 'model-resolves:main')).toMatchObject({
      status: 'fail',
      detail: `\`${SONNET_4_5}\` could not be resolved`,
      cause: expect.stringContaining('has no on-demand throughput'),
      fix: expect.stringContaining(`model: us.${SONNET_4_5}`)
    })
    expect(statuses(result.checks)).toMatchObject({
      'model-access:main': 'skip',
      'model-invoke:main': 'skip',
      'model-invoke:small': 'pass'
    })
    expect(result.main).toBeUndefined()
    expect(conversed(us)).toEqual([`us.${HAIKU_4_5}`])
  })

  it.each([
    [
      'ListFoundationModels',
      (error: Error) => us.bedrock.on(ListFoundationModelsCommand).rejects(error)
    ],
    [
      'ListInferenceProfiles',
      (error: Error) => us.bedrock.on(ListInferenceProfilesCommand).rejects(error)
    ]
  ] as const)(
    '%s denied: reachability fails with the diagnosis, models are skipped',
    async (operation, failWith) => {
      failWith(
        awsError(
          'AccessDeniedException',
          403,
          `User: x is not authorized to perform: bedrock:${operation}`
        )
      )
      const result = await verifyModels(modelConfig(), clients())
      expect(check(result.checks, 'bedrock-reachable:us-east-1')).toMatchObject({
        status: 'fail',
        cause: `AccessDeniedException on ${operation}`,
        awsError: { code: 'AccessDeniedException', requestId: 'req-7f3a' }
      })
      expect(statuses(result.checks)).toMatchObject({
        'model-resolves:main': 'skip',
        'model-access:main': 'skip',
        'model-invoke:main': 'skip',
        'model-resolves:small': 'skip'
      })
      expect(result.checks.filter((c) => c.status === 'fail')).toHaveLength(1)
      expect(result.main).toBeUndefined()
    }
  )

  it('LEGACY model warns with its dates and the newer ACTIVE id', async () => {
    const result = await verifyModels(
      modelConfig({ model: profileIdRef(`us.${SONNET_3_5}`) }),
      clients()
    )
    expect(check(result.checks, 'model-resolves:main')).toMatchObject({
      status: 'warn',
      // The listed date is past (the session's clock is later): said in the past tense.
      cause: expect.stringMatching(
        new RegExp(
          `^\`${SONNET_3_5.replace(/[.]/g, '\\.')}\` is LEGACY since 2025-08-25 and (reached|reaches) end of life on 2026-03-01$`
        )
      ),
      fix: `Set \`model: us.${SONNET_4_6}\` (the newest ACTIVE sonnet model in us-east-1), or \`model: sonnet\` to follow new releases.`
    })
  })
})

describe('verifyModels: application inference profiles', () => {
  const app = applicationProfile('us-east-1', 'team-a1', [
    `arn:aws:bedrock:us-east-1::foundation-model/${SONNET_4_5}`,
    `arn:aws:bedrock:us-west-2::foundation-model/${SONNET_4_5}`
  ])
  const arn = app.inferenceProfileArn ?? ''

  it('fetched once, alongside the catalogue, then checked like any model', async () => {
    const listing = deferred<{
      modelSummaries: typeof usEast1.foundationModels extends readonly (infer T)[] ? T[] : never
    }>()
    us.bedrock.on(ListFoundationModelsCommand).callsFake(() => listing.promise)
    us.bedrock.on(GetInferenceProfileCommand).resolves(app)
    const pending = verifyModels(modelConfig({ model: arnRef(arn) }), clients())
    await settle()
    // GetInferenceProfile is under way while the listing is still pending.
    expect(us.bedrock.commandCalls(GetInferenceProfileCommand).map((c) => c.args[0].input)).toEqual(
      [{ inferenceProfileIdentifier: arn }]
    )
    listing.resolve({ modelSummaries: [...usEast1.foundationModels] })
    const result = await pending
    expect(result.main).toMatchObject({
      type: 'application-inference-profile',
      invokeId: arn,
      foundationModelId: SONNET_4_5
    })
    expect(conversed(us)).toContain(arn)
    expect(availabilityAsked(us)).toContain(SONNET_4_5)
  })

  it('a failed GetInferenceProfile fails resolution with the diagnosis', async () => {
    const result = await verifyModels(modelConfig({ model: arnRef(arn) }), clients())
    expect(check(result.checks, 'model-resolves:main')).toMatchObject({
      status: 'fail',
      cause: 'ResourceNotFoundException on GetInferenceProfile',
      awsError: { code: 'ResourceNotFoundException' }
    })
    expect(diagnoseAwsError).toHaveBeenCalledWith(
      expect.anything(),
      expect.objectContaining({ operation: 'GetInferenceProfile', profileArn: arn })
    )
  })
})

describe('verifyModels: concurrency', () => {
  it('both listings of every region start together, before any answers', async () => {
    const gates = {
      usModels: deferred<object>(),
      usProfiles: deferred<object>(),
      euModels: deferred<object>(),
      euProfiles: deferred<object>()
    }
    const started: string[] = []
    const gate = (name: keyof typeof gates, answer: object) => () => {
      started.push(name)
      return gates[name].promise.then(() => answer)
    }
    us.bedrock
      .on(ListFoundationModelsCommand)
      .callsFake(gate('usModels', { modelSummaries: [...usEast1.foundationModels] }))
    us.bedrock
      .on(ListInferenceProfilesCommand)
      .callsFake(gate('usProfiles', { inferenceProfileSummaries: [...usEast1.profiles] }))
    eu.bedrock
      .on(ListFoundationModelsCommand)
      .callsFake(gate('euModels', { modelSummaries: [...euWest1.foundationModels] }))
    eu.bedrock
      .on(ListInferenceProfilesCommand)
      .callsFake(gate('euProfiles', { inferenceProfileSummaries: [...euWest1.profiles] }))
    const pending = verifyModels(modelConfig({ smallFastModelRegion: 'eu-west-1' }), clients())
    await settle()
    expect(started.sort()).toEqual(['euModels', 'euProfiles', 'usModels', 'usProfiles'])
    // The main model's checks start as soon as its own region is loaded.
    gates.usModels.resolve({})
    gates.usProfiles.resolve({})
    await settle()
    expect(conversed(us)).toEqual([`us.${SONNET_4_6}`])
    expect(conversed(eu)).toEqual([])
    gates.euModels.resolve({})
    gates.euProfiles.resolve({})
    const result = await pending
    expect(result.checks.every((c) => c.status === 'pass')).toBe(true)
  })

  it('access and invoke of both models are all in flight at once', async () => {
    const inFlight = new Set<string>()
    let peak = 0
    const release = deferred<void>()
    const track = (label: string, answer: object) => async () => {
      inFlight.add(label)
      peak = Math.max(peak, inFlight.size)
      await release.promise
      inFlight.delete(label)
      return answer
    }
    us.bedrock
      .on(GetFoundationModelAvailabilityCommand)
      .callsFake((input: { modelId: string }) =>
        track(`access ${input.modelId}`, { ...AVAILABLE, modelId: input.modelId })()
      )
    onProbes(us.runtime).callsFake((input, operation) =>
      track(`${operation} ${input.modelId}`, {})()
    )
    const pending = verifyModels(modelConfig({ pinFamilies: true }), clients())
    await settle()
    // Access of main and small, and both probes of main, small and the pinned opus: one round.
    expect([...inFlight].sort()).toEqual(
      [
        `access ${HAIKU_4_5}`,
        `access ${SONNET_4_6}`,
        ...[`us.${HAIKU_4_5}`, `us.${SONNET_4_6}`, `global.${OPUS_5}`].flatMap((id) => [
          `InvokeModel ${id}`,
          `InvokeModelWithResponseStream ${id}`
        ])
      ].sort()
    )
    release.resolve()
    await pending
    expect(peak).toBe(8)
  })
})

describe('verifyModels: [1m]', () => {
  it('keeps [1m] on export and in the LEGACY suggestion, never in a call', async () => {
    const result = await verifyModels(
      modelConfig({ model: profileIdRef(`us.${SONNET_3_5}[1m]`) }),
      clients()
    )
    expect(result.main).toMatchObject({
      exportId: `us.${SONNET_3_5}[1m]`,
      invokeId: `us.${SONNET_3_5}`
    })
    expect(check(result.checks, 'model-resolves:main').fix).toContain(`model: us.${SONNET_4_6}[1m]`)
    expect(conversed(us)).toContain(`us.${SONNET_3_5}`)
    expect(conversed(us).some((id) => id.includes('[1m]'))).toBe(false)
    expect(availabilityAsked(us).some((id) => id.includes('[1m]'))).toBe(false)
  })
})

describe('verifyModels: pin-families', () => {
  const denied = () =>
    awsError(
      'AccessDeniedException',
      403,
      `User: arn:aws:sts::${ACCOUNT}:assumed-role/claude-code/gh-123-1 is not authorized to perform: bedrock:InvokeModel`
    )

  it('pins the family neither main nor small covers, probing it in the same round', async () => {
    const result = await verifyModels(modelConfig({ pinFamilies: true }), clients())
    expect(result.families?.map((pin) => [pin.family, pin.model?.invokeId, pin.usable])).toEqual([
      ['opus', `global.${OPUS_5}`, true]
    ])
    // Usable, but the newest opus is offered here only globally: the family warns about residency.
    expect(check(result.checks, 'model-family:opus')).toMatchObject({
      status: 'warn',
      title: 'Opus family pinned (subagents, /model)',
      cause: expect.stringContaining('outside the us geography')
    })
    // Its fix keeps the family in the geography without touching the main model's input.
    const residency = check(result.checks, 'model-family:opus').fix ?? ''
    expect(residency).toContain('`inference-profile-prefix: us`')
    expect(residency).not.toMatch(/`(model|small-fast-model)[:`]/)
    // The family is proven by its two calls alone: no availability call for it.
    expect(availabilityAsked(us).sort()).toEqual([HAIKU_4_5, SONNET_4_6].sort())
    expect(us.bedrock.commandCalls(ListFoundationModelsCommand)).toHaveLength(1)
    expect(conversed(us).sort()).toEqual(
      [`global.${OPUS_5}`, `us.${HAIKU_4_5}`, `us.${SONNET_4_6}`].sort()
    )
  })

  it('a family main already is is not probed twice; every family covered means none pinned', async () => {
    const result = await verifyModels(
      modelConfig({
        pinFamilies: true,
        model: aliasRef('opus'),
        smallFastModel: aliasRef('sonnet')
      }),
      clients()
    )
    expect(result.families).toEqual([])
  })

  it('a family the role cannot use warns, with the fix, and is not usable', async () => {
    onProbes(us.runtime, { modelId: `global.${OPUS_5}` }).rejects(denied())
    onProbes(us.runtime, { modelId: `us.${OPUS_4_6}` }).rejects(denied())
    onProbes(us.runtime, { modelId: 'us.anthropic.claude-opus-4-1-20250805-v1:0' }).rejects(
      denied()
    )
    const result = await verifyModels(modelConfig({ pinFamilies: true }), clients())
    const opus = check(result.checks, 'model-family:opus')
    expect(opus.status).toBe('warn')
    expect(opus.detail).toContain(
      `ANTHROPIC_DEFAULT_OPUS_MODEL points at the main model \`us.${SONNET_4_6}\``
    )
    expect(opus.fix).toContain('fix AccessDeniedException')
    expect(opus.detail).toContain('so subagents and `/model opus` keep working')
    expect(opus.detail).toMatch(
      /^opus is not usable because this role may not call it \(IAM or SCP\)/
    )
    expect(result.families?.[0]).toMatchObject({ usable: false, refusal: 'permission' })
    expect(result.checks.every((c) => c.status !== 'fail')).toBe(true)
  })

  // F3: the fallback's promise follows the main model's own checks of the same run, and the cause
  // class follows the real cause (quota, an Organizations policy), never "this role" by default.
  it('a family throttled beside a throttled main model promises nothing: the main model failed too', async () => {
    const throttled = () => awsError('ThrottlingException', 429, 'Too many tokens, please wait.')
    onProbes(us.runtime, { modelId: `us.${SONNET_4_6}` }).rejects(throttled())
    onProbes(us.runtime, { modelId: `global.${OPUS_5}` }).rejects(throttled())
    const result = await verifyModels(modelConfig({ pinFamilies: true }), clients())
    expect(check(result.checks, 'model-invoke:main').status).toBe('fail')
    const opus = check(result.checks, 'model-family:opus')
    expect(opus.status).toBe('warn')
    expect(opus.detail).toMatch(/^opus is not usable because the account's quota refused the calls/)
    expect(opus.detail).toContain(
      `ANTHROPIC_DEFAULT_OPUS_MODEL points at the main model \`us.${SONNET_4_6}\`, which failed in this run too`
    )
    expect(opus.detail).not.toContain('keep working')
    expect(opus.detail).not.toContain('this role')
  })

  it('a family denied by a service control policy names the Organization, not the role', async () => {
    const scp = (model: string) =>
      awsError(
        'AccessDeniedException',
        403,
        `User: arn:aws:sts::123456789012:assumed-role/claude-code/gh-1 is not authorized to perform: bedrock:InvokeModel on resource: arn:aws:bedrock:us-west-2::foundation-model/${model} with an explicit deny in a service control policy`
      )
    for (const id of [
      `global.${OPUS_5}`,
      `us.${OPUS_4_6}`,
      'us.anthropic.claude-opus-4-1-20250805-v1:0'
    ])
      onProbes(us.runtime, { modelId: id }).rejects(scp(id))
    const result = await verifyModels(modelConfig({ pinFamilies: true }), clients())
    const opus = check(result.checks, 'model-family:opus')
    expect(opus.detail).toMatch(
      /^opus is not usable because a policy of the AWS Organization \(SCP or RCP\) denies it/
    )
    expect(opus.detail).not.toContain('this role')
    expect(opus.detail).toContain('so subagents and `/model opus` keep working')
    expect(result.families?.[0]).toMatchObject({ usable: false, refusal: 'organization' })
  })

  it('a family nobody could check (Bedrock unreachable) is a skip, not a warning', async () => {
    us.bedrock
      .on(ListFoundationModelsCommand)
      .rejects(awsError('ServiceUnavailableException', 503, 'down'))
    const result = await verifyModels(modelConfig({ pinFamilies: true }), clients())
    expect(check(result.checks, 'model-family:opus')).toMatchObject({
      status: 'skip',
      detail:
        'Not checked: Bedrock is not reachable in us-east-1; ANTHROPIC_DEFAULT_OPUS_MODEL is not exported'
    })
    expect(result.families?.[0]).toMatchObject({ usable: false, refusal: 'unverified' })
  })

  // Each cause class is named as what it is, never as the role's permissions, and no fix for a
  // pinned family tells the user to change `model` (that would change the main model).
  it.each([
    {
      name: 'an explicit prefix the region has no opus profile for: availability',
      config: { inferenceProfilePrefix: 'eu' as const, inferenceProfilePrefixExplicit: true },
      reject: undefined,
      refusal: 'availability',
      detail:
        'opus is not usable because it is not offered where this step calls it (region, geography or lifecycle) — No Claude opus model in us-east-1 has an inference profile with an `eu.` prefix',
      fix: 'set `inference-profile-prefix` to'
    },
    {
      name: 'throttled 1-token calls: quota',
      config: {},
      reject: () => awsError('ThrottlingException', 429, 'Too many requests, please wait.'),
      refusal: 'quota',
      detail: "opus is not usable because the account's quota refused the calls",
      fix: 'fix ThrottlingException'
    }
  ])('$name', async ({ config, reject, refusal, detail, fix }) => {
    if (reject !== undefined)
      onProbes(us.runtime, { modelId: `global.${OPUS_5}` }).rejects(reject())
    const result = await verifyModels(modelConfig({ pinFamilies: true, ...config }), clients())
    const opus = check(result.checks, 'model-family:opus')
    expect(opus.status).toBe('warn')
    expect(opus.detail).toContain(detail)
    expect(opus.detail).not.toContain('this role may not')
    expect(opus.fix).toContain(fix)
    expect(opus.fix).toContain('`pin-families: false`')
    expect(opus.fix).not.toMatch(/`(model|small-fast-model)[:`]/)
    expect(result.families?.[0]).toMatchObject({ usable: false, refusal })
  })
})

describe('verifyModels: a global profile denied for routing outside the allowed regions', () => {
  const routedOut = (model: string) =>
    awsError(
      'AccessDeniedException',
      403,
      `User: arn:aws:sts::${ACCOUNT}:assumed-role/claude-code/gh-123-1 is not authorized to perform: bedrock:InvokeModel on resource: arn:aws:bedrock:::foundation-model/${model} with an explicit deny in a service control policy`
    )

  it('a named global prefix is never changed: every global profile is denied alike, so it fails at once', async () => {
    onProbes(us.runtime, { modelId: `global.${SONNET_4_6}` }).rejects(routedOut(SONNET_4_6))
    const result = await verifyModels(
      modelConfig({ inferenceProfilePrefix: 'global', inferenceProfilePrefixExplicit: true }),
      clients()
    )
    expect(conversed(us).filter((id) => id.includes('sonnet'))).toEqual([`global.${SONNET_4_6}`])
    expect(result.checks.some((c) => c.id === 'model-fallback:main')).toBe(false)
    expect(check(result.checks, 'model-invoke:main').status).toBe('fail')
  })

  it('with auto, an alias tries the geographic profile of the same model before an older model', async () => {
    // A region outside every geography (auto → global) that also lists a `us.` profile.
    const sa = mockRegion({ ...usEast1, region: 'sa-east-1' })
    onProbes(sa.runtime, { modelId: `global.${SONNET_4_6}` }).rejects(routedOut(SONNET_4_6))
    const result = await verifyModels(
      modelConfig({
        region: 'sa-east-1',
        inferenceProfilePrefix: 'global',
        inferenceProfilePrefixExplicit: false,
        pinFamilies: false
      }),
      clientsFor({ 'sa-east-1': sa })
    )
    expect(result.main?.invokeId).toBe(`us.${SONNET_4_6}`)
    expect(conversed(sa).filter((id) => id.includes('sonnet'))).toEqual([
      `global.${SONNET_4_6}`,
      `us.${SONNET_4_6}`
    ])
    const fallback = check(result.checks, 'model-fallback:main')
    expect(fallback.status).toBe('warn')
    // The same version through another profile: said as such, never "an older version".
    expect(fallback.title).toBe('Main model uses the `us.` profile of the same version')
    expect(fallback.detail).not.toMatch(/newer|older/)
    expect(fallback.detail).toContain(`using \`us.${SONNET_4_6}\`, the same model version`)
    // The diagnosis was told which geographic profile to suggest.
    expect(diagnoseAwsError).toHaveBeenCalledWith(
      expect.anything(),
      expect.objectContaining({
        modelId: `global.${SONNET_4_6}`,
        geographicProfileId: `us.${SONNET_4_6}`
      })
    )
  })

  it('an explicit profile id does not fall back: it fails with the diagnosis', async () => {
    onProbes(us.runtime, { modelId: `global.${SONNET_4_6}` }).rejects(routedOut(SONNET_4_6))
    const result = await verifyModels(
      modelConfig({ model: profileIdRef(`global.${SONNET_4_6}`) }),
      clients()
    )
    expect(check(result.checks, 'model-invoke:main').status).toBe('fail')
    expect(conversed(us).filter((id) => id.includes('sonnet'))).toEqual([`global.${SONNET_4_6}`])
  })
})
