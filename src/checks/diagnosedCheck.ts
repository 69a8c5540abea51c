import type { Diagnosis } from '../diagnosis/types.js'
import type { CheckResult } from '../report/types.js'

/** The cause, fix and AWS error fields of a check that failed on an AWS error. */
export function diagnosedFields(
  diagnosis: Diagnosis
): Pick<CheckResult, 'cause' | 'fix' | 'awsError'> {
  const { awsError } = diagnosis
  return {
    cause: diagnosis.cause,
    fix: diagnosis.fix,
    ...(awsError
      ? {
          awsError: {
            code: awsError.code,
            message: awsError.message,
            ...(awsError.requestId ? { requestId: awsError.requestId } : {})
          }
        }
      : {})
  }
}

/** The AWS error name (`AccessDeniedException`, ...) of an SDK error, or undefined. */
export function awsErrorName(error: unknown): string | undefined {
  if (typeof error !== 'object' || error === null) return undefined
  const name = (error as { name?: unknown }).name
  return typeof name === 'string' ? name : undefined
}

export function awsErrorMessage(error: unknown): string {
  if (typeof error !== 'object' || error === null) return ''
  const message = (error as { message?: unknown }).message
  return typeof message === 'string' ? message : ''
}
