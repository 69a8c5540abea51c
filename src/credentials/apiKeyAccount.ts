import { ListInferenceProfilesCommand, type BedrockClient } from '@aws-sdk/client-bedrock'
import { diagnoseAwsError } from '../diagnosis/diagnose.js'
import type { Config } from '../inputs/config.js'
import type { CheckResult } from '../report/types.js'

/** Whose account a Bedrock API key acts in, and the allowed-account-ids verdict on it. */
export interface ApiKeyAccountProof {
  readonly accountId?: string
  readonly check: CheckResult
}

const ID = 'api-key-account'
const TITLE = 'API key account'

/**
 * The account in a Bedrock ARN (`arn:PARTITION:bedrock:REGION:ACCOUNT:inference-profile/…`).
 * Inference-profile ARNs name the caller's own account, whoever made the profile.
 */
export function accountOfBedrockArn(arn: string | undefined): string | undefined {
  return /^arn:aws[\w-]*:bedrock:[\w-]+:(\d{12}):(?:application-)?inference-profile\//.exec(
    arn ?? ''
  )?.[1]
}

/**
 * A Bedrock API key is no AWS credential, so GetCallerIdentity cannot say whose it is; Bedrock can.
 * One ListInferenceProfiles call with the key (one result) returns a profile ARN in the key's own
 * account, which `allowed-account-ids` is then enforced on. When Bedrock lists no profile, the
 * account cannot be read and the guard says so and fails: it never passes silently.
 *
 * @param bedrock a Bedrock control-plane client that signs with the key (Bearer), in `aws-region`.
 */
export async function proveApiKeyAccount(
  bedrock: BedrockClient,
  config: Config
): Promise<ApiKeyAccountProof> {
  let accountId: string | undefined
  try {
    const listed = await bedrock.send(
      new ListInferenceProfilesCommand({ typeEquals: 'SYSTEM_DEFINED', maxResults: 1 })
    )
    accountId = accountOfBedrockArn(listed.inferenceProfileSummaries?.[0]?.inferenceProfileArn)
  } catch (error) {
    const diagnosis = diagnoseAwsError(error, {
      operation: 'ListInferenceProfiles',
      region: config.region,
      partition: config.partition,
      bedrockAuth: { controlPlane: 'api-key', runtime: 'api-key' },
      ...(config.bedrockApiKeyForm !== undefined ? { apiKeyForm: config.bedrockApiKeyForm } : {})
    })
    return {
      check: {
        id: ID,
        title: TITLE,
        status: 'fail',
        detail: `Could not tell which account the Bedrock API key belongs to, so allowed-account-ids cannot be enforced on it; nothing was exported.`,
        cause: diagnosis.cause,
        fix: diagnosis.fix,
        ...(diagnosis.awsError !== undefined ? { awsError: diagnosis.awsError } : {})
      }
    }
  }
  return {
    ...(accountId !== undefined ? { accountId } : {}),
    check: accountCheck(accountId, config)
  }
}

/** The allowed-account-ids verdict on the key's account (undefined: Bedrock did not reveal it). */
export function accountCheck(accountId: string | undefined, config: Config): CheckResult {
  const allowed = config.allowedAccountIds
  if (accountId === undefined) {
    return {
      id: ID,
      title: TITLE,
      status: 'fail',
      detail: `allowed-account-ids cannot be enforced on the Bedrock API key: Bedrock listed no inference profile in ${config.region}, and a profile ARN is how the key's account is read; nothing was exported.`,
      cause: `A Bedrock API key is not an AWS credential (GetCallerIdentity cannot name its account), and ListInferenceProfiles in ${config.region} returned no profile whose ARN would.`,
      fix: 'Use `role-to-assume` (or AWS credentials) in that account instead of the key, where GetCallerIdentity proves the account; or use a region where Bedrock lists inference profiles; or remove `allowed-account-ids` if this run is not meant to be restricted.'
    }
  }
  if (allowed.includes(accountId)) {
    return {
      id: ID,
      title: TITLE,
      status: 'pass',
      detail: `The Bedrock API key acts in account ${accountId} (read from the inference-profile ARNs Bedrock lists for it), which allowed-account-ids lists.`
    }
  }
  return {
    id: ID,
    title: TITLE,
    status: 'fail',
    detail: `The Bedrock API key acts in account ${accountId}, which is not in allowed-account-ids (${allowed.join(', ')}).`,
    cause: `The \`bedrock-api-key\` belongs to account ${accountId} (the account in the inference-profile ARNs Bedrock lists for it), which allowed-account-ids does not list; nothing was exported.`,
    fix: `Pass a key made in one of ${allowed.join(', ')}, or add ${accountId} to \`allowed-account-ids\` if this account is intended.`
  }
}
