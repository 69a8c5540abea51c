// An authenticated call to one of the services the usage report reads (CloudWatch Logs,
// CloudWatch, Service Quotas, Price List, Bedrock's logging configuration), as handlers see it.
import type { Principal } from './credentials.ts'
import type { AwsError } from './errors.ts'
import { awsError } from './errors.ts'
import type { InvocationLog } from './invocationLog.ts'
import { evaluatePolicy } from './policy.ts'
import type { PolicyStatement, Scenario } from './scenario.ts'

export interface ObservabilityCall {
  scenario: Scenario
  log: InvocationLog
  /** Credential-scope region. */
  region: string
  principal: Principal
  statements: PolicyStatement[]
  requestId: string
  input: Record<string, unknown>
}

/** IAM for these calls: identity policy only; the message names the action as AWS does. */
export function denied(
  call: ObservabilityCall,
  action: string,
  resource = '*'
): AwsError | undefined {
  if (evaluatePolicy(call.statements, action, resource) === 'allow') return undefined
  const on = resource === '*' ? '' : ` on resource: ${resource}`
  return awsError(
    400,
    'AccessDeniedException',
    `User: ${call.principal.arn} is not authorized to perform: ${action}${on} because no identity-based policy allows the ${action} action`
  )
}
