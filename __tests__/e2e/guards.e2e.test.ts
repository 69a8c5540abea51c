// Every guard on every credential path, through the bundle on the emulator: allowed-account-ids on
// a role, on environment credentials and on a Bedrock API key (long-term or short-term, alone or
// beside AWS credentials), and export-credentials: false that would leave later steps without a
// way to call Bedrock.
import { loadScenario } from '../../emulator/index.ts'
import {
  errorAnnotations,
  operations,
  publicChannels,
  runScenario,
  withoutActorCheck
} from './scenarioRun.ts'
import { useEmulator } from '../../__fixtures__/emulator.ts'
import { longTermApiKey, shortTermApiKey } from '../../__fixtures__/secrets.ts'

const emu = useEmulator()
const scenario = loadScenario('default')
const ciUser = scenario.environmentCredentials[1]
if (ciUser === undefined) throw new Error('the default scenario has a CI user')
const ciUserCredentials = {
  accessKeyId: ciUser.accessKeyId,
  secretAccessKey: ciUser.secretAccessKey
}
const ciUserEnv = {
  AWS_ACCESS_KEY_ID: ciUser.accessKeyId,
  AWS_SECRET_ACCESS_KEY: ciUser.secretAccessKey
}

interface ReportOutput {
  checks: Array<{ id: string; status: string; detail: string; cause?: string; fix?: string }>
}
const reportOf = (run: { outputs: Record<string, string> }): ReportOutput =>
  JSON.parse(run.outputs.report ?? '{"checks":[]}') as ReportOutput
const MODEL_CALLS = ['Converse', 'InvokeModel', 'InvokeModelWithResponseStream']

/**
 * The default scenario with a short-term Bedrock API key minted now for the CI user in place of
 * the role, plus `inputs` (and, beside the key, `env`).
 */
async function runWithShortTermKey(inputs: Record<string, string>, env?: Record<string, string>) {
  const key = await shortTermApiKey({ region: 'us-east-1', credentials: ciUserCredentials })
  const run = await runScenario(emu, 'default', {
    inputs: { 'role-to-assume': '', 'bedrock-api-key': key, ...inputs },
    ...(env !== undefined ? { env } : {})
  })
  return { key, run }
}

describe('allowed-account-ids on a Bedrock API key', () => {
  it('refuses a short-term key of another account, read from the profile ARNs, before any model call', async () => {
    const { key, run } = await runWithShortTermKey({ 'allowed-account-ids': '999999999999' })
    expect(run.exitCode).toBe(1)
    expect(run.outputs.passed).toBe('false')
    const check = reportOf(run).checks.find((c) => c.id === 'api-key-account')
    expect(check).toMatchObject({ status: 'fail' })
    expect(check?.cause).toContain('account 123456789012')
    expect(check?.fix).toContain('999999999999')
    // Nothing handed on: not the key, not CLAUDE_CODE_USE_BEDROCK.
    expect(run.envFileText).toBe('')
    expect(operations(emu)).toEqual(['ListInferenceProfiles'])
    expect(withoutActorCheck(emu.requests)[0]?.auth).toBe('bearer')
    expect(publicChannels(run)).not.toContain(key)
  })

  it('passes a short-term key of an allowed account and exports it', async () => {
    const { key, run } = await runWithShortTermKey({ 'allowed-account-ids': '123456789012' })
    expect(run.exitCode).toBe(0)
    expect(reportOf(run).checks.find((c) => c.id === 'api-key-account')?.status).toBe('pass')
    expect(run.env.AWS_BEARER_TOKEN_BEDROCK).toBe(key)
    expect(run.env.CLAUDE_CODE_USE_BEDROCK).toBe('1')
    // The account is proven first: no model call before the key's account is known.
    const ops = operations(emu)
    expect(ops[0]).toBe('ListInferenceProfiles')
  })

  it('refuses a long-term key that names another account before any network call', async () => {
    const run = await runScenario(emu, 'default', {
      inputs: {
        'role-to-assume': '',
        'bedrock-api-key': longTermApiKey('210987654321'),
        'allowed-account-ids': '123456789012'
      }
    })
    expect(run.exitCode).toBe(1)
    const errors = errorAnnotations(run).join('\n')
    expect(errors).toContain("'bedrock-api-key'")
    expect(errors).toContain('account 210987654321')
    expect(emu.requests).toHaveLength(0)
  })

  it("checks the key's account beside AWS credentials too: both must be allowed", async () => {
    const { run } = await runWithShortTermKey({ 'allowed-account-ids': '999999999999' }, ciUserEnv)
    expect(run.exitCode).toBe(1)
    const checks = reportOf(run).checks
    // One ::error annotation per failed check, no extra one repeating them all.
    expect(errorAnnotations(run)).toHaveLength(checks.filter((c) => c.status === 'fail').length)
    expect(checks.find((c) => c.id === 'allowed-account')?.status).toBe('fail')
    expect(checks.find((c) => c.id === 'api-key-account')?.status).toBe('fail')
    expect(run.envFileText).toBe('')
    expect(operations(emu).filter((op) => MODEL_CALLS.includes(op))).toEqual([])
  })

  it('proves the key with a Bearer call even when AWS credentials sign the other Bedrock calls', async () => {
    const { run } = await runWithShortTermKey({ 'allowed-account-ids': '123456789012' }, ciUserEnv)
    expect(run.exitCode).toBe(0)
    const proof = emu.requests.find(
      (r) => r.operation === 'ListInferenceProfiles' && r.query.maxResults === '1'
    )
    expect(proof?.auth).toBe('bearer')
    expect(emu.requests.find((r) => r.operation === 'GetCallerIdentity')?.auth).toBe('sigv4')
  })
})

