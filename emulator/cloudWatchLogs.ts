// CloudWatch Logs FilterLogEvents over the invocation log: the records delivered (the scenario's
// delivery lag past) to the group Bedrock's logging configuration names, paged like the service.
import { awsJsonReply, pageOffset, pageToken } from './awsJson.ts'
import { partitionOf } from './catalogue.ts'
import { awsError, type AwsError } from './errors.ts'
import { FilterPatternError, matchesFilter, parseFilterPattern } from './logFilterPattern.ts'
import { denied, type ObservabilityCall } from './observabilityCall.ts'
import type { Reply } from './reply.ts'

/** Small pages, so every client must follow nextToken (CloudWatch pages by size and by time). */
const PAGE_SIZE = 25
const LOG_STREAM = 'aws/bedrock/modelinvocations'

export function handleCloudWatchLogs(operation: string, call: ObservabilityCall): Reply | AwsError {
  if (operation !== 'FilterLogEvents')
    return awsError(400, 'UnknownOperationException', `Operation ${operation} is not emulated`)
  const input = call.input
  const group =
    typeof input['logGroupName'] === 'string'
      ? input['logGroupName']
      : typeof input['logGroupIdentifier'] === 'string'
        ? input['logGroupIdentifier']
        : undefined
  if (group === undefined)
    return awsError(400, 'InvalidParameterException', 'logGroupName is required')
  const arn = `arn:${partitionOf(call.region)}:logs:${call.region}:${call.scenario.account}:log-group:${group}:*`
  const refused = denied(call, 'logs:FilterLogEvents', arn)
  if (refused) return refused
  const exists = call.log.entries.some((entry) => entry.logGroupName === group)
  const configured = call.scenario.invocationLogging?.logGroupName ?? 'bedrock-invocations'
  if (!exists && group !== configured)
    return awsError(400, 'ResourceNotFoundException', 'The specified log group does not exist.')
  let pattern
  try {
    pattern = parseFilterPattern(
      typeof input['filterPattern'] === 'string' ? input['filterPattern'] : ''
    )
  } catch (error) {
    if (error instanceof FilterPatternError)
      return awsError(400, 'InvalidParameterException', error.message)
    throw error
  }
  const start = typeof input['startTime'] === 'number' ? input['startTime'] : 0
  const end = typeof input['endTime'] === 'number' ? input['endTime'] : Number.MAX_SAFE_INTEGER
  const offset = pageOffset(input['nextToken'])
  if (offset === undefined)
    return awsError(400, 'InvalidParameterException', 'The specified nextToken is invalid.')
  const now = Date.now()
  const matching = call.log.entries.filter(
    (entry) =>
      entry.logGroupName === group &&
      entry.record.region === call.region &&
      entry.visibleAt <= now &&
      entry.at >= start &&
      entry.at <= end &&
      matchesFilter(pattern, entry.record)
  )
  const limit = typeof input['limit'] === 'number' ? Math.min(input['limit'], PAGE_SIZE) : PAGE_SIZE
  const page = matching.slice(offset, offset + limit)
  const body: Record<string, unknown> = {
    events: page.map((entry) => ({
      logStreamName: LOG_STREAM,
      timestamp: entry.at,
      message: JSON.stringify(entry.record),
      ingestionTime: entry.visibleAt,
      eventId: entry.record.requestId
    })),
    searchedLogStreams: [{ logStreamName: LOG_STREAM, searchedCompletely: true }]
  }
  if (offset + limit < matching.length) body['nextToken'] = pageToken(offset + limit)
  return awsJsonReply(body, '1.1')
}
