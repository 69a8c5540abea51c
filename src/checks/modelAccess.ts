import {
  GetFoundationModelAvailabilityCommand,
  GetUseCaseForModelAccessCommand,
  type BedrockClient,
  type GetFoundationModelAvailabilityResponse
} from '@aws-sdk/client-bedrock'
import { diagnoseAwsError } from '../diagnosis/diagnose.js'
import { jsonBlock } from '../diagnosis/recognizer.js'
import { policyDocument } from '../policy/statements.js'
import {
  accessNotGrantedUnprovenStory,
  accountNotAuthorizedStory,
  agreementErrorStory,
  marketplaceStory,
  notAuthorizedUnknownStory,
  regionUnavailableStory,
  subscriptionPendingStory,
  useCaseStory,
  type AccessCauseKind,
  type AccessStory,
  type StorySubject
} from '../diagnosis/modelAccessStories.js'
import type { VerifyMode } from '../inputs/config.js'
import type { ResolvedModel } from '../models/resolvedModel.js'
import { joinFixText, labelledFixText } from '../report/fixText.js'
import type { CheckResult } from '../report/types.js'
import type { DiagnosisBase } from './bedrockReachable.js'
import { checkNames } from './checkNames.js'
import { awsErrorName, diagnosedFields } from './diagnosedCheck.js'

export type AvailabilityOutcome =
  | { readonly ok: true; readonly availability: GetFoundationModelAvailabilityResponse }
  | { readonly ok: false; readonly error: unknown }

/** A check plus whether its failure is specific to this role/account (so an older model may work). */
export interface AssessedCheck {
  readonly check: CheckResult
  readonly blocksRole: boolean
  /** For a failed model call: the access cause Bedrock's answer names (see modelAccessStories). */
  readonly accessKind?: AccessCauseKind
}

export async function fetchAvailability(
  client: BedrockClient,
  foundationModelId: string
): Promise<AvailabilityOutcome> {
  try {
    const response = await client.send(
      new GetFoundationModelAvailabilityCommand({ modelId: foundationModelId })
    )
    // Only the answer's fields: the response metadata has no place in a check.
    const availability: GetFoundationModelAvailabilityResponse = {
      modelId: response.modelId,
      agreementAvailability: response.agreementAvailability,
      authorizationStatus: response.authorizationStatus,
      entitlementAvailability: response.entitlementAvailability,
      regionAvailability: response.regionAvailability
    }
    return { ok: true, availability }
  } catch (error) {
    return { ok: false, error }
  }
}

/** Whether the account has Anthropic's use-case form on file (GetUseCaseForModelAccess). */
export type UseCaseState =
  | { readonly state: 'submitted' }
  | { readonly state: 'missing' }
  | { readonly state: 'unknown'; readonly why: string }

/**
 * Reads the account's use-case form. AWS answers 404 ResourceNotFoundException when none was
 * submitted (API reference, GetUseCaseForModelAccess); any other failure leaves it unknown.
 */
export async function fetchUseCase(client: BedrockClient): Promise<UseCaseState> {
  try {
    await client.send(new GetUseCaseForModelAccessCommand({}))
    return { state: 'submitted' }
  } catch (error) {
    const name = awsErrorName(error)
    if (name === 'ResourceNotFoundException') return { state: 'missing' }
    return {
      state: 'unknown',
      why:
        name === 'AccessDeniedException'
          ? 'the role may not call `bedrock:GetUseCaseForModelAccess`, which would tell'
          : `GetUseCaseForModelAccess failed: ${name ?? 'no answer'}`
    }
  }
}

/** A model-access check plus the account-level stories it found, for the reconciliation with the model calls. */
export interface AccessAssessment extends AssessedCheck {
  readonly stories: readonly AccessStory[]
  /** False when the availability call itself failed: the record says nothing then. */
  readonly readable: boolean
}

export function storySubject(model: ResolvedModel): StorySubject {
  return { foundationModelId: model.foundationModelId, region: model.region }
}

/** The fields that are not in their good state, as AWS spells them. */
export function recordSummary(availability: GetFoundationModelAvailabilityResponse): string {
  const fields = [
    availability.regionAvailability === 'NOT_AVAILABLE' ? 'regionAvailability NOT_AVAILABLE' : '',
    availability.authorizationStatus === 'NOT_AUTHORIZED'
      ? 'authorizationStatus NOT_AUTHORIZED'
      : '',
    availability.agreementAvailability?.status !== undefined &&
    availability.agreementAvailability.status !== 'AVAILABLE'
      ? `agreement ${availability.agreementAvailability.status}`
      : '',
    availability.entitlementAvailability === 'NOT_AVAILABLE' ? 'entitlement NOT_AVAILABLE' : ''
  ].filter((field) => field !== '')
  return fields.length === 0 ? 'the availability record reads ready' : fields.join(', ')
}

/**
 * The account-level causes the record shows, most fundamental first. `authorizationStatus` is the
 * account's state, not the caller's IAM policy: field reports show it NOT_AUTHORIZED on accounts
 * without Anthropic's use-case form (AUTHORIZED right after PutUseCaseForModelAccess) and on
 * accounts under verification, with administrator credentials.
 */
