import { ALLOWED_BOTS_FORM, parseAllowedBots } from '../actorGate/botLogins.js'
import { parseRequiredRole, REQUIRED_ROLE_FORM } from '../actorGate/repositoryRole.js'
import { jobMetadata, mergeCustomHeaders } from '../attribution/requestMetadata.js'
import { deriveSessionName } from '../attribution/sessionName.js'
import { promptCachingOffered } from '../exports/promptCaching.js'
import type { ModelRef } from '../models/modelRef.js'
import { endpointVariable } from '../aws/endpoints.js'
import type { ClaudeCodeBaseUrl, Config, Endpoints, UsageReportMode, VerifyMode } from './config.js'
import { API_KEY_FORM, API_KEY_MAX_LENGTH, parseBedrockApiKey } from './bedrockApiKey.js'
import { ENDPOINT_FORM, parseEndpoint, withoutUserInfo } from './endpoint.js'
import { combineInputErrors, InputError } from './inputError.js'
import { MODEL_FORM, parseModelInput } from './modelInput.js'
import type { RawRule } from './rawInput.js'
import { checkRawValue } from './rawInput.js'
import {
  autoProfilePrefix,
  parseProfilePrefix,
  parseRegion,
  partitionMismatch,
  partitionOfRegion,
  PREFIX_FORM,
  REGION_FORM
} from './region.js'
import { parseRoleArn, ROLE_ARN_FORM } from './roleArn.js'
import {
  chooseRoleSource,
  EXTERNAL_ID_FORM,
  parseExternalId,
  ROLE_CHAINING_CHOICES,
  TOKEN_FILE_FORM
} from './roleSource.js'
import { parseTokenFile } from './tokenFile.js'
import { MAX_OUTPUT_TOKENS_FORM, MAX_THINKING_TOKENS_FORM } from './tokenLimits.js'
import {
  ACCOUNT_IDS_FORM,
  AUDIENCE_FORM,
  BOOLEAN_FORM,
  choiceForm,
  parseAccountIds,
  parseAudience,
  parseBoolean,
  parseChoice,
  parseSessionName,
  parseWholeNumber,
  SESSION_NAME_FORM,
  wholeNumberForm
} from './scalars.js'
import { invalidValue } from './valueMessage.js'

const VERIFY_MODES: readonly VerifyMode[] = ['invoke', 'access', 'none']
const USAGE_REPORT_MODES: readonly UsageReportMode[] = ['auto', 'true', 'false']
const REGION_VARIABLES = ['AWS_REGION', 'AWS_DEFAULT_REGION'] as const
const GITHUB_TOKEN_FORM = 'a GitHub token (default ${{ github.token }}): one line, no spaces'
/** GitHub's tokens are well under this; fine-grained PATs are the longest (about 93 characters). */
const GITHUB_TOKEN_MAX_LENGTH = 1024

/**
 * Reads and validates every input of the contract into one frozen Config, before any network call.
 * `getInput` is `core.getInput`-like ('' when unset). All problems are collected and thrown as one
 * InputError, one line each, so a user fixes a workflow in one round.
 */
