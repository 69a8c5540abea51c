import { AssumeRoleCommand } from '@aws-sdk/client-sts'
import { diagnoseAwsError } from '../diagnosis/diagnose.js'
import type { OidcDependencies } from './assumeRoleWithOidc.js'
import { CredentialError } from './credentialError.js'
import { issuedCredentials } from './issuedCredentials.js'
import {
  chainedDuration,
  describeRunnerCredentials,
  type ResolvedIdentity
} from './runnerCredentials.js'
import type { CredentialSource } from './types.js'

export type ChainingDependencies = Pick<OidcDependencies, 'config' | 'env' | 'sts' | 'setSecret'>

/**
 * Role chaining: `role-to-assume` assumed with STS AssumeRole, signed by the runner's own
 * credentials from the SDK's default chain (`sts` is a client without credentials of ours). Those
 * are masked but never exported; the session returned is the role's.
 */
export function chainingCredentialSource(deps: ChainingDependencies): CredentialSource {
  const { config } = deps
  const roleArn = config.roleToAssume
  if (roleArn === undefined) throw new Error('chainingCredentialSource needs role-to-assume')
  return {
    origin: 'role-chaining',
    async obtain() {
      let resolved: ResolvedIdentity
      try {
        resolved = await deps.sts().config.credentials()
      } catch (error) {
        throw noRunnerCredentials(roleArn, error)
      }
      deps.setSecret(resolved.accessKeyId)
      deps.setSecret(resolved.secretAccessKey)
      if (resolved.sessionToken !== undefined) deps.setSecret(resolved.sessionToken)
      const runner = describeRunnerCredentials(resolved, deps.env)
      const duration = chainedDuration(config.roleDurationSeconds, runner)
      try {
        // Signed with exactly the identity resolved above: the client memoises its provider.
        const response = await deps.sts().send(
          new AssumeRoleCommand({
            RoleArn: roleArn,
            RoleSessionName: config.roleSessionName,
            DurationSeconds: duration,
            ...(config.roleExternalId !== undefined ? { ExternalId: config.roleExternalId } : {})
          })
        )
        return {
          origin: 'role-chaining',
          credentials: issuedCredentials(response.Credentials, 'AssumeRole', deps.setSecret),
          runner,
          ...(duration !== config.roleDurationSeconds ? { durationSeconds: duration } : {})
        }
      } catch (error) {
        throw new CredentialError(
          diagnoseAwsError(error, {
            operation: 'AssumeRole',
            region: config.region,
            partition: config.partition,
            roleArn,
            durationSeconds: duration,
            externalIdGiven: config.roleExternalId !== undefined,
            runnerLabel: runner.label
          })
        )
      }
    }
  }
}

function noRunnerCredentials(roleArn: string, error: unknown): CredentialError {
  const reason = error instanceof Error ? error.message : String(error)
  return new CredentialError({
    cause: `Role chaining found no credentials of the runner's own to assume ${roleArn} with (${reason}).`,
    fix: [
      'Role chaining signs AssumeRole with credentials the runner already has. Give it one of:',
      '- an EC2 instance profile (instance metadata) or an EKS Pod Identity association / IRSA service account for the runner pod;',
      '- an earlier step that sets AWS_ACCESS_KEY_ID / AWS_SECRET_ACCESS_KEY (e.g. from secrets), or AWS_PROFILE;',
      'or, on a runner with GitHub OIDC, set `role-chaining: false` and `permissions: id-token: write` to assume the role with the OIDC token instead.'
    ].join('\n'),
    transient: false
  })
}
