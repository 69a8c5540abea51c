import type { AwsCredentials } from '../credentials/types.js'

/**
 * `aws`: the AWS `credential_process` format (every AWS SDK and the CLI). `claude`: the `aws sts`
 * output shape, `{"Credentials": {...}}`, which Claude Code's `awsCredentialExport` documents.
 * Claude Code accepts both (see docs/long-running-jobs-evidence.md).
 */
export const OUTPUT_FORMATS = ['aws', 'claude'] as const
export type OutputFormat = (typeof OUTPUT_FORMATS)[number]

export function credentialJson(credentials: AwsCredentials, format: OutputFormat): string {
  const fields = {
    AccessKeyId: credentials.accessKeyId,
    SecretAccessKey: credentials.secretAccessKey,
    ...(credentials.sessionToken !== undefined ? { SessionToken: credentials.sessionToken } : {}),
    ...(credentials.expiration !== undefined
      ? { Expiration: credentials.expiration.toISOString() }
      : {})
  }
  return JSON.stringify(format === 'aws' ? { Version: 1, ...fields } : { Credentials: fields })
}
