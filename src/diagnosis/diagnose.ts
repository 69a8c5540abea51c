import { genericDenied, iamDenied } from './accessDeniedErrors.js'
import { describeAwsError } from './awsErrorInfo.js'
import { credentialRecognizers } from './credentialErrors.js'
import { modelRecognizers } from './modelErrors.js'
import { networkFailure } from './networkErrors.js'
import type { Finding, Recognizer } from './recognizer.js'
import { serviceRecognizers } from './serviceErrors.js'
import { stsRecognizers } from './stsErrors.js'
import { isTransient } from './transient.js'
import type { AwsErrorInfo, Diagnosis, DiagnosisContext } from './types.js'

export { describeAwsError } from './awsErrorInfo.js'
export { isTransient } from './transient.js'
export { trustPolicyCondition } from './trustPolicy.js'
export type { TrustPolicyCondition } from './trustPolicy.js'

/**
 * Most specific first. Network failures come before everything (they carry no AWS code); the
 * model-specific AccessDenied messages (Marketplace, model access, Legacy) before the IAM sentence
 * parser; the generic denial and the service-side catch-alls last.
 */
const RECOGNIZERS: readonly Recognizer[] = [
  networkFailure,
  ...stsRecognizers,
  ...credentialRecognizers,
  ...modelRecognizers,
  iamDenied,
  ...serviceRecognizers,
  genericDenied
]

/** Codes that only say an error had none of its own (see awsErrorInfo.ts). */
const NO_CODE = new Set(['Unknown', 'Error', 'UnknownError'])

function describeForHumans(info: AwsErrorInfo): string {
  const status = info.httpStatus !== undefined ? `, HTTP ${info.httpStatus}` : ''
  const requestId = info.requestId !== undefined ? `, request id ${info.requestId}` : ''
  // Said as such: "Unknown: (no message)" reads like a blank.
  if (NO_CODE.has(info.code) && info.message === '')
    return `no error code and no message${status}${requestId}`
  return `${info.code}${status}${requestId}: ${info.message || '(no message)'}`
}

function unrecognised(info: AwsErrorInfo, ctx: DiagnosisContext, error: unknown): Finding {
  const trail =
    info.requestId !== undefined
      ? ` CloudTrail in ${ctx.region} records the call under request id ${info.requestId}.`
      : ''
  return {
    cause: `${ctx.operation} failed in ${ctx.region} (${describeForHumans(info)}).`,
    fix: `Look up \`${info.code}\` for ${ctx.operation} in the AWS API reference; check the inputs (\`aws-region\`, \`model\`, \`role-to-assume\`) and the role's permissions.${trail} Re-run with step debug logging (ACTIONS_STEP_DEBUG) for the full call sequence.`,
    transient: isTransient(error, ctx.operation)
  }
}

/**
 * Turns any failure of an AWS call into a named cause and the exact fix. Only the error's code,
 * message (redacted, one line), request id and HTTP status are read and kept: never the whole error
 * object, whose `$response` can hold request headers.
 */
export function diagnoseAwsError(error: unknown, ctx: DiagnosisContext): Diagnosis {
  const awsError = describeAwsError(error)
  for (const recognize of RECOGNIZERS) {
    const finding = recognize(awsError, ctx, error)
    if (finding !== undefined) return { ...finding, awsError }
  }
  return { ...unrecognised(awsError, ctx, error), awsError }
}
