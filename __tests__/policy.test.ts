import { describe, expect, it } from '@jest/globals'
import type { ResolvedModel } from '../src/models/resolvedModel.js'
import { buildIamPolicy, renderIamPolicy } from '../src/policy/iamPolicy.js'
import type { IamPolicyDocument, IamStatement } from '../src/policy/iamPolicy.js'

const ACCOUNT = '123456789012'
const SONNET = 'anthropic.claude-sonnet-4-5-20250929-v1:0'
const HAIKU = 'anthropic.claude-haiku-4-5-20251001-v1:0'

const fm = (partition: string, region: string, id: string): string =>
  `arn:${partition}:bedrock:${region}::foundation-model/${id}`

function profileModel(
  profileId: string,
  baseId: string,
  regions: readonly string[],
  opts: { partition?: string; region?: string; role?: 'main' | 'small'; account?: string } = {}
): ResolvedModel {
  const partition = opts.partition ?? 'aws'
  const region = opts.region ?? regions[0] ?? 'us-east-1'
  return {
    role: opts.role ?? 'main',
    ref: {
      kind: 'inference-profile-id',
      raw: profileId,
      profileId,
      prefix: profileId.split('.')[0] ?? '',
      baseModelId: baseId,
      oneMillionContext: false
    },
    region,
    exportId: profileId,
    invokeId: profileId,
    arn: `arn:${partition}:bedrock:${region}:${opts.account ?? ACCOUNT}:inference-profile/${profileId}`,
    type: 'system-inference-profile',
    family: 'sonnet',
    foundationModelId: baseId,
    foundationModelArns: regions.map((r) => fm(partition, r, baseId)),
    destinationRegions: regions,
    lifecycle: { status: 'ACTIVE' }
  }
}

function statement(doc: IamPolicyDocument, sid: string): IamStatement | undefined {
  return doc.Statement.find((s) => s.Sid === sid)
}

/** Every invoke statement's resources: one statement per model, named after it. */
function invokeResources(doc: IamPolicyDocument): readonly string[] | undefined {
  const invoke = doc.Statement.filter((s) => s.Action.includes('bedrock:InvokeModel'))
  return invoke.length === 0 ? undefined : invoke.flatMap((s) => [...s.Resource])
}