export function availabilityStories(
  model: ResolvedModel,
  availability: GetFoundationModelAvailabilityResponse,
  useCase: UseCaseState | undefined
): AccessStory[] {
  const subject = storySubject(model)
  const stories: AccessStory[] = []
  if (availability.regionAvailability === 'NOT_AVAILABLE')
    stories.push(regionUnavailableStory(subject, model.family))
  if (availability.authorizationStatus === 'NOT_AUTHORIZED') {
    if (useCase?.state === 'missing') stories.push(useCaseStory(subject))
    else if (useCase?.state === 'submitted') stories.push(accountNotAuthorizedStory(subject))
    else
      stories.push(
        notAuthorizedUnknownStory(subject, useCase?.why ?? 'the use-case form was not read')
      )
  }
  const agreement = availability.agreementAvailability
  if (agreement?.status === 'ERROR') {
    stories.push(
      /marketplace/i.test(agreement.errorMessage ?? '')
        ? marketplaceStory(subject)
        : agreementErrorStory(subject, agreement.errorMessage)
    )
  } else if (agreement?.status === 'PENDING') {
    stories.push(subscriptionPendingStory(subject, false))
  } else if (
    agreement?.status === 'NOT_AVAILABLE' ||
    availability.entitlementAvailability === 'NOT_AVAILABLE'
  ) {
    stories.push(accessNotGrantedUnprovenStory(subject))
  }
  return stories
}

/** Several account-level causes: the first is the cause, the others are the next steps. */
export function combinedStory(stories: readonly AccessStory[]): { cause: string; fix: string } {
  const [first, ...rest] = stories
  if (!first) return { cause: '', fix: '' }
  return {
    cause: joinFixText(
      [first.cause, ...rest.map((story) => labelledFixText('After that:', story.cause))],
      '\n\n'
    ),
    fix: joinFixText(
      [first.fix, ...rest.map((story) => labelledFixText('Then:', story.fix))],
      '\n\n'
    )
  }
}

/** Turns a GetFoundationModelAvailability answer (or error) into the `model-access:<role>` check. */
export function modelAccessCheck(
  model: ResolvedModel,
  outcome: AvailabilityOutcome,
  base: DiagnosisBase,
  verify: VerifyMode,
  useCase?: UseCaseState
): AccessAssessment {
  const names = checkNames.modelAccess(model.role)
  if (!outcome.ok) return availabilityCallFailed(model, outcome.error, base, verify)
  const stories = availabilityStories(model, outcome.availability, useCase)
  if (stories.length === 0) {
    return {
      check: {
        ...names,
        status: 'pass',
        detail: `\`${model.foundationModelId}\`: the account may use it (agreement accepted, account authorized, entitled, offered in ${model.region})`
      },
      blocksRole: false,
      stories,
      readable: true
    }
  }
  const status = stories.every((story) => story.kind === 'subscription-pending') ? 'warn' : 'fail'
  return {
    check: {
      ...names,
      status,
      detail: `\`${model.foundationModelId}\`: ${recordSummary(outcome.availability)}`,
      ...combinedStory(stories),
      ...(stories[0] !== undefined ? { accessKind: stories[0].kind } : {})
    },
    blocksRole: status === 'fail',
    stories,
    readable: true
  }
}

function availabilityCallFailed(
  model: ResolvedModel,
  error: unknown,
  base: DiagnosisBase,
  verify: VerifyMode
): AccessAssessment {
  const names = checkNames.modelAccess(model.role)
  const diagnosis = diagnoseAwsError(error, {
    ...base,
    region: model.region,
    operation: 'GetFoundationModelAvailability',
    modelId: model.foundationModelId
  })
  if (awsErrorName(error) === 'AccessDeniedException') {
    // Reading the status is a separate permission from using the model: not a reason to fail.
    return {
      check: {
        ...names,
        status: 'warn',
        detail:
          verify === 'invoke'
            ? `Could not read the access status of \`${model.foundationModelId}\`; the 1-token call is the real proof`
            : `Could not read the access status of \`${model.foundationModelId}\`; access is unproven (verify: ${verify})`,
        ...diagnosedFields(diagnosis),
        cause: 'The role may lack `bedrock:GetFoundationModelAvailability`',
        fix: [
          "Add to the role's policies (a complete policy document):",
          jsonBlock(
            policyDocument([
              {
                Sid: 'CheckModelAccess',
                Effect: 'Allow',
                Action: ['bedrock:GetFoundationModelAvailability'],
                Resource: '*'
              }
            ])
          )
        ].join('\n')
      },
      blocksRole: false,
      stories: [],
      readable: false
    }
  }
  return {
    check: {
      ...names,
      status: 'fail',
      detail: `GetFoundationModelAvailability failed for \`${model.foundationModelId}\` in ${model.region}`,
      ...diagnosedFields(diagnosis)
    },
    blocksRole: false,
    stories: [],
    readable: false
  }
}
