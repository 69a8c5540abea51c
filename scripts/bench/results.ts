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

/** The full run against a real-sized Service Quotas listing, with and without cached quota codes. */
export interface CapacityResult {
  readonly name: string
  readonly latencyMs: number
  readonly wallMs: Spread
  readonly roundTrips: number
  readonly chain: readonly string[]
  readonly floorMs: number
  readonly wallOverFloor: number
  /** The set-up step's Service Quotas calls that were answered, by operation (last run). */
  readonly quotaCalls: Readonly<Record<string, number>>
  /** The main model's capacity check in the set-up step (last run): status and the detail's start. */
  readonly verdict: string
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

/** AWS calls one run makes, by the account-wide limit they count against (throttled ones excluded). */
export interface CallsPerJob {
  readonly name: string
  readonly sts: number
  readonly controlPlane: number
  readonly runtime: number
  /** The capacity pre-flight's Service Quotas calls (listing pages, or GetServiceQuota per cached code). */
  readonly serviceQuotas: number
  /** GitHub OIDC token requests (GetIdToken): one per run unless a fresh token was needed. */
  readonly tokenRequests: number
  readonly operations: Readonly<Record<string, number>>
}

/** Many copies of the action started together against an account-wide rate limit. */
export interface HerdResult {
  readonly jobs: number
  /** The scenario's limits, in words. */
  readonly limit: string
  readonly inputs: Readonly<Record<string, string>>
  readonly passed: number
  /** Each job's wall time: spawn to exit. */
  readonly wallMs: Spread
  /** From the first start to the last exit. */
  readonly drainedMs: number
  /** Answered calls per job, by kind. */
  readonly stsPerJob: number
  readonly controlPlanePerJob: number
  readonly runtimePerJob: number
  readonly serviceQuotasPerJob: number
  readonly tokenRequestsPerJob: number
  /** Requests the rate limit turned away (each one retried later). */
  readonly throttles: number
  readonly throttlesByOperation: Readonly<Record<string, number>>
  /** Most throttled answers one call of one job got before it went through (or gave up). */
  readonly mostThrottlesOfOneCall: number
  /** The first failures' error lines, if any. */
  readonly failures: readonly string[]
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
  readonly capacity: readonly CapacityResult[]
  readonly postStep: PostStepResult
  readonly fastFailures: readonly FastFailureResult[]
  readonly callsPerJob: readonly CallsPerJob[]
  readonly herds: readonly HerdResult[]
  readonly budgets: readonly BudgetCheck[]
}
