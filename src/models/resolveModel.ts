import type { InferenceProfileSummary } from '@aws-sdk/client-bedrock'
import type { Partition } from '../inputs/region.js'
import type { Catalogue } from './catalogue.js'
import {
  familiesOffered,
  findFoundationModel,
  findProfileByArn,
  findProfileById,
  knownModelIds,
  lifecycleOf,
  prefixesOffered,
  profileDestinations,
  profilePrefix,
  profilesForModel,
  regionInGeography,
  supportsOnDemand
} from './catalogueQueries.js'
import { foundationModelArn, parseBedrockArn } from './bedrockArn.js'
import { anthropicModelName, modelFamily, newestFirst, parseModelId } from './modelId.js'
import type { ModelRef } from './modelRef.js'
import type { ModelRole, ResolvedModel } from './resolvedModel.js'

export type ResolutionOutcome =
  | { readonly ok: true; readonly candidates: readonly [ResolvedModel, ...ResolvedModel[]] }
  | { readonly ok: false; readonly cause: string; readonly fix: string }

/**
 * The action input a role's model comes from, so fixes name what to edit. Undefined for a family
 * pinned by `pin-families`: it has no input of its own, and telling the user to set `model` to fix
 * a pinned family would change the main model instead.
 */
export function modelInputName(role: ModelRole): 'model' | 'small-fast-model' | undefined {
  if (role === 'main') return 'model'
  return role === 'small' ? 'small-fast-model' : undefined
}

/**
 * The input that named an explicit id or ARN. Only `model` and `small-fast-model` take those; a
 * pinned family is always an alias, so it never reaches the messages that use this.
 */
function explicitInput(lookup: Lookup): 'model' | 'small-fast-model' {
  return modelInputName(lookup.role) ?? 'model'
}

/** Everything `resolveModel` reads besides the reference itself. */
interface Lookup {
  readonly ref: ModelRef
  readonly role: ModelRole
  readonly catalogue: Catalogue
  readonly preferredPrefix: string
  /** `inference-profile-prefix` was set (not `auto`): never widen it to another geography. */
  readonly explicitPrefix: boolean
  readonly partition: Partition
}

function exportIdOf(ref: ModelRef, lookupId: string): string {
  return ref.oneMillionContext ? `${lookupId}[1m]` : lookupId
}

function viaProfile(
  lookup: Lookup,
  profile: InferenceProfileSummary,
  foundationModelId: string,
  invokeId: string
): ResolvedModel {
  const { foundationModelArns, destinationRegions } = profileDestinations(profile)
  return {
    role: lookup.role,
    ref: lookup.ref,
    region: lookup.catalogue.region,
    exportId: exportIdOf(lookup.ref, invokeId),
    invokeId,
    arn: profile.inferenceProfileArn ?? invokeId,
    type:
      profile.type === 'APPLICATION' ? 'application-inference-profile' : 'system-inference-profile',
    family: modelFamily(foundationModelId) ?? '',
    foundationModelId,
    foundationModelArns,
    destinationRegions,
    lifecycle: lifecycleOf(lookup.catalogue, foundationModelId)
  }
}

function viaFoundationModel(lookup: Lookup, modelId: string, invokeId: string): ResolvedModel {
  const { catalogue, partition } = lookup
  const arn = foundationModelArn(partition, catalogue.region, modelId)
  return {
    role: lookup.role,
    ref: lookup.ref,
    region: catalogue.region,
    exportId: exportIdOf(lookup.ref, invokeId),
    invokeId,
    arn,
    type: 'foundation-model',
    family: modelFamily(modelId) ?? '',
    foundationModelId: modelId,
    foundationModelArns: [arn],
    destinationRegions: [catalogue.region],
    lifecycle: lifecycleOf(catalogue, modelId)
  }
}

/**
 * How an alias would call `modelId`: its best geographic profile, else on demand in the region,
 * else (`auto` only) the `global.` profile, else not at all. An explicit prefix allows only its own
 * profiles, and on-demand calls only when the region is itself in that geography.
 */
