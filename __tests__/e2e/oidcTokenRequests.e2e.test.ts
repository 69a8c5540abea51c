// How often one run asks GitHub for its OIDC token (issue 17). Once, unless it truly needs a new
// one: STS could not fetch the issuer's keys (IDPCommunicationError, AWS asks for a retry with a
// fresh token), or the token request itself got no answer. Throttled STS calls, herds and a thread
// held by start-up past the token request's timeouts reuse the one token. Through a proxy:
// proxy.e2e.test.ts counts the token requests of its proxied runs.
import { loadScenario, type Scenario } from '../../emulator/index.ts'
import { runAction } from '../../emulator/runner/runAction.ts'
import { useEmulator } from '../../__fixtures__/emulator.ts'
import { BASE_INPUTS, runScenario } from './scenarioRun.ts'

const emu = useEmulator()
const tokenRequests = (): number => emu.requests.filter((r) => r.service === 'oidc').length
const withDefault = (extra: Partial<Scenario>): Scenario => ({
  ...loadScenario('default'),
  ...extra
})

it('the default run: one token', async () => {
  const run = await runScenario(emu, 'default')
  expect(run.exitCode).toBe(0)
  expect(tokenRequests()).toBe(1)
})

it('AssumeRoleWithWebIdentity throttled 5 times: retried with the same token', async () => {
  const run = await runScenario(
    emu,
    withDefault({
      faults: [{ operation: 'AssumeRoleWithWebIdentity', kind: 'throttle', count: 5 }]
    }),
    { inputs: { verify: 'none' } }
  )
  expect(run.exitCode).toBe(0)
  expect(emu.requests.filter((r) => r.operation === 'AssumeRoleWithWebIdentity')).toHaveLength(6)
  expect(tokenRequests()).toBe(1)
})

it('12 jobs at once against STS limited to 2 requests/s: one token per job', async () => {
  emu.setScenario(
    withDefault({
      rateLimits: [
        {
          operations: ['AssumeRoleWithWebIdentity', 'GetCallerIdentity'],
          requestsPerSecond: 2,
          burst: 2,
          scope: 'shared'
        }
      ]
    })
  )
  emu.clearRequests()
  const env = emu.runnerEnv()
  const runs = await Promise.all(
    Array.from({ length: 12 }, () =>
      runAction({ inputs: { ...BASE_INPUTS, verify: 'none' }, env, timeoutMs: 90_000 })
    )
  )
  expect(runs.map((run) => run.exitCode)).toEqual(runs.map(() => 0))
  // The limit bit, or this would prove nothing.
  expect(emu.requests.some((r) => r.rateLimited)).toBe(true)
  expect(tokenRequests()).toBe(12)
}, 120_000)

it('start-up holds the thread past the token request timeouts: still one token', async () => {
  // Loading and compiling the action takes far longer than 100 ms while the token request is out.
  const run = await runScenario(emu, 'default', {
    inputs: { verify: 'none' },
    env: {
      SETUP_CLAUDE_BEDROCK_CONNECT_TIMEOUT_MS: '100',
      SETUP_CLAUDE_BEDROCK_RESPONSE_TIMEOUT_MS: '100'
    }
  })
  expect(run.exitCode).toBe(0)
  expect(tokenRequests()).toBe(1)
})

it('IDPCommunicationError: a fresh token for the retry, as AWS asks', async () => {
  const run = await runScenario(emu, 'idp-communication-error', { inputs: { verify: 'none' } })
  expect(run.exitCode).toBe(0)
  expect(tokenRequests()).toBe(2)
})
