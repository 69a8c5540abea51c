import type { Config } from '../inputs/config.js'
import type { CheckResult } from '../report/types.js'
import { oidcCredentialSource, type OidcDependencies } from './assumeRoleWithOidc.js'
import { CredentialError } from './credentialError.js'
import { environmentCredentialSource } from './environmentCredentials.js'
import type { CredentialSource, ObtainedCredentials } from './types.js'

export interface CredentialDependencies extends OidcDependencies {
  /**
   * The credentials this machine already has, used when no role is to be assumed. Default: the
   * SDK's chain as the STS client resolves it (a runner's earlier configure-aws-credentials step,
   * an instance role); `doctor` passes a person's profile chain with its own diagnoses.
   */
  readonly ambient?: CredentialSource
}

export interface CredentialOutcome {
  readonly source: 'oidc' | 'environment' | 'api-key'
  readonly obtained?: ObtainedCredentials
  readonly check: CheckResult
}

/** Variables that say AWS credentials are configured for the SDK's chain, short of probing instance metadata. */
const CREDENTIAL_HINTS = [
  'AWS_ACCESS_KEY_ID',
  'AWS_PROFILE',
  'AWS_WEB_IDENTITY_TOKEN_FILE',
  'AWS_CONTAINER_CREDENTIALS_FULL_URI',
  'AWS_CONTAINER_CREDENTIALS_RELATIVE_URI'
]

/**
 * Sources in the contract's order: role-to-assume (OIDC); else credentials already in the
 * environment. A Bedrock API key alone needs no AWS credentials, so then the environment is only
 * used when something in it says credentials are there (no slow metadata probe).
 */
export async function obtainCredentials(deps: CredentialDependencies): Promise<CredentialOutcome> {
  const { config, env } = deps
  const apiKeyOnly =
    config.roleToAssume === undefined &&
    config.bedrockApiKey !== undefined &&
    !CREDENTIAL_HINTS.some((name) => (env[name] ?? '') !== '')
  if (apiKeyOnly) {
    return {
      source: 'api-key',
      check: {
        id: 'credentials',
        title: 'Credentials',
        status: 'pass',
        detail: 'Bedrock API key (no AWS credentials needed; Bedrock calls use the key).'
      }
    }
  }

  const source =
    config.roleToAssume !== undefined
      ? oidcCredentialSource(deps)
      : (deps.ambient ?? environmentCredentialSource(config, deps.sts, deps.setSecret))
  try {
    const obtained = await source.obtain()
    return { source: source.origin, obtained, check: credentialCheck(obtained, config) }
  } catch (error) {
    if (!(error instanceof CredentialError)) throw error
    const { diagnosis } = error
    return {
      source: source.origin,
      check: {
        id: 'credentials',
        title: 'Credentials',
        status: 'fail',
        detail:
          source.origin === 'oidc'
            ? `Could not assume ${config.roleToAssume ?? ''} with the GitHub OIDC token.`
            : 'No usable AWS credentials in the environment.',
        cause: diagnosis.cause,
        fix: diagnosis.fix,
        ...(diagnosis.awsError !== undefined ? { awsError: diagnosis.awsError } : {})
      }
    }
  }
}

/** Below this, a session is likely to end inside the agent step that follows. */
const SHORT_SESSION_MS = 15 * 60 * 1000

function credentialCheck(
  obtained: ObtainedCredentials,
  config: Config,
  now = Date.now()
): CheckResult {
  const expiry = obtained.credentials.expiration
  const until = expiry !== undefined ? `, valid until ${expiry.toISOString()}` : ''
  const detail =
    obtained.origin === 'oidc'
      ? `Assumed ${config.roleToAssume ?? ''} with GitHub OIDC (session ${config.roleSessionName}${until}).`
      : `Using the AWS credentials already in the environment${until}.`
  const left = expiry === undefined ? Infinity : expiry.getTime() - now
  if (left >= SHORT_SESSION_MS)
    return { id: 'credentials', title: 'Credentials', status: 'pass', detail }
  const minutes = Math.max(0, Math.floor(left / 60_000))
  return {
    id: 'credentials',
    title: 'Credentials',
    status: 'warn',
    detail,
    cause: `The session ends in ${minutes} min (${Math.max(0, Math.round(left / 1000))} s): a longer agent step will fail with ExpiredTokenException.`,
    fix:
      obtained.origin === 'oidc'
        ? `Raise \`role-duration-seconds\` (now ${config.roleDurationSeconds}) up to the role's MaxSessionDuration (\`aws iam update-role --role-name NAME --max-session-duration 43200\`); role chaining caps sessions at 1 hour. Keep \`refresh-credentials: true\` so \`run: claude\` steps renew the session themselves.`
        : 'Refresh the credentials before this step (e.g. run configure-aws-credentials with a longer `role-duration-seconds`), or use `role-to-assume` here so this action can set up renewing credentials.'
  }
}
