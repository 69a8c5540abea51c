import { modelIdWords, nameMatchScore } from '../models/modelNameMatch.js'
import type { ResolvedModel } from '../models/resolvedModel.js'
import { quotaKind, type QuotaKind } from './quotaKind.js'

export type QuotaUnit = 'tokens' | 'requests'

/**
 * A per-minute Bedrock quota as Service Quotas names it. Names and codes (`L-…`) are the service's
 * and the same for every account (Service Quotas User Guide: a quota code identifies a quota of a
 * service); only the value is the account's.
 */
export interface QuotaName {
  /** "Cross-Region InvokeModel tokens per minute for Anthropic Claude Sonnet 4.5 V1". */
  readonly name: string
  /** "L-" and the service's identifier; what GetServiceQuota takes. */
  readonly code: string
  readonly unit: QuotaUnit
}

/** A per-minute quota with this account's applied value (tokens or requests per minute). */
export interface MinuteQuota extends QuotaName {
  readonly value: number
}

/** What matching a quota name needs of a model: its foundation model and how it is called. */
export interface QuotaSubject {
  readonly foundationModelId: string
  readonly kind: QuotaKind
}

/**
 * Bedrock's per-model runtime quotas: "On-demand|Cross-Region|Global cross-Region InvokeModel
 * tokens|requests per minute for <Provider> <Model> V<n>", and the older wording "... model
 * inference tokens per minute for ..." (both in the Service Quotas console, 2025–2026).
 */
const QUOTA_NAME =
  /^(on-demand|cross-region|global cross-region)\s+(?:invokemodel|model inference)\s+(tokens|requests) per minute for (.+)$/i
const PER_MINUTE = /\b(tokens|requests) per minute for\b/i

/** The unit of a per-minute quota's name, or undefined for any other quota (per day, batch, ...). */
export function perMinuteUnit(name: string): QuotaUnit | undefined {
  const unit = PER_MINUTE.exec(name)?.[1]?.toLowerCase()
  return unit === 'tokens' || unit === 'requests' ? unit : undefined
}

export function quotaSubject(model: ResolvedModel): QuotaSubject {
  return { foundationModelId: model.foundationModelId, kind: quotaKind(model) }
}

const KINDS: Readonly<Record<string, QuotaKind>> = {
  'on-demand': 'on-demand',
  'cross-region': 'cross-region',
  'global cross-region': 'global'
}

/**
 * The quota of `unit` for this model and kind: the best name match, exact versions first; a
 * long-context variant ("... V1 1M Context Length") is another quota and never matches.
 */
export function findQuota<T extends QuotaName>(
  quotas: readonly T[],
  subject: QuotaSubject,
  unit: QuotaUnit
): T | undefined {
  const words = modelIdWords(subject.foundationModelId)
  let best: { quota: T; score: number } | undefined
  for (const quota of quotas) {
    const match = QUOTA_NAME.exec(quota.name)
    if (match === null || quota.unit !== unit) continue
    if (KINDS[(match[1] ?? '').toLowerCase()] !== subject.kind) continue
    const score = nameMatchScore(match[3] ?? '', words)
    if (score > 0 && (best === undefined || score > best.score)) best = { quota, score }
  }
  return best?.quota
}

/** Whether this quota (a GetServiceQuota answer for a cached code) still names the model. */
export function namesSubject(quota: QuotaName, subject: QuotaSubject): boolean {
  return findQuota([quota], subject, quota.unit) !== undefined
}
