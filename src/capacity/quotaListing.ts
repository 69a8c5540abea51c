import { ListServiceQuotasCommand, ServiceQuotasClient } from '@aws-sdk/client-service-quotas'
import type { AwsClients } from '../aws/clients.js'

/** A per-minute Bedrock quota, as Service Quotas names it. */
export interface MinuteQuota {
  readonly name: string
  readonly code: string
  readonly value: number
  readonly unit: 'tokens' | 'requests'
}

/** What the listing has found when asked: it may still be paging. */
export interface QuotaSnapshot {
  readonly quotas: readonly MinuteQuota[]
  readonly complete: boolean
  readonly pages: number
  readonly error?: unknown
}

/** The service's largest page (ListServiceQuotas MaxResults: 1-100). */
const PAGE_SIZE = 100
/** Bedrock lists hundreds of quotas; this many pages is a generous bound. */
const MAX_PAGES = 30
const PER_MINUTE = /\b(tokens|requests) per minute for\b/i

/**
 * Lists Bedrock's quotas in `region` in the background, keeping the per-minute ones. Service Quotas
 * has no way to ask for one model's quota by name, and its codes (L-...) are opaque, so the listing
 * is read page by page while the model checks run; whoever needs it takes a snapshot of what has
 * arrived and never waits. One attempt per page: a throttled listing must not spend the retry
 * budget of the checks that matter more.
 */
export class QuotaListing {
  readonly #quotas: MinuteQuota[] = []
  #complete = false
  #pages = 0
  #error: unknown
  #stopped = false
  readonly done: Promise<void>

  constructor(clients: AwsClients, region: string) {
    // Everything but the shared retry strategy: one attempt, none of the checks' retry budget.
    const shared = clients.clientConfig('servicequotas', region)
    const client = clients.adopt(
      new ServiceQuotasClient({
        region: shared.region,
        requestHandler: shared.requestHandler,
        maxAttempts: 1,
        ...(shared.endpoint !== undefined ? { endpoint: shared.endpoint } : {}),
        ...(shared.credentials !== undefined ? { credentials: shared.credentials } : {})
      })
    )
    this.done = this.#list(client)
  }

  async #list(client: ServiceQuotasClient): Promise<void> {
    let token: string | undefined
    try {
      do {
        const page = await client.send(
          new ListServiceQuotasCommand({
            ServiceCode: 'bedrock',
            MaxResults: PAGE_SIZE,
            ...(token !== undefined ? { NextToken: token } : {})
          })
        )
        if (this.#stopped) return
        this.#pages++
        for (const quota of page.Quotas ?? []) {
          const match = PER_MINUTE.exec(quota.QuotaName ?? '')
          if (match?.[1] === undefined || quota.Value === undefined) continue
          this.#quotas.push({
            name: quota.QuotaName ?? '',
            code: quota.QuotaCode ?? '',
            value: quota.Value,
            unit: match[1].toLowerCase() === 'tokens' ? 'tokens' : 'requests'
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

  /** No further pages: the run is about to finish. */
  stop(): void {
    this.#stopped = true
  }
}

export function startQuotaListing(clients: AwsClients, region: string): QuotaListing {
  return new QuotaListing(clients, region)
}
