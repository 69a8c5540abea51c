import type { AccessCauseKind } from '../diagnosis/types.js'

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
  readonly awsError?: {
    readonly code: string
    readonly message: string
    readonly requestId?: string
  }
  /**
   * Internal, never in the `report` output: the access cause this check names (see
   * modelAccessStories), so the policy section can say which statements the role lacks.
   */
  readonly accessKind?: AccessCauseKind
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
  /**
   * What the log and the summary show instead of `value`, when the value holds parts this action
   * did not create and may not repeat (the job's own header values, a URL's user:password@ or
   * query). Absent: `value` may be shown (unless `secret`).
   */
  readonly shown?: string
}

/** One model row of the summary: what was asked, what it became. */
export interface ModelRow {
  /** `main`, `small`, or a family pinned for `pin-families` (`opus`, `sonnet`, `haiku`). */
  readonly role: string
  readonly asked: string
  readonly region: string
  readonly resolvedId?: string
  /** The resolved model's ARN (inference profile or foundation model). */
  readonly arn?: string
  readonly type?: string
  readonly destinationRegions: readonly string[]
  readonly lifecycle?: string
  readonly note?: string
}

/** The single result of a run. Log lines, job summary, outputs and exit code are all rendered from it. */
export interface Report {
  readonly passed: boolean
  readonly failOnError: boolean
  readonly region: string
  readonly verify: 'invoke' | 'access' | 'none'
  readonly credentialSource:
    'oidc' | 'web-identity-file' | 'role-chaining' | 'environment' | 'api-key' | 'none'
  /** Why that source, and what signed for it (role chaining), for the summary's credentials line. */
  readonly credentialSourceNote?: string
  readonly identity?: Identity
  /** The Bedrock API key's account, when known (proven on the wire, or named by a long-term key). */
  readonly apiKeyAccountId?: string
  /** Account id shown as `***` when mask-aws-account-id is on. */
  readonly maskAccountId: boolean
  readonly credentialsExpiration?: Date
  readonly checks: readonly CheckResult[]
  readonly models: readonly ModelRow[]
  readonly exported: readonly ExportedVariable[]
  /** Pretty JSON of the least-privilege policy for the resolved models, pass or fail. */
  readonly iamPolicy?: string
  /** Statements of that policy the checks proved the role lacks, and why. */
  readonly iamPolicyMissing?: readonly { readonly sid: string; readonly why: string }[]
  readonly durationMs: number
  /** What finds this job's Bedrock calls later: the role session name and the request metadata. */
  readonly attribution?: Attribution
}

export interface Attribution {
  /** Only when this action assumed a role: its ARN in logs ends with this name. */
  readonly roleSessionName?: string
  /**
   * The X-Amzn-Bedrock-Request-Metadata pairs Claude Code will send (request-metadata: true), as
   * they may be shown: the job's own pairs' values are `***`.
   */
  readonly requestMetadata?: Readonly<Record<string, string>>
  /** Why the metadata could not be added, when it could not. */
  readonly note?: string
}
