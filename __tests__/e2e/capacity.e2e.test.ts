// The capacity pre-flight on the emulator: Service Quotas' per-minute quotas against the output
// reservation Claude Code will make, read beside the model checks.
import { loadScenario } from '../../emulator/index.ts'
import { useEmulator } from '../../__fixtures__/emulator.ts'
import { runScenario } from './scenarioRun.ts'

const emu = useEmulator()

interface Check {
  id: string
  status: string
  detail: string
  cause?: string
  fix?: string
}

const capacityChecks = (report: string | undefined): Check[] =>
  (JSON.parse(report ?? '{"checks":[]}') as { checks: Check[] }).checks.filter((check) =>
    check.id.startsWith('capacity:')
  )

/** A little latency, so the one page of quotas arrives while the model checks are on the wire. */
function withLatency(name: string) {
  const scenario = loadScenario(name)
  scenario.latencyMs = 40
  scenario.serviceQuotas = {
    ...scenario.serviceQuotas,
    tokensPerMinute: scenario.serviceQuotas?.tokensPerMinute ?? 2_000_000,
    requestsPerMinute: scenario.serviceQuotas?.requestsPerMinute ?? 200,
    otherQuotas: 0
  }
  return scenario
}

it('a tokens-per-minute quota below the reservation warns, naming the quota and max-output-tokens', async () => {
  const run = await runScenario(emu, withLatency('low-quota'), {
    inputs: { 'max-output-tokens': '32000' }
  })
  expect(run.exitCode).toBe(0)
  const [main, small] = capacityChecks(run.outputs.report)
  expect(main?.status).toBe('warn')
  expect(main?.detail).toMatch(
    /^50,000 tokens per minute \("Cross-Region InvokeModel tokens per minute for Anthropic Claude Sonnet 4\.6" \(L-[0-9A-F]{8}\)\): room for 1 request\(s\) at once at 32,000 reserved tokens each \(max-output-tokens 32,000\); 20 requests per minute\.$/
  )
  expect(main?.cause).toMatch(/Too many tokens/)
  expect(main?.fix).toMatch(/^Set `max-output-tokens: 16000` \(or lower\)/)
  expect(main?.fix).toMatch(/request-service-quota-increase --service-code bedrock --quota-code L-/)
  expect(small?.status).toBe('warn')
  // A warning, not a failure: the step passes and says so in the log.
  expect(run.outputs.passed).toBe('true')
  expect(run.commands.some((c) => c.command === 'warning' && /capacity/.test(c.message))).toBe(true)
})

it('enough quota passes with the numbers', async () => {
  const run = await runScenario(emu, withLatency('default'), {
    inputs: { 'max-output-tokens': '8000' }
  })
  const [main] = capacityChecks(run.outputs.report)
  expect(main?.status).toBe('pass')
  expect(main?.detail).toMatch(
    /2,000,000 tokens per minute .*room for 250 request\(s\) at once at 8,000 reserved tokens each/
  )
})

it('a model no quota names is a skip that says so', async () => {
  const scenario = withLatency('default')
  scenario.serviceQuotas = {
    tokensPerMinute: 1,
    requestsPerMinute: 1,
    otherQuotas: 0,
    omit: ['Sonnet']
  }
  const run = await runScenario(emu, scenario)
  const [main] = capacityChecks(run.outputs.report)
  expect(main?.status).toBe('skip')
  expect(main?.detail).toBe(
    'Not checked: no cross-region tokens-per-minute quota in Service Quotas names anthropic.claude-sonnet-4-6.'
  )
})

it('without servicequotas:ListServiceQuotas the check is a skip naming the permission', async () => {
  const run = await runScenario(emu, withLatency('usage-permissions-missing'))
  expect(run.exitCode).toBe(0)
  const checks = capacityChecks(run.outputs.report)
  expect(checks.length).toBeGreaterThan(0)
  for (const check of checks) {
    expect(check.status).toBe('skip')
    expect(check.detail).toMatch(/may not call `servicequotas:ListServiceQuotas`/)
  }
})

it('verify: none makes no Service Quotas call and no capacity check', async () => {
  const run = await runScenario(emu, 'default', { inputs: { verify: 'none' } })
  expect(capacityChecks(run.outputs.report)).toEqual([])
  expect(emu.requests.some((r) => r.service === 'servicequotas')).toBe(false)
})
