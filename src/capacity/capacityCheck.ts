import { modelIdWords, nameMatchScore } from '../models/modelNameMatch.js'
import type { ResolvedModel } from '../models/resolvedModel.js'
import type { CheckResult } from '../report/types.js'
import type { MinuteQuota, QuotaSnapshot } from './quotaListing.js'

/**
 * Claude Code's output-token maximum when CLAUDE_CODE_MAX_OUTPUT_TOKENS is unset: 32,000 for most
 * models (newer ones default higher), per Claude Code's model configuration. Used as the smallest
 * reservation a turn makes, so the warning never overstates the risk.
 */
export const CLAUDE_CODE_DEFAULT_MAX_OUTPUT_TOKENS = 32_000
/**
 * Bedrock's throttling reserves at least this many tokens per request whatever max_tokens says
 * (Claude Code's Bedrock docs: "a minimum of 4096 tokens as the max_token penalty").
 */
export const MIN_RESERVATION = 4_096
/** Fewer concurrent first turns than this (main model, background model, a subagent) throttles. */
export const HEADROOM_TURNS = 3

type QuotaKind = 'on-demand' | 'cross-region' | 'global'

class AccountNotProvenYet extends Error {
  override readonly name = 'AccountNotProvenYet'
  constructor() {
    super(
      'with allowed-account-ids and credentials from the environment, nothing else is called before the account is proven, and waiting for it would delay set-up'
    )
  }
}

const QUOTA_NAME =
  /^(on-demand|cross-region|global cross-region)\s+(?:invokemodel|model inference)\s+(tokens|requests) per minute for (.+)$/i

/** Which family of quota a call through this model counts against. */
function quotaKind(model: ResolvedModel): QuotaKind {
  if (model.invokeId.startsWith('global.')) return 'global'
  return model.type === 'foundation-model' && model.destinationRegions.length <= 1
    ? 'on-demand'
    : 'cross-region'
}

/** The quota of `unit` for this model and kind: the best name match, exact versions first. */
export function findQuota(
  quotas: readonly MinuteQuota[],
  model: ResolvedModel,
  unit: MinuteQuota['unit']
): MinuteQuota | undefined {
  const words = modelIdWords(model.foundationModelId)
  const kind = quotaKind(model)
  let best: { quota: MinuteQuota; score: number } | undefined
  for (const quota of quotas) {
    const match = QUOTA_NAME.exec(quota.name)
    if (match === null || quota.unit !== unit) continue
    const namedKind = (match[1] ?? '').toLowerCase()
    const kindOf: QuotaKind =
      namedKind === 'on-demand'
        ? 'on-demand'
        : namedKind === 'cross-region'
          ? 'cross-region'
          : 'global'
    if (kindOf !== kind) continue
    const score = nameMatchScore(match[3] ?? '', words)
    if (score > 0 && (best === undefined || score > best.score)) best = { quota, score }
  }
  return best?.quota
}

const number = (value: number): string => Math.round(value).toLocaleString('en-US')

function roleTitle(model: ResolvedModel): { id: string; title: string } {
  const label =
    model.role === 'main'
      ? 'Main model'
      : model.role === 'small'
        ? 'Small model'
        : `Pinned ${model.role} model`
  return { id: `capacity:${model.role}`, title: `${label} capacity (tokens per minute)` }
}

/**
 * Credentials from the environment with allowed-account-ids: the account is proven before any
 * other call, so the listing cannot run beside the checks and is not made.
 */
export const NOT_BEFORE_ACCOUNT_PROOF: QuotaSnapshot = {
  quotas: [],
  complete: false,
  pages: 0,
  error: new AccountNotProvenYet()
}

/** Service Quotas' answer, when it refused: a missing permission is the common case. */
function refusal(error: unknown): string {
  if (error instanceof AccountNotProvenYet) return `Not checked: ${error.message}.`
  const name = (error as { name?: string }).name ?? ''
  const status = (error as { $metadata?: { httpStatusCode?: number } }).$metadata?.httpStatusCode
  if (/AccessDenied/i.test(name) || status === 403) {
    return 'Not checked: this role may not call `servicequotas:ListServiceQuotas` (an optional permission: see "Optional permissions" in the README).'
  }
  const message = error instanceof Error ? error.message : String(error)
  return `Not checked: Service Quotas did not answer (${name || 'error'}: ${message.slice(0, 200)}).`
}

