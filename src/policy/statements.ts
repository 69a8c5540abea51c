import type { IamPolicyDocument, IamStatement } from './types.js'

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

/**
 * A statement id per model, so fixes for two models pasted into one policy never collide (IAM
 * rejects a policy whose statement ids repeat). From the id Bedrock is called with: the geography
 * prefix and the model's family and version, without provider, date and version suffix:
 * `us.anthropic.claude-sonnet-4-5-20250929-v1:0` → `InvokeUsClaudeSonnet45`. Sids are [A-Za-z0-9].
 */
export function invokeSidFor(modelId: string): string {
  const id = modelId.split('/').pop() ?? modelId
  const words = id
    .replace(/\[1m\]$/, '')
    .split(/[^A-Za-z0-9]+/)
    .filter((word) => word !== '' && word !== 'anthropic')
    .filter((word) => !/^\d{8}$/.test(word) && !/^v\d+$/.test(word))
  while (words.length > 1 && words[words.length - 1] === '0') words.pop()
  const name = words.map((word) => word.charAt(0).toUpperCase() + word.slice(1)).join('')
  return `Invoke${name || 'Model'}`
}

/** A complete identity policy: what IAM's editor and `put-role-policy` accept as pasted. */
export function policyDocument(statements: readonly IamStatement[]): IamPolicyDocument {
  return { Version: '2012-10-17', Statement: statements }
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
