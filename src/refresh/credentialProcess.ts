import { createAwsClients } from '../aws/clients.js'
import { spellInputError, spellInputs } from '../cli/inputSpelling.js'
import { requestGitHubIdToken } from '../aws/githubIdToken.js'
import { timeoutsFromEnv } from '../aws/timeouts.js'
import { DEFAULT_RETRY_BUDGET } from '../aws/retryPolicy.js'
import { chainingCredentialSource } from '../credentials/assumeRoleChained.js'
import { oidcCredentialSource } from '../credentials/assumeRoleWithOidc.js'
import { tokenFileCredentialSource } from '../credentials/assumeRoleWithTokenFile.js'
import { CredentialError } from '../credentials/credentialError.js'
import type { AwsCredentials } from '../credentials/types.js'
import type { Config } from '../inputs/config.js'
import { InputError } from '../inputs/inputError.js'
import { OIDC_REQUEST_VARIABLES } from '../inputs/roleSource.js'
import {
  cacheKey,
  isReusable,
  isStillValid,
  readCache,
  writeCache,
  type CachedCredentials
} from './credentialCache.js'
import { credentialJson } from './credentialJson.js'
import {
  credentialProcessSpelling,
  HELP,
  parseCredentialProcessArgs,
  type CredentialProcessArgs,
  USAGE,
  UsageError,
  wantsHelp
} from './credentialProcessArgs.js'
import { configFromInputs, readRefreshSettings, SettingsError } from './refreshSettings.js'
import { errorText } from '../diagnosis/errorText.js'

/** stdout carries the credentials JSON and nothing else; every message goes to stderr. */
export interface CredentialProcessIo {
  readonly stdout: (text: string) => void
  readonly stderr: (text: string) => void
  readonly now: () => number
  /**
   * The environment the SDK's default chain reads (it reads `process.env`, not a parameter): role
   * chaining points it at the runner's own credentials before assuming the role again.
   */
  readonly chainEnv?: NodeJS.ProcessEnv
}

const defaultIo: CredentialProcessIo = {
  stdout: (text) => process.stdout.write(text),
  stderr: (text) => process.stderr.write(text),
  now: Date.now,
  chainEnv: process.env
}

/** The variables this action exports for later steps that the SDK's chain would take as the runner's. */
const EXPORTED_KEY_VARIABLES = [
  'AWS_ACCESS_KEY_ID',
  'AWS_SECRET_ACCESS_KEY',
  'AWS_SESSION_TOKEN',
  'AWS_CREDENTIAL_EXPIRATION'
] as const

/**
 * Role chaining from a later step: the key variables there hold the role's session this action
 * exported (the runner's were never keys, or renewal would be off), and AWS_PROFILE names the
 * renewing profile; so drop the keys and use the runner's own profile, if it had one.
 */
export function useRunnerCredentials(
  chainEnv: NodeJS.ProcessEnv,
  profile: string | undefined
): void {
  for (const name of EXPORTED_KEY_VARIABLES) delete chainEnv[name]
  if (profile !== undefined) chainEnv.AWS_PROFILE = profile
  else delete chainEnv.AWS_PROFILE
}

/** Set in the helper's own environment: a helper that finds it was started by itself stops. */
export const NESTED_MARKER = 'SETUP_CLAUDE_BEDROCK_CREDENTIAL_PROCESS'

/** A credential process may be waited on by an agent's request: a bounded, short total time. */
const RUN_BUDGET_MS = 60_000

const PREFIX = 'setup-claude-bedrock credential-process'

const MISSING_OIDC_CAUSE =
  'cannot renew the AWS credentials: this process has no GitHub OIDC token request variables (ACTIONS_ID_TOKEN_REQUEST_URL, ACTIONS_ID_TOKEN_REQUEST_TOKEN).'
const MISSING_OIDC_FIX = [
  'The job needs `permissions: id-token: write` (never granted to pull requests from forks or Dependabot).',
  "anthropics/claude-code-action removes these variables from Claude Code's environment on purpose; there the",
  "credentials of the setup step are used until they expire: raise `role-duration-seconds` (up to the role's",
  'maximum session duration, at most 43200) so one session covers the job.'
].join('\n')

/**
 * `node dist/index.js credential-process ...`: prints AWS credentials for the role of the setup
 * step, renewed the way the setup step got them (a fresh GitHub OIDC token, the token file read
 * again, or AssumeRole from the runner's own credentials) when the cached ones are near expiry. Returns the
 * exit code: 0 with JSON on stdout, 1 when no credentials could be had, 2 on a usage error.
 */
