// Many jobs at once under an account-wide rate limit (issue 17): 24 copies of the bundled action
// start together against a Bedrock control plane that allows 5 requests per second for the whole
// account (one token bucket, burst 5: the `rate-limited` scenario). Throttled calls must be
// retried until they get through, inside the time budget, and nothing may blame a token quota.
import { loadScenario } from '../../emulator/index.ts'
import { runAction, type ActionRun } from '../../emulator/runner/runAction.ts'
import { useEmulator } from '../../__fixtures__/emulator.ts'
import { BASE_INPUTS } from './scenarioRun.ts'

const emu = useEmulator()
const JOBS = 24
const CONTROL_PLANE = new Set([
  'ListFoundationModels',
  'GetFoundationModel',
  'GetFoundationModelAvailability',
  'ListInferenceProfiles',
  'GetInferenceProfile'
])

function checksOf(run: ActionRun): Array<{ status: string }> {
  return (
    JSON.parse(run.outputs.report ?? '{"checks":[]}') as { checks: Array<{ status: string }> }
  ).checks
}

/** Answered control-plane calls per job (jobs told apart by the access key each one assumed). */
function answeredPerJob(): Map<string, string> {
  const perJob = new Map<string, string[]>()
  for (const r of emu.requests) {
    if (!CONTROL_PLANE.has(r.operation) || r.status !== 200) continue
    const key = r.accessKeyId ?? '?'
    perJob.set(key, [...(perJob.get(key) ?? []), r.operation])
  }
  return new Map([...perJob].map(([key, operations]) => [key, operations.sort().join(', ')]))
}

it(`${JOBS} jobs at once against a 5 requests/second control plane all pass`, async () => {
  const env = emu.runnerEnv()
  const inputs = { ...BASE_INPUTS, verify: 'invoke' }
  // One job alone first: the control-plane calls a job makes when nothing is throttled.
  const alone = await runAction({ inputs, env })
  expect(alone.exitCode).toBe(0)
  const [callsOfOneJob] = [...answeredPerJob().values()]
  expect(callsOfOneJob).toBeDefined()

  emu.setScenario(loadScenario('rate-limited'))
  emu.clearRequests()
  const runs = await Promise.all(
    Array.from({ length: JOBS }, () => runAction({ inputs, env, timeoutMs: 170_000 }))
  )

  const failed = runs.filter((run) => run.exitCode !== 0)
  expect(failed.map((run) => run.stdout)).toEqual([])
  for (const run of runs) {
    expect(run.outputs.passed).toBe('true')
    // No failure or warning blames a model's token quota for a control-plane rate limit.
    const problems = [
      ...run.commands.filter((c) => c.command === 'error' || c.command === 'warning'),
      ...checksOf(run).filter((c) => c.status === 'fail' || c.status === 'warn')
    ]
    expect(JSON.stringify(problems)).not.toMatch(/tokens?[- ]per[- ]minute|token quota/i)
  }
  // The limit really bit (else this test would prove nothing) ...
  expect(
    emu.requests.filter((r) => CONTROL_PLANE.has(r.operation) && r.rateLimited).length
  ).toBeGreaterThan(0)
  // ... and every job got the same answers as the job alone: nothing missing, nothing twice.
  const perJob = answeredPerJob()
  expect(perJob.size).toBe(JOBS)
  expect(new Set(perJob.values())).toEqual(new Set([callsOfOneJob]))
}, 200_000)
