// The bundled action opens its AWS connections while the OIDC token request is on the wire, so no
// request after that one waits for a TCP and TLS handshake. The emulator models the handshake:
// with `connectionSetupMs`, a request on a connection younger than that waits until it is set up.
import { loadScenario } from '../../emulator/index.ts'
import { runScenario } from './scenarioRun.ts'
import { useEmulator } from '../../__fixtures__/emulator.ts'

const emu = useEmulator()
const SETUP_MS = 300

// The capacity pre-flight's Service Quotas calls take connections opened for them too (one for the
// listing; one per quota code with cached codes). The two GitHub calls (the OIDC token and the
// actor check's REST call) open their own connections.
const waitedForConnection = (): string[] =>
  emu.requests
    .filter((r) => r.startedAt - r.connectionOpenedAt < SETUP_MS)
    .map((r) => r.operation)
    .sort()
const GITHUB_CALLS = ['GetCollaboratorPermission', 'GetIdToken']

describe('connections opened ahead of the requests', () => {
  it('leaves only the token request waiting for a connection', async () => {
    const scenario = { ...loadScenario('default'), latencyMs: 50, connectionSetupMs: SETUP_MS }
    const run = await runScenario(emu, scenario, {
      inputs: { model: 'sonnet', 'small-fast-model': 'haiku', verify: 'invoke' }
    })
    expect(run.exitCode).toBe(0)
    expect(emu.requests.map((r) => r.operation)).toEqual(
      expect.arrayContaining([
        'AssumeRoleWithWebIdentity',
        'GetCallerIdentity',
        'InvokeModel',
        'InvokeModelWithResponseStream'
      ])
    )
    expect(waitedForConnection()).toEqual(GITHUB_CALLS)
  })

  it('role chaining opens them while the bundle loads: no AWS request after AssumeRole waits', async () => {
    const scenario = {
      ...loadScenario('self-hosted-runner'),
      latencyMs: 50,
      connectionSetupMs: SETUP_MS
    }
    emu.setScenario(scenario)
    const run = await runScenario(emu, scenario, {
      withOidc: false,
      env: emu.selfHostedEnv('container'),
      inputs: { verify: 'invoke' }
    })
    expect(run.exitCode).toBe(0)
    expect(emu.requests.map((r) => r.operation)).toEqual(
      expect.arrayContaining([
        'GetContainerCredentials',
        'AssumeRole',
        'GetCallerIdentity',
        'InvokeModel'
      ])
    )
    // AssumeRole may find its connection still opening (loading takes less than a handshake
    // here); every AWS request after it finds one ready. The container endpoint is local (no
    // set-up); the actor check goes to GitHub, before any AWS request.
    expect(waitedForConnection().filter((operation) => operation !== 'AssumeRole')).toEqual([
      'GetCollaboratorPermission',
      'GetContainerCredentials'
    ])
  })

  it('still answers every request when the connections are not used (verify: access)', async () => {
    const scenario = { ...loadScenario('default'), connectionSetupMs: SETUP_MS }
    const run = await runScenario(emu, scenario, { inputs: { verify: 'access' } })
    expect(run.exitCode).toBe(0)
    expect(waitedForConnection()).toEqual(GITHUB_CALLS)
    expect(emu.requests.some((r) => r.service === 'bedrock-runtime')).toBe(false)
  })

  it('opens nothing ahead of time without a token round trip (environment credentials)', async () => {
    const scenario = { ...loadScenario('default'), connectionSetupMs: SETUP_MS }
    const runner = scenario.environmentCredentials[0]
    if (runner === undefined) throw new Error('default scenario has runner credentials')
    const run = await runScenario(emu, scenario, {
      withOidc: false,
      inputs: { 'role-to-assume': '', verify: 'access' },
      env: {
        AWS_ACCESS_KEY_ID: runner.accessKeyId,
        AWS_SECRET_ACCESS_KEY: runner.secretAccessKey,
        ...(runner.sessionToken !== undefined ? { AWS_SESSION_TOKEN: runner.sessionToken } : {})
      }
    })
    expect(run.exitCode).toBe(0)
    expect(waitedForConnection()).toEqual(
      expect.arrayContaining(['GetCallerIdentity', 'ListFoundationModels'])
    )
  })
})