function callableCandidate(lookup: Lookup, modelId: string): ResolvedModel | undefined {
  const { catalogue, preferredPrefix, explicitPrefix } = lookup
  const [profile] = profilesForModel(catalogue, modelId, preferredPrefix, explicitPrefix)
  const onDemand =
    supportsOnDemand(findFoundationModel(catalogue, modelId)) &&
    (!explicitPrefix || regionInGeography(catalogue, preferredPrefix))
  const isGlobal = profilePrefix(profile?.inferenceProfileId ?? '') === 'global'
  if (profile?.inferenceProfileId && !(isGlobal && onDemand && preferredPrefix !== 'global')) {
    return viaProfile(lookup, profile, modelId, profile.inferenceProfileId)
  }
  if (onDemand) return viaFoundationModel(lookup, modelId, modelId)
  return undefined
}

/** Every profile id this region lists for `modelId`, for "what exists" messages. */
function offeredIds(lookup: Lookup, modelId: string): string[] {
  const ids = profilesForModel(lookup.catalogue, modelId, lookup.preferredPrefix).flatMap(
    (profile) => profile.inferenceProfileId ?? []
  )
  if (supportsOnDemand(findFoundationModel(lookup.catalogue, modelId))) ids.push(modelId)
  return ids
}

/**
 * Why an explicit prefix left nothing to call, naming what the region does offer. `missing` is
 * the whole first clause, worded by the caller so that it never reads as a double negative
 * ("No Claude opus model in REGION has …", "`ID` has no …"). The prefixes suggested are only those
 * under which `resolvesWith` finds something to call (this model's, or this family's, profiles in
 * this region's listing), never every prefix the region lists: `jp` and `apac` must not send the
 * user to each other when neither has the model.
 */
function prefixFailure(
  lookup: Lookup,
  missing: string,
  newestId: string | undefined,
  resolvesWith: (prefix: string) => boolean
): ResolutionOutcome {
  const { catalogue, preferredPrefix } = lookup
  const offered = newestId !== undefined ? offeredIds(lookup, newestId) : []
  const prefixes = prefixesOffered(catalogue).filter(
    (prefix) => prefix !== preferredPrefix && resolvesWith(prefix)
  )
  const input = modelInputName(lookup.role)
  return failure(
    `${missing}, and \`inference-profile-prefix: ${preferredPrefix}\` is never widened to another geography or to \`global\`${
      offered.length > 0 ? `. Offered here: ${offered.map((id) => `\`${id}\``).join(', ')}` : ''
    }`,
    `Run in a region of the ${preferredPrefix} geography (\`aws-region\`) that offers it${
      prefixes.length > 0
        ? `, or, if requests may be processed elsewhere, set \`inference-profile-prefix\` to ${prefixes.map((prefix) => `\`${prefix}\``).join(' or ')}`
        : ''
    }${
      offered[0] === undefined
        ? ''
        : input !== undefined
          ? ` or \`${input}: ${offered[0]}\``
          : ' (it applies to every model of this step)'
    }.`
  )
}

/** "an `eu.` prefix", "a `us.` prefix": the article as the prefix is read aloud. */
function prefixPhrase(prefix: string): string {
  return `${/^[aeiou]/.test(prefix) ? 'an' : 'a'} \`${prefix}.\` prefix`
}

/** Callable models of a family, newest first, ACTIVE ones only unless there are none. */
function familyCandidates(lookup: Lookup, family: string): ResolvedModel[] {
  const callable = knownModelIds(lookup.catalogue)
    .filter((id) => modelFamily(id) === family)
    .sort(newestFirst)
    .flatMap((id) => callableCandidate(lookup, id) ?? [])
  const active = callable.filter((model) => model.lifecycle.status === 'ACTIVE')
  return active.length > 0 ? active : callable
}

function failure(cause: string, fix: string): ResolutionOutcome {
  return { ok: false, cause, fix }
}

function resolved(model: ResolvedModel): ResolutionOutcome {
  return { ok: true, candidates: [model] }
}

function resolvedAny(candidates: ResolvedModel[]): ResolutionOutcome | undefined {
  const [first, ...rest] = candidates
  return first ? { ok: true, candidates: [first, ...rest] } : undefined
}

function offeredFamiliesText(catalogue: Catalogue): string {
  const families = familiesOffered(catalogue)
  return families.length > 0
    ? `Claude families offered in ${catalogue.region}: ${families.join(', ')}.`
    : `Bedrock lists no Claude model in ${catalogue.region}: choose another \`aws-region\`.`
}

