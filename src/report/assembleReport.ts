import { HIDDEN_VALUE, type CustomHeaders } from '../attribution/requestMetadata.js'
import { endpointFor } from '../aws/endpoints.js'
import { inheritedEnvironmentChecks } from '../claudeCodeEnv/inheritedEnvironment.js'
import type { VerifiedRouting } from '../claudeCodeEnv/routingConflicts.js'
import { refusalPhrase } from '../checks/refusalClass.js'
import type { ModelVerification } from '../checks/verifyModels.js'
import type { CredentialOutcome } from '../credentials/obtainCredentials.js'
import type { ApiKeyAccountProof } from '../credentials/apiKeyAccount.js'
import type { IdentityProof } from '../credentials/proveIdentity.js'
import { assumedByThisAction } from '../credentials/types.js'
import { buildExports } from '../exports/buildExports.js'
import { promptCachingCheck } from '../exports/promptCaching.js'
import type { Config } from '../inputs/config.js'
import type { ResolvedModel } from '../models/resolvedModel.js'
import { buildIamPolicy, renderIamPolicy } from '../policy/iamPolicy.js'
import { missingStatements } from '../policy/policyCoverage.js'
import type { Attribution, CheckResult, ExportedVariable, ModelRow, Report } from './types.js'
import { explainedCheck } from './explainedCheck.js'
import { withNamedThrottleQuotas, type QuotasFor } from './throttledQuotaFixes.js'
import { skipWhatWasNotEstablished } from './unestablishedChecks.js'

export interface RunResults {
  readonly config: Config
  readonly credentials: CredentialOutcome
  readonly identity?: IdentityProof | undefined
  /** The Bedrock API key's account and the allowed-account-ids verdict on it, when it was proven. */
  readonly apiKeyAccount?: ApiKeyAccountProof | undefined
  readonly models?: ModelVerification | undefined
  readonly durationMs: number
  /** The actor check, when it ran: first in the report, and a failure withholds everything. */
  readonly actor?: CheckResult | undefined
  /** Whether the agent's subprocesses really run without the credentials (scrub-agent-credentials). */
  readonly isolation?: CheckResult | undefined
  /** Capacity pre-flight of the verified models (main.ts builds it from the quota listing). */
  readonly capacityFor?: ((verified: readonly ResolvedModel[]) => CheckResult[]) | undefined
  /** The quotas that lookup found per model: a throttled check's fix names them (one story). */
  readonly quotasFor?: QuotasFor | undefined
  /**
   * The job's environment, which later steps inherit beside the exports: checked for variables
   * that would send Claude Code elsewhere than the checks went. Absent outside the action (doctor).
   */
  readonly jobEnvironment?: NodeJS.ProcessEnv | undefined
  /** The credential-refresh setup: its check, and the variables it adds to the exports. */
  readonly refresh?:
    { readonly check: CheckResult; readonly variables: readonly ExportedVariable[] } | undefined
}

/**
 * The checks that decide whether anything may be handed to later steps: who started the run (the
 * actor check), getting the credentials, proving whose they are, and the allowed-account-ids
 * verdict on each credential (AWS credentials and the Bedrock API key).
 */
export const TRUST_CHECK_IDS: readonly string[] = [
  'actor-permission',
  'credentials',
  'identity',
  'allowed-account',
  'api-key-account'
]

/** Credentials may be handed to later steps only when getting them and proving whose they are passed. */
export function credentialsTrusted(checks: readonly CheckResult[]): boolean {
  return checks.filter((c) => TRUST_CHECK_IDS.includes(c.id)).every((c) => c.status !== 'fail')
}

/** A model is ready when nothing about it, or about Bedrock in its region, failed. */
export function modelReady(
  model: ResolvedModel | undefined,
  checks: readonly CheckResult[]
): boolean {
  if (model === undefined) return false
  return !checks.some(
    (c) =>
      c.status === 'fail' &&
      (c.id.endsWith(`:${model.role}`) || c.id === `bedrock-reachable:${model.region}`)
  )
}

/**
 * Turns what the run found into the one Report. Exports are withheld entirely when the
 * credentials or the identity failed: later steps must never start with a broken or foreign set.
 */
