import type { ModelRole } from '../models/resolvedModel.js'
import type { CheckResult } from '../report/types.js'
import { checkNames } from './checkNames.js'

export const SKIP_REASONS = {
  verifyNone: 'Skipped: `verify: none` (resolution only)',
  verifyAccess: 'Skipped: `verify: access` makes no model call',
  unresolved: 'Skipped: the model did not resolve'
} as const

export function accessSkipped(role: ModelRole, reason: string): CheckResult {
  return { ...checkNames.modelAccess(role), status: 'skip', detail: reason }
}

export function invokeSkipped(role: ModelRole, reason: string): CheckResult {
  return { ...checkNames.modelInvoke(role), status: 'skip', detail: reason }
}
