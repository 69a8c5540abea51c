import type { AwsClients } from '../aws/clients.js'
import type { ResolvedModel } from '../models/resolvedModel.js'
import type { CheckResult } from '../report/types.js'
import {
  apiKeyOnly,
  capacityCheck,
  capacityModel,
  NOT_BEFORE_ACCOUNT_PROOF,
  quotaIncreases,
  worthFinishing,
  type CapacityOptions
} from './capacityCheck.js'
import type { QuotaCodeCache } from './quotaCodeCache.js'
import type { QuotaIncrease } from './quotaIncrease.js'
import { AnswerTimes, serviceQuotasClient } from './quotaListing.js'
import { quotaSubject } from './quotaNames.js'
import { RegionQuotas, type QuotaFinding } from './regionQuotas.js'

/**
 * The longest the main step waits for Service Quotas once the other checks are done (ms), however
 * slow its answers: set-up never pays more than this for the capacity check.
 */
export const MAX_EXTRA_WAIT_MS = 1_000
/**
 * The doctor's wait for Service Quotas once its other checks are done (ms): it has no post step to
 * finish the check, and a person waits a few seconds more for a listing of 6–9 pages.
 */
export const DOCTOR_WAIT_MS = 15_000
/** Slack on the measured round trip, so an answer due just then is not missed by a hair. */
const ROUND_TRIP_SLACK = 1.25

/**
 * How long the main step still waits for Service Quotas when the other checks are done: about one
 * round trip of Service Quotas itself, its slowest answer in this run so far (× 1.25), or before any
 * answer half the time the checks took since the lookup started (they took two round trips: the
 * listings, then the probes); never more than MAX_EXTRA_WAIT_MS. A listing is also given at most the
 * page in flight (RegionQuotas.settled), so the critical path grows by at most one round trip
 * (docs/performance.md: at most 5).
 */
export function extraWaitMs(slowestAnswerMs: number | undefined, sinceStartMs: number): number {
  const roundTrip = slowestAnswerMs ?? sinceStartMs / 2
  return Math.min(MAX_EXTRA_WAIT_MS, Math.max(0, Math.round(roundTrip * ROUND_TRIP_SLACK)))
}

export interface SettledCapacity {
  /** One check per distinct verified model (main and small may be the same). */
  checks(verified: readonly ResolvedModel[]): CheckResult[]
  /**
   * Roles (`main`, `small`, `opus`, ...) whose last `checks` call could not finish for lack of
   * time or a busy Service Quotas: the post step looks again (worthFinishing).
   */
  unfinishedRoles(): readonly string[]
  /**
   * The quotas found for a model settle was given, as increases to request (quotaIncreases), so a
   * throttled check of the same model names them; undefined when they were not found.
   */
  quotas(model: ResolvedModel): readonly QuotaIncrease[] | undefined
}

export interface CapacityLookup {
  /** A model whose checks are starting: its quotas are asked for beside them. */
  observe(model: ResolvedModel): void
  /** Waits at most extraWaitMs more for what `models` need, then stops asking. Never rejects. */
  settle(models: readonly ResolvedModel[]): Promise<SettledCapacity>
}

export interface CapacityLookupSettings {
  readonly clients: AwsClients
  /** Regions whose lookups start now (the configured model regions). */
  readonly regions: readonly string[]
  readonly cache: QuotaCodeCache | undefined
  readonly options: Omit<CapacityOptions, 'stage'>
  /**
   * `main` (default): wait at most extraWaitMs and the listing's page in flight; `doctor`: a
   * person's machine with no post step waits up to DOCTOR_WAIT_MS for the whole listing.
   */
  readonly stage?: 'main' | 'doctor'
  /**
   * `api-key`: a Bedrock API key alone; `account-first`: environment credentials with
   * allowed-account-ids (nothing is called before the account is proven); `aws`: look up.
   */
  readonly mode: 'aws' | 'api-key' | 'account-first'
  readonly now?: () => number
}

