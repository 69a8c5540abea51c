import type { ResolvedModel } from '../models/resolvedModel.js'

/**
 * Which family of per-minute quota a call counts against; Service Quotas names each apart
 * ("On-demand", "Cross-Region", "Global cross-Region InvokeModel tokens per minute for ...").
 * Kept apart from the name matching, so the main step's entry file can record it for the post step.
 */
export type QuotaKind = 'on-demand' | 'cross-region' | 'global'

/** A `global.` profile; else a base model id called in its own region; else a cross-Region profile. */
export function quotaKind(
  model: Pick<ResolvedModel, 'invokeId' | 'type' | 'destinationRegions'>
): QuotaKind {
  if (model.invokeId.startsWith('global.')) return 'global'
  return model.type === 'foundation-model' && model.destinationRegions.length <= 1
    ? 'on-demand'
    : 'cross-region'
}