export function assembleReport(results: RunResults): Report {
  const { config, credentials, identity, models } = results
  const laterSteps = laterStepsCredentialsCheck(results)
  const found: CheckResult[] = [
    ...(results.actor !== undefined ? [results.actor] : []),
    credentials.check,
    ...(identity?.checks ?? (credentials.source === 'api-key' ? [apiKeyIdentityCheck()] : [])),
    ...(results.apiKeyAccount !== undefined ? [results.apiKeyAccount.check] : []),
    ...(laterSteps !== undefined ? [laterSteps] : []),
    ...(results.refresh !== undefined ? [results.refresh.check] : []),
    ...(results.isolation !== undefined ? [results.isolation] : []),
    ...withNamedThrottleQuotas(models?.checks ?? [], models, results.quotasFor)
  ]
  if (models === undefined) found.push(skippedModelsCheck(found))
  const caching = promptCachingCheck(
    config.region,
    config.disablePromptCaching,
    config.promptCachingChosenBy ?? 'input'
  )
  if (caching !== undefined) found.push(caching)

  const main = models?.main
  const small = models?.small
  // The capacity pre-flight looks at the models that passed their checks.
  const pinnedUsable = (models?.families ?? []).map((pin) => (pin.usable ? pin.model : undefined))
  const verified = [main, small, ...pinnedUsable].filter(
    (m): m is ResolvedModel => m !== undefined && config.verify !== 'none' && modelReady(m, found)
  )
  found.push(...(results.capacityFor?.(verified) ?? []))
  // One place decides what an untrusted run may claim: log, summary and outputs all read `checks`.
  const established = skipWhatWasNotEstablished(found, TRUST_CHECK_IDS)

  const trusted = credentialsTrusted(established)
  // Claude Code is switched to Bedrock only when later steps can also authenticate there.
  const mainReady = modelReady(main, established) && laterSteps?.status !== 'fail'
  const exported = trusted
    ? buildExports({
        config,
        ...(credentials.obtained !== undefined ? { credentials: credentials.obtained } : {}),
        ...(main !== undefined ? { main } : {}),
        ...(small !== undefined ? { small } : {}),
        ...(models?.families !== undefined ? { families: models.families } : {}),
        mainModelReady: mainReady
      }).concat(results.refresh?.variables ?? [])
    : []
  // What later steps inherit from the job beside the exports, where it would send Claude Code
  // elsewhere (or sign otherwise) than the checks went.
  const inherited =
    results.jobEnvironment !== undefined && exported.length > 0
      ? inheritedEnvironmentChecks({
          env: results.jobEnvironment,
          exported,
          verified: verifiedRouting(config, results.jobEnvironment)
        })
      : []
  const checks = [...established, ...inherited]

  const pinned = (models?.families ?? []).flatMap((pin) =>
    pin.usable && pin.model !== undefined ? [pin.model] : []
  )
  // Pass or fail: the moment a check fails is when the policy is needed most. Pinned families
  // count when they are exported (usable); an unusable one's variable points at the main model.
  const resolved = [main, small, ...pinned].filter((m): m is ResolvedModel => m !== undefined)
  const policy =
    resolved.length > 0
      ? buildIamPolicy(resolved, config.partition, identity?.identity?.accountId)
      : undefined
  const iamPolicy = policy !== undefined ? renderIamPolicy(policy) : undefined
  const iamPolicyMissing = policy !== undefined ? missingStatements(policy, resolved, checks) : []

  return {
    passed: checks.every((c) => c.status !== 'fail'),
    failOnError: config.failOnError,
    region: config.region,
    verify: config.verify,
    credentialSource: credentials.source,
    ...optionalField('credentialSourceNote', sourceNote(config, credentials)),
    ...(identity?.identity !== undefined ? { identity: identity.identity } : {}),
    ...optionalField('apiKeyAccountId', apiKeyAccountId(results)),
    maskAccountId: config.maskAwsAccountId,
    ...(credentials.obtained?.credentials.expiration !== undefined
      ? { credentialsExpiration: credentials.obtained.credentials.expiration }
      : {}),
    checks: checks.map(explainedCheck),
    models: modelRows(config, models),
    exported,
    ...(iamPolicy !== undefined ? { iamPolicy } : {}),
    ...(iamPolicyMissing.length > 0 ? { iamPolicyMissing } : {}),
    durationMs: results.durationMs,
    attribution: attributionOf(config)
  }
}

/** Where the checks called the runtime, and with which key: what Claude Code must match. */
export function verifiedRouting(config: Config, env: NodeJS.ProcessEnv): VerifiedRouting {
  return {
    region: config.region,
    runtimeEndpoint: endpointFor('bedrock-runtime', config.region, config, env).url.href,
    awsRuntimeHost: config.claudeCodeBaseUrl === undefined,
    ...(config.bedrockApiKey !== undefined ? { apiKey: config.bedrockApiKey } : {}),
    smallModelRegion: config.smallFastModelRegion ?? config.region
  }
}

function attributionOf(config: Config): Attribution {
  const headers = config.customHeaders
  return {
    ...(config.roleToAssume !== undefined ? { roleSessionName: config.roleSessionName } : {}),
    ...(headers !== undefined && Object.keys(headers.metadata).length > 0
      ? { requestMetadata: shownMetadata(headers) }
      : {}),
    ...(headers?.note !== undefined ? { note: headers.note } : {})
  }
}

/** The job's own metadata pairs by key only: the action repeats only what it added itself. */
function shownMetadata(headers: CustomHeaders): Record<string, string> {
  return Object.fromEntries(
    Object.entries(headers.metadata).map(([key, value]) => [
      key,
      headers.inheritedMetadataKeys.includes(key) ? HIDDEN_VALUE : value
    ])
  )
}

function optionalField<K extends string>(key: K, value: string | undefined): { [P in K]?: string } {
  return (value === undefined ? {} : { [key]: value }) as { [P in K]?: string }
}

/** The key's account: proven on the wire, else what a long-term key says of itself. */
function apiKeyAccountId(results: RunResults): string | undefined {
  const form = results.config.bedrockApiKeyForm
  return (
    results.apiKeyAccount?.accountId ?? (form?.kind === 'long-term' ? form.accountId : undefined)
  )
}

