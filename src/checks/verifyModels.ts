import { diagnoseAwsError } from '../diagnosis/diagnose.js'
import type { Config, VerifyMode } from '../inputs/config.js'
import { autoProfilePrefix } from '../inputs/region.js'
import { withProfile, type Catalogue } from '../models/catalogue.js'
import { profilePrefix, profilesForModel } from '../models/catalogueQueries.js'
import { applicationProfileFamily, familiesToPin } from '../models/familyPins.js'
import type { ModelRef } from '../models/modelRef.js'
import {
  PINNED_FAMILIES,
  type ModelRole,
  type PinnedFamily,
  type ResolvedModel
} from '../models/resolvedModel.js'
import {
  geographicAlternative,
  modelInputName,
  newerActiveAlternative,
  resolveModel
} from '../models/resolveModel.js'
import { joinFixText } from '../report/fixText.js'
import type { CheckResult } from '../report/types.js'
import { bedrockReachableCheck, type DiagnosisBase } from './bedrockReachable.js'
import { checkNames } from './checkNames.js'
import { diagnosedFields } from './diagnosedCheck.js'
import {
  modelAccessCheck,
  storySubject,
  type AccessAssessment,
  type AssessedCheck
} from './modelAccess.js'
import { ModelCalls, type ModelClients } from './modelCalls.js'
import { deniedOutsideRegions, modelInvokeCheck, type ProbeOutcomes } from './modelInvoke.js'
import { familyCheck, type FamilyPin, type RoleVerification } from './familyPinCheck.js'
import { PROBE_OPERATIONS } from './modelProbes.js'
import { reconcileModelEvidence } from './modelVerdict.js'
import { outputLimitCheck } from './outputLimitCheck.js'
import { refusalClass, refusalPhrase } from './refusalClass.js'
import {
  modelResolutionSkipped,
  modelResolvedCheck,
  modelUnresolvedCheck
} from './modelResolves.js'
import { accessSkipped, invokeSkipped, SKIP_REASONS } from './skippedChecks.js'

export type { ModelClients } from './modelCalls.js'

export type { FamilyPin } from './familyPinCheck.js'

export interface ModelVerification {
  readonly checks: CheckResult[]
  readonly main?: ResolvedModel
  readonly small?: ResolvedModel
  /** Families verified on their own (empty with `pin-families: false`). */
  readonly families?: readonly FamilyPin[]
}

/** Hears of each candidate model as its checks start (before their answers). */
export interface ModelObserver {
  onModelCandidate(model: ResolvedModel): void
}

/** How many versions of an alias to try before reporting the newest one's failure. */
export const MAX_ALIAS_ATTEMPTS = 3

interface RolePlan {
  readonly role: ModelRole
  readonly ref: ModelRef
  readonly region: string
  /** The profile prefix for this model's region (`auto` follows the region it is called in). */
  readonly prefix: string
  readonly explicitPrefix: boolean
}

/** One candidate's access and invoke results; `blocksRole` says an older version may do better. */
interface Attempt {
  readonly model: ResolvedModel
  readonly access: CheckResult
  readonly invoke: CheckResult
  readonly blocksRole: boolean
  /** A `global.` profile denied on the region-less model ARN: routed outside the allowed regions. */
  readonly routedOutside: boolean
}

/** Shared by every role's verification. */
interface Run {
  readonly config: Config
  readonly calls: ModelCalls
  readonly base: (region: string) => DiagnosisBase
  readonly observer?: ModelObserver | undefined
}

function decisiveCheck(attempt: Attempt, verify: VerifyMode): CheckResult {
  return verify === 'invoke' ? attempt.invoke : attempt.access
}

