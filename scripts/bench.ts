// `npm run bench`: how fast the bundled action is, and whether it meets its budgets (issue 6).
// Runs dist/index.js as a runner would against the local emulator with round trips of 0, 50 and
// 200 ms, and reports wall time, requests, the critical path in round trips and the ratio
// to the floor; bundle size; cold start against bare Node; how fast bad setups fail; AWS calls per
// job; and herds of jobs started together against an account-wide rate limit.
//
//   npm run bench                       # build, then measure (about a minute)
//   npm run bench -- --runs 11          # more runs per latency
//   npm run bench -- --docs             # also write docs/benchmark.md
//   npm run bench -- --herd 80          # jobs per herd (default 50; 0 skips the herds)
import { execFileSync } from 'node:child_process'
import {
  existsSync,
  mkdirSync,
  mkdtempSync,
  readdirSync,
  readFileSync,
  rmSync,
  writeFileSync
} from 'node:fs'
import os from 'node:os'
import path from 'node:path'
import { fileURLToPath } from 'node:url'
import { parseArgs } from 'node:util'
import { gzipSync } from 'node:zlib'
import { loadScenario, startEmulator, type Emulator, type Scenario } from '../emulator/index.ts'
import { DIST, runPostStep } from '../emulator/runner/runAction.ts'
import { BUDGET, checkBudgets, floorMs } from './bench/budgets.ts'
import { criticalPath } from './bench/criticalPath.ts'
import { callsPerJob, herdRun } from './bench/herd.ts'
import { measuredRun, timeNode } from './bench/measure.ts'
import { renderReport } from './bench/report.ts'
import type {
  BenchResults,
  BundleFile,
  CapacityResult,
  ColdStartResult,
  ConnectionSetupResult,
  FastFailureResult,
  LatencyResult,
  PostStepResult
} from './bench/results.ts'
import { mode, spread } from './bench/stats.ts'

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..')
const LATENCIES = [0, 50, BUDGET.latencyMs]

const { values } = parseArgs({
  options: {
    runs: { type: 'string', default: '7' },
    herd: { type: 'string', default: '50' },
    'cold-runs': { type: 'string', default: '15' },
    docs: { type: 'boolean', default: false }
  }
})
const runs = Math.max(1, Number(values.runs))
const coldRuns = Math.max(1, Number(values['cold-runs']))
const herdJobs = Math.max(0, Number(values.herd))
if (!existsSync(DIST)) throw new Error(`${DIST} is missing: run \`npm run build\` first`)

const base = loadScenario('default')
const role = `arn:aws:iam::${base.account}:role/${base.roles[0]?.name ?? 'claude-code'}`
const FULL_RUN = {
  'role-to-assume': role,
  'aws-region': base.defaultRegion,
  model: 'sonnet',
  'small-fast-model': 'haiku',
  verify: 'invoke'
}
const appProfileArn = `arn:aws:bedrock:${base.defaultRegion}:${base.account}:application-inference-profile/${base.applicationProfiles[0]?.id ?? ''}`
const profileArn = (id: string): string =>
  `arn:aws:bedrock:${base.defaultRegion}:${base.account}:inference-profile/${id}`
const SONNET_PROFILE = 'us.anthropic.claude-sonnet-4-5-20250929-v1:0'
const HAIKU_PROFILE = 'us.anthropic.claude-haiku-4-5-20251001-v1:0'
/** The common configurations whose AWS calls are counted. */
const CONFIGURATIONS = [
  { name: 'aliases (`sonnet`, `haiku`), `verify: invoke`', inputs: FULL_RUN },
  { name: 'aliases, `verify: access`', inputs: { ...FULL_RUN, verify: 'access' } },
  { name: 'aliases, `verify: none`', inputs: { ...FULL_RUN, verify: 'none' } },
  {
    name: 'explicit profile ids, `verify: invoke`',
    inputs: { ...FULL_RUN, model: SONNET_PROFILE, 'small-fast-model': HAIKU_PROFILE }
  },
  {
    name: 'profile ARNs, `verify: invoke`',
    inputs: {
      ...FULL_RUN,
      model: profileArn(SONNET_PROFILE),
      'small-fast-model': profileArn(HAIKU_PROFILE)
    }
  },
  {
    name: 'application profile ARN + `haiku`, `verify: invoke`',
    inputs: { ...FULL_RUN, model: appProfileArn }
  }
]
const RATE_LIMITED = loadScenario('rate-limited')
const HERD_LIMIT =
  'Bedrock control plane: 5 requests/s for the whole account, burst 5 (one bucket for all its operations); STS and runtime unlimited'
