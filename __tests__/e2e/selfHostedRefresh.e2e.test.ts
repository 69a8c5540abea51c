// Renewal on the self-hosted paths, end to end with short sessions: the bundled action sets up on
// a runner without GitHub OIDC (EC2 instance metadata), later "steps" (child processes with the
// runner's environment plus the exported one) keep working after the first role session expired:
// the real Claude Code CLI across the expiry, the AWS CLI with the renewing profile after it. The
// helper assumes the role again with AssumeRole signed by the runner's instance credentials, which
// the SDK fetches again itself. A web-identity token file is read again on renewal.
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import path from 'node:path'
import {
  loadScenario,
  startEmulator,
  type Emulator,
  type RecordedRequest
} from '../../emulator/index.ts'
import { runAction, type ActionRun } from '../../emulator/runner/runAction.ts'
import {
  claudeConversation,
  runProcess,
  SHORT_SESSION_SECONDS,
  sleep,
  type Exit
} from './support/laterSteps.ts'

const TARGET = 'arn:aws:iam::123456789012:role/claude-code'
const EKS_ROLE = 'arn:aws:iam::123456789012:role/claude-code-eks'
const EKS_ISSUER = 'https://oidc.eks.us-east-1.amazonaws.com/id/EXAMPLED539D4633E53DE1B71EXAMPLE'

/** What every step of the job has: the runner's own environment, no OIDC variables. */
function runnerEnvironment(emulator: Emulator, dir: string, extra: Record<string, string> = {}) {
  return {
    PATH: process.env.PATH ?? '',
    HOME: dir,
    RUNNER_TEMP: dir,
    GITHUB_ACTIONS: 'true',
    AWS_REGION: 'us-east-1',
    AWS_DEFAULT_REGION: 'us-east-1',
    AWS_CONFIG_FILE: path.join(dir, 'no-aws-config'),
    AWS_SHARED_CREDENTIALS_FILE: path.join(dir, 'no-credentials'),
    ...emulator.selfHostedEnv('instance-metadata'),
    ...extra
  }
}

/** The setup step: the bundled action, its GITHUB_ENV records become the later steps' environment. */
async function setUp(runner: Record<string, string>, inputs: Record<string, string>) {
  const setup = await runAction({
    inputs: { 'aws-region': 'us-east-1', verify: 'none', ...inputs },
    env: runner
  })
  return setup
}

const awsCli = (env: NodeJS.ProcessEnv, ...args: string[]) =>
  runProcess('aws', [...args, 'sts', 'get-caller-identity', '--output', 'json'], env)

