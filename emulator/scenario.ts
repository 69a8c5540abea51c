// The scenario: everything the emulator's behaviour depends on, as plain JSON-shaped data.
// Files live in emulator/scenarios/*.json; `extends` lets a file state only what differs.
import { readFileSync, readdirSync } from 'node:fs'
import { basename, dirname, isAbsolute, resolve } from 'node:path'
import { fileURLToPath } from 'node:url'

export type Effect = 'Allow' | 'Deny'

/** One IAM policy statement; `*` and `?` wildcards in actions (case-insensitive) and resources. */
export interface PolicyStatement {
  effect: Effect
  actions: string[]
  resources: string[]
  /**
   * Condition `StringEquals aws:RequestedRegion`: the statement applies only to requests in these
   * regions. A region-less resource (a global profile's routing) is `unspecified`.
   */
  requestedRegions?: string[]
}

export interface RoleSpec {
  name: string
  /** The role's account; absent = the scenario's (where Bedrock is). Runner roles live elsewhere. */
  account?: string
  /** Longest session AssumeRole* may ask for (IAM default 3600). */
  maxSessionDurationSeconds: number
  trust: {
    /**
     * Web-identity trust: the provider (issuer host, default GitHub's), `aud` StringEquals one of
     * audiences, `sub` StringLike one of subjects.
     */
    oidc?: { provider?: string; audiences: string[]; subjects: string[] }
    /** Role chaining: caller ARNs (role or assumed-role, wildcards allowed) that may AssumeRole. */
    awsPrincipals?: string[]
    /** Condition StringEquals sts:ExternalId: AssumeRole must send exactly this ExternalId. */
    externalId?: string
  }
  policy: PolicyStatement[]
}

/** Credentials that exist before the action runs (an earlier step, a runner's instance role). */
export interface StaticCredentialSpec {
  accessKeyId: string
  secretAccessKey: string
  sessionToken?: string
  /** Identity GetCallerIdentity returns, e.g. arn:aws:sts::123456789012:assumed-role/runner/i-0abc. */
  arn: string
  policy: PolicyStatement[]
  /** ISO time after which the credentials are rejected as expired. */
  expiresAt?: string
}

/**
 * A role session the runner gets from its platform: EC2 instance metadata (IMDSv2) or a container
 * credentials endpoint (EKS Pod Identity, ECS). The emulator issues and rotates it.
 */
export interface RunnerRoleSpec {
  /** A role of `roles` (with its account), whose policy applies to the session. */
  roleName: string
  account?: string
  /** Session name in the ARN: an instance id (i-0…) or a pod identity session. */
  sessionName: string
  /** Lifetime of each issued set; IMDS hands out a new one when less than a quarter is left. */
  lifetimeSeconds?: number
}

export interface ContainerCredentialsSpec extends RunnerRoleSpec {
  /** The Authorization header value the endpoint requires (AWS_CONTAINER_AUTHORIZATION_TOKEN). */
  authorizationToken: string
}

export interface ApiKeySpec {
  key: string
  /** Principal named in AccessDenied messages for calls made with this key. */
  principalArn: string
  policy: PolicyStatement[]
}

export type AgreementStatus = 'AVAILABLE' | 'PENDING' | 'NOT_AVAILABLE' | 'ERROR'

/** Account-level access state of a model; the '*' entry is the default for every model. */
export interface ModelAccessSpec {
  agreement?: AgreementStatus
  marketplaceSubscribed?: boolean
  /** Anthropic first-use form; only Anthropic models check it. */
  useCaseSubmitted?: boolean
  /** False: invocations are refused "not available for this account" while the record reads ready. */
  availableForAccount?: boolean
  entitlement?: 'AVAILABLE' | 'NOT_AVAILABLE'
  /** LEGACY models refuse accounts that have not used them recently. */
  recentlyUsed?: boolean
  /** Force end of life (otherwise derived from the catalogue's endOfLifeTime). */
  endOfLife?: boolean
}

