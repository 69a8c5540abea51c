// The headline says what the run proved. `verify: access` makes no model call, so a role that may
// not invoke the model (IAM denies the streaming call here) must not read "Ready: Claude Code can
// use …"; `verify: invoke` on the same role fails.
import { runScenario } from './scenarioRun.ts'
import { useEmulator } from '../../__fixtures__/emulator.ts'

const emu = useEmulator()

it.each(['stream-explicitly-denied', 'no-invoke-permission'])(
  '%s with verify: access: the headline says access checked, no model call',
  async (scenario) => {
    const access = await runScenario(emu, scenario, { inputs: { verify: 'access' } })
    expect(access.exitCode).toBe(0)
    expect(access.summary).toContain('☑️ **Access checked, no model call:**')
    expect(access.summary).not.toMatch(/Ready|can use/)
    expect(access.stdout).toContain(
      'Claude Code on Amazon Bedrock: Access checked, no model call (verify: access).'
    )
    const invoke = await runScenario(emu, scenario)
    expect(invoke.exitCode).toBe(1)
    expect(invoke.summary).toContain('❌ **Not ready:**')
  }
)
