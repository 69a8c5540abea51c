import { shownUrl } from '../inputs/endpoint.js'

/**
 * Where Claude Code's Bedrock calls go and how they are signed, read from its environment
 * (Claude Code 2.1.x, checked against the bundled CLI): the runtime URL is ANTHROPIC_BEDROCK_BASE_URL,
 * else `https://bedrock-runtime.<region>.amazonaws.com` (AWS_ENDPOINT_URL_* are not read for it);
 * a non-empty AWS_BEARER_TOKEN_BEDROCK is sent as a Bearer key instead of SigV4;
 * CLAUDE_CODE_SKIP_BEDROCK_AUTH sends requests unsigned; ANTHROPIC_SMALL_FAST_MODEL_AWS_REGION is
 * the Haiku slot's region. These are the variables that can make Claude Code call another place,
 * or sign another way, than the checks did.
 */
export const ROUTING_VARIABLES = [
  'ANTHROPIC_BEDROCK_BASE_URL',
  'AWS_BEARER_TOKEN_BEDROCK',
  'CLAUDE_CODE_SKIP_BEDROCK_AUTH',
  'ANTHROPIC_SMALL_FAST_MODEL_AWS_REGION'
] as const

export type SettingSource = 'shell' | 'settings' | 'job'

/** One variable as Claude Code would see it, and where it comes from. */
export interface ConfiguredValue {
  readonly name: string
  readonly value: string
  readonly source: SettingSource
}

/** A problem with what Claude Code is configured with, with the change that removes it. */
export interface ConfigurationConflict {
  readonly name: string
  /** One line for a check's detail; the problem is the cause. */
  readonly summary?: string
  readonly problem: string
  readonly fix: string
  /** `fail`: Claude Code would not call what was verified; `warn` (the default): it may not work. */
  readonly severity?: 'fail' | 'warn'
}

/** What the checks called and signed with, to compare Claude Code's configuration against. */
export interface VerifiedRouting {
  readonly region: string
  /** The runtime endpoint the checks called, without a trailing slash. */
  readonly runtimeEndpoint: string
  /** True when that is AWS's own host (no custom endpoint). */
  readonly awsRuntimeHost: boolean
  /** The Bedrock API key the checks' runtime calls sent, if any. */
  readonly apiKey?: string
  /** Where the checks called the small (Haiku-slot) model. */
  readonly smallModelRegion: string
}

/** How a fix names a setting: the action's input (`name: value`) or the doctor's flag. */
export interface SettingSpelling {
  /** E.g. `` `bedrock-runtime-endpoint: https://…` `` or `--bedrock-runtime-endpoint https://…`. */
  readonly option: (input: string, value: string) => string
  /** The setting's name alone, e.g. "the `bedrock-api-key` input" or "--bedrock-runtime-endpoint". */
  readonly input: (input: string) => string
  /** Where the value was found, e.g. "in the job's environment", "in your shell". */
  readonly where: (value: ConfiguredValue) => string
  /** How to remove it from there. */
  readonly remove: (value: ConfiguredValue) => string
}

const withoutSlash = (url: string): string => url.replace(/\/+$/, '')

/** The runtime URL Claude Code builds for a region when ANTHROPIC_BEDROCK_BASE_URL is unset. */
export function defaultRuntimeUrl(region: string): string {
  const suffix = region.startsWith('cn-') ? 'amazonaws.com.cn' : 'amazonaws.com'
  return `https://bedrock-runtime.${region}.${suffix}`
}

/**
 * Conflicts between where Claude Code will call Bedrock (and how it signs) and what the checks
 * verified: an empty value (some Claude Code versions then fail SigV4), a base URL other than the
 * endpoint the checks called, an API key other than the one they used, unsigned requests, and the
 * small model's region. Values are never repeated: a URL without `user:password@` and query, a key
 * not at all.
 */
