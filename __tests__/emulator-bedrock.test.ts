// The emulator's Bedrock control plane, driven by the real @aws-sdk/client-bedrock.
import { describe, expect, it } from '@jest/globals'
import {
  BedrockClient,
  GetFoundationModelAvailabilityCommand,
  GetFoundationModelCommand,
  GetInferenceProfileCommand,
  ListFoundationModelsCommand,
  ListInferenceProfilesCommand,
  paginateListInferenceProfiles,
  type InferenceProfileSummary,
  type ListFoundationModelsCommandInput
} from '@aws-sdk/client-bedrock'
import { loadScenario, type Scenario } from '../emulator/index.ts'
import { useEmulator } from '../__fixtures__/emulator.ts'
import { ANTHROPIC_API_KEY, longTermApiKey, shortTermApiKey } from '../__fixtures__/secrets.ts'

const SONNET_45 = 'anthropic.claude-sonnet-4-5-20250929-v1:0'
const OPUS_46 = 'anthropic.claude-opus-4-6-v1'
const APP_PROFILE_ARN =
  'arn:aws:bedrock:us-east-1:123456789012:application-inference-profile/k3x9p2q7w1ab'

const emulator = useEmulator()
const ciBot = loadScenario('default').environmentCredentials[1]

function bedrock(region = 'us-east-1'): BedrockClient {
  return new BedrockClient({
    region,
    endpoint: emulator.url,
    maxAttempts: 1,
    credentials: {
      accessKeyId: ciBot?.accessKeyId ?? '',
      secretAccessKey: ciBot?.secretAccessKey ?? ''
    }
  })
}

async function errorOf(promise: Promise<unknown>): Promise<{ name: string; message: string }> {
  try {
    await promise
  } catch (error) {
    return error as { name: string; message: string }
  }
  throw new Error('expected the call to fail')
}

async function allProfiles(
  client: BedrockClient,
  typeEquals: 'SYSTEM_DEFINED' | 'APPLICATION' = 'SYSTEM_DEFINED'
): Promise<{ profiles: InferenceProfileSummary[]; pages: number }> {
  const profiles: InferenceProfileSummary[] = []
  let pages = 0
  for await (const page of paginateListInferenceProfiles({ client }, { typeEquals })) {
    pages++
    profiles.push(...(page.inferenceProfileSummaries ?? []))
  }
  return { profiles, pages }
}

describe('ListFoundationModels', () => {
  it('lists the models of the region with ARNs, modalities, inference types and lifecycle', async () => {
    const { modelSummaries = [] } = await bedrock().send(new ListFoundationModelsCommand({}))
    const sonnet = modelSummaries.find((m) => m.modelId === SONNET_45)
    expect(sonnet).toMatchObject({
      modelArn: `arn:aws:bedrock:us-east-1::foundation-model/${SONNET_45}`,
      modelName: 'Claude Sonnet 4.5',
      providerName: 'Anthropic',
      outputModalities: ['TEXT'],
      responseStreamingSupported: true,
      inferenceTypesSupported: ['INFERENCE_PROFILE'],
      modelLifecycle: { status: 'ACTIVE', startOfLifeTime: expect.any(Date) }
    })
    const haiku3 = modelSummaries.find(
      (m) => m.modelId === 'anthropic.claude-3-haiku-20240307-v1:0'
    )
    expect(haiku3?.inferenceTypesSupported).toContain('ON_DEMAND')
    expect(haiku3?.modelLifecycle).toMatchObject({
      status: 'LEGACY',
      legacyTime: expect.any(Date),
      endOfLifeTime: expect.any(Date)
    })
  })

  const filterCases: Array<[string, ListFoundationModelsCommandInput, (ids: string[]) => void]> = [
    [
      'byProvider (case-insensitive)',
      { byProvider: 'anthropic' },
      (ids) => {
        expect(ids.length).toBeGreaterThan(5)
        expect(ids.every((id) => id.startsWith('anthropic.'))).toBe(true)
      }
    ],
    [
      'byOutputModality EMBEDDING',
      { byOutputModality: 'EMBEDDING' },
      (ids) => {
        expect(ids).toEqual(['amazon.titan-embed-text-v2:0'])
      }
    ],
    [
      'byInferenceType ON_DEMAND',
      { byInferenceType: 'ON_DEMAND' },
      (ids) => {
        expect(ids).toContain('anthropic.claude-3-haiku-20240307-v1:0')
        expect(ids).not.toContain(SONNET_45)
      }
    ],
    [
      'byCustomizationType FINE_TUNING',
      { byCustomizationType: 'FINE_TUNING' },
      (ids) => {
        expect(ids).toEqual(['anthropic.claude-3-haiku-20240307-v1:0', 'amazon.nova-pro-v1:0'])
      }
    ]
  ]
  it.each(filterCases)('filters %s', async (_case, input, check) => {
    const { modelSummaries = [] } = await bedrock().send(new ListFoundationModelsCommand(input))
    check(modelSummaries.map((m) => m.modelId ?? ''))
  })

  it('differs by region: the newest Opus is not offered in ap-southeast-1', async () => {
    const idsIn = async (region: string): Promise<string[]> =>
      ((await bedrock(region).send(new ListFoundationModelsCommand({}))).modelSummaries ?? []).map(
        (m) => m.modelId ?? ''
      )
    expect(await idsIn('eu-west-1')).toContain(OPUS_46)
    expect(await idsIn('ap-southeast-1')).not.toContain(OPUS_46)
    expect(await idsIn('us-gov-west-1')).toContain(SONNET_45)
  })

  it('rejects an unknown enum value like Bedrock', async () => {
    const response = await bedrock().send(
      new ListFoundationModelsCommand({ byInferenceType: 'ON_DEMAND' })
    )
    expect(response.modelSummaries?.length).toBeGreaterThan(0)
    const error = await errorOf(
      bedrock().send(
        new ListFoundationModelsCommand({ byInferenceType: 'INFERENCE_PROFILE' as 'ON_DEMAND' })
      )
    )
    expect(error.name).toBe('ValidationException')
    expect(error.message).toContain("Value 'INFERENCE_PROFILE' at 'byInferenceType'")
  })
})

