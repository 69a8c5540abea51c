import type { RequiredRole } from '../actorGate/repositoryRole.js'
import type { CustomHeaders } from '../attribution/requestMetadata.js'
import type { ModelRef } from '../models/modelRef.js'
import type { BedrockApiKeyForm } from './bedrockApiKey.js'
import type { Partition, ProfilePrefix } from './region.js'
import type { RoleChaining, RoleSource } from './roleSource.js'

export type VerifyMode = 'invoke' | 'access' | 'none'

/** Post step: `auto` reports without annotations, `true` makes problems warnings, `false` is off. */
export type UsageReportMode = 'auto' | 'true' | 'false'

export interface Endpoints {
  readonly sts?: string
  readonly bedrock?: string
  readonly bedrockRuntime?: string
}

/**
 * The runtime endpoint the checks call when it is not AWS's own host, and where it came from: the
 * `bedrock-runtime-endpoint` input, or the AWS SDK's endpoint variable the checks' client honours.
 * Claude Code takes its runtime URL only from ANTHROPIC_BEDROCK_BASE_URL (it ignores
 * AWS_ENDPOINT_URL_*), so this is exported as that: what was verified is where Claude Code goes.
 */
export interface ClaudeCodeBaseUrl {
  readonly url: string
  readonly from:
    'bedrock-runtime-endpoint' | 'AWS_ENDPOINT_URL_BEDROCK_RUNTIME' | 'AWS_ENDPOINT_URL'
}

/** Everything the action was asked to do, validated. Built once by `readConfig`, never mutated. */
export interface Config {
  readonly region: string
  readonly partition: Partition
  readonly roleToAssume?: string
  /** How role-to-assume is assumed, decided from the inputs and the job's environment; set iff roleToAssume is. */
  readonly roleSource?: RoleSource
  /** `role-chaining` as given (auto, true, false). */
  readonly roleChaining: RoleChaining
  /** STS ExternalId for AssumeRole (role chaining only). */
  readonly roleExternalId?: string
  /** OIDC token file to assume the role with instead of GitHub's token. */
  readonly webIdentityTokenFile?: string
  readonly audience: string
  readonly roleSessionName: string
  readonly roleDurationSeconds: number
  readonly bedrockApiKey?: string
  /** What the key says about itself (long-term: its account; short-term: region and expiry). */
  readonly bedrockApiKeyForm?: BedrockApiKeyForm
  readonly model: ModelRef
  readonly smallFastModel: ModelRef
  readonly smallFastModelRegion?: string
  /** Resolved from `auto` using the region, or as given. */
  readonly inferenceProfilePrefix: ProfilePrefix
  /**
   * `inference-profile-prefix` was set to a prefix (not `auto`): profiles of other geographies or
   * `global` are never used instead (data residency), and the small model's region does not change it.
   */
  readonly inferenceProfilePrefixExplicit: boolean
  readonly verify: VerifyMode
  /** Also resolve, verify and pin `opus`, `sonnet` and `haiku` (ANTHROPIC_DEFAULT_<FAMILY>_MODEL). */
  readonly pinFamilies: boolean
  readonly failOnError: boolean
  readonly allowedAccountIds: readonly string[]
  readonly maxOutputTokens?: number
  readonly maxThinkingTokens?: number
  readonly disablePromptCaching: boolean
  /** `region`: `disable-prompt-caching` was unset and the region decided (GovCloud has none). */
  readonly promptCachingChosenBy?: 'input' | 'region'
  readonly exportCredentials: boolean
  readonly outputCredentials: boolean
  readonly maskAwsAccountId: boolean
  readonly jobSummary: boolean
  /** Later steps renew the role session through a credential_process profile (docs/long-running-jobs.md). */
  readonly refreshCredentials: boolean
  readonly endpoints: Endpoints
  /** Exported as ANTHROPIC_BEDROCK_BASE_URL; absent when the checks call AWS's own runtime host. */
  readonly claudeCodeBaseUrl?: ClaudeCodeBaseUrl
  /** Token for the actor check's REST call (`github-token`, default the job's token). */
  readonly githubToken?: string
  /** The triggering actor's least role on the repository; `none` turns the actor check off. */
  readonly requireActorPermission: RequiredRole
  /** Bot logins (lower case, ending in `[bot]`) that pass the actor check. */
  readonly allowedBots: readonly string[]
  /** Export CLAUDE_CODE_SUBPROCESS_ENV_SCRUB=1 (Claude Code's subprocesses lose cloud credentials). */
  readonly scrubAgentCredentials: boolean
  /** With `request-metadata` (default): the ANTHROPIC_CUSTOM_HEADERS value to export, metadata merged in. */
  readonly customHeaders?: CustomHeaders
  readonly usageReport: UsageReportMode
  /** How long the post step waits at most for invocation logs to arrive (seconds). */
  readonly usageReportWaitSeconds: number
}
