// Many jobs at once under an account-wide rate limit (issue 17): 24 copies of the bundled action
// start together against a Bedrock control plane that allows 5 requests per second for the whole
// account (one token bucket, burst 5: the `rate-limited` scenario). Throttled calls must be
// retried until they get through, inside the time budget, and nothing may blame a token quota.
import { loadScenario } from '../../emulator/index.ts'
import { runAction } from '../../emulator/runner/runAction.ts'
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

it(`${JOBS} jobs at once against a 5 requests/second control plane all pass`, async () => {
  emu.setScenario(loadScenario('rate-limited'))
  emu.clearRequests()
  const env = emu.runnerEnv()
  const runs = await Promise.all(
    Array.from({ length: JOBS }, () =>
      runAction({ inputs: { ...BASE_INPUTS, verify: 'invoke' }, env, timeoutMs: 170_000 })
    )
  )

  const failed = runs.filter((run) => run.exitCode !== 0)
  expect(failed.map((run) => run.stdout)).toEqual([])
  for (const run of runs) {
    expect(run.outputs.passed).toBe('true')
    // No job blames a model's token quota for a control-plane rate limit (warnings included).
    expect(run.allChannels).not.toMatch(/tokens?[- ]per[- ]minute|token quota/i)
  }

  const controlPlane = emu.requests.filter((r) => CONTROL_PLANE.has(r.operation))
  // The limit really bit (else this test would prove nothing) ...
  expect(controlPlane.filter((r) => r.rateLimited).length).toBeGreaterThan(0)
  // ... and every job got its answers: each one's credentials made 2 successful control-plane
  // calls (the two listings; the 1-token calls prove access, so no access-record reads).
  const answeredPerJob = new Map<string, number>()
  for (const r of controlPlane.filter((r) => r.status === 200)) {
    answeredPerJob.set(r.accessKeyId ?? '?', (answeredPerJob.get(r.accessKeyId ?? '?') ?? 0) + 1)
  }
  expect(answeredPerJob.size).toBe(JOBS)
  expect(new Set(answeredPerJob.values())).toEqual(new Set([2]))
}, 200_000)
