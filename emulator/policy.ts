// A small IAM evaluator: identity policy statements plus a region-scoped SCP deny, enough to
// produce the AccessDenied messages Bedrock returns.
import { awsError, type AwsError } from './errors.ts'
import type { PolicyStatement } from './scenario.ts'

/** IAM wildcards: `*` any run of characters, `?` exactly one. */
export function wildcardMatch(pattern: string, value: string, ignoreCase = false): boolean {
  const source = pattern
    .split('')
    .map((char) =>
      char === '*' ? '.*' : char === '?' ? '.' : char.replace(/[.+^${}()|[\]\\]/g, '\\$&')
    )
    .join('')
  return new RegExp(`^${source}$`, ignoreCase ? 'si' : 's').test(value)
}

export type Decision = 'allow' | 'explicit-deny' | 'implicit-deny'

/**
 * `aws:RequestedRegion` of the request IAM evaluates for `resource`: the ARN's region; a region-less
 * ARN (what a global profile routes through) evaluates as `unspecified` (AWS's global cross-Region
 * inference page).
 */
export function requestedRegion(resource: string): string {
  return resource === '*' ? '' : arnRegion(resource) || 'unspecified'
}

export function evaluatePolicy(
  statements: PolicyStatement[],
  action: string,
  resource: string
): Decision {
  let allowed = false
  for (const statement of statements) {
    const actionMatches = statement.actions.some((pattern) => wildcardMatch(pattern, action, true))
    const resourceMatches = statement.resources.some((pattern) => wildcardMatch(pattern, resource))
    if (!actionMatches || !resourceMatches) continue
    const regions = statement.requestedRegions
    if (regions && resource !== '*' && !regions.includes(requestedRegion(resource))) continue
    if (statement.effect === 'Deny') return 'explicit-deny'
    allowed = true
  }
  return allowed ? 'allow' : 'implicit-deny'
}

/** The region field of an ARN (empty for global resources). */
export function arnRegion(arn: string): string {
  return arn.split(':')[3] ?? ''
}

export interface AuthorizationRequest {
  principalArn: string
  statements: PolicyStatement[]
  scpDeniedRegions: string[]
  /** A region-restricting SCP: deny when `aws:RequestedRegion` is not one of these (absent: none). */
  scpAllowedRegions?: string[] | undefined
  action: string
  /** Every resource the call touches; `*` for actions without a resource type. */
  resources: string[]
}

/** The first resource the caller may not use, as Bedrock's AccessDeniedException; undefined = allowed. */
export function authorize(request: AuthorizationRequest): AwsError | undefined {
  const { principalArn, statements, scpDeniedRegions, scpAllowedRegions, action, resources } =
    request
  for (const resource of resources) {
    const on = resource === '*' ? '' : ` on resource: ${resource}`
    const denied = (why: string): AwsError =>
      awsError(
        403,
        'AccessDeniedException',
        `User: ${principalArn} is not authorized to perform: ${action}${on} ${why}`
      )
    if (resource !== '*' && scpDeniedRegions.includes(arnRegion(resource))) {
      return denied('with an explicit deny in a service control policy')
    }
    if (
      resource !== '*' &&
      scpAllowedRegions !== undefined &&
      !scpAllowedRegions.includes(requestedRegion(resource))
    ) {
      return denied('with an explicit deny in a service control policy')
    }
    const decision = evaluatePolicy(statements, action, resource)
    if (decision === 'explicit-deny')
      return denied('with an explicit deny in an identity-based policy')
    if (decision === 'implicit-deny')
      return denied(`because no identity-based policy allows the ${action} action`)
  }
  return undefined
}
