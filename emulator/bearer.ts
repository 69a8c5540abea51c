// Bedrock API keys on the wire (Authorization: Bearer KEY), as Bedrock checks them. Long-term keys
// (ABSK…) are looked up among the scenario's keys; short-term keys (bedrock-api-key- + base64 of a
// presigned CallWithBearerToken URL, as @aws/bedrock-token-generator makes them) are verified like
// the presigned SigV4 request they are: known access key, signature, expiry, and the region of
// their credential scope is the only region they work in.
import { apiKeyPrincipal, type CredentialStore, type Principal } from './credentials.ts'
import { awsError, type AwsError } from './errors.ts'
import type { Scenario } from './scenario.ts'
import { presignedSignature } from './sigv4.ts'

/** Bedrock's answers to a bearer token it does not accept (seen in public bug reports). */
export const bearerErrors = {
  invalid: (): AwsError => ({
    ...awsError(
      403,
      'AccessDeniedException',
      'Authentication failed: Please make sure your API Key is valid.'
    ),
    messageField: 'Message'
  }),
  format: (): AwsError => ({
    ...awsError(
      403,
      'AccessDeniedException',
      'Invalid API Key format: Must start with pre-defined prefix'
    ),
    messageField: 'Message'
  })
}

export type BearerAuthentication =
  { ok: true; principal: Principal; region?: string } | { ok: false; error: AwsError }

const SHORT_TERM_PREFIX = 'bedrock-api-key-'

export function authenticateBearer(
  key: string,
  scenario: Scenario,
  store: CredentialStore,
  now = Date.now()
): BearerAuthentication {
  if (key.startsWith('ABSK')) {
    const principal = apiKeyPrincipal(scenario, key)
    return principal ? { ok: true, principal } : { ok: false, error: bearerErrors.invalid() }
  }
  if (!key.startsWith(SHORT_TERM_PREFIX)) return { ok: false, error: bearerErrors.format() }
  const verified = verifyShortTermKey(key.slice(SHORT_TERM_PREFIX.length), scenario, store, now)
  return verified ?? { ok: false, error: bearerErrors.invalid() }
}

function verifyShortTermKey(
  encoded: string,
  scenario: Scenario,
  store: CredentialStore,
  now: number
): BearerAuthentication | undefined {
  let url: URL
  try {
    url = new URL(`https://${Buffer.from(encoded, 'base64').toString('utf8')}`)
  } catch {
    return undefined
  }
  const query = url.searchParams
  if (query.get('Action') !== 'CallWithBearerToken') return undefined
  const [accessKeyId, , region, service] = (query.get('X-Amz-Credential') ?? '').split('/')
  if (accessKeyId === undefined || region === undefined || service !== 'bedrock') return undefined
  const credential = store.find(accessKeyId, scenario)
  if (credential === undefined) return undefined
  if ((credential.sessionToken ?? null) !== query.get('X-Amz-Security-Token')) return undefined
  const expected = presignedSignature('POST', url, credential.secretAccessKey)
  if (expected === undefined || expected !== query.get('X-Amz-Signature')) return undefined
  // The key lives X-Amz-Expires seconds from X-Amz-Date, and never longer than its credentials.
  const issued = amzDateMs(query.get('X-Amz-Date') ?? '')
  const expires = Number(query.get('X-Amz-Expires'))
  if (issued === undefined || !Number.isFinite(expires) || now >= issued + expires * 1000) {
    return undefined
  }
  if (credential.expiresAt !== undefined && now >= credential.expiresAt) return undefined
  return { ok: true, principal: credential.principal, region }
}

function amzDateMs(text: string): number | undefined {
  const m = /^(\d{4})(\d{2})(\d{2})T(\d{2})(\d{2})(\d{2})Z$/.exec(text)
  if (!m) return undefined
  return Date.UTC(+m[1]!, +m[2]! - 1, +m[3]!, +m[4]!, +m[5]!, +m[6]!)
}
