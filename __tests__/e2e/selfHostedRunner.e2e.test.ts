// Self-hosted runners, end to end: the bundled action with no GitHub OIDC, only the runner's own
// credentials (EC2 instance metadata, a container credentials endpoint, key variables) or a token
// file, against the emulator's self-hosted-runner scenario: the Bedrock roles live in
// 123456789012, the runner's role in 111122223333.
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import path from 'node:path'
import { loadScenario, type Emulator, type Scenario } from '../../emulator/index.ts'
import { runAction, type ActionRun } from '../../emulator/runner/runAction.ts'
import { useEmulator } from '../../__fixtures__/emulator.ts'
import { errorAnnotations, publicChannels } from './scenarioRun.ts'

const emu = useEmulator()
// Before each test builds its environment from the scenario (the container token comes from it).
beforeEach(() => emu.setScenario(loadScenario('self-hosted-runner')))
const TARGET = 'arn:aws:iam::123456789012:role/claude-code'
const VENDOR = 'arn:aws:iam::123456789012:role/claude-code-vendor'
const EKS_ROLE = 'arn:aws:iam::123456789012:role/claude-code-eks'
const EKS_ISSUER = 'https://oidc.eks.us-east-1.amazonaws.com/id/EXAMPLED539D4633E53DE1B71EXAMPLE'
const RUNNER_USER_KEYS = {
  AWS_ACCESS_KEY_ID: 'AKIAEMULATORGHESUSR1',
  AWS_SECRET_ACCESS_KEY: 'ghesRunnerUserLongTermSecretKeyEmulator0'
}
const RUNNER_SESSION_KEYS = {
  AWS_ACCESS_KEY_ID: 'ASIAEMULATORGHARUNR1',
  AWS_SECRET_ACCESS_KEY: 'ghaRunnerInstanceRoleSecretKeyEmulator00',
  AWS_SESSION_TOKEN:
    'IQoJb3JpZ2luX2VjEEmulatorGhaRunnerSessionTokenNotARealAwsToken000000000000000000000000000000000000000'
}

function selfHosted(): Scenario {
  return loadScenario('self-hosted-runner')
}

async function run(
  emulator: Emulator,
  inputs: Record<string, string>,
  env: Record<string, string | undefined>,
  scenario: Scenario = selfHosted()
): Promise<ActionRun> {
  emulator.setScenario(scenario)
  emulator.clearRequests()
  return runAction({ inputs: { 'aws-region': 'us-east-1', ...inputs }, env })
}

const requestsOf = (operation: string) => emu.requests.filter((r) => r.operation === operation)

/** Every secret the emulator knows except the three exported ones: none may reach a file or a log. */
function expectNothingButTheRoleSessionLeaves(result: ActionRun): void {
  const exported = new Set(
    ['AWS_ACCESS_KEY_ID', 'AWS_SECRET_ACCESS_KEY', 'AWS_SESSION_TOKEN'].map(
      (name) => result.env[name]
    )
  )
  const files = [result.envFileText, result.outputFileText, publicChannels(result)].join('\n')
  for (const secret of emu.issuedSecrets()) {
    if (exported.has(secret)) continue
    expect(files).not.toContain(secret)
  }
}

