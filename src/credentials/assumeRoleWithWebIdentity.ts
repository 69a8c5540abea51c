import { AssumeRoleWithWebIdentityCommand, type STSClient } from '@aws-sdk/client-sts'
import { describeAwsError, diagnoseAwsError } from '../diagnosis/diagnose.js'
import type { DiagnosisContext } from '../diagnosis/types.js'
import type { Config } from '../inputs/config.js'
import { CredentialError } from './credentialError.js'
import { issuedCredentials } from './issuedCredentials.js'
import { decodeTokenClaims, type TokenClaims } from './tokenClaims.js'
import type { AwsCredentials } from './types.js'

/** Attempts, each with a fresh token, while STS cannot reach the issuer's keys. */
export const IDP_COMMUNICATION_ATTEMPTS = 3

/** What AssumeRoleWithWebIdentity needs from the run. */
export interface WebIdentityDependencies {
  readonly config: Config
  /** An unsigned STS client (AssumeRoleWithWebIdentity is signed by the token, not by SigV4). */
  readonly sts: () => STSClient
  readonly setSecret: (value: string) => void
  readonly sleep: (ms: number) => Promise<void>
}

/** Where the token comes from, and how to get one: asked once per attempt. */
export interface WebIdentityTokenSource {
  /** For the diagnosis: GitHub's OIDC token, or the one in web-identity-token-file (any issuer). */
  readonly kind: 'github' | 'file'
  /**
   * A token for this attempt, masked before it is returned. Called again only after an
   * IDPCommunicationError, when AWS asks for a retry with a fresh token.
   * @throws CredentialError when no token can be had (its diagnosis is the check's).
   */
  readonly fetch: () => Promise<string>
  /** The OIDC audience the token was asked for (GitHub's only), for the diagnosis. */
  readonly audience?: string
}

/**
 * One AssumeRoleWithWebIdentity (unsigned) for `role-to-assume` with `token`. The credentials are
 * masked on arrival.
 */
export async function assumeRoleWithWebIdentity(
  deps: Pick<WebIdentityDependencies, 'config' | 'sts' | 'setSecret'>,
  roleArn: string,
  token: string
): Promise<AwsCredentials> {
  const { config } = deps
  const response = await deps.sts().send(
    new AssumeRoleWithWebIdentityCommand({
      RoleArn: roleArn,
      RoleSessionName: config.roleSessionName,
      WebIdentityToken: token,
      DurationSeconds: config.roleDurationSeconds
    })
  )
  return issuedCredentials(response.Credentials, 'AssumeRoleWithWebIdentity', deps.setSecret)
}

/** STS's "couldn't retrieve verification key" is transient; AWS asks for a retry with a fresh token. */
export function isIdpCommunicationError(error: unknown): boolean {
  return describeAwsError(error).code === 'IDPCommunicationError'
}

/**
 * Assumes `roleArn` with a web-identity token from `source`. IDPCommunicationError (STS could not
 * fetch the issuer's signing keys) is retried with a fresh token, as the AssumeRoleWithWebIdentity
 * API reference advises, up to IDP_COMMUNICATION_ATTEMPTS times. The SDK's own retries (throttling,
 * 5xx, network) reuse the token: they end with the run's 120 s budget, well before it expires
 * (GitHub's tokens carry an `exp` about 5 minutes after issue; GitHub does not document it). Every
 * other failure is final and diagnosed with the token's claims.
 *
 * @returns the session and the claims of the token that got it
 * @throws CredentialError with the diagnosis of the last failure
 */
export async function assumeRoleWithFreshToken(
  deps: WebIdentityDependencies,
  roleArn: string,
  source: WebIdentityTokenSource
): Promise<{ credentials: AwsCredentials; claims: TokenClaims }> {
  const { config } = deps
  for (let attempt = 1; ; attempt++) {
    const token = await source.fetch()
    const claims = decodeTokenClaims(token)
    try {
      return { credentials: await assumeRoleWithWebIdentity(deps, roleArn, token), claims }
    } catch (error) {
      if (isIdpCommunicationError(error) && attempt < IDP_COMMUNICATION_ATTEMPTS) {
        await deps.sleep(500 * 2 ** (attempt - 1))
        continue
      }
      const context: DiagnosisContext = {
        operation: 'AssumeRoleWithWebIdentity',
        region: config.region,
        partition: config.partition,
        roleArn,
        claims,
        tokenSource: source.kind,
        ...(source.audience !== undefined ? { audience: source.audience } : {}),
        durationSeconds: config.roleDurationSeconds
      }
      throw new CredentialError(diagnoseAwsError(error, context))
    }
  }
}
