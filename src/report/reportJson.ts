import { redactReport } from './redactReport.js'
import type { CheckStatus, Report } from './types.js'

export interface ReportJsonCheck {
  readonly id: string
  readonly title: string
  readonly status: CheckStatus
  readonly detail: string
  /**
   * Additive to the contract's shape: why the check failed or warned, so a consumer of the `report`
   * output gets the same cause the log and summary show.
   */
  readonly cause?: string
  readonly fix?: string
}

/** The `report` output: `{"passed", "checks": [{"id","title","status","detail","cause"?,"fix"?}]}`. */
export interface ReportJson {
  readonly passed: boolean
  readonly checks: readonly ReportJsonCheck[]
}

/**
 * Built field by field from the checks (never by spreading them), so nothing else the report holds —
 * exported values, AWS error payloads — can reach the output.
 */
export function reportObject(report: Report): ReportJson {
  const redacted = redactReport(report)
  return {
    passed: redacted.passed,
    checks: redacted.checks.map((check) => ({
      id: check.id,
      title: check.title,
      status: check.status,
      detail: check.detail,
      ...(check.cause === undefined ? {} : { cause: check.cause }),
      ...(check.fix === undefined ? {} : { fix: check.fix })
    }))
  }
}

/** The `report` output as JSON text: compact by default, indented for the folded copy in the summary. */
export function reportJson(report: Report, options: { readonly pretty?: boolean } = {}): string {
  return JSON.stringify(reportObject(report), null, options.pretty === true ? 2 : undefined)
}