async function verifyCandidate(
  run: Run,
  plan: RolePlan,
  model: ResolvedModel,
  catalogue: Catalogue
): Promise<Attempt> {
  const { verify, partition } = run.config
  const base = run.base(model.region)
  run.observer?.onModelCandidate(model)
  // A pinned family with `verify: invoke` is proven by its two calls alone: no availability call.
  const readAccess = verify === 'access' || !isFamily(plan.role)
  // Access and both probes do not depend on each other: all start now. The use-case form is read
  // only when the record says NOT_AUTHORIZED, the one field it can explain.
  const readRecord = (): Promise<AccessAssessment> =>
    run.calls.availability(model.region, model.foundationModelId).then(async (outcome) => {
      const useCase =
        outcome.ok && outcome.availability.authorizationStatus === 'NOT_AUTHORIZED'
          ? await run.calls.useCase(model.region)
          : undefined
      return modelAccessCheck(model, outcome, base, verify, useCase)
    })
  const access: Promise<AccessAssessment> = readAccess
    ? readRecord()
    : Promise.resolve({
        check: accessSkipped(model.role, 'Skipped: the two 1-token calls are the proof'),
        blocksRole: false,
        stories: [],
        readable: false
      })
  const probes =
    verify === 'invoke'
      ? Promise.all(
          PROBE_OPERATIONS.map((operation) =>
            run.calls.probe(model.region, model.invokeId, operation)
          )
        ).then(([invokeModel, stream]): ProbeOutcomes | undefined =>
          invokeModel && stream
            ? { InvokeModel: invokeModel, InvokeModelWithResponseStream: stream }
            : undefined
        )
      : Promise.resolve(undefined)
  const [accessResult, outcomes] = await Promise.all([access, probes])
  const invokeResult: AssessedCheck = outcomes
    ? modelInvokeCheck(model, outcomes, base, {
        ...(model.type === 'foundation-model'
          ? {
              suggestedProfileId: profilesForModel(
                catalogue,
                model.foundationModelId,
                plan.prefix
              )[0]?.inferenceProfileId
            }
          : {}),
        geographicProfileId: geographicAlternative(model, catalogue, plan.prefix, partition)
          ?.invokeId
      })
    : { check: invokeSkipped(model.role, SKIP_REASONS.verifyAccess), blocksRole: false }
  // A family refused for an account reason: read its record after all (one more round trip, on
  // failure only), so its story is the one the main and small models tell for the same state.
  const refusedForAccount =
    !readAccess &&
    invokeResult.check.status === 'fail' &&
    invokeResult.accessKind !== undefined &&
    invokeResult.accessKind !== 'role-denied'
  const record = refusedForAccount ? await readRecord() : accessResult
  const verdict = reconcileModelEvidence(storySubject(model), record, [invokeResult])
  const [invokeCheck] = verdict.invokes
  return {
    model,
    access: verdict.access,
    invoke: invokeCheck ?? invokeResult.check,
    blocksRole: verify === 'invoke' ? invokeResult.blocksRole : accessResult.blocksRole,
    routedOutside: outcomes !== undefined && deniedOutsideRegions(outcomes)
  }
}

function optional<T>(value: T | undefined): T[] {
  return value === undefined ? [] : [value]
}

function isFamily(role: ModelRole): role is PinnedFamily {
  return (PINNED_FAMILIES as readonly string[]).includes(role)
}

function fallbackCheck(
  role: ModelRole,
  skipped: Attempt[],
  chosen: Attempt,
  verify: VerifyMode
): CheckResult {
  const newest = skipped[0]
  const reason = newest ? decisiveCheck(newest, verify) : undefined
  const input = modelInputName(role)
  // The same model version through another profile (a global one denied): never an older version.
  if (newest !== undefined && newest.model.foundationModelId === chosen.model.foundationModelId) {
    const prefix = profilePrefix(chosen.model.invokeId)
    const through = prefix === undefined ? 'on demand' : `through the ${prefix} geography`
    return {
      ...checkNames.modelProfileFallback(role, prefix),
      status: 'warn',
      detail: `\`${newest.model.exportId}\` cannot be used (${(reason?.cause ?? 'access denied').split('\n')[0]?.replace(/[.:]$/, '')}); using \`${chosen.model.exportId}\`, the same model version ${through}`,
      ...(reason?.cause ? { cause: reason.cause } : {}),
      fix: joinFixText([
        reason?.fix,
        input === undefined
          ? undefined
          : `To call this one without trying \`${newest.model.exportId}\` first, set \`${input}: ${chosen.model.exportId}\`${prefix === undefined ? '' : ` or \`inference-profile-prefix: ${prefix}\``}.`
      ]),
      ...(reason?.awsError ? { awsError: reason.awsError } : {})
    }
  }
  const ids = skipped.map((attempt) => attempt.model.foundationModelId)
  const refusal = refusalPhrase(reason ? refusalClass(reason) : 'unverified', ids.length > 1)
  const subject =
    ids.length === 1
      ? `${ids[0]} is newer, but ${refusal}`
      : `${ids.join(', ')} are newer, but ${refusal}`
  return {
    ...checkNames.modelFallback(role),
    status: 'warn',
    detail: `${subject}: ${(reason?.cause ?? 'access denied').split('\n')[0]?.replace(/[.:]$/, '')}; using ${chosen.model.exportId}`,
    ...(reason?.cause ? { cause: reason.cause } : {}),
    fix: joinFixText([
      reason?.fix,
      input === undefined
        ? undefined
        : `To keep this version and stop trying newer ones, set \`${input}: ${chosen.model.exportId}\`.`
    ]),
    ...(reason?.awsError ? { awsError: reason.awsError } : {})
  }
}

