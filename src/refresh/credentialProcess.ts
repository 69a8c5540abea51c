import { createAwsClients } from '../aws/clients.js'
import { requestGitHubIdToken } from '../aws/githubIdToken.js'
import { timeoutsFromEnv } from '../aws/timeouts.js'
import { DEFAULT_RETRY_BUDGET } from '../aws/retryPolicy.js'
import { oidcCredentialSource } from '../credentials/assumeRoleWithOidc.js'
import { CredentialError } from '../credentials/credentialError.js'
import type { AwsCredentials } from '../credentials/types.js'
import type { Config } from '../inputs/config.js'
import { InputError } from '../inputs/inputError.js'
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
  HELP,
  parseCredentialProcessArgs,
  USAGE,
  UsageError,
  wantsHelp
} from './credentialProcessArgs.js'
import { configFromInputs, readRefreshSettings, SettingsError } from './refreshSettings.js'

/** stdout carries the credentials JSON and nothing else; every message goes to stderr. */
export interface CredentialProcessIo {
  readonly stdout: (text: string) => void
  readonly stderr: (text: string) => void
  readonly now: () => number
}

const defaultIo: CredentialProcessIo = {
  stdout: (text) => process.stdout.write(text),
  stderr: (text) => process.stderr.write(text),
  now: Date.now
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
 * step, renewed with a fresh GitHub OIDC token when the cached ones are near expiry. Returns the
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

  let config: Config
  let cachePath: string | undefined
  let format
  try {
    const args = parseCredentialProcessArgs(argv)
    const settings = args.settings !== undefined ? readRefreshSettings(args.settings) : undefined
    config = configFromInputs({ ...settings?.inputs, ...args.inputs }, env)
    cachePath = args.noCache ? undefined : (args.cache ?? settings?.cache)
    format = args.format
  } catch (error) {
    if (error instanceof UsageError) return fail(`${error.message}\n${USAGE}`, 2)
    if (error instanceof SettingsError || error instanceof InputError) return fail(error.message, 2)
    throw error
  }
  if (config.roleToAssume === undefined)
    return fail(`no role to assume: give --role-arn or a settings file\n${USAGE}`, 2)

  const key = cacheKey(config)
  const cached = cachePath !== undefined ? readCache(cachePath, key) : undefined
  const print = (credentials: AwsCredentials): number => {
    io.stdout(`${credentialJson(credentials, format)}\n`)
    return 0
  }
  if (cached !== undefined && isReusable(cached, io.now())) return print(cached.credentials)

  try {
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
    const { cause, fix } = explain(error)
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
  const missing = ['ACTIONS_ID_TOKEN_REQUEST_URL', 'ACTIONS_ID_TOKEN_REQUEST_TOKEN'].filter(
    (name) => (env[name] ?? '') === ''
  )
  if (missing.length > 0) {
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
    const obtained = await oidcCredentialSource({
      config,
      env,
      sts: clients.sts,
      // Not @actions/core's getIDToken: it writes workflow commands to stdout, which must carry the JSON alone.
      getIdToken: (audience) => requestGitHubIdToken(audience, env, { timeouts }),
      // Nothing to mask with: stdout belongs to the consumer, and the runner never sees it.
      setSecret: () => undefined,
      sleep: (ms) => new Promise((resolve) => setTimeout(resolve, ms))
    }).obtain()
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
  return error instanceof Error ? error.message : String(error)
}

/** Entry point of `node dist/index.js credential-process`: the process environment, the exit code. */
export async function credentialProcessMain(argv: readonly string[]): Promise<void> {
  // The helper needs no ambient credentials; without our profile it can never start itself again.
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