describe('buildIamPolicy', () => {
  it('allows a cross-region profile and the foundation model in each of its 3 destination regions', () => {
    const regions = ['us-west-2', 'us-east-1', 'us-east-2']
    const doc = buildIamPolicy(
      [profileModel(`us.${SONNET}`, SONNET, regions, { region: 'us-east-1' })],
      'aws',
      ACCOUNT
    )
    const profileArn = `arn:aws:bedrock:us-east-1:${ACCOUNT}:inference-profile/us.${SONNET}`
    expect(doc.Version).toBe('2012-10-17')
    expect(doc.Statement.map((s) => s.Sid)).toEqual([
      'InvokeUsClaudeSonnet45',
      'ReadVerifiedInferenceProfiles',
      'ReadVerifiedFoundationModels',
      'ListModelsAndCheckAccess',
      'MarketplaceSubscriptionOnFirstUse'
    ])
    expect(statement(doc, 'InvokeUsClaudeSonnet45')).toEqual({
      Sid: 'InvokeUsClaudeSonnet45',
      Effect: 'Allow',
      Action: ['bedrock:InvokeModel', 'bedrock:InvokeModelWithResponseStream'],
      Resource: [
        profileArn,
        fm('aws', 'us-east-1', SONNET),
        fm('aws', 'us-east-2', SONNET),
        fm('aws', 'us-west-2', SONNET)
      ]
    })
    expect(statement(doc, 'ReadVerifiedInferenceProfiles')?.Resource).toEqual([profileArn])
    expect(statement(doc, 'ReadVerifiedFoundationModels')).toMatchObject({
      Action: ['bedrock:GetFoundationModel'],
      Resource: [fm('aws', 'us-east-1', SONNET)]
    })
    expect(statement(doc, 'ListModelsAndCheckAccess')).toEqual({
      Sid: 'ListModelsAndCheckAccess',
      Effect: 'Allow',
      Action: [
        'bedrock:GetFoundationModelAvailability',
        'bedrock:ListFoundationModels',
        'bedrock:ListInferenceProfiles'
      ],
      Resource: '*'
    })
    expect(statement(doc, 'MarketplaceSubscriptionOnFirstUse')).toEqual({
      Sid: 'MarketplaceSubscriptionOnFirstUse',
      Effect: 'Allow',
      Action: ['aws-marketplace:Subscribe', 'aws-marketplace:ViewSubscriptions'],
      Resource: '*',
      Condition: { StringEquals: { 'aws:CalledViaLast': 'bedrock.amazonaws.com' } }
    })
  })

  it('allows an application inference profile ARN and its foundation models', () => {
    const appArn = `arn:aws:bedrock:eu-west-1:${ACCOUNT}:application-inference-profile/a1b2c3d4e5f6`
    const model: ResolvedModel = {
      ...profileModel('ignored', SONNET, ['eu-west-1', 'eu-central-1'], { region: 'eu-west-1' }),
      ref: {
        kind: 'application-inference-profile-arn',
        raw: appArn,
        arn: appArn,
        region: 'eu-west-1',
        accountId: ACCOUNT,
        oneMillionContext: false
      },
      invokeId: appArn,
      exportId: appArn,
      arn: appArn,
      type: 'application-inference-profile'
    }
    const doc = buildIamPolicy([model], 'aws', ACCOUNT)
    expect(invokeResources(doc)).toEqual([
      appArn,
      fm('aws', 'eu-central-1', SONNET),
      fm('aws', 'eu-west-1', SONNET)
    ])
    expect(statement(doc, 'ReadVerifiedInferenceProfiles')?.Resource).toEqual([appArn])
  })

  it('allows a foundation model invoked directly, without any profile statement', () => {
    const arn = fm('aws', 'us-east-1', 'anthropic.claude-3-haiku-20240307-v1:0')
    const model: ResolvedModel = {
      role: 'small',
      ref: {
        kind: 'foundation-model-arn',
        raw: arn,
        arn,
        region: 'us-east-1',
        modelId: 'anthropic.claude-3-haiku-20240307-v1:0',
        oneMillionContext: false
      },
      region: 'us-east-1',
      exportId: 'anthropic.claude-3-haiku-20240307-v1:0',
      invokeId: 'anthropic.claude-3-haiku-20240307-v1:0',
      arn,
      type: 'foundation-model',
      family: 'haiku',
      foundationModelId: 'anthropic.claude-3-haiku-20240307-v1:0',
      foundationModelArns: [arn],
      destinationRegions: ['us-east-1'],
      lifecycle: { status: 'ACTIVE' }
    }
    const doc = buildIamPolicy([model], 'aws')
    expect(invokeResources(doc)).toEqual([arn])
    expect(statement(doc, 'ReadVerifiedInferenceProfiles')).toBeUndefined()
    expect(statement(doc, 'ReadVerifiedFoundationModels')?.Resource).toEqual([arn])
  })

  it('de-duplicates regions and models shared by two profiles, in a stable order', () => {
    const main = profileModel(`us.${SONNET}`, SONNET, ['us-east-1', 'us-east-2', 'us-west-2'])
    const small = profileModel(`us.${HAIKU}`, HAIKU, ['us-east-1', 'us-east-2', 'us-west-2'], {
      role: 'small'
    })
    const again = profileModel(`us.${SONNET}`, SONNET, ['us-west-2', 'us-east-1', 'us-east-2'], {
      region: 'us-east-1'
    })
    const doc = buildIamPolicy([main, small, again], 'aws', ACCOUNT)
    const invoke = invokeResources(doc)
    expect(invoke).toHaveLength(8)
    expect(new Set(invoke)).toEqual(
      new Set([main.arn, small.arn, ...main.foundationModelArns, ...small.foundationModelArns])
    )
    // One statement per model, each with a Sid of its own: pasted together, IAM accepts them.
    const sids = doc.Statement.map((s) => s.Sid)
    expect(new Set(sids).size).toBe(sids.length)
    expect(statement(doc, 'InvokeUsClaudeSonnet45')?.Resource).toEqual([
      main.arn,
      ...[...main.foundationModelArns].sort()
    ])
    expect(statement(doc, 'InvokeUsClaudeHaiku45')?.Resource).toEqual([
      small.arn,
      ...[...small.foundationModelArns].sort()
    ])
    expect(statement(doc, 'ReadVerifiedInferenceProfiles')?.Resource).toEqual(
      [small.arn, main.arn].sort()
    )
    // Order of the input does not change the output.
    expect(renderIamPolicy(buildIamPolicy([small, again, main], 'aws', ACCOUNT))).toBe(
      renderIamPolicy(doc)
    )
  })

  it.each([
    ['aws-us-gov', 'us-gov-west-1', ['us-gov-west-1', 'us-gov-east-1'], 'us-gov'],
    ['aws-cn', 'cn-north-1', ['cn-north-1', 'cn-northwest-1'], 'cn']
  ] as const)('keeps every ARN in the %s partition', (partition, region, regions, prefix) => {
    const doc = buildIamPolicy(
      [profileModel(`${prefix}.${SONNET}`, SONNET, regions, { partition, region })],
      partition,
      ACCOUNT
    )
    const arns = doc.Statement.flatMap((s) => (s.Resource === '*' ? [] : s.Resource))
    expect(arns.length).toBeGreaterThan(0)
    for (const arn of arns) expect(arn.startsWith(`arn:${partition}:bedrock:`)).toBe(true)
    expect(statement(doc, 'ReadVerifiedFoundationModels')?.Resource).toEqual([
      fm(partition, region, SONNET)
    ])
  })

  it('fills the account of a profile ARN built without one, or wildcards it', () => {
    const model = { ...profileModel(`us.${SONNET}`, SONNET, ['us-east-1'], { account: '' }) }
    expect(
      statement(buildIamPolicy([model], 'aws', ACCOUNT), 'ReadVerifiedInferenceProfiles')?.Resource
    ).toEqual([`arn:aws:bedrock:us-east-1:${ACCOUNT}:inference-profile/us.${SONNET}`])
    expect(
      statement(buildIamPolicy([model], 'aws'), 'ReadVerifiedInferenceProfiles')?.Resource
    ).toEqual([`arn:aws:bedrock:us-east-1:*:inference-profile/us.${SONNET}`])
  })

  it('grants no model at all when none was verified', () => {
    const doc = buildIamPolicy([], 'aws', ACCOUNT)
    expect(doc.Statement.map((s) => s.Sid)).toEqual([
      'ListModelsAndCheckAccess',
      'MarketplaceSubscriptionOnFirstUse'
    ])
  })
})

describe('renderIamPolicy', () => {
  it('renders 2-space JSON that parses back to the same document', () => {
    const doc = buildIamPolicy(
      [profileModel(`us.${SONNET}`, SONNET, ['us-east-1'])],
      'aws',
      ACCOUNT
    )
    const text = renderIamPolicy(doc)
    expect(
      text.startsWith('{\n  "Version": "2012-10-17",\n  "Statement": [\n    {\n      "Sid"')
    ).toBe(true)
    expect(JSON.parse(text)).toEqual(doc)
  })
})