describe('GetFoundationModel', () => {
  it('describes a model by id and by ARN, and 404s an unknown one', async () => {
    const byId = await bedrock().send(new GetFoundationModelCommand({ modelIdentifier: SONNET_45 }))
    expect(byId.modelDetails?.modelId).toBe(SONNET_45)
    const byArn = await bedrock('eu-west-1').send(
      new GetFoundationModelCommand({
        modelIdentifier: `arn:aws:bedrock:eu-west-1::foundation-model/${OPUS_46}`
      })
    )
    expect(byArn.modelDetails?.modelArn).toBe(
      `arn:aws:bedrock:eu-west-1::foundation-model/${OPUS_46}`
    )
    const error = await errorOf(
      bedrock().send(new GetFoundationModelCommand({ modelIdentifier: 'anthropic.claude-nope' }))
    )
    expect(error).toMatchObject({ name: 'ResourceNotFoundException', message: 'Model not found' })
  })
})

describe('ListInferenceProfiles', () => {
  it('paginates with the scenario page size (5) and the paginator collects every profile', async () => {
    const { profiles, pages } = await allProfiles(bedrock())
    const ids = profiles.map((p) => p.inferenceProfileId)
    expect(pages).toBe(Math.ceil(profiles.length / 5))
    expect(pages).toBeGreaterThan(1)
    expect(new Set(ids).size).toBe(ids.length)
    expect(ids).toEqual(
      expect.arrayContaining([`us.${SONNET_45}`, `global.${SONNET_45}`, `us.${OPUS_46}`])
    )
    expect(ids.some((id) => id?.startsWith('eu.'))).toBe(false)

    const single = await bedrock().send(new ListInferenceProfilesCommand({ maxResults: 1000 }))
    expect(single.nextToken).toBeUndefined()
    expect(single.inferenceProfileSummaries?.map((p) => p.inferenceProfileId)).toEqual(ids)
  })

  it('describes each system profile with one foundation-model ARN per destination region', async () => {
    const { profiles } = await allProfiles(bedrock())
    const us = profiles.find((p) => p.inferenceProfileId === `us.${SONNET_45}`)
    expect(us).toMatchObject({
      inferenceProfileArn: `arn:aws:bedrock:us-east-1:123456789012:inference-profile/us.${SONNET_45}`,
      inferenceProfileName: 'US Anthropic Claude Sonnet 4.5',
      status: 'ACTIVE',
      type: 'SYSTEM_DEFINED',
      createdAt: expect.any(Date),
      updatedAt: expect.any(Date),
      models: ['us-east-1', 'us-east-2', 'us-west-2'].map((region) => ({
        modelArn: `arn:aws:bedrock:${region}::foundation-model/${SONNET_45}`
      }))
    })
  })

  it.each([
    ['eu-central-1', ['eu.', 'global.'], ['us.', 'apac.']],
    ['ap-northeast-1', ['apac.', 'jp.', 'global.'], ['us.', 'eu.']],
    ['ap-southeast-1', ['apac.'], ['global.', 'jp.']],
    ['us-gov-west-1', ['us-gov.'], ['us.', 'global.']]
  ])('offers the right geographies in %s', async (region, present, absent) => {
    const prefixes = new Set(
      (await allProfiles(bedrock(region))).profiles.map(
        (p) => `${p.inferenceProfileId?.split('.')[0]}.`
      )
    )
    for (const prefix of present) expect(prefixes).toContain(prefix)
    for (const prefix of absent) expect(prefixes).not.toContain(prefix)
  })

  it('lists application profiles on request, pointing at the underlying foundation models', async () => {
    const { profiles } = await allProfiles(bedrock(), 'APPLICATION')
    expect(profiles).toEqual([
      expect.objectContaining({
        inferenceProfileId: 'k3x9p2q7w1ab',
        inferenceProfileArn: APP_PROFILE_ARN,
        type: 'APPLICATION',
        models: ['us-east-1', 'us-east-2', 'us-west-2'].map((region) => ({
          modelArn: `arn:aws:bedrock:${region}::foundation-model/${SONNET_45}`
        }))
      })
    ])
  })

  it('rejects a forged pagination token', async () => {
    const error = await errorOf(
      bedrock().send(new ListInferenceProfilesCommand({ nextToken: 'bm90LWEtdG9rZW4' }))
    )
    expect(error).toMatchObject({
      name: 'ValidationException',
      message: 'Invalid pagination token'
    })
  })
})

