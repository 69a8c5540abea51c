import { isFenceLine } from './authoredMarkdown.js'
import { countStatuses, formatCounts, STATUS_EMOJI, STATUS_WORD } from './checkStatus.js'
import { normaliseNewlines } from './escapeMarkdown.js'
import { redactReport } from './redactReport.js'
import type { CheckResult, Report } from './types.js'
import { neutraliseWorkflowCommands } from './workflowCommandText.js'

export type LogLevel = 'info' | 'warning' | 'error'

/** One entry for the log; main.ts writes `error`/`warning` entries as annotations titled `title`. */
export interface LogLine {
  readonly level: LogLevel
  readonly text: string
  readonly title?: string
}

const INDENT = '    '

function oneLine(text: string): string {
  return text.replace(/\s+/g, ' ').trim()
}

/** A labelled block whose continuation lines line up under the first line's text. */
function labelledBlock(label: string, text: string): string[] {
  const lines = normaliseNewlines(text)
    .split('\n')
    .map((line) => line.trimEnd())
    .filter((line) => line !== '')
  return lines.map(
    (line, index) => `${INDENT}${index === 0 ? label : ' '.repeat(label.length)}${line}`
  )
}

// Fence markers are markdown for the summary; in the log the code reads better without them.
function withoutFenceLines(text: string): string {
  return normaliseNewlines(text)
    .split('\n')
    .filter((line) => !isFenceLine(line))
    .join('\n')
}

function checkLine(check: CheckResult, failOnError: boolean): LogLine {
  const lines = [
    `${STATUS_EMOJI[check.status]} ${STATUS_WORD[check.status]} ${oneLine(check.title)}: ${oneLine(check.detail)}`
  ]
  if (check.status === 'fail' || check.status === 'warn') {
    if (check.cause !== undefined) lines.push(...labelledBlock('Cause: ', check.cause))
    if (check.fix !== undefined)
      lines.push(...labelledBlock('Fix:   ', withoutFenceLines(check.fix)))
    if (check.awsError !== undefined) {
      const { code, requestId } = check.awsError
      const request = requestId === undefined ? '' : ` (request id ${oneLine(requestId)})`
      lines.push(`${INDENT}AWS:   ${oneLine(code)}${request}`)
    }
  }
  const text = neutraliseWorkflowCommands(lines.join('\n'))
  if (check.status === 'pass' || check.status === 'skip') return { level: 'info', text }
  const level = check.status === 'fail' && failOnError ? 'error' : 'warning'
  return { level, text, title: neutraliseWorkflowCommands(oneLine(check.title)) }
}

function verdict(report: Report): string {
  const counts = countStatuses(report.checks)
  if (counts.fail > 0 || !report.passed) {
    return report.failOnError
      ? 'Not ready'
      : 'Not ready (fail-on-error is false: the step succeeds and the passed output is false)'
  }
  if (report.verify === 'none') return 'Resolved, not verified (verify: none)'
  // No model call was made: IAM permission to invoke and the models' answers were not tested.
  if (report.verify === 'access') return 'Access checked, no model call (verify: access)'
  return counts.warn > 0 ? 'Ready with warnings' : 'Ready'
}

/** One entry per check (cause and fix indented below fail/warn), then the overall result. */
export function renderLogLines(report: Report): LogLine[] {
  const redacted = redactReport(report)
  const lines = redacted.checks.map((check) => checkLine(check, redacted.failOnError))
  const result = `Claude Code on Amazon Bedrock: ${verdict(redacted)}. ${formatCounts(countStatuses(redacted.checks))}.`
  lines.push({ level: 'info', text: result })
  return lines
}

/**
 * The message for `core.setFailed`: one `<title>: <cause>` line per failed check. Empty when the
 * report passed.
 */
export function renderFailureMessage(report: Report): string {
  const redacted = redactReport(report)
  if (redacted.passed) return ''
  const failed = redacted.checks.filter((check) => check.status === 'fail')
  const lines =
    failed.length > 0
      ? failed.map(
          (check) =>
            `${oneLine(check.title)}: ${oneLine(check.cause?.trim() ? check.cause : check.detail)}`
        )
      : ['Claude Code on Amazon Bedrock is not ready.']
  return neutraliseWorkflowCommands(lines.join('\n'))
}