describe('mask-aws-account-id on the API-key path', () => {
  // A short-term key does not name its account: only the profile ARNs Bedrock lists reveal it.
  it("masks a short-term key's account, which only the profile ARNs carry", async () => {
    const { run } = await runWithShortTermKey({ 'mask-aws-account-id': 'true' })
    expect(run.exitCode).toBe(0)
    expect(run.masks).toContain('123456789012')
    expect(run.summary).not.toContain('123456789012')
    expect(run.outputs.report).not.toContain('123456789012')
    expect(run.outputs['model-arn']).toMatch(/^arn:aws:bedrock:us-east-1:123456789012:/)
  })
})

describe('export-credentials: false', () => {
  it('with nothing else for later steps is not ready and does not switch Claude Code to Bedrock', async () => {
    const run = await runScenario(emu, 'default', { inputs: { 'export-credentials': 'false' } })
    expect(run.exitCode).toBe(1)
    expect(run.outputs.passed).toBe('false')
    const check = reportOf(run).checks.find((c) => c.id === 'later-steps-credentials')
    expect(check?.status).toBe('fail')
    expect(check?.fix).toContain('output-credentials: true')
    expect(run.env.CLAUDE_CODE_USE_BEDROCK).toBeUndefined()
    expect(run.env.AWS_ACCESS_KEY_ID).toBeUndefined()
    expect(run.summary).not.toContain('✅ Ready')
  })

  it.each([
    {
      name: 'the API key exported: later steps use the key',
      inputs: { 'bedrock-api-key': scenario.apiKeys[0]?.key ?? '' },
      env: {},
      handedOn: ['AWS_BEARER_TOKEN_BEDROCK']
    },
    {
      name: 'environment credentials: they stay in the environment',
      inputs: { 'role-to-assume': '' },
      env: ciUserEnv,
      handedOn: []
    }
  ])('is ready with $name', async ({ inputs, env, handedOn }) => {
    const run = await runScenario(emu, 'default', {
      inputs: { 'export-credentials': 'false', ...inputs },
      env
    })
    expect(run.exitCode).toBe(0)
    expect(run.env.CLAUDE_CODE_USE_BEDROCK).toBe('1')
    // The role session (or the environment's keys) is never exported with export-credentials off.
    expect(run.env.AWS_ACCESS_KEY_ID).toBeUndefined()
    for (const name of handedOn) expect(run.env[name]).toBeDefined()
  })
})

describe('a short-term API key with small-fast-model-region in another region', () => {
  it('is an input error before any call naming both inputs, never "generate the key in" the small model region', async () => {
    const key = await shortTermApiKey({ region: 'us-east-1', credentials: ciUserCredentials })
    const run = await runScenario(emu, 'default', {
      inputs: {
        'role-to-assume': '',
        'bedrock-api-key': key,
        'small-fast-model-region': 'us-west-2'
      }
    })
    expect(run.exitCode).toBe(1)
    const error = errorAnnotations(run).join('\n')
    expect(error).toContain('`aws-region` us-east-1 and `small-fast-model-region` us-west-2')
    expect(error).toContain('remove `small-fast-model-region`')
    expect(error).not.toContain('generate the key in us-west-2')
    expect(withoutActorCheck(emu.requests)).toEqual([])
    expect(publicChannels(run)).not.toContain(key)
  })
})

describe('max-output-tokens above a resolved model maximum', () => {
  it('warns for the model that answers less (a model-dependent limit, so not an input error), naming both', async () => {
    const run = await runScenario(emu, 'default', { inputs: { 'max-output-tokens': '100000' } })
    expect(run.exitCode).toBe(0)
    const checks = reportOf(run).checks
    const small = checks.find((c) => c.id === 'output-limit:small')
    expect(small?.status).toBe('warn')
    expect(small?.detail).toMatch(
      /answers at most 64,000 output tokens; `max-output-tokens` 100,000/
    )
    expect(small?.fix).toContain('Set `max-output-tokens` to 64,000 or less')
    // The main model (Sonnet 4.6) answers up to 128,000: no warning for it.
    expect(checks.find((c) => c.id === 'output-limit:main')).toBeUndefined()
  })
})
