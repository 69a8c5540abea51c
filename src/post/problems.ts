/**
 * A reason part of the usage report could not be made: one line that says what is missing and
 * the change that fixes it. `auto` prints it as a plain log line, `true` as a warning.
 */
export interface UsageProblem {
  readonly line: string
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
  return `${awsErrorName(error)}: ${message.replace(/\s+/g, ' ').slice(0, 240)}`
}
