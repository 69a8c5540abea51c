/**
 * The claims of an OIDC token worth showing when a trust policy rejects it (GitHub's, or any
 * issuer's for web-identity-token-file). Never the token itself.
 */
export interface TokenClaims {
  readonly iss?: string
  /** Expiry, seconds since the epoch. */
  readonly exp?: number
  readonly sub?: string
  readonly aud?: string
  readonly repository?: string
  readonly ref?: string
  readonly job_workflow_ref?: string
  readonly environment?: string
}

/**
 * Decodes the payload of a JWT without verifying it: we only display claims, the trust decision is
 * STS's. Returns only the whitelisted claims so nothing else of the token can leak into messages.
 */
export function decodeTokenClaims(jwt: string): TokenClaims {
  const payload = jwt.split('.')[1]
  if (payload === undefined) return {}
  try {
    const json = JSON.parse(Buffer.from(payload, 'base64url').toString('utf8')) as Record<
      string,
      unknown
    >
    const pick = (key: Exclude<keyof TokenClaims, 'exp'>): Partial<TokenClaims> => {
      const value = json[key]
      if (typeof value === 'string') return { [key]: value }
      if (Array.isArray(value) && value.every((v) => typeof v === 'string'))
        return { [key]: value.join(',') }
      return {}
    }
    const exp = json['exp']
    return {
      ...pick('iss'),
      ...(typeof exp === 'number' && Number.isFinite(exp) ? { exp } : {}),
      ...pick('sub'),
      ...pick('aud'),
      ...pick('repository'),
      ...pick('ref'),
      ...pick('job_workflow_ref'),
      ...pick('environment')
    }
  } catch {
    return {}
  }
}

function decodesToJsonObject(part: string): boolean {
  try {
    const value: unknown = JSON.parse(Buffer.from(part, 'base64url').toString('utf8'))
    return typeof value === 'object' && value !== null && !Array.isArray(value)
  } catch {
    return false
  }
}

/**
 * Why `text` cannot be an OIDC token, or undefined when it has a JWT's shape (RFC 7519 compact
 * serialisation: three base64url parts joined by dots, header and payload JSON objects). Checked
 * locally so a file holding something else (a path, a placeholder, an error page) is named as such
 * instead of reaching STS, which would answer InvalidIdentityToken as for an untrusted token. The
 * reason never quotes the text: it may be a secret of another kind.
 */
export function jwtShapeProblem(text: string): string | undefined {
  const parts = text.split('.')
  if (parts.length !== 3) {
    return `it holds ${Array.from(text).length} characters in ${parts.length} dot-separated part${parts.length === 1 ? '' : 's'}, not 3`
  }
  if (parts.some((part) => !/^[A-Za-z0-9_-]+={0,2}$/.test(part))) {
    return 'one of its 3 dot-separated parts is empty or not base64url (characters other than A-Z a-z 0-9 - _)'
  }
  if (!decodesToJsonObject(parts[0] ?? '') || !decodesToJsonObject(parts[1] ?? '')) {
    return 'its header or payload does not decode to a JSON object'
  }
  return undefined
}

/** The accepted form of a token file's content, for messages. */
export const JWT_FORM =
  'one OIDC token: a JWT, three base64url parts joined by dots (header.payload.signature)'