describe("role chaining: later steps renew from the runner's instance credentials (45 s sessions)", () => {
  let emulator: Emulator
  let dir: string
  let setup: ActionRun
  let setupKey: string
  let setupExpiry: number
  let claude: Exit
  let cliAfter: Exit
  let control: Exit
  let requests: RecordedRequest[]

  beforeAll(async () => {
    const scenario = loadScenario('self-hosted-runner')
    scenario.credentialLifetimeSeconds = SHORT_SESSION_SECONDS
    // The instance's own session is short too: the SDK's chain must fetch it again for renewal.
    if (scenario.instanceProfile) scenario.instanceProfile.lifetimeSeconds = 60
    emulator = await startEmulator({ scenario })
    dir = mkdtempSync(path.join(tmpdir(), 'scb-chain-refresh-'))
    const runner = runnerEnvironment(emulator, dir)
    setup = await setUp(runner, { 'role-to-assume': TARGET })
    expect(setup.exitCode).toBe(0)
    setupKey = setup.env.AWS_ACCESS_KEY_ID ?? ''
    setupExpiry = Date.parse(setup.outputs['credentials-expiration'] ?? '')
    const step: NodeJS.ProcessEnv = { ...runner, ...setup.env }
    const keysOnly: NodeJS.ProcessEnv = { ...step }
    delete keysOnly.AWS_PROFILE
    delete keysOnly.AWS_CONFIG_FILE

    const untilAfterExpiry = () => Math.max(0, setupExpiry - Date.now()) + 3_000
    const claudeRun = claudeConversation({ ...step, ANTHROPIC_BEDROCK_BASE_URL: emulator.url }, [
      0,
      untilAfterExpiry(),
      untilAfterExpiry() + 15_000
    ])
    const cliRuns = (async () => {
      await sleep(untilAfterExpiry())
      ;[cliAfter, control] = await Promise.all([
        awsCli(step, '--profile', 'setup-claude-bedrock'),
        awsCli(keysOnly)
      ])
    })()
    ;[claude] = await Promise.all([claudeRun, cliRuns])
    requests = [...emulator.requests]
  }, 150_000)

  afterAll(async () => {
    await emulator?.close()
    rmSync(dir, { recursive: true, force: true })
  })

  it('the setup step chained from instance metadata and exported only the role session', () => {
    expect(setupKey).toMatch(/^ASIA/)
    expect(setup.env.AWS_PROFILE).toBe('setup-claude-bedrock')
    expect(setup.stdout).toContain(
      'assumes arn:aws:iam::123456789012:role/claude-code again with AssumeRole'
    )
    const first = requests.find((r) => r.operation === 'AssumeRole')
    expect(first?.accessKeyId).not.toBe(setupKey)
    expect(setup.envFileText).not.toContain(first?.accessKeyId ?? '')
  })

  it('a control step with only the exported keys is rejected once the first session expired', () => {
    expect(control.code).not.toBe(0)
    expect(control.stderr).toContain('ExpiredToken')
  })

  it('the AWS CLI with the renewing profile gets a renewed session of the target role', () => {
    expect(cliAfter.code).toBe(0)
    const identity = JSON.parse(cliAfter.stdout) as { Arn: string; Account: string }
    expect(identity.Account).toBe('123456789012')
    expect(identity.Arn).toContain('assumed-role/claude-code/')
  })

  it('Claude Code keeps signing with valid credentials after the first ones expire', () => {
    expect(claude.code).toBe(0)
    const results = claude.stdout
      .split('\n')
      .filter((line) => line.startsWith('{'))
      .map((line) => JSON.parse(line) as { type: string; is_error?: boolean })
      .filter((event) => event.type === 'result')
    expect(results).toHaveLength(3)
    expect(results.every((event) => event.is_error === false)).toBe(true)
    const model = requests.filter(
      (r) => r.service === 'bedrock-runtime' && r.accessKeyId !== undefined
    )
    const late = model.filter((r) => r.startedAt > setupExpiry)
    expect(late.length).toBeGreaterThan(0)
    expect(late.every((r) => r.status === 200 && r.accessKeyId !== setupKey)).toBe(true)
    expect(model.some((r) => r.errorCode === 'ExpiredTokenException')).toBe(false)
  })

  it('every renewal was an AssumeRole signed by a runner instance session, never a GitHub token', () => {
    const assumeRole = requests.filter((r) => r.operation === 'AssumeRole' && r.status === 200)
    expect(assumeRole.length).toBeGreaterThanOrEqual(3)
    const runnerKeys = new Set(assumeRole.map((r) => r.accessKeyId))
    // The instance session itself was fetched again (60 s lifetime): more than one runner key.
    expect(runnerKeys.size).toBeGreaterThanOrEqual(2)
    expect(requests.filter((r) => r.operation === 'GetIdToken')).toHaveLength(0)
    expect(requests.filter((r) => r.operation === 'AssumeRoleWithWebIdentity')).toHaveLength(0)
    // The renewed sessions are the target role's, never the runner's own keys handed out.
    const signedLater = requests.filter(
      (r) => r.service === 'bedrock-runtime' && r.accessKeyId !== undefined
    )
    for (const r of signedLater) expect(runnerKeys.has(r.accessKeyId)).toBe(false)
  })
})

/**
 * One describe block's self-hosted runner: the emulator with 45 s sessions (renewal happens within
 * the test) and a scratch directory for HOME/RUNNER_TEMP, both removed afterwards.
 */
function shortSessionRunner(prefix: string): { emulator: () => Emulator; dir: () => string } {
  let emulator: Emulator | undefined
  let dir = ''
  beforeAll(async () => {
    const scenario = loadScenario('self-hosted-runner')
    scenario.credentialLifetimeSeconds = SHORT_SESSION_SECONDS
    emulator = await startEmulator({ scenario })
    dir = mkdtempSync(path.join(tmpdir(), prefix))
  })
  afterAll(async () => {
    await emulator?.close()
    if (dir !== '') rmSync(dir, { recursive: true, force: true })
  })
  return {
    emulator: () => {
      if (emulator === undefined) throw new Error('the emulator is started in beforeAll')
      return emulator
    },
    dir: () => dir
  }
}

