// The bundled action, run as a runner runs it, against the local emulator: every credential path
// and every credential failure the foundation names.
import { mkdtempSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import path from 'node:path'
import { loadScenario } from '../../emulator/index.ts'
import {
  errorAnnotations,
  operations,
  publicChannels,
  runScenario,
  withoutActorCheck
} from './scenarioRun.ts'
import { useEmulator } from '../../__fixtures__/emulator.ts'

const emu = useEmulator()

describe('OIDC role assumption', () => {
  it('assumes the role, proves the identity, masks then exports the credentials', async () => {
    const run = await runScenario(emu, 'default')
    expect(run.exitCode).toBe(0)

    const issued = emu.requests.find((r) => r.operation === 'GetCallerIdentity')
    expect(issued?.auth).toBe('sigv4')
    expect(run.env.AWS_ACCESS_KEY_ID).toMatch(/^ASIA/)
    expect(issued?.accessKeyId).toBe(run.env.AWS_ACCESS_KEY_ID)
    expect(run.env.AWS_SECRET_ACCESS_KEY).toBeDefined()
    expect(run.env.AWS_SESSION_TOKEN).toBeDefined()
    expect(run.env.AWS_REGION).toBe('us-east-1')
    expect(run.env.AWS_DEFAULT_REGION).toBe('us-east-1')
    expect(run.env.CLAUDE_CODE_USE_BEDROCK).toBe('1')
    expect(Object.values(run.env)).not.toContain('')

    // Every secret is masked, and masked before anything else is printed about it.
    for (const name of ['AWS_ACCESS_KEY_ID', 'AWS_SECRET_ACCESS_KEY', 'AWS_SESSION_TOKEN']) {
      const value = run.env[name] ?? ''
      expect(run.masks).toContain(value)
      expect(publicChannels(run)).not.toContain(value)
    }
    const oidcTokens = emu.issuedSecrets().filter((s) => s.split('.').length === 3)
    expect(oidcTokens.length).toBeGreaterThan(0)
    for (const token of oidcTokens) expect(run.masks).toContain(token)

    expect(run.outputs['aws-account-id']).toBe('123456789012')
    expect(run.outputs['authenticated-arn']).toBe(
      'arn:aws:sts::123456789012:assumed-role/claude-code/GitHubActions-4242-1'
    )
    expect(run.outputs.region).toBe('us-east-1')
    expect(Date.parse(run.outputs['credentials-expiration'] ?? '')).toBeGreaterThan(Date.now())
    expect(run.outputs['aws-secret-access-key']).toBeUndefined()
    expect(run.summary).toContain('Claude Code on Amazon Bedrock')
    expect(run.summary).toContain('AWS_SECRET_ACCESS_KEY')
  })

  it('sends the audience and session settings it was given', async () => {
    const run = await runScenario(emu, 'default', {
      inputs: {
        'role-session-name': 'nightly-review',
        'role-duration-seconds': '1800',
        verify: 'none'
      }
    })
    expect(run.exitCode).toBe(0)
    expect(run.outputs['authenticated-arn']).toMatch(/assumed-role\/claude-code\/nightly-review$/)
    const expiry = Date.parse(run.outputs['credentials-expiration'] ?? '')
    expect(expiry - Date.now()).toBeLessThanOrEqual(1800 * 1000)
    expect(expiry - Date.now()).toBeGreaterThan(1700 * 1000)
  })

  it('sets the credential outputs only with output-credentials, masked', async () => {
    const run = await runScenario(emu, 'default', {
      inputs: { 'output-credentials': 'true', 'export-credentials': 'false', verify: 'none' }
    })
    expect(run.exitCode).toBe(0)
    expect(run.env.AWS_ACCESS_KEY_ID).toBeUndefined()
    const secret = run.outputs['aws-secret-access-key'] ?? ''
    expect(secret.length).toBe(40)
    expect(run.masks).toContain(secret)
    expect(run.outputs['aws-session-token']).toBeDefined()
  })

  it('explains id-token: write, forks and Dependabot when the OIDC variables are missing, without any call', async () => {
    const run = await runScenario(emu, 'default', { withOidc: false })
    expect(run.exitCode).toBe(1)
    const errors = errorAnnotations(run).join('\n')
    expect(errors).toContain('id-token: write')
    expect(errors).toMatch(/fork/i)
    expect(errors).toContain('Dependabot')
    expect(run.summary).toContain('id-token: write')
    expect(withoutActorCheck(emu.requests)).toHaveLength(0)
    expect(run.envFileText).toBe('')
  })

  it('shows the token claims and the trust condition that would match when the trust policy rejects it', async () => {
    const run = await runScenario(emu, 'trust-mismatch')
    expect(run.exitCode).toBe(1)
    const text = errorAnnotations(run).join('\n') + run.summary
    expect(text).toContain('repo:octo-org/octo-repo:ref:refs/heads/main')
    expect(text).toContain('sts.amazonaws.com')
    expect(text).toContain('octo-org/octo-repo')
    expect(text).toContain('token.actions.githubusercontent.com:sub')
    expect(run.envFileText).toBe('')
    expect(operations(emu)).toEqual(['GetIdToken', 'AssumeRoleWithWebIdentity'])
    // Nothing was exported, so nothing beyond the actor check may read as established: the
    // report output, the log and the summary say the same (one report feeds them all).
    const report = JSON.parse(run.outputs.report ?? '{}') as {
      checks: Array<{ id: string; status: string; detail: string }>
    }
    const passed = report.checks.filter((c) => c.status === 'pass').map((c) => c.id)
    expect(passed).toEqual(['actor-permission'])
    expect(report.checks.find((c) => c.id === 'agent-isolation')).toMatchObject({
      status: 'skip',
      detail: 'Not checked: the Credentials check failed, so nothing was exported for later steps.'
    })
    expect(run.stdout).not.toContain('PASS Agent subprocess isolation')
    expect(run.stdout).toContain(
      'SKIP Agent subprocess isolation: Not checked: the Credentials check failed'
    )
    expect(run.summary).toContain('Not checked: the Credentials check failed')
  })

  it('names the missing OIDC provider and how to create it', async () => {
    const run = await runScenario(emu, 'no-oidc-provider')
    expect(run.exitCode).toBe(1)
    expect(run.summary).toContain('create-open-id-connect-provider')
    expect(run.envFileText).toBe('')
  })

  it('retries an IDPCommunicationError with a fresh token', async () => {
    const run = await runScenario(emu, 'idp-communication-error', {
      inputs: { verify: 'none' }
    })
    expect(run.exitCode).toBe(0)
    const ops = operations(emu)
    expect(ops.filter((op) => op === 'GetIdToken')).toHaveLength(2)
    expect(ops.filter((op) => op === 'AssumeRoleWithWebIdentity')).toHaveLength(2)
  })

  it('explains a duration above the role maximum', async () => {
    const run = await runScenario(emu, 'default', {
      inputs: { 'role-duration-seconds': '7200' }
    })
    expect(run.exitCode).toBe(1)
    expect(run.summary).toContain('max-session-duration')
  })
})

describe('credentials already in the environment', () => {
  it('uses them as they are, proves them, and does not re-export them', async () => {
    const runner = loadScenario('default').environmentCredentials[0]
    if (runner === undefined) throw new Error('default scenario has runner credentials')
    const run = await runScenario(emu, 'default', {
      inputs: { 'role-to-assume': '' },
      env: {
        AWS_ACCESS_KEY_ID: runner.accessKeyId,
        AWS_SECRET_ACCESS_KEY: runner.secretAccessKey,
        ...(runner.sessionToken !== undefined ? { AWS_SESSION_TOKEN: runner.sessionToken } : {})
      }
    })
    expect(run.exitCode).toBe(0)
    expect(run.outputs['authenticated-arn']).toBe(runner.arn)
    expect(run.env.AWS_ACCESS_KEY_ID).toBeUndefined()
    expect(run.env.CLAUDE_CODE_USE_BEDROCK).toBe('1')
    const probes = emu.requests.filter((r) => r.service === 'bedrock-runtime')
    expect(probes.length).toBeGreaterThan(0)
    expect(probes.every((r) => r.accessKeyId === runner.accessKeyId)).toBe(true)
    expect(publicChannels(run)).not.toContain(runner.secretAccessKey)
  })

  it('fails with the ways to provide credentials when there are none', async () => {
    const run = await runScenario(emu, 'default', { inputs: { 'role-to-assume': '' } })
    expect(run.exitCode).toBe(1)
    expect(run.summary).toContain('role-to-assume')
    expect(run.summary).toContain('configure-aws-credentials')
    expect(run.envFileText).toBe('')
  })

  it('refuses credentials of an account outside allowed-account-ids and exports nothing', async () => {
    const runner = loadScenario('default').environmentCredentials[0]
    if (runner === undefined) throw new Error('default scenario has runner credentials')
    const run = await runScenario(emu, 'default', {
      inputs: { 'role-to-assume': '', 'allowed-account-ids': '111111111111' },
      env: {
        AWS_ACCESS_KEY_ID: runner.accessKeyId,
        AWS_SECRET_ACCESS_KEY: runner.secretAccessKey,
        ...(runner.sessionToken !== undefined ? { AWS_SESSION_TOKEN: runner.sessionToken } : {})
      }
    })
    expect(run.exitCode).toBe(1)
    expect(errorAnnotations(run).join('\n')).toContain('123456789012')
    expect(run.envFileText).toBe('')
    expect(run.outputs.passed).toBe('false')
    // The account is proven before any Bedrock call is made.
    expect(operations(emu)).toEqual(['GetCallerIdentity'])
  })
})

describe('Bedrock API key', () => {
  it('stands alone: masked, exported, and used for the model calls', async () => {
    const key = loadScenario('default').apiKeys[0]?.key ?? ''
    const run = await runScenario(emu, 'default', {
      inputs: { 'role-to-assume': '', 'bedrock-api-key': key }
    })
    expect(run.exitCode).toBe(0)
    expect(run.masks[0]).toBe(key)
    expect(run.env.AWS_BEARER_TOKEN_BEDROCK).toBe(key)
    expect(run.env.AWS_ACCESS_KEY_ID).toBeUndefined()
    expect(run.env.CLAUDE_CODE_USE_BEDROCK).toBe('1')
    const calls = withoutActorCheck(emu.requests)
    expect(calls.length).toBeGreaterThan(0)
    expect(calls.every((r) => r.auth === 'bearer')).toBe(true)
    expect(publicChannels(run)).not.toContain(key)
    const report = JSON.parse(run.outputs.report ?? '{}') as {
      checks: { id: string; status: string; detail: string }[]
    }
    const identity = report.checks.find((c) => c.id === 'identity')
    expect(identity?.status).toBe('skip')
    expect(identity?.detail).toContain('GetCallerIdentity needs AWS credentials')
  })

  it('beside a role: the role proves the identity, the key makes the model calls', async () => {
    const key = loadScenario('default').apiKeys[0]?.key ?? ''
    const run = await runScenario(emu, 'default', { inputs: { 'bedrock-api-key': key } })
    expect(run.exitCode).toBe(0)
    // Both probes of main, small and the pinned opus, all with the key, as Claude Code will send.
    const probes = emu.requests.filter((r) => r.service === 'bedrock-runtime')
    expect(probes.length).toBe(6)
    expect(probes.every((r) => r.auth === 'bearer')).toBe(true)
    expect(emu.requests.find((r) => r.operation === 'GetCallerIdentity')?.auth).toBe('sigv4')
  })
})

describe('bad input', () => {
  it('fails before any network call, naming the input and the accepted form', async () => {
    const run = await runScenario(emu, 'default', {
      inputs: { 'role-duration-seconds': '90', 'role-to-assume': 'claude-code' }
    })
    expect(run.exitCode).toBe(1)
    const message = errorAnnotations(run).join('\n')
    expect(message).toContain("'role-duration-seconds'")
    expect(message).toContain('900 to 43200')
    expect(message).toContain("'role-to-assume'")
    expect(message).toContain('arn:')
    expect(emu.requests).toHaveLength(0)
    expect(run.stderr).not.toMatch(/\bat .*\(.*:\d+:\d+\)/)
  })

  it('refuses a role outside allowed-account-ids before any call', async () => {
    const run = await runScenario(emu, 'default', {
      inputs: { 'allowed-account-ids': '111111111111, 222222222222' }
    })
    expect(run.exitCode).toBe(1)
    expect(errorAnnotations(run).join('\n')).toContain('allowed-account-ids')
    expect(emu.requests).toHaveLength(0)
  })
})

describe('sessions and renewal', () => {
  it('sets up the renewing profile for later steps by default', async () => {
    const run = await runScenario(emu, 'default', { inputs: { verify: 'none' } })
    expect(run.exitCode).toBe(0)
    expect(run.env.AWS_PROFILE).toBe('setup-claude-bedrock')
    expect(run.env.AWS_CONFIG_FILE).toMatch(/aws-config$/)
    const report = JSON.parse(run.outputs.report ?? '{}') as {
      checks: { id: string; status: string }[]
    }
    expect(report.checks.find((c) => c.id === 'credential-refresh')?.status).toBe('pass')
    // The keys stay exported: anthropics/claude-code-action checks for them.
    expect(run.env.AWS_ACCESS_KEY_ID).toBeDefined()
  })

  it('leaves the plain keys only with refresh-credentials: false', async () => {
    const run = await runScenario(emu, 'default', {
      inputs: { verify: 'none', 'refresh-credentials': 'false' }
    })
    expect(run.exitCode).toBe(0)
    expect(run.env.AWS_PROFILE).toBeUndefined()
    expect(run.env.AWS_CONFIG_FILE).toBeUndefined()
    expect(run.outputs.report).not.toContain('credential-refresh')
  })

  it('warns when the session is too short for an agent step', async () => {
    // Short for an agent step, long for this test: no race with a loaded machine.
    const scenario = loadScenario('short-session')
    scenario.credentialLifetimeSeconds = 60
    const run = await runScenario(emu, scenario, { inputs: { verify: 'none' } })
    expect(run.exitCode).toBe(0)
    const report = JSON.parse(run.outputs.report ?? '{}') as {
      checks: { id: string; status: string; cause?: string; fix?: string }[]
    }
    const credentials = report.checks.find((c) => c.id === 'credentials')
    expect(credentials?.status).toBe('warn')
    expect(credentials?.cause).toContain('ExpiredTokenException')
    expect(credentials?.fix).toContain('role-duration-seconds')
    expect(run.summary).toContain('⚠️')
  })
})

describe('an unexpected failure', () => {
  it('goes through the one top-level handler: a clear message, exit 1, no stack trace', async () => {
    const notAFile = mkdtempSync(path.join(tmpdir(), 'scb-not-a-file-'))
    try {
      const run = await runScenario(emu, 'default', {
        inputs: { verify: 'none' },
        env: { GITHUB_ENV: notAFile }
      })
      expect(run.exitCode).toBe(1)
      expect(errorAnnotations(run).join('\n')).toContain('setup-claude-bedrock failed unexpectedly')
      expect(run.stderr).not.toMatch(/\n\s+at /)
    } finally {
      rmSync(notAFile, { recursive: true, force: true })
    }
  })
})
