import type { InferenceProfileSummary } from '@aws-sdk/client-bedrock'
import type { Config } from '../inputs/config.js'
import { parseBedrockArn } from './bedrockArn.js'
import { modelFamily } from './modelId.js'
import type { ModelRef } from './modelRef.js'
import { PINNED_FAMILIES, type PinnedFamily } from './resolvedModel.js'

/** The family a model input names before anything is looked up (an application profile: unknown). */
export function familyOfRef(ref: ModelRef): string | undefined {
  switch (ref.kind) {
    case 'alias':
      return ref.family.toLowerCase()
    case 'first-party-id':
      return modelFamily(`anthropic.${ref.anthropicId}`)
    case 'base-model-id':
    case 'foundation-model-arn':
      return modelFamily(ref.modelId)
    case 'inference-profile-id':
      return modelFamily(ref.baseModelId)
    case 'inference-profile-arn':
      return modelFamily(ref.profileId.slice(ref.profileId.indexOf('.') + 1))
    case 'application-inference-profile-arn':
      return undefined
  }
}

/**
 * The family of an application inference profile: that of the foundation model it was made from
 * (the first model ARN GetInferenceProfile lists), as resolveModel reads it.
 */
export function applicationProfileFamily(profile: InferenceProfileSummary): string | undefined {
  const modelArn = profile.models?.find((model) => model.modelArn)?.modelArn
  const modelId = modelArn === undefined ? undefined : parseBedrockArn(modelArn)?.resourceId
  return modelId === undefined ? undefined : modelFamily(modelId)
}

/**
 * Families `pin-families` must resolve on their own: those neither `model` (its family) nor
 * `small-fast-model` (the Haiku slot, and its own family) already fills. `alsoCovered`: families
 * learned by a lookup (an application profile's source model), which the exports give to that
 * model too, so they are neither probed nor reported as a pin of their own.
 */
export function familiesToPin(
  config: Config,
  alsoCovered: readonly (string | undefined)[] = []
): PinnedFamily[] {
  if (!config.pinFamilies) return []
  const covered = new Set([
    familyOfRef(config.model),
    'haiku',
    familyOfRef(config.smallFastModel),
    ...alsoCovered
  ])
  return PINNED_FAMILIES.filter((family) => !covered.has(family))
}
