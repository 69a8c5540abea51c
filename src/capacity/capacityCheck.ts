import { shortText } from '../diagnosis/shortText.js'
import { THROTTLING_CODES } from '../diagnosis/rateLimitErrors.js'
import type { ResolvedModel } from '../models/resolvedModel.js'
import type { CheckResult } from '../report/types.js'
import { increaseCommand, perMinute, quotedQuota, type QuotaIncrease } from './quotaIncrease.js'
import { quotaKind, type QuotaKind } from './quotaKind.js'
import type { MinuteQuota } from './quotaNames.js'
import type { QuotaFinding } from './regionQuotas.js'

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
/**
 * Fewer concurrent first turns than this (main model, background model, a subagent) throttles:
 * the rule for the tokens-per-minute quota (requests that fit at once) and for the
 * requests-per-minute quota (requests it admits in a minute).
 */
export const HEADROOM_TURNS = 3

const number = (value: number): string => Math.round(value).toLocaleString('en-US')
const requestCount = (count: number): string => `${number(count)} request${count === 1 ? '' : 's'}`

/** What a capacity verdict needs of a model: the main step's ResolvedModel or the post step's state. */
export interface CapacityModel {
  /** `main`, `small`, or a pinned family (`opus`, ...). */
  readonly role: string
  readonly foundationModelId: string
  readonly kind: QuotaKind
  /** Where it is called: Bedrock's quotas are per region. */
  readonly region: string
}

export function capacityModel(model: ResolvedModel): CapacityModel {
  return {
    role: model.role,
    foundationModelId: model.foundationModelId,
    kind: quotaKind(model),
    region: model.region
  }
}

/**
 * When the verdict is made: in the main step (before the agent), in the post step (after it), or by
 * the doctor on a person's machine (no post step; it waits for the whole listing instead).
 */
export type CapacityStage = 'main' | 'post' | 'doctor'

export interface CapacityOptions {
  /** `max-output-tokens`, when set. */
  readonly maxOutputTokens: number | undefined
  readonly stage: CapacityStage
  /** Main step: whether a post step will finish what is left (usage-report is not `false`). */
  readonly postStep: boolean
}

export function capacityTitle(role: string): { id: string; title: string } {
  const label =
    role === 'main' ? 'Main model' : role === 'small' ? 'Small model' : `Pinned ${role} model`
  return { id: `capacity:${role}`, title: `${label} capacity (tokens and requests per minute)` }
}

class AccountNotProvenYet extends Error {
  override readonly name = 'AccountNotProvenYet'
  constructor() {
    super(
      'with allowed-account-ids and credentials from the environment, nothing else is called before the account is proven, and waiting for it would delay set-up'
    )
  }
}

/**
 * Credentials from the environment with allowed-account-ids: the account is proven before any
 * other call, so Service Quotas cannot be asked beside the checks and is not asked at all.
 */
export const NOT_BEFORE_ACCOUNT_PROOF: QuotaFinding = {
  kind: 'refused',
  operation: 'ListServiceQuotas',
  error: new AccountNotProvenYet()
}

const errorName = (error: unknown): string => (error as { name?: string }).name ?? ''
const errorStatus = (error: unknown): number | undefined =>
  (error as { $metadata?: { httpStatusCode?: number } }).$metadata?.httpStatusCode

function isDenied(error: unknown): boolean {
  return /AccessDenied/i.test(errorName(error)) || errorStatus(error) === 403
}

function isThrottled(error: unknown): boolean {
  return THROTTLING_CODES.has(errorName(error)) || errorStatus(error) === 429
}

/**
 * Whether the post step should look again after the agent ran: the main step ran out of time, or
 * Service Quotas was busy. A refusal (a missing permission, the account not proven) stays one.
 */
export function worthFinishing(finding: QuotaFinding): boolean {
  if (finding.kind === 'unfinished') return true
  if (finding.kind !== 'refused') return false
  return !(finding.error instanceof AccountNotProvenYet) && !isDenied(finding.error)
}

const LATER =
  'The post step finishes it after the agent ("Capacity found after the agent ran" in the job summary) and caches the quota codes, so the next job on a self-hosted runner asks for them directly.'
