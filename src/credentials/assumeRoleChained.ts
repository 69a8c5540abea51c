import { AssumeRoleCommand } from '@aws-sdk/client-sts'
import { diagnoseAwsError } from '../diagnosis/diagnose.js'
import type { OidcDependencies } from './assumeRoleWithOidc.js'
import type { Config } from '../inputs/config.js'
import { joinFixText } from '../report/fixText.js'
import { CredentialError } from './credentialError.js'
import { MISSING_OIDC_FIX } from './oidcToken.js'
import { issuedCredentials } from './issuedCredentials.js'
import {
  chainedDuration,
  describeRunnerCredentials,
  type ResolvedIdentity
} from './runnerCredentials.js'
import type { CredentialSource } from './types.js'
import { errorText } from '../diagnosis/errorText.js'

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
        throw noRunnerCredentials(config, roleArn, error)
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

const CHAINING_NEEDS = [
  'Role chaining signs AssumeRole with credentials the runner already has; give it one of:',
  '- an EC2 instance profile (instance metadata), or EKS Pod Identity / IRSA for the runner pod;',
  '- keys (AWS_ACCESS_KEY_ID / AWS_SECRET_ACCESS_KEY from secrets) or AWS_PROFILE set for this step.'
].join('\n')

/**
 * Nothing in the SDK's chain. With `role-chaining: auto` this is also the GitHub-hosted job that
 * lacks `id-token: write` (or a fork / Dependabot run): that is said first, as before chaining existed.
 */
function noRunnerCredentials(config: Config, roleArn: string, error: unknown): CredentialError {
  const reason = errorText(error)
  if (config.roleChaining === 'auto') {
    return new CredentialError({
      cause: `role-to-assume is set but this job has no GitHub OIDC token (ACTIONS_ID_TOKEN_REQUEST_URL is not set: the workflow lacks \`permissions: id-token: write\`, or this is a pull request from a fork or from Dependabot), and the runner has no AWS credentials of its own to assume ${roleArn} with by role chaining (${reason}).`,
      fix: joinFixText(
        [MISSING_OIDC_FIX, `On a self-hosted runner without OIDC instead: ${CHAINING_NEEDS}`],
        '\n'
      ),
      transient: false
    })
  }
  return new CredentialError({
    cause: `Role chaining (role-chaining: true) found no credentials of the runner's own to assume ${roleArn} with (${reason}).`,
    fix: `${CHAINING_NEEDS}\nOr, with \`permissions: id-token: write\`, set \`role-chaining: false\` to assume the role with the GitHub OIDC token.`,
    transient: false
  })
}
