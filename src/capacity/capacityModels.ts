import type { ModelVerification } from '../checks/verifyModels.js'
import type { ResolvedModel } from '../models/resolvedModel.js'

/**
 * The models whose quotas the capacity lookup settles: the main and small model, the pinned
 * families that passed (their capacity rows), and those the quota refused (their throttled rows
 * name the quota found for them: one story per model).
 */
export function modelsForCapacity(models: ModelVerification | undefined): ResolvedModel[] {
  return [
    models?.main,
    models?.small,
    ...(models?.families ?? []).map((pin) =>
      pin.usable || pin.refusal === 'quota' ? pin.model : undefined
    )
  ].filter((model) => model !== undefined)
}