const withLatency = (scenario: Scenario, latencyMs: number): Scenario => ({
  ...scenario,
  latencyMs
})
const progress = (text: string): void => void process.stderr.write(`${text}\n`)

/**
 * The requests the action waited for. The capacity pre-flight's Service Quotas calls count when
 * they were answered before the process exited: the main step waits for them at most about one
 * round trip after the other checks, then stops asking; a page still in flight then is left
 * unanswered and is no part of any critical path.
 */
const awaited = <T extends { readonly service: string; readonly endedAt: number }>(
  requests: readonly T[],
  exitedAt: number
): T[] =>
  requests.filter((request) => request.service !== 'servicequotas' || request.endedAt <= exitedAt)

function commit(): string {
  try {
    const sha = execFileSync('git', ['rev-parse', '--short', 'HEAD'], { cwd: root })
      .toString()
      .trim()
    const dirty = execFileSync('git', ['status', '--porcelain', '--', 'src'], {
      cwd: root
    }).toString()
    return dirty.trim() === '' ? sha : `${sha}-dirty`
  } catch {
    return 'unknown'
  }
}

/** The entry file, then the chunks the SDK loads on demand (its default credential chain) as one row. */
function bundleFiles(): BundleFile[] {
  const dir = path.dirname(DIST)
  const sizes = readdirSync(dir)
    .filter((name) => name.endsWith('.js'))
    .map((name) => {
      const content = readFileSync(path.join(dir, name))
      return { name, bytes: content.length, gzipBytes: gzipSync(content).length }
    })
  const entry = sizes.filter((file) => file.name === path.basename(DIST))
  const chunks = sizes.filter((file) => file.name !== path.basename(DIST))
  const total = (key: 'bytes' | 'gzipBytes'): number => chunks.reduce((sum, f) => sum + f[key], 0)
  return [
    ...entry.map((file) => ({ ...file, name: `dist/${file.name}` })),
    ...(chunks.length > 0
      ? [
          {
            name: `dist/*.index.js (${chunks.length} chunks loaded on demand)`,
            bytes: total('bytes'),
            gzipBytes: total('gzipBytes')
          }
        ]
      : [])
  ]
}

/** Bare Node and the action on an invalid input, interleaved so load changes hit both alike. */
async function coldStart(
  emulator: Emulator
): Promise<{ result: ColdStartResult; invalid: FastFailureResult }> {
  emulator.setScenario(withLatency(base, BUDGET.latencyMs))
  const bare: number[] = []
  const action: number[] = []
  const requestCounts: number[] = []
  const exitCodes: (number | null)[] = []
  await timeNode(['-e', '0'])
  await measuredRun(emulator, { ...FULL_RUN, verify: 'sometimes' }, DIST)
  for (let i = 0; i < coldRuns; i++) {
    bare.push(await timeNode(['-e', '0']))
    const { run, requests } = await measuredRun(
      emulator,
      { ...FULL_RUN, verify: 'sometimes' },
      DIST
    )
    action.push(run.durationMs)
    requestCounts.push(requests.length)
    exitCodes.push(run.exitCode)
  }
  const bareNodeMs = spread(bare)
  const actionMs = spread(action)
  return {
    result: { bareNodeMs, actionMs, overheadMs: actionMs.median - bareNodeMs.median },
    invalid: {
      name: 'invalid input (`verify: sometimes`)',
      latencyMs: BUDGET.latencyMs,
      wallMs: actionMs,
      operations: [],
      requests: Math.max(...requestCounts),
      stsRequests: 0,
      requestsAfterSts: 0,
      roundTrips: 0,
      exitCodes
    }
  }
}

