// Calls per job, and a herd: many copies of the action started together against an account-wide
// rate limit (issue 17). Each job is told apart in the emulator's log by the credentials it
// assumed (every AssumeRoleWithWebIdentity issues a new access key id).
import type { Emulator, RecordedRequest, Scenario } from '../../emulator/index.ts'
import { runAction, type ActionRun } from '../../emulator/runner/runAction.ts'
import type { CallsPerJob, HerdResult } from './results.ts'
import { measuredRun } from './measure.ts'
import { spread } from './stats.ts'

const CONTROL_PLANE = new Set([
  'ListFoundationModels',
  'GetFoundationModel',
  'GetFoundationModelAvailability',
  'ListInferenceProfiles',
  'GetInferenceProfile'
])

/** Which account-wide limit a request counts against (GitHub's: the OIDC token, the actor check). */
export function callKind(
  request: RecordedRequest
): 'oidc' | 'github' | 'sts' | 'control-plane' | 'runtime' | 'service-quotas' | 'other' {
  switch (request.service) {
    case 'oidc':
    case 'github':
    case 'sts':
      return request.service
    case 'bedrock':
      return CONTROL_PLANE.has(request.operation) ? 'control-plane' : 'other'
    case 'bedrock-runtime':
      return 'runtime'
    case 'servicequotas':
      return 'service-quotas'
    default:
      return 'other'
  }
}

/** Requests of one run by kind, throttled ones not counted (they are in `throttles`). */
export function countCalls(requests: readonly RecordedRequest[]): {
  sts: number
  controlPlane: number
  runtime: number
  serviceQuotas: number
  tokenRequests: number
  operations: Record<string, number>
} {
  const counted = {
    sts: 0,
    controlPlane: 0,
    runtime: 0,
    serviceQuotas: 0,
    tokenRequests: 0,
    operations: {} as Record<string, number>
  }
  for (const request of requests) {
    if (request.rateLimited) continue
    const kind = callKind(request)
    if (kind === 'oidc' && request.operation === 'GetIdToken') counted.tokenRequests++
    if (kind === 'oidc' || kind === 'github') continue
    if (kind === 'sts') counted.sts++
    else if (kind === 'control-plane') counted.controlPlane++
    else if (kind === 'runtime') counted.runtime++
    else if (kind === 'service-quotas') counted.serviceQuotas++
    counted.operations[request.operation] = (counted.operations[request.operation] ?? 0) + 1
  }
  return counted
}

/** One run of each configuration, counting the AWS calls it makes. */
export async function callsPerJob(
  emulator: Emulator,
  scenario: Scenario,
  configurations: ReadonlyArray<{ name: string; inputs: Record<string, string> }>,
  script: string
): Promise<CallsPerJob[]> {
  emulator.setScenario(scenario)
  const rows: CallsPerJob[] = []
  for (const { name, inputs } of configurations) {
    const { run, requests } = await measuredRun(emulator, inputs, script)
    if (run.exitCode !== 0) throw new Error(`${name} failed:\n${run.stdout}`)
    rows.push({ name, ...countCalls(requests) })
  }
  return rows
}

/** `jobs` copies started together; `limit` describes the scenario's rate limits for the table. */
export async function herdRun(
  emulator: Emulator,
  options: {
    jobs: number
    scenario: Scenario
    limit: string
    inputs: Record<string, string>
    script: string
  }
): Promise<HerdResult> {
  emulator.setScenario(options.scenario)
  emulator.clearRequests()
  const env = emulator.runnerEnv()
  const started = Date.now()
  const runs = await Promise.all(
    Array.from({ length: options.jobs }, () =>
      runAction({ inputs: options.inputs, env, script: options.script, timeoutMs: 180_000 })
    )
  )
  const drainedMs = Date.now() - started
  const requests = emulator.requests.map((request) => ({ ...request }))
  const counted = countCalls(requests)
  const throttled = requests.filter((request) => request.fault === 'throttle')
  const retriesPerCall = new Map<string, number>()
  for (const request of throttled) {
    const key = `${request.accessKeyId ?? ''} ${request.method} ${request.path}`
    retriesPerCall.set(key, (retriesPerCall.get(key) ?? 0) + 1)
  }
  return {
    jobs: options.jobs,
    limit: options.limit,
    inputs: options.inputs,
    passed: runs.filter((run) => run.exitCode === 0).length,
    wallMs: spread(runs.map((run) => run.durationMs)),
    drainedMs,
    stsPerJob: counted.sts / options.jobs,
    controlPlanePerJob: counted.controlPlane / options.jobs,
    runtimePerJob: counted.runtime / options.jobs,
    serviceQuotasPerJob: counted.serviceQuotas / options.jobs,
    tokenRequestsPerJob: counted.tokenRequests / options.jobs,
    throttles: throttled.length,
    throttlesByOperation: Object.fromEntries(
      [...new Set(throttled.map((r) => r.operation))].map((operation) => [
        operation,
        throttled.filter((r) => r.operation === operation).length
      ])
    ),
    mostThrottlesOfOneCall: Math.max(0, ...retriesPerCall.values()),
    failures: runs
      .filter((run) => run.exitCode !== 0)
      .slice(0, 3)
      .map((run) => failureOf(run).slice(0, 600))
  }
}

/**
 * What a failed job said, on one line: each error annotation as `title: message` (a failed check
 * is annotated with its title, `::error title=…::`), else how the process ended. Never empty: a
 * failure the table cannot explain is a failure of the table.
 */
export function failureOf(run: Pick<ActionRun, 'commands' | 'exitCode' | 'stderr'>): string {
  const errors = run.commands
    .filter((command) => command.command === 'error')
    .map((command) => {
      const title = /(?:^|,)title=([^,]*)/.exec(command.properties)?.[1]
      const text = command.message.replace(/\s+/g, ' ').trim()
      return title !== undefined ? `${unescapeProperty(title)}: ${text}` : text
    })
    .filter((text) => text !== '')
  if (errors.length > 0) return errors.join(' | ')
  const stderr = run.stderr.trim().split('\n').slice(-3).join(' ').replace(/\s+/g, ' ').trim()
  const ended =
    run.exitCode === null
      ? 'killed by the harness (no exit within its timeout)'
      : `exit code ${run.exitCode} without an error annotation`
  return stderr === '' ? ended : `${ended}; stderr: ${stderr}`
}

/** Workflow-command property values escape `%`, CR, LF, `:` and `,`. */
function unescapeProperty(value: string): string {
  return value
    .replace(/%3A/g, ':')
    .replace(/%2C/g, ',')
    .replace(/%0D/g, '\r')
    .replace(/%0A/g, '\n')
    .replace(/%25/g, '%')
}