describe('GetInferenceProfile', () => {
  it.each([
    ['a system profile id', `us.${SONNET_45}`, `us.${SONNET_45}`],
    [
      'a system profile ARN',
      `arn:aws:bedrock:us-east-1:123456789012:inference-profile/global.${OPUS_46}`,
      `global.${OPUS_46}`
    ],
    ['an application profile ARN', APP_PROFILE_ARN, 'k3x9p2q7w1ab']
  ])('finds %s', async (_case, identifier, id) => {
    const profile = await bedrock().send(
      new GetInferenceProfileCommand({ inferenceProfileIdentifier: identifier })
    )
    expect(profile.inferenceProfileId).toBe(id)
    expect(profile.models?.length).toBeGreaterThan(0)
    const request = emulator.requests.at(-1)
    // The SDK percent-encodes the ARN label; the emulator decodes it.
    if (identifier.startsWith('arn:')) expect(request?.path).toContain('%3A')
  })

  it.each([
    ['a profile of another geography', `eu.${SONNET_45}`],
    ['a typo', 'us.anthropic.claude-sonet-4-5-20250929-v1:0']
  ])('answers 404 for %s', async (_case, identifier) => {
    const error = await errorOf(
      bedrock().send(new GetInferenceProfileCommand({ inferenceProfileIdentifier: identifier }))
    )
    expect(error).toMatchObject({
      name: 'ResourceNotFoundException',
      message: 'Inference profile not found'
    })
  })
})

describe('GetFoundationModelAvailability', () => {
  type Expected = Record<string, unknown>
  const cases: Array<[string, string, Expected]> = [
    [
      'default',
      'us-east-1',
      {
        agreementAvailability: { status: 'AVAILABLE' },
        authorizationStatus: 'AUTHORIZED',
        entitlementAvailability: 'AVAILABLE',
        regionAvailability: 'AVAILABLE'
      }
    ],
    ['agreement-pending', 'us-east-1', { agreementAvailability: { status: 'PENDING' } }],
    ['use-case-not-submitted', 'us-east-1', { authorizationStatus: 'NOT_AUTHORIZED' }],
    [
      'marketplace-denied',
      'us-east-1',
      {
        agreementAvailability: {
          status: 'ERROR',
          errorMessage: expect.stringContaining('aws-marketplace:Subscribe')
        }
      }
    ],
    [
      'entitlement-unavailable',
      'us-east-1',
      {
        agreementAvailability: { status: 'NOT_AVAILABLE' },
        entitlementAvailability: 'NOT_AVAILABLE'
      }
    ],
    ['default', 'ap-southeast-1', { regionAvailability: 'NOT_AVAILABLE' }]
  ]
  it.each(cases)('reports the %s scenario in %s', async (name, region, expected) => {
    emulator.setScenario(loadScenario(name))
    const report = await bedrock(region).send(
      new GetFoundationModelAvailabilityCommand({ modelId: SONNET_45 })
    )
    expect(report).toMatchObject({ modelId: SONNET_45, ...expected })
  })
})

