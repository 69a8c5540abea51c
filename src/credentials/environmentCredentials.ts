import type { STSClient } from '@aws-sdk/client-sts'
import type { Config } from '../inputs/config.js'
import { CredentialError } from './credentialError.js'
import { resolvedCredentials } from './issuedCredentials.js'
import type { CredentialSource } from './types.js'
import { errorText } from '../diagnosis/errorText.js'

/**
 * Credentials already there: an earlier configure-aws-credentials step, a self-hosted runner's
 * instance or task role, a profile. Resolved once through the SDK's default chain so every later
 * call (and the identity proof) uses exactly these.
 */
export function environmentCredentialSource(
  config: Config,
  sts: () => STSClient,
  setSecret: (value: string) => void
): CredentialSource {
  return {
    origin: 'environment',
    async obtain() {
      try {
        const resolved = await sts().config.credentials()
        return { origin: 'environment', credentials: resolvedCredentials(resolved, setSecret) }
      } catch (error) {
        const reason = errorText(error)
        throw new CredentialError({
          cause: `No AWS credentials: role-to-assume is not set and none were found in the environment (${reason}).`,
          fix: [
            'Do one of:',
            `- set \`role-to-assume\` to an IAM role this repository may assume with GitHub OIDC (and \`permissions: id-token: write\`);`,
            '- run aws-actions/configure-aws-credentials before this step;',
            '- pass `bedrock-api-key` from a secret.',
            `Region in use: ${config.region}.`
          ].join('\n'),
          transient: false
        })
      }
    }
  }
}
