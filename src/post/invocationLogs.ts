import {
  BedrockClient,
  GetModelInvocationLoggingConfigurationCommand
} from '@aws-sdk/client-bedrock'
import {
  CloudWatchLogsClient,
  FilterLogEventsCommand,
  type FilteredLogEvent
} from '@aws-sdk/client-cloudwatch-logs'
import { awsErrorName, briefly, isAccessDenied, type UsageProblem } from './problems.js'

/** Where a region's invocation logs go, or why they cannot be read. */
export type LoggingDestination =
  | { readonly kind: 'cloudwatch'; readonly logGroupName: string }
  | { readonly kind: 'unavailable'; readonly problem: UsageProblem }

/** Where the fix command can name the account: the caller's, when the post step knows it. */
export interface LoggingOwner {
  readonly partition?: string
  readonly accountId?: string
}

const ENABLE_LOGGING = (region: string, owner: LoggingOwner): string =>
  `aws bedrock put-model-invocation-logging-configuration --region ${region} --logging-config '{"cloudWatchConfig":{"logGroupName":"bedrock-invocations","roleArn":"arn:${owner.partition ?? 'aws'}:iam::${owner.accountId ?? '<account>'}:role/<role Bedrock may write logs with>"},"textDataDeliveryEnabled":false}'`

/**
 * GetModelInvocationLoggingConfiguration: logging is per region and off by default; only a
 * CloudWatch Logs destination can be queried here (S3 delivery needs Athena or similar).
 */
export async function loggingDestination(
  bedrock: BedrockClient,
  region: string,
  owner: LoggingOwner = {}
): Promise<LoggingDestination> {
  try {
    const answer = await bedrock.send(new GetModelInvocationLoggingConfigurationCommand({}))
    const group = answer.loggingConfig?.cloudWatchConfig?.logGroupName
    if (group !== undefined && group !== '') return { kind: 'cloudwatch', logGroupName: group }
    if (answer.loggingConfig?.s3Config !== undefined) {
      return unavailable(
        `Bedrock usage report: model invocation logging in ${region} delivers to S3 only, which this report does not read. Fix: add a CloudWatch Logs destination (cloudWatchConfig) to the logging configuration, e.g. ${ENABLE_LOGGING(region, owner)} (keep your s3Config in it).`,
        { region, why: 'invocation logs go to S3 only, which this report does not read' }
      )
    }
    return unavailable(
      `Bedrock usage report: model invocation logging is off in ${region}, so Bedrock recorded no per-call usage. Fix: turn it on with a CloudWatch Logs destination: ${ENABLE_LOGGING(region, owner)} (textDataDeliveryEnabled false keeps prompts out of the log; token counts and requestMetadata are still recorded).`,
      { region, why: 'model invocation logging is off' }
    )
  } catch (error) {
    if (isAccessDenied(error)) {
      return unavailable(
        `Bedrock usage report: this role may not read the invocation-logging configuration in ${region} (${briefly(error)}). Fix: add bedrock:GetModelInvocationLoggingConfiguration to the optional statement in the README ("Optional permissions").`,
        { region, why: 'permission denied: bedrock:GetModelInvocationLoggingConfiguration' }
      )
    }
    return unavailable(
      `Bedrock usage report: could not read the invocation-logging configuration in ${region} (${briefly(error)}).`,
      { region, why: `the logging configuration could not be read (${awsErrorName(error)})` }
    )
  }
}

function unavailable(line: string, unread: UsageProblem['unread']): LoggingDestination {
  return { kind: 'unavailable', problem: { line, ...(unread !== undefined ? { unread } : {}) } }
}

/** The handles that pick this job's records out of a log group every caller in the account shares. */
export interface SessionMatch {
  /** The role session's ARN: `identity.arn` of every call made with the action's credentials. */
  readonly sessionArn?: string
  /** `requestMetadata.session` of every call Claude Code made with the metadata header. */
  readonly metadataSession?: string
}

/**
 * A CloudWatch Logs JSON filter pattern for this job: its session's identity, or its request
 * metadata. Undefined when there is neither (no handle: the report cannot tell this job's calls).
 */
export function sessionFilterPattern(match: SessionMatch): string | undefined {
  const clauses: string[] = []
  if (match.sessionArn !== undefined) clauses.push(`($.identity.arn = "${match.sessionArn}")`)
  if (match.metadataSession !== undefined)
    clauses.push(`($.requestMetadata.session = "${match.metadataSession}")`)
  return clauses.length === 0 ? undefined : `{ ${clauses.join(' || ')} }`
}

/** One invocation-log record, the fields the report reads (Bedrock's ModelInvocationLog schema). */
export interface InvocationRecord {
  readonly requestId: string
  readonly modelId: string
  readonly operation?: string
  readonly inputTokens: number
  readonly outputTokens: number
  readonly cacheReadInputTokens: number
  readonly cacheWriteInputTokens: number
  readonly errorCode?: string
  readonly timestamp: number
}

