import type { IamStatement } from './types.js'

/**
 * What the usage report (post step) and the capacity pre-flight may call, and nothing else. Not
 * part of the `iam-policy` output: without it both say `skip` and name the permission; add it to
 * the role to get them. None of these actions has resource-level permissions except
 * logs:FilterLogEvents, which can be narrowed to the invocation-log group (README, "Optional
 * permissions").
 */
export const OPTIONAL_USAGE_STATEMENT: IamStatement = {
  Sid: 'OptionalBedrockUsageReportAndCapacityCheck',
  Effect: 'Allow',
  Action: [
    'bedrock:GetModelInvocationLoggingConfiguration',
    'logs:FilterLogEvents',
    'cloudwatch:GetMetricData',
    'servicequotas:ListServiceQuotas',
    'servicequotas:GetServiceQuota',
    'pricing:GetProducts'
  ],
  Resource: '*'
}

export function renderOptionalStatement(): string {
  return JSON.stringify(OPTIONAL_USAGE_STATEMENT, null, 2)
}