describe("role chaining from the runner's own credentials", () => {
  it('EC2 instance role, no OIDC: one signed AssumeRole of a role in another account, its session exported', async () => {
    const result = await run(
      emu,
      { 'role-to-assume': TARGET },
      emu.selfHostedEnv('instance-metadata')
    )
    expect(result.exitCode).toBe(0)

    // The SDK's own chain went to instance metadata (IMDSv2: token first), then one AssumeRole.
    expect(requestsOf('GetMetadataToken').length).toBeGreaterThan(0)
    expect(requestsOf('GetIdToken')).toHaveLength(0)
    expect(requestsOf('AssumeRoleWithWebIdentity')).toHaveLength(0)
    const assumeRole = requestsOf('AssumeRole')
    expect(assumeRole).toHaveLength(1)
    expect(assumeRole[0]?.auth).toBe('sigv4')
    expect(assumeRole[0]?.status).toBe(200)
    const runnerKey = assumeRole[0]?.accessKeyId ?? ''
    expect(runnerKey).toMatch(/^ASIA/)

    // Everything after is signed by the role's session, which is what is exported.
    const exportedKey = result.env.AWS_ACCESS_KEY_ID ?? ''
    expect(exportedKey).toMatch(/^ASIA/)
    expect(exportedKey).not.toBe(runnerKey)
    const later = emu.requests.filter(
      (r) => r.accessKeyId !== undefined && r.operation !== 'AssumeRole'
    )
    expect(later.length).toBeGreaterThan(0)
    expect(later.every((r) => r.accessKeyId === exportedKey)).toBe(true)
    expect(result.outputs['aws-account-id']).toBe('123456789012')
    expect(result.outputs['authenticated-arn']).toBe(
      'arn:aws:sts::123456789012:assumed-role/claude-code/GitHubActions-4242-1'
    )
    expect(result.env.CLAUDE_CODE_USE_BEDROCK).toBe('1')

    // The runner's own credentials are masked and never exported, output or printed.
    expect(result.masks).toContain(runnerKey)
    expect(result.envFileText).not.toContain(runnerKey)
    expectNothingButTheRoleSessionLeaves(result)

    // The source is explicit in the log and in the summary.
    expect(result.stdout).toContain('by role chaining')
    expect(result.stdout).toContain('no GitHub OIDC token request variables (role-chaining: auto)')
    expect(result.stdout).toContain('EC2 instance metadata service')
    expect(result.summary).toContain('role chaining, `AssumeRole`')
  })

  it('EKS Pod Identity / ECS: the container credentials endpoint signs AssumeRole', async () => {
    const result = await run(
      emu,
      { 'role-to-assume': TARGET, verify: 'access' },
      emu.selfHostedEnv('container')
    )
    expect(result.exitCode).toBe(0)
    expect(requestsOf('GetContainerCredentials').length).toBeGreaterThan(0)
    expect(requestsOf('GetMetadataToken')).toHaveLength(0)
    expect(requestsOf('AssumeRole')).toHaveLength(1)
    expect(result.outputs['aws-account-id']).toBe('123456789012')
    expect(result.stdout).toContain('container credentials endpoint')
    expectNothingButTheRoleSessionLeaves(result)
  })

  it('role-chaining: true on a job that has OIDC: no token is requested, the runner chains', async () => {
    const env = { ...emu.selfHostedEnv('instance-metadata'), ...oidcVariables(emu) }
    const result = await run(
      emu,
      { 'role-to-assume': TARGET, 'role-chaining': 'true', verify: 'none' },
      env
    )
    expect(result.exitCode).toBe(0)
    expect(requestsOf('GetIdToken')).toHaveLength(0)
    expect(requestsOf('AssumeRole')).toHaveLength(1)
    expect(result.stdout).toContain('because role-chaining is true')
  })

  it('role-chaining: false without OIDC fails naming id-token: write, before any AWS call', async () => {
    const result = await run(
      emu,
      { 'role-to-assume': TARGET, 'role-chaining': 'false' },
      emu.selfHostedEnv('instance-metadata')
    )
    expect(result.exitCode).not.toBe(0)
    expect(errorAnnotations(result).join('\n')).toContain('id-token: write')
    expect(emu.requests.filter((r) => r.service === 'sts')).toHaveLength(0)
  })

  it('a 2-hour session from temporary runner credentials is asked as 1 hour, and says why', async () => {
    const result = await run(
      emu,
      { 'role-to-assume': TARGET, 'role-duration-seconds': '7200', verify: 'none' },
      { ...emu.selfHostedEnv('instance-metadata'), ...RUNNER_SESSION_KEYS }
    )
    expect(result.exitCode).toBe(0)
    expect(requestsOf('AssumeRole').map((r) => r.status)).toEqual([200])
    const left = Date.parse(result.outputs['credentials-expiration'] ?? '') - Date.now()
    expect(left).toBeLessThanOrEqual(3600_000)
    expect(left).toBeGreaterThan(3000_000)
    const warning = result.commands.filter((c) => c.command === 'warning').map((c) => c.message)
    expect(warning.join('\n')).toContain('role-duration-seconds is 7200')
    expect(warning.join('\n')).toContain('3600 s')
    expect(result.stdout).toContain('the key variables AWS_ACCESS_KEY_ID')
    // Key variables are replaced by the exports in later steps: renewal cannot work, and says so.
    expect(result.stdout).toContain('Later steps cannot renew the role session')
    expect(result.env.AWS_PROFILE).toBeUndefined()
    expect(result.env.AWS_ACCESS_KEY_ID).not.toBe(RUNNER_SESSION_KEYS.AWS_ACCESS_KEY_ID)
    expectNothingButTheRoleSessionLeaves(result)
  })

  it('long-term IAM user keys (GHES without OIDC) may chain into the 2 hours asked', async () => {
    const result = await run(
      emu,
      { 'role-to-assume': TARGET, 'role-duration-seconds': '7200', verify: 'none' },
      {
        ...emu.selfHostedEnv('instance-metadata'),
        AWS_EC2_METADATA_DISABLED: 'true',
        ...RUNNER_USER_KEYS
      }
    )
    expect(result.exitCode).toBe(0)
    const left = Date.parse(result.outputs['credentials-expiration'] ?? '') - Date.now()
    expect(left).toBeGreaterThan(7000_000)
    expect(
      result.commands
        .filter((c) => c.command === 'warning')
        .map((c) => c.message)
        .join('\n')
    ).not.toContain('role chaining')
    expect(result.env.AWS_ACCESS_KEY_ID).not.toBe(RUNNER_USER_KEYS.AWS_ACCESS_KEY_ID)
    expectNothingButTheRoleSessionLeaves(result)
  })

  it("STS's own chaining refusal is explained, not passed on as an opaque ValidationError", async () => {
    // Long-term keys are not capped by the action; a scenario whose STS treats them as chained
    // (GetSessionToken credentials look like this to a client) answers with STS's wire error.
    const scenario = selfHosted()
    scenario.faults = [
      {
        operation: 'AssumeRole',
        kind: 'error',
        status: 400,
        code: 'ValidationError',
        message:
          'The requested DurationSeconds exceeds the 1 hour session limit for roles assumed by role chaining.'
      }
    ]
    const result = await run(
      emu,
      { 'role-to-assume': TARGET, 'role-duration-seconds': '7200', verify: 'none' },
      {
        ...emu.selfHostedEnv('instance-metadata'),
        AWS_EC2_METADATA_DISABLED: 'true',
        ...RUNNER_USER_KEYS
      },
      scenario
    )
    expect(result.exitCode).not.toBe(0)
    const error = errorAnnotations(result).join('\n')
    expect(error).toContain('role chaining to 3600 s')
    expect(error).toContain('role-duration-seconds')
    expect(result.envFileText).toBe('')
  })
})

