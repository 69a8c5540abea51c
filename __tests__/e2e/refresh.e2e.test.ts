// Credentials that renew themselves, end to end: the emulator issues 45 s sessions; later "steps"
// (child processes with the exported environment) keep working after the first session expired,
// through the AWS SDK and through the real Claude Code CLI. A control step with only the exported
// keys proves the emulator really rejects the expired session.
import { mkdtempSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import path from 'node:path'
import {
  loadScenario,
  startEmulator,
  type Emulator,
  type RecordedRequest
} from '../../emulator/index.ts'
import { DIST } from '../../emulator/runner/runAction.ts'
import {
  claudeConversation,
  runProcess,
  SHORT_SESSION_SECONDS,
  sleep,
  type Exit
} from './support/laterSteps.ts'
import type { ObtainedCredentials } from '../../src/credentials/types.js'
import { configureRefresh, type RefreshSetup } from '../../src/refresh/configureRefresh.js'
import { configFromInputs } from '../../src/refresh/refreshSettings.js'

const ROLE = 'arn:aws:iam::123456789012:role/claude-code'
const MODEL = 'us.anthropic.claude-haiku-4-5-20251001-v1:0'

const SDK_STEP = `
import { BedrockRuntimeClient, ConverseCommand } from '@aws-sdk/client-bedrock-runtime'
const client = new BedrockRuntimeClient({ region: process.env.AWS_REGION })
const answer = await client.send(new ConverseCommand({
  modelId: '${MODEL}',
  messages: [{ role: 'user', content: [{ text: 'hi' }] }],
  inferenceConfig: { maxTokens: 1 }
}))
const credentials = await client.config.credentials()
console.log(JSON.stringify({ stopReason: answer.stopReason, accessKeyId: credentials.accessKeyId }))
`

describe('credentials that renew themselves (45 s sessions)', () => {
  let emulator: Emulator
  let dir: string
  let setupKey: string
  let setupExpiry: number
  let refresh: RefreshSetup
  let before: Exit
  let after: Exit
  let control: Exit
  let claude: Exit
  let requests: RecordedRequest[]

  beforeAll(async () => {
    const scenario = loadScenario('default')
    scenario.credentialLifetimeSeconds = SHORT_SESSION_SECONDS
    emulator = await startEmulator({ scenario })
    dir = mkdtempSync(path.join(tmpdir(), 'scb-refresh-e2e-'))
    const runner: NodeJS.ProcessEnv = {
      PATH: process.env.PATH ?? '',
      HOME: dir,
      RUNNER_TEMP: dir,
      GITHUB_ACTIONS: 'true',
      AWS_REGION: 'us-east-1',
      AWS_DEFAULT_REGION: 'us-east-1',
      AWS_SHARED_CREDENTIALS_FILE: path.join(dir, 'no-credentials'),
      AWS_EC2_METADATA_DISABLED: 'true',
      ...emulator.runnerEnv()
    }

    // The setup step: a session from the role, then the refresh wiring.
    const first = await runProcess(
      process.execPath,
      [DIST, 'credential-process', '--role-arn', ROLE, '--region', 'us-east-1', '--no-cache'],
      runner
    )
    expect(first.code).toBe(0)
    const printed = JSON.parse(first.stdout) as {
      AccessKeyId: string
      SecretAccessKey: string
      SessionToken: string
      Expiration: string
    }
    setupKey = printed.AccessKeyId
    setupExpiry = Date.parse(printed.Expiration)
    const obtained: ObtainedCredentials = {
      origin: 'oidc',
      credentials: {
        accessKeyId: printed.AccessKeyId,
        secretAccessKey: printed.SecretAccessKey,
        sessionToken: printed.SessionToken,
        expiration: new Date(setupExpiry)
      }
    }
    const config = configFromInputs({ 'aws-region': 'us-east-1', 'role-to-assume': ROLE }, runner)
    refresh = await configureRefresh(config, obtained, {
      env: runner,
      scriptPath: DIST,
      nodePath: process.execPath
    })
    const exportedKeys = {
      AWS_ACCESS_KEY_ID: printed.AccessKeyId,
      AWS_SECRET_ACCESS_KEY: printed.SecretAccessKey,
      AWS_SESSION_TOKEN: printed.SessionToken
    }
    const step: NodeJS.ProcessEnv = {
      ...runner,
      ...exportedKeys,
      ...Object.fromEntries(refresh.variables.map((v) => [v.name, v.value]))
    }
    const keysOnly: NodeJS.ProcessEnv = { ...runner, ...exportedKeys }

    const untilAfterExpiry = () => Math.max(0, setupExpiry - Date.now()) + 3_000

    // One Claude Code process spanning the expiry, and SDK steps before and after it, side by side.
    const claudeRun = claudeConversation(
      { ...step, CLAUDE_CODE_USE_BEDROCK: '1', ANTHROPIC_BEDROCK_BASE_URL: emulator.url },
      [0, 20_000, untilAfterExpiry(), untilAfterExpiry() + 20_000]
    )
    const sdkRuns = (async () => {
      before = await runProcess(process.execPath, ['--input-type=module', '-e', SDK_STEP], step)
      await sleep(untilAfterExpiry())
      ;[after, control] = await Promise.all([
        runProcess(process.execPath, ['--input-type=module', '-e', SDK_STEP], step),
        runProcess(process.execPath, ['--input-type=module', '-e', SDK_STEP], keysOnly)
      ])
    })()
    ;[claude] = await Promise.all([claudeRun, sdkRuns])
    requests = [...emulator.requests]
  }, 120_000)

  afterAll(async () => {
    await emulator?.close()
    rmSync(dir, { recursive: true, force: true })
  })

  const signed = () => requests.filter((r) => r.accessKeyId !== undefined)
  const expired = () => requests.filter((r) => r.errorCode === 'ExpiredTokenException')

  it('the control step, with only the exported keys, is rejected once the first session expired', () => {
    expect(control.code).not.toBe(0)
    expect(control.stderr).toContain('ExpiredTokenException')
    expect(expired().every((r) => r.accessKeyId === setupKey && r.operation === 'Converse')).toBe(
      true
    )
    expect(expired()).toHaveLength(1)
  })

  it('an AWS SDK step before and one after the expiry both succeed, with renewed credentials', () => {
    expect(before.code).toBe(0)
    expect(after.code).toBe(0)
    const [first, second] = [before, after].map(
      (run) => JSON.parse(run.stdout) as { stopReason: string; accessKeyId: string }
    )
    expect(first?.stopReason).toBeDefined()
    expect(second?.stopReason).toBeDefined()
    expect(second?.accessKeyId).not.toBe(setupKey)
    expect(second?.accessKeyId).not.toBe(first?.accessKeyId)
    const converse = signed().filter(
      (r) => r.operation === 'Converse' && r.accessKeyId !== setupKey
    )
    expect(converse.map((r) => r.status)).toEqual([200, 200])
  })

  it('Claude Code keeps signing with valid credentials after the first ones expire', () => {
    expect(claude.code).toBe(0)
    const results = claude.stdout
      .split('\n')
      .filter((line) => line.startsWith('{'))
      .map((line) => JSON.parse(line) as { type: string; is_error?: boolean })
      .filter((event) => event.type === 'result')
    expect(results).toHaveLength(4)
    expect(results.every((event) => event.is_error === false)).toBe(true)

    const model = signed().filter(
      (r) => r.service === 'bedrock-runtime' && r.operation !== 'Converse'
    )
    const late = model.filter((r) => r.startedAt > setupExpiry)
    expect(late.length).toBeGreaterThan(0)
    expect(late.every((r) => r.status === 200 && r.accessKeyId !== setupKey)).toBe(true)
    expect(new Set(model.map((r) => r.accessKeyId)).size).toBeGreaterThanOrEqual(3)
    expect(model.some((r) => r.errorCode === 'ExpiredTokenException')).toBe(false)
  })

  it('renewals went through STS with the same role, and no secret reached the notes', () => {
    expect(
      requests.filter((r) => r.operation === 'AssumeRoleWithWebIdentity' && r.status === 200).length
    ).toBeGreaterThanOrEqual(4)
    for (const secret of emulator.issuedSecrets())
      expect(refresh.notes.join('\n')).not.toContain(secret)
  })
})
