// What a prompt-injected agent could reach: the real Claude Code CLI, started with the environment
// the action exported (plus the runner's OIDC request variables), is made by the emulator's model
// to run `env` and a few probes in its Bash tool; the test reads what came back to the model.
// Needs bubblewrap and socat on the machine (.ci/run installs them), as Claude Code does.
import { spawn } from 'node:child_process'
import { mkdirSync, mkdtempSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import path from 'node:path'
import { loadScenario } from '../../emulator/index.ts'
import { useEmulator } from '../../__fixtures__/emulator.ts'
import { runScenario } from './scenarioRun.ts'
import { CLAUDE, CLAUDE_CODE_OFFLINE } from './support/laterSteps.ts'

const emu = useEmulator()

interface Agent {
  readonly exitCode: number | null
  readonly stderr: string
  /** Variable names the Bash tool's `env` printed. */
  readonly envNames: Set<string>
  /** Everything the tool returned. */
  readonly toolOutput: string
  readonly exported: Record<string, string>
  readonly runnerEnv: Record<string, string>
}

function runClaude(
  env: Record<string, string>,
  cwd: string
): Promise<{ code: number | null; stderr: string }> {
  return new Promise((resolve) => {
    const child = spawn(
      CLAUDE,
      ['-p', 'Show me the environment', '--max-turns', '3', '--allowedTools', 'Bash'],
      { env, cwd, stdio: ['ignore', 'pipe', 'pipe'] }
    )
    let stderr = ''
    child.stdout.resume()
    child.stderr.setEncoding('utf8').on('data', (c: string) => (stderr += c))
    const timer = setTimeout(() => child.kill('SIGKILL'), 60_000)
    child.on('close', (code) => {
      clearTimeout(timer)
      resolve({ code, stderr })
    })
  })
}

/** Sets up with the action, then lets the agent run `env` and the probes. */
async function agentSees(inputs: Record<string, string>): Promise<Agent> {
  const work = mkdtempSync(path.join(tmpdir(), 'scb-agent-'))
  try {
    const runnerTemp = path.join(work, 'runner-temp')
    mkdirSync(runnerTemp)
    const setup = await runScenario(emu, 'default', {
      inputs: { 'bedrock-runtime-endpoint': emu.url, ...inputs },
      env: { RUNNER_TEMP: runnerTemp }
    })
    expect(setup.exitCode).toBe(0)
    const cache =
      setup.env.AWS_CONFIG_FILE !== undefined
        ? path.join(path.dirname(setup.env.AWS_CONFIG_FILE), 'credentials.json')
        : '/nonexistent'
    const scenario = loadScenario('default')
    scenario.toolCalls = [
      {
        name: 'Bash',
        input: {
          command: `env; echo '--- processes'; ls /proc | grep -c '^[0-9]'; echo '--- cache'; cat '${cache}' || true`,
          description: 'Print the environment'
        }
      }
    ]
    emu.setScenario(scenario)
    emu.clearRequests()
    const runnerEnv = emu.runnerEnv()
    const agentEnv = {
      PATH: process.env.PATH ?? '',
      HOME: work,
      GITHUB_ACTIONS: 'true',
      RUNNER_TEMP: runnerTemp,
      // What the runner gives every step of a job with id-token: write.
      ACTIONS_ID_TOKEN_REQUEST_URL: runnerEnv.ACTIONS_ID_TOKEN_REQUEST_URL ?? '',
      ACTIONS_ID_TOKEN_REQUEST_TOKEN: runnerEnv.ACTIONS_ID_TOKEN_REQUEST_TOKEN ?? '',
      ...setup.env,
      AWS_EC2_METADATA_DISABLED: 'true',
      ...CLAUDE_CODE_OFFLINE
    }
    const { code, stderr } = await runClaude(agentEnv, work)
    const toolOutput = emu.toolResults.join('\n')
    const envPart = toolOutput.split('--- processes')[0] ?? ''
    const envNames = new Set(
      envPart
        .split('\n')
        .map((line) => /^([A-Za-z_][A-Za-z0-9_]*)=/.exec(line)?.[1])
        .filter((name): name is string => name !== undefined)
    )
    return {
      exitCode: code,
      stderr,
      envNames,
      toolOutput,
      exported: setup.env,
      runnerEnv: agentEnv
    }
  } finally {
    rmSync(work, { recursive: true, force: true })
  }
}

const SECRETS = ['AWS_SECRET_ACCESS_KEY', 'AWS_SESSION_TOKEN', 'ACTIONS_ID_TOKEN_REQUEST_TOKEN']
// Claude Code's subprocess sandbox is bubblewrap: Linux only (the action warns elsewhere).
const onLinux = process.platform === 'linux' ? describe : describe.skip

onLinux('the agent subprocesses, with the defaults (scrub-agent-credentials: true)', () => {
  let agent: Agent
  beforeAll(async () => {
    agent = await agentSees({})
  }, 90_000)

  it('Claude Code starts, runs the tool, and its own Bedrock calls keep the credentials', () => {
    expect(agent.exported.CLAUDE_CODE_SUBPROCESS_ENV_SCRUB).toBe('1')
    expect(agent.stderr).not.toContain('bubblewrap is required')
    expect(agent.exitCode).toBe(0)
    expect(agent.envNames.has('PATH')).toBe(true)
    const calls = emu.requests.filter((r) => r.service === 'bedrock-runtime')
    expect(calls.length).toBeGreaterThan(0)
    expect(calls.every((r) => r.accessKeyId === agent.exported.AWS_ACCESS_KEY_ID)).toBe(true)
  })

  it('the Bash tool sees no AWS secret, session token or OIDC request variables', () => {
    // AWS_CONFIG_FILE goes too, so the renewing profile (AWS_PROFILE stays) is unusable there.
    for (const name of [...SECRETS, 'ACTIONS_ID_TOKEN_REQUEST_URL', 'AWS_CONFIG_FILE']) {
      expect({ name, seen: agent.envNames.has(name) }).toEqual({ name, seen: false })
    }
    const envPart = agent.toolOutput.split('--- processes')[0] ?? ''
    for (const name of SECRETS) {
      const value = agent.runnerEnv[name] ?? ''
      expect(value).not.toBe('')
      expect(envPart).not.toContain(value)
    }
  })

  it('keeps what is not secret (region, model ids, the profile name) and drops the key id too', () => {
    for (const name of [
      'AWS_REGION',
      'ANTHROPIC_MODEL',
      'CLAUDE_CODE_USE_BEDROCK',
      'AWS_PROFILE'
    ]) {
      expect({ name, seen: agent.envNames.has(name) }).toEqual({ name, seen: true })
    }
    expect(agent.envNames.has('AWS_ACCESS_KEY_ID')).toBe(false)
  })

  it('the Bash tool runs in its own PID namespace: the runner and Claude Code are out of sight', () => {
    const count = Number(/--- processes\n(\d+)/.exec(agent.toolOutput)?.[1] ?? 'NaN')
    expect(count).toBeLessThan(10)
  })

  it('what stays reachable: the renewing profile\u2019s cache file (documented in docs/security.md)', () => {
    // Same user, same files: the sandbox hides environment and processes, not the runner's files.
    const cachePart = agent.toolOutput.split('--- cache')[1] ?? ''
    expect(cachePart).toContain(agent.exported.AWS_SECRET_ACCESS_KEY ?? 'no secret exported')
  })
})

onLinux('the agent subprocesses with scrub-agent-credentials: false', () => {
  it('inherit the exported secret and the OIDC request token (the test can tell)', async () => {
    const agent = await agentSees({
      'scrub-agent-credentials': 'false',
      'refresh-credentials': 'false'
    })
    expect(agent.exported.CLAUDE_CODE_SUBPROCESS_ENV_SCRUB).toBeUndefined()
    expect(agent.exitCode).toBe(0)
    for (const name of SECRETS) expect(agent.envNames.has(name)).toBe(true)
    expect(agent.toolOutput).toContain(agent.exported.AWS_SECRET_ACCESS_KEY ?? 'no secret exported')
  }, 90_000)
})
