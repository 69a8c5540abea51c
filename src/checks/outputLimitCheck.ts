import type { Config } from '../inputs/config.js'
import { tokenSettingWarnings } from '../inputs/tokenLimits.js'
import { parseModelId } from '../models/modelId.js'
import type { ResolvedModel } from '../models/resolvedModel.js'
import type { CheckResult } from '../report/types.js'
import { checkNames } from './checkNames.js'

const atLeast = (version: readonly number[], than: readonly number[]): boolean => {
  for (let i = 0; i < Math.max(version.length, than.length); i++) {
    const diff = (version[i] ?? 0) - (than[i] ?? 0)
    if (diff !== 0) return diff > 0
  }
  return true
}

/**
 * The most output tokens a Claude model answers with (`max_tokens`), from Anthropic's model
 * overview ("Max output"): Claude 3 Haiku 4,096; Claude 3.5 Haiku and 3.5 Sonnet 8,192; Claude Opus
 * 4 and 4.1 32,000; Claude 3.7 Sonnet, Sonnet 4 and 4.5, Haiku 4.5 and Opus 4.5 64,000; Opus 4.6,
 * Sonnet 4.6 and later 128,000. Undefined for a model this table does not know (no guess).
 *
 * @param foundationModelId a Bedrock base model id, e.g. `anthropic.claude-opus-4-1-20250805-v1:0`
 */
export function modelMaxOutputTokens(foundationModelId: string): number | undefined {
  const { family, version } = parseModelId(foundationModelId)
  if (version.length === 0) return undefined
  switch (family) {
    case 'haiku':
      if (atLeast(version, [4])) return 64_000
      return atLeast(version, [3, 5]) ? 8_192 : 4_096
    case 'sonnet':
      if (atLeast(version, [4, 6])) return 128_000
      if (atLeast(version, [3, 7])) return 64_000
      return atLeast(version, [3, 5]) ? 8_192 : undefined
    case 'opus':
      if (atLeast(version, [4, 6])) return 128_000
      if (atLeast(version, [4, 5])) return 64_000
      return atLeast(version, [4]) ? 32_000 : 4_096
    default:
      return undefined
  }
}

const n = (value: number): string => value.toLocaleString('en-US')

/**
 * `max-output-tokens` / `max-thinking-tokens` against the maximum of the model this role resolved
 * to, plus (on the main model's row only, so it is said once) the settings the Messages API refuses
 * whatever the model (src/inputs/tokenLimits.ts): a warning, since the 1-token probes never ask for
 * more and the limits depend on the model; nothing when every value fits.
 */
export function outputLimitCheck(model: ResolvedModel, config: Config): CheckResult | undefined {
  const general =
    model.role === 'main'
      ? tokenSettingWarnings(config.maxOutputTokens, config.maxThinkingTokens)
      : []
  const limit = modelMaxOutputTokens(model.foundationModelId)
  const over: string[] = []
  if (limit !== undefined) {
    if (config.maxOutputTokens !== undefined && config.maxOutputTokens > limit)
      over.push(`\`max-output-tokens\` ${n(config.maxOutputTokens)}`)
    if (config.maxThinkingTokens !== undefined && config.maxThinkingTokens >= limit)
      over.push(`\`max-thinking-tokens\` ${n(config.maxThinkingTokens)}`)
  }
  const details = general.map((w) => w.detail)
  const causes = general.map((w) => w.cause)
  const fixes = general.map((w) => w.fix)
  if (limit !== undefined && over.length > 0) {
    details.push(
      `\`${model.foundationModelId}\` answers at most ${n(limit)} output tokens; ${over.join(' and ')} ${over.length > 1 ? 'are' : 'is'} above that`
    )
    causes.push(
      `Claude Code sends these values as \`max_tokens\` (and the thinking budget, which must stay below it) with every turn on \`${model.exportId}\`; the Messages API refuses \`max_tokens\` above the model's maximum of ${n(limit)} (Anthropic's model overview), which the 1-token probes never ask for.`
    )
    fixes.push(
      `Set \`max-output-tokens\` to ${n(limit)} or less${config.maxThinkingTokens !== undefined ? ` and \`max-thinking-tokens\` below it` : ''}, or leave ${config.maxThinkingTokens !== undefined && config.maxOutputTokens !== undefined ? 'them' : 'it'} unset so Claude Code picks the model's own default.`
    )
  }
  if (details.length === 0) return undefined
  return {
    ...checkNames.outputLimit(model.role),
    status: 'warn',
    detail: details.join('; '),
    cause: causes.join(' '),
    fix: fixes.join(' ')
  }
}
