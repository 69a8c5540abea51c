// What the job's own environment brings: values this action did not create but hands on (the job's
// ANTHROPIC_CUSTOM_HEADERS lines) are never repeated in the log, the summary or an output; the
// later step still gets them whole.
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
