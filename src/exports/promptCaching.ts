import type { CheckResult } from '../report/types.js'

/**
 * Whether Bedrock offers prompt caching in `region`. AWS documents prompt caching for the
 * commercial regions' Claude models (Bedrock user guide, "Prompt caching for faster model
 * inference"); AWS GovCloud (US) and the China regions are not among them, and Claude Code's
 * Bedrock guide has `DISABLE_PROMPT_CACHING=1` for regions without it. A request that carries
 * `cache_control` where there is no prompt caching is refused.
 */
export function promptCachingOffered(region: string | undefined): boolean {
  if (region === undefined) return true
  return !region.startsWith('us-gov-') && !region.startsWith('cn-')
}

/**
 * The `prompt-caching` check, only where it has something to say: the action turned caching off
 * for the region (pass, with why), or the user forced it on where Bedrock has none (warn).
 */
export function promptCachingCheck(
  region: string,
  disabled: boolean,
  chosenBy: 'input' | 'region'
): CheckResult | undefined {
  if (promptCachingOffered(region)) return undefined
  const base = { id: 'prompt-caching', title: 'Prompt caching' }
  if (disabled) {
    return {
      ...base,
      status: 'pass',
      detail:
        chosenBy === 'region'
          ? `Off: Bedrock has no prompt caching in ${region}, so \`DISABLE_PROMPT_CACHING=1\` is exported (set \`disable-prompt-caching: false\` to send cache hints anyway)`
          : `Off (\`disable-prompt-caching: true\`): Bedrock has no prompt caching in ${region}`
    }
  }
  return {
    ...base,
    status: 'warn',
    detail: `On (\`disable-prompt-caching: false\`), but Bedrock has no prompt caching in ${region}`,
    cause: `Claude Code marks parts of each request for caching (\`cache_control\`); Bedrock in ${region} has no prompt caching, so those requests can be refused.`,
    fix: 'Remove `disable-prompt-caching: false` (the action then exports `DISABLE_PROMPT_CACHING=1` in this region), or set it to `true`.'
  }
}