const NO_POST_STEP = 'With `usage-report: false` no post step finishes it.'

/** Service Quotas' answer, when it refused: a missing permission is the common case. */
function refusal(operation: string, error: unknown, options: CapacityOptions): string {
  if (error instanceof AccountNotProvenYet) return `Not checked: ${error.message}.`
  if (isDenied(error)) {
    return `Not checked: this role may not call \`servicequotas:${operation}\` (an optional permission: see "Optional permissions" in the README).`
  }
  const again =
    options.stage === 'main'
      ? options.postStep
        ? ' The post step asks again after the agent has run.'
        : ''
      : ''
  if (isThrottled(error)) {
    return `Not checked: Service Quotas throttled ${operation} (${errorName(error)}). It is rate-limited for the whole account, so the check makes one attempt per call and never spends the set-up's retries.${again}`
  }
  const message = error instanceof Error ? error.message : String(error)
  return `Not checked: Service Quotas did not answer ${operation} (${errorName(error) || 'error'}: ${shortText(message, 200)}).${again}`
}

function unfinished(
  finding: Extract<QuotaFinding, { kind: 'unfinished' }>,
  options: CapacityOptions
): string {
  if (options.stage !== 'main') {
    const whose = options.stage === 'post' ? "the post step's" : "the doctor's"
    return `Not checked: Service Quotas had listed ${finding.pages} page(s) of Bedrock quotas without this model's when ${whose} time was up.`
  }
  const later = options.postStep ? LATER : NO_POST_STEP
  if (finding.operation === 'GetServiceQuota') {
    return `Not checked yet: Service Quotas had not answered GetServiceQuota for this model's cached quota code when the other checks finished (set-up waits at most one more round trip). ${later}`
  }
  const cache =
    finding.cache === 'stale'
      ? 'the cached quota code no longer names this model, so '
      : finding.cache === 'without-model'
        ? 'the cached quota codes name no quota of this model (a model newer than the cache), so '
        : ''
  return `Not checked yet: ${cache}Service Quotas had listed ${finding.pages} page(s) of Bedrock quotas, without this model's, when the other checks finished (set-up waits at most one more round trip). ${later}`
}

/** The output-token reservation of each request, and how many fit in `tokensPerMinute` at once. */
export function headroom(
  tokensPerMinute: number,
  maxOutputTokens: number | undefined
): { reservation: number; turns: number; source: string } {
  const asked = maxOutputTokens ?? CLAUDE_CODE_DEFAULT_MAX_OUTPUT_TOKENS
  const reservation = Math.max(asked, MIN_RESERVATION)
  return {
    reservation,
    turns: Math.floor(tokensPerMinute / reservation),
    source:
      maxOutputTokens !== undefined
        ? `max-output-tokens ${number(asked)}`
        : `Claude Code's default output maximum of at least ${number(asked)}`
  }
}

/**
 * What to ask for when raising a model's quotas, one story for the capacity row and a throttled
 * check's fix: tokens per minute to twice what HEADROOM_TURNS requests reserve (or twice the value
 * now, if that is more); requests per minute likewise, and only when it is short itself (below
 * HEADROOM_TURNS) or `always`.
 */
export function quotaIncreases(
  finding: { readonly tokens: MinuteQuota; readonly requests?: MinuteQuota | undefined },
  region: string,
  maxOutputTokens: number | undefined
): QuotaIncrease[] {
  const { reservation } = headroom(finding.tokens.value, maxOutputTokens)
  const tokens: QuotaIncrease = {
    ...finding.tokens,
    region,
    desired: Math.max(finding.tokens.value * 2, reservation * HEADROOM_TURNS * 2)
  }
  const requests = finding.requests
  if (requests === undefined || requests.value >= HEADROOM_TURNS) return [tokens]
  return [
    tokens,
    { ...requests, region, desired: Math.max(requests.value * 2, HEADROOM_TURNS * 2) }
  ]
}