describe('web-identity-token-file: renewal reads the file again (45 s sessions)', () => {
  const runnerOf = shortSessionRunner('scb-token-refresh-')

  it('after the first token and session expired, the rotated token in the file assumes the role again', async () => {
    const emulator = runnerOf.emulator()
    const dir = runnerOf.dir()
    const file = path.join(dir, 'token')
    const mint = (lifetimeSeconds: number) =>
      emulator.mintIdToken({
        iss: EKS_ISSUER,
        sub: 'system:serviceaccount:arc-runners:arc-runner-set',
        aud: 'sts.amazonaws.com',
        lifetimeSeconds
      })
    // The first token outlives the setup step only: renewal works only if the file is read again.
    writeFileSync(file, mint(20))
    const runner = runnerEnvironment(emulator, dir, { AWS_EC2_METADATA_DISABLED: 'true' })
    const setup = await setUp(runner, {
      'role-to-assume': EKS_ROLE,
      'web-identity-token-file': file
    })
    expect(setup.exitCode).toBe(0)
    const expiry = Date.parse(setup.outputs['credentials-expiration'] ?? '')
    writeFileSync(file, mint(3600)) // as kubelet rotates the projected token
    await sleep(Math.max(0, expiry - Date.now()) + 3_000)
    const step = { ...runner, ...setup.env }
    const after = await awsCli(step, '--profile', 'setup-claude-bedrock')
    expect(after.code).toBe(0)
    expect((JSON.parse(after.stdout) as { Arn: string }).Arn).toContain(
      'assumed-role/claude-code-eks/'
    )
    const assumed = emulator.requests.filter((r) => r.operation === 'AssumeRoleWithWebIdentity')
    expect(assumed.length).toBeGreaterThanOrEqual(2)
    expect(assumed.every((r) => r.status === 200)).toBe(true)
    expect(emulator.requests.filter((r) => r.operation === 'GetIdToken')).toHaveLength(0)
  }, 90_000)
})

describe("role chaining from a named profile: the helper uses the runner's profile, not ours", () => {
  // Sessions shorter than the helper's renewal margin: every helper run assumes the role again.
  const runnerOf = shortSessionRunner('scb-profile-refresh-')

  it('AWS_PROFILE=runner at setup; a later step (AWS_PROFILE=setup-claude-bedrock, our keys exported) renews from it', async () => {
    const emulator = runnerOf.emulator()
    const dir = runnerOf.dir()
    const credentialsFile = path.join(dir, 'credentials')
    writeFileSync(
      credentialsFile,
      [
        '[runner]',
        'aws_access_key_id = ASIAEMULATORGHARUNR1',
        'aws_secret_access_key = ghaRunnerInstanceRoleSecretKeyEmulator00',
        'aws_session_token = IQoJb3JpZ2luX2VjEEmulatorGhaRunnerSessionTokenNotARealAwsToken000000000000000000000000000000000000000',
        ''
      ].join('\n')
    )
    const runner = runnerEnvironment(emulator, dir, {
      AWS_EC2_METADATA_DISABLED: 'true',
      AWS_SHARED_CREDENTIALS_FILE: credentialsFile,
      AWS_PROFILE: 'runner'
    })
    const setup = await setUp(runner, { 'role-to-assume': TARGET })
    expect(setup.exitCode).toBe(0)
    expect(setup.stdout).toContain('the AWS profile `runner`')
    expect(setup.env.AWS_PROFILE).toBe('setup-claude-bedrock')
    const after = await awsCli({ ...runner, ...setup.env }, '--profile', 'setup-claude-bedrock')
    expect(after.code).toBe(0)
    expect((JSON.parse(after.stdout) as { Arn: string }).Arn).toContain('assumed-role/claude-code/')
    const assumeRole = emulator.requests.filter((r) => r.operation === 'AssumeRole')
    // The setup step's, then the helper's (the AWS CLI may run credential_process more than once).
    expect(assumeRole.length).toBeGreaterThanOrEqual(2)
    for (const request of assumeRole) {
      expect(request.status).toBe(200)
      expect(request.accessKeyId).toBe('ASIAEMULATORGHARUNR1')
    }
  })
})
