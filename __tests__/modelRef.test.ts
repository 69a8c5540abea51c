import { InputError } from '../src/inputs/inputError.js'
import type { ModelRef } from '../src/models/modelRef.js'
import { parseModelRef } from '../src/models/modelRef.js'

const SONNET = 'anthropic.claude-sonnet-4-5-20250929-v1:0'
const ACCOUNT = '123456789012'

const good: ReadonlyArray<readonly [string, ModelRef]> = [
  ['sonnet', { kind: 'alias', raw: 'sonnet', family: 'sonnet', oneMillionContext: false }],
  ['Opus', { kind: 'alias', raw: 'Opus', family: 'opus', oneMillionContext: false }],
  [
    'claude-haiku',
    { kind: 'alias', raw: 'claude-haiku', family: 'haiku', oneMillionContext: false }
  ],
  ['sonnet[1m]', { kind: 'alias', raw: 'sonnet[1m]', family: 'sonnet', oneMillionContext: true }],
  [SONNET, { kind: 'base-model-id', raw: SONNET, modelId: SONNET, oneMillionContext: false }],
  ...[
    'anthropic.claude-opus-4-6-v1',
    'anthropic.claude-sonnet-4-6',
    'anthropic.claude-opus-5',
    'anthropic.claude-3-7-sonnet-20250219-v1:0',
    'anthropic.claude-v2:1',
    'anthropic.claude-3-sonnet-20240229-v1:0:200k'
  ].map(
    (id) => [id, { kind: 'base-model-id', raw: id, modelId: id, oneMillionContext: false }] as const
  ),
  ...[
    'claude-opus-4-6',
    'claude-sonnet-4-5-20250929',
    'claude-3-7-sonnet-20250219',
    'claude-3-5-haiku-latest'
  ].map(
    (id) =>
      [id, { kind: 'first-party-id', raw: id, anthropicId: id, oneMillionContext: false }] as const
  ),
  [
    'claude-opus-4-6[1m]',
    {
      kind: 'first-party-id',
      raw: 'claude-opus-4-6[1m]',
      anthropicId: 'claude-opus-4-6',
      oneMillionContext: true
    }
  ],
  [
    `${SONNET}[1M]`,
    { kind: 'base-model-id', raw: `${SONNET}[1M]`, modelId: SONNET, oneMillionContext: true }
  ],
  ...['global', 'us', 'eu', 'apac', 'jp', 'au', 'us-gov'].map(
    (prefix) =>
      [
        `${prefix}.${SONNET}`,
        {
          kind: 'inference-profile-id',
          raw: `${prefix}.${SONNET}`,
          profileId: `${prefix}.${SONNET}`,
          prefix,
          baseModelId: SONNET,
          oneMillionContext: false
        }
      ] as const
  ),
  [
    `us.${SONNET}[1m]`,
    {
      kind: 'inference-profile-id',
      raw: `us.${SONNET}[1m]`,
      profileId: `us.${SONNET}`,
      prefix: 'us',
      baseModelId: SONNET,
      oneMillionContext: true
    }
  ],
  [
    `arn:aws:bedrock:us-east-1:${ACCOUNT}:inference-profile/us.${SONNET}`,
    {
      kind: 'inference-profile-arn',
      raw: `arn:aws:bedrock:us-east-1:${ACCOUNT}:inference-profile/us.${SONNET}`,
      arn: `arn:aws:bedrock:us-east-1:${ACCOUNT}:inference-profile/us.${SONNET}`,
      region: 'us-east-1',
      accountId: ACCOUNT,
      profileId: `us.${SONNET}`,
      oneMillionContext: false
    }
  ],
  [
    `arn:aws-us-gov:bedrock:us-gov-west-1:${ACCOUNT}:application-inference-profile/a1b2c3d4e5f6[1m]`,
    {
      kind: 'application-inference-profile-arn',
      raw: `arn:aws-us-gov:bedrock:us-gov-west-1:${ACCOUNT}:application-inference-profile/a1b2c3d4e5f6[1m]`,
      arn: `arn:aws-us-gov:bedrock:us-gov-west-1:${ACCOUNT}:application-inference-profile/a1b2c3d4e5f6`,
      region: 'us-gov-west-1',
      accountId: ACCOUNT,
      oneMillionContext: true
    }
  ],
  [
    `arn:aws:bedrock:eu-central-1::foundation-model/${SONNET}`,
    {
      kind: 'foundation-model-arn',
      raw: `arn:aws:bedrock:eu-central-1::foundation-model/${SONNET}`,
      arn: `arn:aws:bedrock:eu-central-1::foundation-model/${SONNET}`,
      region: 'eu-central-1',
      modelId: SONNET,
      oneMillionContext: false
    }
  ]
]