const count = (value: unknown): number =>
  typeof value === 'number' && Number.isFinite(value) ? value : 0

export function parseRecord(event: FilteredLogEvent): InvocationRecord | undefined {
  try {
    const record = JSON.parse(event.message ?? '') as {
      requestId?: string
      modelId?: string
      operation?: string
      errorCode?: string
      input?: Record<string, unknown>
      output?: Record<string, unknown>
    }
    if (typeof record.modelId !== 'string') return undefined
    return {
      requestId: record.requestId ?? event.eventId ?? '',
      modelId: record.modelId,
      ...(record.operation !== undefined ? { operation: record.operation } : {}),
      inputTokens: count(record.input?.['inputTokenCount']),
      outputTokens: count(record.output?.['outputTokenCount']),
      cacheReadInputTokens: count(record.input?.['cacheReadInputTokenCount']),
      cacheWriteInputTokens: count(record.input?.['cacheWriteInputTokenCount']),
      ...(typeof record.errorCode === 'string' && record.errorCode !== ''
        ? { errorCode: record.errorCode }
        : {}),
      timestamp: event.timestamp ?? 0
    }
  } catch {
    return undefined
  }
}

/** Every page of one FilterLogEvents query (bounded), records de-duplicated by request id. */
async function readRecords(
  logs: CloudWatchLogsClient,
  logGroupName: string,
  filterPattern: string,
  startTime: number,
  endTime: number
): Promise<Map<string, InvocationRecord>> {
  const records = new Map<string, InvocationRecord>()
  let nextToken: string | undefined
  let pages = 0
  do {
    const page = await logs.send(
      new FilterLogEventsCommand({
        logGroupName,
        filterPattern,
        startTime,
        endTime,
        ...(nextToken !== undefined ? { nextToken } : {})
      })
    )
    for (const event of page.events ?? []) {
      const record = parseRecord(event)
      if (record !== undefined) records.set(record.requestId || `${records.size}`, record)
    }
    nextToken = page.nextToken
    pages++
  } while (nextToken !== undefined && pages < 200)
  return records
}

export interface LogReading {
  readonly records: readonly InvocationRecord[]
  /** How long the report waited for delivery, ms. */
  readonly waitedMs: number
  /** True when two reads in a row found the same records; false when the wait ran out first. */
  readonly stable: boolean
  readonly problem?: UsageProblem
}

export interface WaitPolicy {
  /** The longest wait for delivery (usage-report-wait-seconds), ms. */
  readonly maxWaitMs: number
  readonly now: () => number
  readonly sleep: (ms: number) => Promise<void>
}

/** Time between reads: a tenth of the wait, between 0.25 s and 5 s. */
export function pollInterval(maxWaitMs: number): number {
  return Math.min(5_000, Math.max(250, Math.round(maxWaitMs / 10)))
}

/**
 * Reads this job's records, waiting for Bedrock's delivery lag: reads again every poll interval
 * until two reads in a row return the same records (at least one), or the wait runs out. Why
 * FilterLogEvents and not Logs Insights: it answers synchronously (no query to start and poll),
 * costs nothing per GB scanned, returns each record (so reads can be compared record by record),
 * and needs one permission, logs:FilterLogEvents.
 */
export async function readSessionRecords(
  logs: CloudWatchLogsClient,
  logGroupName: string,
  filterPattern: string,
  window: { readonly start: number; readonly region?: string },
  wait: WaitPolicy
): Promise<LogReading> {
  const began = wait.now()
  const interval = pollInterval(wait.maxWaitMs)
  let previous: Map<string, InvocationRecord> | undefined
  for (;;) {
    let current: Map<string, InvocationRecord>
    try {
      current = await readRecords(logs, logGroupName, filterPattern, window.start, wait.now())
    } catch (error) {
      const denied = isAccessDenied(error)
      const missing = !denied && /ResourceNotFound/.test(awsErrorName(error))
      const fix = denied
        ? `Fix: allow logs:FilterLogEvents on ${logGroupName} (the optional statement in the README, "Optional permissions").`
        : missing
          ? 'Fix: create the log group the logging configuration names, or point the configuration at an existing one.'
          : ''
      const why = denied
        ? 'permission denied: logs:FilterLogEvents'
        : missing
          ? `the log group ${logGroupName} does not exist`
          : `${awsErrorName(error)} reading ${logGroupName}`
      return {
        records: [],
        waitedMs: wait.now() - began,
        stable: false,
        problem: {
          line: `Bedrock usage report: could not read the invocation logs in ${logGroupName} (${briefly(error)}). ${fix}`.trim(),
          unread: { region: window.region ?? logGroupName, why }
        }
      }
    }
    const same =
      previous !== undefined &&
      current.size > 0 &&
      current.size === previous.size &&
      [...current.keys()].every((key) => previous?.has(key))
    const elapsed = wait.now() - began
    if (same || elapsed + interval > wait.maxWaitMs) {
      return { records: [...current.values()], waitedMs: elapsed, stable: same }
    }
    previous = current
    await wait.sleep(interval)
  }
}
