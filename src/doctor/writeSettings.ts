import { copyFileSync, mkdirSync, renameSync, writeFileSync } from 'node:fs'
import path from 'node:path'
import type { ExportedVariable } from '../report/types.js'
import type { ClaudeSettings } from './claudeSettings.js'

/**
 * Variables that carry a credential. Settings files are plain text that people sync, share and
 * commit; a key there outlives its rotation and leaks with the file. Claude Code gets credentials
 * from the AWS profile (AWS_PROFILE, renewed by `awsAuthRefresh`) or from the shell instead.
 */
export const CREDENTIAL_VARIABLES = [
  'AWS_ACCESS_KEY_ID',
  'AWS_SECRET_ACCESS_KEY',
  'AWS_SESSION_TOKEN',
  'AWS_BEARER_TOKEN_BEDROCK'
] as const

const isCredential = (name: string): boolean =>
  (CREDENTIAL_VARIABLES as readonly string[]).includes(name)

export interface SettingsChange {
  readonly name: string
  readonly before?: string
  readonly after?: string
}

export interface SettingsPlan {
  /** The whole object to write: every key of the old file kept. */
  readonly data: Record<string, unknown>
  readonly changes: readonly SettingsChange[]
  /** Credential variables left out, and any found already in the file, with what to do instead. */
  readonly refused: readonly string[]
}

export interface SettingsPlanInput {
  readonly settings: ClaudeSettings
  /** What the checks verified (the report's exports). Secrets are never written. */
  readonly verified: readonly ExportedVariable[]
  /** The AWS profile the checks used, written as AWS_PROFILE. */
  readonly profile?: string
  /** For an SSO profile: the command Claude Code runs when the session has expired. */
  readonly awsAuthRefresh?: string
}

/**
 * The new settings: the verified variables merged into `env` (others kept), AWS_PROFILE and, for
 * SSO, `awsAuthRefresh`. Credentials are never written, and ones already in the file are reported.
 */
export function planSettings(input: SettingsPlanInput): SettingsPlan {
  const { settings } = input
  const env: Record<string, unknown> = { ...((settings.data.env as Record<string, unknown>) ?? {}) }
  const changes: SettingsChange[] = []
  const refused: string[] = []
  const set = (name: string, value: string): void => {
    const before = typeof env[name] === 'string' ? (env[name] as string) : undefined
    if (before === value) return
    env[name] = value
    changes.push({ name, ...(before !== undefined ? { before } : {}), after: value })
  }
  for (const variable of input.verified) {
    if (variable.secret || isCredential(variable.name)) {
      refused.push(
        `${variable.name} was not written: a credential does not belong in a settings file. ` +
          (variable.name === 'AWS_BEARER_TOKEN_BEDROCK'
            ? 'Export it in your shell from your secret store (or use an AWS profile instead of an API key).'
            : 'Claude Code reads the AWS profile instead (AWS_PROFILE).')
      )
      continue
    }
    set(variable.name, variable.value)
  }
  if (input.profile !== undefined) set('AWS_PROFILE', input.profile)
  for (const name of CREDENTIAL_VARIABLES) {
    if (env[name] !== undefined) {
      refused.push(
        `${settings.path} already holds ${name}: remove it (and rotate it if the file was ever shared); this run leaves it as it is.`
      )
    }
  }
  const data: Record<string, unknown> = { ...settings.data, env }
  // A sign-in command for another profile than the one now written would sign in the wrong identity.
  const stale =
    input.awsAuthRefresh === undefined &&
    input.profile !== undefined &&
    typeof data.awsAuthRefresh === 'string' &&
    !data.awsAuthRefresh.includes(`--profile ${input.profile}`)
  if (stale) {
    changes.push({ name: 'awsAuthRefresh', before: data.awsAuthRefresh as string })
    delete data.awsAuthRefresh
  }
  if (input.awsAuthRefresh !== undefined && data.awsAuthRefresh !== input.awsAuthRefresh) {
    const before = typeof data.awsAuthRefresh === 'string' ? data.awsAuthRefresh : undefined
    data.awsAuthRefresh = input.awsAuthRefresh
    changes.push({
      name: 'awsAuthRefresh',
      ...(before !== undefined ? { before } : {}),
      after: input.awsAuthRefresh
    })
  }
  return { data, changes, refused }
}

/** The change as a diff a person reads: `+` added, `-`/`+` replaced. */
export function renderSettingsDiff(plan: SettingsPlan): string[] {
  if (plan.changes.length === 0) return ['  (no change)']
  return plan.changes.flatMap((change) => [
    ...(change.before !== undefined ? [`- ${change.name}=${change.before}`] : []),
    ...(change.after !== undefined ? [`+ ${change.name}=${change.after}`] : [])
  ])
}

/**
 * Writes the plan: a backup of the old file next to it (`settings.json.bak`), then the new file
 * through a temporary one renamed over it, so a crash never leaves half a file. Returns the
 * backup's path, if there was a file to back up.
 */
export function writeSettingsFile(
  settings: ClaudeSettings,
  plan: SettingsPlan
): string | undefined {
  mkdirSync(path.dirname(settings.path), { recursive: true })
  let backup: string | undefined
  if (settings.exists) {
    backup = `${settings.path}.bak`
    copyFileSync(settings.path, backup)
  }
  const temporary = `${settings.path}.${process.pid}.tmp`
  writeFileSync(temporary, `${JSON.stringify(plan.data, null, 2)}\n`, { mode: 0o600 })
  renameSync(temporary, settings.path)
  return backup
}