/** Tries candidates newest first; an explicit id has one candidate, so it never falls back. */
async function verifyCandidates(
  run: Run,
  plan: RolePlan,
  candidates: readonly ResolvedModel[],
  catalogue: Catalogue
): Promise<RoleVerification> {
  const { verify, partition } = run.config
  const attempts: Attempt[] = []
  const alias = plan.ref.kind === 'alias'
  const queue = candidates.slice(0, alias ? MAX_ALIAS_ATTEMPTS : 1)
  for (let index = 0; index < queue.length; index++) {
    const model = queue[index]
    if (!model) break
    const attempt = await verifyCandidate(run, plan, model, catalogue)
    attempts.push(attempt)
    if (!attempt.blocksRole) break
    // A named prefix is never changed, and the policy that denied this global profile's routing
    // denies every other global profile too: older versions would fail the same way.
    if (attempt.routedOutside && plan.explicitPrefix) break
    // A global profile denied for routing outside the allowed regions: the same model through
    // this region's geographic profile comes before any older model.
    const geographic =
      attempt.routedOutside && !plan.explicitPrefix
        ? geographicAlternative(model, catalogue, plan.prefix, partition)
        : undefined
    if (alias && geographic && !queue.some((m) => m.invokeId === geographic.invokeId)) {
      queue.splice(index + 1, 0, geographic)
    }
  }
  const usableIndex = attempts.findIndex((attempt) => !attempt.blocksRole)
  const [newest] = attempts
  if (!newest) throw new Error('resolveModel returned no candidate')
  const chosen = attempts[usableIndex] ?? newest
  const skipped = usableIndex > 0 ? attempts.slice(0, usableIndex) : []
  const fallback =
    skipped.length > 0 ? fallbackCheck(plan.role, skipped, chosen, verify) : undefined
  const model: ResolvedModel = fallback
    ? { ...chosen.model, fallbackNote: fallback.detail }
    : chosen.model
  const newer = newerActiveAlternative(model, catalogue, plan.prefix, partition)
  let { access, invoke } = chosen
  if (usableIndex < 0 && attempts.length > 1) {
    // Every version failed for this role: report the newest, and say the older ones fail too.
    const others = attempts
      .slice(1)
      .map((attempt) => attempt.model.exportId)
      .join(', ')
    const note = ` (older versions fail too: ${others})`
    if (verify === 'invoke') invoke = { ...invoke, detail: invoke.detail + note }
    else access = { ...access, detail: access.detail + note }
  }
  // The generic story says "a family alias tries older versions": this input already is one, and
  // it tried them. Say what is left instead.
  const input = modelInputName(plan.role)
  if (alias && usableIndex < 0 && input !== undefined) {
    const tried = attempts.map((attempt) => `\`${attempt.model.foundationModelId}\``).join(', ')
    const family = model.family || plan.ref.raw
    const accountFix = `\`${input}: ${plan.ref.raw}\` already tried ${attempts.length === 1 ? `the only ${family} version offered here` : `the newest ${attempts.length} ${family} versions`} (${tried}), and the account may use none of them. Set \`${input}\` to another family the account can use, and ask your AWS account team (https://aws.amazon.com/contact-us/sales-support/) to enable Claude ${family}.`
    const retell = (check: CheckResult): CheckResult =>
      check.accessKind === 'not-available-for-account' ? { ...check, fix: accountFix } : check
    access = retell(access)
    invoke = retell(invoke)
  }
  return {
    checks: [
      modelResolvedCheck(model, newer, {
        endedOnCall: [access, invoke].some((check) => check.accessKind === 'end-of-life')
      }),
      ...optional(geographyCheck(plan, model, catalogue, partition)),
      ...optional(outputLimitCheck(model, run.config)),
      ...(fallback ? [fallback] : []),
      access,
      invoke
    ],
    model
  }
}