export function readConfig(getInput: (name: string) => string, env: NodeJS.ProcessEnv): Config {
  const problems: InputError[] = []
  const attempt = <T>(parse: () => T): T | undefined => {
    try {
      return parse()
    } catch (error) {
      if (!(error instanceof InputError)) throw error
      problems.push(error)
      return undefined
    }
  }
  /** Runs the common checks, then `parse` on the set value (or `undefined` when unset). */
  const field = <T>(name: string, rule: RawRule, parse: (value: string | undefined) => T) =>
    attempt(() => parse(checkRawValue(name, getInput(name), rule)))
  const optional = <T>(name: string, accepted: string, parse: (value: string) => T) =>
    field(name, { accepted }, (value) => (value === undefined ? undefined : parse(value)))
  const flag = (name: string, fallback: boolean) =>
    field(name, { accepted: BOOLEAN_FORM }, (value) => parseBoolean(name, value, fallback)) ??
    fallback

  const region = attempt(() => readRegion(getInput, env))
  const roleToAssume = optional(
    'role-to-assume',
    ROLE_ARN_FORM,
    (v) => parseRoleArn('role-to-assume', v, region).arn
  )
  const roleChaining =
    field('role-chaining', { accepted: choiceForm(ROLE_CHAINING_CHOICES) }, (v) =>
      parseChoice('role-chaining', v, ROLE_CHAINING_CHOICES, 'auto')
    ) ?? 'auto'
  const roleExternalId = optional('role-external-id', EXTERNAL_ID_FORM, (v) =>
    parseExternalId('role-external-id', v)
  )
  const webIdentityTokenFile = optional('web-identity-token-file', TOKEN_FILE_FORM, (v) => v)
  // The file's content is a separate problem: the role source is still decided from the input.
  if (webIdentityTokenFile !== undefined)
    attempt(() => parseTokenFile('web-identity-token-file', webIdentityTokenFile, TOKEN_FILE_FORM))
  // Not decided when role-to-assume itself was refused: its own message says what is wrong.
  const roleRefused = roleToAssume === undefined && getInput('role-to-assume').trim() !== ''
  const roleSource = roleRefused
    ? undefined
    : attempt(() =>
        chooseRoleSource(
          { roleToAssume, roleChaining, externalId: roleExternalId, webIdentityTokenFile },
          env
        )
      )
  const audience = optional('audience', AUDIENCE_FORM, (v) => parseAudience('audience', v))
  const sessionName = optional('role-session-name', SESSION_NAME_FORM, (v) =>
    parseSessionName('role-session-name', v)
  )
  const duration = optional('role-duration-seconds', wholeNumberForm(900, 43200), (v) =>
    parseWholeNumber('role-duration-seconds', v, 900, 43200)
  )
  const model = field('model', { accepted: MODEL_FORM }, (v) =>
    parseModelInput('model', v ?? 'sonnet', region)
  )
  const smallFastModel = field('small-fast-model', { accepted: MODEL_FORM }, (v) =>
    parseModelInput('small-fast-model', v ?? 'haiku', region)
  )
  const smallFastModelRegion = optional('small-fast-model-region', REGION_FORM, (v) =>
    parseSmallModelRegion(v, region)
  )
  const inferenceProfilePrefix = field(
    'inference-profile-prefix',
    { accepted: PREFIX_FORM },
    (v) =>
      region === undefined ? undefined : parseProfilePrefix('inference-profile-prefix', v, region)
  )
  const verify = field('verify', { accepted: choiceForm(VERIFY_MODES) }, (v) =>
    parseChoice('verify', v, VERIFY_MODES, 'invoke')
  )
  const pinFamilies = flag('pin-families', true)
  const failOnError = flag('fail-on-error', true)
  const allowedAccountIds = field('allowed-account-ids', { accepted: ACCOUNT_IDS_FORM }, (v) =>
    parseAccountIds('allowed-account-ids', v)
  )
  const maxOutputTokens = optional('max-output-tokens', MAX_OUTPUT_TOKENS_FORM, (v) =>
    parseWholeNumber('max-output-tokens', v, 1, Number.MAX_SAFE_INTEGER, MAX_OUTPUT_TOKENS_FORM)
  )
  const maxThinkingTokens = optional('max-thinking-tokens', MAX_THINKING_TOKENS_FORM, (v) =>
    parseWholeNumber('max-thinking-tokens', v, 0, Number.MAX_SAFE_INTEGER, MAX_THINKING_TOKENS_FORM)
  )
  // Unset: off only where Bedrock has no prompt caching (GovCloud); an explicit value wins.
  const promptCachingInput = field('disable-prompt-caching', { accepted: BOOLEAN_FORM }, (v) =>
    v === undefined ? undefined : parseBoolean('disable-prompt-caching', v, false)
  )
  const disablePromptCaching = promptCachingInput ?? !promptCachingOffered(region)
  const exportCredentials = flag('export-credentials', true)
  const outputCredentials = flag('output-credentials', false)
  const maskAwsAccountId = flag('mask-aws-account-id', false)
  const jobSummary = flag('job-summary', true)
  const refreshCredentials = flag('refresh-credentials', true)
  const requestMetadata = flag('request-metadata', true)
  const usageReport = field('usage-report', { accepted: choiceForm(USAGE_REPORT_MODES) }, (v) =>
    parseChoice('usage-report', v, USAGE_REPORT_MODES, 'auto')
  )
  const usageReportWaitSeconds = optional(
    'usage-report-wait-seconds',
    wholeNumberForm(0, 600),
    (v) => parseWholeNumber('usage-report-wait-seconds', v, 0, 600)
  )
  const endpoint = (name: string) =>
    field(name, { accepted: ENDPOINT_FORM, redact: withoutUserInfo }, (v) =>
      v === undefined ? undefined : parseEndpoint(name, v)
    )
  const sts = endpoint('sts-endpoint')
  const bedrock = endpoint('bedrock-endpoint')
  const bedrockRuntime = endpoint('bedrock-runtime-endpoint')
  const githubToken = field(
    'github-token',
    { accepted: GITHUB_TOKEN_FORM, secret: true, maxLength: GITHUB_TOKEN_MAX_LENGTH },
    (v) => v
  )
  const requireActorPermission = field(
    'require-actor-permission',
    { accepted: REQUIRED_ROLE_FORM },
    (v) => parseRequiredRole('require-actor-permission', v)
  )
  const allowedBots = field('allowed-bots', { accepted: ALLOWED_BOTS_FORM }, (v) =>
    parseAllowedBots('allowed-bots', v)
  )
  const scrubAgentCredentials = flag('scrub-agent-credentials', true)
  // After the regions and endpoints: a short-term key is checked against the regions it will be
  // used in, and a gateway may take keys of its own form.
  const apiKeyValue = attempt(() =>
    checkRawValue('bedrock-api-key', getInput('bedrock-api-key'), {
      accepted: API_KEY_FORM,
      secret: true,
      maxLength: API_KEY_MAX_LENGTH
    })
  )
  const apiKeyForm =
    apiKeyValue === undefined
      ? undefined
      : attempt(() =>
          parseBedrockApiKey(
            'bedrock-api-key',
            apiKeyValue,
            region === undefined
              ? []
              : [
                  { input: 'aws-region', region },
                  ...(smallFastModelRegion !== undefined
                    ? [{ input: 'small-fast-model-region' as const, region: smallFastModelRegion }]
                    : [])
                ],
            bedrock !== undefined || bedrockRuntime !== undefined || hasEndpointVariable(env)
          )
        )

  // A role in another account can be refused before any network call; the identity check repeats it.
  const roleAccount = roleToAssume?.split(':')[4]
  if (
    roleAccount !== undefined &&
    allowedAccountIds !== undefined &&
    allowedAccountIds.length > 0
  ) {
    if (!allowedAccountIds.includes(roleAccount)) {
      problems.push(
        invalidValue(
          'role-to-assume',
          `a role in one of the allowed-account-ids (${allowedAccountIds.join(', ')})`,
          roleToAssume,
          `account ${roleAccount} is not allowed`
        ).asPolicy()
      )
    }
  }
  // A long-term API key names its account: a key from another account is refused just as early.
  if (
    apiKeyForm?.kind === 'long-term' &&
    allowedAccountIds !== undefined &&
    allowedAccountIds.length > 0 &&
    !allowedAccountIds.includes(apiKeyForm.accountId)
  ) {
    problems.push(
      invalidValue(
        'bedrock-api-key',
        `a key of one of the allowed-account-ids (${allowedAccountIds.join(', ')})`,
        apiKeyValue,
        `the key belongs to account ${apiKeyForm.accountId}, which is not allowed`,
        { secret: true }
      ).asPolicy()
    )
  }
  if (problems.length > 0) throw combineInputErrors(problems)
  // Every required value parsed (a failure would have left a problem), so these hold.
  if (
    region === undefined ||
    !model ||
    !smallFastModel ||
    !verify ||
    !allowedAccountIds ||
    !requireActorPermission ||
    !allowedBots
  ) {
    throw new Error('readConfig: a parsed input is missing without a recorded problem')
  }
  const endpoints: Endpoints = Object.freeze({
    ...(sts && { sts }),
    ...(bedrock && { bedrock }),
    ...(bedrockRuntime && { bedrockRuntime })
  })
  const claudeCodeBaseUrl = runtimeBaseUrl(bedrockRuntime, env)
  const roleSessionName = sessionName ?? deriveSessionName(env)
  const customHeaders = requestMetadata
    ? mergeCustomHeaders(env['ANTHROPIC_CUSTOM_HEADERS'], jobMetadata(env, roleSessionName))
    : undefined
  return Object.freeze({
    region,
    partition: partitionOfRegion(region),
    ...(roleToAssume && { roleToAssume }),
    ...(roleSource && { roleSource: Object.freeze({ ...roleSource }) }),
    roleChaining,
    ...(roleExternalId && { roleExternalId }),
    ...(webIdentityTokenFile && { webIdentityTokenFile }),
    audience: audience ?? 'sts.amazonaws.com',
    roleSessionName,
    roleDurationSeconds: duration ?? 3600,
    ...(apiKeyValue !== undefined &&
      apiKeyForm !== undefined && { bedrockApiKey: apiKeyValue, bedrockApiKeyForm: apiKeyForm }),
    model: freezeRef(model),
    smallFastModel: freezeRef(smallFastModel),
    ...(smallFastModelRegion && { smallFastModelRegion }),
    inferenceProfilePrefix: inferenceProfilePrefix ?? autoProfilePrefix(region),
    inferenceProfilePrefixExplicit: isExplicitPrefix(getInput('inference-profile-prefix')),
    verify,
    pinFamilies,
    failOnError,
    allowedAccountIds: Object.freeze([...allowedAccountIds]),
    ...(maxOutputTokens !== undefined && { maxOutputTokens }),
    ...(maxThinkingTokens !== undefined && { maxThinkingTokens }),
    disablePromptCaching,
    promptCachingChosenBy: promptCachingInput === undefined ? 'region' : 'input',
    exportCredentials,
    outputCredentials,
    maskAwsAccountId,
    jobSummary,
    refreshCredentials,
    endpoints,
    ...(claudeCodeBaseUrl !== undefined && { claudeCodeBaseUrl: Object.freeze(claudeCodeBaseUrl) }),
    ...(githubToken && { githubToken }),
    requireActorPermission,
    allowedBots: Object.freeze([...allowedBots]),
    scrubAgentCredentials,
    ...(customHeaders !== undefined && { customHeaders }),
    usageReport: usageReport ?? 'auto',
    usageReportWaitSeconds: usageReportWaitSeconds ?? 60
  })
}

