// What the job's own environment brings: values this action did not create but hands on (the job's
// ANTHROPIC_CUSTOM_HEADERS lines) are never repeated in the log, the summary or an output, and
// variables later steps inherit that would send Claude Code elsewhere than the checks went (or sign
// otherwise) are named, never passed over in a green run.
import { loadScenario } from '../../emulator/index.ts'
import { publicChannels, runScenario } from './scenarioRun.ts'
import { useEmulator } from '../../__fixtures__/emulator.ts'

const emu = useEmulator()

const GATEWAY_TOKEN = 'gw-SuperSecretGatewayToken123'
const API_KEY = 'sk-ant-api03-SECRETSECRET'

describe("the job's own ANTHROPIC_CUSTOM_HEADERS", () => {
  it('reaches the later step whole, and the log and summary only by header name', async () => {
    const own = `Authorization: Bearer ${GATEWAY_TOKEN}\nx-api-key: ${API_KEY}\nX-Team: platform-secret-team`
    const run = await runScenario(emu, 'default', {
      inputs: { 'refresh-credentials': 'false' },
      env: { ANTHROPIC_CUSTOM_HEADERS: own, RUNNER_DEBUG: '1' }
    })
    expect(run.exitCode).toBe(0)
    const exported = (run.env.ANTHROPIC_CUSTOM_HEADERS ?? '').split('\n')
    expect(exported.slice(0, 3)).toEqual(own.split('\n'))
    expect(exported[3]).toMatch(/^X-Amzn-Bedrock-Request-Metadata: \{"repository":/)

    const readable = publicChannels(run)
    for (const value of [GATEWAY_TOKEN, API_KEY, 'platform-secret-team']) {
      expect(readable).not.toContain(value)
    }
    // The names and what the action added stay visible: the reader knows what later steps send.
    expect(run.summary).toContain('Authorization: ***')
    expect(run.summary).toContain('x-api-key: ***')
    expect(run.summary).toContain('X-Team: ***')
    expect(run.summary).toMatch(/X-Amzn-Bedrock-Request-Metadata: \{"repository":"[^*]/)
  })

  it("shows the job's own metadata pairs by key only, the action's in full", async () => {
    const own = 'X-Amzn-Bedrock-Request-Metadata: {"cost_center":"cc-4471-confidential"}'
    const run = await runScenario(emu, 'default', {
      inputs: { 'refresh-credentials': 'false' },
      env: { ANTHROPIC_CUSTOM_HEADERS: own }
    })
    expect(run.exitCode).toBe(0)
    expect(run.env.ANTHROPIC_CUSTOM_HEADERS).toContain('"cost_center":"cc-4471-confidential"')
    expect(publicChannels(run)).not.toContain('cc-4471-confidential')
    expect(run.summary).toContain('cost_center=***')
    expect(run.summary).toMatch(/`run_id=\d+`/)
  })
})

interface ReportOutput {
  checks: Array<{ id: string; status: string; detail: string; cause?: string; fix?: string }>
}
const reportOf = (run: { outputs: Record<string, string | undefined> }): ReportOutput =>
  JSON.parse(run.outputs.report ?? '{}') as ReportOutput
const apiKey = loadScenario('default').apiKeys[0]?.key ?? ''

describe('variables later steps inherit from the job', () => {
  it.each([
    ['AWS_BEARER_TOKEN_BEDROCK', '', 'warn', 0],
    ['AWS_BEARER_TOKEN_BEDROCK', apiKey, 'fail', 1],
    // The emulator is a custom endpoint: it might be a gateway that signs, so this warns.
    ['CLAUDE_CODE_SKIP_BEDROCK_AUTH', '1', 'warn', 0],
    ['ANTHROPIC_SMALL_FAST_MODEL_AWS_REGION', 'us-west-2', 'fail', 1],
    ['AWS_PROFILE', 'other-team', 'fail', 1]
  ] as const)('%s=%j in the job env: a %s row naming it', async (name, value, status, exitCode) => {
    const run = await runScenario(emu, 'default', {
      inputs: { 'refresh-credentials': 'false' },
      env: { [name]: value }
    })
    expect(run.exitCode).toBe(exitCode)
    const rows = reportOf(run).checks.filter((check) => check.id.startsWith('job-environment:'))
    expect(rows.map((row) => `${row.id} ${row.status}`)).toEqual([
      `job-environment:${name} ${status}`
    ])
    expect(rows[0]?.fix).toMatch(new RegExp(`[Rr]emove ${name} from the`))
    if (apiKey !== '') expect(publicChannels(run)).not.toContain(apiKey)
  })

  it('an inherited ANTHROPIC_BEDROCK_BASE_URL is replaced by the endpoint the checks called', async () => {
    const run = await runScenario(emu, 'default', {
      inputs: { 'refresh-credentials': 'false' },
      env: { ANTHROPIC_BEDROCK_BASE_URL: 'https://old-gateway.example.com' }
    })
    expect(run.exitCode).toBe(0)
    // The runner's env points the SDK at the emulator (AWS_ENDPOINT_URL_BEDROCK_RUNTIME).
    expect(run.env.ANTHROPIC_BEDROCK_BASE_URL).toBe(emu.url)
    expect(reportOf(run).checks.some((check) => check.id.startsWith('job-environment:'))).toBe(
      false
    )
  })

  it('nothing to say when the job env is clean: no extra row', async () => {
    const run = await runScenario(emu, 'default')
    expect(run.exitCode).toBe(0)
    expect(reportOf(run).checks.some((check) => check.id.startsWith('job-environment:'))).toBe(
      false
    )
  })
})
