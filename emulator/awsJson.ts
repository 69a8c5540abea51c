// The awsJson 1.0/1.1 services the usage report and the capacity check call: CloudWatch Logs,
// CloudWatch, Service Quotas and the Price List. Each is `POST /` with `X-Amz-Target:
// <prefix>.<Operation>`; errors carry `__type` (and x-amzn-errortype) with a message.
import type { AwsError } from './errors.ts'
import { jsonReply, type Reply } from './reply.ts'

export type JsonService = 'logs' | 'monitoring' | 'servicequotas' | 'pricing'

/** Target prefix → the service and the SigV4 signing name its requests carry. */
const TARGET_PREFIXES: Record<string, JsonService> = {
  Logs_20140328: 'logs',
  GraniteServiceVersion20100801: 'monitoring',
  ServiceQuotasV20190624: 'servicequotas',
  AWSPriceListService: 'pricing'
}

export function jsonTarget(
  header: string | string[] | undefined
): { service: JsonService; operation: string } | undefined {
  const target = Array.isArray(header) ? header[0] : header
  if (target === undefined) return undefined
  const dot = target.indexOf('.')
  const service = TARGET_PREFIXES[target.slice(0, dot)]
  return service === undefined || dot < 0
    ? undefined
    : { service, operation: target.slice(dot + 1) }
}

export function awsJsonReply(value: unknown, version: '1.0' | '1.1'): Reply {
  return jsonReply(200, value, { 'content-type': `application/x-amz-json-${version}` })
}

export function awsJsonErrorReply(error: AwsError, requestId: string): Reply {
  const reply = jsonReply(
    error.status,
    { __type: error.code, message: error.message },
    {
      'content-type': 'application/x-amz-json-1.1',
      'x-amzn-requestid': requestId,
      'x-amzn-errortype': error.code
    }
  )
  return { ...reply, errorCode: error.code }
}

export type JsonObject = Record<string, unknown>

export function parseJsonBody(body: Buffer): JsonObject {
  try {
    const value: unknown = JSON.parse(body.toString('utf8') || '{}')
    return typeof value === 'object' && value !== null && !Array.isArray(value)
      ? (value as JsonObject)
      : {}
  } catch {
    return {}
  }
}

/** Opaque page tokens: the offset of the next item, base64url JSON. */
export function pageToken(offset: number): string {
  return Buffer.from(JSON.stringify({ offset })).toString('base64url')
}

export function pageOffset(token: unknown): number | undefined {
  if (token === undefined) return 0
  if (typeof token !== 'string') return undefined
  try {
    const value = JSON.parse(Buffer.from(token, 'base64url').toString('utf8')) as {
      offset?: unknown
    }
    return typeof value.offset === 'number' ? value.offset : undefined
  } catch {
    return undefined
  }
}
