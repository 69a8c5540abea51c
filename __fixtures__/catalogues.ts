import type { FoundationModelSummary, InferenceProfileSummary } from '@aws-sdk/client-bedrock'
import type { Catalogue } from '../src/models/catalogue.js'

/**
 * Small catalogues shaped like real ListFoundationModels / ListInferenceProfiles answers, for
 * resolution tests. Dates and lifecycles are illustrative, not a claim about today's Bedrock.
 */

export const ACCOUNT = '123456789012'

type InferenceTypeName = 'ON_DEMAND' | 'INFERENCE_PROFILE' | 'PROVISIONED'

interface ModelOptions {
  readonly types?: readonly InferenceTypeName[]
  readonly status?: 'ACTIVE' | 'LEGACY'
  readonly legacyTime?: Date
  readonly endOfLifeTime?: Date
  readonly partition?: string
}

export function foundationModel(
  region: string,
  modelId: string,
  options: ModelOptions = {}
): FoundationModelSummary {
  return {
    modelArn: `arn:${options.partition ?? 'aws'}:bedrock:${region}::foundation-model/${modelId}`,
    modelId,
    modelName: modelId,
    providerName: 'Anthropic',
    inputModalities: ['TEXT', 'IMAGE'],
    outputModalities: ['TEXT'],
    responseStreamingSupported: true,
    // The SDK's InferenceType enum predates INFERENCE_PROFILE; the wire carries it anyway.
    inferenceTypesSupported: [
      ...(options.types ?? ['INFERENCE_PROFILE'])
    ] as FoundationModelSummary['inferenceTypesSupported'],
    modelLifecycle: {
      status: options.status ?? 'ACTIVE',
      ...(options.legacyTime ? { legacyTime: options.legacyTime } : {}),
      ...(options.endOfLifeTime ? { endOfLifeTime: options.endOfLifeTime } : {})
    }
  }
}

/** A system profile `<prefix>.<baseModelId>` as listed in `sourceRegion`, routing to `destinations`. */
export function systemProfile(
  sourceRegion: string,
  prefix: string,
  baseModelId: string,
  destinations: readonly string[],
  partition = 'aws'
): InferenceProfileSummary {
  const id = `${prefix}.${baseModelId}`
  return {
    inferenceProfileName: `${prefix.toUpperCase()} ${baseModelId}`,
    inferenceProfileArn: `arn:${partition}:bedrock:${sourceRegion}:${ACCOUNT}:inference-profile/${id}`,
    inferenceProfileId: id,
    status: 'ACTIVE',
    type: 'SYSTEM_DEFINED',
    models: destinations.map((region) => ({
      modelArn: `arn:${partition}:bedrock:${region}::foundation-model/${baseModelId}`
    }))
  }
}

/** A global profile lists the source region's model plus the region-less ARN. */
export function globalProfile(sourceRegion: string, baseModelId: string): InferenceProfileSummary {
  const profile = systemProfile(sourceRegion, 'global', baseModelId, [sourceRegion])
  return {
    ...profile,
    models: [
      ...(profile.models ?? []),
      { modelArn: `arn:aws:bedrock:::foundation-model/${baseModelId}` }
    ]
  }
}

export function applicationProfile(
  region: string,
  id: string,
  modelArns: readonly string[]
): InferenceProfileSummary {
  return {
    inferenceProfileName: `team-${id}`,
    inferenceProfileArn: `arn:aws:bedrock:${region}:${ACCOUNT}:application-inference-profile/${id}`,
    inferenceProfileId: id,
    status: 'ACTIVE',
    type: 'APPLICATION',
    models: modelArns.map((modelArn) => ({ modelArn }))
  }
}

const US = ['us-east-1', 'us-east-2', 'us-west-2']
const EU = ['eu-central-1', 'eu-west-1', 'eu-west-3', 'eu-north-1']
const APAC = ['ap-northeast-1', 'ap-southeast-1', 'ap-southeast-2', 'ap-south-1']
const JP = ['ap-northeast-1', 'ap-northeast-3']

export const SONNET_4_6 = 'anthropic.claude-sonnet-4-6'
export const SONNET_4_5 = 'anthropic.claude-sonnet-4-5-20250929-v1:0'
export const SONNET_4 = 'anthropic.claude-sonnet-4-20250514-v1:0'
export const SONNET_3_7 = 'anthropic.claude-3-7-sonnet-20250219-v1:0'
export const SONNET_3_5_V2 = 'anthropic.claude-3-5-sonnet-20241022-v2:0'
export const SONNET_3_5 = 'anthropic.claude-3-5-sonnet-20240620-v1:0'
export const OPUS_5 = 'anthropic.claude-opus-5'
export const OPUS_4_6 = 'anthropic.claude-opus-4-6-v1'
export const OPUS_4_1 = 'anthropic.claude-opus-4-1-20250805-v1:0'
export const HAIKU_4_5 = 'anthropic.claude-haiku-4-5-20251001-v1:0'
export const HAIKU_3_5 = 'anthropic.claude-3-5-haiku-20241022-v1:0'
export const HAIKU_3 = 'anthropic.claude-3-haiku-20240307-v1:0'

const LEGACY = {
  status: 'LEGACY',
  legacyTime: new Date('2025-08-25T00:00:00Z'),
  endOfLifeTime: new Date('2026-03-01T00:00:00Z')
} as const