/** Fix for an id the region does not offer: the same model under other prefixes, else its family. */
function closestIdsFix(lookup: Lookup, wantedId: string, baseModelId: string): string {
  const input = explicitInput(lookup)
  const sameModel = profilesForModel(lookup.catalogue, baseModelId, lookup.preferredPrefix).flatMap(
    (profile) => profile.inferenceProfileId ?? []
  )
  if (supportsOnDemand(findFoundationModel(lookup.catalogue, baseModelId)))
    sameModel.push(baseModelId)
  const alternatives = sameModel.filter((id) => id !== wantedId)
  if (alternatives.length > 0) {
    return `Set \`${input}\` to an id offered in ${lookup.catalogue.region}: ${alternatives.map((id) => `\`${id}\``).join(', ')}.`
  }
  const family = modelFamily(baseModelId)
  const familyIds = family ? familyCandidates(lookup, family).map((model) => model.invokeId) : []
  if (familyIds.length > 0) {
    return `Set \`${input}\` to \`${family}\` (the newest available) or one of: ${familyIds
      .slice(0, 3)
      .map((id) => `\`${id}\``)
      .join(', ')}.`
  }
  return `Set \`${input}\` to a family alias such as \`sonnet\`. ${offeredFamiliesText(lookup.catalogue)}`
}

function notOffered(lookup: Lookup, wantedId: string, baseModelId: string): ResolutionOutcome {
  const cause = baseModelId.startsWith('anthropic.')
    ? `\`${wantedId}\` is not offered in ${lookup.catalogue.region}`
    : `\`${wantedId}\` is not a Claude model offered in ${lookup.catalogue.region} (Claude Code needs an Anthropic model)`
  return failure(cause, closestIdsFix(lookup, wantedId, baseModelId))
}

function resolveAlias(lookup: Lookup, family: string): ResolutionOutcome {
  const { catalogue } = lookup
  const known = knownModelIds(catalogue).filter((id) => modelFamily(id) === family)
  const input = modelInputName(lookup.role)
  if (known.length === 0) {
    return failure(
      `No Claude ${family} model is offered in ${catalogue.region}`,
      input !== undefined
        ? `Set \`${input}\` to another family or choose another \`aws-region\`. ${offeredFamiliesText(catalogue)}`
        : `Only an \`aws-region\` that offers Claude ${family} makes it usable here. ${offeredFamiliesText(catalogue)}`
    )
  }
  const newestKnown = [...known].sort(newestFirst)[0]
  const candidates = resolvedAny(familyCandidates(lookup, family))
  if (!candidates && lookup.explicitPrefix && newestKnown !== undefined) {
    const asUsual = resolveAlias({ ...lookup, explicitPrefix: false }, family)
    if (asUsual.ok)
      return prefixFailure(
        lookup,
        `No Claude ${family} model in ${catalogue.region} has an inference profile with ${prefixPhrase(lookup.preferredPrefix)}`,
        newestKnown,
        (prefix) =>
          resolvedAny(familyCandidates({ ...lookup, preferredPrefix: prefix }, family)) !==
          undefined
      )
  }
  return (
    candidates ??
    failure(
      `Claude ${family} models are listed in ${catalogue.region}, but none can be called on demand or through an inference profile`,
      `Choose a region where Bedrock offers an inference profile for Claude ${family}${input !== undefined ? ', or another family' : ''}. ${offeredFamiliesText(catalogue)}`
    )
  )
}

/**
 * The Bedrock base ids an Anthropic API id names: the same model name (`claude-opus-4-6` ←
 * `anthropic.claude-opus-4-6-v1`); for an undated id or `-latest`, the dated versions of that name,
 * newest first. Variants for provisioned throughput (`:200k`) are not callable on demand: left out.
 */
function bedrockIdsFor(catalogue: Catalogue, anthropicId: string): string[] {
  const wanted = anthropicId.toLowerCase()
  const ids = knownModelIds(catalogue).filter((id) => !/:\d+k$/.test(id))
  const exact = ids.filter((id) => anthropicModelName(id) === wanted)
  if (exact.length > 0) return exact.sort(newestFirst)
  const stem = wanted.replace(/-latest$/, '')
  return ids
    .filter((id) => {
      const name = anthropicModelName(id)
      return name.startsWith(`${stem}-`) && /^\d{8}$/.test(name.slice(stem.length + 1))
    })
    .sort(newestFirst)
}

