import { diagnoseAwsError } from '../diagnosis/diagnose.js'
import type { Config, VerifyMode } from '../inputs/config.js'
import { withProfile, type Catalogue } from '../models/catalogue.js'
import { profilesForModel } from '../models/catalogueQueries.js'
import type { ModelRef } from '../models/modelRef.js'
import type { ModelRole, ResolvedModel } from '../models/resolvedModel.js'
import { modelInputName, newerActiveAlternative, resolveModel } from '../models/resolveModel.js'
import type { CheckResult } from '../report/types.js'
import { bedrockReachableCheck, type DiagnosisBase } from './bedrockReachable.js'
import { checkNames } from './checkNames.js'
import { diagnosedFields } from './diagnosedCheck.js'
import { modelAccessCheck, storySubject, type AssessedCheck } from './modelAccess.js'
import { ModelCalls, type ModelClients } from './modelCalls.js'
import { modelInvokeCheck } from './modelInvoke.js'
import { reconcileModelEvidence } from './modelVerdict.js'
import {
  modelResolutionSkipped,
  modelResolvedCheck,
  modelUnresolvedCheck
} from './modelResolves.js'
import { accessSkipped, invokeSkipped, SKIP_REASONS } from './skippedChecks.js'

export type { ModelClients } from './modelCalls.js'

export interface ModelVerification {
  readonly checks: CheckResult[]
  readonly main?: ResolvedModel
  readonly small?: ResolvedModel
}

/** How many versions of an alias to try before reporting the newest one's failure. */
export const MAX_ALIAS_ATTEMPTS = 3

interface RolePlan {
  readonly role: ModelRole
  readonly ref: ModelRef
  readonly region: string
}

interface RoleVerification {
  readonly checks: CheckResult[]
  readonly model?: ResolvedModel
}

/** One candidate's access and invoke results; `blocksRole` says an older version may do better. */
interface Attempt {
  readonly model: ResolvedModel
  readonly access: CheckResult
  readonly invoke: CheckResult
  readonly blocksRole: boolean
}

/** Shared by every role's verification. */
interface Run {
  readonly config: Config
  readonly calls: ModelCalls
  readonly base: (region: string) => DiagnosisBase
}

function decisiveCheck(attempt: Attempt, verify: VerifyMode): CheckResult {
  return verify === 'invoke' ? attempt.invoke : attempt.access
}

async function verifyCandidate(
  run: Run,
  model: ResolvedModel,
  catalogue: Catalogue
): Promise<Attempt> {
  const { verify, inferenceProfilePrefix } = run.config
  const base = run.base(model.region)
  // Access and invoke do not depend on each other: both start now. The use-case form is read
  // only when the record says NOT_AUTHORIZED, the one field it can explain.
  const access = run.calls
    .availability(model.region, model.foundationModelId)
    .then(async (outcome) => {
      const useCase =
        outcome.ok && outcome.availability.authorizationStatus === 'NOT_AUTHORIZED'
          ? await run.calls.useCase(model.region)
          : undefined
      return modelAccessCheck(model, outcome, base, verify, useCase)
    })
  const invoke: Promise<AssessedCheck> =
    verify === 'invoke'
      ? run.calls.converse(model.region, model.invokeId).then((outcome) => {
          const suggested =
            model.type === 'foundation-model'
              ? profilesForModel(catalogue, model.foundationModelId, inferenceProfilePrefix)[0]
                  ?.inferenceProfileId
              : undefined
          return modelInvokeCheck(model, outcome, base, suggested)
        })
      : Promise.resolve({
          check: invokeSkipped(model.role, SKIP_REASONS.verifyAccess),
          blocksRole: false
        })
  const [accessResult, invokeResult] = await Promise.all([access, invoke])
  const verdict = reconcileModelEvidence(storySubject(model), accessResult, [invokeResult])
  const [invokeCheck] = verdict.invokes
  return {
    model,
    access: verdict.access,
    invoke: invokeCheck ?? invokeResult.check,
    blocksRole: verify === 'invoke' ? invokeResult.blocksRole : accessResult.blocksRole
  }
}

function fallbackCheck(
  role: ModelRole,
  skipped: Attempt[],
  chosen: Attempt,
  verify: VerifyMode
): CheckResult {
  const newest = skipped[0]
  const reason = newest ? decisiveCheck(newest, verify) : undefined
  const ids = skipped.map((attempt) => attempt.model.foundationModelId)
  const subject =
    ids.length === 1
      ? `${ids[0]} is newer but this role cannot use it`
      : `${ids.join(', ')} are newer but this role cannot use them`
  return {
    ...checkNames.modelFallback(role),
    status: 'warn',
    detail: `${subject}: ${(reason?.cause ?? 'access denied').replace(/\.$/, '')}; using ${chosen.model.exportId}`,
    ...(reason?.cause ? { cause: reason.cause } : {}),
    fix: `${reason?.fix ? `${reason.fix} ` : ''}To keep this version and stop trying newer ones, set \`${modelInputName(role)}: ${chosen.model.exportId}\`.`,
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
  const { verify, inferenceProfilePrefix, partition } = run.config
  const attempts: Attempt[] = []
  for (const model of candidates.slice(0, plan.ref.kind === 'alias' ? MAX_ALIAS_ATTEMPTS : 1)) {
    const attempt = await verifyCandidate(run, model, catalogue)
    attempts.push(attempt)
    if (!attempt.blocksRole) break
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
  const newer = newerActiveAlternative(model, catalogue, inferenceProfilePrefix, partition)
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
  return {
    checks: [modelResolvedCheck(model, newer), ...(fallback ? [fallback] : []), access, invoke],
    model
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
    config.inferenceProfilePrefix,
    config.partition
  )
  if (!resolution.ok)
    return notResolved(role, modelUnresolvedCheck(role, ref, resolution.cause, resolution.fix))
  if (config.verify === 'none') {
    const [model] = resolution.candidates
    return {
      checks: [
        modelResolvedCheck(
          model,
          newerActiveAlternative(model, catalogue, config.inferenceProfilePrefix, config.partition)
        ),
        accessSkipped(role, SKIP_REASONS.verifyNone),
        invokeSkipped(role, SKIP_REASONS.verifyNone)
      ],
      model
    }
  }
  return verifyCandidates(run, plan, resolution.candidates, catalogue)
}

/**
 * Resolves and verifies the main and small models. Round trips on the critical path: the
 * catalogue of each distinct region (its two listings concurrently, regions concurrently, an
 * application profile alongside), then access and invoke of both models at once. Alias fallback
 * adds one more round per older version tried, only when the role cannot use the newer one.
 */
export async function verifyModels(
  config: Config,
  clients: ModelClients,
  principal?: { arn: string; accountId: string }
): Promise<ModelVerification> {
  const run: Run = {
    config,
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
  const plans: RolePlan[] = [
    { role: 'main', ref: config.model, region: config.region },
    {
      role: 'small',
      ref: config.smallFastModel,
      region: config.smallFastModelRegion ?? config.region
    }
  ]
  const regions = [...new Set(plans.map((plan) => plan.region))]
  const [reachable, [main, small]] = await Promise.all([
    Promise.all(
      regions.map(async (region) =>
        bedrockReachableCheck(region, await run.calls.catalogue(region), run.base(region))
      )
    ),
    Promise.all(plans.map((plan) => verifyRole(run, plan)))
  ])
  if (!main || !small) throw new Error('both model roles must be verified')
  return {
    checks: [...reachable, ...main.checks, ...small.checks],
    ...(main.model ? { main: main.model } : {}),
    ...(small.model ? { small: small.model } : {})
  }
}
