import type { CustomHeaders } from '../attribution/requestMetadata.js'
import type { ModelRef } from '../models/modelRef.js'

export type Partition = 'aws' | 'aws-cn' | 'aws-us-gov'

/** Geography prefixes of system-defined inference profiles. */
export const PROFILE_PREFIXES = ['global', 'us', 'eu', 'apac', 'jp', 'au', 'us-gov'] as const
export type ProfilePrefix = (typeof PROFILE_PREFIXES)[number]

export type VerifyMode = 'invoke' | 'access' | 'none'

/** Post step: `auto` reports without annotations, `true` makes problems warnings, `false` is off. */
export type UsageReportMode = 'auto' | 'true' | 'false'

export interface Endpoints {
  readonly sts?: string
  readonly bedrock?: string
  readonly bedrockRuntime?: string
}

/** Everything the action was asked to do, validated. Built once by `readConfig`, never mutated. */
export interface Config {
  readonly region: string
  readonly partition: Partition
  readonly roleToAssume?: string
  readonly audience: string
  readonly roleSessionName: string
  readonly roleDurationSeconds: number
  readonly bedrockApiKey?: string
  readonly model: ModelRef
  readonly smallFastModel: ModelRef
  readonly smallFastModelRegion?: string
  /** Resolved from `auto` using the region, or as given. */
  readonly inferenceProfilePrefix: ProfilePrefix
  readonly verify: VerifyMode
  readonly failOnError: boolean
  readonly allowedAccountIds: readonly string[]
  readonly maxOutputTokens?: number
  readonly maxThinkingTokens?: number
  readonly disablePromptCaching: boolean
  readonly exportCredentials: boolean
  readonly outputCredentials: boolean
  readonly maskAwsAccountId: boolean
  readonly jobSummary: boolean
  /** Later steps renew the role session through a credential_process profile (README: Long-running jobs). */
  readonly refreshCredentials: boolean
  readonly endpoints: Endpoints
  /** With `request-metadata` (default): the ANTHROPIC_CUSTOM_HEADERS value to export, metadata merged in. */
  readonly customHeaders?: CustomHeaders
  readonly usageReport: UsageReportMode
  /** How long the post step waits at most for invocation logs to arrive (seconds). */
  readonly usageReportWaitSeconds: number
}