const bad: ReadonlyArray<readonly [string, string]> = [
  ['amazon.nova-pro-v1:0', 'a model of provider amazon; this action sets up Claude Code'],
  ['us.meta.llama3-2-90b-instruct-v1:0', 'a model of provider meta'],
  [`uk.${SONNET}`, 'unknown prefix "uk"'],
  [`ca.${SONNET}`, 'with one of the prefixes global, us, eu, apac, jp, au, us-gov'],
  ['anthropic.titan', 'an alias (opus, sonnet, haiku)'],
  ['claude', 'one family word such as opus'],
  ['claude-sonnet-latest', 'for a version, give its model id'],
  ['claude-4-5', 'for a version, give its model id'],
  ['sonnet 4.5', 'got "sonnet 4.5"'],
  [`arn:aws:bedrock:us-east-1:${ACCOUNT}:provisioned-model/abc`, 'a Bedrock provisioned-model ARN'],
  [`arn:aws:bedrock:us-east-1:${ACCOUNT}:imported-model/abc`, 'a Bedrock imported-model ARN'],
  [`arn:aws:iam::${ACCOUNT}:role/claude`, 'an iam ARN, not a Bedrock model'],
  [`arn:aws:sts::${ACCOUNT}:assumed-role/claude/x`, 'an sts ARN'],
  [`arn:aws:bedrock:us-east-1:${ACCOUNT}:foundation-model/${SONNET}`, 'has no account id'],
  [
    `arn:aws:bedrock:us-east-1::inference-profile/us.${SONNET}`,
    'account id in the ARN must be 12 digits'
  ],
  [
    `arn:aws:bedrock:us-east-1:${ACCOUNT}:inference-profile/${SONNET}`,
    'is a base model id, not a profile id'
  ],
  [
    `arn:aws:bedrock:useast1:${ACCOUNT}:inference-profile/us.${SONNET}`,
    '"useast1" in the ARN is not a region code'
  ],
  [
    `arn:aws-iso:bedrock:us-iso-east-1:${ACCOUNT}:inference-profile/us.${SONNET}`,
    'unknown partition "aws-iso"'
  ],
  [
    'arn:aws:bedrock:us-east-1::foundation-model/amazon.nova-pro-v1:0',
    'a model of provider amazon'
  ],
  [
    `arn:aws:bedrock:us-east-1:${ACCOUNT}:application-inference-profile/ab_cd`,
    'letters and digits'
  ],
  ['arn:aws:bedrock', 'not a complete ARN']
]

describe('parseModelRef', () => {
  it.each(good)('classifies %s', (raw, expected) => {
    expect(parseModelRef('model', raw)).toEqual(expected)
  })

  it.each(bad)('rejects %s', (raw, part) => {
    let error: unknown
    try {
      parseModelRef('small-fast-model', raw)
    } catch (caught) {
      error = caught
    }
    expect(error).toBeInstanceOf(InputError)
    expect((error as InputError).input).toBe('small-fast-model')
    expect((error as InputError).message).toMatch(/^Input 'small-fast-model' must be /)
    expect((error as InputError).message).toContain(part)
  })
})
