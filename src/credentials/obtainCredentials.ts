import type { Config } from '../inputs/config.js'
import { joinFixText } from '../report/fixText.js'
import type { CheckResult } from '../report/types.js'
import { chainingCredentialSource } from './assumeRoleChained.js'
import { oidcCredentialSource, type OidcDependencies } from './assumeRoleWithOidc.js'
import { tokenFileCredentialSource } from './assumeRoleWithTokenFile.js'
import { CredentialError } from './credentialError.js'
import { environmentCredentialSource } from './environmentCredentials.js'
import { CHAINED_SESSION_MAX_SECONDS } from './runnerCredentials.js'
import type { CredentialOrigin, CredentialSource, ObtainedCredentials } from './types.js'

export interface CredentialDependencies extends OidcDependencies {
  /**
   * The credentials this machine already has, used when no role is to be assumed. Default: the
   * SDK's chain as the STS client resolves it (a runner's earlier configure-aws-credentials step,
   * an instance role); `doctor` passes a person's profile chain with its own diagnoses.
   */
  readonly ambient?: CredentialSource
}

export interface CredentialOutcome {
  readonly source: CredentialOrigin | 'api-key'
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

  const source = chooseSource(deps)
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
          source.origin === 'environment'
            ? 'No usable AWS credentials in the environment.'
            : `Could not assume ${config.roleToAssume ?? ''} ${HOW[source.origin]}, chosen because ${config.roleSource?.reason ?? 'role-to-assume is set'}.`,
        cause: diagnosis.cause,
        fix: diagnosis.fix,
        ...(diagnosis.awsError !== undefined ? { awsError: diagnosis.awsError } : {})
      }
    }
  }
}

/** The source `config.roleSource` decided on (see inputs/roleSource.ts); else the environment's. */
function chooseSource(deps: CredentialDependencies): CredentialSource {
  const { config } = deps
  switch (config.roleSource?.kind) {
    case 'github-oidc':
      return oidcCredentialSource(deps)
    case 'web-identity-file':
      return tokenFileCredentialSource(deps)
    case 'role-chaining':
      return chainingCredentialSource(deps)
    case undefined:
      return deps.ambient ?? environmentCredentialSource(config, deps.sts, deps.setSecret)
  }
}

/** How each assumed source got the session, for the credentials line. */
const HOW: Readonly<Record<Exclude<CredentialOrigin, 'environment'>, string>> = {
  oidc: 'with the GitHub OIDC token (AssumeRoleWithWebIdentity)',
  'web-identity-file': 'with the token in web-identity-token-file (AssumeRoleWithWebIdentity)',
  'role-chaining': "by role chaining (AssumeRole with the runner's own credentials)"
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
    obtained.origin === 'environment'
      ? `Using ${obtained.runner?.label ?? 'the AWS credentials already in the environment'}${until}.`
      : `Assumed ${config.roleToAssume ?? ''} ${HOW[obtained.origin]}${signedBy(obtained)}, because ${config.roleSource?.reason ?? 'role-to-assume is set'}. Session ${config.roleSessionName}${until}.`
  const notices = [shortSession(obtained, config, now), chainingCap(obtained, config)].filter(
    (notice): notice is Notice => notice !== undefined
  )
  if (notices.length === 0)
    return { id: 'credentials', title: 'Credentials', status: 'pass', detail }
  return {
    id: 'credentials',
    title: 'Credentials',
    status: 'warn',
    detail,
    cause: joinFixText(notices.map((n) => n.cause)),
    fix: joinFixText(
      notices.map((n) => n.fix),
      '\n'
    )
  }
}

interface Notice {
  readonly cause: string
  readonly fix: string
}

function signedBy(obtained: ObtainedCredentials): string {
  return obtained.runner !== undefined ? `, signed with ${obtained.runner.label}` : ''
}

function shortSession(
  obtained: ObtainedCredentials,
  config: Config,
  now: number
): Notice | undefined {
  const expiry = obtained.credentials.expiration
  const left = expiry === undefined ? Infinity : expiry.getTime() - now
  if (left >= SHORT_SESSION_MS) return undefined
  const seconds = Math.max(0, Math.round(left / 1000))
  // "in 3 s", "in 14 min": never "0 min (3 s)".
  const remaining = seconds < 120 ? `${seconds} s` : `${Math.floor(seconds / 60)} min`
  return {
    cause: `The session ends in ${remaining}: a longer agent step will fail with ExpiredTokenException.`,
    fix:
      obtained.origin === 'environment'
        ? 'Refresh the credentials before this step (e.g. run configure-aws-credentials with a longer `role-duration-seconds`), or use `role-to-assume` here so this action can set up renewing credentials.'
        : `Raise \`role-duration-seconds\` (now ${config.roleDurationSeconds}) up to the role's MaxSessionDuration (\`aws iam update-role --role-name NAME --max-session-duration 43200\`); role chaining caps sessions at 1 hour. Keep \`refresh-credentials: true\` so \`run: claude\` steps renew the session themselves.`
  }
}

/**
 * Said before STS would refuse it: a chained session lasts at most an hour, so a longer
 * role-duration-seconds was asked as 3600 s instead of failing with an opaque ValidationError.
 */
function chainingCap(obtained: ObtainedCredentials, config: Config): Notice | undefined {
  if (obtained.durationSeconds === undefined) return undefined
  return {
    cause: `role-duration-seconds is ${config.roleDurationSeconds}, but AWS limits a session assumed by role chaining (AssumeRole from temporary credentials, here ${obtained.runner?.label ?? "the runner's"}) to ${CHAINED_SESSION_MAX_SECONDS} s, so the session was requested for ${obtained.durationSeconds} s.`,
    fix: `Set \`role-duration-seconds: ${CHAINED_SESSION_MAX_SECONDS}\` (or less) to acknowledge the limit. Longer jobs keep working: with \`refresh-credentials: true\` later steps assume the role again from the runner's credentials before the hour ends. Only long-term IAM user keys may chain into a longer session.`
  }
}
