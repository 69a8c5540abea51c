// The post step end to end: the main step, the real Claude Code CLI for a turn, then the post step
// as the runner runs it (state file, STATE_*), all on the emulator. The report's totals must be
// exactly what Bedrock logged for this job's session, and never another session's calls.
import { spawn } from 'node:child_process'
import { mkdtempSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import path from 'node:path'
import { BedrockRuntimeClient, InvokeModelCommand } from '@aws-sdk/client-bedrock-runtime'
import { loadScenario, type InvocationRecord, type Scenario } from '../../emulator/index.ts'
import { runPostStep, visibleLog, type ActionRun } from '../../emulator/runner/runAction.ts'
import { useEmulator } from '../../__fixtures__/emulator.ts'
import { publicChannels, runScenario } from './scenarioRun.ts'
import { CLAUDE, CLAUDE_CODE_OFFLINE } from './support/laterSteps.ts'

const emu = useEmulator()

afterEach(() => emu.invocationLog.clear())

function runClaude(env: Record<string, string>, cwd: string): Promise<number | null> {
  return new Promise((resolve) => {
    const child = spawn(CLAUDE, ['-p', 'Say hi', '--max-turns', '1'], { env, cwd })
    child.stdout.resume()
    child.stderr.resume()
    const timer = setTimeout(() => child.kill('SIGKILL'), 60_000)
    child.on('close', (code) => {
      clearTimeout(timer)
      resolve(code)
    })
  })
}

/** A job of its own: its own runner tracking id, so its own role session name. */
const job = (tracking: string, more: Record<string, string> = {}) => ({
  GITHUB_JOB: 'agent',
  RUNNER_TRACKING_ID: `github_${tracking}`,
  ...more
})

interface Totals {
  requests: number
  input: number
  output: number
  cacheRead: number
  cacheWrite: number
}

/** The post step's headline, parsed: what a reader of the log sees. */
function reportedTotals(post: ActionRun): Totals {
  const match =
    /Bedrock usage of this job: ([\d,]+) requests to \d+ model\(s\), ([\d,]+) input, ([\d,]+) output, ([\d,]+) cache-read and ([\d,]+) cache-write tokens/.exec(
      post.stdout
    )
  if (match === null) throw new Error(`no usage headline in:\n${post.stdout}`)
  const [requests, input, output, cacheRead, cacheWrite] = match
    .slice(1)
    .map((text) => Number(text.replace(/,/g, '')))
  return {
    requests: requests ?? NaN,
    input: input ?? NaN,
    output: output ?? NaN,
    cacheRead: cacheRead ?? NaN,
    cacheWrite: cacheWrite ?? NaN
  }
}

function loggedTotals(records: readonly InvocationRecord[]): Totals {
  return records.reduce(
    (sum, record) => ({
      requests: sum.requests + 1,
      input: sum.input + (record.input.inputTokenCount ?? 0),
      output: sum.output + (record.output.outputTokenCount ?? 0),
      cacheRead: sum.cacheRead + (record.input.cacheReadInputTokenCount ?? 0),
      cacheWrite: sum.cacheWrite + (record.input.cacheWriteInputTokenCount ?? 0)
    }),
    { requests: 0, input: 0, output: 0, cacheRead: 0, cacheWrite: 0 }
  )
}

const fastWait = { 'usage-report-wait-seconds': '3' }

it('reports exactly the tokens Bedrock logged for this job: its probes and its Claude Code turn, not another session', async () => {
  const existing = 'X-Amzn-Bedrock-GuardrailIdentifier: gr-octo'
  const setup = await runScenario(emu, 'default', {
    inputs: { 'refresh-credentials': 'false', 'bedrock-runtime-endpoint': emu.url, ...fastWait },
    env: job('this-job', { ANTHROPIC_CUSTOM_HEADERS: existing })
  })
  expect(setup.exitCode).toBe(0)
  const session = setup.outputs['role-session-name'] ?? ''
  expect(session).toMatch(/^GitHubActions-4242-1-agent-[0-9a-f]{8}$/)
  // The job's own header survives; the metadata header is added to it.
  const headers = (setup.env.ANTHROPIC_CUSTOM_HEADERS ?? '').split('\n')
  expect(headers[0]).toBe(existing)
  expect(JSON.parse((headers[1] ?? '').replace(/^X-Amzn-Bedrock-Request-Metadata: /, ''))).toEqual({
    repository: 'octo-org/octo-repo',
    workflow: 'ci',
    run_id: '4242',
    run_attempt: '1',
    job: 'agent',
    session
  })

  // The agent step: the real Claude Code CLI with only what the action exported.
  const home = mkdtempSync(path.join(tmpdir(), 'scb-claude-'))
  try {
    const code = await runClaude(
      {
        PATH: process.env.PATH ?? '',
        HOME: home,
        ...setup.env,
        AWS_EC2_METADATA_DISABLED: 'true',
        ...CLAUDE_CODE_OFFLINE
      },
      home
    )
    expect(code).toBe(0)
  } finally {
    rmSync(home, { recursive: true, force: true })
  }

  // Another job of the same run (a matrix leg: same role, same job id), and another caller
  // altogether, use the same models into the same log group.
  const otherLeg = await runScenario(emu, 'default', {
    inputs: { 'refresh-credentials': 'false' },
    env: job('other-leg')
  })
  expect(otherLeg.outputs['role-session-name']).not.toBe(session)
  const runner = loadScenario('default').environmentCredentials[0]
  if (runner === undefined) throw new Error('the default scenario has runner credentials')
  const stranger = new BedrockRuntimeClient({
    region: 'us-east-1',
    endpoint: emu.url,
    credentials: {
      accessKeyId: runner.accessKeyId,
      secretAccessKey: runner.secretAccessKey,
      ...(runner.sessionToken !== undefined ? { sessionToken: runner.sessionToken } : {})
    }
  })
  await stranger.send(
    new InvokeModelCommand({
      modelId: setup.env.ANTHROPIC_MODEL,
      body: JSON.stringify({
        anthropic_version: 'bedrock-2023-05-31',
        max_tokens: 50,
        messages: [{ role: 'user', content: 'not this job' }]
      })
    })
  )
  stranger.destroy()

  const post = await runPostStep(setup)
  expect(post.exitCode).toBe(0)

  const records = emu.invocationLog.records
  const ours = records.filter(
    (record) =>
      record.identity.arn.endsWith(`/${session}`) || record.requestMetadata?.['session'] === session
  )
  expect(ours.length).toBeLessThan(records.length)
  // Claude Code's own calls carry the request metadata, and its cached system prompt shows up.
  expect(ours.some((record) => record.requestMetadata?.['session'] === session)).toBe(true)
  const expected = loggedTotals(ours)
  expect(expected.cacheWrite + expected.cacheRead).toBeGreaterThan(0)
  expect(reportedTotals(post)).toEqual(expected)

  expect(post.summary).toContain('## Bedrock usage of this job')
  expect(post.summary).toMatch(/\*\*Account-wide\*\* CloudWatch/)
  expect(post.summary).toMatch(/Price List published 2026-11-01/)
  expect(post.commands.filter((c) => c.command === 'warning' || c.command === 'error')).toEqual([])
  for (const secret of emu.issuedSecrets()) expect(publicChannels(post)).not.toContain(secret)
}, 120_000)

async function postOn(
  scenario: Scenario | string,
  inputs: Record<string, string> = {}
): Promise<{ setup: ActionRun; post: ActionRun }> {
  const setup = await runScenario(emu, scenario, {
    inputs: { 'refresh-credentials': 'false', ...fastWait, ...inputs },
    env: job(`scenario-${Math.random()}`)
  })
  expect(setup.exitCode).toBe(0)
  const post = await runPostStep(setup)
  expect(post.exitCode).toBe(0)
  return { setup, post }
}

const usageLines = (post: ActionRun): string[] =>
  visibleLog(post)
    .split('\n')
    .filter((line) => line.includes('Bedrock usage report:'))

it('logging off: one line that says how to turn invocation logging on, no annotation, exit 0', async () => {
  const { post } = await postOn('usage-logging-off')
  const lines = usageLines(post)
  expect(lines).toHaveLength(1)
  expect(lines[0]).toMatch(/model invocation logging is off in us-east-1/)
  expect(lines[0]).toMatch(/put-model-invocation-logging-configuration/)
  expect(post.commands.filter((c) => c.command === 'warning')).toEqual([])
})

it('the logging fix names the caller account and partition, the headline says usage is unknown, not "no records"', async () => {
  const { post } = await postOn('usage-logging-off')
  const line = usageLines(post)[0] ?? ''
  expect(line).toContain('"roleArn":"arn:aws:iam::123456789012:role/')
  expect(line).not.toContain('<account>')
  expect(post.stdout).toContain(
    'Bedrock usage of this job: unknown, the invocation logs could not be read: model invocation logging is off (us-east-1).'
  )
  expect(post.stdout).not.toContain('no records found')
})

it('usage-report: true turns the same problem into a warning', async () => {
  const { post } = await postOn('usage-logging-off', { 'usage-report': 'true' })
  const warnings = post.commands.filter((c) => c.command === 'warning')
  expect(warnings).toHaveLength(1)
  expect(warnings[0]?.message).toMatch(/model invocation logging is off/)
})

it('missing permission: one line per part that names the permission to add, exit 0', async () => {
  const { post } = await postOn('usage-permissions-missing')
  const lines = usageLines(post)
  expect(lines.find((l) => l.includes('logs:FilterLogEvents'))).toMatch(
    /could not read the invocation logs in bedrock-invocations .*Fix: allow logs:FilterLogEvents/
  )
  expect(lines.find((l) => l.includes('cloudwatch:GetMetricData'))).toBeDefined()
  expect(lines.every((l) => /Fix:/.test(l))).toBe(true)
  expect(post.commands.filter((c) => c.command === 'warning' || c.command === 'error')).toEqual([])
  // Records that could not be read are unknown usage, in the log and the summary alike.
  for (const text of [post.stdout, post.summary]) {
    expect(text).toMatch(
      /Bedrock usage of this job: unknown, the invocation logs could not be read: permission denied: logs:FilterLogEvents \(us-east-1\)/
    )
    expect(text).not.toContain('no records found')
  }
  // AWS's own words are cut on a word boundary, marked with …, never mid-word.
  for (const line of lines) {
    const quoted = /\((\w+Exception: [^)]*)\)/.exec(line)?.[1]
    if (quoted?.endsWith('…')) expect(quoted).toMatch(/\w…$/)
    expect(line).not.toMatch(/because no iden\b/)
  }
})

