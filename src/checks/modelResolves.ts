import type { ModelRef } from '../models/modelRef.js'
import type { ModelRole, ResolvedModel } from '../models/resolvedModel.js'
import { modelInputName } from '../models/resolveModel.js'
import type { CheckResult } from '../report/types.js'
import { checkNames } from './checkNames.js'

function day(date: Date): string {
  return date.toISOString().slice(0, 10)
}

function route(model: ResolvedModel): string {
  const regions = model.destinationRegions.join(', ')
  switch (model.type) {
    case 'foundation-model':
      return `foundation model, on demand in ${model.region}`
    case 'system-inference-profile':
      return regions ? `inference profile, routes to ${regions}` : 'inference profile'
    case 'application-inference-profile':
      return `application inference profile for ${model.foundationModelId}${regions ? `, routes to ${regions}` : ''}`
  }
}

/** What the user wrote → what it resolved to, e.g. `sonnet → us.anthropic.claude-sonnet-4-6 (...)`. */
export function resolutionSummary(model: ResolvedModel): string {
  const asked = model.ref.raw === model.exportId ? '' : `${model.ref.raw} → `
  return `${asked}${model.exportId} (${route(model)})`
}

/**
 * A resolved model passes when ACTIVE; LEGACY warns with its dates and, when the region has one,
 * the newer ACTIVE id of the same family (`newerId`).
 */
export function modelResolvedCheck(
  model: ResolvedModel,
  newerId: string | undefined,
  seen: {
    /** The model's own calls answered "reached the end of its life" (they win over the listing). */
    readonly endedOnCall?: boolean
    readonly now?: Date
  } = {}
): CheckResult {
  const names = checkNames.modelResolves(model.role)
  const detail = resolutionSummary(model)
  const { lifecycle } = model
  if (lifecycle.status === 'ACTIVE' && seen.endedOnCall !== true) {
    return { ...names, status: 'pass', detail }
  }
  const now = seen.now ?? new Date()
  const since = lifecycle.legacyTime ? ` since ${day(lifecycle.legacyTime)}` : ''
  const eol = lifecycle.endOfLifeTime
  // One story with the calls and with today's date: a listed date in the future never stands next
  // to a call that says the model is already past its end of life.
  const end =
    eol === undefined
      ? seen.endedOnCall === true
        ? ', and its calls already answer that it has reached its end of life'
        : ''
      : eol.getTime() <= now.getTime()
        ? ` and reached end of life on ${day(eol)}`
        : seen.endedOnCall === true
          ? `; Bedrock's listing gives end of life on ${day(eol)}, but its calls already answer that it has reached its end of life`
          : ` and reaches end of life on ${day(eol)}`
  const input = modelInputName(model.role)
  const suggestion = newerId && model.ref.oneMillionContext ? `${newerId}[1m]` : newerId
  const family = model.family || 'Claude'
  return {
    ...names,
    status: 'warn',
    detail: `${detail}: LEGACY`,
    cause: `\`${model.foundationModelId}\` is ${lifecycle.status === 'ACTIVE' ? 'listed as ACTIVE' : `LEGACY${since}`}${end}`,
    fix:
      input === undefined
        ? // A pinned family already follows the newest version the region lists.
          `Bedrock offers no ACTIVE ${family} model in ${model.region}; the pin moves to a newer one as soon as the region lists it. Until then subagents and \`/model ${family}\` use this one, or set \`pin-families: false\`.`
        : suggestion
          ? `Set \`${input}: ${suggestion}\` (the newest ACTIVE ${family} model in ${model.region})${
              model.family ? `, or \`${input}: ${model.family}\` to follow new releases` : ''
            }.`
          : seen.endedOnCall === true || (eol !== undefined && eol.getTime() <= now.getTime())
            ? `Bedrock offers no newer ACTIVE ${family} model in ${model.region}: move to another family or region now.`
            : `Bedrock offers no newer ACTIVE ${family} model in ${model.region}: move to another family or region before the end-of-life date.`
  }
}

export function modelUnresolvedCheck(
  role: ModelRole,
  ref: ModelRef,
  cause: string,
  fix: string
): CheckResult {
  return {
    ...checkNames.modelResolves(role),
    status: 'fail',
    detail: `\`${ref.raw}\` could not be resolved`,
    cause,
    fix
  }
}

/** Resolution could not even start (Bedrock unreachable): the reachability check carries the fix. */
export function modelResolutionSkipped(role: ModelRole, reason: string): CheckResult {
  return { ...checkNames.modelResolves(role), status: 'skip', detail: reason }
}
