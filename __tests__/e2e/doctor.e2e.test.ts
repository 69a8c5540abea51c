// `node dist/index.js doctor`, run as a person runs it: the bundle as a child process, a temporary
// HOME with its own ~/.aws and ~/.claude, and the local emulator in place of AWS.
import { execFile } from 'node:child_process'
import { existsSync, mkdirSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import path from 'node:path'
import { fileURLToPath } from 'node:url'
import { loadScenario, type Scenario } from '../../emulator/index.ts'
import { useEmulator } from '../../__fixtures__/emulator.ts'
import { declaredInputs } from '../../emulator/runner/runAction.ts'

const emu = useEmulator()
const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..')
const bundle = path.join(root, 'dist', 'index.js')

const defaults = loadScenario('default')
const ciUser = defaults.environmentCredentials.find((c) => c.accessKeyId.startsWith('AKIA'))
const apiKey = defaults.apiKeys[0]?.key
if (ciUser === undefined || apiKey === undefined) {
  throw new Error('the default scenario has an IAM user and an API key')
}

interface DoctorRun {
  readonly code: number
  readonly stdout: string
  readonly stderr: string
  readonly home: string
}

/** A clean machine: only PATH, a new HOME, the emulator's endpoints and what the test adds. */
function doctor(
  args: string[],
  env: Record<string, string> = {},
  home = newHome()
): Promise<DoctorRun> {
  const endpoints = emu.runnerEnv()
  return new Promise((resolve) => {
    execFile(
      process.execPath,
      [bundle, 'doctor', ...args],
      {
        env: {
          PATH: process.env.PATH ?? '',
          HOME: home,
          USERPROFILE: home,
          AWS_ENDPOINT_URL_STS: endpoints.AWS_ENDPOINT_URL_STS ?? '',
          AWS_ENDPOINT_URL_BEDROCK: endpoints.AWS_ENDPOINT_URL_BEDROCK ?? '',
          AWS_ENDPOINT_URL_BEDROCK_RUNTIME: endpoints.AWS_ENDPOINT_URL_BEDROCK_RUNTIME ?? '',
          AWS_ENDPOINT_URL_SERVICE_QUOTAS: endpoints.AWS_ENDPOINT_URL_SERVICE_QUOTAS ?? '',
          // Nothing may come from the instance metadata service on a test machine.
          AWS_EC2_METADATA_DISABLED: 'true',
          ...env
        }
      },
      (error, stdout, stderr) => {
        const code = error === null ? 0 : typeof error.code === 'number' ? error.code : -1
        resolve({ code, stdout, stderr, home })
      }
    )
  })
}

function newHome(): string {
  return mkdtempSync(path.join(tmpdir(), 'doctor-home-'))
}

const keys = {
  AWS_ACCESS_KEY_ID: ciUser.accessKeyId,
  AWS_SECRET_ACCESS_KEY: ciUser.secretAccessKey
}

/** Every secret the test put on the machine: none may be printed. */
const SECRETS = [ciUser.secretAccessKey, apiKey]
function expectNoSecret(run: DoctorRun): void {
  for (const secret of SECRETS) {
    expect(run.stdout).not.toContain(secret)
    expect(run.stderr).not.toContain(secret)
  }
}

function report(run: DoctorRun): {
  passed: boolean
  checks: Array<{ id: string; status: string; detail: string; cause?: string; fix?: string }>
} {
  return JSON.parse(run.stdout)
}

function writeAwsConfig(home: string, text: string): void {
  mkdirSync(path.join(home, '.aws'), { recursive: true })
  writeFileSync(path.join(home, '.aws', 'config'), text)
}

describe('doctor with environment keys', () => {
  it('runs the action checks and prints the report as JSON, exit 0', async () => {
    const run = await doctor(['--region', 'us-east-1', '--json'], keys)
    expect(run.stderr).toBe('')
    expect(run.code).toBe(0)
    const result = report(run)
    expect(result.passed).toBe(true)
    expect(result.checks.find((c) => c.id === 'identity')?.detail).toContain(ciUser.arn)
    expect(result.checks.find((c) => c.id === 'model-invoke:main')?.status).toBe('pass')
    const signed = emu.requests.filter((r) => r.auth === 'sigv4')
    expect(signed.length).toBeGreaterThan(0)
    expect(signed.every((r) => r.accessKeyId === ciUser.accessKeyId)).toBe(true)
    expectNoSecret(run)
  })

  it('renders the report for a terminal without colour when not on a TTY', async () => {
    const run = await doctor(['--region', 'us-east-1'], keys)
    expect(run.code).toBe(0)
    expect(run.stdout).toContain('Claude Code on Amazon Bedrock')
    expect(run.stdout).toMatch(/Ready/)
    expect(run.stdout).not.toContain('\x1b[')
    expect(run.stdout).not.toContain('Report JSON')
    expectNoSecret(run)
  })

  const denied: Array<[string, string[], RegExp]> = [
    ['may not call the model at all', [], /bedrock:InvokeModel(?!WithResponseStream)/],
    [
      'may call but not stream from the model',
      ['bedrock:InvokeModel'],
      /bedrock:InvokeModelWithResponseStream/
    ]
  ]
  it.each(denied)(
    'exits 1 naming the denied action when the credentials %s',
    async (_name, invokeActions, deniedAction) => {
      const scenario: Scenario = structuredClone(defaults)
      const user = scenario.environmentCredentials.find((c) => c.accessKeyId === ciUser.accessKeyId)
      if (user === undefined) throw new Error('user')
      user.policy = [
        {
          effect: 'Allow',
          actions: ['bedrock:List*', 'bedrock:Get*', ...invokeActions],
          resources: ['*']
        }
      ]
      emu.setScenario(scenario)
      const run = await doctor(['--region', 'us-east-1', '--json'], keys)
      expect(run.code).toBe(1)
      const main = report(run).checks.find((c) => c.status === 'fail' && c.id.endsWith(':main'))
      expect(main?.cause).toMatch(deniedAction)
      expect(main?.fix).toMatch(/"Action"/)
      expectNoSecret(run)
    }
  )
})

describe('doctor and the capacity pre-flight', () => {
  const runner = defaults.environmentCredentials.find((c) => c.accessKeyId.startsWith('ASIA'))
  if (runner === undefined) throw new Error('the default scenario has runner credentials')
  const runnerKeys = {
    AWS_ACCESS_KEY_ID: runner.accessKeyId,
    AWS_SECRET_ACCESS_KEY: runner.secretAccessKey,
    AWS_SESSION_TOKEN: runner.sessionToken ?? ''
  }

  it('waits for the whole listing (no post step on a laptop), then asks by code from ~/.cache', async () => {
    emu.setScenario(loadScenario('many-quota-pages'))
    const home = newHome()
    const first = await doctor(['--region', 'us-east-1', '--json'], runnerKeys, home)
    expect(first.code).toBe(0)
    const capacity = report(first).checks.find((c) => c.id === 'capacity:main')
    expect(capacity?.status).toBe('pass')
    expect(capacity?.detail).toMatch(
      /^"Cross-Region InvokeModel tokens per minute for .*: 2,000,000 tokens per minute,/
    )
    const quotaCalls = (): string[] =>
      emu.requests.filter((r) => r.service === 'servicequotas').map((r) => r.operation)
    expect(quotaCalls()).toEqual(Array(7).fill('ListServiceQuotas'))
    const cacheFile = path.join(
      home,
      '.cache',
      'setup-claude-bedrock',
      'service-quota-codes',
      'us-east-1.json'
    )
    expect(existsSync(cacheFile)).toBe(true)

    emu.clearRequests()
    const second = await doctor(['--region', 'us-east-1', '--json'], runnerKeys, home)
    expect(report(second).checks.find((c) => c.id === 'capacity:main')?.status).toBe('pass')
    expect(quotaCalls().every((operation) => operation === 'GetServiceQuota')).toBe(true)
    expect(quotaCalls().length).toBeGreaterThan(0)
  })

  it('without Service Quotas permissions it is a skip naming the permission', async () => {
    const run = await doctor(['--region', 'us-east-1', '--json'], keys)
    expect(report(run).checks.find((c) => c.id === 'capacity:main')?.detail).toMatch(
      /may not call `servicequotas:ListServiceQuotas`/
    )
  })
})

describe('doctor with profiles', () => {
  // credential_process stands in for SSO: the SDK resolves both through the profile.
  const processProfile = (name: string, region: string) =>
    [
      `[profile ${name}]`,
      `credential_process = "${process.execPath}" -e "console.log(JSON.stringify({Version:1,AccessKeyId:'${ciUser.accessKeyId}',SecretAccessKey:'${ciUser.secretAccessKey}'}))"`,
      `region = ${region}`,
      ''
    ].join('\n')

  it('uses --profile, and the region of that profile when no other is given', async () => {
    const home = newHome()
    writeAwsConfig(home, processProfile('dev', 'eu-west-1'))
    const run = await doctor(['--profile', 'dev', '--json'], {}, home)
    expect(run.code).toBe(0)
    expect(report(run).passed).toBe(true)
    const runtime = emu.requests.filter((r) => r.service === 'bedrock-runtime')
    expect(runtime.length).toBeGreaterThan(0)
    expect(runtime.every((r) => r.region === 'eu-west-1')).toBe(true)
    expect(
      emu.requests
        .filter((r) => r.auth === 'sigv4')
        .every((r) => r.accessKeyId === ciUser.accessKeyId)
    ).toBe(true)
    expectNoSecret(run)
  })

  it('uses AWS_PROFILE like the SDK does', async () => {
    const home = newHome()
    writeAwsConfig(home, processProfile('team', 'us-west-2'))
    const run = await doctor(['--json'], { AWS_PROFILE: 'team' }, home)
    expect(run.code).toBe(0)
    expect(emu.requests.some((r) => r.region === 'us-west-2')).toBe(true)
  })

  it('names a profile that does not exist and how to find the right one', async () => {
    const run = await doctor(['--profile', 'nope', '--region', 'us-east-1', '--json'])
    expect(run.code).toBe(1)
    const credentials = report(run).checks.find((c) => c.id === 'credentials')
    expect(credentials?.cause).toMatch(/profile "nope" does not exist/)
    expect(credentials?.fix).toContain('aws configure list-profiles')
    expect(emu.requests).toHaveLength(0)
  })

  it('names a missing profile before asking for a region', async () => {
    const run = await doctor(['--profile', 'nope'])
    expect(run.code).toBe(1)
    expect(run.stderr).toMatch(/profile "nope" does not exist/)
    expect(run.stderr).not.toMatch(/--region/)
    expect(emu.requests).toHaveLength(0)
  })

  it('names the profile and its credential_process when that command fails', async () => {
    const home = newHome()
    writeAwsConfig(
      home,
      `[profile broken]\ncredential_process = "${process.execPath}" -e "process.exit(3)"\nregion = us-east-1\n`
    )
    const run = await doctor(['--profile', 'broken', '--json'], {}, home)
    expect(run.code).toBe(1)
    const credentials = report(run).checks.find((c) => c.id === 'credentials')
    expect(credentials?.cause).toMatch(/credential_process of profile "broken"/)
    expect(credentials?.fix).toContain('process.exit(3)')
  })

  it('labels profile credentials as the profile, not the environment', async () => {
    const home = newHome()
    writeAwsConfig(home, processProfile('labelled', 'us-east-1'))
    const run = await doctor(['--profile', 'labelled', '--json'], {}, home)
    expect(report(run).checks.find((c) => c.id === 'credentials')?.detail).toMatch(
      /AWS profile `labelled`/
    )
  })

  it('tells an SSO profile without a session to sign in with aws sso login', async () => {
    const home = newHome()
    writeAwsConfig(
      home,
      [
        '[profile corp]',
        'sso_session = corp',
        'sso_account_id = 123456789012',
        'sso_role_name = ClaudeCode',
        'region = us-east-1',
        '[sso-session corp]',
        'sso_start_url = https://corp.awsapps.invalid/start',
        'sso_region = us-east-1',
        ''
      ].join('\n')
    )
    const run = await doctor(['--profile', 'corp', '--json'], {}, home)
    expect(run.code).toBe(1)
    const credentials = report(run).checks.find((c) => c.id === 'credentials')
    expect(credentials?.cause).toMatch(/SSO\) session of profile "corp"/)
    expect(credentials?.fix).toContain('aws sso login --profile corp')
    expect(emu.requests).toHaveLength(0)
  })
})

