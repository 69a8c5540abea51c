import { readFileSync, writeFileSync } from 'node:fs'
import type { Config } from '../inputs/config.js'
import { readConfig } from '../inputs/readConfig.js'
import { errorText } from '../diagnosis/errorText.js'

/**
 * What the credential helper needs to assume the role again, written once at setup time. It holds
 * the action inputs themselves (kebab-case names), so the helper validates and interprets them with
 * the same `readConfig` as the action and cannot drift from it. No secret is ever stored here.
 */
export interface RefreshSettings {
  readonly version: 1
  readonly inputs: Readonly<Record<string, string>>
  /** Where fresh credentials are cached between helper runs; absent = no cache. */
  readonly cache?: string
  /**
   * Role chaining only: the runner's own credentials sign AssumeRole again. Later steps hold this
   * action's exports (the role's keys, AWS_PROFILE of the renewing profile) where the runner's
   * may have been, so the helper drops the key variables and uses this profile (absent: none,
   * the SDK's chain goes on to token file, container and instance credentials).
   */
  readonly runner?: { readonly profile?: string }
}

/** The inputs the helper needs; everything else of Config keeps its default. */
export const CREDENTIAL_INPUTS = [
  'aws-region',
  'role-to-assume',
  'audience',
  'role-session-name',
  'role-duration-seconds',
  'role-chaining',
  'role-external-id',
  'web-identity-token-file',
  'sts-endpoint'
] as const

/**
 * The settings the helper needs to assume the role again the same way. The source is written
 * resolved (`role-chaining: true` or `false`), never `auto`: a later step's environment (e.g.
 * claude-code-action's, without the OIDC variables) must not switch the helper to another source.
 */
export function settingsFromConfig(
  config: Config,
  cache: string | undefined,
  runnerProfile?: string
): RefreshSettings {
  const inputs: Record<string, string> = {
    'aws-region': config.region,
    audience: config.audience,
    'role-session-name': config.roleSessionName,
    'role-duration-seconds': String(config.roleDurationSeconds)
  }
  if (config.roleToAssume !== undefined) inputs['role-to-assume'] = config.roleToAssume
  if (config.endpoints.sts !== undefined) inputs['sts-endpoint'] = config.endpoints.sts
  const kind = config.roleSource?.kind
  if (kind === 'role-chaining' || kind === 'github-oidc')
    inputs['role-chaining'] = kind === 'role-chaining' ? 'true' : 'false'
  if (config.roleExternalId !== undefined) inputs['role-external-id'] = config.roleExternalId
  if (config.webIdentityTokenFile !== undefined)
    inputs['web-identity-token-file'] = config.webIdentityTokenFile
  return {
    version: 1,
    inputs,
    ...(cache !== undefined ? { cache } : {}),
    ...(kind === 'role-chaining'
      ? { runner: runnerProfile !== undefined ? { profile: runnerProfile } : {} }
      : {})
  }
}

export function writeRefreshSettings(path: string, settings: RefreshSettings): void {
  writeFileSync(path, `${JSON.stringify(settings, null, 2)}\n`, { encoding: 'utf8', mode: 0o600 })
}

export class SettingsError extends Error {
  constructor(message: string) {
    super(message)
    this.name = 'SettingsError'
  }
}

export function readRefreshSettings(path: string): RefreshSettings {
  let parsed: unknown
  try {
    parsed = JSON.parse(readFileSync(path, 'utf8'))
  } catch (error) {
    const reason = errorText(error)
    throw new SettingsError(`Cannot read the settings file ${path}: ${reason}`)
  }
  if (
    typeof parsed !== 'object' ||
    parsed === null ||
    (parsed as { version?: unknown }).version !== 1
  ) {
    throw new SettingsError(
      `The settings file ${path} is not a version 1 settings file of setup-claude-bedrock`
    )
  }
  const { inputs, cache, runner } = parsed as {
    inputs?: unknown
    cache?: unknown
    runner?: unknown
  }
  const entries = typeof inputs === 'object' && inputs !== null ? Object.entries(inputs) : []
  const known = new Set<string>(CREDENTIAL_INPUTS)
  const clean: Record<string, string> = {}
  for (const [name, value] of entries) {
    if (known.has(name) && typeof value === 'string') clean[name] = value
  }
  const runnerProfile =
    typeof runner === 'object' && runner !== null
      ? (runner as { profile?: unknown }).profile
      : undefined
  return {
    version: 1,
    inputs: clean,
    ...(typeof cache === 'string' && cache !== '' ? { cache } : {}),
    ...(typeof runner === 'object' && runner !== null
      ? {
          runner:
            typeof runnerProfile === 'string' && runnerProfile !== ''
              ? { profile: runnerProfile }
              : {}
        }
      : {})
  }
}

/** The action's Config for these inputs, validated exactly as the action validates them. */
export function configFromInputs(
  inputs: Readonly<Record<string, string>>,
  env: NodeJS.ProcessEnv
): Config {
  return readConfig((name) => inputs[name] ?? '', env)
}
