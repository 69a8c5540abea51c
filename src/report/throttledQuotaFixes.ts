import type { QuotaIncrease } from '../capacity/quotaIncrease.js'
import type { ModelVerification } from '../checks/verifyModels.js'
import { THROTTLING_CODES } from '../diagnosis/rateLimitErrors.js'
import { nameThrottledQuotas } from '../diagnosis/serviceErrors.js'
import type { ResolvedModel } from '../models/resolvedModel.js'
import type { CheckResult } from './types.js'

/**
 * The quotas the capacity lookup found for a model, as increases to request (tokens per minute
 * first, then requests per minute when that one is short too); undefined when the run did not
 * find them (no permission, not finished, a Bedrock API key alone).
 */
export type QuotasFor = (model: ResolvedModel) => readonly QuotaIncrease[] | undefined

/** The model a model check (`model-invoke:main`, `model-family:opus`, …) is about. */
function modelOfCheck(check: CheckResult, models: ModelVerification): ResolvedModel | undefined {
  const role = check.id.slice(check.id.lastIndexOf(':') + 1)
  if (role === 'main') return models.main
  if (role === 'small') return models.small
  return models.families?.find((pin) => pin.family === role)?.model
}

/**
 * One story per model: a throttled check's fix names the quota the capacity pre-flight of the same
 * run found for that model (name, code, value, a ready increase request), instead of the generic
 * names the diagnosis gives before any quota is known. Only where the check is about that very
 * model (the id it sent appears in the cause); every other check is returned as it is.
 */
export function withNamedThrottleQuotas(
  checks: readonly CheckResult[],
  models: ModelVerification | undefined,
  quotasFor: QuotasFor | undefined
): CheckResult[] {
  if (models === undefined || quotasFor === undefined) return [...checks]
  return checks.map((check) => {
    if (check.fix === undefined || !THROTTLING_CODES.has(check.awsError?.code ?? '')) return check
    const model = modelOfCheck(check, models)
    if (model === undefined || !(check.cause ?? '').includes(`\`${model.invokeId}\``)) return check
    const fix = nameThrottledQuotas(check.fix, quotasFor(model) ?? [])
    return fix === check.fix ? check : { ...check, fix }
  })
}
