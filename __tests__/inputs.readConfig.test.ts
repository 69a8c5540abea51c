import { LONG_TERM_API_KEY } from '../__fixtures__/secrets.js'
import type { Config } from '../src/inputs/config.js'
import { readConfig } from '../src/inputs/readConfig.js'
import { autoProfilePrefix, partitionOfRegion } from '../src/inputs/region.js'
import { deriveSessionName } from '../src/attribution/sessionName.js'

function read(inputs: Readonly<Record<string, string>>, env: NodeJS.ProcessEnv = {}): Config {
  return readConfig((name) => inputs[name] ?? '', env)
}

describe('readConfig defaults', () => {
  it('fills every default of the contract from a region alone', () => {
    const config = read(
      { 'aws-region': 'us-east-1' },
      { GITHUB_RUN_ID: '987', GITHUB_RUN_ATTEMPT: '2' }
    )
    expect(config).toEqual({
      region: 'us-east-1',
      partition: 'aws',
      roleChaining: 'auto',
      audience: 'sts.amazonaws.com',
      roleSessionName: 'GitHubActions-987-2',
      roleDurationSeconds: 3600,
      model: { kind: 'alias', raw: 'sonnet', family: 'sonnet', oneMillionContext: false },
      smallFastModel: { kind: 'alias', raw: 'haiku', family: 'haiku', oneMillionContext: false },
      inferenceProfilePrefix: 'us',
      inferenceProfilePrefixExplicit: false,
      verify: 'invoke',
      pinFamilies: true,
      failOnError: true,
      allowedAccountIds: [],
      disablePromptCaching: false,
      promptCachingChosenBy: 'region',
      exportCredentials: true,
      outputCredentials: false,
      maskAwsAccountId: false,
      jobSummary: true,
      refreshCredentials: true,
      endpoints: {},
      requireActorPermission: 'write',
      allowedBots: [],
      scrubAgentCredentials: true,
      customHeaders: {
        value:
          'X-Amzn-Bedrock-Request-Metadata: {"run_id":"987","run_attempt":"2","session":"GitHubActions-987-2"}',
        // Nothing of the job's own: what the summary shows is the whole value.
        shown:
          'X-Amzn-Bedrock-Request-Metadata: {"run_id":"987","run_attempt":"2","session":"GitHubActions-987-2"}',
        metadata: { run_id: '987', run_attempt: '2', session: 'GitHubActions-987-2' },
        inheritedMetadataKeys: []
      },
      usageReport: 'auto',
      usageReportWaitSeconds: 60
    })
  })

  it('returns a frozen config, nested parts included', () => {
    const config = read({ 'aws-region': 'us-east-1', 'allowed-account-ids': '123456789012' })
    expect(Object.isFrozen(config)).toBe(true)
    expect(Object.isFrozen(config.model)).toBe(true)
    expect(Object.isFrozen(config.endpoints)).toBe(true)
    expect(Object.isFrozen(config.allowedAccountIds)).toBe(true)
  })
})

