import { AssumeRoleWithWebIdentityCommand, type STSClient } from '@aws-sdk/client-sts'
import { describeAwsError, diagnoseAwsError } from '../diagnosis/diagnose.js'
import type { Config } from '../inputs/config.js'
import { CredentialError } from './credentialError.js'
import { fetchOidcToken, type GetIdToken } from './oidcToken.js'
import { decodeTokenClaims } from './tokenClaims.js'
import type { CredentialSource, ObtainedCredentials } from './types.js'

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

/** STS's "couldn't retrieve verification key" is transient; AWS asks for a retry with a fresh token. */
const IDP_COMMUNICATION_ATTEMPTS = 3

function isIdpCommunicationError(error: unknown): boolean {
  return describeAwsError(error).code === 'IDPCommunicationError'
}

/** Assumes `role-to-assume` with the job's GitHub OIDC token (AssumeRoleWithWebIdentity). */
export function oidcCredentialSource(deps: OidcDependencies): CredentialSource {
  const { config } = deps
  const roleArn = config.roleToAssume
  if (roleArn === undefined) throw new Error('oidcCredentialSource needs role-to-assume')

  async function assumeOnce(token: string): Promise<ObtainedCredentials> {
    const response = await deps.sts().send(
      new AssumeRoleWithWebIdentityCommand({
        RoleArn: roleArn,
        RoleSessionName: config.roleSessionName,
        WebIdentityToken: token,
        DurationSeconds: config.roleDurationSeconds
      })
    )
    const issued = response.Credentials
    if (
      issued?.AccessKeyId === undefined ||
      issued.SecretAccessKey === undefined ||
      issued.SessionToken === undefined
    ) {
      throw new Error('AssumeRoleWithWebIdentity returned no credentials')
    }
    // Masked before anything else can print them.
    deps.setSecret(issued.AccessKeyId)
    deps.setSecret(issued.SecretAccessKey)
    deps.setSecret(issued.SessionToken)
    return {
      origin: 'oidc',
      credentials: {
        accessKeyId: issued.AccessKeyId,
        secretAccessKey: issued.SecretAccessKey,
        sessionToken: issued.SessionToken,
        ...(issued.Expiration !== undefined ? { expiration: issued.Expiration } : {})
      }
    }
  }

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
              audience: config.audience,
              durationSeconds: config.roleDurationSeconds
            })
          )
        }
      }
    }
  }
}