/**
 * The main step's capacity lookup: started with the credentials, fed each model as its checks
 * start, settled when the checks are done. With cached codes (quotaCodeCache.ts) for the models it
 * makes one GetServiceQuota call per quota beside the model probes; without, it lists in the
 * background from the start. Whatever has not arrived after the bounded wait is a `skip` saying
 * why, and the post step finishes it.
 */
export function startCapacityLookup(settings: CapacityLookupSettings): CapacityLookup {
  const now = settings.now ?? Date.now
  const startedAt = now()
  const stage = settings.stage ?? 'main'
  const options: CapacityOptions = { ...settings.options, stage }
  const times = new AnswerTimes(now)
  const regions = new Map<string, RegionQuotas>()
  const regionFor = (region: string): RegionQuotas => {
    let quotas = regions.get(region)
    if (quotas === undefined) {
      quotas = new RegionQuotas(
        serviceQuotasClient(settings.clients, region, stage === 'main'),
        settings.cache?.read(region),
        times
      )
      regions.set(region, quotas)
    }
    return quotas
  }
  if (settings.mode === 'aws') for (const region of settings.regions) regionFor(region)

  // Models observed but not yet looked up: their probes' requests leave first, so the Service
  // Quotas calls' CPU (signing, sending) overlaps the probes' round trip instead of delaying it.
  const deferred = new Map<NodeJS.Immediate, ResolvedModel>()
  const prefetch = (model: ResolvedModel): void =>
    regionFor(model.region).prefetch(quotaSubject(model))
  return {
    observe(model) {
      if (settings.mode !== 'aws') return
      const handle = setImmediate(() => {
        deferred.delete(handle)
        prefetch(model)
      })
      deferred.set(handle, model)
    },
    async settle(models) {
      for (const [handle, model] of deferred) {
        clearImmediate(handle)
        prefetch(model)
      }
      deferred.clear()
      const findings = new Map<string, QuotaFinding>()
      if (settings.mode === 'aws') {
        const deadline =
          now() +
          (stage === 'doctor' ? DOCTOR_WAIT_MS : extraWaitMs(times.slowest, now() - startedAt))
        await Promise.all(
          [...groupByRegion(models)].map(([region, group]) =>
            regionFor(region).settled(group.map(quotaSubject), deadline, now, stage === 'main')
          )
        )
        for (const model of models) {
          findings.set(modelKey(model), regionFor(model.region).finding(quotaSubject(model)))
        }
        for (const [region, quotas] of regions) {
          quotas.stop()
          const learned = quotas.learned()
          if (learned !== undefined) settings.cache?.write(region, learned, new Date(now()))
        }
      }
      let unfinished: string[] = []
      return {
        checks(verified) {
          unfinished = []
          const seen = new Set<string>()
          const checks: CheckResult[] = []
          for (const model of verified) {
            if (seen.has(modelKey(model))) continue
            seen.add(modelKey(model))
            if (settings.mode === 'api-key') {
              checks.push(apiKeyOnly(capacityModel(model)))
              continue
            }
            const finding =
              settings.mode === 'account-first'
                ? NOT_BEFORE_ACCOUNT_PROOF
                : (findings.get(modelKey(model)) ??
                  regionFor(model.region).finding(quotaSubject(model)))
            if (worthFinishing(finding)) unfinished.push(model.role)
            checks.push(capacityCheck(capacityModel(model), finding, options))
          }
          return checks
        },
        unfinishedRoles: () => unfinished,
        quotas(model) {
          const finding = findings.get(modelKey(model))
          return finding?.kind === 'found'
            ? quotaIncreases(finding, model.region, options.maxOutputTokens)
            : undefined
        }
      }
    }
  }
}

const modelKey = (model: ResolvedModel): string => `${model.region} ${model.invokeId}`

function groupByRegion(models: readonly ResolvedModel[]): Map<string, ResolvedModel[]> {
  const groups = new Map<string, ResolvedModel[]>()
  for (const model of models) groups.set(model.region, [...(groups.get(model.region) ?? []), model])
  return groups
}
