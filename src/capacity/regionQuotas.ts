import type { ServiceQuotasClient } from '@aws-sdk/client-service-quotas'
import type { QuotaCodes } from './quotaCodeCache.js'
import {
  AnswerTimes,
  lookUpQuota,
  QuotaListing,
  type QuotaLookup,
  type QuotaSnapshot
} from './quotaListing.js'
import {
  findQuota,
  namesSubject,
  type MinuteQuota,
  type QuotaName,
  type QuotaSubject,
  type QuotaUnit
} from './quotaNames.js'

/** Why the run has no cached code to ask for: decides what the skip and the post step say. */
export type CacheState = 'none' | 'stale' | 'without-model'

/** What was found about one model's per-minute quotas; capacityCheck.ts turns it into a verdict. */
export type QuotaFinding =
  | {
      readonly kind: 'found'
      readonly tokens: MinuteQuota
      readonly requests?: MinuteQuota
      /** GetServiceQuota for a cached code, or the listing. */
      readonly via: 'cached-code' | 'listing'
    }
  | {
      readonly kind: 'refused'
      readonly operation: 'ListServiceQuotas' | 'GetServiceQuota'
      readonly error: unknown
    }
  | {
      /** Service Quotas had not answered (enough) when the run stopped waiting. */
      readonly kind: 'unfinished'
      readonly operation: 'ListServiceQuotas' | 'GetServiceQuota'
      readonly pages: number
      readonly cache: CacheState
    }
  /** A complete listing names no such quota. */
  | { readonly kind: 'unnamed' }

interface CachedCodes {
  readonly tokens: QuotaName
  readonly requests?: QuotaName
}

/**
 * The per-minute quotas of one region's models, found the cheapest way available:
 *
 * - with cached codes that name the model (quotaCodeCache.ts): GetServiceQuota for exactly those
 *   codes, one call per quota, all at once; an answer whose name no longer names the model (or
 *   NoSuchResourceException) makes the cache stale for it, and the listing takes over;
 * - otherwise the listing, page by page (QuotaListing), started at once.
 *
 * Every call is one attempt (quotaListing.ts). Nothing here throws.
 */
export class RegionQuotas {
  readonly #client: ServiceQuotasClient
  readonly #times: AnswerTimes
  readonly #cached: readonly QuotaName[] | undefined
  readonly #lookups = new Map<string, Promise<QuotaLookup>>()
  readonly #answers = new Map<string, QuotaLookup>()
  /** Subjects (by key) whose cached codes turned out stale. */
  readonly #stale = new Set<string>()
  #listing: QuotaListing | undefined

  constructor(client: ServiceQuotasClient, cached: QuotaCodes | undefined, times: AnswerTimes) {
    this.#client = client
    this.#times = times
    this.#cached = cached?.quotas
    if (this.#cached === undefined) this.#startListing()
  }

  /** Starts what the subject's verdict needs, if not already under way. */
  prefetch(subject: QuotaSubject): void {
    const codes = this.#codesFor(subject)
    if (codes === undefined) {
      this.#startListing()
      return
    }
    for (const quota of [codes.tokens, codes.requests]) {
      if (quota === undefined || this.#lookups.has(quota.code)) continue
      const lookup = lookUpQuota(this.#client, quota.code, this.#times).then((answer) => {
        this.#answers.set(quota.code, answer)
        return answer
      })
      this.#lookups.set(quota.code, lookup)
    }
    // A stale tokens code: the listing is the only way left to find this model's quota.
    void this.#lookups.get(codes.tokens.code)?.then((answer) => {
      if (answer.kind === 'failed' || this.#confirms(answer, subject)) return
      this.#stale.add(key(subject))
      this.#startListing()
    })
  }

