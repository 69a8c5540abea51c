import {
  ROUTING_VARIABLES,
  routingConflicts,
  type ConfigurationConflict,
  type ConfiguredValue,
  type VerifiedRouting
} from '../claudeCodeEnv/routingConflicts.js'
import { autoProfilePrefix, PROFILE_PREFIXES, type ProfilePrefix } from '../inputs/region.js'

export type {
  ConfigurationConflict,
  ConfiguredValue,
  SettingSource
} from '../claudeCodeEnv/routingConflicts.js'

/** The variables through which Claude Code picks its models on Bedrock (Claude Code docs, "Amazon Bedrock"). */
export const MODEL_VARIABLES = [
  'ANTHROPIC_MODEL',
  'ANTHROPIC_DEFAULT_OPUS_MODEL',
  'ANTHROPIC_DEFAULT_SONNET_MODEL',
  'ANTHROPIC_DEFAULT_HAIKU_MODEL',
  'ANTHROPIC_SMALL_FAST_MODEL'
] as const

/** Families Claude Code switches between (`/model`, subagents' `model:`, the Haiku background slot). */
const FAMILY_VARIABLES = [
  'ANTHROPIC_DEFAULT_OPUS_MODEL',
  'ANTHROPIC_DEFAULT_SONNET_MODEL',
  'ANTHROPIC_DEFAULT_HAIKU_MODEL'
] as const

/** Every variable the doctor reads from the shell and from settings.json's `env`. */
const CLAUDE_CODE_VARIABLES = [
  'CLAUDE_CODE_USE_BEDROCK',
  'AWS_REGION',
  'AWS_DEFAULT_REGION',
  'AWS_PROFILE',
  'AWS_BEARER_TOKEN_BEDROCK',
  'ANTHROPIC_BEDROCK_BASE_URL',
  'CLAUDE_CODE_SKIP_BEDROCK_AUTH',
  'ANTHROPIC_SMALL_FAST_MODEL_AWS_REGION',
  'CLAUDE_CODE_MAX_OUTPUT_TOKENS',
  'MAX_THINKING_TOKENS',
  'DISABLE_PROMPT_CACHING',
  ...MODEL_VARIABLES,
  // Read so that a credential written into settings.json is reported, never to use it.
  'AWS_ACCESS_KEY_ID',
  'AWS_SECRET_ACCESS_KEY',
  'AWS_SESSION_TOKEN'
] as const

/** Credentials have no place in a settings file (see writeSettings.ts). */
const CREDENTIAL_VARIABLES = [
  'AWS_ACCESS_KEY_ID',
  'AWS_SECRET_ACCESS_KEY',
  'AWS_SESSION_TOKEN',
  'AWS_BEARER_TOKEN_BEDROCK'
]

/**
 * What Claude Code is configured with now: settings.json's `env` wins over the shell, because
 * Claude Code applies it to its own environment at start-up.
 */
export function configuredNow(
  shell: NodeJS.ProcessEnv,
  settingsEnv: Readonly<Record<string, string>>
): ConfiguredValue[] {
  const values: ConfiguredValue[] = []
  for (const name of CLAUDE_CODE_VARIABLES) {
    if (settingsEnv[name] !== undefined) {
      values.push({ name, value: settingsEnv[name], source: 'settings' })
    } else if (shell[name] !== undefined) {
      values.push({ name, value: shell[name], source: 'shell' })
    }
  }
  return values
}

export interface ConflictContext {
  /** The region the doctor checked. */
  readonly region: string
  /** Whether Bedrock lists this model or profile id in `region`; undefined when the listing failed. */
  readonly offered: (id: string) => boolean | undefined
  /** The value of each variable the doctor would write, for the fix. */
  readonly verified: Readonly<Record<string, string>>
  /** How those values were established: "verified now", or "resolved, not verified" (verify: none). */
  readonly verifiedHow: string
  /** Whether the families were pinned (pin-families): unpinned ones are then worth a warning. */
  readonly pinFamilies: boolean
  /** The AWS profile the checks used, when one was. */
  readonly profile?: string
  readonly settingsPath: string
  /** Where the checks called the runtime and with which key (the rules the action applies to a job). */
  readonly routing: VerifiedRouting
}

/** `ANTHROPIC_DEFAULT_OPUS_MODEL` → opus; the other model variables are about the main or small model. */
function familyOf(name: string): string {
  return (
    /ANTHROPIC_DEFAULT_([A-Z]+)_MODEL/.exec(name)?.[1]?.toLowerCase() ??
    (name === 'ANTHROPIC_SMALL_FAST_MODEL' ? 'haiku' : 'sonnet')
  )
}

const where = (value: ConfiguredValue, path: string): string =>
  value.source === 'settings' ? `in ${path}` : 'in your shell'

/** The geography prefix of an inference-profile id (`eu.anthropic…` → eu), if it has one. */
function profilePrefixOf(id: string): ProfilePrefix | undefined {
  const head = id.split('.')[0] ?? ''
  return (PROFILE_PREFIXES as readonly string[]).includes(head)
    ? (head as ProfilePrefix)
    : undefined
}

/**
 * Conflicts Claude Code would run into: empty values (some versions then fail SigV4), model ids
 * of another geography than the region, ids Bedrock does not offer in the region, and families
 * left unpinned (Claude Code then falls back to its built-in id for the region).
 */