export async function runCredentialProcess(
  argv: readonly string[],
  env: NodeJS.ProcessEnv,
  io: CredentialProcessIo = defaultIo
): Promise<number> {
  const fail = (message: string, code: number): number => {
    io.stderr(`${PREFIX}: ${message}\n`)
    return code
  }
  if (wantsHelp(argv)) {
    io.stdout(`${HELP}\n`)
    return 0
  }
  if (env[NESTED_MARKER] === '1') {
    return fail(
      'started by itself (a profile with this credential_process is in use while assuming the role); stopping.',
      1
    )
  }

  let args: CredentialProcessArgs
  try {
    args = parseCredentialProcessArgs(argv)
  } catch (error) {
    if (error instanceof UsageError) return fail(`${error.message}\n${USAGE}`, 2)
    throw error
  }
  let config: Config
  let runner: { readonly profile?: string } | undefined
  let settingsCache: string | undefined
  try {
    const settings = args.settings !== undefined ? readRefreshSettings(args.settings) : undefined
    config = configFromInputs({ ...settings?.inputs, ...args.inputs }, env)
    runner = settings?.runner
    settingsCache = settings?.cache
  } catch (error) {
    if (error instanceof SettingsError) return fail(error.message, 2)
    // The engine names the action's inputs; this command's user typed flags.
    if (error instanceof InputError)
      return fail(spellInputError(error, credentialProcessSpelling(args.flags, 'flag')), 2)
    throw error
  }
  if (config.roleToAssume === undefined)
    return fail(`no role to assume: give --role-to-assume or a settings file\n${USAGE}`, 2)
  const cachePath = args.noCache ? undefined : (args.cache ?? settingsCache)
  const { format } = args

  const key = cacheKey(config)
  const cached = cachePath !== undefined ? readCache(cachePath, key) : undefined
  const print = (credentials: AwsCredentials): number => {
    io.stdout(`${credentialJson(credentials, format)}\n`)
    return 0
  }
  if (cached !== undefined && isReusable(cached, io.now())) return print(cached.credentials)

  try {
    if (config.roleSource?.kind === 'role-chaining' && runner !== undefined)
      useRunnerCredentials(io.chainEnv ?? process.env, runner.profile)
    const fresh = await assumeRoleAgain(config, env, io.now)
    if (cachePath !== undefined) {
      try {
        writeCache(cachePath, key, fresh)
      } catch (error) {
        io.stderr(
          `${PREFIX}: warning: could not cache the credentials (${describe(error)}); the next run assumes the role again.\n`
        )
      }
    }
    return print(fresh.credentials)
  } catch (error) {
    const explained = explain(error)
    const spell = credentialProcessSpelling(args.flags, 'input')
    const cause = spellInputs(explained.cause, spell)
    const fix = spellInputs(explained.fix, spell)
    if (cached !== undefined && isStillValid(cached, io.now())) {
      const until = cached.credentials.expiration.toISOString()
      io.stderr(
        `${PREFIX}: warning: ${cause}\nServing the cached credentials, valid until ${until}.\n${fix}\n`
      )
      return print(cached.credentials)
    }
    return fail(`${cause}\n${fix}`, 1)
  }
}

async function assumeRoleAgain(
  config: Config,
  env: NodeJS.ProcessEnv,
  now: () => number
): Promise<CachedCredentials> {
  const kind = config.roleSource?.kind
  const missing = OIDC_REQUEST_VARIABLES.filter((name) => (env[name] ?? '') === '')
  if (kind === 'github-oidc' && missing.length > 0) {
    throw new CredentialError({
      cause: MISSING_OIDC_CAUSE,
      fix: MISSING_OIDC_FIX,
      transient: false
    })
  }
  const obtainedAt = new Date(now())
  const timeouts = timeoutsFromEnv(env)
  const clients = createAwsClients({
    config,
    env,
    auth: {},
    retry: { ...DEFAULT_RETRY_BUDGET, runDeadline: now() + RUN_BUDGET_MS },
    timeouts
  })
  try {
    const deps = {
      config,
      env,
      sts: clients.sts,
      // Not @actions/core's getIDToken: it writes workflow commands to stdout, which must carry the JSON alone.
      getIdToken: (audience: string) => requestGitHubIdToken(audience, env, { timeouts }),
      // Nothing to mask with: stdout belongs to the consumer, and the runner never sees it.
      setSecret: () => undefined,
      sleep: (ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms))
    }
    const source =
      kind === 'role-chaining'
        ? chainingCredentialSource(deps)
        : kind === 'web-identity-file'
          ? tokenFileCredentialSource(deps)
          : oidcCredentialSource(deps)
    const obtained = await source.obtain()
    const { credentials } = obtained
    if (credentials.expiration === undefined)
      throw new Error('STS returned credentials without an expiration')
    return { credentials: { ...credentials, expiration: credentials.expiration }, obtainedAt }
  } finally {
    clients.destroy()
  }
}

function explain(error: unknown): { cause: string; fix: string } {
  if (error instanceof CredentialError)
    return { cause: error.diagnosis.cause, fix: error.diagnosis.fix }
  return {
    cause: `could not renew the AWS credentials: ${describe(error)}`,
    fix: 'Retry the step; if it keeps failing, run the setup step again with the same inputs to see the full diagnosis.'
  }
}

function describe(error: unknown): string {
  return errorText(error)
}

/** Entry point of `node dist/index.js credential-process`: the process environment, the exit code. */
export async function credentialProcessMain(argv: readonly string[]): Promise<void> {
  // Without our profile the helper can never start itself again. Role chaining needs the runner's
  // own credentials: useRunnerCredentials sets the runner's profile back (never ours).
  delete process.env.AWS_PROFILE
  const env = { ...process.env }
  process.env[NESTED_MARKER] = '1'
  try {
    process.exitCode = await runCredentialProcess(argv, env)
  } catch (error) {
    process.stderr.write(`${PREFIX}: unexpected failure: ${describe(error)}\n`)
    process.exitCode = 1
  }
}
