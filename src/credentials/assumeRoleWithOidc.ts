import { AssumeRoleWithWebIdentityCommand, type STSClient } from '@aws-sdk/client-sts'
import { describeAwsError, diagnoseAwsError } from '../diagnosis/diagnose.js'
import type { Config } from '../inputs/config.js'
import { CredentialError } from './credentialError.js'
import { fetchOidcToken, type GetIdToken } from './oidcToken.js'
import { decodeTokenClaims } from './tokenClaims.js'
import { issuedCredentials } from './issuedCredentials.js'
import type { AwsCredentials, CredentialSource, ObtainedCredentials } from './types.js'

/** What obtaining credentials needs; the OIDC source uses all of it. */
export interface OidcDependencies {
  readonly config: Config
  readonly env: NodeJS.ProcessEnv
  /** An STS client without credentials of ours: unsigned for OIDC, the SDK's default chain otherwise. */
  readonly sts: () => STSClient
  readonly getIdToken: GetIdToken
  readonly setSecret: (value: string) => void
  readonly sleep: (ms: number) => Promise<void>
}

/** Attempts, each with a fresh token, while STS cannot reach the issuer's keys. */
export const IDP_COMMUNICATION_ATTEMPTS = 3

/**
 * AssumeRoleWithWebIdentity (unsigned) for `role-to-assume` with `token`: the job's GitHub OIDC
 * token, or the one in web-identity-token-file. The credentials are masked on arrival.
 */
export async function assumeRoleWithWebIdentity(
  deps: Pick<OidcDependencies, 'config' | 'sts' | 'setSecret'>,
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

/** Assumes `role-to-assume` with the job's GitHub OIDC token (AssumeRoleWithWebIdentity). */
export function oidcCredentialSource(deps: OidcDependencies): CredentialSource {
  const { config } = deps
  const roleArn = config.roleToAssume
  if (roleArn === undefined) throw new Error('oidcCredentialSource needs role-to-assume')

  const assumeOnce = async (token: string): Promise<ObtainedCredentials> => ({
    origin: 'oidc',
    credentials: await assumeRoleWithWebIdentity(deps, roleArn, token)
  })

  return {
    origin: 'oidc',
    async obtain() {
      for (let attempt = 1; ; attempt++) {
        // @actions/core's getIDToken masks the token itself, before returning it.
        const token = await fetchOidcToken(config.audience, deps.env, deps.getIdToken)
        try {
          return await assumeOnce(token)
        } catch (error) {
          if (isIdpCommunicationError(error) && attempt < IDP_COMMUNICATION_ATTEMPTS) {
            await deps.sleep(500 * 2 ** (attempt - 1))
            continue
          }
          throw new CredentialError(
            diagnoseAwsError(error, {
              operation: 'AssumeRoleWithWebIdentity',
              region: config.region,
              partition: config.partition,
              roleArn,
              claims: decodeTokenClaims(token),
              tokenSource: 'github',
              audience: config.audience,
              durationSeconds: config.roleDurationSeconds
            })
          )
        }
      }
    }
  }
}