/** A prefix was named (any case, surrounding blanks ignored); empty and `auto` are not. */
function isExplicitPrefix(value: string): boolean {
  const wanted = value.trim().toLowerCase()
  return wanted !== '' && wanted !== 'auto'
}

/**
 * Where the checks' runtime client goes when it is not AWS's own host: the input, else the SDK's
 * endpoint variable (normalised like the input, without a trailing slash). A variable that is not
 * a URL is left to the client, whose error the checks report.
 */
function runtimeBaseUrl(
  input: string | undefined,
  env: NodeJS.ProcessEnv
): ClaudeCodeBaseUrl | undefined {
  if (input !== undefined) return { url: input, from: 'bedrock-runtime-endpoint' }
  const variable = endpointVariable('bedrock-runtime', env)
  if (variable === undefined || !URL.canParse(variable.url)) return undefined
  return {
    url: new URL(variable.url).href.replace(/\/+$/, ''),
    from:
      variable.name === 'AWS_ENDPOINT_URL' ? 'AWS_ENDPOINT_URL' : 'AWS_ENDPOINT_URL_BEDROCK_RUNTIME'
  }
}

/** The SDK's own endpoint variables point Bedrock elsewhere just as the endpoint inputs do. */
function hasEndpointVariable(env: NodeJS.ProcessEnv): boolean {
  return ['AWS_ENDPOINT_URL', 'AWS_ENDPOINT_URL_BEDROCK', 'AWS_ENDPOINT_URL_BEDROCK_RUNTIME'].some(
    (name) => (env[name] ?? '') !== ''
  )
}

