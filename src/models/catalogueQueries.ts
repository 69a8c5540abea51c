import type { FoundationModelSummary, InferenceProfileSummary } from '@aws-sdk/client-bedrock'
import { PROFILE_PREFIXES } from '../inputs/region.js'
import type { Catalogue } from './catalogue.js'
import { parseBedrockArn } from './bedrockArn.js'
import { modelFamily, splitProfileId } from './modelId.js'
import type { ModelLifecycle } from './resolvedModel.js'

export function findFoundationModel(
  catalogue: Catalogue,
  modelId: string
): FoundationModelSummary | undefined {
  return catalogue.foundationModels.find((model) => model.modelId === modelId)
}

/**
 * `inferenceTypesSupported` holds `INFERENCE_PROFILE` for models that only run through a profile;
 * the SDK's enum predates that value, so compare as strings.
 */
export function supportsOnDemand(model: FoundationModelSummary | undefined): boolean {
  return (model?.inferenceTypesSupported ?? []).some((type) => String(type) === 'ON_DEMAND')
}

/** Lifecycle of a base model; a model only reachable through profiles is not listed, so ACTIVE. */
export function lifecycleOf(catalogue: Catalogue, modelId: string): ModelLifecycle {
  const lifecycle = findFoundationModel(catalogue, modelId)?.modelLifecycle
  if (lifecycle?.status !== 'LEGACY') return { status: 'ACTIVE' }
  return {
    status: 'LEGACY',
    ...(lifecycle.legacyTime ? { legacyTime: lifecycle.legacyTime } : {}),
    ...(lifecycle.endOfLifeTime ? { endOfLifeTime: lifecycle.endOfLifeTime } : {})
  }
}

/** Preferred prefix first, then `global`, then the other known geographies, then unknown ones. */
function prefixRank(prefix: string, preferredPrefix: string): number {
  if (prefix === preferredPrefix) return 0
  if (prefix === 'global') return 1
  const known = (PROFILE_PREFIXES as readonly string[]).indexOf(prefix)
  return known >= 0 ? 2 + known : 2 + PROFILE_PREFIXES.length
}

function systemProfiles(catalogue: Catalogue): InferenceProfileSummary[] {
  return catalogue.profiles.filter((profile) => profile.type !== 'APPLICATION')
}

/** System profiles that serve `baseModelId`, best prefix first. */
export function profilesForModel(
  catalogue: Catalogue,
  baseModelId: string,
  preferredPrefix: string
): InferenceProfileSummary[] {
  const matching = systemProfiles(catalogue).flatMap((profile) => {
    const split = splitProfileId(profile.inferenceProfileId ?? '')
    return split?.baseModelId === baseModelId ? [{ profile, prefix: split.prefix }] : []
  })
  return matching
    .sort(
      (a, b) =>
        prefixRank(a.prefix, preferredPrefix) - prefixRank(b.prefix, preferredPrefix) ||
        (a.prefix < b.prefix ? -1 : a.prefix > b.prefix ? 1 : 0)
    )
    .map(({ profile }) => profile)
}

export function findProfileById(
  catalogue: Catalogue,
  profileId: string
): InferenceProfileSummary | undefined {
  return catalogue.profiles.find((profile) => profile.inferenceProfileId === profileId)
}

export function findProfileByArn(
  catalogue: Catalogue,
  arn: string
): InferenceProfileSummary | undefined {
  return catalogue.profiles.find((profile) => profile.inferenceProfileArn === arn)
}

/** Every base model id the region knows of: listed models plus those only reachable via a profile. */
export function knownModelIds(catalogue: Catalogue): string[] {
  const ids = new Set<string>()
  for (const model of catalogue.foundationModels) if (model.modelId) ids.add(model.modelId)
  for (const profile of systemProfiles(catalogue)) {
    const split = splitProfileId(profile.inferenceProfileId ?? '')
    if (split) ids.add(split.baseModelId)
  }
  return [...ids]
}

/** Family words present in the region, sorted, for "did you mean" fixes. */
export function familiesOffered(catalogue: Catalogue): string[] {
  const families = new Set<string>()
  for (const id of knownModelIds(catalogue)) {
    const family = modelFamily(id)
    if (family) families.add(family)
  }
  return [...families].sort()
}

/** Foundation-model ARNs a profile routes to, and their regions (where IAM must allow the model). */
export function profileDestinations(profile: InferenceProfileSummary): {
  foundationModelArns: string[]
  destinationRegions: string[]
} {
  const foundationModelArns = (profile.models ?? []).flatMap((model) =>
    model.modelArn ? [model.modelArn] : []
  )
  // A global profile also lists a region-less ARN (`arn:aws:bedrock:::foundation-model/...`).
  const destinationRegions = [
    ...new Set(foundationModelArns.flatMap((arn) => parseBedrockArn(arn)?.region || []))
  ]
  return { foundationModelArns, destinationRegions }
}
