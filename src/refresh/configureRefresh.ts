import { existsSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs'
import { homedir, tmpdir } from 'node:os'
import path from 'node:path'
import { assumedByThisAction, type ObtainedCredentials } from '../credentials/types.js'
import type { Config } from '../inputs/config.js'
import type { ExportedVariable } from '../report/types.js'
import { commandLine, mergeAwsConfig, REFRESH_PROFILE } from './awsConfigFile.js'
import { cacheKey, writeCache } from './credentialCache.js'
import { settingsFromConfig, writeRefreshSettings } from './refreshSettings.js'

export interface RefreshOptions {
  readonly env: NodeJS.ProcessEnv
  /** Node that runs the helper: the runner's own node, which exists for the whole job. */
  readonly nodePath?: string
  /** The bundle with the `credential-process` command (dist/index.js, i.e. this process's script). */
  readonly scriptPath?: string
  readonly now?: () => number
}

export interface RefreshSetup {
  readonly variables: ExportedVariable[]
  /** Files written, all under RUNNER_TEMP (which the runner deletes after the job). */
  readonly files: string[]
  /** Lines for the log: what later steps get and what they do not. */
  readonly notes: string[]
}

/**
 * Refresh applies to role sessions this action assumed (GitHub OIDC, a token file, role chaining)
 * and hands to later steps; the user's own credentials (an earlier step, an instance role) renew
 * themselves or not as they are.
 */
export function refreshApplies(
  enabled: boolean,
  config: Config,
  obtained: ObtainedCredentials | undefined
): boolean {
  return (
    enabled &&
    config.exportCredentials &&
    assumedByThisAction(obtained?.origin) &&
    obtained?.credentials.expiration !== undefined
  )
}

/**
 * Why later steps could not assume the role again, when they could not: role chaining from key
 * variables, which later steps no longer have as the runner's (this action's exports replace them,
 * or they were only in the setup step's `env:`). Undefined when renewal works.
 */
export function renewalObstacle(obtained: ObtainedCredentials): string | undefined {
  if (obtained.origin !== 'role-chaining' || obtained.runner?.kind !== 'key-variables')
    return undefined
  return "the runner's credentials that signed AssumeRole are the key variables AWS_ACCESS_KEY_ID / AWS_SECRET_ACCESS_KEY, which later steps hold as the role's session instead (this action exports those), so a later step has nothing of the runner's to assume the role again with"
}

/** How the helper gets each renewed session, for the log. */
function renewalMethod(config: Config, obtained: ObtainedCredentials): string {
  switch (obtained.origin) {
    case 'web-identity-file':
      return `assumes ${config.roleToAssume ?? ''} again with the token it re-reads from ${config.webIdentityTokenFile ?? 'web-identity-token-file'} (its issuer rotates that file)`
    case 'role-chaining':
      return `assumes ${config.roleToAssume ?? ''} again with AssumeRole signed by the runner's own credentials (${obtained.runner?.label ?? "the SDK's default chain"}, which the SDK renews itself)`
    default:
      return `assumes ${config.roleToAssume ?? ''} again with a fresh GitHub OIDC token`
  }
}

/**
 * Sets up credentials that renew themselves for later steps: a settings file for the helper, the
 * helper's cache seeded with the credentials just obtained, and a copy of the user's AWS config with
 * a `credential_process` profile. Returns AWS_CONFIG_FILE and AWS_PROFILE to export. Nothing of the
 * user's is modified, and no Claude Code settings are written: AWS_PROFILE is what makes Claude Code
 * renew before expiry (docs/long-running-jobs-evidence.md).
 */
export async function configureRefresh(
  config: Config,
  obtained: ObtainedCredentials,
  options: RefreshOptions
): Promise<RefreshSetup> {
  const { env } = options
  const expiration = obtained.credentials.expiration
  if (config.roleToAssume === undefined || expiration === undefined) {
    throw new Error('configureRefresh needs credentials assumed with role-to-assume')
  }
  const dir = mkdtempSync(path.join(nonEmpty(env.RUNNER_TEMP) ?? tmpdir(), 'setup-claude-bedrock-'))
  const settingsFile = path.join(dir, 'refresh.json')
  const cacheFile = path.join(dir, 'credentials.json')
  const configFile = path.join(dir, 'aws-config')

  writeRefreshSettings(
    settingsFile,
    settingsFromConfig(config, cacheFile, runnerProfileFor(obtained, options.env))
  )
  writeCache(cacheFile, cacheKey(config), {
    credentials: { ...obtained.credentials, expiration },
    obtainedAt: new Date((options.now ?? Date.now)())
  })

  const userConfig = userAwsConfigPath(env)
  const existing =
    userConfig !== undefined && existsSync(userConfig) ? readFileSync(userConfig, 'utf8') : ''
  const command = commandLine([
    options.nodePath ?? process.execPath,
    options.scriptPath ?? process.argv[1] ?? '',
    'credential-process',
    '--settings',
    settingsFile
  ])
  const merged = mergeAwsConfig(existing, {
    name: REFRESH_PROFILE,
    region: config.region,
    credentialProcess: command
  })
  writeFileSync(configFile, merged.text, { encoding: 'utf8', mode: 0o600 })

  const notes = [
    `Credentials renew themselves for later steps: AWS_PROFILE=${REFRESH_PROFILE} in AWS_CONFIG_FILE=${configFile} runs this action's credential helper, which ${renewalMethod(config, obtained)} before the session ends.`,
    'Claude Code and other AWS SDK for JavaScript v3 tools use the profile. AWS_ACCESS_KEY_ID, AWS_SECRET_ACCESS_KEY and AWS_SESSION_TOKEN stay exported for tools that require them (anthropics/claude-code-action checks for them); tools that prefer them over AWS_PROFILE (AWS CLI, Python, Go) keep the first session, valid until ' +
      `${expiration.toISOString()}.`,
    ...(obtained.origin === 'oidc'
      ? [
          "anthropics/claude-code-action removes the OIDC variables from Claude Code's environment, so there the first session is all there is: raise role-duration-seconds to cover the job."
        ]
      : [])
  ]
  if (userConfig !== undefined && existing !== '')
    notes.push(`Your AWS config (${userConfig}) was copied, not modified.`)
  if (merged.replaced)
    notes.push(`The profile ${REFRESH_PROFILE} of an earlier setup in this job was replaced.`)

  return {
    variables: [
      { name: 'AWS_CONFIG_FILE', value: configFile, secret: false },
      { name: 'AWS_PROFILE', value: REFRESH_PROFILE, secret: false }
    ],
    files: [settingsFile, cacheFile, configFile],
    notes
  }
}

/**
 * The profile the runner's credentials came from, for the helper to use again: later steps see
 * AWS_PROFILE as the renewing profile, and the copied config keeps the runner's profiles. Never
 * the renewing profile itself (the helper would start itself).
 */
function runnerProfileFor(
  obtained: ObtainedCredentials,
  env: NodeJS.ProcessEnv
): string | undefined {
  if (obtained.runner?.kind !== 'profile') return undefined
  const profile = obtained.runner.profile ?? nonEmpty(env.AWS_PROFILE)
  return profile === REFRESH_PROFILE ? undefined : profile
}

/** Where the SDKs read the config from now: AWS_CONFIG_FILE, else ~/.aws/config. */
function userAwsConfigPath(env: NodeJS.ProcessEnv): string | undefined {
  const explicit = nonEmpty(env.AWS_CONFIG_FILE)
  if (explicit !== undefined) return explicit
  const home = nonEmpty(env.HOME) ?? nonEmpty(env.USERPROFILE) ?? homedir()
  return home === '' ? undefined : path.join(home, '.aws', 'config')
}

function nonEmpty(value: string | undefined): string | undefined {
  return value === undefined || value.trim() === '' ? undefined : value
}
