import {
  GetServiceQuotaCommand,
  ListServiceQuotasCommand,
  ServiceQuotasClient
} from '@aws-sdk/client-service-quotas'
import type { AwsClients } from '../aws/clients.js'
import { warmUpSettings } from '../aws/warmUp.js'
import { perMinuteUnit, type MinuteQuota } from './quotaNames.js'

/** What the listing has found when asked: it may still be paging. */
export interface QuotaSnapshot {
  /** The per-minute quotas of the pages read so far, with this account's values. */
  readonly quotas: readonly MinuteQuota[]
  /** Every page was read: a quota not in `quotas` is not listed at all. */
  readonly complete: boolean
  readonly pages: number
  readonly error?: unknown
}

/** The service's largest page (ListServiceQuotas MaxResults: 1-100). */
const PAGE_SIZE = 100
/** Bedrock lists hundreds of quotas (6–9 pages of 100 in us-east-1, 2026); a generous bound. */
const MAX_PAGES = 30

/**
 * A Service Quotas client for `region` with the run's endpoint, timeouts, proxy and credentials but
 * one attempt per call: Service Quotas is rate-limited for the whole account (a herd of jobs calls
 * it at once), and a throttled lookup becomes a `skip` instead of spending the retry budget of the
 * checks that matter more. `preconnected`: the main step's calls take the connections start-up
 * opened for them (connectionPlan.ts).
 */
export function serviceQuotasClient(
  clients: AwsClients,
  region: string,
  preconnected = false
): ServiceQuotasClient {
  const shared = clients.clientConfig('servicequotas', region, preconnected)
  return clients.adopt(
    new ServiceQuotasClient({
      region: shared.region,
      requestHandler: shared.requestHandler,
      maxAttempts: 1,
      ...(shared.endpoint !== undefined ? { endpoint: shared.endpoint } : {}),
      ...(shared.credentials !== undefined ? { credentials: shared.credentials } : {})
    })
  )
}

/**
 * How long Service Quotas' answers took in this run (ms, request sent to answer parsed): the
 * round trip the main step's bounded wait is measured in.
 */
export class AnswerTimes {
  #slowest: number | undefined
  readonly #now: () => number

  constructor(now: () => number = Date.now) {
    this.#now = now
  }

  async time<T>(call: () => Promise<T>): Promise<T> {
    const started = this.#now()
    try {
      return await call()
    } finally {
      const took = this.#now() - started
      this.#slowest = Math.max(this.#slowest ?? 0, took)
    }
  }

  /** The slowest answer so far (ms), or undefined before the first. */
  get slowest(): number | undefined {
    return this.#slowest
  }
}

/**
 * Lists Bedrock's quotas in one region (ListServiceQuotas, service code `bedrock`, pages of 100),
 * keeping the per-minute ones. Service Quotas cannot be asked for one model's quota by name, so
 * without cached codes this is the only way to find it; whoever needs it takes a snapshot of what
 * has arrived. One attempt per page (see serviceQuotasClient).
 */
export class QuotaListing {
  readonly #quotas: MinuteQuota[] = []
  #complete = false
  #pages = 0
  #error: unknown
  #stopped = false
  #pageArrived: Array<() => void> = []
  #ended = false
  /** Settles when the listing is complete, has failed or was stopped; never rejects. */
  readonly done: Promise<void>

  constructor(client: ServiceQuotasClient, times: AnswerTimes) {
    this.done = this.#list(client, times).finally(() => {
      this.#ended = true
      this.#announce()
    })
  }

  /** Settles when the page now in flight has arrived (or the listing has ended); never rejects. */
  nextPage(): Promise<void> {
    if (this.#ended) return Promise.resolve()
    return new Promise((resolve) => this.#pageArrived.push(resolve))
  }

  #announce(): void {
    for (const resolve of this.#pageArrived.splice(0)) resolve()
  }

  async #list(client: ServiceQuotasClient, times: AnswerTimes): Promise<void> {
    let token: string | undefined
    try {
      do {
        const page = await times.time(() =>
          client.send(
            new ListServiceQuotasCommand({
              ServiceCode: 'bedrock',
              MaxResults: PAGE_SIZE,
              ...(token !== undefined ? { NextToken: token } : {})
            })
          )
        )
        if (this.#stopped) return
        this.#pages++
        this.#announce()
        // Whoever waited for this page may stop the listing now (settle's continuation is
        // microtasks): let it, before the next page is asked for and then thrown away.
        await new Promise((resolve) => setImmediate(resolve))
        if (this.#stopped) return
        for (const quota of page.Quotas ?? []) {
          const unit = perMinuteUnit(quota.QuotaName ?? '')
          if (unit === undefined || quota.Value === undefined || quota.QuotaCode === undefined)
            continue
          this.#quotas.push({
            name: quota.QuotaName ?? '',
            code: quota.QuotaCode,
            value: quota.Value,
            unit
          })
        }
        token = page.NextToken
      } while (token !== undefined && this.#pages < MAX_PAGES)
      this.#complete = token === undefined
    } catch (error) {
      if (!this.#stopped) this.#error = error
    }
  }

  snapshot(): QuotaSnapshot {
    return {
      quotas: [...this.#quotas],
      complete: this.#complete,
      pages: this.#pages,
      ...(this.#error !== undefined ? { error: this.#error } : {})
    }
  }

  /** No further pages: what has arrived is all the run will use. */
  stop(): void {
    this.#stopped = true
  }
}

/** One GetServiceQuota answer for a cached code. */
export type QuotaLookup =
  | { readonly kind: 'answered'; readonly quota: MinuteQuota | undefined }
  /** NoSuchResourceException: the code is not (or no longer) a Bedrock quota. */
  | { readonly kind: 'gone' }
  | { readonly kind: 'failed'; readonly error: unknown }

/**
 * GetServiceQuota for one code: this account's applied value and the quota's current name. One
 * attempt; never throws. `quota` is undefined when the answer is not a per-minute quota.
 */
export async function lookUpQuota(
  client: ServiceQuotasClient,
  code: string,
  times: AnswerTimes
): Promise<QuotaLookup> {
  try {
    const answer = await times.time(() =>
      client.send(new GetServiceQuotaCommand({ ServiceCode: 'bedrock', QuotaCode: code }))
    )
    const name = answer.Quota?.QuotaName ?? ''
    const unit = perMinuteUnit(name)
    const value = answer.Quota?.Value
    return {
      kind: 'answered',
      quota:
        unit !== undefined && value !== undefined
          ? { name, code: answer.Quota?.QuotaCode ?? code, value, unit }
          : undefined
    }
  } catch (error) {
    if ((error as { name?: string }).name === 'NoSuchResourceException') return { kind: 'gone' }
    return { kind: 'failed', error }
  }
}

/**
 * One GetServiceQuota through the SDK's whole pipeline to an in-process handler (see warmUp.ts),
 * while the OIDC token and role requests are on the wire: the Service Quotas client's one-time
 * costs (middleware, endpoint rules, the JSON protocol, signing) then stay off the round trip its
 * first real call shares with the model checks. Nothing is sent.
 */
export async function warmUpServiceQuotas(region: string): Promise<void> {
  const client = new ServiceQuotasClient(warmUpSettings(region))
  await client
    .send(new GetServiceQuotaCommand({ ServiceCode: 'bedrock', QuotaCode: 'L-WARMUP' }))
    .catch(() => undefined)
  client.destroy()
}
