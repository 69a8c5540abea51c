// Account-wide request-rate limits: a token bucket per operation (or one shared by several), as
// AWS throttles its APIs. A request that finds its bucket empty is throttled and takes no token,
// so retries compete with first attempts for the same refill. setScenario() refills every bucket.
import type { RateLimitSpec } from './scenario.ts'

class TokenBucket {
  private tokens: number
  private updatedAt: number
  private readonly perMs: number
  private readonly capacity: number

  constructor(spec: RateLimitSpec, now: number) {
    this.perMs = spec.requestsPerSecond / 1000
    this.capacity = Math.max(1, spec.burst ?? spec.requestsPerSecond)
    this.tokens = this.capacity
    this.updatedAt = now
  }

  take(now: number): boolean {
    this.tokens = Math.min(this.capacity, this.tokens + (now - this.updatedAt) * this.perMs)
    this.updatedAt = now
    if (this.tokens < 1) return false
    this.tokens -= 1
    return true
  }

  refund(): void {
    this.tokens = Math.min(this.capacity, this.tokens + 1)
  }
}

function covers(spec: RateLimitSpec, operation: string): boolean {
  return spec.operations.includes('*') || spec.operations.includes(operation)
}

export class RateLimiter {
  private specs: RateLimitSpec[] = []
  private buckets = new Map<string, TokenBucket>()

  constructor(specs: RateLimitSpec[] = []) {
    this.reset(specs)
  }

  reset(specs: RateLimitSpec[]): void {
    this.specs = specs
    this.buckets = new Map()
  }

  /**
   * Whether a request for `operation` arriving at `now` (epoch ms) gets through every bucket that
   * covers it; throttled requests take no token from any of them.
   */
  admit(operation: string, now: number): boolean {
    const buckets = this.specs.flatMap((spec, index) => {
      if (!covers(spec, operation)) return []
      const key = spec.scope === 'shared' ? `${index}` : `${index} ${operation}`
      let bucket = this.buckets.get(key)
      if (!bucket) {
        bucket = new TokenBucket(spec, now)
        this.buckets.set(key, bucket)
      }
      return [bucket]
    })
    // Each bucket refills before the check; only a request all of them admit takes tokens.
    const probes = buckets.map((bucket) => ({ bucket, ok: bucket.take(now) }))
    if (probes.every((probe) => probe.ok)) return true
    for (const probe of probes) if (probe.ok) probe.bucket.refund()
    return false
  }
}
