import type { Recognizer } from './recognizer.js'
import type { DiagnosisContext } from './types.js'

const UNKNOWN_KEY = new Set(['UnrecognizedClientException', 'InvalidClientTokenId'])
const BAD_SIGNATURE = new Set(['InvalidSignatureException', 'SignatureDoesNotMatch'])
const EXPIRED = new Set(['ExpiredToken', 'ExpiredTokenException', 'RequestExpired'])
const NOTHING_SENT = new Set([
  'MissingAuthenticationToken',
  'MissingAuthenticationTokenException',
  'IncompleteSignature',
  'IncompleteSignatureException'
])

const STS_OPERATIONS = new Set(['AssumeRoleWithWebIdentity', 'AssumeRole', 'GetCallerIdentity'])
const CONTROL_PLANE_OPERATIONS = new Set([
  'ListFoundationModels',
  'GetFoundationModel',
  'GetFoundationModelAvailability',
  'ListInferenceProfiles',
  'GetInferenceProfile'
])

/** Whether the failed call carried the API key: STS never does; each Bedrock plane as the clients chose. */
function usesApiKey(ctx: DiagnosisContext): boolean {
  if (STS_OPERATIONS.has(ctx.operation)) return false
  if (ctx.authMethod !== undefined) return ctx.authMethod === 'api-key'
  const plane = CONTROL_PLANE_OPERATIONS.has(ctx.operation) ? 'controlPlane' : 'runtime'
  return ctx.bedrockAuth?.[plane] === 'api-key'
}

/**
 * Bedrock's own answers to a bearer token it does not take (403 bodies seen in public bug reports:
 * "Authentication failed: Please make sure your API Key is valid.", "Invalid API Key format: Must
 * start with pre-defined prefix"). They can only come from a Bearer request, whatever the code.
 */
const BEARER_INVALID = /Authentication failed: Please make sure your API Key is valid/i
const BEARER_FORMAT = /Invalid API Key format/i

const NEW_KEY =
  'Generate a new key (Bedrock console → API keys), store it as a repository or environment secret and pass it as `bedrock-api-key`; or use `role-to-assume`, which has nothing to expire or rotate.'

/** What the key's own form says could be wrong with it, most likely first. */
function keySuspects(ctx: DiagnosisContext): string {
  const form = ctx.apiKeyForm
  if (form?.kind === 'short-term') {
    return `this short-term key was made for ${form.region} and lasts until ${form.expiresAt.toISOString()} at the latest, but it ends sooner when the session that made it ends, and it stops working when that principal's credentials are revoked`
  }
  if (form?.kind === 'long-term') {
    return `this long-term key belongs to an IAM user of account ${form.accountId}: the key was deleted, deactivated or reached its expiry date, or its IAM user was deleted`
  }
  return 'the key is invalid, revoked or expired'
}

const apiKeyRejected: Recognizer = (info, ctx) => {
  const bearerMessage = BEARER_INVALID.test(info.message) || BEARER_FORMAT.test(info.message)
  const keyUsed = usesApiKey(ctx)
  if (
    !bearerMessage &&
    !(
      keyUsed &&
      (UNKNOWN_KEY.has(info.code) || EXPIRED.has(info.code) || NOTHING_SENT.has(info.code))
    )
  ) {
    return undefined
  }
  if (BEARER_FORMAT.test(info.message)) {
    return {
      cause: `Bedrock rejected the \`bedrock-api-key\` for ${ctx.operation} in ${ctx.region} as not being a Bedrock API key at all (wrong format): Bedrock takes only long-term keys (ABSK…) and short-term keys (bedrock-api-key-…).`,
      fix: `Check that the secret passed as \`bedrock-api-key\` holds the Bedrock key itself, whole, with nothing before or after it. ${NEW_KEY}`,
      transient: false
    }
  }
  const why = EXPIRED.has(info.code) ? 'the key has expired' : keySuspects(ctx)
  return {
    cause: `Bedrock did not accept the \`bedrock-api-key\` for ${ctx.operation} in ${ctx.region}: ${why}.`,
    fix: NEW_KEY,
    transient: false
  }
}

const unknownKey: Recognizer = (info, ctx) => {
  if (!UNKNOWN_KEY.has(info.code)) return undefined
  return {
    cause: `AWS does not recognise the access key used for ${ctx.operation}: it was deleted or deactivated, belongs to another partition than \`${ctx.partition}\`, or the session token is missing or truncated.`,
    fix: 'Provide valid credentials: prefer `role-to-assume` (OIDC, nothing to rotate). When credentials come from the environment, check the earlier step sets AWS_ACCESS_KEY_ID, AWS_SECRET_ACCESS_KEY and, for temporary credentials, AWS_SESSION_TOKEN from the same, current set, and that the secrets were not rotated.',
    transient: false
  }
}

const badSignature: Recognizer = (info, ctx) => {
  if (!BAD_SIGNATURE.has(info.code)) return undefined
  if (/Signature expired|Signature not yet current|too skewed/i.test(info.message)) {
    return {
      cause: `AWS rejected the request signature of ${ctx.operation} because the runner's clock is off.`,
      fix: 'Sync the runner clock (NTP / `chronyc makestep` on self-hosted runners) and re-run.',
      transient: false
    }
  }
  return {
    cause: `The request signature of ${ctx.operation} does not match: the secret access key does not belong to the access key id, or a proxy or custom endpoint changed the request after signing.`,
    fix: 'Make AWS_SECRET_ACCESS_KEY (and AWS_SESSION_TOKEN) come from the same credential set as AWS_ACCESS_KEY_ID, without stray whitespace. With `sts-endpoint`/`bedrock-endpoint`/`bedrock-runtime-endpoint` or a proxy, make sure it forwards the Host header and path unchanged.',
    transient: false
  }
}

const expiredCredentials: Recognizer = (info, ctx) => {
  if (!EXPIRED.has(info.code)) return undefined
  return {
    cause: `The AWS credentials used for ${ctx.operation} have expired.`,
    fix: "Obtain fresh credentials right before this step (e.g. use `role-to-assume` here instead of an earlier step). If they expire during the job, the session is shorter than the job: raise `role-duration-seconds` (and the role's MaxSessionDuration with `aws iam update-role --max-session-duration`).",
    transient: false
  }
}

const noCredentials: Recognizer = (info, ctx) => {
  if (!NOTHING_SENT.has(info.code) && info.code !== 'CredentialsProviderError') return undefined
  return {
    cause: `No AWS credentials were available for ${ctx.operation}: none were found in the environment and no \`role-to-assume\` or \`bedrock-api-key\` was given.`,
    fix: 'Set `role-to-assume` (with `permissions: id-token: write`), or run aws-actions/configure-aws-credentials before this step, or pass `bedrock-api-key` from a secret.',
    transient: false
  }
}

export const credentialRecognizers: readonly Recognizer[] = [
  apiKeyRejected,
  unknownKey,
  badSignature,
  expiredCredentials,
  noCredentials
]