export type FaultKind =
  'error' | 'throttle' | 'status' | 'latency' | 'hang' | 'malformed' | 'truncate' | 'drop'

export interface FaultSpec {
  /** Operation name (Converse, InvokeModel, AssumeRoleWithWebIdentity, GetIdToken, ...) or '*'. */
  operation: string
  kind: FaultKind
  /** How many matching requests it applies to; absent = all of them. */
  count?: number
  /** Only requests whose decoded path contains this text (e.g. a model id). */
  match?: string
  status?: number
  code?: string
  message?: string
  retryAfterSeconds?: number
  /** For kind 'latency'. */
  ms?: number
  /**
   * InvokeModelWithResponseStream only: answer 200 and deliver the error as an exception event
   * inside the stream (after `message_start`), as Bedrock does for errors met while streaming.
   */
  inStream?: boolean
}

/**
 * An account-wide request-rate limit: a token bucket that refills at `requestsPerSecond` and holds
 * `burst` tokens (default: one second's worth). A request that finds it empty is throttled (STS
 * `400 Throttling`, Bedrock `429 ThrottlingException`) and takes no token.
 */
export interface RateLimitSpec {
  /** Operation names (ListFoundationModels, AssumeRoleWithWebIdentity, Converse, ...) or '*'. */
  operations: string[]
  requestsPerSecond: number
  burst?: number
  /** 'each' (default): one bucket per operation, as AWS meters its APIs; 'shared': one for all. */
  scope?: 'each' | 'shared'
}

export interface OidcSpec {
  issuer: string
  /** The runner's ACTIONS_ID_TOKEN_REQUEST_TOKEN; generated when absent. */
  requestToken?: string
  tokenLifetimeSeconds: number
  /** Claims put in every token (sub, repository, repository_owner, ref, job_workflow_ref, ...). */
  claims: Record<string, string>
}

export interface Geography {
  /** Inference-profile id prefix: us, eu, apac, jp, au, us-gov, global. */
  prefix: string
  label: string
  /** Source regions (where the profile can be called) = destination regions (where it routes). */
  regions: string[]
}

export interface ModelLifecycle {
  status: 'ACTIVE' | 'LEGACY'
  startOfLifeTime: string
  legacyTime?: string
  endOfLifeTime?: string
  publicExtendedAccessTime?: string
}

export interface CatalogueModel {
  modelId: string
  modelName: string
  providerName: string
  inputModalities: string[]
  outputModalities: string[]
  responseStreamingSupported: boolean
  customizationsSupported: string[]
  inferenceTypesSupported: string[]
  lifecycle: ModelLifecycle
  /** Regions where the base id can be invoked on demand. */
  onDemandRegions: string[]
  /** Geography prefixes that have a system inference profile for this model. */
  profiles: string[]
}

export interface Catalogue {
  geographies: Geography[]
  models: CatalogueModel[]
}

export interface ApplicationProfileSpec {
  id: string
  name: string
  region: string
  /** System profile id or base model id it copies its models from. */
  source: string
  description?: string
}

/** GitHub's side of a run: the REST API's token and collaborators, and what the runner says happened. */
export interface GitHubSpec {
  /** The job's GITHUB_TOKEN, the only token the REST API accepts (401 otherwise). */
  token: string
  /** owner/name of the repository the run belongs to. */
  repository: string
  /**
   * Login (lower case) → role on the repository: admin, maintain, write, triage, read, or a custom
   * role `{ roleName, base }` that inherits one of those. Anyone else is not a collaborator (`none`).
   */
  collaborators: Record<string, string | { roleName: string; base: string }>
  /** Logins the API answers 404 for (deleted or renamed accounts). */
  unknownUsers?: string[]
  /** The runner's GITHUB_ACTOR and GITHUB_TRIGGERING_ACTOR (absent: the actor). */
  actor: string
  triggeringActor?: string
  /** GITHUB_EVENT_NAME, and the event payload written to GITHUB_EVENT_PATH. */
  eventName: string
  event?: Record<string, unknown>
}

