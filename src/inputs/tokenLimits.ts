import { invalidValue } from './valueMessage.js'
import type { InputError } from './inputError.js'

/**
 * The largest output any Claude model on Bedrock allows: 128K tokens (Claude Opus 4.6 and later,
 * Sonnet 4.6; Anthropic's model overview, "Max output"). Older models allow less (64K, 32K): that
 * depends on the model the run resolves, so it is not an input error.
 */
export const MAX_OUTPUT_TOKENS = 128_000

/**
 * The smallest thinking budget the Messages API accepts (`thinking.budget_tokens` ≥ 1,024,
 * Anthropic's extended-thinking docs). `MAX_THINKING_TOKENS=0` turns thinking off in Claude Code.
 */
export const MIN_THINKING_BUDGET = 1_024

export const MAX_OUTPUT_TOKENS_FORM = `a whole number from 1 to ${MAX_OUTPUT_TOKENS.toLocaleString('en-US')} (the largest output of any Claude model)`
export const MAX_THINKING_TOKENS_FORM = `0 (thinking off) or a whole number from ${MIN_THINKING_BUDGET.toLocaleString('en-US')} (the Messages API's smallest thinking budget) to ${(MAX_OUTPUT_TOKENS - 1).toLocaleString('en-US')}`

const n = (value: number): string => value.toLocaleString('en-US')

/**
 * `max-thinking-tokens` against the API's floor, and against `max-output-tokens` when both are set:
 * the Messages API refuses a request whose `max_tokens` is not greater than
 * `thinking.budget_tokens` ("`max_tokens` must be greater than `thinking.budget_tokens`"), and the
 * action's 1-token probes never send a thinking budget, so a green run would not cover it.
 *
 * @returns the problems, each naming the inputs involved and offering only fixes that resolve them
 */
export function tokenInputProblems(
  maxOutputTokens: number | undefined,
  maxThinkingTokens: number | undefined,
  raw: { readonly output?: string; readonly thinking?: string }
): InputError[] {
  if (maxThinkingTokens === undefined || maxThinkingTokens === 0) return []
  if (maxThinkingTokens < MIN_THINKING_BUDGET) {
    return [
      invalidValue(
        'max-thinking-tokens',
        MAX_THINKING_TOKENS_FORM,
        raw.thinking,
        `below the Messages API's minimum thinking budget of ${n(MIN_THINKING_BUDGET)}: every turn with thinking would be refused; use ${n(MIN_THINKING_BUDGET)} or more, or 0 to turn thinking off`
      )
    ]
  }
  if (maxOutputTokens !== undefined && maxThinkingTokens >= maxOutputTokens) {
    const raise =
      maxThinkingTokens < MAX_OUTPUT_TOKENS
        ? `, or raise \`max-output-tokens\` above ${n(maxThinkingTokens)} (at most ${n(MAX_OUTPUT_TOKENS)}, within the model's own maximum)`
        : ''
    return [
      invalidValue(
        'max-thinking-tokens',
        `less than max-output-tokens (${n(maxOutputTokens)}): thinking tokens are part of the output`,
        raw.thinking,
        `\`max-thinking-tokens\` ${n(maxThinkingTokens)} is not below \`max-output-tokens\` ${n(maxOutputTokens)}, and Bedrock refuses every turn with thinking ("max_tokens must be greater than thinking.budget_tokens"); lower \`max-thinking-tokens\` below ${n(maxOutputTokens)}${raise}`
      )
    ]
  }
  return []
}
