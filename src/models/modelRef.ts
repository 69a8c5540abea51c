import { isPartition, isRegionCode, PROFILE_PREFIXES } from '../inputs/region.js'
import { invalidValue } from '../inputs/valueMessage.js'
import { parseModelId } from './modelId.js'

/**
 * What the user asked for in `model` / `small-fast-model`, classified before any network call.
 * `oneMillionContext` records a trailing `[1m]`: kept on export, ignored for every lookup.
 */
export type ModelRef =
  | {
      readonly kind: 'alias'
      readonly raw: string
      readonly family: string
      readonly oneMillionContext: boolean
    }
  | {
      /** An Anthropic API id (`claude-opus-4-6`, `claude-sonnet-4-5-20250929`): mapped from what Bedrock lists. */
      readonly kind: 'first-party-id'
      readonly raw: string
      readonly anthropicId: string
      readonly oneMillionContext: boolean
    }
  | {
      readonly kind: 'base-model-id'
      readonly raw: string
      readonly modelId: string
      readonly oneMillionContext: boolean
    }
  | {
      readonly kind: 'inference-profile-id'
      readonly raw: string
      readonly profileId: string
      readonly prefix: string
      readonly baseModelId: string
      readonly oneMillionContext: boolean
    }
  | {
      readonly kind: 'inference-profile-arn'
      readonly raw: string
      readonly arn: string
      readonly region: string
      readonly accountId: string
      readonly profileId: string
      readonly oneMillionContext: boolean
    }
  | {
      readonly kind: 'application-inference-profile-arn'
      readonly raw: string
      readonly arn: string
      readonly region: string
      readonly accountId: string
      readonly oneMillionContext: boolean
    }
  | {
      readonly kind: 'foundation-model-arn'
      readonly raw: string
      readonly arn: string
      readonly region: string
      readonly modelId: string
      readonly oneMillionContext: boolean
    }

// ---- Parsing: classify a `model` / `small-fast-model` input without any network call ----

export const MODEL_FORM =
  'a Claude model: an alias (opus, sonnet, haiku), an Anthropic API model id (claude-sonnet-4-5-20250929), ' +
  'a base model id (anthropic.claude-…), ' +
  'an inference-profile id (us.anthropic.claude-…), or an inference-profile, ' +
  'application-inference-profile or foundation-model ARN, optionally followed by [1m]'

const ONE_MILLION_SUFFIX = /\[1m\]$/i
/** `anthropic.claude-sonnet-4-5-20250929-v1:0`, `…-opus-4-6-v1`, `…-claude-v2:1`, `…-v1:0:200k`. */
const CLAUDE_BASE_ID = /^anthropic\.claude(?:-[a-z0-9]+)+(?::\d+)?(?::\d+k)?$/
/** The resolver matches one family word (`sonnet`), so an alias is exactly that. */
const ALIAS = /^(?:claude-)?([a-z]+)$/
/**
 * Anthropic's own model ids, as its API docs and Claude Code's `/model` show them:
 * `claude-opus-4-6`, `claude-sonnet-4-5-20250929`, `claude-3-7-sonnet-20250219`, `claude-3-5-haiku-latest`.
 * A family word and a version number are both required, so a bare alias never lands here.
 */
const FIRST_PARTY_ID = /^claude(?:-[a-z0-9]+)+$/
const PROVIDER_AND_MODEL = /^[a-z][a-z0-9-]*\.[a-z][a-z0-9._:-]*$/
const ARN_PARTS = /^arn:([^:]*):([^:]*):([^:]*):([^:]*):(.*)$/

interface Problem {
  readonly kind: 'problem'
  readonly accepted: string
  readonly why?: string
}
type BaseId = { readonly kind: 'base'; readonly modelId: string } | Problem
type ModelId =
  BaseId | { readonly kind: 'profile'; readonly prefix: string; readonly baseModelId: string }

function isProfilePrefix(value: string): boolean {
  return (PROFILE_PREFIXES as readonly string[]).includes(value)
}

function classifyBaseId(id: string): BaseId {
  if (CLAUDE_BASE_ID.test(id)) return { kind: 'base', modelId: id }
  if (PROVIDER_AND_MODEL.test(id) && !id.startsWith('anthropic.')) {
    const provider = id.slice(0, id.indexOf('.'))
    const why = `a model of provider ${provider}; this action sets up Claude Code, which needs a Claude model`
    return { kind: 'problem', accepted: MODEL_FORM, why }
  }
  return { kind: 'problem', accepted: MODEL_FORM }
}