describe('doctor with --role-to-assume', () => {
  it('assumes the CI role from the profile (AssumeRole), then checks as that role', async () => {
    const scenario = loadScenario('self-hosted-runner')
    const runner = scenario.environmentCredentials.find((c) => c.accessKeyId.startsWith('AKIA'))
    if (runner === undefined) throw new Error('the scenario has a runner user')
    emu.setScenario(scenario)
    const home = newHome()
    writeAwsConfig(
      home,
      [
        '[profile runner]',
        `credential_process = "${process.execPath}" -e "console.log(JSON.stringify({Version:1,AccessKeyId:'${runner.accessKeyId}',SecretAccessKey:'${runner.secretAccessKey}'}))"`,
        ''
      ].join('\n')
    )
    const role = 'arn:aws:iam::123456789012:role/claude-code'
    const run = await doctor(
      ['--profile', 'runner', '--region', 'us-east-1', '--role-to-assume', role, '--json'],
      {},
      home
    )
    expect(run.code).toBe(0)
    const assume = emu.requests.filter((r) => r.operation === 'AssumeRole')
    expect(assume).toHaveLength(1)
    expect(assume[0]?.accessKeyId).toBe(runner.accessKeyId)
    expect(emu.requests.some((r) => r.operation === 'AssumeRoleWithWebIdentity')).toBe(false)
    const identity = report(run).checks.find((c) => c.id === 'identity')
    expect(identity?.detail).toContain('assumed-role/claude-code/')
    expect(run.stdout).not.toContain(runner.secretAccessKey)
  })
})

