export type CheckStatus = 'pass' | 'warn' | 'fail' | 'skip'

/** One check's outcome. Plain data: the log, summary, outputs and exit code are all rendered from it. */
export interface CheckResult {
  /** Stable machine id, e.g. `identity`, `model-access:main`. */
  readonly id: string
  /** Short human title, e.g. "Model access: main model". */
  readonly title: string
  readonly status: CheckStatus
  /** One line saying what was found. */
  readonly detail: string
  /** Why it failed or warned (for fail/warn). */
  readonly cause?: string
  /** The exact change that makes it pass (for fail/warn). */
  readonly fix?: string
  /** AWS error code / request id when the result came from an AWS error. */
  readonly awsError?: { readonly code: string; readonly message: string; readonly requestId?: string }
}

export interface Identity {
  readonly accountId: string
  readonly arn: string
  readonly userId: string
}

/** A variable exported to later steps. Secret values never leave this record unredacted. */
export interface ExportedVariable {
  readonly name: string
  readonly value: string
  readonly secret: boolean
}