/**
 * With `inference-profile-prefix: auto`, a model the action picked that is only offered through a
 * `global.` profile here is used, with a warning: requests may leave the region's geography. An id
 * the user wrote (`global.…`) was their choice; an explicit prefix never gets here.
 */
function geographyCheck(
  plan: RolePlan,
  model: ResolvedModel,
  catalogue: Catalogue,
  partition: Config['partition']
): CheckResult | undefined {
  const picked = plan.ref.kind === 'alias' || plan.ref.kind === 'first-party-id'
  if (!picked || plan.explicitPrefix || plan.prefix === 'global') return undefined
  if (profilePrefix(model.invokeId) !== 'global') return undefined
  const kept = resolveModel(plan.ref, plan.role, catalogue, plan.prefix, partition, true)
  const alternative = kept.ok ? kept.candidates[0].exportId : undefined
  const input = modelInputName(plan.role)
  return {
    ...checkNames.modelGeography(plan.role),
    status: 'warn',
    detail: `\`${model.exportId}\` is a global profile: ${catalogue.region} lists no \`${plan.prefix}.\` profile of \`${model.foundationModelId}\``,
    cause: `A \`global.\` profile routes requests to any commercial AWS region, so prompts and answers may be processed outside the ${plan.prefix} geography.`,
    fix: `To keep requests in the ${plan.prefix} geography, set \`inference-profile-prefix: ${plan.prefix}\`: the action then never widens to \`global\` and fails instead${
      alternative
        ? ` (here it would pick \`${alternative}\`${input !== undefined ? `; or set \`${input}: ${alternative}\`` : ''})`
        : ` (no model of this kind has a \`${plan.prefix}.\` profile in ${catalogue.region})`
    }. An SCP or identity policy that denies the region-less ARN \`arn:${partition}:bedrock:::foundation-model/*\` forbids global routing for the whole account.`
  }
}

function notResolved(role: ModelRole, resolves: CheckResult): RoleVerification {
  return {
    checks: [
      resolves,
      accessSkipped(role, SKIP_REASONS.unresolved),
      invokeSkipped(role, SKIP_REASONS.unresolved)
    ]
  }
}

async function verifyRole(run: Run, plan: RolePlan): Promise<RoleVerification> {
  const { role, ref, region } = plan
  const { config, calls } = run
  // Started before awaiting the catalogue: the two calls are independent.
  const applicationProfile =
    ref.kind === 'application-inference-profile-arn' && ref.region === region
      ? calls.applicationProfile(region, ref.arn)
      : undefined
  const catalogueOutcome = await calls.catalogue(region)
  if (!catalogueOutcome.ok) {
    return notResolved(
      role,
      modelResolutionSkipped(role, `Skipped: Bedrock is not reachable in ${region}`)
    )
  }
  let catalogue = catalogueOutcome.catalogue
  if (applicationProfile) {
    const outcome = await applicationProfile
    if (!outcome.ok) {
      const diagnosis = diagnoseAwsError(outcome.error, {
        ...run.base(region),
        operation: 'GetInferenceProfile',
        modelId: ref.raw,
        profileArn: ref.kind === 'application-inference-profile-arn' ? ref.arn : ref.raw
      })
      return notResolved(role, {
        ...modelUnresolvedCheck(role, ref, diagnosis.cause, diagnosis.fix),
        ...diagnosedFields(diagnosis)
      })
    }
    catalogue = withProfile(catalogue, outcome.profile)
  }
  const resolution = resolveModel(
    ref,
    role,
    catalogue,
    plan.prefix,
    config.partition,
    plan.explicitPrefix
  )
  if (!resolution.ok)
    return notResolved(role, modelUnresolvedCheck(role, ref, resolution.cause, resolution.fix))
  if (config.verify === 'none') {
    const [model] = resolution.candidates
    return {
      checks: [
        modelResolvedCheck(
          model,
          newerActiveAlternative(model, catalogue, plan.prefix, config.partition)
        ),
        ...optional(geographyCheck(plan, model, catalogue, config.partition)),
        ...optional(outputLimitCheck(model, config)),
        accessSkipped(role, SKIP_REASONS.verifyNone),
        invokeSkipped(role, SKIP_REASONS.verifyNone)
      ],
      model
    }
  }
  return verifyCandidates(run, plan, resolution.candidates, catalogue)
}

