import type { FamilyPin } from '../checks/verifyModels.js'
import { assumedByThisAction, type ObtainedCredentials } from '../credentials/types.js'
import type { Config } from '../inputs/config.js'
import { shownUrl } from '../inputs/endpoint.js'
import type { ResolvedModel } from '../models/resolvedModel.js'
import type { ExportedVariable } from '../report/types.js'

export interface ExportInputs {
  readonly config: Config
  /** Undefined when no credentials were obtained, or when identity proof failed: then nothing is exported. */
  readonly credentials?: ObtainedCredentials
  readonly main?: ResolvedModel
  readonly small?: ResolvedModel
  /** Families resolved for `pin-families` that neither main nor small covers. */
  readonly families?: readonly FamilyPin[]
  /** The main model passed every check (or verify is none): Claude Code may switch to Bedrock. */
  readonly mainModelReady: boolean
}

const plain = (name: string, value: string): ExportedVariable => ({ name, value, secret: false })
const secret = (name: string, value: string): ExportedVariable => ({ name, value, secret: true })

/**
 * The environment Claude Code reads, as data. Never an empty value: some Claude Code versions
 * break SigV4 when e.g. AWS_BEARER_TOKEN_BEDROCK is set to "".
 */
export function buildExports(inputs: ExportInputs): ExportedVariable[] {
  const { config, credentials, main, small } = inputs
  const vars: ExportedVariable[] = [
    plain('AWS_REGION', config.region),
    plain('AWS_DEFAULT_REGION', config.region)
  ]

  // We re-export only the role session we assumed; credentials that were already in the environment
  // (the runner's own, which signed a chained AssumeRole included) stay as they are, unexported.
  if (
    assumedByThisAction(credentials?.origin) &&
    credentials !== undefined &&
    config.exportCredentials
  ) {
    const c = credentials.credentials
    vars.push(secret('AWS_ACCESS_KEY_ID', c.accessKeyId))
    vars.push(secret('AWS_SECRET_ACCESS_KEY', c.secretAccessKey))
    if (c.sessionToken !== undefined) vars.push(secret('AWS_SESSION_TOKEN', c.sessionToken))
  }
  if (config.bedrockApiKey !== undefined) {
    vars.push(secret('AWS_BEARER_TOKEN_BEDROCK', config.bedrockApiKey))
  }

  if (inputs.mainModelReady) vars.push(plain('CLAUDE_CODE_USE_BEDROCK', '1'))
  vars.push(...modelVariables(main, small, inputs.families ?? [], config))

  if (config.maxOutputTokens !== undefined) {
    vars.push(plain('CLAUDE_CODE_MAX_OUTPUT_TOKENS', String(config.maxOutputTokens)))
  }
  if (config.maxThinkingTokens !== undefined) {
    vars.push(plain('MAX_THINKING_TOKENS', String(config.maxThinkingTokens)))
  }
  if (config.disablePromptCaching) vars.push(plain('DISABLE_PROMPT_CACHING', '1'))
  // Claude Code's runtime URL comes only from this variable, never from AWS_ENDPOINT_URL_*: without
  // it, an endpoint the checks reached through the SDK's variable would not be where Claude Code goes.
  if (config.claudeCodeBaseUrl !== undefined) {
    const { url } = config.claudeCodeBaseUrl
    const shown = shownUrl(url)
    vars.push({ ...plain('ANTHROPIC_BEDROCK_BASE_URL', url), ...(shown !== url && { shown }) })
  }
  // Claude Code sends these on every Bedrock request; the job's own headers are merged in already.
  // Shown by header name only where the line is the job's own: gateway tokens travel there.
  if (config.customHeaders !== undefined) {
    const { value, shown } = config.customHeaders
    vars.push({ ...plain('ANTHROPIC_CUSTOM_HEADERS', value), ...(shown !== value && { shown }) })
  }
  // Claude Code keeps the credentials for its own calls; its Bash tool, hooks and MCP servers
  // start without them (see agentIsolation/checkIsolation.ts).
  if (config.scrubAgentCredentials) vars.push(plain('CLAUDE_CODE_SUBPROCESS_ENV_SCRUB', '1'))
  return vars.filter((v) => v.value !== '')
}

/**
 * ANTHROPIC_MODEL is the main model; the Haiku slot (and its deprecated name) is the small model,
 * whatever its family, because Claude Code uses that slot for background work. Every other family
 * slot points at the model of that family we resolved, the main one winning a tie. With
 * `pin-families`, a family neither covers gets its own verified model, or the main model when the
 * role cannot use that family (a subagent asking for it then keeps working).
 */
function modelVariables(
  main: ResolvedModel | undefined,
  small: ResolvedModel | undefined,
  pins: readonly FamilyPin[],
  config: Config
): ExportedVariable[] {
  const vars: ExportedVariable[] = []
  const families = new Map<string, string>()
  if (main !== undefined) {
    vars.push(plain('ANTHROPIC_MODEL', main.exportId))
    families.set(main.family, main.exportId)
  }
  if (small !== undefined) {
    families.set('haiku', small.exportId)
    if (!families.has(small.family)) families.set(small.family, small.exportId)
    vars.push(plain('ANTHROPIC_SMALL_FAST_MODEL', small.exportId))
    if (config.smallFastModelRegion !== undefined) {
      vars.push(plain('ANTHROPIC_SMALL_FAST_MODEL_AWS_REGION', config.smallFastModelRegion))
    }
  }
  if (config.pinFamilies) {
    for (const pin of pins) {
      if (families.has(pin.family)) continue
      const id = pin.usable ? pin.model?.exportId : main?.exportId
      if (id !== undefined) families.set(pin.family, id)
    }
  }
  for (const [family, id] of [...families].sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0))) {
    if (family === '') continue
    vars.push(
      plain(`ANTHROPIC_DEFAULT_${family.toUpperCase().replace(/[^A-Z0-9]/g, '_')}_MODEL`, id)
    )
  }
  return vars
}
