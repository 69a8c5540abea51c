// GitHub's OIDC token endpoint. Tokens are real RS256 JWS signed with a key generated when the
// emulator starts; STS verifies them against that key (GET /oidc/.well-known/jwks serves it).
import { createSign, createVerify, generateKeyPairSync, type KeyObject } from 'node:crypto'
import * as ids from './identifiers.ts'
import { jsonReply, type Reply } from './reply.ts'
import type { Scenario } from './scenario.ts'

export const DEFAULT_AUDIENCE = 'sts.amazonaws.com'

export interface SigningKey {
  kid: string
  privateKey: KeyObject
  publicKey: KeyObject
}

export function createSigningKey(): SigningKey {
  const { privateKey, publicKey } = generateKeyPairSync('rsa', { modulusLength: 2048 })
  return { kid: ids.opaqueId(16), privateKey, publicKey }
}

const encodeSegment = (value: unknown): string =>
  Buffer.from(JSON.stringify(value)).toString('base64url')

export type Claims = Record<string, unknown>

export function issueIdToken(key: SigningKey, scenario: Scenario, audience: string): string {
  return signIdToken(key, {
    sub: '',
    ...scenario.oidc.claims,
    aud: audience,
    iss: scenario.oidc.issuer,
    lifetimeSeconds: scenario.oidc.tokenLifetimeSeconds
  })
}

/** What a token of another issuer says (an EKS service account's, another CI's): for token files. */
export interface TokenSpec {
  iss: string
  sub: string
  aud: string
  /** Negative: already expired. */
  lifetimeSeconds: number
  [claim: string]: string | number
}

/** An RS256 JWS of the emulator's key: STS accepts it when `iss` is one of the scenario's providers. */
export function signIdToken(key: SigningKey, spec: TokenSpec): string {
  const now = Math.floor(Date.now() / 1000)
  const { lifetimeSeconds, ...rest } = spec
  const claims: Claims = {
    jti: ids.requestId(),
    ...rest,
    nbf: Math.min(now, now + lifetimeSeconds) - 5,
    iat: Math.min(now, now + lifetimeSeconds),
    exp: now + lifetimeSeconds
  }
  const signingInput = `${encodeSegment({ alg: 'RS256', typ: 'JWT', kid: key.kid })}.${encodeSegment(claims)}`
  const signature = createSign('RSA-SHA256')
    .update(signingInput)
    .sign(key.privateKey)
    .toString('base64url')
  return `${signingInput}.${signature}`
}

export type TokenCheck =
  { ok: true; claims: Claims } | { ok: false; reason: 'malformed' | 'signature'; claims?: Claims }

function decodeSegment(segment: string): Claims | undefined {
  try {
    const value: unknown = JSON.parse(Buffer.from(segment, 'base64url').toString('utf8'))
    return typeof value === 'object' && value !== null && !Array.isArray(value)
      ? (value as Claims)
      : undefined
  } catch {
    return undefined
  }
}

/** Structure and signature; the caller judges issuer, audience and expiry. */
export function checkIdToken(key: SigningKey, token: string): TokenCheck {
  const parts = token.split('.')
  const [header, payload, signature] = parts
  if (parts.length !== 3 || !header || !payload || signature === undefined)
    return { ok: false, reason: 'malformed' }
  const claims = decodeSegment(payload)
  if (!decodeSegment(header) || !claims) return { ok: false, reason: 'malformed' }
  const valid = createVerify('RSA-SHA256')
    .update(`${header}.${payload}`)
    .verify(key.publicKey, Buffer.from(signature, 'base64url'))
  return valid ? { ok: true, claims } : { ok: false, reason: 'signature', claims }
}

export function jwks(key: SigningKey): Reply {
  const jwk = key.publicKey.export({ format: 'jwk' })
  return jsonReply(200, { keys: [{ ...jwk, kid: key.kid, alg: 'RS256', use: 'sig' }] })
}

/** GET /oidc/token?...&audience=X with Authorization: Bearer <request token>, like the runner's service. */
export function handleTokenRequest(
  key: SigningKey,
  scenario: Scenario,
  requestToken: string,
  authorization: string,
  query: URLSearchParams
): { reply: Reply; token?: string } {
  if (authorization !== `Bearer ${requestToken}`) {
    return { reply: jsonReply(401, { message: 'Unauthorized: invalid or missing request token' }) }
  }
  const token = issueIdToken(key, scenario, query.get('audience') || DEFAULT_AUDIENCE)
  return { reply: jsonReply(200, { count: 1, value: token }), token }
}
