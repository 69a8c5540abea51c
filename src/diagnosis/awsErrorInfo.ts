import { sanitizeAwsMessage } from './redact.js'
import type { AwsErrorInfo } from './types.js'

/**
 * Names that say nothing about the failure: the SDK's base classes, and what Node puts on system
 * errors whose real identity is in `code` (ECONNREFUSED, ENOTFOUND, ERR_HTTP2_…).
 */
const GENERIC_NAMES = new Set([
  'Error',
  'AggregateError',
  'SystemError',
  'ServiceException',
  'UnknownError',
  'Unknown'
])

const REQUEST_ID = /^[A-Za-z0-9_:./+=-]{1,128}$/

type Fields = Readonly<Record<string, unknown>>

function asFields(value: unknown): Fields | undefined {
  return typeof value === 'object' && value !== null ? (value as Fields) : undefined
}

function stringField(fields: Fields | undefined, key: string): string | undefined {
  const value = fields?.[key]
  return typeof value === 'string' && value.trim() !== '' ? value.trim() : undefined
}

/** The error itself, then its `cause` chain (bounded): the SDK and Node sometimes wrap the real one. */
export function errorChain(error: unknown): readonly Fields[] {
  const chain: Fields[] = []
  let current = asFields(error)
  while (current !== undefined && chain.length < 5 && !chain.includes(current)) {
    chain.push(current)
    current = asFields(current['cause'])
  }
  return chain
}

/** Node system-error code (`ECONNREFUSED`, `ERR_HTTP2_STREAM_ERROR`, …) anywhere in the chain. */
export function systemErrorCode(error: unknown): string | undefined {
  for (const fields of errorChain(error)) {
    const code = stringField(fields, 'code')
    if (
      code !== undefined &&
      /^(E[A-Z0-9_]+|ERR_[A-Z0-9_]+|[A-Z_]*CERT[A-Z_]*|UNABLE_TO_[A-Z_]+)$/.test(code)
    ) {
      return code
    }
    // Happy-eyeballs connects fail with an AggregateError whose members carry the code.
    const members = fields['errors']
    if (Array.isArray(members)) {
      const inner = systemErrorCode(members[0])
      if (inner !== undefined) return inner
    }
  }
  return undefined
}

/**
 * The SDK names STS's modeled errors after their shapes (`InvalidIdentityTokenException`), while
 * the wire, the AWS docs and users say `InvalidIdentityToken`: diagnose and show the wire code.
 */
const STS_SHAPE_TO_WIRE_CODE: Readonly<Record<string, string>> = {
  InvalidIdentityTokenException: 'InvalidIdentityToken',
  IDPCommunicationErrorException: 'IDPCommunicationError',
  IDPRejectedClaimException: 'IDPRejectedClaim',
  MalformedPolicyDocumentException: 'MalformedPolicyDocument',
  PackedPolicyTooLargeException: 'PackedPolicyTooLarge'
}

function codeOf(fields: Fields | undefined): string {
  const name = stringField(fields, 'name')
  // awsQuery (STS) errors also carry the wire code as `Code`; restJson ones sometimes `__type`.
  const wireCode = stringField(fields, 'Code') ?? stringField(fields, '__type')?.split('#').pop()
  if (name !== undefined && !GENERIC_NAMES.has(name)) {
    return STS_SHAPE_TO_WIRE_CODE[name] ?? wireCode ?? name
  }
  if (wireCode !== undefined) return wireCode
  return systemErrorCode(fields) ?? name ?? 'Unknown'
}

function messageOf(error: unknown, fields: Fields | undefined): string {
  const raw =
    stringField(fields, 'message') ??
    stringField(fields, 'Message') ??
    (fields === undefined && error !== undefined ? String(error) : '')
  return sanitizeAwsMessage(raw)
}

function countField(fields: Fields | undefined, key: string): number | undefined {
  const value = fields?.[key]
  return typeof value === 'number' && Number.isInteger(value) && value >= 0 ? value : undefined
}

/**
 * Only the facts that are safe to show: code, message, request id, HTTP status, and how often the
 * SDK tried and how long it waited in between. Never the error object itself (its `$response`
 * holds the raw request and response, headers included).
 */
export function describeAwsError(error: unknown): AwsErrorInfo {
  const fields = asFields(error)
  const metadata = asFields(fields?.['$metadata'])
  const requestId = stringField(metadata, 'requestId') ?? stringField(fields, 'RequestId')
  const status = metadata?.['httpStatusCode']
  const attempts = countField(metadata, 'attempts')
  const retryDelayMs = countField(metadata, 'totalRetryDelay')
  return {
    code: codeOf(fields),
    message: messageOf(error, fields),
    ...(requestId !== undefined && REQUEST_ID.test(requestId) ? { requestId } : {}),
    ...(typeof status === 'number' && Number.isInteger(status) ? { httpStatus: status } : {}),
    ...(attempts !== undefined && attempts > 1 ? { attempts } : {}),
    ...(attempts !== undefined && attempts > 1 && retryDelayMs !== undefined
      ? { retryDelayMs }
      : {})
  }
}