describe('readConfig with every input set', () => {
  it('parses, trims and normalises each value', () => {
    const config = read({
      'aws-region': '  eu-central-1 ',
      'role-to-assume': 'arn:aws:iam::123456789012:role/ci/claude-code',
      audience: 'api://github-oidc',
      'role-session-name': 'ci@build=1,x.y-z_+',
      'role-duration-seconds': '43200',
      'bedrock-api-key': LONG_TERM_API_KEY,
      model: 'eu.anthropic.claude-sonnet-4-5-20250929-v1:0[1M]',
      'small-fast-model': 'Claude-Haiku',
      'small-fast-model-region': 'eu-west-1',
      'inference-profile-prefix': 'GLOBAL',
      verify: 'Access',
      'fail-on-error': 'FALSE',
      'allowed-account-ids': ' 123456789012 , ,210987654321,123456789012 ',
      'max-output-tokens': '64000',
      'max-thinking-tokens': '0',
      'disable-prompt-caching': 'True',
      'export-credentials': 'false',
      'output-credentials': 'TRUE',
      'mask-aws-account-id': 'true',
      'job-summary': 'False',
      'refresh-credentials': 'false',
      'sts-endpoint': 'https://STS.vpce.example.com/',
      'bedrock-endpoint': 'http://127.0.0.1:4566/',
      'bedrock-runtime-endpoint': 'https://gateway.example.com/bedrock/',
      'github-token': 'ghs_exampleToken0000000000000000000000',
      'require-actor-permission': 'Maintain',
      'allowed-bots': 'Renovate[bot], dependabot[bot],renovate[bot]',
      'scrub-agent-credentials': 'FALSE',
      'request-metadata': 'FALSE',
      'usage-report': 'True',
      'usage-report-wait-seconds': ' 15 '
    })
    expect(config).toEqual({
      region: 'eu-central-1',
      partition: 'aws',
      roleToAssume: 'arn:aws:iam::123456789012:role/ci/claude-code',
      roleSource: {
        kind: 'role-chaining',
        reason: 'the job has no GitHub OIDC token request variables (role-chaining: auto)'
      },
      roleChaining: 'auto',
      audience: 'api://github-oidc',
      roleSessionName: 'ci@build=1,x.y-z_+',
      roleDurationSeconds: 43200,
      bedrockApiKey: LONG_TERM_API_KEY,
      bedrockApiKeyForm: { kind: 'long-term', accountId: '123456789012' },
      model: {
        kind: 'inference-profile-id',
        raw: 'eu.anthropic.claude-sonnet-4-5-20250929-v1:0[1M]',
        profileId: 'eu.anthropic.claude-sonnet-4-5-20250929-v1:0',
        prefix: 'eu',
        baseModelId: 'anthropic.claude-sonnet-4-5-20250929-v1:0',
        oneMillionContext: true
      },
      smallFastModel: {
        kind: 'alias',
        raw: 'Claude-Haiku',
        family: 'haiku',
        oneMillionContext: false
      },
      smallFastModelRegion: 'eu-west-1',
      inferenceProfilePrefix: 'global',
      inferenceProfilePrefixExplicit: true,
      verify: 'access',
      pinFamilies: true,
      failOnError: false,
      allowedAccountIds: ['123456789012', '210987654321'],
      maxOutputTokens: 64000,
      maxThinkingTokens: 0,
      disablePromptCaching: true,
      promptCachingChosenBy: 'input',
      exportCredentials: false,
      outputCredentials: true,
      maskAwsAccountId: true,
      jobSummary: false,
      refreshCredentials: false,
      endpoints: {
        sts: 'https://sts.vpce.example.com',
        bedrock: 'http://127.0.0.1:4566',
        bedrockRuntime: 'https://gateway.example.com/bedrock'
      },
      claudeCodeBaseUrl: {
        url: 'https://gateway.example.com/bedrock',
        from: 'bedrock-runtime-endpoint'
      },
      githubToken: 'ghs_exampleToken0000000000000000000000',
      requireActorPermission: 'maintain',
      allowedBots: ['renovate[bot]', 'dependabot[bot]'],
      scrubAgentCredentials: false,
      usageReport: 'true',
      usageReportWaitSeconds: 15
    })
  })

  it.each([
    ['http://localhost:8080', 'http://localhost:8080'],
    ['http://[::1]:9000/', 'http://[::1]:9000'],
    [
      'https://bedrock-runtime.us-east-1.amazonaws.com',
      'https://bedrock-runtime.us-east-1.amazonaws.com'
    ]
  ])('accepts the endpoint %s as %s', (value, expected) => {
    expect(read({ 'aws-region': 'us-east-1', 'sts-endpoint': value }).endpoints.sts).toBe(expected)
  })
})