/**
 * With `export-credentials: false`, whether later steps still get something to call Bedrock with:
 * the API key (exported), credentials already in the environment (they stay), or the step outputs
 * (`output-credentials`). None of them means the agent step cannot authenticate: not ready.
 * Undefined when credentials are exported (the usual case needs no row of its own).
 */
function laterStepsCredentialsCheck(results: RunResults): CheckResult | undefined {
  const { config, credentials } = results
  if (config.exportCredentials || !assumedByThisAction(credentials.obtained?.origin))
    return undefined
  const names = { id: 'later-steps-credentials', title: 'Credentials for later steps' }
  if (config.bedrockApiKey !== undefined) {
    return {
      ...names,
      status: 'pass',
      detail:
        'export-credentials is false: later steps call Bedrock with the API key (AWS_BEARER_TOKEN_BEDROCK); the role session stays in this step.'
    }
  }
  if (config.outputCredentials) {
    return {
      ...names,
      status: 'pass',
      detail:
        'export-credentials is false: later steps get the role session only through the step outputs aws-access-key-id, aws-secret-access-key and aws-session-token (output-credentials), which the workflow must pass on.'
    }
  }
  return {
    ...names,
    status: 'fail',
    detail:
      'export-credentials is false and nothing else gives later steps credentials: Claude Code in a later step could not call Bedrock.',
    cause:
      'The role session stays in this step (export-credentials: false), no bedrock-api-key is exported, no AWS credentials were in the environment, and output-credentials is off; CLAUDE_CODE_USE_BEDROCK was not exported.',
    fix: 'Remove `export-credentials: false` (the default exports the session); or set `output-credentials: true` and pass the step outputs `aws-access-key-id`, `aws-secret-access-key` and `aws-session-token` to the step that runs Claude Code; or pass `bedrock-api-key`.'
  }
}

/** "chosen because …; signed by …": the explicit choice of credential source, for the summary. */
function sourceNote(config: Config, credentials: CredentialOutcome): string | undefined {
  const reason = config.roleSource?.reason
  if (reason === undefined) return undefined
  const runner = credentials.obtained?.runner
  return runner !== undefined ? `${reason}; signed with ${runner.label}` : reason
}

function apiKeyIdentityCheck(): CheckResult {
  return {
    id: 'identity',
    title: 'AWS identity',
    status: 'skip',
    detail:
      'Not checked: GetCallerIdentity needs AWS credentials, and a Bedrock API key is not one; the 1-token calls prove the key works.'
  }
}

/** No model was checked: say which earlier check stopped it, as the other skipped checks do. */
function skippedModelsCheck(earlier: readonly CheckResult[]): CheckResult {
  const failed = earlier.find((c) => TRUST_CHECK_IDS.includes(c.id) && c.status === 'fail')
  return {
    id: 'models',
    title: 'Models',
    status: 'skip',
    detail:
      failed?.id === 'actor-permission'
        ? 'Not checked: the actor check failed, so nothing was sent to AWS.'
        : `Not checked: the ${failed?.title ?? 'Credentials'} check failed, so no model was checked or called.`
  }
}

function modelRows(config: Config, models: ModelVerification | undefined): ModelRow[] {
  const rows: ModelRow[] = []
  for (const role of ['main', 'small'] as const) {
    const ref = role === 'main' ? config.model : config.smallFastModel
    const resolved = role === 'main' ? models?.main : models?.small
    const region = role === 'main' ? config.region : (config.smallFastModelRegion ?? config.region)
    if (resolved === undefined) {
      rows.push({ role, asked: ref.raw, region, destinationRegions: [] })
      continue
    }
    const lifecycle = resolved.lifecycle
    rows.push({
      role,
      asked: ref.raw,
      region: resolved.region,
      resolvedId: resolved.exportId,
      arn: resolved.arn,
      type: resolved.type,
      destinationRegions: resolved.destinationRegions,
      lifecycle:
        lifecycle.status === 'LEGACY' && lifecycle.endOfLifeTime !== undefined
          ? `LEGACY (end of life ${lifecycle.endOfLifeTime.toISOString().slice(0, 10)})`
          : lifecycle.status,
      ...(resolved.fallbackNote !== undefined ? { note: resolved.fallbackNote } : {})
    })
  }
  for (const pin of models?.families ?? []) {
    const main = models?.main
    const model = pin.usable ? pin.model : main
    rows.push({
      role: pin.family,
      asked: `${pin.family} (pin-families)`,
      region: model?.region ?? config.region,
      ...(model !== undefined ? { resolvedId: model.exportId, type: model.type } : {}),
      destinationRegions: model?.destinationRegions ?? [],
      ...(model !== undefined ? { lifecycle: model.lifecycle.status } : {}),
      ...(!pin.usable
        ? {
            note: `${pin.family} is not usable: ${refusalPhrase(pin.refusal ?? 'unverified')}; ${main ? 'points at the main model' : 'not exported'}`
          }
        : {})
    })
  }
  return rows
}