/**
 * Capacity pre-flight for one verified model: does its tokens-per-minute quota leave room for a few
 * turns, given the output-token reservation Claude Code's requests make? Bedrock reserves a
 * request's max_tokens against the quota when it starts (AWS: "How tokens are counted in Amazon
 * Bedrock"), so a large CLAUDE_CODE_MAX_OUTPUT_TOKENS against a small quota throttles the first
 * turn ("Too many tokens") although a 1-token call succeeds.
 */
export function capacityCheck(
  model: ResolvedModel,
  snapshot: QuotaSnapshot,
  maxOutputTokens: number | undefined
): CheckResult {
  const names = roleTitle(model)
  const skip = (detail: string): CheckResult => ({ ...names, status: 'skip', detail })
  const tokens = findQuota(snapshot.quotas, model, 'tokens')
  if (tokens === undefined) {
    if (snapshot.error !== undefined) return skip(refusal(snapshot.error))
    if (!snapshot.complete) {
      return skip(
        `Not checked: Service Quotas had listed ${snapshot.pages} page(s) of Bedrock quotas when the other checks finished, without this model's; the check never delays set-up.`
      )
    }
    return skip(
      `Not checked: no ${quotaKind(model)} tokens-per-minute quota in Service Quotas names ${model.foundationModelId}.`
    )
  }
  const asked = maxOutputTokens ?? CLAUDE_CODE_DEFAULT_MAX_OUTPUT_TOKENS
  const reservation = Math.max(asked, MIN_RESERVATION)
  const source =
    maxOutputTokens !== undefined
      ? `max-output-tokens ${number(asked)}`
      : `Claude Code's default output maximum of at least ${number(asked)}`
  const turns = Math.floor(tokens.value / reservation)
  const requests = findQuota(snapshot.quotas, model, 'requests')
  const rpm = requests !== undefined ? `; ${number(requests.value)} requests per minute` : ''
  const quoted = `"${tokens.name}" (${tokens.code})`
  const detail = `${number(tokens.value)} tokens per minute (${quoted}): room for ${turns} request(s) at once at ${number(reservation)} reserved tokens each (${source})${rpm}.`
  if (turns >= HEADROOM_TURNS) return { ...names, status: 'pass', detail }
  const fitting = Math.floor(tokens.value / HEADROOM_TURNS / 1000) * 1000
  const lower =
    fitting >= MIN_RESERVATION
      ? `Set \`max-output-tokens: ${fitting}\` (or lower) so ${HEADROOM_TURNS} requests fit in a minute, or raise the quota`
      : `Lowering \`max-output-tokens\` cannot help (Bedrock reserves at least ${number(MIN_RESERVATION)} tokens per request): raise the quota`
  return {
    ...names,
    status: 'warn',
    detail,
    cause: `Bedrock reserves each request's max_tokens against the tokens-per-minute quota when it starts; with ${number(tokens.value)} tokens per minute, ${turns === 0 ? 'not even one request fits' : `only ${turns} request(s) fit`} before Bedrock answers ThrottlingException "Too many tokens, please wait before trying again." Claude Code's first turns (main model, background model, subagents) run at once.`,
    fix: `${lower} ${quoted} in Service Quotas: \`aws service-quotas request-service-quota-increase --service-code bedrock --quota-code ${tokens.code} --desired-value ${reservation * HEADROOM_TURNS * 2}\`.`
  }
}

/**
 * One check per distinct verified model (main and small may be the same). `snapshotFor` gives the
 * quota listing of a region so far; without one (a Bedrock API key alone) each check is a skip.
 */
export function capacityChecks(
  models: readonly ResolvedModel[],
  snapshotFor: ((region: string) => QuotaSnapshot | undefined) | undefined,
  maxOutputTokens: number | undefined
): CheckResult[] {
  const seen = new Set<string>()
  const checks: CheckResult[] = []
  for (const model of models) {
    if (seen.has(`${model.region} ${model.invokeId}`)) continue
    seen.add(`${model.region} ${model.invokeId}`)
    const snapshot = snapshotFor?.(model.region)
    checks.push(
      snapshot === undefined
        ? {
            ...roleTitle(model),
            status: 'skip',
            detail:
              'Not checked: Service Quotas needs AWS credentials, and a Bedrock API key alone is not one.'
          }
        : capacityCheck(model, snapshot, maxOutputTokens)
    )
  }
  return checks
}