/** Bedrock model invocation logging of the account, per region (GetModelInvocationLoggingConfiguration). */
export interface InvocationLoggingSpec {
  /** Off = Bedrock's default: nothing is logged, the configuration call answers `{}`. */
  enabled: boolean
  /** CloudWatch Logs group the records go to; absent with `enabled` = S3 only. */
  logGroupName?: string
  /** How long after a call its record becomes visible in CloudWatch Logs (delivery lag), ms. */
  deliveryLagMs?: number
}

/** One tokens- or requests-per-minute quota value for the models whose name contains `match`. */
export interface QuotaOverride {
  match: string
  tokensPerMinute?: number
  requestsPerMinute?: number
}

/** Service Quotas for `bedrock`: generated from the catalogue (see serviceQuotas.ts). */
export interface ServiceQuotasSpec {
  tokensPerMinute: number
  requestsPerMinute: number
  overrides?: QuotaOverride[]
  /** Other Bedrock quotas listed alongside (batch jobs, custom models, ...): pages to read through. */
  otherQuotas: number
  /** Models (name contains) Service Quotas lists no per-minute quota for. */
  omit?: string[]
  /**
   * A real account's listing: other quotas fill the listing up to this many pages of 100 (Bedrock
   * lists 6–9 in us-east-1, 2026). Absent: `otherQuotas` alone (3 pages with the catalogue).
   */
  pages?: number
}

export interface Scenario {
  name: string
  description: string
  account: string
  /** Region for requests that carry none (bearer auth, unsigned STS). */
  defaultRegion: string
  oidc: OidcSpec
  /** IAM OIDC providers in the account: url without scheme, and its client ids (audiences). */
  oidcProviders: Array<{ url: string; audiences: string[] }>
  roles: RoleSpec[]
  environmentCredentials: StaticCredentialSpec[]
  /** EC2 instance metadata: GET /latest/meta-data/iam/security-credentials/ (IMDSv2 token required). */
  instanceProfile?: RunnerRoleSpec
  /** Container credentials endpoint: GET /container-credentials with the authorization token. */
  containerCredentials?: ContainerCredentialsSpec
  apiKeys: ApiKeySpec[]
  /** Caps the lifetime of issued credentials, so tests can watch them expire. */
  credentialLifetimeSeconds?: number
  /** An SCP explicitly denies bedrock:* on resources in these regions. */
  scpDeniedRegions: string[]
  /**
   * A region-restricting SCP (the Control Tower kind): deny unless `aws:RequestedRegion` is one of
   * these. A global profile's region-less ARN evaluates as `unspecified`, so it is denied unless listed.
   */
  scpAllowedRegions?: string[]
  modelAccess: Record<string, ModelAccessSpec>
  applicationProfiles: ApplicationProfileSpec[]
  catalogue: Catalogue
  /** ListInferenceProfiles page size when the request has no maxResults. */
  pageSize: number
  /** Time from each request to its answer (the emulator's own work included): a round trip. */
  latencyMs: number
  /**
   * What opening a connection costs before a request can travel on it (a TCP and a TLS handshake
   * on a real network: about two round trips). A request on a connection opened less than this
   * long ago is handled as if it arrived when the connection became ready. Absent: free.
   */
  connectionSetupMs?: number
  faults: FaultSpec[]
  /** Account-wide rate limits; absent or empty: none. */
  rateLimits?: RateLimitSpec[]
  /** What the model answers (one token per word). */
  replyText: string
  /** Model invocation logging; absent = on, to the log group `bedrock-invocations`, no lag. */
  invocationLogging?: InvocationLoggingSpec
  serviceQuotas?: ServiceQuotasSpec
  /** USD per million tokens the Price List answers with, per model id substring; absent = built-in. */
  prices?: Array<{
    match: string
    input: number
    output: number
    cacheRead: number
    cacheWrite: number
  }>
  /**
   * Scripted model turns, for tests that drive Claude Code's tools: a streamed request whose last
   * message carries no tool result gets the first turn's tool call; after a tool result, the next.
   * Absent or used up: `replyText`.
   */
  toolCalls?: ScriptedToolCall[]
  github: GitHubSpec
}

