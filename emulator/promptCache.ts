// Prompt caching as Bedrock bills it, enough for usage reports: an Anthropic request that marks
// blocks with `cache_control` writes its system prompt to the account's cache the first time
// (cache_creation_input_tokens) and reads it on later calls of the same model (cache_read_input_tokens).
import { createHash } from 'node:crypto'

export interface CacheSplit {
  /** Tokens billed as plain input. */
  inputTokens: number
  cacheReadInputTokens: number
  cacheWriteInputTokens: number
}

function marksCache(value: unknown): boolean {
  if (Array.isArray(value)) return value.some(marksCache)
  if (typeof value !== 'object' || value === null) return false
  if ('cache_control' in value) return true
  return Object.values(value).some(marksCache)
}

export class PromptCache {
  readonly #written = new Set<string>()

  /**
   * Splits `inputTokens` (the whole prompt) into plain, cache-read and cache-write tokens.
   * `systemTokens` is the cached prefix: Claude Code marks its system prompt for caching.
   */
  split(
    account: string,
    modelId: string,
    request: Record<string, unknown>,
    inputTokens: number,
    systemTokens: number
  ): CacheSplit {
    const cached = Math.min(systemTokens, inputTokens)
    if (!marksCache(request) || request['system'] === undefined || cached <= 0) {
      return { inputTokens, cacheReadInputTokens: 0, cacheWriteInputTokens: 0 }
    }
    const key = createHash('sha256')
      .update(`${account}\u0000${modelId}\u0000${JSON.stringify(request['system'])}`)
      .digest('hex')
    const hit = this.#written.has(key)
    this.#written.add(key)
    return {
      inputTokens: inputTokens - cached,
      cacheReadInputTokens: hit ? cached : 0,
      cacheWriteInputTokens: hit ? 0 : cached
    }
  }
}
