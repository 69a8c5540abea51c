// An authenticated Bedrock request, as the control-plane and runtime handlers see it.
import type { Principal } from './credentials.ts'
import type { PromptCache } from './promptCache.ts'
import type { PolicyStatement, Scenario } from './scenario.ts'

export interface BedrockCall {
  scenario: Scenario
  requestId: string
  /** Credential-scope region, or the scenario's default region for bearer calls. */
  region: string
  principal: Principal
  statements: PolicyStatement[]
  /** The decoded path label (model id, profile id or ARN). */
  label?: string
  /** Epoch ms the request arrived (for latency metrics). */
  receivedAt: number
  query: URLSearchParams
  body: Buffer
  /** Receives the tool results a streamed request carries (emulator.toolResults). */
  recordToolResults?: (results: string[]) => void
  /** The account's prompt cache (runtime calls). */
  promptCache?: PromptCache
}
