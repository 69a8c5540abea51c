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
