// The capacity pre-flight on the emulator: Service Quotas' per-minute quotas against the output
// reservation Claude Code will make, looked up beside the model checks (cached codes), or listed
// from the credentials on with at most one more round trip, and finished by the post step.
import { InvokeModelCommand, BedrockRuntimeClient } from '@aws-sdk/client-bedrock-runtime'
import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import path from 'node:path'
import { loadScenario, type Scenario } from '../../emulator/index.ts'
import { runPostStep } from '../../emulator/runner/runAction.ts'
import { bedrockQuotas } from '../../emulator/serviceQuotas.ts'
import { useEmulator } from '../../__fixtures__/emulator.ts'
import { quotaCacheRoot } from '../../src/capacity/quotaCachePath.js'
import { quotaCodeCache } from '../../src/capacity/quotaCodeCache.js'
import { perMinuteUnit, type QuotaName } from '../../src/capacity/quotaNames.js'
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
    /^"Cross-Region InvokeModel tokens per minute for Anthropic Claude Sonnet 4\.6" \(L-[0-9A-F]{8}\): 50,000 tokens per minute, room for 1 request at once at 32,000 reserved tokens each \(max-output-tokens 32,000\); "Cross-Region InvokeModel requests per minute for Anthropic Claude Sonnet 4\.6" \(L-[0-9A-F]{8}\): 20 requests per minute\.$/
  )
  expect(main?.cause).toMatch(/Too many tokens/)
  expect(main?.fix).toMatch(/^Set `max-output-tokens: 16000` \(or lower\)/)
  expect(main?.fix).toMatch(
    /request-service-quota-increase --service-code bedrock --region us-east-1 --quota-code L-/
  )
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
    /2,000,000 tokens per minute, room for 250 requests at once at 8,000 reserved tokens each/
  )
})

