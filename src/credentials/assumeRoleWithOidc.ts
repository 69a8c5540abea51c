import type { STSClient } from '@aws-sdk/client-sts'
import type { Config } from '../inputs/config.js'
import { assumeRoleWithFreshToken } from './assumeRoleWithWebIdentity.js'
import { fetchOidcToken, type GetIdToken } from './oidcToken.js'
import type { CredentialSource } from './types.js'

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

/** Assumes `role-to-assume` with the job's GitHub OIDC token (AssumeRoleWithWebIdentity). */
export function oidcCredentialSource(deps: OidcDependencies): CredentialSource {
  const { config } = deps
  const roleArn = config.roleToAssume
  if (roleArn === undefined) throw new Error('oidcCredentialSource needs role-to-assume')
  return {
    origin: 'oidc',
    async obtain() {
      const { credentials } = await assumeRoleWithFreshToken(deps, roleArn, {
        kind: 'github',
        audience: config.audience,
        // @actions/core's getIDToken masks the token itself, before returning it.
        fetch: () => fetchOidcToken(config.audience, deps.env, deps.getIdToken)
      })
      return { origin: 'oidc', credentials }
    }
  }
}
