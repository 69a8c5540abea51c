// The credential helper in-process against the local emulator: what it prints, where, and when it
// assumes the role again.
import { mkdtempSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import path from 'node:path'
import { loadScenario, startEmulator, type Emulator } from '../emulator/index.ts'
import { cacheKey, readCache, writeCache } from '../src/refresh/credentialCache.js'
import { NESTED_MARKER, runCredentialProcess } from '../src/refresh/credentialProcess.js'
import {
  configFromInputs,
  settingsFromConfig,
  writeRefreshSettings
} from '../src/refresh/refreshSettings.js'

const ROLE = 'arn:aws:iam::123456789012:role/claude-code'
const INPUTS = {
  'aws-region': 'us-east-1',
  'role-to-assume': ROLE,
  'role-session-name': 'refresh-test',
  // As the setup step writes it for a role assumed with GitHub OIDC.
  'role-chaining': 'false'
}

let emulator: Emulator
let dir: string
let settingsFile: string
let cacheFile: string

beforeAll(async () => {
  emulator = await startEmulator()
})
afterAll(async () => {
  await emulator.close()
})
beforeEach(() => {
  emulator.setScenario(loadScenario('default'))
  emulator.clearRequests()
  dir = mkdtempSync(path.join(tmpdir(), 'scb-helper-'))
  settingsFile = path.join(dir, 'refresh.json')
  cacheFile = path.join(dir, 'credentials.json')
  writeRefreshSettings(
    settingsFile,
    settingsFromConfig(configFromInputs(INPUTS, emulator.runnerEnv()), cacheFile)
  )
})
afterEach(() => rmSync(dir, { recursive: true, force: true }))

/** Runs the helper as its entry point does: `env` is also the process environment the SDK reads. */
async function helper(argv: string[], env: NodeJS.ProcessEnv = emulator.runnerEnv()) {
  let stdout = ''
  let stderr = ''
  const saved = process.env.AWS_ENDPOINT_URL_STS
  process.env.AWS_ENDPOINT_URL_STS = env.AWS_ENDPOINT_URL_STS
  try {
    const code = await runCredentialProcess(argv, env, {
      stdout: (text) => (stdout += text),
      stderr: (text) => (stderr += text),
      now: Date.now
    })
    return { code, stdout, stderr }
  } finally {
    if (saved === undefined) delete process.env.AWS_ENDPOINT_URL_STS
    else process.env.AWS_ENDPOINT_URL_STS = saved
  }
}

const assumed = () => emulator.requests.filter((r) => r.operation === 'AssumeRoleWithWebIdentity')
const withoutOidc = (): NodeJS.ProcessEnv => {
  const env: NodeJS.ProcessEnv = emulator.runnerEnv()
  delete env.ACTIONS_ID_TOKEN_REQUEST_URL
  delete env.ACTIONS_ID_TOKEN_REQUEST_TOKEN
  return env
}

describe('credential-process', () => {
  it.each([['--help'], ['-h'], ['--settings', 'x', '--help']])(
    '%s prints the complete usage and exits 0 without any call',
    async (...argv) => {
      const run = await helper(argv)
      expect(run.code).toBe(0)
      expect(run.stderr).toBe('')
      for (const part of [
        '--format aws|claude',
        'awsCredentialExport',
        'ACTIONS_ID_TOKEN_REQUEST_URL',
        'id-token: write',
        'Exit codes'
      ]) {
        expect(run.stdout).toContain(part)
      }
      expect(emulator.requests).toHaveLength(0)
    }
  )

  it('assumes the role with a fresh OIDC token and prints only the credential_process JSON', async () => {
    const run = await helper(['--settings', settingsFile])
    expect(run.code).toBe(0)
    expect(run.stderr).toBe('')
    const printed = JSON.parse(run.stdout) as Record<string, unknown>
    expect(Object.keys(printed).sort()).toEqual([
      'AccessKeyId',
      'Expiration',
      'SecretAccessKey',
      'SessionToken',
      'Version'
    ])
    expect(printed.Version).toBe(1)
    expect(printed.AccessKeyId).toMatch(/^ASIA/)
    expect(Date.parse(String(printed.Expiration)) - Date.now()).toBeGreaterThan(3500_000)
    expect(emulator.requests.map((r) => r.operation)).toEqual([
      'GetIdToken',
      'AssumeRoleWithWebIdentity'
    ])
    expect(emulator.issuedSecrets()).toContain(printed.SessionToken)
  })

  it('serves its cache while the credentials are fresh, without calling STS again', async () => {
    const first = await helper(['--settings', settingsFile])
    const second = await helper(['--settings', settingsFile, '--format', 'claude'])
    expect(second.code).toBe(0)
    const { Credentials } = JSON.parse(second.stdout) as { Credentials: Record<string, unknown> }
    expect(Credentials.AccessKeyId).toBe(
      (JSON.parse(first.stdout) as Record<string, unknown>).AccessKeyId
    )
    expect(assumed()).toHaveLength(1)
    expect(
      readCache(cacheFile, cacheKey(configFromInputs(INPUTS, {})))?.credentials.accessKeyId
    ).toBe(Credentials.AccessKeyId)
  })

  it('assumes the role again when the cached credentials are near expiry', async () => {
    const short = loadScenario('default')
    short.credentialLifetimeSeconds = 45
    emulator.setScenario(short)
    const first = JSON.parse((await helper(['--settings', settingsFile])).stdout) as Record<
      string,
      unknown
    >
    const second = JSON.parse((await helper(['--settings', settingsFile])).stdout) as Record<
      string,
      unknown
    >
    expect(second.AccessKeyId).not.toBe(first.AccessKeyId)
    expect(assumed()).toHaveLength(2)
  })

  it('with --no-cache, neither reads nor writes the cache', async () => {
    await helper(['--settings', settingsFile, '--no-cache'])
    await helper(['--settings', settingsFile, '--no-cache'])
    expect(assumed()).toHaveLength(2)
    expect(readCache(cacheFile, cacheKey(configFromInputs(INPUTS, {})))).toBeUndefined()
  })

  it('works from command-line flags alone', async () => {
    const run = await helper([
      '--role-arn',
      ROLE,
      '--region',
      'us-east-1',
      '--session-name',
      'flags-only',
      '--no-cache'
    ])
    expect(run.code).toBe(0)
    expect(assumed()).toHaveLength(1)
  })

  it('without the OIDC variables and nothing cached, fails and says why', async () => {
    const run = await helper(['--settings', settingsFile], withoutOidc())
    expect(run.code).toBe(1)
    expect(run.stdout).toBe('')
    expect(run.stderr).toContain('id-token: write')
    expect(run.stderr).toContain('claude-code-action')
    expect(run.stderr).toContain('role-duration-seconds')
    expect(emulator.requests).toHaveLength(0)
  })

  it('without the OIDC variables, serves cached credentials that still work, with a warning', async () => {
    const key = cacheKey(configFromInputs(INPUTS, {}))
    const now = Date.now()
    writeCache(cacheFile, key, {
      credentials: {
        accessKeyId: 'ASIACACHED',
        secretAccessKey: 's',
        sessionToken: 't',
        expiration: new Date(now + 120_000)
      },
      obtainedAt: new Date(now - 3480_000)
    })
    const run = await helper(['--settings', settingsFile], withoutOidc())
    expect(run.code).toBe(0)
    expect((JSON.parse(run.stdout) as Record<string, unknown>).AccessKeyId).toBe('ASIACACHED')
    expect(run.stderr).toMatch(/warning: .*no GitHub OIDC token request variables/)
    expect(run.stderr).toContain('Serving the cached credentials, valid until')
    expect(run.stderr).not.toContain('ASIACACHED')
  })

  it('when the role refuses the token, prints the diagnosis on stderr and no secret anywhere', async () => {
    emulator.setScenario(loadScenario('trust-mismatch'))
    const run = await helper(['--settings', settingsFile])
    expect(run.code).toBe(1)
    expect(run.stdout).toBe('')
    expect(run.stderr).toContain('repo:octo-org/octo-repo')
    for (const secret of emulator.issuedSecrets()) expect(run.stderr).not.toContain(secret)
  })

  it('when STS cannot be reached, fails with the network reason', async () => {
    const env = {
      ...emulator.runnerEnv(),
      AWS_ENDPOINT_URL_STS: 'http://127.0.0.1:9',
      SETUP_CLAUDE_BEDROCK_CONNECT_TIMEOUT_MS: '500'
    }
    const run = await helper(['--settings', settingsFile, '--no-cache'], env)
    expect(run.code).toBe(1)
    expect(run.stdout).toBe('')
    expect(run.stderr).toMatch(/ECONNREFUSED|connect|reach/i)
  })

  it.each([
    ['a usage error', ['--format', 'yaml', '--settings', 'x'], 2, /--format must be one of/],
    [
      'a missing settings file',
      ['--settings', '/nonexistent/refresh.json'],
      2,
      /Cannot read the settings file/
    ],
    [
      'a bad input in the flags, named by the flag typed',
      ['--role-arn', 'not-an-arn', '--region', 'us-east-1'],
      2,
      /credential-process: --role-arn must be an IAM role ARN/
    ],
    [
      'a bad input by its input-named flag',
      ['--role-to-assume', 'arn:aws:iam::123456789012:role/r', '--role-duration-seconds', '5'],
      2,
      /--region must be an AWS region code[\s\S]*--role-duration-seconds must be a whole number/
    ]
  ])('exits %#: %s', async (_name, argv, code, message) => {
    const run = await helper(argv)
    expect(run.code).toBe(code)
    expect(run.stdout).toBe('')
    expect(run.stderr).toMatch(message)
    // Its user typed flags: no message names an action input the way a workflow does.
    expect(run.stderr).not.toContain("Input '")
  })

  it('refuses to run inside itself', async () => {
    const run = await helper(['--settings', settingsFile], {
      ...emulator.runnerEnv(),
      [NESTED_MARKER]: '1'
    })
    expect(run.code).toBe(1)
    expect(run.stderr).toContain('started by itself')
    expect(emulator.requests).toHaveLength(0)
  })
})
