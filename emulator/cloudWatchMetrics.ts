// CloudWatch GetMetricData for the AWS/Bedrock namespace, computed from every runtime call the
// emulator answered in the region (all callers: Bedrock's metrics are account-wide, per ModelId).
import { awsJsonReply } from './awsJson.ts'
import { awsError, type AwsError } from './errors.ts'
import type { LoggedInvocation } from './invocationLog.ts'
import { denied, type ObservabilityCall } from './observabilityCall.ts'
import type { Reply } from './reply.ts'

type Json = Record<string, unknown>

/** The ModelId dimension: the profile id for profile calls, else the model id. */
export function metricModelId(loggedModelId: string): string {
  const slash = loggedModelId.lastIndexOf('/')
  return loggedModelId.startsWith('arn:') && slash >= 0
    ? loggedModelId.slice(slash + 1)
    : loggedModelId
}

function isThrottle(entry: LoggedInvocation): boolean {
  return entry.status === 429 || /Throttl/i.test(entry.record.errorCode ?? '')
}

/** The values one metric takes in `entries` (one per call, as CloudWatch's samples). */
function samples(metric: string, entries: LoggedInvocation[]): number[] {
  const ok = entries.filter((entry) => entry.status < 400)
  switch (metric) {
    case 'Invocations':
      return ok.map(() => 1)
    case 'InvocationThrottles':
      return entries.filter(isThrottle).map(() => 1)
    case 'InvocationClientErrors':
      return entries.filter((e) => e.status >= 400 && e.status < 500 && !isThrottle(e)).map(() => 1)
    case 'InvocationServerErrors':
      return entries.filter((e) => e.status >= 500).map(() => 1)
    case 'InvocationLatency':
      return ok.map((entry) => entry.latencyMs)
    case 'InputTokenCount':
      return ok.map((entry) => entry.record.input.inputTokenCount ?? 0)
    case 'OutputTokenCount':
      return ok.map((entry) => entry.record.output.outputTokenCount ?? 0)
    default:
      return []
  }
}

function statistic(stat: string, values: number[]): number | undefined {
  if (values.length === 0) return undefined
  const sorted = [...values].sort((a, b) => a - b)
  const percentile = /^p(\d+(?:\.\d+)?)$/.exec(stat)
  if (percentile?.[1] !== undefined) {
    const rank = Math.ceil((Number(percentile[1]) / 100) * sorted.length) - 1
    return sorted[Math.min(sorted.length - 1, Math.max(0, rank))]
  }
  const sum = values.reduce((a, b) => a + b, 0)
  if (stat === 'Sum') return sum
  if (stat === 'SampleCount') return values.length
  if (stat === 'Average') return sum / values.length
  if (stat === 'Maximum') return sorted[sorted.length - 1]
  if (stat === 'Minimum') return sorted[0]
  return undefined
}

export function handleCloudWatchMetrics(
  operation: string,
  call: ObservabilityCall
): Reply | AwsError {
  if (operation !== 'GetMetricData')
    return awsError(400, 'UnknownOperationException', `Operation ${operation} is not emulated`)
  const refused = denied(call, 'cloudwatch:GetMetricData')
  if (refused) return refused
  const start = Number(call.input['StartTime']) * 1000
  const end = Number(call.input['EndTime']) * 1000
  const queries = Array.isArray(call.input['MetricDataQueries'])
    ? (call.input['MetricDataQueries'] as Json[])
    : []
  if (!Number.isFinite(start) || !Number.isFinite(end) || queries.length === 0)
    return awsError(
      400,
      'InvalidParameterValue',
      'StartTime, EndTime and MetricDataQueries are required'
    )
  const results = queries.map((query) => {
    const stat = (query['MetricStat'] ?? {}) as Json
    const metric = (stat['Metric'] ?? {}) as Json
    const dimensions = Array.isArray(metric['Dimensions']) ? (metric['Dimensions'] as Json[]) : []
    const modelId = dimensions.find((d) => d['Name'] === 'ModelId')?.['Value']
    const period = Math.max(1, Number(stat['Period'] ?? 60)) * 1000
    const entries =
      metric['Namespace'] === 'AWS/Bedrock'
        ? call.log.entries.filter(
            (entry) =>
              entry.record.region === call.region &&
              entry.at >= start &&
              entry.at < end &&
              (modelId === undefined || metricModelId(entry.record.modelId) === modelId)
          )
        : []
    const timestamps: number[] = []
    const values: number[] = []
    for (let bucket = start; bucket < end; bucket += period) {
      const inBucket = entries.filter((entry) => entry.at >= bucket && entry.at < bucket + period)
      const value = statistic(
        String(stat['Stat'] ?? 'Sum'),
        samples(String(metric['MetricName']), inBucket)
      )
      if (value === undefined) continue
      timestamps.push(bucket / 1000)
      values.push(value)
    }
    return {
      Id: query['Id'],
      Label: String(metric['MetricName'] ?? ''),
      Timestamps: timestamps,
      Values: values,
      StatusCode: 'Complete'
    }
  })
  return awsJsonReply({ MetricDataResults: results, Messages: [] }, '1.0')
}