// F17: the requests-per-minute quota gets the same headroom rule as the tokens one.
it('a 1-request-per-minute quota warns with its name and code, whatever the tokens quota says', async () => {
  const scenario = withLatency('default')
  scenario.serviceQuotas = { tokensPerMinute: 2_000_000, requestsPerMinute: 1, otherQuotas: 0 }
  const run = await runScenario(emu, scenario, { inputs: { 'pin-families': 'false' } })
  expect(run.exitCode).toBe(0)
  const [main] = capacityChecks(run.outputs.report)
  expect(main?.status).toBe('warn')
  expect(main?.detail).toMatch(
    /; "Cross-Region InvokeModel requests per minute for Anthropic Claude Sonnet 4\.6" \(L-[0-9A-F]{8}\): 1 request per minute\.$/
  )
  expect(main?.cause).toMatch(/admits 1 request per minute, fewer than the 3 requests/)
  expect(main?.cause).not.toMatch(/tokens-per-minute quota when it starts/)
  expect(main?.fix).toMatch(
    /^Raise "Cross-Region InvokeModel requests per minute for Anthropic Claude Sonnet 4\.6" \(L-[0-9A-F]{8}\) .*`aws service-quotas request-service-quota-increase --service-code bedrock --region us-east-1 --quota-code L-[0-9A-F]{8} --desired-value 6`\.$/
  )
  expect(main?.fix).not.toMatch(/max-output-tokens: \d/)
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

// --- Cached quota codes, the bounded wait and the post step (the runner's tool cache) ---------

/** A runner's tool cache for the test: a self-hosted runner keeps it between jobs. */
function toolCache(): ToolCache {
  const dir = mkdtempSync(path.join(tmpdir(), 'scb-tool-cache-'))
  const root = quotaCacheRoot({ RUNNER_TOOL_CACHE: dir }, 'runner') ?? ''
  return {
    env: { RUNNER_TOOL_CACHE: dir },
    file: path.join(root, 'us-east-1.json'),
    done: () => rmSync(dir, { recursive: true, force: true })
  }
}

/** What a complete listing of `scenario` teaches the cache: per-minute names and codes. */
function learn(scenario: Scenario): void {
  const quotas: QuotaName[] = []
  for (const quota of bedrockQuotas(scenario)) {
    const unit = perMinuteUnit(quota.QuotaName)
    if (unit !== undefined) quotas.push({ name: quota.QuotaName, code: quota.QuotaCode, unit })
  }
  const written = quotaCodeCache(quotaCacheRoot(cache.env, 'runner'))?.write(
    'us-east-1',
    quotas,
    new Date()
  )
  expect(written).toBe(true)
}

interface ToolCache {
  readonly env: { RUNNER_TOOL_CACHE: string }
  readonly file: string
  readonly done: () => void
}

/** Each test's own tool cache (the first tests leave it empty: a GitHub-hosted runner). */
let cache: ToolCache
beforeEach(() => {
  cache = toolCache()
})
afterEach(() => cache.done())

const quotaCalls = (): string[] =>
  emu.requests.filter((r) => r.service === 'servicequotas').map((r) => r.operation)

/** A real account's listing (7 pages) at a small latency, the models' quotas on its later pages. */
function realListing(name = 'many-quota-pages'): Scenario {
  const scenario = loadScenario(name)
  scenario.latencyMs = 40
  const pageOf = (part: string): number =>
    Math.floor(
      bedrockQuotas(scenario).findIndex((q) =>
        q.QuotaName.startsWith(`Cross-Region InvokeModel tokens per minute for ${part}`)
      ) / 100
    ) + 1
  // Precondition: the set-up step's two rounds of checks and one more round trip reach 3 pages.
  expect(pageOf('Anthropic Claude Sonnet 4.6')).toBeGreaterThan(4)
  return scenario
}

describe('with the quota codes cached on the runner', () => {
  it('gets the verdict in the set-up step with one GetServiceQuota per quota, no listing', async () => {
    const scenario = realListing()
    learn(scenario)
    const run = await runScenario(emu, scenario, {
      inputs: { 'max-output-tokens': '8000' },
      env: cache.env
    })
    expect(run.exitCode).toBe(0)
    const [main] = capacityChecks(run.outputs.report)
    expect(main?.status).toBe('pass')
    expect(main?.detail).toMatch(
      /^"Cross-Region InvokeModel tokens per minute for Anthropic Claude Sonnet 4\.6" \(L-[0-9A-F]{8}\): 2,000,000 tokens per minute, room for 250 requests at once at 8,000 reserved tokens each \(max-output-tokens 8,000\); "Cross-Region InvokeModel requests per minute for Anthropic Claude Sonnet 4\.6" \(L-[0-9A-F]{8}\): 200 requests per minute\.$/
    )
    const calls = quotaCalls()
    expect(calls).not.toContain('ListServiceQuotas')
    // Tokens and requests of each distinct model (main, small, the pinned opus): no more.
    expect(calls.length).toBe(capacityChecks(run.outputs.report).length * 2)
    expect(calls.every((operation) => operation === 'GetServiceQuota')).toBe(true)
    expect(run.state.usage).not.toMatch(/capacityPending/)
  })

  it('on a real network its calls find connections opened for them during the OIDC round trip', async () => {
    const scenario = { ...realListing(), latencyMs: 50, connectionSetupMs: 300 }
    learn(scenario)
    const run = await runScenario(emu, scenario, { env: cache.env })
    expect(capacityChecks(run.outputs.report)[0]?.status).toBe('pass')
    const quotaRequests = emu.requests.filter((r) => r.service === 'servicequotas')
    expect(quotaRequests.length).toBe(6)
    // A handshake would cost 300 ms: the answers would miss the set-up step's short wait.
    expect(quotaRequests.filter((r) => r.startedAt - r.connectionOpenedAt < 300)).toEqual([])
  })

  it('warns in the set-up step on a low quota, naming the quota and max-output-tokens', async () => {
    const scenario = loadScenario('low-quota')
    scenario.serviceQuotas = { ...scenario.serviceQuotas!, pages: 7 }
    learn(scenario)
    const run = await runScenario(emu, scenario, {
      inputs: { 'max-output-tokens': '32000' },
      env: cache.env
    })
    const [main] = capacityChecks(run.outputs.report)
    expect(main?.status).toBe('warn')
    expect(main?.detail).toMatch(
      /^"Cross-Region InvokeModel tokens per minute for Anthropic Claude Sonnet 4\.6" \(L-[0-9A-F]{8}\): 50,000 tokens per minute, room for 1 request at once/
    )
    expect(main?.fix).toMatch(/^Set `max-output-tokens: 16000` \(or lower\)/)
    expect(quotaCalls()).not.toContain('ListServiceQuotas')
    expect(run.commands.some((c) => c.command === 'warning' && /capacity/.test(c.message))).toBe(
      true
    )
  })

  it('a corrupt cache file is no cache: the listing runs and nothing fails', async () => {
    learn(loadScenario('default'))
    writeFileSync(cache.file, '{"format": "setup-claude-bedrock/service-quota-codes", "versi')
    const run = await runScenario(emu, withLatency('default'), { env: cache.env })
    expect(run.exitCode).toBe(0)
    expect(quotaCalls()[0]).toBe('ListServiceQuotas')
    expect(capacityChecks(run.outputs.report)[0]?.status).toBe('pass')
    // The set-up step finished the (one-page) listing: the cache is whole again.
    expect(quotaCodeCache(path.dirname(cache.file))?.read('us-east-1')).toBeDefined()
  })

  it('a stale code falls back to the listing, and the post step learns the codes again', async () => {
    const scenario = realListing()
    // Sonnet's tokens quota cached with a code Service Quotas no longer has.
    const quotas: QuotaName[] = []
    for (const quota of bedrockQuotas(scenario)) {
      const unit = perMinuteUnit(quota.QuotaName)
      if (unit === undefined) continue
      const stale = quota.QuotaName.includes('tokens per minute for Anthropic Claude Sonnet 4.6')
      quotas.push({ name: quota.QuotaName, code: stale ? 'L-0BSOLETE' : quota.QuotaCode, unit })
    }
    quotaCodeCache(path.dirname(cache.file))?.write('us-east-1', quotas, new Date())
    const run = await runScenario(emu, scenario, {
      inputs: { 'usage-report-wait-seconds': '1' },
      env: cache.env
    })
    expect(run.exitCode).toBe(0)
    const [main] = capacityChecks(run.outputs.report)
    expect(main?.status).toBe('skip')
    expect(main?.detail).toMatch(
      /^Not checked yet: the cached quota code no longer names this model, so Service Quotas had listed \d page\(s\)/
    )
    const post = await runPostStep(run)
    expect(post.exitCode).toBe(0)
    expect(post.stdout).toMatch(
      /Capacity found after the agent ran: Main model capacity \(tokens and requests per minute\), anthropic\.claude-sonnet-4-6: pass\./
    )
    expect(readFileSync(cache.file, 'utf8')).not.toContain('L-0BSOLETE')
  })
})

describe('without cached codes (a GitHub-hosted runner, or the first job on a self-hosted one)', () => {
  it('skips in the set-up step after at most one more round trip; the post step gives the verdict, caches the codes, and the next job gets it before its agent', async () => {
    const scenario = realListing()
    const first = await runScenario(emu, scenario, {
      inputs: { 'usage-report-wait-seconds': '1', 'refresh-credentials': 'false' },
      env: cache.env
    })
    expect(first.exitCode).toBe(0)
    const [main] = capacityChecks(first.outputs.report)
    expect(main?.status).toBe('skip')
    expect(main?.detail).toMatch(
      /^Not checked yet: Service Quotas had listed [0-6] page\(s\) of Bedrock quotas, without this model's, when the other checks finished \(set-up waits at most one more round trip\)\. The post step finishes it after the agent \(/
    )
    // The set-up step stopped asking: no more than the pages it had, and the one in flight.
    const pages = Number(/listed (\d) page/.exec(main?.detail ?? '')?.[1])
    expect(quotaCalls().length).toBeLessThanOrEqual(pages + 1)
    expect(existsSync(cache.file)).toBe(false)
    expect(JSON.parse(first.state.usage ?? '{}').capacityPending).toContain('main')

    // The agent: two of its calls are throttled ("Too many tokens").
    emu.setScenario({
      ...scenario,
      faults: [{ operation: 'InvokeModel', kind: 'throttle', count: 2 }]
    })
    const runtime = new BedrockRuntimeClient({
      region: 'us-east-1',
      endpoint: emu.url,
      maxAttempts: 1,
      credentials: {
        accessKeyId: first.env.AWS_ACCESS_KEY_ID ?? '',
        secretAccessKey: first.env.AWS_SECRET_ACCESS_KEY ?? '',
        sessionToken: first.env.AWS_SESSION_TOKEN ?? ''
      }
    })
    for (let i = 0; i < 2; i++) {
      await expect(
        runtime.send(
          new InvokeModelCommand({
            modelId: first.env.ANTHROPIC_MODEL,
            body: JSON.stringify({
              anthropic_version: 'bedrock-2023-05-31',
              max_tokens: 32000,
              messages: [{ role: 'user', content: 'review this' }]
            })
          })
        )
      ).rejects.toMatchObject({ name: 'ThrottlingException' })
    }
    runtime.destroy()
    emu.setScenario(scenario)

    emu.clearRequests()
    const post = await runPostStep(first)
    expect(post.exitCode).toBe(0)
    expect(post.stdout).toMatch(
      /Capacity found after the agent ran: Main model capacity \(tokens and requests per minute\), anthropic\.claude-sonnet-4-6: pass\. "Cross-Region InvokeModel tokens per minute for Anthropic Claude Sonnet 4\.6" \(L-[0-9A-F]{8}\): 2,000,000 tokens per minute, room for \d+ requests at once at 32,000 reserved tokens each .* This job's throttled requests: 2 \(invocation logs\); account-wide: 2 \(CloudWatch\)\./
    )
    expect(post.summary).toMatch(/## Capacity found after the agent ran/)
    expect(post.summary).toMatch(
      /the next job on this runner gets the verdict before its agent starts/
    )
    // The whole listing, once, in the post step; the cache has names and codes, no values.
    expect(quotaCalls()).toEqual(Array(7).fill('ListServiceQuotas'))
    const file = readFileSync(cache.file, 'utf8')
    expect(file).toContain(
      'Cross-Region InvokeModel tokens per minute for Anthropic Claude Sonnet 4.6'
    )
    expect(file).not.toMatch(/2000000|123456789012|"value"/i)

    // The next job on this runner: the verdict in its set-up step, no listing.
    const second = await runScenario(emu, scenario, { env: cache.env })
    expect(capacityChecks(second.outputs.report)[0]?.status).toBe('pass')
    expect(quotaCalls()).not.toContain('ListServiceQuotas')
    expect(second.state.usage).not.toMatch(/capacityPending/)
  })

  it('with usage-report: false the skip says no post step finishes it', async () => {
    const run = await runScenario(emu, realListing(), { inputs: { 'usage-report': 'false' } })
    expect(capacityChecks(run.outputs.report)[0]?.detail).toMatch(
      /With `usage-report: false` no post step finishes it\.$/
    )
  })
})

describe('Service Quotas refusing', () => {
  it('GetServiceQuota denied: skip naming servicequotas:GetServiceQuota', async () => {
    const scenario = realListing()
    const role = scenario.roles[0]
    if (role === undefined) throw new Error('the scenario has a role')
    role.policy = role.policy.map((statement) => ({
      ...statement,
      actions: statement.actions.filter((action) => action !== 'servicequotas:GetServiceQuota')
    }))
    learn(scenario)
    const run = await runScenario(emu, scenario, { env: cache.env })
    expect(run.exitCode).toBe(0)
    const [main] = capacityChecks(run.outputs.report)
    expect(main?.status).toBe('skip')
    expect(main?.detail).toBe(
      'Not checked: this role may not call `servicequotas:GetServiceQuota` (an optional permission: see "Optional permissions" in the README).'
    )
    // A permission the post step would lack too: nothing left for it.
    expect(run.state.usage).not.toMatch(/capacityPending/)
  })

  it('a throttled call is a skip after one attempt; the post step asks again', async () => {
    const scenario = realListing()
    scenario.faults = [
      {
        operation: 'GetServiceQuota',
        kind: 'error',
        status: 400,
        code: 'TooManyRequestsException',
        message: 'Rate exceeded'
      }
    ]
    learn(scenario)
    const run = await runScenario(emu, scenario, { env: cache.env })
    expect(run.exitCode).toBe(0)
    const [main] = capacityChecks(run.outputs.report)
    expect(main?.status).toBe('skip')
    expect(main?.detail).toMatch(
      /^Not checked: Service Quotas throttled GetServiceQuota \(TooManyRequestsException\)\. It is rate-limited for the whole account, so the check makes one attempt per call/
    )
    // One attempt per quota: never retried.
    expect(quotaCalls().length).toBe(capacityChecks(run.outputs.report).length * 2)
    expect(JSON.parse(run.state.usage ?? '{}').capacityPending).toContain('main')
  })
})

// Last: their throttles count in the emulator's account-wide metrics, which earlier tests read.
// F4: a throttled model's fix names the quota the same run found for that model.
const THROTTLED = [
  { operation: 'InvokeModel', kind: 'throttle' },
  { operation: 'InvokeModelWithResponseStream', kind: 'throttle' }
] as Scenario['faults']

it('a throttled model call names the quota found for that model, with an increase request', async () => {
  const scenario = withLatency('default')
  scenario.faults = THROTTLED
  const run = await runScenario(emu, scenario)
  const checks = (JSON.parse(run.outputs.report ?? '{}') as { checks: Check[] }).checks
  const main = checks.find((check) => check.id === 'model-invoke:main')
  expect(main?.status).toBe('fail')
  expect(main?.fix).toMatch(
    /request an increase of "Cross-Region InvokeModel tokens per minute for Anthropic Claude Sonnet 4\.6" \(L-[0-9A-F]{8}, now 2,000,000 tokens per minute\) in Service Quotas → Amazon Bedrock \(us-east-1\)/
  )
  expect(main?.fix).toMatch(
    /```sh\naws service-quotas request-service-quota-increase --service-code bedrock --region us-east-1 --quota-code L-[0-9A-F]{8} --desired-value 4000000\n```/
  )
  expect(main?.fix).not.toContain('…')
  // The pinned family refused by the same quota names its own model's quota, not the main one's.
  const opus = checks.find((check) => check.id === 'model-family:opus')
  expect(opus?.fix).toMatch(/"Cross-Region InvokeModel tokens per minute for Anthropic Claude Opus/)
  expect(opus?.fix).not.toMatch(/Sonnet/)
})

it('without the quota (no Service Quotas permission) the throttle fix keeps the generic names', async () => {
  const scenario = withLatency('usage-permissions-missing')
  scenario.faults = THROTTLED
  const run = await runScenario(emu, scenario, { inputs: { 'pin-families': 'false' } })
  const checks = (JSON.parse(run.outputs.report ?? '{}') as { checks: Check[] }).checks
  const main = checks.find((check) => check.id === 'model-invoke:main')
  expect(main?.fix).toContain(
    'request an increase of "Cross-Region InvokeModel tokens per minute for …" (the quota named after this model)'
  )
  expect(main?.fix).toContain('aws service-quotas list-service-quotas')
})
