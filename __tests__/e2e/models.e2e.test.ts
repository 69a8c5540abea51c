// Model resolution, access checks, the 1-token probe, diagnosis and gating, through the bundled
// action on the emulator: each happy path, then each way real setups fail.
import type { ActionRun } from '../../emulator/runner/runAction.ts'
import { errorAnnotations, runScenario } from './scenarioRun.ts'
import { useEmulator } from '../../__fixtures__/emulator.ts'

const emu = useEmulator()

interface ReportCheck {
  id: string
  status: string
  detail: string
  cause?: string
  fix?: string
}

function checks(run: ActionRun): ReportCheck[] {
  return (JSON.parse(run.outputs.report ?? '{"checks":[]}') as { checks: ReportCheck[] }).checks
}

function check(run: ActionRun, id: string): ReportCheck {
  const found = checks(run).find((c) => c.id === id)
  if (found === undefined)
    throw new Error(
      `no check ${id} in ${checks(run)
        .map((c) => c.id)
        .join(', ')}`
    )
  return found
}

/** Models the action probed, after checking both of Claude Code's calls went to each, and no Converse. */
function converseModels(): string[] {
  const idsOf = (operation: string): string[] =>
    emu.requests
      .filter((r) => r.operation === operation)
      .map((r) => decodeURIComponent(r.path.split('/')[2] ?? ''))
  expect(emu.requests.some((r) => r.operation === 'Converse')).toBe(false)
  const invoked = idsOf('InvokeModel')
  expect([...new Set(idsOf('InvokeModelWithResponseStream'))].sort()).toEqual(
    [...new Set(invoked)].sort()
  )
  return invoked
}

/** The ANTHROPIC_*_MODEL variables exported, without any [1m]. */
function exportedModelIds(run: ActionRun): string[] {
  return Object.entries(run.env)
    .filter(([name]) => /^ANTHROPIC_(MODEL|SMALL_FAST_MODEL|DEFAULT_[A-Z_]+_MODEL)$/.test(name))
    .map(([, value]) => (value ?? '').replace(/\[1m\]$/, ''))
}

