import { describeAwsError, systemErrorCode } from './awsErrorInfo.js'
import type { AwsErrorInfo, DiagnosisContext } from './types.js'

/** Throttling and AWS-side failures: the same request succeeds a little later. */
const TRANSIENT_CODES = new Set([
  'Throttling',
  'ThrottlingException',
  'TooManyRequestsException',
  'RequestLimitExceeded',
  'ServiceQuotaExceededException',
  'ServiceUnavailable',
  'ServiceUnavailableException',
  'InternalFailure',
  'InternalError',
  'InternalServerException',
  'ModelNotReadyException',
  'ModelTimeoutException',
  'ModelStreamErrorException',
  'RequestTimeout',
  'RequestTimeoutException',
  'TimeoutError',
  // STS could not fetch GitHub's signing keys: a fresh attempt usually works.
  'IDPCommunicationError'
])

/** Connection-level failures the SDK itself treats as retryable. */
const TRANSIENT_SYSTEM_CODES = new Set([
  'ECONNRESET',
  'ECONNREFUSED',
  'ECONNABORTED',
  'EPIPE',
  'ETIMEDOUT',
  'EHOSTUNREACH',
  'ENETUNREACH',
  'ENOTFOUND',
  'EAI_AGAIN'
])

const TRANSIENT_STATUS = new Set([429, 500, 502, 503, 504])

/** A daily token quota does not refill within any retry budget we have. */
export function isDailyQuota(info: AwsErrorInfo): boolean {
  return /per day/i.test(info.message)
}

export function isMalformedResponse(error: unknown, info: AwsErrorInfo): boolean {
  const fields =
    typeof error === 'object' && error !== null ? (error as Record<string, unknown>) : {}
  return (
    /Deserialization error/i.test(info.message) ||
    (info.code === 'SyntaxError' && '$response' in fields)
  )
}

/**
 * Whether the same call can succeed if simply repeated. Pass the operation when known: an expired
 * OIDC token on AssumeRoleWithWebIdentity is cured by the fresh token a retry fetches, while an
 * expired session on any signed call is not.
 */
export function isTransient(error: unknown, operation?: DiagnosisContext['operation']): boolean {
  const info = describeAwsError(error)
  // Our own deadline aborted the call: the budget is spent, repeating it would only spend more.
  if (info.code === 'AbortError') return false
  if ((TRANSIENT_CODES.has(info.code) || info.httpStatus === 429) && isDailyQuota(info))
    return false
  if (info.code === 'ExpiredTokenException' && operation === 'AssumeRoleWithWebIdentity')
    return true
  if (TRANSIENT_CODES.has(info.code)) return true
  const systemCode = systemErrorCode(error)
  if (systemCode !== undefined && TRANSIENT_SYSTEM_CODES.has(systemCode)) return true
  if (systemCode === 'ERR_HTTP2_STREAM_ERROR' && /REFUSED_STREAM/.test(info.message)) return true
  if (info.httpStatus !== undefined && TRANSIENT_STATUS.has(info.httpStatus)) return true
  return isMalformedResponse(error, info)
}