/** A base model id or a geography-prefixed inference-profile id. */
function classifyModelId(id: string): ModelId {
  const dot = id.indexOf('.')
  const head = id.slice(0, dot)
  const rest = id.slice(dot + 1)
  if (dot > 0 && isProfilePrefix(head)) {
    const base = classifyBaseId(rest)
    return base.kind === 'base' ? { kind: 'profile', prefix: head, baseModelId: rest } : base
  }
  if (dot > 0 && /^[a-z][a-z0-9-]*$/.test(head) && PROVIDER_AND_MODEL.test(rest)) {
    const accepted = `an inference-profile id with one of the prefixes ${PROFILE_PREFIXES.join(', ')}`
    return { kind: 'problem', accepted, why: `unknown prefix "${head}"` }
  }
  return classifyBaseId(id)
}

type ArnRef = Extract<
  ModelRef,
  { kind: 'inference-profile-arn' | 'application-inference-profile-arn' | 'foundation-model-arn' }
>

/** Model ARNs; `arn` is the value without any `[1m]`. */
function parseModelArn(
  input: string,
  raw: string,
  arn: string,
  oneMillionContext: boolean
): ArnRef {
  const problem = (why: string | undefined, accepted = MODEL_FORM) =>
    invalidValue(input, accepted, raw, why)
  const parts = ARN_PARTS.exec(arn)
  if (!parts) throw problem('not a complete ARN: arn:PARTITION:bedrock:REGION:ACCOUNT:TYPE/ID')
  const [, partition = '', service = '', region = '', accountId = '', resource = ''] = parts
  const slash = resource.indexOf('/')
  const type = resource.slice(0, Math.max(slash, 0))
  const id = resource.slice(slash + 1)
  if (!isPartition(partition)) throw problem(`unknown partition "${partition}"`)
  if (service !== 'bedrock')
    throw problem(`an ${service || 'unnamed service'} ARN, not a Bedrock model`)
  if (!isRegionCode(region)) throw problem(`"${region}" in the ARN is not a region code`)
  const common = { raw, arn, region, oneMillionContext }
  if (type === 'foundation-model') {
    if (accountId !== '') throw problem('a foundation-model ARN has no account id')
    const model = classifyBaseId(id)
    if (model.kind === 'problem')
      throw problem(model.why ?? 'not a Claude model id', model.accepted)
    return { kind: 'foundation-model-arn', ...common, modelId: id }
  }
  if (!/^\d{12}$/.test(accountId)) throw problem('the account id in the ARN must be 12 digits')
  if (type === 'inference-profile') {
    const profile = classifyModelId(id)
    if (profile.kind === 'problem')
      throw problem(profile.why ?? 'not a profile id', profile.accepted)
    if (profile.kind === 'base') throw problem(`"${id}" is a base model id, not a profile id`)
    return { kind: 'inference-profile-arn', ...common, accountId, profileId: id }
  }
  if (type === 'application-inference-profile') {
    if (!/^[a-z0-9]{1,64}$/i.test(id)) throw problem('the profile id must be letters and digits')
    return { kind: 'application-inference-profile-arn', ...common, accountId }
  }
  throw problem(
    `a Bedrock ${type || resource || 'resource'} ARN; only inference-profile, ` +
      'application-inference-profile and foundation-model ARNs name a model to call'
  )
}

function isFirstPartyId(id: string): boolean {
  if (!FIRST_PARTY_ID.test(id)) return false
  const parts = parseModelId(`anthropic.${id}`)
  return parts.family !== undefined && parts.version.length > 0
}

/**
 * Classifies a model input (`raw`: trimmed, single line). Throws InputError naming `input` when the
 * value is not a Claude model in an accepted form. Aliases are matched in any case.
 */
export function parseModelRef(input: string, raw: string): ModelRef {
  const oneMillionContext = ONE_MILLION_SUFFIX.test(raw)
  const id = raw.replace(ONE_MILLION_SUFFIX, '')
  if (id.startsWith('arn:')) return parseModelArn(input, raw, id, oneMillionContext)
  if (!id.includes('.') && !id.includes(':')) {
    const family = ALIAS.exec(id.toLowerCase())?.[1]
    if (family !== undefined && family !== 'claude') {
      return { kind: 'alias', raw, family, oneMillionContext }
    }
    if (isFirstPartyId(id)) {
      return { kind: 'first-party-id', raw, anthropicId: id, oneMillionContext }
    }
    const why = /^[a-z][a-z0-9-]*$/i.test(id)
      ? 'an alias is one family word such as opus, sonnet or haiku; for a version, give its model id'
      : undefined
    throw invalidValue(input, MODEL_FORM, raw, why)
  }
  const model = classifyModelId(id)
  if (model.kind === 'problem') throw invalidValue(input, model.accepted, raw, model.why)
  if (model.kind === 'base') return { kind: 'base-model-id', raw, modelId: id, oneMillionContext }
  const { prefix, baseModelId } = model
  return {
    kind: 'inference-profile-id',
    raw,
    profileId: id,
    prefix,
    baseModelId,
    oneMillionContext
  }
}