export function routingConflicts(
  values: readonly ConfiguredValue[],
  verified: VerifiedRouting,
  spelling: SettingSpelling
): ConfigurationConflict[] {
  const conflicts: ConfigurationConflict[] = []
  for (const value of values) {
    const place = spelling.where(value)
    if (value.value.trim() === '') {
      conflicts.push({
        name: value.name,
        severity: 'warn',
        summary: `${value.name} is empty ${place}; Claude Code versions that fail on an empty value would not start.`,
        problem: `${value.name} is set to an empty value ${place}; some Claude Code versions then fail to sign Bedrock requests.`,
        fix: `${spelling.remove(value)} instead of setting it empty (a secret that is missing on this run, e.g. on a fork or Dependabot, leaves it empty).`
      })
      continue
    }
    switch (value.name) {
      case 'ANTHROPIC_BEDROCK_BASE_URL': {
        if (withoutSlash(value.value) === withoutSlash(verified.runtimeEndpoint)) break
        conflicts.push({
          name: value.name,
          severity: 'fail',
          summary: `Claude Code would call ${shownUrl(value.value)}; the checks called ${shownUrl(verified.runtimeEndpoint)}.`,
          problem: `ANTHROPIC_BEDROCK_BASE_URL ${place} sends Claude Code's Bedrock calls to ${shownUrl(value.value)}, but the checks called ${shownUrl(verified.runtimeEndpoint)}: what passed here is not what Claude Code will call.`,
          fix: `To use that endpoint, set ${spelling.option('bedrock-runtime-endpoint', shownUrl(value.value))} so the checks call it too; otherwise ${lowerFirst(spelling.remove(value))}.`
        })
        break
      }
      case 'AWS_BEARER_TOKEN_BEDROCK': {
        if (value.value === verified.apiKey) break
        conflicts.push({
          name: value.name,
          severity: 'fail',
          summary:
            'Claude Code would sign with the Bedrock API key in AWS_BEARER_TOKEN_BEDROCK, which the checks did not use.',
          problem:
            verified.apiKey === undefined
              ? `AWS_BEARER_TOKEN_BEDROCK is set ${place}: Claude Code sends that Bedrock API key instead of signing with the AWS credentials the checks used, and nobody checked the key.`
              : `AWS_BEARER_TOKEN_BEDROCK ${place} holds another Bedrock API key than the one the checks used: Claude Code would send that one.`,
          fix: `To use that key, pass it through ${spelling.input('bedrock-api-key')} instead (from the same secret) so the checks use it too; otherwise ${lowerFirst(spelling.remove(value))}.`
        })
        break
      }
      case 'CLAUDE_CODE_SKIP_BEDROCK_AUTH': {
        conflicts.push({
          name: value.name,
          severity: verified.awsRuntimeHost ? 'fail' : 'warn',
          summary:
            'Claude Code would send its Bedrock requests unsigned; the checks signed theirs.',
          problem: verified.awsRuntimeHost
            ? `CLAUDE_CODE_SKIP_BEDROCK_AUTH is set ${place}: Claude Code sends its Bedrock requests unsigned, and Bedrock (${shownUrl(verified.runtimeEndpoint)}) refuses unsigned requests; the checks signed theirs.`
            : `CLAUDE_CODE_SKIP_BEDROCK_AUTH is set ${place}: Claude Code sends its requests to ${shownUrl(verified.runtimeEndpoint)} unsigned, while the checks signed theirs; whether that endpoint accepts unsigned requests was not tested.`,
          fix: verified.awsRuntimeHost
            ? `${spelling.remove(value)}; it is meant for a gateway that signs requests itself (then name that gateway in ${spelling.input('bedrock-runtime-endpoint')}).`
            : `${spelling.remove(value)}, unless the gateway signs requests itself.`
        })
        break
      }
      case 'ANTHROPIC_SMALL_FAST_MODEL_AWS_REGION': {
        if (value.value === verified.smallModelRegion) break
        conflicts.push({
          name: value.name,
          severity: 'fail',
          summary: `Claude Code would call the small model in ${value.value}; the checks called it in ${verified.smallModelRegion}.`,
          problem: `ANTHROPIC_SMALL_FAST_MODEL_AWS_REGION is ${value.value} ${place}: Claude Code calls the small (Haiku-slot) model there, but the checks called it in ${verified.smallModelRegion}.`,
          fix: `To call it in ${value.value}, set ${spelling.option('small-fast-model-region', value.value)} so the checks do too; otherwise ${lowerFirst(spelling.remove(value))}.`
        })
        break
      }
    }
  }
  return conflicts
}

const lowerFirst = (text: string): string => text.charAt(0).toLowerCase() + text.slice(1)
