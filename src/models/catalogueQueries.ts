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

/**
 * Preferred prefix first, then the other geographies, `global` last: a geographic profile keeps
 * requests inside its geography, while `global` routes to any commercial region (AWS's
 * geographic and global cross-Region inference pages).
 */
function prefixRank(prefix: string, preferredPrefix: string): number {
  if (prefix === preferredPrefix) return 0
  const known = (PROFILE_PREFIXES as readonly string[]).indexOf(prefix)
  if (prefix === 'global') return 2 + PROFILE_PREFIXES.length
  return known >= 0 ? 1 + known : 1 + PROFILE_PREFIXES.length
}

function systemProfiles(catalogue: Catalogue): InferenceProfileSummary[] {
  return catalogue.profiles.filter((profile) => profile.type !== 'APPLICATION')
}

/** The geography prefix of a system profile id (`us`, `eu`, `global`, ...), or undefined. */
export function profilePrefix(profileId: string): string | undefined {
  return splitProfileId(profileId)?.prefix
}

/**
 * System profiles that serve `baseModelId`, best prefix first. With `explicit` (the user set
 * `inference-profile-prefix`), only profiles of that prefix: an explicit geography is never widened
 * to another one or to `global` (data residency), and an explicit `global` is never narrowed to a
 * geography either (global profiles are priced, throttled and routed differently: a named choice).
 */
export function profilesForModel(
  catalogue: Catalogue,
  baseModelId: string,
  preferredPrefix: string,
  explicit = false
): InferenceProfileSummary[] {
  const matching = systemProfiles(catalogue).flatMap((profile) => {
    const split = splitProfileId(profile.inferenceProfileId ?? '')
    return split?.baseModelId === baseModelId ? [{ profile, prefix: split.prefix }] : []
  })
  return matching
    .filter(({ prefix }) => !explicit || prefix === preferredPrefix)
    .sort(
      (a, b) =>
        prefixRank(a.prefix, preferredPrefix) - prefixRank(b.prefix, preferredPrefix) ||
        (a.prefix < b.prefix ? -1 : a.prefix > b.prefix ? 1 : 0)
    )
    .map(({ profile }) => profile)
}

/**
 * Whether this catalogue's region belongs to the geography of `prefix`: some profile of that prefix
 * listed here routes to the region itself. From Bedrock's own listing, not a table of ours.
 */
export function regionInGeography(catalogue: Catalogue, prefix: string): boolean {
  if (prefix === 'global') return true
  return systemProfiles(catalogue).some(
    (profile) =>
      profilePrefix(profile.inferenceProfileId ?? '') === prefix &&
      profileDestinations(profile).destinationRegions.includes(catalogue.region)
  )
}

/** The geography prefixes this region lists profiles for, `global` last. */
export function prefixesOffered(catalogue: Catalogue): string[] {
  const prefixes = new Set<string>()
  for (const profile of systemProfiles(catalogue)) {
    const prefix = profilePrefix(profile.inferenceProfileId ?? '')
    if (prefix !== undefined) prefixes.add(prefix)
  }
  return [...prefixes].sort((a, b) => prefixRank(a, '') - prefixRank(b, '') || (a < b ? -1 : 1))
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
