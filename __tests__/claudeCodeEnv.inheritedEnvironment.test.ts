// The job's own variables that later steps inherit beside the exports: each one that would make
// Claude Code call another place, or sign another way, than the checks did is a check of its own.
import { inheritedEnvironmentChecks } from '../src/claudeCodeEnv/inheritedEnvironment.ts'
import type { VerifiedRouting } from '../src/claudeCodeEnv/routingConflicts.ts'
import type { ExportedVariable } from '../src/report/types.ts'

const AWS_HOST: VerifiedRouting = {
  region: 'us-east-1',
  runtimeEndpoint: 'https://bedrock-runtime.us-east-1.amazonaws.com/',
  awsRuntimeHost: true,
  smallModelRegion: 'us-east-1'
}
const GATEWAY: VerifiedRouting = {
  ...AWS_HOST,
  runtimeEndpoint: 'https://gateway.example.com',
  awsRuntimeHost: false
}
const plain = (name: string, value: string): ExportedVariable => ({ name, value, secret: false })
const ROLE_EXPORTS = [
  plain('AWS_REGION', 'us-east-1'),
  { name: 'AWS_ACCESS_KEY_ID', value: 'ASIAEXAMPLE', secret: true },
  plain('CLAUDE_CODE_USE_BEDROCK', '1')
]
const KEY = 'ABSKQmVkcm9ja0FQSUtleS1leGFtcGxlLXNlY3JldA=='

interface Case {
  readonly name: string
  readonly env: Record<string, string>
  readonly verified?: VerifiedRouting
  readonly exported?: readonly ExportedVariable[]
  /** `id status` of each check, in order. */
  readonly expected: readonly string[]
  readonly fix?: RegExp
}

const cases: readonly Case[] = [
  {
    name: 'an inherited base URL sends Claude Code elsewhere than the checks went',
    env: { ANTHROPIC_BEDROCK_BASE_URL: 'https://old-gateway.example.com' },
    expected: ['job-environment:ANTHROPIC_BEDROCK_BASE_URL fail'],
    fix: /`bedrock-runtime-endpoint: https:\/\/old-gateway\.example\.com`/
  },
  {
    name: 'a base URL equal to the endpoint the checks called is fine',
    env: { ANTHROPIC_BEDROCK_BASE_URL: 'https://bedrock-runtime.us-east-1.amazonaws.com' },
    expected: []
  },
  {
    name: 'a base URL the action exports itself overrides the inherited one',
    env: { ANTHROPIC_BEDROCK_BASE_URL: 'https://old-gateway.example.com' },
    verified: GATEWAY,
    exported: [...ROLE_EXPORTS, plain('ANTHROPIC_BEDROCK_BASE_URL', 'https://gateway.example.com')],
    expected: []
  },
  {
    name: 'an empty base URL warns (some Claude Code versions fail SigV4 on it)',
    env: { ANTHROPIC_BEDROCK_BASE_URL: '' },
    expected: ['job-environment:ANTHROPIC_BEDROCK_BASE_URL warn']
  },
  {
    name: 'an empty AWS_BEARER_TOKEN_BEDROCK warns: a step cannot unset it',
    env: { AWS_BEARER_TOKEN_BEDROCK: '' },
    expected: ['job-environment:AWS_BEARER_TOKEN_BEDROCK warn'],
    fix: /Remove AWS_BEARER_TOKEN_BEDROCK from the workflow's/
  },
  {
    name: 'an API key in the job env replaces the verified SigV4 credentials',
    env: { AWS_BEARER_TOKEN_BEDROCK: KEY },
    expected: ['job-environment:AWS_BEARER_TOKEN_BEDROCK fail'],
    fix: /the `bedrock-api-key` input instead \(from the same secret\)/
  },
  {
    name: 'the API key the checks used, exported by the action, is no conflict',
    env: { AWS_BEARER_TOKEN_BEDROCK: KEY },
    verified: { ...AWS_HOST, apiKey: KEY },
    exported: [...ROLE_EXPORTS, { name: 'AWS_BEARER_TOKEN_BEDROCK', value: KEY, secret: true }],
    expected: []
  },
  {
    name: 'skipping auth against AWS fails',
    env: { CLAUDE_CODE_SKIP_BEDROCK_AUTH: '1' },
    expected: ['job-environment:CLAUDE_CODE_SKIP_BEDROCK_AUTH fail']
  },
  {
    name: 'skipping auth against a gateway warns: it may sign itself',
    env: { CLAUDE_CODE_SKIP_BEDROCK_AUTH: '1' },
    verified: GATEWAY,
    expected: ['job-environment:CLAUDE_CODE_SKIP_BEDROCK_AUTH warn']
  },
  {
    name: "another small-model region than the checks'",
    env: { ANTHROPIC_SMALL_FAST_MODEL_AWS_REGION: 'us-west-2' },
    expected: ['job-environment:ANTHROPIC_SMALL_FAST_MODEL_AWS_REGION fail'],
    fix: /`small-fast-model-region: us-west-2`/
  },
  {
    name: 'an inherited AWS_PROFILE wins over exported keys in the JavaScript SDK',
    env: { AWS_PROFILE: 'other' },
    expected: ['job-environment:AWS_PROFILE fail']
  },
  {
    name: 'no inherited AWS_PROFILE conflict when the action exports its own profile',
    env: { AWS_PROFILE: 'other' },
    exported: [...ROLE_EXPORTS, plain('AWS_PROFILE', 'setup-claude-bedrock')],
    expected: []
  },
  {
    name: 'no inherited AWS_PROFILE conflict when no keys are exported (the checks used that chain)',
    env: { AWS_PROFILE: 'other' },
    exported: [plain('AWS_REGION', 'us-east-1')],
    expected: []
  }
]

describe('inheritedEnvironmentChecks', () => {
  it.each(cases)('$name', ({ env, verified, exported, expected, fix }) => {
    const checks = inheritedEnvironmentChecks({
      env,
      exported: exported ?? ROLE_EXPORTS,
      verified: verified ?? AWS_HOST
    })
    expect(checks.map((check) => `${check.id} ${check.status}`)).toEqual(expected)
    for (const check of checks) {
      expect(check.cause).toBeDefined()
      expect(check.fix).toBeDefined()
    }
    if (fix !== undefined) expect(checks[0]?.fix).toMatch(fix)
  })

  it('never repeats a key, nor a URL’s credentials or query', () => {
    const checks = inheritedEnvironmentChecks({
      env: {
        AWS_BEARER_TOKEN_BEDROCK: KEY,
        ANTHROPIC_BEDROCK_BASE_URL: 'https://user:pa55word@gw.example.com/v1?token=t0psecret'
      },
      exported: ROLE_EXPORTS,
      verified: AWS_HOST
    })
    expect(checks).toHaveLength(2)
    const text = JSON.stringify(checks)
    for (const secret of [KEY, 'pa55word', 't0psecret', 'user:']) expect(text).not.toContain(secret)
    expect(text).toContain('https://***@gw.example.com/v1?***')
  })
})
