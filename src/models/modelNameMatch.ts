import { PROFILE_PREFIXES } from '../inputs/region.js'

/**
 * A model's identity as words, for matching the display names other AWS services use (Service
 * Quotas: "Cross-Region InvokeModel tokens per minute for Anthropic Claude Sonnet 4.5 V1"; the
 * Price List: model "Claude Sonnet 4.5"). Neither service lists model ids, so ids and names meet
 * half way: lower-case words and numbers, without the provider, the release date and the version.
 */
export interface ModelWords {
  readonly provider: string
  readonly words: readonly string[]
  /** `v1`, `v2`: the id's version, when it has one. */
  readonly version?: string
}

const PREFIXES = new Set<string>(PROFILE_PREFIXES)

/** `us.anthropic.claude-3-5-sonnet-20241022-v2:0` → provider anthropic, words claude 3 5 sonnet, v2. */
export function modelIdWords(modelId: string): ModelWords {
  let id = modelId.replace(/\[1m\]$/i, '').toLowerCase()
  const slash = id.lastIndexOf('/')
  if (id.startsWith('arn:') && slash >= 0) id = id.slice(slash + 1)
  const segments = id.split('.')
  if (segments.length > 2 && PREFIXES.has(segments[0] ?? '')) segments.shift()
  const provider = segments.length > 1 ? (segments.shift() ?? '') : ''
  const tokens = segments
    .join('.')
    .replace(/:\d+$/, '')
    .split(/[^a-z0-9]+/)
    .filter((token) => token !== '' && !/^\d{8}$/.test(token))
  const last = tokens[tokens.length - 1]
  const version = last !== undefined && /^v\d+$/.test(last) ? last : undefined
  return {
    provider,
    words: version === undefined ? tokens : tokens.slice(0, -1),
    ...(version !== undefined ? { version } : {})
  }
}

function nameTokens(name: string): string[] {
  return name
    .toLowerCase()
    .split(/[^a-z0-9]+/)
    .filter((token) => token !== '')
}

/**
 * How well a display name names this model: 2 = same words and the same version, 1 = same words
 * and no version named (so the name covers the id), 0 = another model (other words, another version,
 * or a variant such as "1M Context Length"). A leading provider word is ignored.
 */
export function nameMatchScore(name: string, model: ModelWords): 0 | 1 | 2 {
  let tokens = nameTokens(name)
  if (model.provider !== '' && tokens[0] === model.provider) tokens = tokens.slice(1)
  const last = tokens[tokens.length - 1]
  const version = last !== undefined && /^v\d+$/.test(last) ? last : undefined
  if (version !== undefined) tokens = tokens.slice(0, -1)
  if (tokens.join(' ') !== model.words.join(' ')) return 0
  if (version === undefined) return 1
  if (model.version === undefined) return version === 'v1' ? 1 : 0
  return version === model.version ? 2 : 0
}