export function findConflicts(
  values: readonly ConfiguredValue[],
  context: ConflictContext
): ConfigurationConflict[] {
  const conflicts: ConfigurationConflict[] = []
  const suggestion = (name: string): string => {
    const verified = context.verified[name]
    return verified !== undefined
      ? `Set ${name}=${verified} (${context.verifiedHow}), or run with --write-settings.`
      : `Set it to a model the checks above pass for, or unset it.`
  }
  const regionPrefix = autoProfilePrefix(context.region)
  const routing: ConfiguredValue[] = []
  for (const value of values) {
    const place = where(value, context.settingsPath)
    const isRouting = (ROUTING_VARIABLES as readonly string[]).includes(value.name)
    const storedCredential =
      value.source === 'settings' && CREDENTIAL_VARIABLES.includes(value.name)
    // Where Claude Code calls and how it signs: the same rules the action applies to a job's env.
    if (isRouting && !storedCredential) {
      routing.push(value)
      continue
    }
    if (value.value.trim() === '') {
      conflicts.push({
        name: value.name,
        problem: `${value.name} is set to an empty value ${place}; some Claude Code versions then fail to sign Bedrock requests.`,
        fix: `Remove ${value.name} ${place} instead of setting it empty.`
      })
      continue
    }
    if (value.source === 'settings' && CREDENTIAL_VARIABLES.includes(value.name)) {
      conflicts.push({
        name: value.name,
        problem: `${value.name} is stored in ${context.settingsPath}: a credential in a settings file leaks with it and outlives its rotation.`,
        fix: `Remove ${value.name} from ${context.settingsPath} (rotate it if the file was ever shared); use an AWS profile (AWS_PROFILE) or your shell instead.`
      })
      continue
    }
    if (value.name === 'CLAUDE_CODE_USE_BEDROCK' && value.value !== '1') {
      conflicts.push({
        name: value.name,
        problem: `CLAUDE_CODE_USE_BEDROCK is "${value.value}" ${place}: Claude Code will not use Bedrock.`,
        fix: `Set CLAUDE_CODE_USE_BEDROCK=1 ${place}, or run with --write-settings.`
      })
    }
    if (
      value.name === 'AWS_PROFILE' &&
      context.profile !== undefined &&
      value.value !== context.profile
    ) {
      conflicts.push({
        name: value.name,
        problem: `AWS_PROFILE is ${value.value} ${place}, but the checks used profile ${context.profile}: Claude Code will sign in as another identity than the one verified.`,
        fix: `Run the doctor with --profile ${value.value}, or set AWS_PROFILE=${context.profile} (--write-settings does).`
      })
    }
    if (value.name === 'AWS_REGION' && value.value !== context.region) {
      conflicts.push({
        name: value.name,
        problem: `AWS_REGION is ${value.value} ${place}, but the checks ran in ${context.region}.`,
        fix: `Run the doctor with --region ${value.value}, or set AWS_REGION=${context.region}.`
      })
    }
    if (!(MODEL_VARIABLES as readonly string[]).includes(value.name)) continue
    const id = value.value.replace(/\[1m\]$/i, '')
    const prefix = profilePrefixOf(id)
    if (prefix !== undefined && prefix !== 'global' && prefix !== regionPrefix) {
      conflicts.push({
        name: value.name,
        problem: `${value.name} is a \`${prefix}.\` inference profile ${place}, but ${context.region} serves \`${regionPrefix}.\` profiles: requests fail, or leave the region's geography.`,
        fix: suggestion(value.name)
      })
      continue
    }
    if (id.startsWith('arn:')) continue
    if (context.offered(id) === false) {
      conflicts.push({
        name: value.name,
        problem: `${value.name}=${value.value} ${place} is not a model or inference profile Bedrock offers in ${context.region}.`,
        fix: suggestion(value.name)
      })
    }
  }
  conflicts.push(
    ...routingConflicts(routing, context.routing, {
      option: (input, value) => `--${input} ${value}`,
      input: (input) => (input === 'bedrock-api-key' ? 'AWS_BEARER_TOKEN_BEDROCK' : `--${input}`),
      where: (value) => where(value, context.settingsPath),
      remove: (value) => `Remove ${value.name} ${where(value, context.settingsPath)}`
    })
  )
  if (!values.some((value) => value.name === 'CLAUDE_CODE_USE_BEDROCK')) {
    conflicts.push({
      name: 'CLAUDE_CODE_USE_BEDROCK',
      problem:
        'CLAUDE_CODE_USE_BEDROCK is not set: Claude Code uses the Anthropic API, not Bedrock.',
      fix: 'Set CLAUDE_CODE_USE_BEDROCK=1 in your shell or settings, or run with --write-settings.'
    })
  }
  for (const name of context.pinFamilies ? FAMILY_VARIABLES : []) {
    // The deprecated name still pins the Haiku slot.
    const names = name.includes('HAIKU') ? [name, 'ANTHROPIC_SMALL_FAST_MODEL'] : [name]
    if (values.some((value) => names.includes(value.name))) continue
    const verified = context.verified[name]
    conflicts.push({
      name,
      fix:
        verified !== undefined
          ? `Set ${name}=${verified} (${context.verifiedHow}), or run with --write-settings.`
          : `No ${familyOf(name)} model could be pinned in ${context.region} (the checks above say why: permission, region or geography, account access or quota); set ${name} to a model you may call there.`,
      problem: `${name} is not set: \`/model\` and subagents that ask for this family get Claude Code's built-in id, which nobody verified for you.`
    })
  }
  return conflicts
}
