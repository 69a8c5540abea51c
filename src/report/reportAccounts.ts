import { accountOfBedrockArn } from '../credentials/apiKeyAccount.js'
import type { Report } from './types.js'

/**
 * Every account id the run learned: the AWS identity's, the Bedrock API key's, and the account in
 * the resolved models' ARNs (an API key alone has no other). What `mask-aws-account-id` masks.
 */
export function accountsOf(report: Report): string[] {
  const accounts = [
    report.identity?.accountId,
    report.apiKeyAccountId,
    ...report.models.map((row) => accountOfBedrockArn(row.arn))
  ]
  return [...new Set(accounts.filter((a): a is string => a !== undefined && a !== ''))]
}
