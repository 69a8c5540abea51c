import { ConverseCommand, type BedrockRuntimeClient } from '@aws-sdk/client-bedrock-runtime'
import { diagnoseAwsError } from '../diagnosis/diagnose.js'
import type { ResolvedModel } from '../models/resolvedModel.js'
import type { DiagnosisBase } from './bedrockReachable.js'
import { checkNames } from './checkNames.js'
import { awsErrorMessage, awsErrorName, diagnosedFields } from './diagnosedCheck.js'
import type { AssessedCheck } from './modelAccess.js'

export type InvokeOutcome = { readonly ok: true } | { readonly ok: false; readonly error: unknown }

/** The cheapest proof of `bedrock:InvokeModel`: one user message, one output token. */
export async function probeConverse(
  client: BedrockRuntimeClient,
  invokeId: string
): Promise<InvokeOutcome> {
  try {
    await client.send(
      new ConverseCommand({
        modelId: invokeId,
        messages: [{ role: 'user', content: [{ text: 'ping' }] }],
        inferenceConfig: { maxTokens: 1 }
      })
    )
    return { ok: true }
  } catch (error) {
    return { ok: false, error }
  }
}

/**
 * Failures that belong to this role or account (IAM, SCP, model access, agreement, Marketplace,
 * the Anthropic use-case form): an older model version may still work. Throttling, outages and
 * invalid ids would fail the same way for every version.
 */
export function blocksRole(error: unknown): boolean {
  const name = awsErrorName(error)
  if (name === 'AccessDeniedException') return true
  return name === 'ResourceNotFoundException' && /use case/i.test(awsErrorMessage(error))
}

export function modelInvokeCheck(
  model: ResolvedModel,
  outcome: InvokeOutcome,
  base: DiagnosisBase,
  suggestedProfileId: string | undefined
): AssessedCheck {
  const names = checkNames.modelInvoke(model.role)
  if (outcome.ok) {
    return {
      check: {
        ...names,
        status: 'pass',
        detail: `\`${model.invokeId}\` answered a 1-token call in ${model.region}`
      },
      blocksRole: false
    }
  }
  const diagnosis = diagnoseAwsError(outcome.error, {
    ...base,
    region: model.region,
    operation: 'Converse',
    modelId: model.invokeId,
    foundationModelArns: model.foundationModelArns,
    ...(model.type === 'foundation-model' ? {} : { profileArn: model.arn }),
    ...(suggestedProfileId ? { suggestedProfileId } : {})
  })
  return {
    check: {
      ...names,
      status: 'fail',
      detail: `\`${model.invokeId}\` did not answer a 1-token call in ${model.region}`,
      ...diagnosedFields(diagnosis)
    },
    blocksRole: blocksRole(outcome.error),
    ...(diagnosis.accessKind !== undefined ? { accessKind: diagnosis.accessKind } : {})
  }
}