describe('authorization', () => {
  it('evaluates the policy for control-plane actions (AccessDeniedException)', async () => {
    const scenario: Scenario = loadScenario('default')
    const bot = scenario.environmentCredentials[1]
    if (bot) bot.policy = [{ effect: 'Allow', actions: ['bedrock:Get*'], resources: ['*'] }]
    emulator.setScenario(scenario)
    await bedrock().send(new GetFoundationModelAvailabilityCommand({ modelId: SONNET_45 }))
    const error = await errorOf(bedrock().send(new ListInferenceProfilesCommand({})))
    expect(error).toMatchObject({
      name: 'AccessDeniedException',
      message:
        'User: arn:aws:iam::123456789012:user/ci-bot is not authorized to perform: bedrock:ListInferenceProfiles because no identity-based policy allows the bedrock:ListInferenceProfiles action'
    })
  })

  it('names the resource and an explicit deny', async () => {
    const scenario: Scenario = loadScenario('default')
    const bot = scenario.environmentCredentials[1]
    bot?.policy.push({
      effect: 'Deny',
      actions: ['bedrock:GetInferenceProfile'],
      resources: ['arn:aws:bedrock:*:*:inference-profile/global.*']
    })
    emulator.setScenario(scenario)
    const error = await errorOf(
      bedrock().send(
        new GetInferenceProfileCommand({ inferenceProfileIdentifier: `global.${SONNET_45}` })
      )
    )
    expect(error.message).toBe(
      `User: arn:aws:iam::123456789012:user/ci-bot is not authorized to perform: bedrock:GetInferenceProfile on resource: arn:aws:bedrock:us-east-1:123456789012:inference-profile/global.${SONNET_45} with an explicit deny in an identity-based policy`
    )
  })

  it('accepts a Bedrock API key as Bearer auth and rejects an unknown one', async () => {
    const key = loadScenario('default').apiKeys[0]?.key ?? ''
    const list = (authorization: string): Promise<Response> =>
      fetch(`${emulator.url}/inference-profiles?type=SYSTEM_DEFINED&maxResults=2`, {
        headers: { authorization }
      })
    const ok = await list(`Bearer ${key}`)
    expect(ok.status).toBe(200)
    const body = (await ok.json()) as { inferenceProfileSummaries: unknown[]; nextToken?: string }
    expect(body.inferenceProfileSummaries).toHaveLength(2)
    expect(body.nextToken).toEqual(expect.any(String))
    expect(emulator.requests.at(-1)).toMatchObject({ auth: 'bearer', status: 200 })

    // Bedrock's own answers, body field `Message` as on the wire.
    const unknown = await list(`Bearer ${longTermApiKey('123456789012', 'BedrockAPIKey-gone')}`)
    expect(unknown.status).toBe(403)
    expect(await unknown.json()).toEqual({
      Message: 'Authentication failed: Please make sure your API Key is valid.'
    })
    const anthropic = await list(`Bearer ${ANTHROPIC_API_KEY}`)
    expect(anthropic.status).toBe(403)
    expect(await anthropic.json()).toEqual({
      Message: 'Invalid API Key format: Must start with pre-defined prefix'
    })
  })

  describe('short-term keys, minted with @aws/bedrock-token-generator', () => {
    const credentials = {
      accessKeyId: ciBot?.accessKeyId ?? '',
      secretAccessKey: ciBot?.secretAccessKey ?? ''
    }
    const listWith = (key: string): Promise<Response> =>
      fetch(`${emulator.url}/inference-profiles?type=SYSTEM_DEFINED&maxResults=1`, {
        headers: { authorization: `Bearer ${key}` }
      })

    it('work as the principal that made them, in the region they were made for', async () => {
      const key = await shortTermApiKey({ region: 'eu-west-1', credentials })
      const response = await listWith(key)
      expect(response.status).toBe(200)
      const body = (await response.json()) as {
        inferenceProfileSummaries: Array<{ inferenceProfileArn: string }>
      }
      expect(body.inferenceProfileSummaries[0]?.inferenceProfileArn).toMatch(
        /^arn:aws:bedrock:eu-west-1:123456789012:inference-profile\//
      )
    })

    it.each([
      ['expired', { issuedAt: new Date(Date.now() - 3_700_000), expiresInSeconds: 3600 }],
      ['signed with the wrong secret key', { wrongSecret: true }],
      ['made from credentials the account does not know', { unknownKey: true }]
    ])('are refused when %s', async (_title, how) => {
      const key = await shortTermApiKey({
        region: 'us-east-1',
        credentials: {
          accessKeyId: 'unknownKey' in how ? 'AKIAIOSFODNN7EXAMPLE' : credentials.accessKeyId,
          secretAccessKey:
            'wrongSecret' in how
              ? credentials.secretAccessKey.replace(/.$/, 'Z')
              : credentials.secretAccessKey
        },
        ...('issuedAt' in how
          ? { issuedAt: how.issuedAt, expiresInSeconds: how.expiresInSeconds }
          : {})
      })
      const response = await listWith(key)
      expect(response.status).toBe(403)
      expect(await response.json()).toEqual({
        Message: 'Authentication failed: Please make sure your API Key is valid.'
      })
    })
  })

  it('rejects unsigned requests', async () => {
    const response = await fetch(`${emulator.url}/foundation-models`)
    expect(response.status).toBe(403)
    expect(response.headers.get('x-amzn-errortype')).toMatch(
      /^MissingAuthenticationTokenException:/
    )
  })
})
