import type { Partition } from '../inputs/region.js'
import type { ResolvedModel } from '../models/resolvedModel.js'
import { invokeSidFor, invokeStatement, marketplaceStatement, uniqueSorted } from './statements.js'
import type { IamPolicyDocument, IamStatement } from './types.js'

export type { IamPolicyDocument, IamStatement } from './types.js'

/** Calls without resource-level permissions in IAM: they only accept `*`. */
const UNSCOPED_READ_ACTIONS = [
  'bedrock:GetFoundationModelAvailability',
  'bedrock:ListFoundationModels',
  'bedrock:ListInferenceProfiles'
]

const PROFILE_ARN_WITHOUT_ACCOUNT =
  /^(arn:[^:]+:bedrock:[^:]+):(:(?:application-)?inference-profile\/.+)$/

/**
 * IAM evaluates a profile ARN with the caller's account in it. An ARN built from an id alone has
 * none: use the account we proved, or a wildcard rather than an ARN that matches nothing.
 */
function withAccount(arn: string, accountId: string | undefined): string {
  const match = PROFILE_ARN_WITHOUT_ACCOUNT.exec(arn)
  return match === null ? arn : `${match[1]}:${accountId ?? '*'}${match[2]}`
}

function isProfile(model: ResolvedModel): boolean {
  return model.type !== 'foundation-model'
}

/** The ARN GetFoundationModel is authorised against: the base model, in the region we look it up. */
function lookupArn(model: ResolvedModel, partition: Partition): string {
  return `arn:${partition}:bedrock:${model.region}::foundation-model/${model.foundationModelId}`
}

/**
 * One invoke statement per model, its Sid named after it (`invokeSidFor`), so the summary can say
 * which model's statement the role lacks and a statement pasted from a fix matches this policy's.
 * Main and small on the same model share one statement.
 */
function invokeStatements(
  models: readonly ResolvedModel[],
  accountId: string | undefined
): IamStatement[] {
  const bySid = new Map<string, IamStatement>()
  for (const model of models) {
    const resources = isProfile(model)
      ? [withAccount(model.arn, accountId), ...model.foundationModelArns]
      : [model.arn, ...model.foundationModelArns]
    const statement = invokeStatement(resources, invokeSidFor(model.invokeId))
    const same = bySid.get(statement.Sid)
    if (same === undefined) {
      bySid.set(statement.Sid, statement)
    } else if (JSON.stringify(same.Resource) !== JSON.stringify(statement.Resource)) {
      const sid = `${statement.Sid}${bySid.size + 1}`
      bySid.set(sid, { ...statement, Sid: sid })
    }
  }
  return [...bySid.values()].sort((a, b) => (a.Sid < b.Sid ? -1 : a.Sid > b.Sid ? 1 : 0))
}

/**
 * Least privilege for exactly these (verified) models: invoke on each profile and on the foundation
 * model in every destination region a profile may route to (a missing region fails at random,
 * whenever Bedrock routes there); read-only lookups on the same resources; the unscoped List/
 * availability calls; and the Marketplace subscription Bedrock makes on first use.
 */
export function buildIamPolicy(
  models: readonly ResolvedModel[],
  partition: Partition,
  accountId?: string
): IamPolicyDocument {
  const profileArns = uniqueSorted(
    models.filter(isProfile).map((m) => withAccount(m.arn, accountId))
  )
  const statements: IamStatement[] = invokeStatements(models, accountId)
  if (profileArns.length > 0) {
    statements.push({
      Sid: 'ReadVerifiedInferenceProfiles',
      Effect: 'Allow',
      Action: ['bedrock:GetInferenceProfile'],
      Resource: profileArns
    })
  }
  if (models.length > 0) {
    statements.push({
      Sid: 'ReadVerifiedFoundationModels',
      Effect: 'Allow',
      Action: ['bedrock:GetFoundationModel'],
      Resource: uniqueSorted(models.map((m) => lookupArn(m, partition)))
    })
  }
  statements.push(
    {
      Sid: 'ListModelsAndCheckAccess',
      Effect: 'Allow',
      Action: UNSCOPED_READ_ACTIONS,
      Resource: '*'
    },
    marketplaceStatement()
  )
  return { Version: '2012-10-17', Statement: statements }
}

export function renderIamPolicy(doc: IamPolicyDocument): string {
  return JSON.stringify(doc, null, 2)
}
