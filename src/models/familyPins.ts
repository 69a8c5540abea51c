import type { Config } from '../inputs/config.js'
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
 * Families `pin-families` must resolve on their own: those neither `model` (its family) nor
 * `small-fast-model` (the Haiku slot, and its own family) already fills.
 */
export function familiesToPin(config: Config): PinnedFamily[] {
  if (!config.pinFamilies) return []
  const covered = new Set([familyOfRef(config.model), 'haiku', familyOfRef(config.smallFastModel)])
  return PINNED_FAMILIES.filter((family) => !covered.has(family))
}
