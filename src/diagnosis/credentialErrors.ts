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

/** Bedrock calls carry the API key when there is one; STS calls always use SigV4. */
function usesApiKey(ctx: DiagnosisContext): boolean {
  return (
    ctx.authMethod === 'api-key' &&
    !['AssumeRoleWithWebIdentity', 'AssumeRole', 'GetCallerIdentity'].includes(ctx.operation)
  )
}

const API_KEY_FIX =
  'Generate a new key (Bedrock console → API keys; a short-term key lasts at most 12 hours and works only in the region it was made for), store it as a repository or environment secret and pass it as `bedrock-api-key`. The IAM user behind a long-term key must also still exist and be active.'

const apiKeyRejected: Recognizer = (info, ctx) => {
  if (
    !usesApiKey(ctx) ||
    !(UNKNOWN_KEY.has(info.code) || EXPIRED.has(info.code) || NOTHING_SENT.has(info.code))
  ) {
    return undefined
  }
  const why = EXPIRED.has(info.code) ? 'has expired' : 'is invalid, revoked or expired'
  return {
    cause: `Bedrock rejected the \`bedrock-api-key\` for ${ctx.operation} in ${ctx.region}: the key ${why}.`,
    fix: API_KEY_FIX,
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
