import {
  GetFoundationModelAvailabilityCommand,
  type BedrockClient,
  type GetFoundationModelAvailabilityResponse
} from '@aws-sdk/client-bedrock'
import { diagnoseAwsError } from '../diagnosis/diagnose.js'
import type { VerifyMode } from '../inputs/config.js'
import type { ResolvedModel } from '../models/resolvedModel.js'
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

interface Problem {
  readonly status: 'fail' | 'warn'
  readonly cause: string
  readonly fix: string
}

function invokeStatement(model: ResolvedModel): string {
  const resources = [...new Set([model.arn, ...model.foundationModelArns])]
  return JSON.stringify({
    Effect: 'Allow',
    Action: ['bedrock:InvokeModel', 'bedrock:InvokeModelWithResponseStream'],
    Resource: resources
  })
}

const MARKETPLACE_FIX =
  'allow the role `aws-marketplace:ViewSubscriptions` and `aws-marketplace:Subscribe` ' +
  '(condition `aws:CalledViaLast = bedrock.amazonaws.com`) so its first call subscribes'

/** One problem per field that is not in its good state, most fundamental first. */
function availabilityProblems(
  model: ResolvedModel,
  availability: GetFoundationModelAvailabilityResponse
): Problem[] {
  const id = `\`${model.foundationModelId}\``
  const region = model.region
  const problems: Problem[] = []
  if (availability.regionAvailability === 'NOT_AVAILABLE') {
    problems.push({
      status: 'fail',
      cause: `Bedrock reports ${id} as not available in ${region}`,
      fix: `Use a region where the model is offered, or a cross-region inference profile (e.g. a family alias such as \`${model.family || 'sonnet'}\`).`
    })
  }
  if (availability.authorizationStatus === 'NOT_AUTHORIZED') {
    problems.push({
      status: 'fail',
      cause: `This role is not authorized to use ${id} (IAM policy, permissions boundary or SCP)`,
      fix: `Add to the role's IAM policy: \`${invokeStatement(model)}\`, and check that no SCP denies these regions: ${model.destinationRegions.join(', ') || region}.`
    })
  }
  if (availability.entitlementAvailability === 'NOT_AVAILABLE') {
    problems.push({
      status: 'fail',
      cause: `The account is not entitled to ${id} (no AWS Marketplace subscription)`,
      fix: `Enable the model for the account in the Bedrock console (Model access, ${region}), or ${MARKETPLACE_FIX}.`
    })
  }
  const agreement = availability.agreementAvailability
  switch (agreement?.status) {
    case 'PENDING':
      problems.push({
        status: 'warn',
        cause: `The subscription to ${id} is in progress; it can take minutes`,
        fix: 'Nothing to change: re-run the job in a few minutes.'
      })
      break
    case 'NOT_AVAILABLE':
      problems.push({
        status: 'fail',
        cause: `The model agreement for ${id} has not been accepted for this account (model access not granted)`,
        fix: `In the Bedrock console (${region}) open Model access, request access to ${id} and accept the agreement (first use of Anthropic models also asks for the use-case form); or ${MARKETPLACE_FIX}.`
      })
      break
    case 'ERROR':
      problems.push({
        status: 'fail',
        cause: `The model agreement for ${id} is in an error state${agreement.errorMessage ? `: ${agreement.errorMessage}` : ''}`,
        fix: `Request access to ${id} again in the Bedrock console (Model access, ${region}); contact AWS Support if it stays in error.`
      })
      break
  }
  return problems
}

/** Turns a GetFoundationModelAvailability answer (or error) into the `model-access:<role>` check. */
export function modelAccessCheck(
  model: ResolvedModel,
  outcome: AvailabilityOutcome,
  base: DiagnosisBase,
  verify: VerifyMode
): AssessedCheck {
  const names = checkNames.modelAccess(model.role)
  if (!outcome.ok) return availabilityCallFailed(model, outcome.error, base, verify)
  const problems = availabilityProblems(model, outcome.availability)
  if (problems.length === 0) {
    return {
      check: {
        ...names,
        status: 'pass',
        detail: `\`${model.foundationModelId}\`: agreement accepted, authorized, entitled, available in ${model.region}`
      },
      blocksRole: false
    }
  }
  const status = problems.some((problem) => problem.status === 'fail') ? 'fail' : 'warn'
  return {
    check: {
      ...names,
      status,
      detail: `\`${model.foundationModelId}\`: ${problems.length === 1 ? 'access is not ready' : `${problems.length} access problems`}`,
      cause: problems.map((problem) => problem.cause).join('. '),
      fix: problems.map((problem) => problem.fix).join(' ')
    },
    blocksRole: status === 'fail'
  }
}

function availabilityCallFailed(
  model: ResolvedModel,
  error: unknown,
  base: DiagnosisBase,
  verify: VerifyMode
): AssessedCheck {
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
        fix: `Add to the role's IAM policy: \`${JSON.stringify({ Effect: 'Allow', Action: 'bedrock:GetFoundationModelAvailability', Resource: '*' })}\`.`
      },
      blocksRole: false
    }
  }
  return {
    check: {
      ...names,
      status: 'fail',
      detail: `GetFoundationModelAvailability failed for \`${model.foundationModelId}\` in ${model.region}`,
      ...diagnosedFields(diagnosis)
    },
    blocksRole: false
  }
}

/** `model-access` when the 1-token call answered: that call is the stronger proof of access. */
export function accessProvenByInvoke(model: ResolvedModel): CheckResult {
  return {
    ...checkNames.modelAccess(model.role),
    status: 'pass',
    detail: `\`${model.foundationModelId}\`: the 1-token call succeeded, so the agreement, authorization and entitlement are in place in ${model.region}`
  }
}
