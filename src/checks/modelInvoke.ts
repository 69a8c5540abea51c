import { diagnoseAwsError } from '../diagnosis/diagnose.js'
import type { Diagnosis, DiagnosisContext } from '../diagnosis/types.js'
import type { ResolvedModel } from '../models/resolvedModel.js'
import { joinFixText } from '../report/fixText.js'
import type { DiagnosisBase } from './bedrockReachable.js'
import { checkNames } from './checkNames.js'
import { awsErrorMessage, awsErrorName, diagnosedFields } from './diagnosedCheck.js'
import type { AssessedCheck } from './modelAccess.js'
import { PROBE_OPERATIONS, type ProbeOperation, type ProbeOutcome } from './modelProbes.js'

/** Both probes' outcomes for one model. */
export type ProbeOutcomes = Readonly<Record<ProbeOperation, ProbeOutcome>>

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

/** Extra context the caller knows about the model: what to suggest in a fix. */
export interface InvokeHints {
  /** A profile id to suggest when a base model id was called where only profiles work. */
  readonly suggestedProfileId?: string | undefined
  /** The geographic profile of the same model in this region, for a denied `global.` profile. */
  readonly geographicProfileId?: string | undefined
}

interface Failure {
  readonly operation: ProbeOperation
  readonly error: unknown
  readonly inStream: boolean
  readonly diagnosis: Diagnosis
}

function diagnoseProbe(
  model: ResolvedModel,
  operation: ProbeOperation,
  error: unknown,
  base: DiagnosisBase,
  hints: InvokeHints
): Diagnosis {
  const ctx: DiagnosisContext = {
    ...base,
    region: model.region,
    operation,
    modelId: model.invokeId,
    foundationModelArns: model.foundationModelArns,
    ...(model.type === 'foundation-model' ? {} : { profileArn: model.arn }),
    ...(hints.suggestedProfileId ? { suggestedProfileId: hints.suggestedProfileId } : {}),
    ...(hints.geographicProfileId ? { geographicProfileId: hints.geographicProfileId } : {})
  }
  return diagnoseAwsError(error, ctx)
}

function how(failure: Failure): string {
  return failure.inStream ? `${failure.operation} (inside the response stream)` : failure.operation
}

/**
 * The `model-invoke:<role>` check from both probes. It passes only when `InvokeModel` answered and
 * the `InvokeModelWithResponseStream` stream was read to its end. A failure names the operation(s)
 * that failed; cause and fix come from the diagnosis of each failure (once when they agree).
 */
export function modelInvokeCheck(
  model: ResolvedModel,
  outcomes: ProbeOutcomes,
  base: DiagnosisBase,
  hints: InvokeHints = {}
): AssessedCheck {
  const names = checkNames.modelInvoke(model.role)
  const failures: Failure[] = PROBE_OPERATIONS.flatMap((operation) => {
    const outcome = outcomes[operation]
    return outcome.ok
      ? []
      : [
          {
            operation,
            error: outcome.error,
            inStream: outcome.inStream,
            diagnosis: diagnoseProbe(model, operation, outcome.error, base, hints)
          }
        ]
  })
  const [first, second] = failures
  if (first === undefined) {
    return {
      check: {
        ...names,
        status: 'pass',
        detail: `\`${model.invokeId}\` answered InvokeModel and InvokeModelWithResponseStream (1 token each) in ${model.region}`
      },
      blocksRole: false
    }
  }
  const passed = PROBE_OPERATIONS.filter((operation) => outcomes[operation].ok)
  const detail =
    second === undefined
      ? `\`${model.invokeId}\`: ${how(first)} failed in ${model.region}${passed.length > 0 ? ` (${passed.join(', ')} answered)` : ''}`
      : `\`${model.invokeId}\`: ${how(first)} and ${how(second)} failed in ${model.region}`
  const fields = diagnosedFields(first.diagnosis)
  // Both calls failing the same way (one denial, one outage) is one story, told once.
  const sameStory =
    second === undefined ||
    second.diagnosis.awsError?.code === first.diagnosis.awsError?.code ||
    second.diagnosis.cause === first.diagnosis.cause
  const combined =
    sameStory || second === undefined
      ? fields
      : {
          ...fields,
          cause: `${first.operation}: ${first.diagnosis.cause}\n${second.operation}: ${second.diagnosis.cause}`,
          fix:
            second.diagnosis.fix === first.diagnosis.fix
              ? first.diagnosis.fix
              : joinFixText([first.diagnosis.fix, second.diagnosis.fix], '\n')
        }
  return {
    check: {
      ...names,
      status: 'fail',
      detail,
      ...combined,
      ...(first.diagnosis.accessKind !== undefined
        ? { accessKind: first.diagnosis.accessKind }
        : {})
    },
    blocksRole: failures.some((failure) => blocksRole(failure.error)),
    ...(first.diagnosis.accessKind !== undefined ? { accessKind: first.diagnosis.accessKind } : {})
  }
}

/** Whether a failed invoke check was a `global.` profile denied on a region-less model ARN. */
export function deniedOutsideRegions(outcomes: ProbeOutcomes): boolean {
  return PROBE_OPERATIONS.some((operation) => {
    const outcome = outcomes[operation]
    return (
      !outcome.ok &&
      awsErrorName(outcome.error) === 'AccessDeniedException' &&
      /on resource: arn:aws[a-z-]*:bedrock:::foundation-model\//.test(
        awsErrorMessage(outcome.error)
      )
    )
  })
}
