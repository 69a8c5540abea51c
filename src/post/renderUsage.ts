import { escapeTableCell, escapeText, tableCellCode } from '../report/escapeMarkdown.js'
import { markdownTable } from '../report/markdownBlocks.js'
import type { UsageReport } from './usageReport.js'

const n = (value: number): string => Math.round(value).toLocaleString('en-US')
const usd = (value: number): string =>
  value < 0.01 && value > 0 ? '<$0.01' : `$${value.toFixed(2)}`
const time = (ms: number): string => new Date(ms).toISOString().slice(11, 19)

/** Totals over every model: what the headline and the tests compare. */
export function usageTotals(report: UsageReport) {
  const sum = (pick: (m: UsageReport['models'][number]) => number): number =>
    report.models.reduce((total, model) => total + pick(model), 0)
  const costs = report.models.map((model) => model.cost.usd)
  return {
    requests: sum((m) => m.requests),
    inputTokens: sum((m) => m.inputTokens),
    outputTokens: sum((m) => m.outputTokens),
    cacheReadInputTokens: sum((m) => m.cacheReadInputTokens),
    cacheWriteInputTokens: sum((m) => m.cacheWriteInputTokens),
    errors: sum((m) => m.errors),
    throttles: sum((m) => m.throttles),
    usd: costs.every((cost) => cost !== undefined)
      ? costs.reduce<number>((a, b) => a + (b ?? 0), 0)
      : undefined
  }
}

/** The one line the step log shows, whatever else happened. */
export function usageHeadline(report: UsageReport): string {
  // Records that could not be read are unknown usage, never "no records" (zero).
  const unread = report.problems.flatMap((problem) =>
    problem.unread !== undefined ? [`${problem.unread.why} (${problem.unread.region})`] : []
  )
  const unknown = unread.join('; ')
  if (report.models.length === 0) {
    return unread.length > 0
      ? `Bedrock usage of this job: unknown, the invocation logs could not be read: ${unknown}.`
      : 'Bedrock usage of this job: no records found.'
  }
  const t = usageTotals(report)
  const cost = t.usd !== undefined ? `, estimated ${usd(t.usd)}` : ''
  const partial = unread.length > 0 ? ` Incomplete: not read where ${unknown}.` : ''
  return `Bedrock usage of this job: ${n(t.requests)} requests to ${report.models.length} model(s), ${n(t.inputTokens)} input, ${n(t.outputTokens)} output, ${n(t.cacheReadInputTokens)} cache-read and ${n(t.cacheWriteInputTokens)} cache-write tokens, ${n(t.errors)} errors, ${n(t.throttles)} throttled${cost}.${partial}`
}

/** How the records were found and what may still be missing. */
export function usageNotes(report: UsageReport): string[] {
  const notes: string[] = []
  if (report.matchedBy.length > 0) notes.push(`Matched by ${report.matchedBy.join(' or ')}.`)
  for (const reading of report.readings) {
    const how = reading.stable
      ? 'stopped once two reads agreed'
      : 'stopped at usage-report-wait-seconds'
    notes.push(
      `${reading.logGroupName} (${reading.region}), ${time(report.window.start)}–${time(report.window.end)} UTC: waited ${Math.round(reading.waitedMs / 1000)} s for delivery (${how}); calls of the last minute may still be in delivery and are not counted.`
    )
  }
  if (report.pricesPublished !== undefined) {
    notes.push(
      `Estimated cost: on-demand prices of the AWS Price List published ${report.pricesPublished.slice(0, 10)}, in the calling region; discounts, global-profile rates and taxes are not applied.`
    )
  }
  return notes
}

/** The job-summary section (markdown), appended after the set-up step's. */
export function renderUsageSummary(report: UsageReport): string {
  const parts = ['## Bedrock usage of this job']
  parts.push(escapeText(usageHeadline(report)))
  if (report.models.length > 0) {
    const rows = report.models.map((model) => [
      tableCellCode(model.modelId),
      tableCellCode(model.region),
      n(model.requests),
      n(model.inputTokens),
      n(model.outputTokens),
      n(model.cacheReadInputTokens),
      n(model.cacheWriteInputTokens),
      n(model.errors),
      n(model.throttles),
      model.cost.usd !== undefined
        ? usd(model.cost.usd)
        : escapeTableCell(model.cost.missing ?? '—')
    ])
    parts.push(
      markdownTable(
        [
          'Model',
          'Region',
          'Requests',
          'Input',
          'Output',
          'Cache read',
          'Cache write',
          'Errors',
          'Throttles',
          'Est. cost'
        ],
        rows
      )
    )
  }
  if (report.metrics.length > 0) {
    parts.push(
      `**Account-wide** CloudWatch \`AWS/Bedrock\` metrics of the same models, ${time(report.window.start)}–${time(report.window.end)} UTC: every caller in the account and region, not this job alone.`
    )
    const rows = report.metrics.map((metric) => [
      tableCellCode(metric.modelId),
      tableCellCode(metric.region),
      n(metric.invocations),
      n(metric.throttles),
      n(metric.clientErrors),
      n(metric.serverErrors),
      metric.latencyP50 !== undefined ? `${n(metric.latencyP50)} ms` : '—',
      metric.latencyP90 !== undefined ? `${n(metric.latencyP90)} ms` : '—'
    ])
    parts.push(
      markdownTable(
        [
          'Model',
          'Region',
          'Invocations',
          'Throttles',
          'Client errors',
          'Server errors',
          'Latency p50',
          'Latency p90'
        ],
        rows
      )
    )
  }
  for (const problem of report.problems) parts.push(`⚠️ ${escapeText(problem.line)}`)
  const notes = usageNotes(report)
  if (notes.length > 0) parts.push(`<sub>${notes.map((note) => escapeText(note)).join(' ')}</sub>`)
  return `${parts.join('\n\n')}\n`
}
