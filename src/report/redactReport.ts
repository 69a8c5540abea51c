import { accountsOf } from './reportAccounts.js'
import type { Report } from './types.js'

export const REDACTED = '***'

/**
 * The values no rendering may show: every secret exported variable, plus the account id when
 * `mask-aws-account-id` is on. Longest first, so a secret that contains another is replaced whole.
 */
export function valuesToRedact(report: Report): string[] {
  const values = report.exported
    .filter((variable) => variable.secret)
    .map((variable) => variable.value)
  if (report.maskAccountId) values.push(...accountsOf(report))
  return [...new Set(values.filter((value) => value !== ''))].sort((a, b) => b.length - a.length)
}

export function redactText(text: string, values: readonly string[]): string {
  return values.reduce((redacted, value) => redacted.split(value).join(REDACTED), text)
}

function redactStrings<T>(value: T, values: readonly string[]): T {
  if (typeof value === 'string') return redactText(value, values) as T
  if (Array.isArray(value)) return value.map((item: unknown) => redactStrings(item, values)) as T
  if (value !== null && typeof value === 'object' && !(value instanceof Date)) {
    const entries = Object.entries(value).map(([key, item]) => [key, redactStrings(item, values)])
    return Object.fromEntries(entries) as T
  }
  return value
}

/**
 * A copy of the report in which no string holds a secret value or (when masked) the account id.
 * Every renderer starts from this copy: a check detail that quoted a token by mistake, or an ARN
 * that carries the account, is redacted the same way in the log, the summary and the JSON.
 */
export function redactReport(report: Report): Report {
  const values = valuesToRedact(report)
  return values.length === 0 ? report : redactStrings(report, values)
}
