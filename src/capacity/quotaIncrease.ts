import type { MinuteQuota } from './quotaNames.js'

/**
 * A per-minute quota of one model that a fix asks to raise: what Service Quotas calls it, its code,
 * the region it applies to (Bedrock's quotas are per region), the account's value now and the value
 * to ask for. Plain data, so the entry bundle can word a fix from it without the capacity chunk.
 */
export interface QuotaIncrease extends MinuteQuota {
  readonly region: string
  /** The value to request, in the quota's unit per minute. */
  readonly desired: number
}

const number = (value: number): string => Math.round(value).toLocaleString('en-US')

/** "1 request per minute", "2,000,000 tokens per minute": the quota's value in its unit. */
export function perMinute(value: number, unit: MinuteQuota['unit']): string {
  const noun = unit === 'tokens' ? 'token' : 'request'
  return `${number(value)} ${noun}${value === 1 ? '' : 's'} per minute`
}

/** `"Cross-Region InvokeModel tokens per minute for …" (L-…)`: how the console and CLI find it. */
export function quotedQuota(quota: Pick<MinuteQuota, 'name' | 'code'>): string {
  return `"${quota.name}" (${quota.code})`
}

/**
 * The pasteable request (Service Quotas API RequestServiceQuotaIncrease; `--region` because a
 * Bedrock quota belongs to one region, and the CLI's default region may be another).
 */
export function increaseCommand(increase: QuotaIncrease): string {
  return `aws service-quotas request-service-quota-increase --service-code bedrock --region ${increase.region} --quota-code ${increase.code} --desired-value ${Math.round(increase.desired)}`
}
