// The account's model access state (agreements, Marketplace, use-case form, lifecycle) and the
// errors and availability report Bedrock derives from it.
import { awsError, type AwsError } from './errors.ts'
import type { CatalogueModel, ModelAccessSpec, Scenario } from './scenario.ts'

export type ModelAccess = Required<ModelAccessSpec>

const GRANTED: ModelAccess = {
  agreement: 'AVAILABLE',
  marketplaceSubscribed: true,
  useCaseSubmitted: true,
  availableForAccount: true,
  entitlement: 'AVAILABLE',
  recentlyUsed: true,
  endOfLife: false
}

export function modelAccess(scenario: Scenario, modelId: string): ModelAccess {
  return { ...GRANTED, ...scenario.modelAccess['*'], ...scenario.modelAccess[modelId] }
}

export function isEndOfLife(model: CatalogueModel, access: ModelAccess): boolean {
  const end = model.lifecycle.endOfLifeTime
  return access.endOfLife || (end !== undefined && Date.parse(end) <= Date.now())
}

const needsUseCaseForm = (model: CatalogueModel): boolean => model.providerName === 'Anthropic'

export const MARKETPLACE_DENIED =
  'Model access is denied due to IAM user or service role is not authorized to perform the required AWS Marketplace actions (aws-marketplace:ViewSubscriptions, aws-marketplace:Subscribe) to enable access to this model. Refer to the Amazon Bedrock documentation for further details. Your AWS Marketplace subscription for this model cannot be completed at this time. If you recently fixed this issue, try again after 15 minutes.'

/** Why an invocation of this model is refused, or undefined when the account may use it. */
export function invocationAccessError(
  scenario: Scenario,
  model: CatalogueModel
): AwsError | undefined {
  const access = modelAccess(scenario, model.modelId)
  if (isEndOfLife(model, access)) {
    return awsError(
      404,
      'ResourceNotFoundException',
      'This model version has reached the end of its life. Please refer to the AWS documentation for more details.'
    )
  }
  if (needsUseCaseForm(model) && !access.useCaseSubmitted) {
    return awsError(
      404,
      'ResourceNotFoundException',
      'Model use case details have not been submitted for this account. Fill out the Anthropic use case details form before using the model. If you have already filled out the form, try again in 15 minutes.'
    )
  }
  if (!access.marketplaceSubscribed)
    return awsError(403, 'AccessDeniedException', MARKETPLACE_DENIED)
  if (!access.availableForAccount) {
    // Field reports (newer Claude models, 2026): refused for the account while every field of the
    // availability record reads positive.
    return awsError(
      403,
      'AccessDeniedException',
      `${model.modelId} is not available for this account. You can explore other available models on Amazon Bedrock. For additional access options, contact AWS Sales at https://aws.amazon.com/contact-us/sales-support/`
    )
  }
  if (access.agreement !== 'AVAILABLE' || access.entitlement !== 'AVAILABLE') {
    return awsError(
      403,
      'AccessDeniedException',
      "You don't have access to the model with the specified model ID."
    )
  }
  if (model.lifecycle.status === 'LEGACY' && !access.recentlyUsed) {
    // Seen in the field: a 404 whose message starts "Access denied." (not an AccessDeniedException).
    return awsError(
      404,
      'ResourceNotFoundException',
      'Access denied. This Model is marked by provider as Legacy and you have not been actively using the model in the last 30 days. Please upgrade to an active model on Amazon Bedrock'
    )
  }
  return undefined
}

/**
 * The account's Anthropic use-case form (GetUseCaseForModelAccess's `formData`, base64), or
 * undefined when none was submitted: AWS answers 404 then. One form per account.
 */
export function useCaseForm(scenario: Scenario): string | undefined {
  const submitted = { ...GRANTED, ...scenario.modelAccess['*'] }.useCaseSubmitted
  return submitted
    ? Buffer.from(JSON.stringify({ companyName: 'Octo Org', useCases: 'CI code review' })).toString(
        'base64'
      )
    : undefined
}

/**
 * GetFoundationModelAvailability's body. `authorizationStatus` is the account's state, never the
 * caller's IAM policy: field reports show NOT_AUTHORIZED on accounts without Anthropic's use-case
 * form, turning AUTHORIZED right after PutUseCaseForModelAccess (an IAM denial of InvokeModel
 * leaves it AUTHORIZED).
 */
export function availabilityReport(
  scenario: Scenario,
  model: CatalogueModel,
  inRegion: boolean
): Record<string, unknown> {
  const access = modelAccess(scenario, model.modelId)
  const agreementAvailability: Record<string, string> = { status: access.agreement }
  if (!access.marketplaceSubscribed) {
    agreementAvailability['status'] = 'ERROR'
    agreementAvailability['errorMessage'] = MARKETPLACE_DENIED
  }
  return {
    modelId: model.modelId,
    agreementAvailability,
    authorizationStatus:
      needsUseCaseForm(model) && !access.useCaseSubmitted ? 'NOT_AUTHORIZED' : 'AUTHORIZED',
    entitlementAvailability: access.entitlement,
    regionAvailability: inRegion ? 'AVAILABLE' : 'NOT_AVAILABLE'
  }
}
