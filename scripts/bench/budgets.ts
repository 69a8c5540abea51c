// The performance budgets of issue 6, as data: bench.ts measures, this decides PASS or FAIL.

export const BUDGET = {
  /** Added latency at which the round-trip and floor budgets are judged. */
  latencyMs: 200,
  /** OIDC token, AssumeRoleWithWebIdentity, then everything else as concurrent as it can be. */
  maxRoundTrips: 5,
  /** Wall time over the floor (Node start-up + critical path × latency). */
  maxWallOverFloor: 1.15,
  /** Start to exit on an input error, over bare `node -e 0`. */
  maxColdStartOverheadMs: 150
} as const

/** What no schedule can beat: starting Node, then one latency per round trip that had to wait. */
export function floorMs(nodeStartupMs: number, roundTrips: number, latencyMs: number): number {
  return nodeStartupMs + roundTrips * latencyMs
}

export interface BudgetInput {
  /** Longest critical path seen at BUDGET.latencyMs. */
  readonly roundTrips: number
  /** Median wall time over the floor at BUDGET.latencyMs. */
  readonly wallOverFloor: number
  /** Median cold start of the action on an input error minus median bare `node -e 0`. */
  readonly coldStartOverheadMs: number
  /** Requests that reached the emulator on an invalid input (every run). */
  readonly invalidInputRequests: number
  /** STS requests on an AccessDenied from AssumeRoleWithWebIdentity (most in any run). */
  readonly deniedStsRequests: number
  /** Requests after the denied STS call (most in any run). */
  readonly requestsAfterDenial: number
  /** The full run against a real-sized quota listing, cold and with cached codes (same limits). */
  readonly capacity?: ReadonlyArray<{
    readonly name: string
    readonly roundTrips: number
    readonly wallOverFloor: number
  }>
  /** Herds run against a rate limit: jobs started and jobs that passed, each. */
  readonly herds?: ReadonlyArray<{
    readonly jobs: number
    readonly passed: number
    readonly inputs: Readonly<Record<string, string>>
  }>
}

export interface BudgetCheck {
  readonly name: string
  readonly limit: string
  readonly actual: string
  readonly pass: boolean
}

export function checkBudgets(input: BudgetInput): BudgetCheck[] {
  const ms = (value: number): string => `${Math.round(value)} ms`
  return [
    {
      name: `critical path at ${BUDGET.latencyMs} ms latency`,
      limit: `≤ ${BUDGET.maxRoundTrips} round trips`,
      actual: `${input.roundTrips} round trips`,
      pass: input.roundTrips <= BUDGET.maxRoundTrips
    },
    {
      name: `wall time at ${BUDGET.latencyMs} ms latency`,
      limit: `≤ ${BUDGET.maxWallOverFloor.toFixed(2)} × floor`,
      actual: `${input.wallOverFloor.toFixed(2)} × floor`,
      pass: input.wallOverFloor <= BUDGET.maxWallOverFloor
    },
    ...(input.capacity ?? []).flatMap((run) => [
      {
        name: `critical path at ${BUDGET.latencyMs} ms, 7-page quota listing, ${run.name}`,
        limit: `≤ ${BUDGET.maxRoundTrips} round trips`,
        actual: `${run.roundTrips} round trips`,
        pass: run.roundTrips <= BUDGET.maxRoundTrips
      },
      {
        name: `wall time at ${BUDGET.latencyMs} ms, 7-page quota listing, ${run.name}`,
        limit: `≤ ${BUDGET.maxWallOverFloor.toFixed(2)} × floor`,
        actual: `${run.wallOverFloor.toFixed(2)} × floor`,
        pass: run.wallOverFloor <= BUDGET.maxWallOverFloor
      }
    ]),
    {
      name: 'cold start (input error) over bare Node',
      limit: `≤ ${ms(BUDGET.maxColdStartOverheadMs)}`,
      actual: ms(input.coldStartOverheadMs),
      pass: input.coldStartOverheadMs <= BUDGET.maxColdStartOverheadMs
    },
    {
      name: 'invalid input fails without a network call',
      limit: '0 requests',
      actual: `${input.invalidInputRequests} requests`,
      pass: input.invalidInputRequests === 0
    },
    {
      name: 'STS AccessDenied fails within one round trip',
      limit: '1 STS request, nothing after it',
      actual: `${input.deniedStsRequests} STS, ${input.requestsAfterDenial} after`,
      pass: input.deniedStsRequests === 1 && input.requestsAfterDenial === 0
    },
    ...(input.herds ?? []).map((herd) => ({
      name: `${herd.jobs} jobs at once under an account-wide rate limit (verify: ${herd.inputs['verify'] ?? 'invoke'})`,
      limit: 'every job passes',
      actual: `${herd.passed} of ${herd.jobs} passed`,
      pass: herd.passed === herd.jobs
    }))
  ]
}
