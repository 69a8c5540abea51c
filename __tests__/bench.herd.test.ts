// The bench's herd rows: what a failed job said must reach the table (a failed check is annotated
// with its title, `::error title=…::`, which the first version of the table dropped, so a real
// failure read as an empty message), and each request is counted against the limit it uses.
import { parseWorkflowCommands } from '../emulator/runner/fileCommands.ts'
import type { RecordedRequest } from '../emulator/index.ts'
import { countCalls, failureOf } from '../scripts/bench/herd.ts'

const failed = (stdout: string, exitCode: number | null = 1, stderr = '') => ({
  commands: parseWorkflowCommands(stdout),
  exitCode,
  stderr
})

describe('failureOf', () => {
  it('keeps a titled annotation, title and message', () => {
    const stdout = [
      '::add-mask::secret',
      '::error title=Main model access::❌ FAIL Main model access: GetFoundationModelAvailability failed%0A    Cause: The Bedrock control plane throttled it',
      'Claude Code on Amazon Bedrock: Not ready.'
    ].join('\n')
    expect(failureOf(failed(stdout))).toBe(
      'Main model access: ❌ FAIL Main model access: GetFoundationModelAvailability failed Cause: The Bedrock control plane throttled it'
    )
  })

  it('keeps plain annotations and unescapes titles', () => {
    const stdout = [
      '::error::setup-claude-bedrock failed unexpectedly: boom.',
      '::error title=Bedrock reachable in us-east-1%3A a%2C b::ListFoundationModels failed'
    ].join('\n')
    expect(failureOf(failed(stdout))).toBe(
      'setup-claude-bedrock failed unexpectedly: boom. | Bedrock reachable in us-east-1: a, b: ListFoundationModels failed'
    )
  })

  it.each([
    [1, '', 'exit code 1 without an error annotation'],
    [
      1,
      'TypeError: x\n    at y\n',
      'exit code 1 without an error annotation; stderr: TypeError: x at y'
    ],
    [null, '', 'killed by the harness (no exit within its timeout)']
  ])('says how a job without annotations ended (exit %s)', (exitCode, stderr, expected) => {
    expect(failureOf(failed('::warning::not an error\n::error::', exitCode, stderr))).toBe(expected)
  })
})

describe('countCalls', () => {
  const request = (service: string, operation: string, rateLimited = false) =>
    ({ service, operation, ...(rateLimited ? { rateLimited } : {}) }) as unknown as RecordedRequest

  it('counts each answered request against its own limit', () => {
    const counted = countCalls([
      request('oidc', 'GetIdToken'),
      request('github', 'GetCollaboratorPermission'),
      request('sts', 'AssumeRoleWithWebIdentity'),
      request('sts', 'GetCallerIdentity'),
      request('bedrock', 'ListFoundationModels'),
      request('bedrock', 'ListInferenceProfiles', true),
      request('bedrock', 'ListInferenceProfiles'),
      request('bedrock-runtime', 'InvokeModel'),
      request('servicequotas', 'ListServiceQuotas')
    ])
    expect(counted).toEqual({
      sts: 2,
      controlPlane: 2,
      runtime: 1,
      serviceQuotas: 1,
      tokenRequests: 1,
      operations: {
        AssumeRoleWithWebIdentity: 1,
        GetCallerIdentity: 1,
        ListFoundationModels: 1,
        ListInferenceProfiles: 1,
        InvokeModel: 1,
        ListServiceQuotas: 1
      }
    })
  })
})
