import type { IamStatement } from './types.js'

/** What Claude Code calls: `InvokeModel` (start-up probe) and `InvokeModelWithResponseStream` (every turn). */
export const INVOKE_ACTIONS = [
  'bedrock:InvokeModel',
  'bedrock:InvokeModelWithResponseStream'
] as const

/** Sorted, de-duplicated: the same models must always render the same policy. */
export function uniqueSorted(values: Iterable<string>): string[] {
  return [...new Set(values)].sort((a, b) => (a < b ? -1 : a > b ? 1 : 0))
}

/** Profiles first, then the foundation models they route to: reads like the routing itself. */
export function sortedModelArns(arns: Iterable<string>): string[] {
  const rank = (arn: string): number => (arn.includes(':foundation-model/') ? 1 : 0)
  return uniqueSorted(arns).sort((a, b) => rank(a) - rank(b))
}

export function invokeStatement(
  resources: Iterable<string>,
  sid = 'InvokeVerifiedModels'
): IamStatement {
  return {
    Sid: sid,
    Effect: 'Allow',
    Action: [...INVOKE_ACTIONS],
    Resource: sortedModelArns(resources)
  }
}

/**
 * First use of an Anthropic model subscribes the account through AWS Marketplace, on the caller's
 * behalf. `aws:CalledViaLast` keeps these actions usable only through Bedrock, not directly.
 */
export function marketplaceStatement(): IamStatement {
  return {
    Sid: 'MarketplaceSubscriptionOnFirstUse',
    Effect: 'Allow',
    Action: ['aws-marketplace:Subscribe', 'aws-marketplace:ViewSubscriptions'],
    Resource: '*',
    Condition: { StringEquals: { 'aws:CalledViaLast': 'bedrock.amazonaws.com' } }
  }
}
