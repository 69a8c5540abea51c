// What one `npm run bench` measured; written as JSON to bench-results/ and rendered by report.ts.
import type { BudgetCheck } from './budgets.ts'
import type { Spread } from './stats.ts'

export interface LatencyResult {
  readonly latencyMs: number
  /** Wall time of each run: spawn to exit, as the runner sees it. */
  readonly wallMs: Spread
  /** Bare `node -e 0`, measured between the runs (the floor's start-up term). */
  readonly nodeStartupMs: Spread
  /** Requests per run (the most frequent count). */
  readonly requests: number
  /** Longest critical path of any run. */
  readonly roundTrips: number
  /** One longest chain, by operation. */
  readonly chain: readonly string[]
  readonly floorMs: number
  /** Median wall time over the floor. */
  readonly wallOverFloor: number
}

/** A full run where every new connection costs a TCP and a TLS handshake, as on a runner. */
export interface ConnectionSetupResult {
  readonly latencyMs: number
  /** What opening a connection costs before a request can use it. */
  readonly setupMs: number
  readonly wallMs: Spread
  /** Bare Node + critical path × latency + the one set-up no run avoids (the token request's). */
  readonly floorMs: number
  readonly wallOverFloor: number
  /** Requests that waited for their connection to be set up (most in any run). */
  readonly waitedForConnection: number
  /** Those requests, by operation, of the run with the most. */
  readonly waiting: readonly string[]
}

/** The post step (usage report) after a full run: its own time, as the runner sees it. */
export interface PostStepResult {
  readonly latencyMs: number
  readonly wallMs: Spread
  /** How long it waited for invocation logs to be delivered and stable (median), ms. */
  readonly waitedMs: number
  readonly requests: number
  readonly roundTrips: number
  readonly chain: readonly string[]
}

export interface ColdStartResult {
  readonly bareNodeMs: Spread
  /** dist/index.js with an invalid input: start to exit, no network. */
  readonly actionMs: Spread
  /** Median action minus median bare Node. */
  readonly overheadMs: number
}

export interface BundleFile {
  readonly name: string
  readonly bytes: number
  readonly gzipBytes: number
}

export interface FastFailureResult {
  readonly name: string
  readonly latencyMs: number
  readonly wallMs: Spread
  /** Requests of the first measured run, in arrival order. */
  readonly operations: readonly string[]
  /** Most requests / STS requests / requests after the first STS one, over all runs. */
  readonly requests: number
  readonly stsRequests: number
  readonly requestsAfterSts: number
  readonly roundTrips: number
  readonly exitCodes: readonly (number | null)[]
}

export interface BenchResults {
  readonly startedAt: string
  readonly commit: string
  readonly node: string
  readonly machine: {
    readonly cpus: number
    readonly model: string
    readonly loadAverage: number[]
  }
  readonly runsPerLatency: number
  readonly bundle: readonly BundleFile[]
  readonly coldStart: ColdStartResult
  readonly latencies: readonly LatencyResult[]
  readonly connectionSetup: ConnectionSetupResult
  readonly postStep: PostStepResult
  readonly fastFailures: readonly FastFailureResult[]
  readonly budgets: readonly BudgetCheck[]
}