it('delivery lag beyond the wait: one line that says nothing arrived yet and what to raise, exit 0', async () => {
  const { post } = await postOn('usage-delivery-lag', { 'usage-report-wait-seconds': '1' })
  const lines = usageLines(post)
  expect(lines).toHaveLength(1)
  expect(lines[0]).toMatch(
    /no invocation records of this job in bedrock-invocations \(us-east-1\) after waiting 1 s.*raise usage-report-wait-seconds/
  )
})

it('delivery lag within the wait: keeps reading until the records are there and stable', async () => {
  const scenario = loadScenario('default')
  scenario.invocationLogging = {
    enabled: true,
    logGroupName: 'bedrock-invocations',
    deliveryLagMs: 1_500
  }
  const { setup, post } = await postOn(scenario, { 'usage-report-wait-seconds': '8' })
  const session = setup.outputs['role-session-name'] ?? ''
  const ours = emu.invocationLog.records.filter((r) => r.identity.arn.endsWith(`/${session}`))
  // The set-up's own 1-token calls, every one of them, arrived after the lag.
  expect(ours.length).toBeGreaterThan(0)
  expect(reportedTotals(post)).toEqual(loggedTotals(ours))
  expect(post.stdout).toMatch(/stopped once two reads agreed/)
})

it('usage-report: false leaves the post step silent and makes no AWS call', async () => {
  const setup = await runScenario(emu, 'default', {
    inputs: { 'usage-report': 'false' },
    env: job('quiet')
  })
  expect(setup.state['usage']).toBeUndefined()
  emu.clearRequests()
  const post = await runPostStep(setup)
  expect(post.exitCode).toBe(0)
  expect(visibleLog(post).trim()).toBe('')
  expect(emu.requests).toEqual([])
})

it('a main step that stopped at a bad input leaves a post step that says so and exits 0', async () => {
  const setup = await runScenario(emu, 'default', { inputs: { 'role-duration-seconds': '5' } })
  expect(setup.exitCode).toBe(1)
  expect(setup.state).toEqual({ isPost: 'true' })
  const post = await runPostStep(setup)
  expect(post.exitCode).toBe(0)
  expect(emu.requests.filter((r) => r.service !== 'oidc')).toEqual([])
})

it('GovCloud: every ARN the post step shows is in the aws-us-gov partition (emulator fidelity too)', async () => {
  const { post } = await postOn('govcloud', {
    'role-to-assume': 'arn:aws-us-gov:iam::123456789012:role/claude-code',
    'aws-region': 'us-gov-west-1'
  })
  const shown = visibleLog(post)
  expect(shown).toMatch(/arn:aws-us-gov:/)
  expect(shown).not.toMatch(/arn:aws:/)
})