  /**
   * Resolves when everything the subjects need has arrived, or at `deadline` (epoch ms), whichever
   * is first. With `onePage`, a subject that waits for the listing waits only for the page now in
   * flight (at most one more round trip, never the page after); cached codes' answers are awaited
   * in full. Never rejects.
   */
  async settled(
    subjects: readonly QuotaSubject[],
    deadline: number,
    now: () => number,
    onePage = false
  ): Promise<void> {
    for (const subject of subjects) this.prefetch(subject)
    const page = onePage ? this.#listing?.nextPage() : undefined
    const ready = Promise.all(subjects.map((subject) => this.#ready(subject, page)))
    const left = deadline - now()
    if (left <= 0) return
    let timer: NodeJS.Timeout | undefined
    await Promise.race([
      ready,
      new Promise<void>((resolve) => {
        timer = setTimeout(resolve, left)
      })
    ])
    clearTimeout(timer)
  }

  /** What the subject waits for: its cached codes' answers, else the listing (or its next `page`). */
  async #ready(subject: QuotaSubject, page: Promise<void> | undefined): Promise<void> {
    const codes = this.#codesFor(subject)
    if (codes !== undefined) {
      const tokens = await this.#lookups.get(codes.tokens.code)
      if (codes.requests !== undefined) await this.#lookups.get(codes.requests.code)
      if (tokens !== undefined && this.#confirms(tokens, subject)) return
      if (tokens?.kind === 'failed') return
      // Stale: the listing started only now, so there is no page of it in flight to stop at.
      await this.#listing?.done
      return
    }
    await (page ?? this.#listing?.done)
  }

  /** What is known about the subject's quotas now. */
  finding(subject: QuotaSubject): QuotaFinding {
    const codes = this.#codesFor(subject)
    if (codes !== undefined) {
      const tokens = this.#answers.get(codes.tokens.code)
      if (tokens === undefined) {
        return { kind: 'unfinished', operation: 'GetServiceQuota', pages: 0, cache: 'none' }
      }
      if (tokens.kind === 'failed') {
        return { kind: 'refused', operation: 'GetServiceQuota', error: tokens.error }
      }
      if (this.#confirms(tokens, subject) && tokens.kind === 'answered' && tokens.quota) {
        const requests = codes.requests ? this.#answers.get(codes.requests.code) : undefined
        const confirmed =
          requests?.kind === 'answered' &&
          requests.quota !== undefined &&
          namesSubject(requests.quota, subject)
            ? requests.quota
            : undefined
        return {
          kind: 'found',
          tokens: tokens.quota,
          ...(confirmed !== undefined ? { requests: confirmed } : {}),
          via: 'cached-code'
        }
      }
    }
    const cache: CacheState =
      this.#cached === undefined
        ? 'none'
        : this.#stale.has(key(subject))
          ? 'stale'
          : 'without-model'
    return fromListing(this.#listing?.snapshot(), subject, cache)
  }

  /** The listing's per-minute quotas once it is complete: what the code cache learns. */
  learned(): readonly QuotaName[] | undefined {
    const snapshot = this.#listing?.snapshot()
    return snapshot?.complete === true && snapshot.error === undefined ? snapshot.quotas : undefined
  }

  /** No further pages. Calls already out are left to finish (or be closed with the clients). */
  stop(): void {
    this.#listing?.stop()
  }

  #startListing(): void {
    this.#listing ??= new QuotaListing(this.#client, this.#times)
  }

  #codesFor(subject: QuotaSubject): CachedCodes | undefined {
    if (this.#cached === undefined || this.#stale.has(key(subject))) return undefined
    const tokens = findQuota(this.#cached, subject, 'tokens')
    if (tokens === undefined) return undefined
    const requests = findQuota(this.#cached, subject, 'requests')
    return { tokens, ...(requests !== undefined ? { requests } : {}) }
  }

  #confirms(answer: QuotaLookup, subject: QuotaSubject): boolean {
    return (
      answer.kind === 'answered' &&
      answer.quota !== undefined &&
      namesSubject(answer.quota, subject)
    )
  }
}

const key = (subject: QuotaSubject): string => `${subject.kind} ${subject.foundationModelId}`

function pick(
  quotas: readonly MinuteQuota[],
  subject: QuotaSubject,
  unit: QuotaUnit
): MinuteQuota | undefined {
  return findQuota(quotas, subject, unit)
}

/** The finding from the listing's snapshot (or no listing at all: nothing asked yet). */
export function fromListing(
  snapshot: QuotaSnapshot | undefined,
  subject: QuotaSubject,
  cache: CacheState
): QuotaFinding {
  if (snapshot === undefined) {
    return { kind: 'unfinished', operation: 'ListServiceQuotas', pages: 0, cache }
  }
  const tokens = pick(snapshot.quotas, subject, 'tokens')
  if (tokens !== undefined) {
    const requests = pick(snapshot.quotas, subject, 'requests')
    return {
      kind: 'found',
      tokens,
      ...(requests !== undefined ? { requests } : {}),
      via: 'listing'
    }
  }
  if (snapshot.error !== undefined) {
    return { kind: 'refused', operation: 'ListServiceQuotas', error: snapshot.error }
  }
  if (!snapshot.complete) {
    return { kind: 'unfinished', operation: 'ListServiceQuotas', pages: snapshot.pages, cache }
  }
  return { kind: 'unnamed' }
}