describe('region and partition', () => {
  it.each([
    ['us-east-1', 'aws'],
    ['ap-southeast-7', 'aws'],
    ['eu-central-2', 'aws'],
    ['cn-north-1', 'aws-cn'],
    ['cn-northwest-1', 'aws-cn'],
    ['us-gov-west-1', 'aws-us-gov'],
    ['us-gov-east-1', 'aws-us-gov']
  ])('%s is in partition %s', (region, partition) => {
    expect(partitionOfRegion(region)).toBe(partition)
    expect(read({ 'aws-region': region }).partition).toBe(partition)
  })

  it.each([
    [
      'the input first',
      { 'aws-region': 'eu-west-3' },
      { AWS_REGION: 'us-west-2', AWS_DEFAULT_REGION: 'ap-south-1' },
      'eu-west-3'
    ],
    [
      'then AWS_REGION',
      {},
      { AWS_REGION: 'us-west-2', AWS_DEFAULT_REGION: 'ap-south-1' },
      'us-west-2'
    ],
    [
      'then AWS_DEFAULT_REGION',
      {},
      { AWS_REGION: ' ', AWS_DEFAULT_REGION: 'ap-south-1' },
      'ap-south-1'
    ]
  ])('takes the region from %s', (_title, inputs, env, region) => {
    expect(read(inputs, env).region).toBe(region)
  })

  it('accepts GovCloud and China role ARNs in their own partitions', () => {
    const gov = read({
      'aws-region': 'us-gov-west-1',
      'role-to-assume': 'arn:aws-us-gov:iam::123456789012:role/ci'
    })
    expect(gov.inferenceProfilePrefix).toBe('us-gov')
    const china = read({
      'aws-region': 'cn-north-1',
      'role-to-assume': 'arn:aws-cn:iam::123456789012:role/ci'
    })
    expect(china.roleToAssume).toBe('arn:aws-cn:iam::123456789012:role/ci')
  })
})

describe('inference-profile-prefix auto', () => {
  it.each([
    ['us-east-1', 'us'],
    ['us-west-2', 'us'],
    ['ca-central-1', 'us'],
    ['us-gov-west-1', 'us-gov'],
    ['eu-west-1', 'eu'],
    ['eu-central-2', 'eu'],
    ['ap-northeast-1', 'jp'],
    ['ap-southeast-2', 'au'],
    ['ap-southeast-4', 'au'],
    ['ap-south-1', 'apac'],
    ['ap-northeast-2', 'apac'],
    ['ap-southeast-7', 'apac'],
    ['sa-east-1', 'global'],
    ['me-central-1', 'global'],
    ['il-central-1', 'global']
  ])('maps %s to %s', (region, prefix) => {
    expect(autoProfilePrefix(region)).toBe(prefix)
    expect(
      read({ 'aws-region': region, 'inference-profile-prefix': 'AUTO' }).inferenceProfilePrefix
    ).toBe(prefix)
  })

  it('keeps an explicit prefix that fits the partition', () => {
    expect(
      read({ 'aws-region': 'us-gov-east-1', 'inference-profile-prefix': 'us-gov' })
        .inferenceProfilePrefix
    ).toBe('us-gov')
    expect(
      read({ 'aws-region': 'ap-south-1', 'inference-profile-prefix': 'jp' }).inferenceProfilePrefix
    ).toBe('jp')
  })
})

