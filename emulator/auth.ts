// Authentication of signed (SigV4) and bearer (Bedrock API key) requests.
import { authenticateBearer } from './bearer.ts'
import type { CredentialStore, Principal } from './credentials.ts'
import { authErrors, type AwsError, type ErrorStyle } from './errors.ts'
import type { Scenario } from './scenario.ts'
import {
  parseSigV4Authorization,
  verifySignature,
  type HeaderBag,
  type SignedRequest
} from './sigv4.ts'

export type AuthScheme = 'sigv4' | 'bearer' | 'none'

/** What the Authorization header claims, before anything is verified (for the request log). */
export interface AuthClaim {
  scheme: AuthScheme
  region?: string
  accessKeyId?: string
}

function authorizationHeader(headers: HeaderBag): string {
  const value = headers['authorization']
  return (Array.isArray(value) ? value[0] : value) ?? ''
}

export function claimedAuth(headers: HeaderBag): AuthClaim {
  const header = authorizationHeader(headers)
  if (/^Bearer /i.test(header)) return { scheme: 'bearer' }
  const sigv4 = parseSigV4Authorization(header)
  if (!sigv4) return { scheme: 'none' }
  return { scheme: 'sigv4', region: sigv4.region, accessKeyId: sigv4.accessKeyId }
}

export type Authentication =
  | {
      ok: true
      principal: Principal
      region?: string
      /** Signed with a session (a session token): AssumeRole from it is role chaining. */
      temporary?: boolean
    }
  | { ok: false; error: AwsError }

export interface AuthContext {
  scenario: Scenario
  store: CredentialStore
  /** SigV4 service name the credential scope must carry: sts or bedrock. */
  service: string
  style: ErrorStyle
  allowBearer: boolean
}

export function authenticate(request: SignedRequest, context: AuthContext): Authentication {
  const { scenario, store, service, style } = context
  const header = authorizationHeader(request.headers)
  const fail = (error: AwsError): Authentication => ({ ok: false, error })

  if (/^Bearer /i.test(header)) {
    if (!context.allowBearer) return fail(authErrors.missing(style))
    return authenticateBearer(header.slice('Bearer '.length).trim(), scenario, store)
  }

  const sigv4 = parseSigV4Authorization(header)
  if (!sigv4) return fail(authErrors.missing(style))
  const credential = store.find(sigv4.accessKeyId, scenario)
  if (!credential) return fail(authErrors.unknownKey(style))
  const tokenHeader = request.headers['x-amz-security-token']
  const token = Array.isArray(tokenHeader) ? tokenHeader[0] : tokenHeader
  if ((credential.sessionToken ?? undefined) !== token) return fail(authErrors.unknownKey(style))
  if (credential.expiresAt !== undefined && Date.now() >= credential.expiresAt) {
    return fail(authErrors.expired(style))
  }
  if (sigv4.service !== service) {
    return fail(
      authErrors.badSignature(
        style,
        ` Credential should be scoped to correct service: '${service}'.`
      )
    )
  }
  const problem = verifySignature(request, sigv4, credential.secretAccessKey)
  if (problem) return fail(authErrors.badSignature(style))
  return {
    ok: true,
    principal: credential.principal,
    region: sigv4.region,
    temporary: credential.sessionToken !== undefined
  }
}