function resolveFirstParty(lookup: Lookup, anthropicId: string): ResolutionOutcome {
  const [modelId] = bedrockIdsFor(lookup.catalogue, anthropicId)
  if (modelId === undefined) {
    const family = parseModelId(`anthropic.${anthropicId}`).family
    const familyIds = family ? familyCandidates(lookup, family).map((m) => m.invokeId) : []
    return failure(
      `\`${anthropicId}\` (an Anthropic API model id) matches no Claude model Bedrock lists in ${lookup.catalogue.region}`,
      familyIds.length > 0
        ? `Set \`${explicitInput(lookup)}\` to \`${family}\` (the newest available) or one of: ${familyIds
            .slice(0, 3)
            .map((id) => `\`${id}\``)
            .join(', ')}.`
        : `Set \`${explicitInput(lookup)}\` to a family alias such as \`sonnet\`. ${offeredFamiliesText(lookup.catalogue)}`
    )
  }
  const candidate = callableCandidate(lookup, modelId)
  if (candidate) return resolved(candidate)
  if (lookup.explicitPrefix && callableCandidate({ ...lookup, explicitPrefix: false }, modelId)) {
    return prefixFailure(
      lookup,
      `\`${anthropicId}\` (\`${modelId}\`) has no inference profile with ${prefixPhrase(lookup.preferredPrefix)} in ${lookup.catalogue.region}`,
      modelId,
      (prefix) => callableCandidate({ ...lookup, preferredPrefix: prefix }, modelId) !== undefined
    )
  }
  return failure(
    `\`${anthropicId}\` is \`${modelId}\` on Bedrock, which ${lookup.catalogue.region} offers neither on demand nor through an inference profile`,
    closestIdsFix(lookup, anthropicId, modelId)
  )
}

/** A base model id (or its foundation-model ARN, passed as `invokeId`). */
function resolveBaseModel(lookup: Lookup, modelId: string, invokeId: string): ResolutionOutcome {
  const { catalogue } = lookup
  const model = findFoundationModel(catalogue, modelId)
  if (supportsOnDemand(model)) return resolved(viaFoundationModel(lookup, modelId, invokeId))
  const profileIds = profilesForModel(catalogue, modelId, lookup.preferredPrefix).flatMap(
    (profile) => profile.inferenceProfileId ?? []
  )
  if (!model && profileIds.length === 0) return notOffered(lookup, invokeId, modelId)
  const [best, ...others] = profileIds
  return failure(
    `\`${modelId}\` has no on-demand throughput in ${catalogue.region}: it can only be called through an inference profile`,
    best
      ? `Set \`${explicitInput(lookup)}: ${best}\` (the inference profile for this model${
          others.length > 0 ? `; also offered: ${others.map((id) => `\`${id}\``).join(', ')}` : ''
        }).`
      : `No inference profile for this model is offered in ${catalogue.region}: choose another region or model. ${offeredFamiliesText(catalogue)}`
  )
}

function resolveProfile(
  lookup: Lookup,
  profileId: string,
  baseModelId: string,
  invokeId: string
): ResolutionOutcome {
  const profile = findProfileById(lookup.catalogue, profileId)
  if (!profile) return notOffered(lookup, profileId, baseModelId)
  return resolved(viaProfile(lookup, profile, baseModelId, invokeId))
}

function resolveApplicationProfile(lookup: Lookup, arn: string): ResolutionOutcome {
  const profile = findProfileByArn(lookup.catalogue, arn)
  if (!profile) {
    return failure(
      `Application inference profile \`${arn}\` was not found in ${lookup.catalogue.region}`,
      `Check the ARN with \`aws bedrock get-inference-profile --inference-profile-identifier ${arn}\`, or set \`${explicitInput(lookup)}\` to a system profile id.`
    )
  }
  const firstModelArn = profile.models?.find((model) => model.modelArn)?.modelArn
  const modelId = firstModelArn ? parseBedrockArn(firstModelArn)?.resourceId : undefined
  if (!modelId) {
    return failure(
      `Application inference profile \`${arn}\` names no foundation model`,
      `Recreate the application profile from a Claude system inference profile or foundation model.`
    )
  }
  return resolved(viaProfile(lookup, profile, modelId, arn))
}

/**
 * An ARN is called by Claude Code against `AWS_REGION`; Bedrock does not accept an ARN from
 * another region there, so a mismatch is a configuration error, not something to paper over.
 */