describe('derived role session name', () => {
  it.each([
    [{ GITHUB_RUN_ID: '12345', GITHUB_RUN_ATTEMPT: '1' }, 'GitHubActions-12345-1'],
    [{ GITHUB_RUN_ID: '12345' }, 'GitHubActions-12345-1'],
    [{}, 'GitHubActions'],
    [{ GITHUB_RUN_ID: 'run/7 (local)', GITHUB_RUN_ATTEMPT: '3' }, 'GitHubActions-run-7--local--3'],
    [
      { GITHUB_RUN_ID: '9'.repeat(80), GITHUB_RUN_ATTEMPT: '1' },
      `GitHubActions-${'9'.repeat(48)}-1`
    ],
    [
      { GITHUB_RUN_ID: '12345', GITHUB_RUN_ATTEMPT: '2', GITHUB_JOB: 'review' },
      'GitHubActions-12345-2-review'
    ]
  ])('derives from %j the name %s', (env, name) => {
    expect(deriveSessionName(env)).toBe(name)
    expect(read({ 'aws-region': 'us-east-1' }, env).roleSessionName).toBe(name)
  })

  const leg = (tracking: string, more: NodeJS.ProcessEnv = {}): string =>
    deriveSessionName({
      GITHUB_RUN_ID: '12345678901',
      GITHUB_RUN_ATTEMPT: '1',
      GITHUB_JOB: 'test',
      RUNNER_TRACKING_ID: tracking,
      ...more
    })

  it('tells matrix legs of one job apart by the runner tracking id of each job', () => {
    const first = leg('github_3f1c2b9e-0d4e-4a7b-9d55-0b5c8a6e2f10')
    const second = leg('github_7a0e6d21-51c3-4f0a-8e3b-c2d9b1f4a7e5')
    expect(first).toMatch(/^GitHubActions-12345678901-1-test-[0-9a-f]{8}$/)
    expect(second).toMatch(/^GitHubActions-12345678901-1-test-[0-9a-f]{8}$/)
    expect(first).not.toBe(second)
    // The same job (its post step included) always gets the same name.
    expect(leg('github_3f1c2b9e-0d4e-4a7b-9d55-0b5c8a6e2f10')).toBe(first)
  })

  it('shortens a long job id, never the leg, and stays in the STS charset and 64 characters', () => {
    const name = leg('github_x', {
      GITHUB_JOB: 'integration tests (ubuntu-latest, node 24)'.repeat(3)
    })
    expect(name.length).toBe(64)
    expect(name).toMatch(/^[\w+=,.@-]+$/)
    expect(name).toMatch(/-[0-9a-f]{8}$/)
    expect(name.startsWith('GitHubActions-12345678901-1-integration-tests--ubuntu-l')).toBe(true)
  })
})

describe('the runtime endpoint Claude Code is given (ANTHROPIC_BEDROCK_BASE_URL)', () => {
  const withEnv = (env: NodeJS.ProcessEnv, inputs: Record<string, string> = {}) =>
    read({ 'aws-region': 'us-east-1', ...inputs }, env)
  it.each([
    [{}, {}, undefined],
    [
      { AWS_ENDPOINT_URL_BEDROCK_RUNTIME: 'https://vpce.example.com/' },
      {},
      { url: 'https://vpce.example.com', from: 'AWS_ENDPOINT_URL_BEDROCK_RUNTIME' }
    ],
    [
      { AWS_ENDPOINT_URL: 'http://127.0.0.1:4566' },
      {},
      { url: 'http://127.0.0.1:4566', from: 'AWS_ENDPOINT_URL' }
    ],
    [
      { AWS_ENDPOINT_URL_BEDROCK_RUNTIME: '', AWS_ENDPOINT_URL: 'http://127.0.0.1:4566' },
      {},
      { url: 'http://127.0.0.1:4566', from: 'AWS_ENDPOINT_URL' }
    ],
    [
      {
        AWS_ENDPOINT_URL_BEDROCK_RUNTIME: 'https://vpce.example.com',
        AWS_IGNORE_CONFIGURED_ENDPOINT_URLS: 'true'
      },
      {},
      undefined
    ],
    [{ AWS_ENDPOINT_URL_BEDROCK: 'https://control.example.com' }, {}, undefined],
    [
      { AWS_ENDPOINT_URL_BEDROCK_RUNTIME: 'https://vpce.example.com' },
      { 'bedrock-runtime-endpoint': 'https://gw.example.com' },
      { url: 'https://gw.example.com', from: 'bedrock-runtime-endpoint' }
    ]
  ] as const)('env %j, inputs %j → %j', (env, inputs, expected) => {
    expect(withEnv(env, inputs).claudeCodeBaseUrl).toEqual(expected)
  })
})
