import type { CheckResult } from './types.js'

const blank = (text: string | undefined): boolean => text === undefined || text.trim() === ''

/**
 * A check that failed or warned always says what failed and why. Its detail and cause come from
 * error messages, which can be empty (an `Error('')`, an aborted request, an AWS answer without a
 * body): a blank cause is dropped so the detail speaks, and a check left with nothing to say gets a
 * sentence naming it and what is known (its AWS error), instead of an empty line in the log, the
 * summary and the step's error.
 */
export function explainedCheck(check: CheckResult): CheckResult {
  if (check.status !== 'fail' && check.status !== 'warn') return check
  const { cause, ...rest } = check
  if (!blank(check.detail)) return blank(cause) ? rest : check
  const aws =
    check.awsError !== undefined
      ? ` (AWS error ${check.awsError.code}${blank(check.awsError.message) ? '' : `: ${check.awsError.message.trim()}`})`
      : ''
  const outcome = check.status === 'fail' ? 'failed' : 'warned'
  return {
    ...rest,
    detail: `${check.title} ${outcome}${aws}.`,
    cause: blank(cause)
      ? `The check ${outcome} without recording why: a gap in setup-claude-bedrock. Please report it with this log (re-run with debug logging for details).`
      : (cause ?? '')
  }
}