async function latencyRuns(emulator: Emulator, latencyMs: number): Promise<LatencyResult> {
  emulator.setScenario(withLatency(base, latencyMs))
  await measuredRun(emulator, FULL_RUN, DIST)
  const walls: number[] = []
  const bare: number[] = []
  const counts: number[] = []
  let longest = criticalPath([])
  for (let i = 0; i < runs; i++) {
    bare.push(await timeNode(['-e', '0']))
    const { run, requests, exitedAt } = await measuredRun(emulator, FULL_RUN, DIST)
    if (run.exitCode !== 0) {
      throw new Error(
        `the action failed at ${latencyMs} ms (exit ${run.exitCode}):\n${run.stdout}\n${run.stderr}`
      )
    }
    walls.push(run.durationMs)
    counts.push(requests.length)
    const path = criticalPath(awaited(requests, exitedAt))
    if (path.roundTrips > longest.roundTrips) longest = path
  }
  const wallMs = spread(walls)
  const nodeStartupMs = spread(bare)
  const floor = floorMs(nodeStartupMs.median, longest.roundTrips, latencyMs)
  return {
    latencyMs,
    wallMs,
    nodeStartupMs,
    requests: mode(counts),
    roundTrips: longest.roundTrips,
    chain: longest.chain,
    floorMs: floor,
    wallOverFloor: wallMs.median / floor
  }
}

/**
 * The full run again, with every new connection costing two round trips (TCP and TLS) before a
 * request can use it: what the plain-HTTP loopback emulator otherwise leaves out. Shows how many
 * requests still wait for a connection after the action has opened them ahead of time.
 */
async function connectionSetupRuns(emulator: Emulator): Promise<ConnectionSetupResult> {
  const latencyMs = BUDGET.latencyMs
  const setupMs = 2 * latencyMs
  emulator.setScenario({ ...withLatency(base, latencyMs), connectionSetupMs: setupMs })
  await measuredRun(emulator, FULL_RUN, DIST)
  const walls: number[] = []
  const bare: number[] = []
  let longest = criticalPath([])
  let waiting: string[] = []
  for (let i = 0; i < runs; i++) {
    bare.push(await timeNode(['-e', '0']))
    const { run, requests, exitedAt } = await measuredRun(emulator, FULL_RUN, DIST)
    if (run.exitCode !== 0)
      throw new Error(`the action failed with connection set-up:\n${run.stdout}`)
    walls.push(run.durationMs)
    const path = criticalPath(awaited(requests, exitedAt))
    if (path.roundTrips > longest.roundTrips) longest = path
    const waited = awaited(requests, exitedAt)
      .filter((r) => r.startedAt - r.connectionOpenedAt < setupMs)
      .map((r) => r.operation)
    if (waited.length > waiting.length) waiting = waited
  }
  const wallMs = spread(walls)
  const floor = floorMs(spread(bare).median, longest.roundTrips, latencyMs) + setupMs
  return {
    latencyMs,
    setupMs,
    wallMs,
    floorMs: floor,
    wallOverFloor: wallMs.median / floor,
    waitedForConnection: waiting.length,
    waiting
  }
}

/**
 * The full run against a real account's Service Quotas listing (7 pages of 100, the models' quotas
 * on the later ones) at the budget latency: on a runner without the quota codes (a GitHub-hosted
 * one: the set-up step lists, waits at most about one more round trip, then skips), and with the
 * codes a previous job's post step left in the runner's tool cache (one GetServiceQuota per quota
 * beside the probes).
 */