function regionMismatch(
  lookup: Lookup,
  arn: string,
  arnRegion: string
): ResolutionOutcome | undefined {
  const region = lookup.catalogue.region
  if (arnRegion === region) return undefined
  const regionInput = lookup.role === 'main' ? 'aws-region' : 'small-fast-model-region'
  return failure(
    `\`${arn}\` is in ${arnRegion}, but this model is called in ${region}`,
    `Set \`${regionInput}: ${arnRegion}\`, or use an ARN from ${region}.`
  )
}

/**
 * Resolves what the user asked for against one region's catalogue. Pure: every fact comes from
 * `catalogue` (which must already hold any application profile the ref names).
 * For an alias the candidates are the newest callable ACTIVE version first, then older ACTIVE
 * ones (tried in turn when the role cannot use the newest); LEGACY only when nothing is ACTIVE.
 */
export function resolveModel(
  ref: ModelRef,
  role: ModelRole,
  catalogue: Catalogue,
  preferredPrefix: string,
  partition: Partition,
  explicitPrefix = false
): ResolutionOutcome {
  const lookup: Lookup = { ref, role, catalogue, preferredPrefix, explicitPrefix, partition }
  switch (ref.kind) {
    case 'alias':
      return resolveAlias(lookup, ref.family.toLowerCase())
    case 'first-party-id':
      return resolveFirstParty(lookup, ref.anthropicId)
    case 'base-model-id':
      return resolveBaseModel(lookup, ref.modelId, ref.modelId)
    case 'inference-profile-id':
      return resolveProfile(lookup, ref.profileId, ref.baseModelId, ref.profileId)
    case 'inference-profile-arn': {
      const baseModelId = ref.profileId.slice(ref.profileId.indexOf('.') + 1)
      return (
        regionMismatch(lookup, ref.arn, ref.region) ??
        resolveProfile(lookup, ref.profileId, baseModelId, ref.arn)
      )
    }
    case 'foundation-model-arn':
      return (
        regionMismatch(lookup, ref.arn, ref.region) ??
        resolveBaseModel(lookup, ref.modelId, ref.arn)
      )
    case 'application-inference-profile-arn':
      return (
        regionMismatch(lookup, ref.arn, ref.region) ?? resolveApplicationProfile(lookup, ref.arn)
      )
  }
}

/**
 * The newest ACTIVE model of `model`'s family, called the way `model` is (same profile prefix when
 * it is a profile), when it is newer than `model`: what a LEGACY warning should suggest.
 */
export function newerActiveAlternative(
  model: ResolvedModel,
  catalogue: Catalogue,
  preferredPrefix: string,
  partition: Partition
): string | undefined {
  if (!model.family) return undefined
  const prefix =
    model.type === 'system-inference-profile'
      ? model.invokeId.slice(0, Math.max(0, model.invokeId.indexOf('.anthropic.')))
      : preferredPrefix
  const lookup: Lookup = {
    ref: model.ref,
    role: model.role,
    catalogue,
    preferredPrefix: prefix || preferredPrefix,
    explicitPrefix: false,
    partition
  }
  const [newest] = familyCandidates(lookup, model.family)
  if (!newest || newest.lifecycle.status !== 'ACTIVE') return undefined
  return newestFirst(newest.foundationModelId, model.foundationModelId) < 0
    ? newest.invokeId
    : undefined
}

/**
 * The same model as `model` (a `global.` profile) through the best geographic profile this region
 * lists, preferring `preferredPrefix`: what to use when global routing is denied.
 */
export function geographicAlternative(
  model: ResolvedModel,
  catalogue: Catalogue,
  preferredPrefix: string,
  partition: Partition
): ResolvedModel | undefined {
  if (profilePrefix(model.invokeId) !== 'global') return undefined
  const profile = profilesForModel(catalogue, model.foundationModelId, preferredPrefix).find(
    (candidate) => profilePrefix(candidate.inferenceProfileId ?? '') !== 'global'
  )
  if (!profile?.inferenceProfileId) return undefined
  const lookup: Lookup = {
    ref: model.ref,
    role: model.role,
    catalogue,
    preferredPrefix,
    explicitPrefix: false,
    partition
  }
  return viaProfile(lookup, profile, model.foundationModelId, profile.inferenceProfileId)
}