/**
 * Capacity pre-flight for one model: does its tokens-per-minute quota leave room for a few turns,
 * given the output-token reservation Claude Code's requests make? Bedrock reserves a request's
 * max_tokens against the quota when it starts (AWS: "How tokens are counted in Amazon Bedrock";
 * runtime throttling is token-based, AWS Bedrock quotas page), so a large
 * CLAUDE_CODE_MAX_OUTPUT_TOKENS against a small quota throttles the first turn ("Too many tokens")
 * although a 1-token call succeeds.
 */
export function capacityCheck(
  model: CapacityModel,
  finding: QuotaFinding,
  options: CapacityOptions
): CheckResult {
  const names = capacityTitle(model.role)
  const skip = (detail: string): CheckResult => ({ ...names, status: 'skip', detail })
  if (finding.kind === 'refused') return skip(refusal(finding.operation, finding.error, options))
  if (finding.kind === 'unfinished') return skip(unfinished(finding, options))
  if (finding.kind === 'unnamed') {
    return skip(
      `Not checked: no ${model.kind} tokens-per-minute quota in Service Quotas names ${model.foundationModelId}.`
    )
  }
  const { tokens, requests } = finding
  const { reservation, turns, source } = headroom(tokens.value, options.maxOutputTokens)
  const rpm =
    requests !== undefined
      ? `; ${quotedQuota(requests)}: ${perMinute(requests.value, 'requests')}`
      : ''
  const detail = `${quotedQuota(tokens)}: ${perMinute(tokens.value, 'tokens')}, room for ${requestCount(turns)} at once at ${number(reservation)} reserved tokens each (${source})${rpm}.`
  const tokensShort = turns < HEADROOM_TURNS
  const requestsShort = requests !== undefined && requests.value < HEADROOM_TURNS
  if (!tokensShort && !requestsShort) return { ...names, status: 'pass', detail }
  const [tokensIncrease, requestsIncrease] = quotaIncreases(
    finding,
    model.region,
    options.maxOutputTokens
  )
  const causes: string[] = []
  const fixes: string[] = []
  if (tokensShort && tokensIncrease !== undefined) {
    const fitting = Math.floor(tokens.value / HEADROOM_TURNS / 1000) * 1000
    const lower =
      fitting >= MIN_RESERVATION
        ? `Set \`max-output-tokens: ${fitting}\` (or lower) so ${HEADROOM_TURNS} requests fit in a minute, or raise the quota`
        : `Lowering \`max-output-tokens\` cannot help (Bedrock reserves at least ${number(MIN_RESERVATION)} tokens per request): raise the quota`
    causes.push(
      `Bedrock reserves each request's max_tokens against the tokens-per-minute quota when it starts; with ${perMinute(tokens.value, 'tokens')}, ${turns === 0 ? 'not even one request fits' : `only ${requestCount(turns)} ${turns === 1 ? 'fits' : 'fit'}`} before Bedrock answers ThrottlingException "Too many tokens, please wait before trying again."`
    )
    fixes.push(
      `${lower} ${quotedQuota(tokens)} in Service Quotas: \`${increaseCommand(tokensIncrease)}\`.`
    )
  }
  if (requestsShort && requestsIncrease !== undefined) {
    causes.push(
      `The requests-per-minute quota admits ${perMinute(requestsIncrease.value, 'requests')}, fewer than the ${HEADROOM_TURNS} requests Claude Code's first turn makes; Bedrock answers the others ThrottlingException "Too many requests, please wait before trying again."`
    )
    fixes.push(
      `Raise ${quotedQuota(requestsIncrease)} in Service Quotas (\`max-output-tokens\` does not change a request count): \`${increaseCommand(requestsIncrease)}\`.`
    )
  }
  return {
    ...names,
    status: 'warn',
    detail,
    cause: `${causes.join(' ')} Claude Code's first turns (main model, background model, subagents) run at once.`,
    fix: fixes.join('\n')
  }
}

/** A Bedrock API key alone: Service Quotas takes AWS credentials only. */
export function apiKeyOnly(model: CapacityModel): CheckResult {
  return {
    ...capacityTitle(model.role),
    status: 'skip',
    detail:
      'Not checked: Service Quotas needs AWS credentials, and a Bedrock API key alone is not one.'
  }
}
