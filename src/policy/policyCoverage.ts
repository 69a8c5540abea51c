import type { ResolvedModel } from '../models/resolvedModel.js'
import type { CheckResult } from '../report/types.js'
import { invokeSidFor } from './statements.js'
import type { IamPolicyDocument } from './types.js'

export interface MissingStatement {
  readonly sid: string
  readonly why: string
}

/**
 * The statements of `policy` that the checks proved this role lacks: a model call refused by the
 * role's permissions (the model's invoke statement), a Marketplace subscription refused for want of
 * the Marketplace actions, a denied GetFoundationModelAvailability. A statement no check exercised
 * is never reported missing: the checks cannot tell.
 */
export function missingStatements(
  policy: IamPolicyDocument,
  models: readonly ResolvedModel[],
  checks: readonly CheckResult[]
): MissingStatement[] {
  const sids = new Set(policy.Statement.map((statement) => statement.Sid))
  const missing: MissingStatement[] = []
  const add = (sid: string, why: string): void => {
    if (sids.has(sid) && !missing.some((m) => m.sid === sid)) missing.push({ sid, why })
  }
  for (const model of models) {
    const invoke = checks.find((c) => c.id === `model-invoke:${model.role}`)
    if (invoke?.status === 'fail' && invoke.accessKind === 'role-denied')
      add(invokeSidFor(model.invokeId), `the call to ${model.invokeId} was denied`)
  }
  if (checks.some((c) => c.accessKind === 'marketplace-permissions'))
    add('MarketplaceSubscriptionOnFirstUse', 'Bedrock could not subscribe the account')
  if (
    checks.some(
      (c) => c.id.startsWith('model-access:') && c.awsError?.code === 'AccessDeniedException'
    )
  )
    add('ListModelsAndCheckAccess', 'GetFoundationModelAvailability was denied')
  return missing
}
