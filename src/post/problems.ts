import { shortText } from '../diagnosis/shortText.js'

/**
 * A reason part of the usage report could not be made: one line that says what is missing and
 * the change that fixes it. `auto` prints it as a plain log line, `true` as a warning.
 */
export interface UsageProblem {
  readonly line: string
  /**
   * Set when this problem means the job's records of a region could not be read at all (logging
   * off or S3 only, no permission, no log group): the usage there is unknown, not zero, and the
   * headline says so. `why` is a few words ("permission denied: logs:FilterLogEvents").
   */
  readonly unread?: { readonly region: string; readonly why: string }
}

export function awsErrorName(error: unknown): string {
  return (error as { name?: string }).name ?? 'Error'
}

export function isAccessDenied(error: unknown): boolean {
  const status = (error as { $metadata?: { httpStatusCode?: number } }).$metadata?.httpStatusCode
  return (
    /AccessDenied|UnauthorizedOperation|NotAuthorized/i.test(awsErrorName(error)) || status === 403
  )
}

/** The error's own words, cut short: AWS messages name the action and resource, never a secret. */
export function briefly(error: unknown): string {
  const message = error instanceof Error ? error.message : String(error)
  return `${awsErrorName(error)}: ${shortText(message, 240)}`
}
