// The point of the action: a later step that starts the real Claude Code CLI with the exported
// environment talks to Bedrock with the verified model ids and the exported credentials.
import { spawn } from 'node:child_process'
import { mkdtempSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import path from 'node:path'
import { runScenario } from './scenarioRun.ts'
import { useEmulator } from '../../__fixtures__/emulator.ts'
import { CLAUDE, CLAUDE_CODE_OFFLINE } from './support/laterSteps.ts'

const emu = useEmulator()

interface Exit {
  code: number | null
  stdout: string
  stderr: string
}

function runClaude(env: Record<string, string>, cwd: string): Promise<Exit> {
  return new Promise((resolve) => {
    const child = spawn(CLAUDE, ['-p', 'Say hi', '--max-turns', '1'], { env, cwd })
    let stdout = ''
    let stderr = ''
    child.stdout.setEncoding('utf8').on('data', (c: string) => (stdout += c))
    child.stderr.setEncoding('utf8').on('data', (c: string) => (stderr += c))
    const timer = setTimeout(() => child.kill('SIGKILL'), 60_000)
    child.on('close', (code) => {
      clearTimeout(timer)
      resolve({ code, stdout, stderr })
    })
  })
}

it('Claude Code started with the exported environment calls the verified model with the exported credentials', async () => {
  const setup = await runScenario(emu, 'default', {
    inputs: {
      model: 'opus',
      'refresh-credentials': 'false',
      'bedrock-runtime-endpoint': emu.url,
      // The scrub's sandbox is bubblewrap, Linux only (agentIsolation.e2e.test.ts covers it).
      'scrub-agent-credentials': String(process.platform === 'linux')
    }
  })
  expect(setup.exitCode).toBe(0)
  const model = setup.env.ANTHROPIC_MODEL ?? ''
  expect(model).toBe('us.anthropic.claude-opus-4-6-v1')
  expect(setup.env.ANTHROPIC_BEDROCK_BASE_URL).toBe(emu.url)

  // The action proved every model id it exported with both of Claude Code's calls, never Converse.
  const setupCalls = emu.requests.filter((r) => r.service === 'bedrock-runtime')
  expect(setupCalls.some((r) => r.operation === 'Converse')).toBe(false)
  const exportedIds = new Set(
    Object.entries(setup.env)
      .filter(([name]) => /^ANTHROPIC_(MODEL|SMALL_FAST_MODEL|DEFAULT_[A-Z]+_MODEL)$/.test(name))
      .map(([, value]) => value ?? '')
  )
  expect([...exportedIds].length).toBe(3) // opus (main), sonnet (pinned), haiku (small)
  for (const id of exportedIds) {
    for (const operation of ['InvokeModel', 'InvokeModelWithResponseStream']) {
      expect(
        setupCalls.some(
          (r) =>
            r.operation === operation &&
            r.status === 200 &&
            decodeURIComponent(r.path.split('/')[2] ?? '') === id
        )
      ).toBe(true)
    }
  }

  emu.clearRequests()
  const home = mkdtempSync(path.join(tmpdir(), 'scb-claude-'))
  try {
    const result = await runClaude(
      {
        PATH: process.env.PATH ?? '',
        HOME: home,
        // Only what the action exported, plus switches that keep the CLI off the internet.
        ...setup.env,
        AWS_EC2_METADATA_DISABLED: 'true',
        ...CLAUDE_CODE_OFFLINE
      },
      home
    )
    expect(result.code).toBe(0)
  } finally {
    rmSync(home, { recursive: true, force: true })
  }

  const calls = emu.requests.filter((r) => r.service === 'bedrock-runtime')
  expect(calls.length).toBeGreaterThan(0)
  // Claude Code itself never calls Converse either: what the action proved is what it uses.
  expect(calls.some((r) => r.operation === 'Converse')).toBe(false)
  // Every call is signed with the credentials the action exported.
  expect(calls.every((r) => r.accessKeyId === setup.env.AWS_ACCESS_KEY_ID)).toBe(true)
  const modelsCalled = new Set(calls.map((r) => decodeURIComponent(r.path.split('/')[2] ?? '')))
  expect(modelsCalled).toContain(model)
  // The conversation itself (the streamed call) goes to the main model.
  const streamed = calls.filter((r) => r.operation === 'InvokeModelWithResponseStream')
  expect(streamed.length).toBeGreaterThan(0)
  expect(streamed.every((r) => r.status === 200 && r.errorCode === undefined)).toBe(true)
  expect(streamed.every((r) => decodeURIComponent(r.path.split('/')[2] ?? '') === model)).toBe(true)
  expect(calls.every((r) => r.status < 500)).toBe(true)
})

// A VPC-endpoint job: the runtime endpoint comes from the AWS SDK's own AWS_ENDPOINT_URL_* variables
// (no `bedrock-runtime-endpoint` input). The checks' SDK client honours them; Claude Code takes its
// runtime URL only from ANTHROPIC_BEDROCK_BASE_URL, so the action exports the endpoint it verified
// as that, and Claude Code in the next step (job env + exports) reaches it.
it('Claude Code reaches the runtime endpoint the checks reached through AWS_ENDPOINT_URL_BEDROCK_RUNTIME', async () => {
  const setup = await runScenario(emu, 'default', {
    inputs: {
      'refresh-credentials': 'false',
      'scrub-agent-credentials': String(process.platform === 'linux')
    }
  })
  expect(setup.exitCode).toBe(0)
  expect(setup.env.ANTHROPIC_BEDROCK_BASE_URL).toBe(emu.url)
  expect(setup.summary).toContain(`\`ANTHROPIC_BEDROCK_BASE_URL\` | \`${emu.url}\``)

  emu.clearRequests()
  const home = mkdtempSync(path.join(tmpdir(), 'scb-claude-'))
  try {
    const jobEnv = emu.runnerEnv()
    const endpointVariables = Object.fromEntries(
      Object.entries(jobEnv).filter(([name]) => name.startsWith('AWS_ENDPOINT_URL'))
    )
    const result = await runClaude(
      {
        PATH: process.env.PATH ?? '',
        HOME: home,
        // The next step's environment: the job's (the SDK endpoint variables) plus GITHUB_ENV.
        ...endpointVariables,
        ...setup.env,
        AWS_EC2_METADATA_DISABLED: 'true',
        DISABLE_TELEMETRY: '1',
        DISABLE_AUTOUPDATER: '1',
        DISABLE_ERROR_REPORTING: '1',
        CLAUDE_CODE_DISABLE_NONESSENTIAL_TRAFFIC: '1'
      },
      home
    )
    expect(result.code).toBe(0)
  } finally {
    rmSync(home, { recursive: true, force: true })
  }
  const streamed = emu.requests.filter((r) => r.operation === 'InvokeModelWithResponseStream')
  expect(streamed.length).toBeGreaterThan(0)
  expect(streamed.every((r) => r.status === 200)).toBe(true)
})
