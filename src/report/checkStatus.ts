import type { CheckResult, CheckStatus } from './types.js'

export const STATUS_EMOJI: Readonly<Record<CheckStatus, string>> = {
  pass: '✅',
  warn: '⚠️',
  fail: '❌',
  skip: '⏭️'
}

export const STATUS_WORD: Readonly<Record<CheckStatus, string>> = {
  pass: 'PASS',
  warn: 'WARN',
  fail: 'FAIL',
  skip: 'SKIP'
}

export type StatusCounts = Readonly<Record<CheckStatus, number>>

export function countStatuses(checks: readonly CheckResult[]): StatusCounts {
  const counts = { pass: 0, warn: 0, fail: 0, skip: 0 }
  for (const check of checks) counts[check.status] += 1
  return counts
}

export function plural(count: number, singular: string, pluralForm = `${singular}s`): string {
  return `${count} ${count === 1 ? singular : pluralForm}`
}

/** "4 passed, 1 warning, 0 failed, 1 skipped" */
export function formatCounts(counts: StatusCounts): string {
  return [
    `${counts.pass} passed`,
    plural(counts.warn, 'warning'),
    `${counts.fail} failed`,
    `${counts.skip} skipped`
  ].join(', ')
}