/** One `tool_use` block the model answers with (Claude Code's tool name and input). */
export interface ScriptedToolCall {
  name: string
  input: Record<string, unknown>
}

const here = dirname(fileURLToPath(import.meta.url))
const scenarioDir = resolve(here, 'scenarios')

/** Built-in scenario names (the files in emulator/scenarios). */
export function listScenarios(): string[] {
  return readdirSync(scenarioDir)
    .filter((file) => file.endsWith('.json'))
    .map((file) => file.slice(0, -'.json'.length))
    .sort()
}

type JsonObject = Record<string, unknown>

function isObject(value: unknown): value is JsonObject {
  return typeof value === 'object' && value !== null && !Array.isArray(value)
}

/** Objects merge key by key; arrays and scalars in the override replace the base. */
function deepMerge(base: unknown, override: unknown): unknown {
  if (!isObject(base) || !isObject(override)) return structuredClone(override)
  const merged: JsonObject = structuredClone(base)
  for (const [key, value] of Object.entries(override)) {
    merged[key] = key in merged ? deepMerge(merged[key], value) : structuredClone(value)
  }
  return merged
}

function readJson(path: string): JsonObject {
  let parsed: unknown
  try {
    parsed = JSON.parse(readFileSync(path, 'utf8'))
  } catch (error) {
    throw new Error(`Cannot read scenario file ${path}: ${(error as Error).message}`, {
      cause: error
    })
  }
  if (!isObject(parsed)) throw new Error(`Scenario file ${path} must hold a JSON object`)
  return parsed
}

function scenarioPath(nameOrPath: string): string {
  if (/^[a-z0-9-]+$/.test(nameOrPath)) return resolve(scenarioDir, `${nameOrPath}.json`)
  return isAbsolute(nameOrPath) ? nameOrPath : resolve(process.cwd(), nameOrPath)
}

function loadFile(path: string, seen: Set<string>): JsonObject {
  if (seen.has(path)) throw new Error(`Scenario ${path} extends itself`)
  seen.add(path)
  const file = readJson(path)
  const parentName = file['extends']
  delete file['extends']
  file['name'] ??= basename(path, '.json')
  if (typeof file['catalogue'] === 'string') {
    file['catalogue'] = readJson(resolve(dirname(path), file['catalogue']))
  }
  if (typeof parentName !== 'string') return file
  return deepMerge(loadFile(scenarioPath(parentName), seen), file) as JsonObject
}

function requireField(scenario: JsonObject, key: keyof Scenario, where: string): void {
  if (!(key in scenario)) throw new Error(`Scenario ${where} lacks "${key}" (extend "default"?)`)
}

/** A built-in scenario by name, or a JSON file by path. Returns a fresh copy the caller may modify. */
export function loadScenario(nameOrPath: string): Scenario {
  const path = scenarioPath(nameOrPath)
  const scenario = loadFile(path, new Set())
  const required: Array<keyof Scenario> = [
    'account',
    'defaultRegion',
    'oidc',
    'oidcProviders',
    'roles',
    'environmentCredentials',
    'apiKeys',
    'scpDeniedRegions',
    'modelAccess',
    'applicationProfiles',
    'catalogue',
    'pageSize',
    'latencyMs',
    'faults',
    'replyText',
    'github'
  ]
  for (const key of required) requireField(scenario, key, path)
  scenario['description'] ??= ''
  return scenario as unknown as Scenario
}
