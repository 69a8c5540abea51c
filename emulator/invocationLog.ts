// Bedrock model invocation logging: one record per runtime call, in the shape Bedrock delivers to
// CloudWatch Logs (schemaType ModelInvocationLog 1.0), visible after the scenario's delivery lag.
// Fed by the dispatcher for every runtime operation it answers, whatever handler produced the answer.
import type { Principal } from './credentials.ts'
import type { InvocationLoggingSpec, Scenario } from './scenario.ts'

/** Token counts of one answered call (Bedrock's invocationMetrics / usage). */
export interface InvocationUsage {
  inputTokens: number
  outputTokens: number
  cacheReadInputTokens: number
  cacheWriteInputTokens: number
}

/** A delivered record: what CloudWatch Logs holds for one call. */
export interface InvocationRecord {
  schemaType: 'ModelInvocationLog'
  schemaVersion: '1.0'
  timestamp: string
  accountId: string
  identity: { arn: string }
  region: string
  requestId: string
  operation: string
  modelId: string
  input: {
    inputContentType: string
    inputTokenCount?: number
    cacheReadInputTokenCount?: number
    cacheWriteInputTokenCount?: number
  }
  output: { outputContentType: string; outputTokenCount?: number }
  requestMetadata?: Record<string, string>
  errorCode?: string
}

/** A record with what the emulator needs to serve it: when it was made and becomes visible. */
export interface LoggedInvocation {
  record: InvocationRecord
  /** Epoch ms of the call (the log event's timestamp). */
  at: number
  /** Epoch ms from which FilterLogEvents returns it. */
  visibleAt: number
  /** HTTP status the caller got, for the CloudWatch metrics. */
  status: number
  latencyMs: number
  /** The log group it was delivered to; absent when logging was off (metrics still count it). */
  logGroupName?: string
}

export const DEFAULT_LOG_GROUP = 'bedrock-invocations'

export function loggingOf(scenario: Scenario): InvocationLoggingSpec {
  return scenario.invocationLogging ?? { enabled: true, logGroupName: DEFAULT_LOG_GROUP }
}

export interface RuntimeCallFacts {
  scenario: Scenario
  principal: Principal
  region: string
  requestId: string
  operation: string
  /** The identifier the caller used (profile id, ARN or base model id). */
  modelIdentifier: string
  /** Resolved to what Bedrock logs: the profile or foundation-model ARN, or the id as given. */
  loggedModelId: string
  requestMetadata?: Record<string, string>
  status: number
  errorCode?: string
  usage?: InvocationUsage
  receivedAt: number
}

export class InvocationLog {
  /** Every runtime call answered (CloudWatch metrics count them all), logged or not. */
  readonly entries: LoggedInvocation[] = []

  /** Called once per answered runtime call (the dispatcher's hook). */
  record(facts: RuntimeCallFacts): void {
    const logging = loggingOf(facts.scenario)
    const group = logging.enabled ? logging.logGroupName : undefined
    const at = facts.receivedAt
    const usage = facts.usage
    const record: InvocationRecord = {
      schemaType: 'ModelInvocationLog',
      schemaVersion: '1.0',
      timestamp: new Date(at).toISOString().replace(/\.\d{3}Z$/, 'Z'),
      accountId: facts.scenario.account,
      identity: { arn: facts.principal.arn },
      region: facts.region,
      requestId: facts.requestId,
      operation: facts.operation,
      modelId: facts.loggedModelId,
      input: {
        inputContentType: 'application/json',
        ...(usage !== undefined
          ? {
              inputTokenCount: usage.inputTokens,
              cacheReadInputTokenCount: usage.cacheReadInputTokens,
              cacheWriteInputTokenCount: usage.cacheWriteInputTokens
            }
          : {})
      },
      output: {
        outputContentType: 'application/json',
        ...(usage !== undefined ? { outputTokenCount: usage.outputTokens } : {})
      },
      ...(facts.requestMetadata !== undefined ? { requestMetadata: facts.requestMetadata } : {}),
      ...(facts.errorCode !== undefined ? { errorCode: facts.errorCode } : {})
    }
    this.entries.push({
      record,
      at,
      visibleAt: Date.now() + (logging.deliveryLagMs ?? 0),
      status: facts.status,
      latencyMs: Math.max(1, Date.now() - at),
      ...(group !== undefined ? { logGroupName: group } : {})
    })
  }

  /** What invocation logging recorded (delivered or still in delivery), oldest first. */
  get records(): InvocationRecord[] {
    return this.entries.filter((entry) => entry.logGroupName !== undefined).map((e) => e.record)
  }

  clear(): void {
    this.entries.length = 0
  }
}

/** Bedrock's per-request metadata: the header on InvokeModel*, `requestMetadata` in a Converse body. */
export function requestMetadataOf(
  operation: string,
  header: string | string[] | undefined,
  body: Buffer
): Record<string, string> | undefined {
  const parse = (value: unknown): Record<string, string> | undefined => {
    if (typeof value !== 'object' || value === null || Array.isArray(value)) return undefined
    const entries = Object.entries(value).filter(([, v]) => typeof v === 'string')
    return entries.length === 0
      ? undefined
      : (Object.fromEntries(entries) as Record<string, string>)
  }
  try {
    if (operation === 'Converse') {
      return parse(
        (JSON.parse(body.toString('utf8')) as { requestMetadata?: unknown }).requestMetadata
      )
    }
    const text = Array.isArray(header) ? header[0] : header
    return text === undefined ? undefined : parse(JSON.parse(text))
  } catch {
    return undefined
  }
}