describe('role-external-id', () => {
  it('reaches STS: the role that requires it is assumed with it', async () => {
    const result = await run(
      emu,
      { 'role-to-assume': VENDOR, 'role-external-id': 'octo-org-7f3a9c', verify: 'none' },
      emu.selfHostedEnv('instance-metadata')
    )
    expect(result.exitCode).toBe(0)
    expect(result.outputs['authenticated-arn']).toContain('assumed-role/claude-code-vendor/')
  })

  it('missing or wrong: AccessDenied explained with the trust policy, the runner role and the external id', async () => {
    for (const externalId of [undefined, 'octo-org-WRONG']) {
      const result = await run(
        emu,
        {
          'role-to-assume': VENDOR,
          verify: 'none',
          ...(externalId !== undefined ? { 'role-external-id': externalId } : {})
        },
        emu.selfHostedEnv('instance-metadata')
      )
      expect(result.exitCode).not.toBe(0)
      expect(requestsOf('AssumeRole').map((r) => r.errorCode)).toEqual(['AccessDenied'])
      const error = errorAnnotations(result).join('\n')
      expect(error).toContain(
        'arn:aws:sts::111122223333:assumed-role/gha-runner/i-0a1b2c3d4e5f60718'
      )
      expect(error).toContain('"AWS": "arn:aws:iam::111122223333:role/gha-runner"')
      expect(error).toContain(
        externalId === undefined ? 'no external id was sent' : '`role-external-id` was sent'
      )
      expect(result.envFileText).toBe('')
    }
  })
})