function freezeRef(ref: ModelRef): ModelRef {
  return Object.freeze({ ...ref })
}

/** `aws-region`, else env AWS_REGION, then AWS_DEFAULT_REGION: the first one set is used. */
function readRegion(getInput: (name: string) => string, env: NodeJS.ProcessEnv): string {
  const input = 'aws-region'
  const fromInput = checkRawValue(input, getInput(input), { accepted: REGION_FORM })
  if (fromInput !== undefined) return parseRegion(input, fromInput)
  for (const variable of REGION_VARIABLES) {
    const source = `env ${variable}`
    const value = checkRawValue(input, env[variable], { accepted: REGION_FORM, source })
    if (value !== undefined) return parseRegion(input, value, source)
  }
  const accepted = `${REGION_FORM}, set here or in env AWS_REGION or AWS_DEFAULT_REGION`
  throw invalidValue(input, accepted, undefined)
}

/** A separate region for the small model still has to be in the main region's partition. */
function parseSmallModelRegion(value: string, region: string | undefined): string {
  const input = 'small-fast-model-region'
  const smallRegion = parseRegion(input, value)
  if (region !== undefined && partitionOfRegion(smallRegion) !== partitionOfRegion(region)) {
    const accepted = `a region in partition ${partitionOfRegion(region)}`
    throw invalidValue(
      input,
      accepted,
      value,
      partitionMismatch(partitionOfRegion(smallRegion), region)
    )
  }
  return smallRegion
}
