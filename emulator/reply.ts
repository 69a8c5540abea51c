// What a handler answers: plain data, written to HTTP/1.1 or HTTP/2 by the dispatcher, which can
// also corrupt it on purpose (malformed, truncate faults).
import type { InvocationUsage } from './invocationLog.ts'

export interface Reply {
  status: number
  headers: Record<string, string>
  body: Buffer
  /** AWS error code, for the request log. */
  errorCode?: string
  /** For answered model invocations: what the invocation log records about them. */
  invocation?: {
    /** What Bedrock logs as `modelId`: the profile's ARN, or the foundation model's id. */
    modelId: string
    usage?: InvocationUsage
  }
}

export function jsonReply(
  status: number,
  value: unknown,
  headers: Record<string, string> = {}
): Reply {
  return {
    status,
    headers: { 'content-type': 'application/json', ...headers },
    body: Buffer.from(JSON.stringify(value))
  }
}

export function xmlReply(status: number, xml: string): Reply {
  return { status, headers: { 'content-type': 'text/xml' }, body: Buffer.from(xml) }
}

export function escapeXml(text: string): string {
  return text
    .replace(/&/g, '&amp;')
    .replace(/</g, '&lt;')
    .replace(/>/g, '&gt;')
    .replace(/"/g, '&quot;')
    .replace(/'/g, '&apos;')
}