describe('doctor with a Bedrock API key', () => {
  it('verifies with the key alone and never prints it', async () => {
    const run = await doctor(['--region', 'us-east-1', '--json'], {
      AWS_BEARER_TOKEN_BEDROCK: apiKey
    })
    expect(run.code).toBe(0)
    expect(report(run).passed).toBe(true)
    expect(emu.requests.some((r) => r.auth === 'bearer')).toBe(true)
    expectNoSecret(run)
  })
})

describe('doctor speaks in its own terms, never a workflow input', () => {
  const declared = declaredInputs().filter((name) => name.includes('-'))
  /** Multi-word action inputs named as such: not as a flag (`--name`), not inside a longer word. */
  function workflowWords(text: string): string[] {
    return declared.flatMap((name) =>
      [...text.matchAll(new RegExp(`(?<![\\w-])${name}(?![\\w-])`, 'g'))]
        .filter((m) => text.slice(Math.max(0, (m.index ?? 0) - 2), m.index) !== '--')
        .map(() => name)
    )
  }
  // A revoked long-term key: well formed, unknown to Bedrock.
  const revokedKey = `ABSK${Buffer.from(
    `BedrockAPIKey-nobody-at-123456789012:${Buffer.from('NotARealSecret0123456789').toString('base64')}`
  ).toString('base64')}`

  it.each([
    {
      name: 'a role it may not assume',
      args: ['--role-to-assume', 'arn:aws:iam::123456789012:role/claude-code'],
      env: keys,
      says: ['chosen because --role-to-assume was given', '--role-external-id', 'your IAM identity']
    },
    {
      name: 'an API key Bedrock refuses',
      args: [],
      env: { AWS_BEARER_TOKEN_BEDROCK: revokedKey },
      says: [
        'Bedrock did not accept the AWS_BEARER_TOKEN_BEDROCK',
        'set AWS_BEARER_TOKEN_BEDROCK to it'
      ]
    },
    {
      name: 'a geography the region lacks',
      args: ['--inference-profile-prefix', 'eu'],
      env: keys,
      says: ['set --inference-profile-prefix to', 'or --model us.', 'Finished in']
    }
  ])('$name', async ({ args, env, says }) => {
    emu.setScenario(defaults)
    const run = await doctor(['--region', 'us-east-1', ...args], env)
    expect(run.code).toBe(1)
    for (const words of says) expect(run.stdout).toContain(words)
    expect(workflowWords(run.stdout)).toEqual([])
    expect(run.stdout).not.toMatch(/runner|repository or environment secret|Input '/)
    expect(run.stdout).not.toContain('verify: invoke')
  })
})

describe('doctor and Claude Code settings', () => {
  function settingsFile(home: string, data: unknown): string {
    const file = path.join(home, '.claude', 'settings.json')
    mkdirSync(path.dirname(file), { recursive: true })
    writeFileSync(file, JSON.stringify(data, null, 2))
    return file
  }

  it('reports conflicts in the current configuration', async () => {
    const home = newHome()
    settingsFile(home, {
      env: { ANTHROPIC_MODEL: 'eu.anthropic.claude-sonnet-4-6', DISABLE_PROMPT_CACHING: '' }
    })
    const run = await doctor(['--region', 'us-east-1', '--json'], keys, home)
    expect(run.code).toBe(0) // Conflicts warn; the checks decide readiness.
    const warnings = report(run).checks.filter((c) => c.id.startsWith('claude-code-config:'))
    const byName = Object.fromEntries(warnings.map((c) => [c.id.split(':')[1], c]))
    expect(byName.ANTHROPIC_MODEL?.cause).toMatch(/`eu\.` inference profile .* `us\.` profiles/)
    expect(byName.DISABLE_PROMPT_CACHING?.cause).toMatch(/empty value/)
  })

  it('--write-settings merges the verified env, keeps other keys, writes a backup and no credential', async () => {
    const home = newHome()
    const file = settingsFile(home, {
      permissions: { allow: ['Bash(npm test)'] },
      env: { MY_TEAM_VAR: 'keep', ANTHROPIC_MODEL: 'old-model' }
    })
    const run = await doctor(
      ['--region', 'us-east-1', '--write-settings'],
      { ...keys, AWS_BEARER_TOKEN_BEDROCK: apiKey },
      home
    )
    expect(run.code).toBe(0)
    expect(run.stdout).toContain(`Wrote ${file}`)
    expect(run.stdout).toMatch(/- ANTHROPIC_MODEL=old-model\n\s*\+ ANTHROPIC_MODEL=us\.anthropic\./)
    expect(run.stdout).toMatch(/AWS_BEARER_TOKEN_BEDROCK was not written/)
    const written = readFileSync(file, 'utf8')
    const data = JSON.parse(written)
    expect(data.permissions).toEqual({ allow: ['Bash(npm test)'] })
    expect(data.env.MY_TEAM_VAR).toBe('keep')
    expect(data.env.CLAUDE_CODE_USE_BEDROCK).toBe('1')
    expect(data.env.AWS_REGION).toBe('us-east-1')
    expect(data.env.ANTHROPIC_MODEL).toMatch(/^us\.anthropic\.claude-sonnet/)
    for (const secret of [...SECRETS, ciUser.accessKeyId]) expect(written).not.toContain(secret)
    expect(Object.keys(data.env)).not.toEqual(expect.arrayContaining(['AWS_SECRET_ACCESS_KEY']))
    expect(JSON.parse(readFileSync(`${file}.bak`, 'utf8')).env.ANTHROPIC_MODEL).toBe('old-model')
    expectNoSecret(run)
  })

  it('--write-settings writes AWS_PROFILE and awsAuthRefresh for an SSO profile', async () => {
    const home = newHome()
    // A profile that is SSO for the doctor (sso_session) but resolves through credential_process,
    // which the SDK prefers: the test needs no SSO service.
    writeAwsConfig(
      home,
      [
        '[profile corp]',
        `credential_process = "${process.execPath}" -e "console.log(JSON.stringify({Version:1,AccessKeyId:'${ciUser.accessKeyId}',SecretAccessKey:'${ciUser.secretAccessKey}'}))"`,
        'sso_session = corp',
        'region = us-east-1',
        '[sso-session corp]',
        'sso_start_url = https://corp.awsapps.invalid/start',
        'sso_region = us-east-1',
        ''
      ].join('\n')
    )
    const file = path.join(home, 'custom', 'settings.json')
    const run = await doctor(['--profile', 'corp', '--write-settings', file], {}, home)
    expect(run.code).toBe(0)
    const data = JSON.parse(readFileSync(file, 'utf8'))
    expect(data.env.AWS_PROFILE).toBe('corp')
    expect(data.awsAuthRefresh).toBe('aws sso login --profile corp')
    expect(existsSync(`${file}.bak`)).toBe(false)
  })

  it('says in one line when the settings file cannot be written', async () => {
    const home = newHome()
    const blocker = path.join(home, 'not-a-dir')
    writeFileSync(blocker, '')
    const run = await doctor(
      ['--region', 'us-east-1', '--write-settings', path.join(blocker, 'settings.json')],
      keys,
      home
    )
    expect(run.code).toBe(1)
    expect(run.stderr).toMatch(/^Cannot write .*settings\.json: /m)
    expect(run.stderr).not.toMatch(/\n\s+at /)
  })

  it('does not write settings from a failed run', async () => {
    const home = newHome()
    const file = settingsFile(home, { env: { KEEP: '1' } })
    const run = await doctor(
      ['--profile', 'nope', '--region', 'us-east-1', '--write-settings'],
      {},
      home
    )
    expect(run.code).toBe(1)
    expect(run.stderr).toMatch(/Not written/)
    expect(JSON.parse(readFileSync(file, 'utf8'))).toEqual({ env: { KEEP: '1' } })
  })

  it('--print-env prints export lines of the verified, non-secret environment', async () => {
    const run = await doctor(['--region', 'us-east-1', '--print-env'], {
      ...keys,
      AWS_BEARER_TOKEN_BEDROCK: apiKey
    })
    expect(run.code).toBe(0)
    expect(run.stdout).toContain("export CLAUDE_CODE_USE_BEDROCK='1'")
    expect(run.stdout).toMatch(/^export ANTHROPIC_MODEL='us\.anthropic\./m)
    expect(
      run.stdout
        .split('\n')
        .filter(Boolean)
        .every((line) => line.startsWith('export '))
    ).toBe(true)
    expect(run.stdout).not.toContain('AWS_BEARER_TOKEN_BEDROCK')
    expectNoSecret(run)
  })
})

describe('doctor exit codes: 0 ready, 1 not ready, 2 bad flags; --json always prints JSON', () => {
  it('an API key of an account allowed-account-ids does not list is not ready (1), with the report, before any call', async () => {
    const json = await doctor(
      ['--region', 'us-east-1', '--allowed-account-ids', '111111111111', '--json'],
      { AWS_BEARER_TOKEN_BEDROCK: apiKey }
    )
    expect(json.code).toBe(1)
    const refused = report(json)
    expect(refused.passed).toBe(false)
    const check = refused.checks.find((c) => c.id === 'allowed-account')
    expect(check?.status).toBe('fail')
    expect(check?.cause).toContain('111111111111')
    expect(check?.fix).toContain('--allowed-account-ids')
    expect(emu.requests).toHaveLength(0)
    const terminal = await doctor(
      ['--region', 'us-east-1', '--allowed-account-ids', '111111111111'],
      { AWS_BEARER_TOKEN_BEDROCK: apiKey }
    )
    expect(terminal.code).toBe(1)
    expect(terminal.stdout).toContain('Allowed account')
    expectNoSecret(json)
    expectNoSecret(terminal)
  })

  it('an invalid --write-settings file is a usage error (2) before any call; --json still prints JSON', async () => {
    const home = newHome()
    const file = path.join(home, 'settings.json')
    writeFileSync(file, '{ "env": ')
    for (const args of [[], ['--json']]) {
      emu.clearRequests()
      const run = await doctor(
        ['--region', 'us-east-1', '--write-settings', file, ...args],
        keys,
        home
      )
      expect(run.code).toBe(2)
      expect(run.stderr).toContain('is not valid JSON')
      expect(emu.requests).toHaveLength(0)
      if (args.includes('--json')) {
        const stoppedRun = report(run)
        expect(stoppedRun.passed).toBe(false)
        expect(stoppedRun.checks[0]?.cause).toContain('is not valid JSON')
      } else expect(run.stdout).toBe('')
    }
  })

  it('a mistyped flag with --json prints a JSON report of the usage error, exit 2', async () => {
    const run = await doctor(['--json', '--verify', 'maybe'], keys)
    expect(run.code).toBe(2)
    expect(report(run).checks[0]?.cause).toMatch(/--verify must be one of invoke, access, none/)
    expect(emu.requests).toHaveLength(0)
  })

  it('--print-env on a not-ready run prints no export line (eval keeps nothing half-set), exit 1', async () => {
    const run = await doctor(
      ['--region', 'us-east-1', '--model', 'anthropic.claude-nope-9', '--print-env'],
      keys
    )
    expect(run.code).toBe(1)
    expect(run.stdout).toBe('')
    expect(run.stderr).toContain('no export lines printed')
  })
})

describe('doctor usage', () => {
  it('runs as `npx setup-claude-bedrock doctor` from a clone (package.json bin, offline)', async () => {
    const { stdout } = await new Promise<{ stdout: string }>((resolve, reject) => {
      execFile(
        process.platform === 'win32' ? 'npm.cmd' : 'npm',
        ['exec', '--offline', '--', 'setup-claude-bedrock', 'doctor', '--help'],
        { cwd: root, shell: process.platform === 'win32' },
        (error, out) => (error === null ? resolve({ stdout: out }) : reject(error))
      )
    })
    expect(stdout).toMatch(/^Usage: setup-claude-bedrock doctor/)
    expect(readFileSync(bundle, 'utf8').startsWith('#!/usr/bin/env node\n')).toBe(true)
  })

  it('--help documents the flags and exits 0', async () => {
    const run = await doctor(['--help'])
    expect(run.code).toBe(0)
    expect(run.stdout).toMatch(/^Usage: setup-claude-bedrock doctor/)
    expect(run.stdout).toContain('--write-settings [FILE]')
    expect(emu.requests).toHaveLength(0)
  })

  it('answers an unknown command with the usage, never by running the action', async () => {
    const run = await doctor([], keys).then(
      () =>
        new Promise<{ code: number; stderr: string }>((resolve) => {
          execFile(
            process.execPath,
            [bundle, 'doctr'],
            { env: { PATH: process.env.PATH ?? '' } },
            (error, _out, stderr) =>
              resolve({ code: error === null ? 0 : Number(error.code), stderr })
          )
        })
    )
    expect(run.code).toBe(2)
    expect(run.stderr).toMatch(/Unknown command "doctr"[\s\S]*setup-claude-bedrock doctor/)
    expect(run.stderr).not.toContain('::')
  })

  const bad: Array<[string, string[], RegExp]> = [
    ['an unknown flag', ['--modle', 'opus'], /Unknown flag --modle\. Did you mean --model/],
    ['a flag without its value', ['--region'], /--region needs a value/],
    [
      'a bad value, named by its flag',
      ['--region', 'us-east-1', '--verify', 'maybe'],
      /--verify must be one of invoke, access, none/
    ],
    ['a bad region', ['--region', 'mars-1'], /--region must be/]
  ]
  it.each(bad)('refuses %s with exit 2 before any request', async (_name, args, message) => {
    const run = await doctor(args, keys)
    expect(run.code).toBe(2)
    expect(run.stderr).toMatch(message)
    expect(run.stdout).toBe('')
    expect(emu.requests).toHaveLength(0)
  })
})
