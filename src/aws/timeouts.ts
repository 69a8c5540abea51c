// Timeouts of every outgoing request (AWS calls and the GitHub OIDC token), kept apart from the
// HTTP handler so the fast path (input errors, the token request) does not load the SDK's transport.

export interface Timeouts {
  /** TCP establishment (to the endpoint, or to the proxy). */
  readonly connectMs: number
  /**
   * The whole attempt, from sending to the last byte of the answer (a proxy's CONNECT included):
   * a hung endpoint becomes a TimeoutError, which is retried within the budget.
   */
  readonly responseMs: number
}

export const DEFAULT_TIMEOUTS: Timeouts = { connectMs: 5_000, responseMs: 20_000 }

export const TIMEOUT_ENV = {
  connectMs: 'SETUP_CLAUDE_BEDROCK_CONNECT_TIMEOUT_MS',
  responseMs: 'SETUP_CLAUDE_BEDROCK_RESPONSE_TIMEOUT_MS'
} as const

/** Timeouts can be raised for slow proxies or gateways (or lowered in tests); see docs/design-choices.md. */
export function timeoutsFromEnv(env: NodeJS.ProcessEnv): Timeouts {
  const read = (name: string, fallback: number): number => {
    const value = Number(env[name])
    return Number.isInteger(value) && value > 0 ? value : fallback
  }
  return {
    connectMs: read(TIMEOUT_ENV.connectMs, DEFAULT_TIMEOUTS.connectMs),
    responseMs: read(TIMEOUT_ENV.responseMs, DEFAULT_TIMEOUTS.responseMs)
  }
}