describe('AssumeRole refused', () => {
  it('the runner role lacks sts:AssumeRole: both policies to fix are shown', async () => {
    const scenario = selfHosted()
    const runner = scenario.roles.find((r) => r.name === 'gha-runner')
    if (runner) runner.policy = []
    const result = await run(
      emu,
      { 'role-to-assume': TARGET },
      emu.selfHostedEnv('instance-metadata'),
      scenario
    )
    expect(result.exitCode).not.toBe(0)
    const error = errorAnnotations(result).join('\n')
    expect(error).toContain('"Action": "sts:AssumeRole"')
    expect(error).toContain(`"Resource": "${TARGET}"`)
    expect(emu.requests.filter((r) => r.service === 'bedrock')).toHaveLength(0)
  })

  it('the trust policy does not name the runner role', async () => {
    const scenario = selfHosted()
    const target = scenario.roles.find((r) => r.name === 'claude-code')
    if (target) target.trust.awsPrincipals = ['arn:aws:iam::111122223333:role/someone-else']
    const result = await run(
      emu,
      { 'role-to-assume': TARGET },
      emu.selfHostedEnv('container'),
      scenario
    )
    expect(result.exitCode).not.toBe(0)
    const error = errorAnnotations(result).join('\n')
    expect(error).toContain('trust policy')
    expect(error).toContain('arn:aws:iam::111122223333:role/gha-runner')
    expect(error).toContain('aws iam get-role --role-name claude-code')
  })

  it('no credentials of the runner at all: says what role chaining needs', async () => {
    const env = { ...emu.selfHostedEnv('instance-metadata'), AWS_EC2_METADATA_DISABLED: 'true' }
    const result = await run(emu, { 'role-to-assume': TARGET, 'role-chaining': 'true' }, env)
    expect(result.exitCode).not.toBe(0)
    const error = errorAnnotations(result).join('\n')
    expect(error).toContain('Role chaining (role-chaining: true) found no credentials')
    expect(error).toContain('instance profile')
    expect(error).toContain('role-chaining: false')
    expect(emu.requests.filter((r) => r.service === 'sts')).toHaveLength(0)
  })
})