describe('happy paths', () => {
  it('resolves aliases to the newest ACTIVE model with the region prefix and exports every model variable', async () => {
    const run = await runScenario(emu, 'default', { inputs: { model: 'opus' } })
    expect(run.exitCode).toBe(0)
    expect(run.outputs.passed).toBe('true')
    expect(run.env.ANTHROPIC_MODEL).toBe('us.anthropic.claude-opus-4-6-v1')
    expect(run.env.ANTHROPIC_DEFAULT_OPUS_MODEL).toBe('us.anthropic.claude-opus-4-6-v1')
    expect(run.env.ANTHROPIC_DEFAULT_HAIKU_MODEL).toBe(
      'us.anthropic.claude-haiku-4-5-20251001-v1:0'
    )
    expect(run.env.ANTHROPIC_SMALL_FAST_MODEL).toBe('us.anthropic.claude-haiku-4-5-20251001-v1:0')
    expect(run.outputs.model).toBe('us.anthropic.claude-opus-4-6-v1')
    expect(run.outputs['model-arn']).toBe(
      'arn:aws:bedrock:us-east-1:123456789012:inference-profile/us.anthropic.claude-opus-4-6-v1'
    )
    expect(run.outputs['small-fast-model']).toBe('us.anthropic.claude-haiku-4-5-20251001-v1:0')
    // Main (opus), small (haiku) and the sonnet family, pinned because nothing else covers it.
    expect(converseModels().sort()).toEqual([
      'us.anthropic.claude-haiku-4-5-20251001-v1:0',
      'us.anthropic.claude-opus-4-6-v1',
      'us.anthropic.claude-sonnet-4-6'
    ])
    expect(run.env.ANTHROPIC_DEFAULT_SONNET_MODEL).toBe('us.anthropic.claude-sonnet-4-6')
    // The policy names the profile and the foundation model in every destination region.
    const policy = run.outputs['iam-policy'] ?? ''
    for (const region of ['us-east-1', 'us-east-2', 'us-west-2']) {
      expect(policy).toContain(
        `arn:aws:bedrock:${region}::foundation-model/anthropic.claude-opus-4-6-v1`
      )
    }
    expect(policy).toContain('inference-profile/us.anthropic.claude-opus-4-6-v1')
    expect(run.summary).toContain('us.anthropic.claude-opus-4-6-v1')
  })

  it('picks the eu. profile in an EU region and keeps [1m] on export only', async () => {
    const run = await runScenario(emu, 'default', {
      inputs: { 'aws-region': 'eu-west-1', model: 'sonnet[1m]' }
    })
    expect(run.exitCode).toBe(0)
    expect(run.env.ANTHROPIC_MODEL).toBe('eu.anthropic.claude-sonnet-4-6[1m]')
    expect(converseModels()).toContain('eu.anthropic.claude-sonnet-4-6')
  })

  it.each([
    [
      'an inference-profile id',
      'us.anthropic.claude-sonnet-4-5-20250929-v1:0',
      'us.anthropic.claude-sonnet-4-5-20250929-v1:0'
    ],
    [
      'an inference-profile ARN',
      'arn:aws:bedrock:us-east-1:123456789012:inference-profile/global.anthropic.claude-sonnet-4-5-20250929-v1:0',
      // An ARN is exported as given: Claude Code accepts it, and it is what the user chose.
      'arn:aws:bedrock:us-east-1:123456789012:inference-profile/global.anthropic.claude-sonnet-4-5-20250929-v1:0'
    ],
    [
      'an application-profile ARN',
      'arn:aws:bedrock:us-east-1:123456789012:application-inference-profile/k3x9p2q7w1ab',
      'arn:aws:bedrock:us-east-1:123456789012:application-inference-profile/k3x9p2q7w1ab'
    ]
  ])('accepts %s', async (_form, model, exported) => {
    const run = await runScenario(emu, 'default', { inputs: { model } })
    expect(run.exitCode).toBe(0)
    expect(run.env.ANTHROPIC_MODEL).toBe(exported)
    expect(run.env.CLAUDE_CODE_USE_BEDROCK).toBe('1')
  })

  it('verifies the small model in its own region', async () => {
    const run = await runScenario(emu, 'default', {
      inputs: { 'small-fast-model-region': 'us-west-2' }
    })
    expect(run.exitCode).toBe(0)
    expect(run.env.ANTHROPIC_SMALL_FAST_MODEL_AWS_REGION).toBe('us-west-2')
    const regions = emu.requests
      .filter((r) => r.operation === 'InvokeModelWithResponseStream')
      .map((r) => r.region)
      .sort()
    // Main and the pinned opus in us-east-1, the small model in its own region.
    expect(regions).toEqual(['us-east-1', 'us-east-1', 'us-west-2'])
  })

  it('verify: access makes no model call; verify: none only resolves', async () => {
    const access = await runScenario(emu, 'default', { inputs: { verify: 'access' } })
    expect(access.exitCode).toBe(0)
    expect(converseModels()).toEqual([])
    expect(check(access, 'model-invoke:main').status).toBe('skip')
    expect(emu.requests.some((r) => r.operation === 'GetFoundationModelAvailability')).toBe(true)

    const none = await runScenario(emu, 'default', { inputs: { verify: 'none' } })
    expect(none.exitCode).toBe(0)
    expect(none.env.CLAUDE_CODE_USE_BEDROCK).toBe('1')
    expect(none.env.ANTHROPIC_MODEL).toBe('us.anthropic.claude-sonnet-4-6')
    const ops = emu.requests.map((r) => r.operation)
    expect(ops).not.toContain('InvokeModel')
    expect(ops).not.toContain('InvokeModelWithResponseStream')
    expect(ops).not.toContain('GetFoundationModelAvailability')
  })

  it('exports the tuning variables it was asked for', async () => {
    const run = await runScenario(emu, 'default', {
      inputs: {
        verify: 'none',
        'max-output-tokens': '8192',
        'max-thinking-tokens': '0',
        'disable-prompt-caching': 'TRUE',
        'bedrock-runtime-endpoint': emu.url
      }
    })
    expect(run.exitCode).toBe(0)
    expect(run.env.CLAUDE_CODE_MAX_OUTPUT_TOKENS).toBe('8192')
    expect(run.env.MAX_THINKING_TOKENS).toBe('0')
    expect(run.env.DISABLE_PROMPT_CACHING).toBe('1')
    expect(run.env.ANTHROPIC_BEDROCK_BASE_URL).toBe(emu.url)
  })

  it('exports every token setting the contract allows and warns on those Bedrock may refuse', async () => {
    const run = await runScenario(emu, 'default', {
      inputs: { verify: 'none', 'max-output-tokens': '200000', 'max-thinking-tokens': '500' }
    })
    expect(run.exitCode).toBe(0)
    expect(run.env.CLAUDE_CODE_MAX_OUTPUT_TOKENS).toBe('200000')
    expect(run.env.MAX_THINKING_TOKENS).toBe('500')
    const row = checks(run).find((c) => c.id === 'output-limit:main')
    expect(row?.status).toBe('warn')
    expect(row?.detail).toContain('`max-thinking-tokens` 500 is below')
    expect(row?.detail).toContain('answers at most 128,000 output tokens')
    // Said once: the other models' rows name only their own maximum.
    const small = checks(run).find((c) => c.id === 'output-limit:small')
    expect(small?.detail ?? '').not.toContain('max-thinking-tokens` 500')
  })

  it("probes every exported model id with both of Claude Code's calls, and never Converse", async () => {
    const run = await runScenario(emu, 'default', {})
    expect(run.exitCode).toBe(0)
    const probed = new Set(converseModels())
    const exported = exportedModelIds(run)
    expect(exported.length).toBeGreaterThanOrEqual(5)
    for (const id of exported) expect(probed).toContain(id)
    const policy = JSON.parse(run.outputs['iam-policy'] ?? '{}') as {
      Statement: Array<{ Action: string[]; Resource: string[] }>
    }
    // Every exported id is covered by a statement that allows exactly Claude Code's two calls.
    const invokes = policy.Statement.filter((st) => st.Action.includes('bedrock:InvokeModel'))
    for (const st of invokes) {
      expect(st.Action).toEqual(['bedrock:InvokeModel', 'bedrock:InvokeModelWithResponseStream'])
    }
    for (const id of exported) {
      expect(
        invokes.some((st) => st.Resource.some((arn) => arn.endsWith(`inference-profile/${id}`)))
      ).toBe(true)
    }
  })

  it('eu-west-1 with model: sonnet pins all three families to probed eu. profiles', async () => {
    const run = await runScenario(emu, 'default', {
      inputs: { 'aws-region': 'eu-west-1', model: 'sonnet' }
    })
    expect(run.exitCode).toBe(0)
    const probed = new Set(converseModels())
    for (const family of ['OPUS', 'SONNET', 'HAIKU']) {
      const id = run.env[`ANTHROPIC_DEFAULT_${family}_MODEL`] ?? ''
      expect(id).toMatch(new RegExp(`^eu\\.anthropic\\.claude-${family.toLowerCase()}-`))
      expect(probed).toContain(id)
    }
    expect(check(run, 'model-family:opus').status).toBe('pass')
  })

  it('pin-families: false pins only what was asked for', async () => {
    const run = await runScenario(emu, 'default', { inputs: { 'pin-families': 'false' } })
    expect(run.exitCode).toBe(0)
    expect(run.env.ANTHROPIC_DEFAULT_OPUS_MODEL).toBeUndefined()
    expect(converseModels().some((id) => id.includes('opus'))).toBe(false)
    expect(checks(run).some((c) => c.id.startsWith('model-family:'))).toBe(false)
  })

  it('a family the role cannot use warns and points at the main model', async () => {
    const run = await runScenario(emu, 'opus-not-allowed', {})
    expect(run.exitCode).toBe(0)
    expect(run.outputs.passed).toBe('true')
    expect(run.env.CLAUDE_CODE_USE_BEDROCK).toBe('1')
    expect(run.env.ANTHROPIC_DEFAULT_OPUS_MODEL).toBe(run.env.ANTHROPIC_MODEL)
    const opus = check(run, 'model-family:opus')
    expect(opus.status).toBe('warn')
    expect(opus.detail).toContain('points at the main model')
    expect(opus.fix).toContain('bedrock:InvokeModel')
    expect(run.summary).toContain('Opus family')
    // The policy covers exactly what was proven: no opus.
    expect(run.outputs['iam-policy']).not.toContain('opus')
  })

  it.each([
    ['claude-opus-4-6', 'us.anthropic.claude-opus-4-6-v1'],
    ['claude-sonnet-4-5-20250929[1m]', 'us.anthropic.claude-sonnet-4-5-20250929-v1:0[1m]'],
    ['claude-haiku-4-5', 'us.anthropic.claude-haiku-4-5-20251001-v1:0']
  ])('maps the Anthropic API id %s to %s and shows the mapping', async (model, exported) => {
    const run = await runScenario(emu, 'default', { inputs: { model } })
    expect(run.exitCode).toBe(0)
    expect(run.env.ANTHROPIC_MODEL).toBe(exported)
    expect(check(run, 'model-resolves:main').detail).toContain(`${model} → ${exported}`)
    expect(converseModels()).toContain(exported.replace('[1m]', ''))
  })

  it('an application profile as main model covers its family: one story in rows, Models table and exports, no probe spent', async () => {
    const arn = 'arn:aws:bedrock:us-east-1:123456789012:application-inference-profile/k3x9p2q7w1ab'
    const run = await runScenario(emu, 'default', { inputs: { model: arn } })
    expect(run.exitCode).toBe(0)
    // Its source is Sonnet 4.5: the sonnet slot is the application profile, as the main model.
    expect(run.env.ANTHROPIC_DEFAULT_SONNET_MODEL).toBe(arn)
    expect(checks(run).some((c) => c.id === 'model-family:sonnet')).toBe(false)
    expect(run.summary).not.toContain('sonnet (pin-families)')
    const probed = emu.requests.filter((r) => r.service === 'bedrock-runtime')
    expect(probed.some((r) => r.path.includes('claude-sonnet-4-6'))).toBe(false)
    // Every family row names the id its variable holds.
    for (const row of checks(run).filter((c) => c.id.startsWith('model-family:'))) {
      const family = row.id.split(':')[1] ?? ''
      const exported = run.env[`ANTHROPIC_DEFAULT_${family.toUpperCase()}_MODEL`] ?? ''
      expect(row.detail).toContain(exported)
    }
  })

  it("auto: the small model in another region uses that region's prefix", async () => {
    const run = await runScenario(emu, 'default', {
      inputs: { 'small-fast-model-region': 'eu-west-1' }
    })
    expect(run.exitCode).toBe(0)
    expect(run.env.ANTHROPIC_SMALL_FAST_MODEL).toMatch(/^eu\.anthropic\.claude-haiku/)
    expect(run.env.ANTHROPIC_MODEL).toMatch(/^us\.anthropic\.claude-sonnet/)
  })

  it('auto: a fallback to a global. profile warns that requests may leave the geography', async () => {
    const run = await runScenario(emu, 'default', {
      inputs: { 'aws-region': 'ap-northeast-1', model: 'opus', 'pin-families': 'false' }
    })
    expect(run.exitCode).toBe(0)
    expect(run.env.ANTHROPIC_MODEL).toMatch(/^global\./)
    const warning = check(run, 'model-geography:main')
    expect(warning.status).toBe('warn')
    expect(warning.cause).toMatch(/outside the jp geography/)
    expect(warning.fix).toContain('inference-profile-prefix: jp')
  })

  it('global routing denied by a region SCP: a named `global` prefix is never changed, the check fails naming the SCP', async () => {
    const run = await runScenario(emu, 'global-routing-denied', {
      inputs: { 'inference-profile-prefix': 'global', 'pin-families': 'false' }
    })
    expect(run.exitCode).toBe(1)
    expect(run.env.ANTHROPIC_MODEL).toBe('global.anthropic.claude-sonnet-4-6')
    expect(run.env.CLAUDE_CODE_USE_BEDROCK).toBeUndefined()
    expect(run.stdout).not.toMatch(/us\.anthropic\.claude-sonnet-4-6 \(/)
    expect(check(run, 'model-resolves:main').detail).toMatch(/^sonnet → global\./)
    expect(run.outputs.report).not.toContain('model-fallback:main')
    const invoke = check(run, 'model-invoke:main')
    expect(invoke.status).toBe('fail')
    expect(invoke.cause).toContain('arn:aws:bedrock:::foundation-model/anthropic.claude-sonnet-4-6')
    expect(invoke.cause).toMatch(/service control policy/)
    expect(invoke.fix).toContain('inference-profile-prefix: us')
    // Every global profile is denied the same way: no older version is tried.
    const called = emu.requests.filter((r) => r.service === 'bedrock-runtime')
    expect(
      called.every((r) => r.path.includes('claude-sonnet-4-6') || r.path.includes('haiku'))
    ).toBe(true)
  })

  it('works in GovCloud with the us-gov. profiles', async () => {
    const run = await runScenario(emu, 'govcloud', {
      inputs: {
        'aws-region': 'us-gov-west-1',
        'role-to-assume': 'arn:aws-us-gov:iam::123456789012:role/claude-code'
      }
    })
    expect(run.exitCode).toBe(0)
    expect(run.env.ANTHROPIC_MODEL).toMatch(/^us-gov\.anthropic\.claude-sonnet-4-5/)
    expect(run.outputs['model-arn']).toMatch(/^arn:aws-us-gov:bedrock:us-gov-west-1:/)
  })
})

interface FailureCase {
  readonly name: string
  readonly scenario: string
  readonly inputs?: Record<string, string>
  readonly checkId: string
  readonly status: 'fail' | 'warn'
  /** Whether the run as a whole fails; defaults to the check's own status. */
  readonly runFails?: boolean
  /** Text the cause and fix of that check must contain (case-insensitive). */
  readonly mentions: readonly (string | RegExp)[]
}

// One row per way real setups fail (failure classes from public bug reports); their messages are
// in docs/troubleshooting.md.
const failures: FailureCase[] = [
  {
    name: 'role allows InvokeModel but not InvokeModelWithResponseStream (every turn would fail)',
    scenario: 'invoke-only-permission',
    checkId: 'model-invoke:main',
    status: 'fail',
    mentions: [
      'bedrock:InvokeModelWithResponseStream',
      'inference-profile/us.anthropic.claude-sonnet-4-6'
    ]
  },
  {
    name: 'role allows the stream but not InvokeModel (the start-up probe would fail)',
    scenario: 'stream-only-permission',
    checkId: 'model-invoke:main',
    status: 'fail',
    mentions: ['not allowed `bedrock:InvokeModel`', 'bedrock:InvokeModelWithResponseStream']
  },
  {
    name: 'explicit Deny of the stream in the identity policy',
    scenario: 'stream-explicitly-denied',
    checkId: 'model-invoke:main',
    status: 'fail',
    mentions: ['explicit Deny in an identity-based policy', 'bedrock:InvokeModelWithResponseStream']
  },
  {
    name: 'end of life: 404 on both calls',
    scenario: 'end-of-life',
    inputs: { model: 'us.anthropic.claude-3-5-sonnet-20240620-v1:0' },
    checkId: 'model-invoke:main',
    status: 'fail',
    mentions: [/end of (its )?life/i, 'family alias']
  },
  {
    name: 'throttling arrives inside the response stream',
    scenario: 'stream-throttled',
    checkId: 'model-invoke:main',
    status: 'fail',
    mentions: [/throttled InvokeModelWithResponseStream/, /quota/i]
  },
  {
    name: 'explicit prefix never widened: eu in us-east-1',
    scenario: 'default',
    inputs: { 'inference-profile-prefix': 'eu' },
    checkId: 'model-resolves:main',
    status: 'fail',
    mentions: ['`eu.`', 'never widened', 'us.anthropic.claude-sonnet-4-6', 'global']
  },
  {
    name: 'global. profile id denied on the region-less ARN by a region SCP',
    scenario: 'global-routing-denied',
    inputs: { model: 'global.anthropic.claude-sonnet-4-5-20250929-v1:0' },
    checkId: 'model-invoke:main',
    status: 'fail',
    mentions: [
      'arn:aws:bedrock:::foundation-model/anthropic.claude-sonnet-4-5-20250929-v1:0',
      'aws:RequestedRegion',
      'us.anthropic.claude-sonnet-4-5-20250929-v1:0',
      'inference-profile-prefix: us'
    ]
  },
  {
    name: 'role lacks bedrock:InvokeModel',
    scenario: 'no-invoke-permission',
    checkId: 'model-invoke:main',
    status: 'fail',
    mentions: [
      'bedrock:InvokeModel',
      'inference-profile/us.anthropic.claude-sonnet-4-6',
      'us-west-2::foundation-model'
    ]
  },
  {
    name: 'role allows the profile but not every destination region',
    scenario: 'profile-only-permission',
    checkId: 'model-invoke:main',
    status: 'fail',
    mentions: ['foundation-model/anthropic.claude-sonnet-4-6', /us-(east-2|west-2)/]
  },
  {
    name: 'base model id without on-demand throughput',
    scenario: 'default',
    inputs: { model: 'anthropic.claude-sonnet-4-5-20250929-v1:0' },
    checkId: 'model-resolves:main',
    status: 'fail',
    mentions: ['on-demand', 'us.anthropic.claude-sonnet-4-5-20250929-v1:0']
  },
  {
    name: 'profile id not offered in this region',
    scenario: 'default',
    inputs: { model: 'apac.anthropic.claude-sonnet-4-6' },
    checkId: 'model-resolves:main',
    status: 'fail',
    mentions: ['us-east-1', 'us.anthropic.claude-sonnet-4-6']
  },
  {
    name: 'agreement still pending',
    scenario: 'agreement-pending',
    checkId: 'model-access:main',
    // The subscription is not usable yet: the 1-token call is refused, and both checks say why.
    status: 'fail',
    mentions: [/still being set up/i, /re-run the job in a few minutes/i]
  },
  {
    name: 'no entitlement / access not granted',
    scenario: 'entitlement-unavailable',
    checkId: 'model-access:main',
    status: 'fail',
    mentions: [/model access/i]
  },
  {
    name: 'Anthropic use-case form never submitted',
    scenario: 'use-case-not-submitted',
    checkId: 'model-invoke:main',
    status: 'fail',
    mentions: [/use case/i]
  },
  {
    name: 'Marketplace subscription not allowed',
    scenario: 'marketplace-denied',
    checkId: 'model-invoke:main',
    status: 'fail',
    mentions: ['aws-marketplace:Subscribe', 'aws:CalledViaLast']
  },
  {
    name: 'SCP denies a destination region',
    scenario: 'scp-denies-region',
    checkId: 'model-invoke:main',
    status: 'fail',
    mentions: [/service control polic/i, 'us-west-2']
  },
  {
    name: 'LEGACY model asked for by id',
    scenario: 'default',
    inputs: { model: 'us.anthropic.claude-3-7-sonnet-20250219-v1:0' },
    checkId: 'model-resolves:main',
    status: 'warn',
    mentions: [/legacy/i, 'claude-sonnet-4-6']
  },
  {
    name: 'LEGACY model this account has not used lately',
    scenario: 'legacy-model',
    inputs: { model: 'us.anthropic.claude-3-7-sonnet-20250219-v1:0' },
    checkId: 'model-invoke:main',
    status: 'fail',
    mentions: [/legacy/i]
  },
  {
    name: 'quota exhausted: throttled past the retry budget',
    scenario: 'throttled',
    checkId: 'model-invoke:main',
    status: 'fail',
    mentions: [/quota/i]
  }
]

describe.each(failures)('$name', ({ scenario, inputs, checkId, status, mentions, runFails }) => {
  it(`reports ${status} on ${checkId} with a cause and a fix`, async () => {
    const run = await runScenario(emu, scenario, { inputs: inputs ?? {} })
    const result = check(run, checkId)
    expect(result.status).toBe(status)
    expect(result.cause).toBeTruthy()
    expect(result.fix).toBeTruthy()
    const text = `${result.cause ?? ''}\n${result.fix ?? ''}`
    for (const mention of mentions) {
      if (typeof mention === 'string') expect(text.toLowerCase()).toContain(mention.toLowerCase())
      else expect(text).toMatch(mention)
    }
    // The summary carries the same cause; the gate follows the status.
    expect(run.summary).toContain('What to fix')
    if (runFails ?? status === 'fail') {
      expect(run.exitCode).toBe(1)
      expect(run.outputs.passed).toBe('false')
      expect(errorAnnotations(run).length).toBeGreaterThan(0)
      expect(run.summary).toContain('❌')
      expect(run.env.CLAUDE_CODE_USE_BEDROCK).toBeUndefined()
    } else {
      expect(run.exitCode).toBe(0)
      expect(run.outputs.passed).toBe('true')
      expect(run.summary).toContain('⚠️')
    }
  })
})

describe('gating', () => {
  it('fail-on-error: false turns failures into warnings, passed=false, exit 0', async () => {
    const run = await runScenario(emu, 'no-invoke-permission', {
      inputs: { 'fail-on-error': 'false' }
    })
    expect(run.exitCode).toBe(0)
    expect(run.outputs.passed).toBe('false')
    expect(errorAnnotations(run)).toEqual([])
    expect(run.commands.some((c) => c.command === 'warning')).toBe(true)
    // Credentials and models are exported, Bedrock mode is not switched on.
    expect(run.env.AWS_ACCESS_KEY_ID).toBeDefined()
    expect(run.env.ANTHROPIC_MODEL).toBe('us.anthropic.claude-sonnet-4-6')
    expect(run.env.CLAUDE_CODE_USE_BEDROCK).toBeUndefined()
  })

  it('fail-on-error: true fails the step with one annotation per failed check, none repeated', async () => {
    const run = await runScenario(emu, 'no-invoke-permission')
    expect(run.exitCode).toBe(1)
    const failed = checks(run).filter((c) => c.status === 'fail')
    expect(failed.length).toBe(2)
    const annotations = errorAnnotations(run)
    expect(annotations).toHaveLength(failed.length)
  })

  it('recovers from transient throttling', async () => {
    const run = await runScenario(emu, 'throttled-transient')
    expect(run.exitCode).toBe(0)
    expect(
      emu.requests.filter((r) => r.errorCode === 'ThrottlingException').length
    ).toBeGreaterThan(0)
  })
})