/** us-east-1: many generations, on-demand-only old models, us. and global. profiles. */
export const usEast1: Catalogue = {
  region: 'us-east-1',
  foundationModels: [
    foundationModel('us-east-1', HAIKU_3, { types: ['ON_DEMAND', 'INFERENCE_PROFILE'] }),
    foundationModel('us-east-1', HAIKU_3_5, { ...LEGACY }),
    foundationModel('us-east-1', HAIKU_4_5),
    foundationModel('us-east-1', SONNET_3_5, {
      types: ['ON_DEMAND', 'INFERENCE_PROFILE'],
      ...LEGACY
    }),
    foundationModel('us-east-1', 'anthropic.claude-3-sonnet-20240229-v1:0:28k', {
      types: ['PROVISIONED']
    }),
    foundationModel('us-east-1', SONNET_3_5_V2, { ...LEGACY }),
    foundationModel('us-east-1', SONNET_3_7),
    foundationModel('us-east-1', SONNET_4),
    foundationModel('us-east-1', SONNET_4_5),
    foundationModel('us-east-1', SONNET_4_6),
    foundationModel('us-east-1', OPUS_4_1),
    foundationModel('us-east-1', OPUS_4_6),
    foundationModel('us-east-1', OPUS_5)
  ],
  profiles: [
    systemProfile('us-east-1', 'us', HAIKU_3, US),
    systemProfile('us-east-1', 'us', HAIKU_3_5, US),
    systemProfile('us-east-1', 'us', HAIKU_4_5, US),
    globalProfile('us-east-1', HAIKU_4_5),
    systemProfile('us-east-1', 'us', SONNET_3_5, US),
    systemProfile('us-east-1', 'us', SONNET_3_5_V2, US),
    systemProfile('us-east-1', 'us', SONNET_3_7, US),
    systemProfile('us-east-1', 'us', SONNET_4, US),
    globalProfile('us-east-1', SONNET_4),
    systemProfile('us-east-1', 'us', SONNET_4_5, US),
    globalProfile('us-east-1', SONNET_4_5),
    globalProfile('us-east-1', SONNET_4_6),
    systemProfile('us-east-1', 'us', SONNET_4_6, US),
    systemProfile('us-east-1', 'us', OPUS_4_1, US),
    systemProfile('us-east-1', 'us', OPUS_4_6, US),
    globalProfile('us-east-1', OPUS_4_6),
    // The newest Opus is offered only globally at first.
    globalProfile('us-east-1', OPUS_5)
  ]
}

/** eu-west-1: the newest Sonnet only through global., older ones through eu. */
export const euWest1: Catalogue = {
  region: 'eu-west-1',
  foundationModels: [
    foundationModel('eu-west-1', SONNET_3_7),
    foundationModel('eu-west-1', SONNET_4_5),
    foundationModel('eu-west-1', SONNET_4_6),
    foundationModel('eu-west-1', HAIKU_4_5)
  ],
  profiles: [
    systemProfile('eu-west-1', 'eu', SONNET_3_7, EU),
    systemProfile('eu-west-1', 'eu', SONNET_4_5, EU),
    globalProfile('eu-west-1', SONNET_4_5),
    globalProfile('eu-west-1', SONNET_4_6),
    systemProfile('eu-west-1', 'eu', HAIKU_4_5, EU),
    globalProfile('eu-west-1', HAIKU_4_5)
  ]
}

/** ap-northeast-1 (Tokyo): jp., apac. and global. side by side. */
export const apNortheast1: Catalogue = {
  region: 'ap-northeast-1',
  foundationModels: [
    foundationModel('ap-northeast-1', SONNET_4_5),
    foundationModel('ap-northeast-1', HAIKU_4_5),
    foundationModel('ap-northeast-1', HAIKU_3, { types: ['ON_DEMAND'] })
  ],
  profiles: [
    systemProfile('ap-northeast-1', 'apac', SONNET_4_5, APAC),
    systemProfile('ap-northeast-1', 'jp', SONNET_4_5, JP),
    globalProfile('ap-northeast-1', SONNET_4_5),
    systemProfile('ap-northeast-1', 'apac', HAIKU_4_5, APAC),
    globalProfile('ap-northeast-1', HAIKU_4_5)
  ]
}

/**
 * ca-central-1: Opus only through a global profile and absent from ListFoundationModels;
 * Haiku only in old generations, the newer one LEGACY.
 */
export const caCentral1: Catalogue = {
  region: 'ca-central-1',
  foundationModels: [
    foundationModel('ca-central-1', HAIKU_3, { types: ['ON_DEMAND'] }),
    foundationModel('ca-central-1', HAIKU_3_5, { types: ['ON_DEMAND'], ...LEGACY }),
    foundationModel('ca-central-1', SONNET_3_5, { types: ['ON_DEMAND'], ...LEGACY })
  ],
  profiles: [globalProfile('ca-central-1', OPUS_4_6)]
}

/** us-gov-west-1: its own partition and prefix. */
export const usGovWest1: Catalogue = {
  region: 'us-gov-west-1',
  foundationModels: [
    foundationModel('us-gov-west-1', SONNET_3_5, {
      types: ['ON_DEMAND'],
      partition: 'aws-us-gov',
      ...LEGACY
    }),
    foundationModel('us-gov-west-1', SONNET_4_5, { partition: 'aws-us-gov' })
  ],
  profiles: [
    systemProfile(
      'us-gov-west-1',
      'us-gov',
      SONNET_4_5,
      ['us-gov-west-1', 'us-gov-east-1'],
      'aws-us-gov'
    )
  ]
}
