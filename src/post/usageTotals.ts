import type { InvocationRecord } from './invocationLogs.js'

/** One model's use by this job in one region, summed from its invocation-log records. */
export interface ModelUsage {
  readonly region: string
  /** The model as Claude Code called it: a profile id, or a model id (ARNs shortened to their id). */
  readonly modelId: string
  readonly requests: number
  readonly inputTokens: number
  readonly outputTokens: number
  readonly cacheReadInputTokens: number
  readonly cacheWriteInputTokens: number
  readonly errors: number
  readonly throttles: number
}

/** Bedrock logs a profile call under the profile's ARN: the metrics and the summary use its id. */
export function shortModelId(modelId: string): string {
  const slash = modelId.lastIndexOf('/')
  return modelId.startsWith('arn:') && slash >= 0 ? modelId.slice(slash + 1) : modelId
}

const isThrottle = (code: string): boolean => /Throttl|TooManyRequests/i.test(code)

/** Sums records per model (requests count every record; errors and throttles by errorCode). */
export function sumByModel(region: string, records: readonly InvocationRecord[]): ModelUsage[] {
  const totals = new Map<string, ModelUsage>()
  for (const record of records) {
    const modelId = shortModelId(record.modelId)
    const before = totals.get(modelId) ?? {
      region,
      modelId,
      requests: 0,
      inputTokens: 0,
      outputTokens: 0,
      cacheReadInputTokens: 0,
      cacheWriteInputTokens: 0,
      errors: 0,
      throttles: 0
    }
    const error = record.errorCode
    totals.set(modelId, {
      ...before,
      requests: before.requests + 1,
      inputTokens: before.inputTokens + record.inputTokens,
      outputTokens: before.outputTokens + record.outputTokens,
      cacheReadInputTokens: before.cacheReadInputTokens + record.cacheReadInputTokens,
      cacheWriteInputTokens: before.cacheWriteInputTokens + record.cacheWriteInputTokens,
      errors: before.errors + (error !== undefined && !isThrottle(error) ? 1 : 0),
      throttles: before.throttles + (error !== undefined && isThrottle(error) ? 1 : 0)
    })
  }
  return [...totals.values()].sort((a, b) => (a.modelId < b.modelId ? -1 : 1))
}
