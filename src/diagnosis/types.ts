import type { BedrockAuth } from '../aws/bedrockAuth.js'
import type { BedrockApiKeyForm } from '../inputs/bedrockApiKey.js'
import type { TokenClaims } from '../credentials/tokenClaims.js'

/** The AWS call that failed and what we know around it, so the diagnosis can name exact resources. */
export interface DiagnosisContext {
  readonly operation:
    | 'GetIDToken'
    | 'AssumeRoleWithWebIdentity'
    | 'AssumeRole'
    | 'GetCallerIdentity'
    | 'ListFoundationModels'
    | 'GetFoundationModel'
    | 'GetFoundationModelAvailability'
    | 'ListInferenceProfiles'
    | 'GetInferenceProfile'
    | 'InvokeModel'
    | 'InvokeModelWithResponseStream'
  readonly region: string
  readonly partition: 'aws' | 'aws-cn' | 'aws-us-gov'
  readonly roleArn?: string
  readonly principalArn?: string
  readonly accountId?: string
  /** What the user asked for and what it resolved to, when the call concerned a model. */
  readonly modelId?: string
  readonly profileArn?: string
  readonly foundationModelArns?: readonly string[]
  /** Profile id to suggest when a base model id was used where only profiles work. */
  readonly suggestedProfileId?: string
  /**
   * The geographic (non-`global.`) profile of the same model that this region lists: what to use
   * when a `global.` profile is denied because it routed outside the allowed regions.
   */
  readonly geographicProfileId?: string
  readonly claims?: TokenClaims
  readonly audience?: string
  readonly durationSeconds?: number
  /** AssumeRoleWithWebIdentity: GitHub's token, or the one in web-identity-token-file (any issuer). */
  readonly tokenSource?: 'github' | 'file'
  /** AssumeRole (role chaining): whether role-external-id was sent. */
  readonly externalIdGiven?: boolean
  /** AssumeRole (role chaining): where the runner's signing credentials came from, for sentences. */
  readonly runnerLabel?: string
  /** How the failed call was authenticated: a Bedrock API key fails differently from SigV4 credentials. */
  readonly authMethod?: 'sigv4' | 'api-key'
  /** Which Bedrock planes carry the API key (the clients decide); sets authMethod per operation. */
  readonly bedrockAuth?: BedrockAuth
  /** What the `bedrock-api-key` says about itself (its kind, a short-term key's region and expiry). */
  readonly apiKeyForm?: BedrockApiKeyForm
  /** Endpoint URL the call went to, when known (custom endpoint inputs); only its host is ever shown. */
  readonly endpoint?: string
}

export interface AwsErrorInfo {
  readonly code: string
  readonly message: string
  readonly requestId?: string
  readonly httpStatus?: number
  /** Attempts the SDK made, retries included (its `$metadata.attempts`), when more than one. */
  readonly attempts?: number
  /** Time spent waiting between those attempts, in ms (its `$metadata.totalRetryDelay`). */
  readonly retryDelayMs?: number
}

export interface Diagnosis {
  /** Short, specific: what is wrong. */
  readonly cause: string
  /** The exact change to make (IAM statement, input value, console step). May contain markdown code. */
  readonly fix: string
  readonly awsError?: AwsErrorInfo
  /** Whether retrying could help (IDPCommunicationError, throttling, 5xx). */
  readonly transient: boolean
  /**
   * Set when the failure is about who may use a model (account state or the caller's permissions):
   * the model checks reconcile it with the availability record into one story.
   */
  readonly accessKind?: AccessCauseKind
}

/**
 * Why an account or a role cannot use a model (see modelAccessStories.ts). Here, beside Diagnosis,
 * so that the stories can build on the diagnosis types without an import cycle.
 */
export type AccessCauseKind =
  | 'region-unavailable'
  | 'legacy-not-used'
  | 'end-of-life'
  | 'use-case-form'
  | 'account-not-authorized'
  | 'marketplace-permissions'
  | 'subscription-pending'
  | 'access-not-granted'
  | 'agreement-error'
  | 'not-available-for-account'
  | 'role-denied'
