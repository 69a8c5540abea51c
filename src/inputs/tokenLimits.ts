/**
 * The smallest thinking budget the Messages API accepts (`thinking.budget_tokens` ≥ 1,024,
 * Anthropic's extended-thinking docs). `MAX_THINKING_TOKENS=0` turns thinking off in Claude Code.
 */
export const MIN_THINKING_BUDGET = 1_024

/**
 * The accepted forms are the contract's (a positive integer; an integer ≥ 0). What Bedrock will
 * accept depends on the model and on how Claude Code sends thinking (with interleaved thinking the
 * budget may exceed `max_tokens`), so those limits are warnings on the model's output-limit row
 * (src/checks/outputLimitCheck.ts), never input errors that would refuse a value the contract allows.
 */
export const MAX_OUTPUT_TOKENS_FORM = 'a whole number of 1 or more'
export const MAX_THINKING_TOKENS_FORM = '0 (thinking off) or a whole number of tokens'

const n = (value: number): string => value.toLocaleString('en-US')

/** A token setting Bedrock may refuse whatever the model: what it is, why, and the fix. */
export interface TokenSettingWarning {
  readonly detail: string
  readonly cause: string
  readonly fix: string
}

/**
 * `max-thinking-tokens` against the API's floor, and against `max-output-tokens` when both are set.
 * The action's 1-token probes never send a thinking budget, so a green run would not cover either.
 *
 * @returns the warnings (none when both are unset or thinking is off), each naming the inputs involved
 */
export function tokenSettingWarnings(
  maxOutputTokens: number | undefined,
  maxThinkingTokens: number | undefined
): TokenSettingWarning[] {
  if (maxThinkingTokens === undefined || maxThinkingTokens === 0) return []
  const warnings: TokenSettingWarning[] = []
  if (maxThinkingTokens < MIN_THINKING_BUDGET) {
    warnings.push({
      detail: `\`max-thinking-tokens\` ${n(maxThinkingTokens)} is below the Messages API's smallest thinking budget of ${n(MIN_THINKING_BUDGET)}`,
      cause: `A turn sent with \`thinking.budget_tokens\` below ${n(MIN_THINKING_BUDGET)} is refused (Anthropic's extended-thinking docs); the action's probes send no thinking budget, so they cannot show it.`,
      fix: `Set \`max-thinking-tokens\` to ${n(MIN_THINKING_BUDGET)} or more, or to 0 to turn thinking off.`
    })
  }
  if (maxOutputTokens !== undefined && maxThinkingTokens >= maxOutputTokens) {
    warnings.push({
      detail: `\`max-thinking-tokens\` ${n(maxThinkingTokens)} is not below \`max-output-tokens\` ${n(maxOutputTokens)}`,
      cause: `Thinking tokens count toward a turn's \`max_tokens\`: without interleaved thinking the Messages API refuses such a turn ("max_tokens must be greater than thinking.budget_tokens"), and with it a turn may spend its whole output on thinking.`,
      fix: `Lower \`max-thinking-tokens\` below ${n(maxOutputTokens)}, or raise \`max-output-tokens\` above ${n(maxThinkingTokens)} (within the model's own maximum).`
    })
  }
  return warnings
}
