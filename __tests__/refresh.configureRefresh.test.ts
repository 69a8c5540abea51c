import { mkdirSync, mkdtempSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import path from 'node:path'
import type { ObtainedCredentials } from '../src/credentials/types.js'
import { cacheKey, readCache } from '../src/refresh/credentialCache.js'
import { configureRefresh, refreshApplies } from '../src/refresh/configureRefresh.js'
import { configFromInputs, readRefreshSettings } from '../src/refresh/refreshSettings.js'

const ROLE = 'arn:aws:iam::123456789012:role/claude-code'
const config = configFromInputs(
  {
    'aws-region': 'eu-west-1',
    'role-to-assume': ROLE,
    'role-session-name': 'nightly',
    'role-duration-seconds': '7200'
  },
  // A job with the OIDC request variables: the role is assumed with GitHub OIDC.
  { ACTIONS_ID_TOKEN_REQUEST_URL: 'https://token.example/', ACTIONS_ID_TOKEN_REQUEST_TOKEN: 'rt' }
)
const expiration = new Date(Date.now() + 7200_000)
const obtained: ObtainedCredentials = {
  origin: 'oidc',
  credentials: {
    accessKeyId: 'ASIASETUP',
    secretAccessKey: 'setup-secret',
    sessionToken: 'setup-token',
    expiration
  }
}

describe('configureRefresh', () => {
  let temp: string
  let home: string
  beforeEach(() => {
    temp = mkdtempSync(path.join(tmpdir(), 'scb-runner-temp-'))
    home = mkdtempSync(path.join(tmpdir(), 'scb-home-'))
  })
  afterEach(() => {
    rmSync(temp, { recursive: true, force: true })
    rmSync(home, { recursive: true, force: true })
  })

  const setup = (env: NodeJS.ProcessEnv = {}) =>
    configureRefresh(config, obtained, {
      env: { RUNNER_TEMP: temp, HOME: home, ...env },
      nodePath: '/opt/node/bin/node',
      scriptPath: '/actions/setup-claude-bedrock/dist/index.js'
    })

  it('exports a profile whose credential_process is the helper of this bundle, all files under RUNNER_TEMP', async () => {
    const result = await setup()
    const configFile = result.variables.find((v) => v.name === 'AWS_CONFIG_FILE')?.value ?? ''
    expect(result.variables).toEqual([
      { name: 'AWS_CONFIG_FILE', value: configFile, secret: false },
      { name: 'AWS_PROFILE', value: 'setup-claude-bedrock', secret: false }
    ])
    for (const file of result.files) {
      expect(file.startsWith(temp + path.sep)).toBe(true)
      if (process.platform !== 'win32') expect(statSync(file).mode & 0o777).toBe(0o600)
    }
    const settingsFile = result.files.find((f) => f.endsWith('refresh.json')) ?? ''
    expect(readFileSync(configFile, 'utf8')).toContain(
      `[profile setup-claude-bedrock]\nregion = eu-west-1\ncredential_process = /opt/node/bin/node /actions/setup-claude-bedrock/dist/index.js credential-process --settings ${settingsFile}\n`
    )
  })

  it('writes settings the helper reads back, without any secret', async () => {
    const result = await setup()
    const settingsFile = result.files.find((f) => f.endsWith('refresh.json')) ?? ''
    const text = readFileSync(settingsFile, 'utf8')
    for (const secret of ['ASIASETUP', 'setup-secret', 'setup-token'])
      expect(text).not.toContain(secret)
    const settings = readRefreshSettings(settingsFile)
    expect(settings.inputs).toEqual({
      'aws-region': 'eu-west-1',
      'role-to-assume': ROLE,
      audience: 'sts.amazonaws.com',
      'role-session-name': 'nightly',
      'role-duration-seconds': '7200',
      'role-chaining': 'false'
    })
    // The helper's environment may lack the OIDC variables: the source is written resolved.
    const reread = configFromInputs(settings.inputs, {})
    expect(reread.roleSource?.kind).toBe('github-oidc')
    expect({ ...reread, roleSource: undefined, roleChaining: undefined }).toEqual({
      ...config,
      roleSource: undefined,
      roleChaining: undefined
    })
  })

  it("seeds the helper's cache with the credentials just obtained", async () => {
    const result = await setup()
    const settings = readRefreshSettings(result.files.find((f) => f.endsWith('refresh.json')) ?? '')
    const cached = readCache(settings.cache ?? '', cacheKey(config))
    expect(cached?.credentials).toEqual(obtained.credentials)
  })

  it("copies the user's ~/.aws/config and leaves it untouched", async () => {
    mkdirSync(path.join(home, '.aws'))
    const user =
      '[default]\nregion = us-west-2\n\n[profile tools]\nrole_arn = arn:aws:iam::111111111111:role/tools\n'
    writeFileSync(path.join(home, '.aws', 'config'), user)
    const result = await setup()
    expect(readFileSync(path.join(home, '.aws', 'config'), 'utf8')).toBe(user)
    const copy = readFileSync(result.variables[0]?.value ?? '', 'utf8')
    expect(copy.startsWith(user)).toBe(true)
    expect(result.notes.join('\n')).toContain('was copied, not modified')
  })

  it('reads AWS_CONFIG_FILE when set, and replaces its own profile from an earlier setup', async () => {
    const first = await setup()
    const firstConfig = first.variables[0]?.value ?? ''
    const second = await setup({ AWS_CONFIG_FILE: firstConfig })
    const text = readFileSync(second.variables[0]?.value ?? '', 'utf8')
    expect(text.match(/\[profile setup-claude-bedrock\]/g)).toHaveLength(1)
    expect(text).toContain(second.files.find((f) => f.endsWith('refresh.json')) ?? 'missing')
    expect(second.notes.join('\n')).toContain('was replaced')
  })

  it('explains in its notes what later steps get', async () => {
    const notes = (await setup()).notes.join('\n')
    expect(notes).toContain('AWS_PROFILE=setup-claude-bedrock')
    expect(notes).toContain(expiration.toISOString())
    expect(notes).toContain('claude-code-action')
    for (const secret of ['ASIASETUP', 'setup-secret', 'setup-token'])
      expect(notes).not.toContain(secret)
  })
})

describe('refreshApplies', () => {
  const noExport = configFromInputs(
    { 'aws-region': 'us-east-1', 'role-to-assume': ROLE, 'export-credentials': 'false' },
    {}
  )
  const environment: ObtainedCredentials = {
    origin: 'environment',
    credentials: obtained.credentials
  }
  const noExpiry: ObtainedCredentials = {
    origin: 'oidc',
    credentials: { accessKeyId: 'A', secretAccessKey: 's' }
  }
  it.each([
    ['applies: enabled, OIDC, exported', true, config, obtained, true],
    ['not when disabled', false, config, obtained, false],
    ['not with export-credentials false', true, noExport, obtained, false],
    ["not to the user's own credentials", true, config, environment, false],
    ['not to credentials without expiry', true, config, noExpiry, false],
    ['not without credentials', true, config, undefined, false]
  ])('%s', (_name, enabled, cfg, creds, expected) => {
    expect(
      refreshApplies(
        enabled as boolean,
        cfg as typeof config,
        creds as ObtainedCredentials | undefined
      )
    ).toBe(expected)
  })
})