/** Families of the application profiles `model` and `small-fast-model` name (unknown: left out). */
async function applicationProfileFamilies(
  run: Run,
  plans: readonly RolePlan[]
): Promise<(string | undefined)[]> {
  if (!run.config.pinFamilies) return []
  return Promise.all(
    plans.map(async ({ ref, region }) => {
      if (ref.kind !== 'application-inference-profile-arn' || ref.region !== region)
        return undefined
      const outcome = await run.calls.applicationProfile(region, ref.arn)
      return outcome.ok ? applicationProfileFamily(outcome.profile) : undefined
    })
  )
}

/** The profile prefix for models called in `region`: `auto` follows that region. */
function prefixFor(config: Config, region: string): Pick<RolePlan, 'prefix' | 'explicitPrefix'> {
  return config.inferenceProfilePrefixExplicit
    ? { prefix: config.inferenceProfilePrefix, explicitPrefix: true }
    : { prefix: autoProfilePrefix(region), explicitPrefix: false }
}

/**
 * Resolves and verifies the main and small models, and with `pin-families` every family Claude
 * Code can switch to. Round trips on the critical path: the catalogue of each distinct region (its
 * two listings concurrently, regions concurrently, an application profile alongside; one listing
 * per region per run, shared by every model), then access and both 1-token probes of every model
 * at once. Alias fallback adds one more round per older version tried, only when the role cannot
 * use the newer one.
 */
export async function verifyModels(
  config: Config,
  clients: ModelClients,
  principal?: { arn: string; accountId: string },
  observer?: ModelObserver
): Promise<ModelVerification> {
  const run: Run = {
    config,
    observer,
    calls: new ModelCalls(clients),
    base: (region) => ({
      region,
      partition: config.partition,
      ...(config.roleToAssume ? { roleArn: config.roleToAssume } : {}),
      ...(principal ? { principalArn: principal.arn, accountId: principal.accountId } : {}),
      ...(clients.bedrockAuth !== undefined ? { bedrockAuth: clients.bedrockAuth } : {}),
      ...(config.bedrockApiKeyForm !== undefined ? { apiKeyForm: config.bedrockApiKeyForm } : {})
    })
  }
  const smallRegion = config.smallFastModelRegion ?? config.region
  const plans: RolePlan[] = [
    { role: 'main', ref: config.model, region: config.region, ...prefixFor(config, config.region) },
    {
      role: 'small',
      ref: config.smallFastModel,
      region: smallRegion,
      ...prefixFor(config, smallRegion)
    }
  ]
  const regions = [...new Set(plans.map((plan) => plan.region))]
  const roles = Promise.all(plans.map((plan) => verifyRole(run, plan)))
  // An application profile's family is known only from its lookup (verifyRole's own, started
  // above beside the catalogue listing, so the family probes wait for no extra round trip): the
  // family it covers is exported as that profile, so it is neither probed nor reported again.
  const families = familiesToPin(config, await applicationProfileFamilies(run, plans))
  const familyPlans: RolePlan[] = families.map((family) => ({
    role: family,
    ref: { kind: 'alias', raw: family, family, oneMillionContext: false },
    region: config.region,
    ...prefixFor(config, config.region)
  }))
  const [reachable, [main, small], pinned] = await Promise.all([
    Promise.all(
      regions.map(async (region) =>
        bedrockReachableCheck(region, await run.calls.catalogue(region), run.base(region))
      )
    ),
    roles,
    Promise.all(familyPlans.map((plan) => verifyRole(run, plan)))
  ])
  if (!main || !small) throw new Error('both model roles must be verified')
  const familyResults = families.map((family, index) =>
    familyCheck(family, pinned[index] ?? { checks: [] }, main, config.verify)
  )
  return {
    checks: [
      ...reachable,
      ...main.checks,
      ...small.checks,
      ...familyResults.map((result) => result.check)
    ],
    ...(main.model ? { main: main.model } : {}),
    ...(small.model ? { small: small.model } : {}),
    families: familyResults.map((result) => result.pin)
  }
}