async function capacityRuns(emulator: Emulator): Promise<CapacityResult[]> {
  const latencyMs = BUDGET.latencyMs
  emulator.setScenario(withLatency(loadScenario('many-quota-pages'), latencyMs))
  const results: CapacityResult[] = []
  for (const cached of [false, true]) {
    const toolCache = mkdtempSync(path.join(os.tmpdir(), 'scb-bench-tool-cache-'))
    const env = { RUNNER_TOOL_CACHE: toolCache }
    try {
      // Warm-up; with cached codes, a previous job on this runner whose post step learned them.
      const previous = await measuredRun(
        emulator,
        { ...FULL_RUN, 'usage-report-wait-seconds': '1' },
        DIST,
        env
      )
      if (cached) await runPostStep(previous.run)
      const walls: number[] = []
      const bare: number[] = []
      let longest = criticalPath([])
      let quotaCalls: Record<string, number> = {}
      let verdict = ''
      for (let i = 0; i < runs; i++) {
        bare.push(await timeNode(['-e', '0']))
        const { run, requests, exitedAt } = await measuredRun(emulator, FULL_RUN, DIST, env)
        if (run.exitCode !== 0) throw new Error(`the action failed:\n${run.stdout}`)
        walls.push(run.durationMs)
        const waited = awaited(requests, exitedAt)
        const chain = criticalPath(waited)
        if (chain.roundTrips > longest.roundTrips) longest = chain
        quotaCalls = {}
        for (const request of waited.filter((r) => r.service === 'servicequotas'))
          quotaCalls[request.operation] = (quotaCalls[request.operation] ?? 0) + 1
        const checks = (
          JSON.parse(run.outputs.report ?? '{"checks":[]}') as {
            checks: Array<{ id: string; status: string; detail: string }>
          }
        ).checks
        const main = checks.find((check) => check.id === 'capacity:main')
        verdict = main ? `${main.status}: ${main.detail.split(/[;:]/)[0] ?? ''}` : 'none'
      }
      const wallMs = spread(walls)
      const floor = floorMs(spread(bare).median, longest.roundTrips, latencyMs)
      results.push({
        name: cached
          ? 'quota codes cached on the runner'
          : 'no cached quota codes (GitHub-hosted runner)',
        latencyMs,
        wallMs,
        roundTrips: longest.roundTrips,
        chain: longest.chain,
        floorMs: floor,
        wallOverFloor: wallMs.median / floor,
        quotaCalls,
        verdict
      })
    } finally {
      rmSync(toolCache, { recursive: true, force: true })
    }
  }
  return results
}

/** The post step after a full run, at the budget latency, with the default wait for log delivery. */
async function postStepRuns(emulator: Emulator): Promise<PostStepResult> {
  const latencyMs = BUDGET.latencyMs
  emulator.setScenario(withLatency(base, latencyMs))
  const walls: number[] = []
  const waits: number[] = []
  const counts: number[] = []
  let longest = criticalPath([])
  for (let i = 0; i < Math.min(runs, 3); i++) {
    const { run } = await measuredRun(emulator, FULL_RUN, DIST)
    emulator.clearRequests()
    const post = await runPostStep(run)
    if (post.exitCode !== 0)
      throw new Error(`the post step failed:\n${post.stdout}\n${post.stderr}`)
    walls.push(post.durationMs)
    waits.push(Number(/waited (\d+) s for delivery/.exec(post.stdout)?.[1] ?? 0) * 1000)
    counts.push(emulator.requests.length)
    const path = criticalPath(emulator.requests.map((request) => ({ ...request })))
    if (path.roundTrips > longest.roundTrips) longest = path
  }
  return {
    latencyMs,
    wallMs: spread(walls),
    waitedMs: spread(waits).median,
    requests: mode(counts),
    roundTrips: longest.roundTrips,
    chain: longest.chain
  }
}

/** The role's trust policy rejects the token: AssumeRoleWithWebIdentity answers AccessDenied. */
async function stsDenied(emulator: Emulator): Promise<FastFailureResult> {
  emulator.setScenario(withLatency(loadScenario('trust-mismatch'), BUDGET.latencyMs))
  await measuredRun(emulator, FULL_RUN, DIST)
  const walls: number[] = []
  const exitCodes: (number | null)[] = []
  let operations: string[] | undefined
  let requests = 0
  let stsRequests = 0
  let after = 0
  let roundTrips = 0
  for (let i = 0; i < runs; i++) {
    const measured = await measuredRun(emulator, FULL_RUN, DIST)
    walls.push(measured.run.durationMs)
    exitCodes.push(measured.run.exitCode)
    const seen = measured.requests
    operations ??= seen.map(
      (r) => `${r.operation}${r.errorCode !== undefined ? ` → ${r.errorCode}` : ''}`
    )
    const sts = seen.filter((r) => r.service === 'sts')
    const firstSts = seen.findIndex((r) => r.service === 'sts')
    requests = Math.max(requests, seen.length)
    stsRequests = Math.max(stsRequests, sts.length)
    after = Math.max(after, firstSts < 0 ? 0 : seen.length - firstSts - 1)
    roundTrips = Math.max(roundTrips, criticalPath(seen).roundTrips)
  }
  return {
    name: 'STS AccessDenied (trust policy rejects the token)',
    latencyMs: BUDGET.latencyMs,
    wallMs: spread(walls),
    operations: operations ?? [],
    requests,
    stsRequests,
    requestsAfterSts: after,
    roundTrips,
    exitCodes
  }
}

