import {
  CloudWatchClient,
  GetMetricDataCommand,
  type MetricDataQuery
} from '@aws-sdk/client-cloudwatch'
import { briefly, isAccessDenied, type UsageProblem } from './problems.js'

/**
 * CloudWatch AWS/Bedrock metrics of one model over the job's window. Their only dimension is
 * ModelId: they count every caller in the account and region, never this job alone.
 */
export interface AccountMetrics {
  readonly region: string
  readonly modelId: string
  readonly invocations: number
  readonly throttles: number
  readonly clientErrors: number
  readonly serverErrors: number
  /** ms; undefined when there was no successful call in the window. */
  readonly latencyP50?: number
  readonly latencyP90?: number
}

const QUERIES: ReadonlyArray<readonly [string, string, string]> = [
  ['inv', 'Invocations', 'Sum'],
  ['thr', 'InvocationThrottles', 'Sum'],
  ['cli', 'InvocationClientErrors', 'Sum'],
  ['srv', 'InvocationServerErrors', 'Sum'],
  ['p50', 'InvocationLatency', 'p50'],
  ['p90', 'InvocationLatency', 'p90']
]

/**
 * One GetMetricData call for every model of a region. The window starts at the minute the main
 * step started and ends now; one period spans it, so each statistic is one value over the job.
 */
export async function accountMetrics(
  cloudwatch: CloudWatchClient,
  region: string,
  modelIds: readonly string[],
  window: { readonly start: number; readonly end: number }
): Promise<{ readonly metrics: AccountMetrics[]; readonly problem?: UsageProblem }> {
  if (modelIds.length === 0) return { metrics: [] }
  const start = Math.floor(window.start / 60_000) * 60_000
  const end = Math.ceil(window.end / 60_000) * 60_000 + 60_000
  const period = Math.max(60, Math.ceil((end - start) / 60_000) * 60)
  const queries: MetricDataQuery[] = modelIds.flatMap((modelId, index) =>
    QUERIES.map(([id, metric, stat]) => ({
      Id: `${id}${index}`,
      MetricStat: {
        Metric: {
          Namespace: 'AWS/Bedrock',
          MetricName: metric,
          Dimensions: [{ Name: 'ModelId', Value: modelId }]
        },
        Period: period,
        Stat: stat
      }
    }))
  )
  try {
    const values = new Map<string, number>()
    let nextToken: string | undefined
    do {
      const page = await cloudwatch.send(
        new GetMetricDataCommand({
          StartTime: new Date(start),
          EndTime: new Date(end),
          MetricDataQueries: queries,
          ...(nextToken !== undefined ? { NextToken: nextToken } : {})
        })
      )
      for (const result of page.MetricDataResults ?? []) {
        const sum = (result.Values ?? []).reduce((a, b) => a + b, 0)
        if (result.Id !== undefined && (result.Values ?? []).length > 0) values.set(result.Id, sum)
      }
      nextToken = page.NextToken
    } while (nextToken !== undefined)
    const metrics = modelIds.map((modelId, index) => {
      const value = (id: string): number => values.get(`${id}${index}`) ?? 0
      const p50 = values.get(`p50${index}`)
      const p90 = values.get(`p90${index}`)
      return {
        region,
        modelId,
        invocations: value('inv'),
        throttles: value('thr'),
        clientErrors: value('cli'),
        serverErrors: value('srv'),
        ...(p50 !== undefined ? { latencyP50: p50 } : {}),
        ...(p90 !== undefined ? { latencyP90: p90 } : {})
      }
    })
    return { metrics }
  } catch (error) {
    const fix = isAccessDenied(error)
      ? ' Fix: allow cloudwatch:GetMetricData (the optional statement in the README, "Optional permissions").'
      : ''
    return {
      metrics: [],
      problem: {
        line: `Bedrock usage report: no account-wide CloudWatch metrics for ${region} (${briefly(error)}).${fix}`
      }
    }
  }
}
