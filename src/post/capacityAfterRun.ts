import type { AwsClients } from '../aws/clients.js'
import { capacityCheck, headroom, type CapacityModel } from '../capacity/capacityCheck.js'
import type { QuotaCodeCache } from '../capacity/quotaCodeCache.js'
import { AnswerTimes, serviceQuotasClient } from '../capacity/quotaListing.js'
import type { MinuteQuota, QuotaSubject } from '../capacity/quotaNames.js'
import { RegionQuotas, type QuotaFinding } from '../capacity/regionQuotas.js'
import type { CheckResult } from '../report/types.js'
import type { UsageModel, UsageState } from './postState.js'
import type { UsageReport } from './usageReport.js'
import { shortModelId } from './usageTotals.js'

/**
 * How long the post step gives Service Quotas to finish (ms): enough for a listing of 30 pages at
 * a slow second each. It runs while the usage report waits for log delivery.
 */
export const POST_STEP_QUOTA_LIMIT_MS = 60_000

/** One model's capacity verdict, found by the post step after the agent ran. */
export interface CapacityAfterRun {
  readonly model: UsageModel
  readonly check: CheckResult
  /** The quotas and the reservation behind a pass or a warning. */
  readonly quotas?: {
    readonly tokens: MinuteQuota
    readonly requests?: MinuteQuota
    readonly reservation: number
    readonly turns: number
  }
  /** Throttled requests of this job on the model, from its invocation-log records (if read). */
  readonly jobThrottles?: number
  /** InvocationThrottles of every caller in the account, CloudWatch, over the job's window. */
  readonly accountThrottles?: number
}

export interface CapacityAfterRunDependencies {
  readonly state: UsageState
  readonly clients: AwsClients
  readonly cache: QuotaCodeCache | undefined
  readonly maxOutputTokens: number | undefined
  readonly now?: () => number
}

/**
 * Finishes the capacity checks the main step could not (UsageState.capacityPending): the same
 * lookup (cached codes, else the whole listing, one attempt per call), now with time, since this
 * runs while the usage report waits for log delivery. A complete listing refreshes the code cache
 * for the next job on this runner. Never throws: a refusal is the check's `skip`.
 */
export async function finishCapacity(
  deps: CapacityAfterRunDependencies
): Promise<{ readonly results: CapacityAfterRun[]; readonly cacheWritten: boolean }> {
  const pending = new Set(deps.state.capacityPending ?? [])
  const models = deps.state.models.filter(
    (model) => pending.has(model.role) && model.quotaKind !== undefined
  )
  if (models.length === 0) return { results: [], cacheWritten: false }
  const now = deps.now ?? Date.now
  const deadline = now() + POST_STEP_QUOTA_LIMIT_MS
  const times = new AnswerTimes(now)
  const regions = new Map<string, RegionQuotas>()
  for (const model of models) {
    if (!regions.has(model.region)) {
      regions.set(
        model.region,
        new RegionQuotas(
          serviceQuotasClient(deps.clients, model.region),
          deps.cache?.read(model.region),
          times
        )
      )
    }
  }
  const subject = (model: UsageModel): QuotaSubject => ({
    foundationModelId: model.foundationModelId,
    kind: model.quotaKind ?? 'cross-region'
  })
  await Promise.all(
    [...regions].map(([region, quotas]) =>
      quotas.settled(models.filter((model) => model.region === region).map(subject), deadline, now)
    )
  )
  const results = models.map((model) => {
    const finding = regions.get(model.region)?.finding(subject(model))
    return verdict(model, finding ?? { kind: 'unnamed' }, deps.maxOutputTokens)
  })
  let cacheWritten = false
  for (const [region, quotas] of regions) {
    quotas.stop()
    const learned = quotas.learned()
    if (learned !== undefined && deps.cache?.write(region, learned, new Date(now())) === true)
      cacheWritten = true
  }
  return { results, cacheWritten }
}

function verdict(
  model: UsageModel,
  finding: QuotaFinding,
  maxOutputTokens: number | undefined
): CapacityAfterRun {
  const capacity: CapacityModel = {
    role: model.role,
    foundationModelId: model.foundationModelId,
    kind: model.quotaKind ?? 'cross-region',
    region: model.region
  }
  const check = capacityCheck(capacity, finding, {
    maxOutputTokens,
    stage: 'post',
    postStep: true
  })
  if (finding.kind !== 'found') return { model, check }
  const { reservation, turns } = headroom(finding.tokens.value, maxOutputTokens)
  return {
    model,
    check,
    quotas: {
      tokens: finding.tokens,
      ...(finding.requests !== undefined ? { requests: finding.requests } : {}),
      reservation,
      turns
    }
  }
}

/** Adds what the job saw: its own throttled requests (logs) and the account's (metrics). */
export function withThrottles(
  results: readonly CapacityAfterRun[],
  report: UsageReport | undefined
): CapacityAfterRun[] {
  return results.map((result) => {
    const id = shortModelId(result.model.invokeId)
    const region = result.model.region
    const read = report?.readings.some((reading) => reading.region === region) === true
    const usage = report?.models.find((m) => m.region === region && m.modelId === id)
    const metrics = report?.metrics.find((m) => m.region === region && m.modelId === id)
    return {
      ...result,
      ...(read ? { jobThrottles: usage?.throttles ?? 0 } : {}),
      ...(metrics !== undefined ? { accountThrottles: metrics.throttles } : {})
    }
  })
}