const startedAt = new Date()
const loadAverage = os.loadavg()
const emulator = await startEmulator({ scenario: base })
let results: BenchResults
try {
  progress(`cold start: ${coldRuns} runs each of bare node and the action on an input error`)
  const cold = await coldStart(emulator)
  const latencies: LatencyResult[] = []
  for (const latencyMs of LATENCIES) {
    progress(`full run at ${latencyMs} ms per round trip: warm-up + ${runs} runs`)
    latencies.push(await latencyRuns(emulator, latencyMs))
  }
  progress(`full run with TCP+TLS set-up per connection: warm-up + ${runs} runs`)
  const connectionSetup = await connectionSetupRuns(emulator)
  progress(
    `capacity pre-flight, 7-page quota listing: cold and cached, warm-up + ${runs} runs each`
  )
  const capacity = await capacityRuns(emulator)
  progress(`post step (usage report) at ${BUDGET.latencyMs} ms: ${Math.min(runs, 3)} runs`)
  const postStep = await postStepRuns(emulator)
  progress(`STS AccessDenied at ${BUDGET.latencyMs} ms: warm-up + ${runs} runs`)
  const denied = await stsDenied(emulator)
  progress(`AWS calls per job: ${CONFIGURATIONS.length} configurations`)
  const calls = await callsPerJob(emulator, base, CONFIGURATIONS, DIST)
  const herds = []
  if (herdJobs > 0) {
    for (const verify of ['invoke', 'access']) {
      progress(`herd: ${herdJobs} jobs at once, verify: ${verify}, against ${HERD_LIMIT}`)
      herds.push(
        await herdRun(emulator, {
          jobs: herdJobs,
          scenario: RATE_LIMITED,
          limit: HERD_LIMIT,
          inputs: { ...FULL_RUN, verify },
          script: DIST
        })
      )
    }
  }
  const judged = latencies.find((l) => l.latencyMs === BUDGET.latencyMs)
  if (judged === undefined) throw new Error('no run at the budget latency')
  results = {
    startedAt: startedAt.toISOString(),
    commit: commit(),
    node: process.version,
    machine: { cpus: os.cpus().length, model: os.cpus()[0]?.model ?? 'unknown', loadAverage },
    runsPerLatency: runs,
    bundle: bundleFiles(),
    coldStart: cold.result,
    latencies,
    connectionSetup,
    capacity,
    postStep,
    fastFailures: [cold.invalid, denied],
    callsPerJob: calls,
    herds,
    budgets: checkBudgets({
      roundTrips: judged.roundTrips,
      wallOverFloor: judged.wallOverFloor,
      capacity,
      coldStartOverheadMs: cold.result.overheadMs,
      invalidInputRequests: cold.invalid.requests,
      deniedStsRequests: denied.stsRequests,
      requestsAfterDenial: denied.requestsAfterSts,
      herds
    })
  }
} finally {
  await emulator.close()
}

const report = renderReport(results)
console.log(report)
const outDir = path.join(root, 'bench-results')
mkdirSync(outDir, { recursive: true })
const json = JSON.stringify(results, null, 2) + '\n'
const stamp = results.startedAt.replace(/[:.]/g, '-')
writeFileSync(path.join(outDir, `${stamp}-${results.commit}.json`), json)
writeFileSync(path.join(outDir, 'latest.json'), json)
console.log(`Results: bench-results/${stamp}-${results.commit}.json and bench-results/latest.json`)
if (values.docs) {
  const docs = path.join(root, 'docs')
  mkdirSync(docs, { recursive: true })
  writeFileSync(
    path.join(docs, 'benchmark.md'),
    `# Benchmark\n\nMeasured with \`npm run bench -- --docs\` (${results.startedAt}).\n\n${report}`
  )
  console.log('Wrote docs/benchmark.md')
}
const failed = results.budgets.filter((b) => !b.pass)
console.log(failed.length === 0 ? 'All budgets PASS.' : `${failed.length} budget(s) FAIL.`)
process.exitCode = failed.length === 0 ? 0 : 1
