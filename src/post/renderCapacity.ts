import { escapeTableCell, escapeText, tableCellCode } from '../report/escapeMarkdown.js'
import { markdownTable } from '../report/markdownBlocks.js'
import type { CapacityAfterRun } from './capacityAfterRun.js'

const n = (value: number): string => Math.round(value).toLocaleString('en-US')

const LABEL = 'Capacity found after the agent ran'

function throttlesText(result: CapacityAfterRun): string {
  const job =
    result.jobThrottles !== undefined
      ? `This job's throttled requests: ${n(result.jobThrottles)} (invocation logs)`
      : "This job's throttled requests: not known (no invocation records read)"
  const account =
    result.accountThrottles !== undefined
      ? `; account-wide: ${n(result.accountThrottles)} (CloudWatch)`
      : ''
  return `${job}${account}`
}

/** One line per model for the step log; a warning stays a warning, as in the set-up step. */
export function capacityLogLines(
  results: readonly CapacityAfterRun[]
): Array<{ readonly warning: boolean; readonly line: string }> {
  return results.map((result) => {
    const { check } = result
    const seen = result.quotas !== undefined ? ` ${throttlesText(result)}.` : ''
    const fix = check.status === 'warn' && check.fix !== undefined ? ` Fix: ${check.fix}` : ''
    return {
      warning: check.status === 'warn',
      line: `${LABEL}: ${check.title}, ${result.model.foundationModelId}: ${check.status}. ${check.detail}${seen}${fix}`
    }
  })
}

/** The job-summary section (markdown), after the usage report's. */
export function renderCapacitySummary(
  results: readonly CapacityAfterRun[],
  cacheWritten: boolean
): string {
  if (results.length === 0) return ''
  const next = cacheWritten
    ? " The quota codes are now in the runner's tool cache: the next job on this runner gets the verdict before its agent starts."
    : ''
  const parts = [
    `## ${LABEL}`,
    `The set-up step could not finish the capacity pre-flight before the agent started (Service Quotas had not answered in time, or was busy); this post step finished it, for the quotas the agent ran under.${next}`
  ]
  const rows = results.map((result) => [
    tableCellCode(result.model.foundationModelId),
    tableCellCode(result.model.region),
    result.quotas !== undefined
      ? `${escapeTableCell(result.quotas.tokens.name)} (${tableCellCode(result.quotas.tokens.code)})`
      : '—',
    result.quotas !== undefined ? n(result.quotas.tokens.value) : '—',
    result.quotas?.requests !== undefined ? n(result.quotas.requests.value) : '—',
    result.quotas !== undefined ? n(result.quotas.reservation) : '—',
    result.quotas !== undefined ? n(result.quotas.turns) : '—',
    result.jobThrottles !== undefined ? n(result.jobThrottles) : '—',
    result.accountThrottles !== undefined ? n(result.accountThrottles) : '—',
    result.check.status
  ])
  parts.push(
    markdownTable(
      [
        'Model',
        'Region',
        'Tokens-per-minute quota',
        'Tokens per minute',
        'Requests per minute',
        'Reserved per request',
        'Requests at once',
        'Throttled (this job)',
        'Throttled (account-wide)',
        'Verdict'
      ],
      rows
    )
  )
  for (const { check } of results) {
    if (check.status === 'pass') continue
    const why =
      check.status === 'warn' ? `${check.cause ?? ''} Fix: ${check.fix ?? ''}` : check.detail
    parts.push(
      `${check.status === 'warn' ? '⚠️' : 'ℹ️'} **${escapeText(check.title)}**: ${escapeText(why.trim())}`
    )
  }
  return `${parts.join('\n\n')}\n`
}