describe('web-identity-token-file', () => {
  let dir: string
  beforeEach(() => {
    dir = mkdtempSync(path.join(tmpdir(), 'scb-token-file-'))
  })
  afterEach(() => rmSync(dir, { recursive: true, force: true }))

  function tokenFile(claims: { sub?: string; aud?: string; lifetimeSeconds?: number }): string {
    const file = path.join(dir, 'token')
    writeFileSync(
      file,
      emu.mintIdToken({
        iss: EKS_ISSUER,
        sub: claims.sub ?? 'system:serviceaccount:arc-runners:arc-runner-set',
        aud: claims.aud ?? 'sts.amazonaws.com',
        lifetimeSeconds: claims.lifetimeSeconds ?? 3600
      })
    )
    return file
  }

  it("assumes the role with the token in the file (AssumeRoleWithWebIdentity), never GitHub's", async () => {
    const file = tokenFile({})
    const env = { ...emu.selfHostedEnv('instance-metadata'), ...oidcVariables(emu) }
    const result = await run(
      emu,
      { 'role-to-assume': EKS_ROLE, 'web-identity-token-file': file },
      env
    )
    expect(result.exitCode).toBe(0)
    expect(requestsOf('GetIdToken')).toHaveLength(0)
    expect(requestsOf('AssumeRoleWithWebIdentity').map((r) => r.status)).toEqual([200])
    expect(result.outputs['authenticated-arn']).toContain('assumed-role/claude-code-eks/')
    expect(result.stdout).toContain('web-identity-token-file is set')
    expect(result.masks.some((mask) => mask.split('.').length === 3)).toBe(true)
    expectNothingButTheRoleSessionLeaves(result)
  })

  it("a trust mismatch shows a statement built from the token's own iss, sub and aud", async () => {
    const file = tokenFile({ sub: 'system:serviceaccount:other-ns:runner' })
    const result = await run(
      emu,
      { 'role-to-assume': EKS_ROLE, 'web-identity-token-file': file },
      emu.selfHostedEnv('instance-metadata')
    )
    expect(result.exitCode).not.toBe(0)
    const error = errorAnnotations(result).join('\n')
    expect(error).toContain(
      '"Federated": "arn:aws:iam::123456789012:oidc-provider/oidc.eks.us-east-1.amazonaws.com/id/EXAMPLED539D4633E53DE1B71EXAMPLE"'
    )
    expect(error).toContain(
      '"oidc.eks.us-east-1.amazonaws.com/id/EXAMPLED539D4633E53DE1B71EXAMPLE:sub": "system:serviceaccount:other-ns:runner"'
    )
    expect(error).toContain(
      '"oidc.eks.us-east-1.amazonaws.com/id/EXAMPLED539D4633E53DE1B71EXAMPLE:aud": "sts.amazonaws.com"'
    )
  })

  it('an expired token and a token for another audience are named as such', async () => {
    const expired = await run(
      emu,
      {
        'role-to-assume': EKS_ROLE,
        'web-identity-token-file': tokenFile({ lifetimeSeconds: -60 })
      },
      emu.selfHostedEnv('instance-metadata')
    )
    expect(expired.exitCode).not.toBe(0)
    expect(requestsOf('AssumeRoleWithWebIdentity').map((r) => r.errorCode)).toEqual([
      'ExpiredTokenException'
    ])
    expect(errorAnnotations(expired).join('\n')).toContain(
      'The token in web-identity-token-file expired at'
    )

    const audience = await run(
      emu,
      { 'role-to-assume': EKS_ROLE, 'web-identity-token-file': tokenFile({ aud: 'arc-runners' }) },
      emu.selfHostedEnv('instance-metadata')
    )
    expect(audience.exitCode).not.toBe(0)
    const error = errorAnnotations(audience).join('\n')
    expect(error).toContain('is for audience `arc-runners`')
    expect(error).toContain('add-client-id-to-open-id-connect-provider')
  })

  it('a file that holds no JWT is an input error before any call, never a trust-policy story; its content is not masked', async () => {
    const file = path.join(dir, 'token')
    writeFileSync(file, 'not a jwt\n')
    const result = await run(
      emu,
      { 'role-to-assume': EKS_ROLE, 'web-identity-token-file': file },
      emu.selfHostedEnv('instance-metadata')
    )
    expect(result.exitCode).not.toBe(0)
    const error = errorAnnotations(result).join('\n')
    expect(error).toContain("Input 'web-identity-token-file'")
    expect(error).toContain('does not hold a JWT')
    expect(error).toContain('three base64url parts joined by dots')
    expect(error).not.toContain('trust policy')
    expect(error).not.toContain('ISSUER_HOST')
    expect(emu.requests).toHaveLength(0)
    expect(result.masks).not.toContain('not a jwt')
  })

  it('a missing file is named before any AWS call', async () => {
    const result = await run(
      emu,
      { 'role-to-assume': EKS_ROLE, 'web-identity-token-file': path.join(dir, 'absent') },
      emu.selfHostedEnv('instance-metadata')
    )
    expect(result.exitCode).not.toBe(0)
    expect(errorAnnotations(result).join('\n')).toContain('cannot be read (ENOENT)')
    expect(emu.requests.filter((r) => r.service === 'sts')).toHaveLength(0)
  })
})

function oidcVariables(emulator: Emulator): Record<string, string> {
  const env = emulator.runnerEnv()
  return {
    ACTIONS_ID_TOKEN_REQUEST_URL: env.ACTIONS_ID_TOKEN_REQUEST_URL ?? '',
    ACTIONS_ID_TOKEN_REQUEST_TOKEN: env.ACTIONS_ID_TOKEN_REQUEST_TOKEN ?? ''
  }
}
