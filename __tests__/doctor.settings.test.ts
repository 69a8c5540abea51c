import { mkdtempSync, readFileSync, statSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import path from 'node:path'
import { readClaudeSettings, SettingsFileError } from '../src/doctor/claudeSettings.js'
import { configuredNow, findConflicts } from '../src/doctor/configuredNow.js'
import { planSettings, renderSettingsDiff, writeSettingsFile } from '../src/doctor/writeSettings.js'
import type { ExportedVariable } from '../src/report/types.js'

const dir = () => mkdtempSync(path.join(tmpdir(), 'doctor-settings-'))
const plain = (name: string, value: string): ExportedVariable => ({ name, value, secret: false })
const secret = (name: string, value: string): ExportedVariable => ({ name, value, secret: true })
const SECRET_KEY = 'wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY'

describe('readClaudeSettings', () => {
  it('reads env strings and keeps the whole object', () => {
    const file = path.join(dir(), 'settings.json')
    writeFileSync(file, JSON.stringify({ model: 'opus', env: { A: '1', N: 2 }, permissions: {} }))
    const settings = readClaudeSettings(file)
    expect(settings.exists).toBe(true)
    expect(settings.env).toEqual({ A: '1' })
    expect(settings.data.permissions).toEqual({})
  })

  it('treats a missing file as empty', () => {
    expect(readClaudeSettings(path.join(dir(), 'none.json'))).toMatchObject({
      exists: false,
      env: {}
    })
  })

  it.each([
    ['not JSON', '{ env: ', /not valid JSON/],
    ['an array', '[]', /must hold a JSON object; it holds an array/],
    ['env not an object', '{"env": "A=1"}', /"env" must be an object/]
  ])('refuses a file that is %s', (_name, text, message) => {
    const file = path.join(dir(), 'settings.json')
    writeFileSync(file, text)
    expect(() => readClaudeSettings(file)).toThrow(SettingsFileError)
    expect(() => readClaudeSettings(file)).toThrow(message)
  })
})

describe('configuredNow and findConflicts', () => {
  const context = {
    region: 'eu-west-1',
    offered: (id: string) => id.startsWith('eu.') || id.startsWith('global.'),
    verified: { ANTHROPIC_MODEL: 'eu.anthropic.claude-sonnet-4-6' },
    verifiedHow: 'verified now',
    pinFamilies: true,
    settingsPath: '/h/.claude/settings.json',
    routing: {
      region: 'eu-west-1',
      runtimeEndpoint: 'https://bedrock-runtime.eu-west-1.amazonaws.com/',
      awsRuntimeHost: true,
      smallModelRegion: 'eu-west-1'
    }
  }

  it("applies the action's routing rules to the shell: another base URL, unsigned requests", () => {
    const values = configuredNow(
      {
        ANTHROPIC_BEDROCK_BASE_URL: 'https://old-gateway.example.com',
        CLAUDE_CODE_USE_BEDROCK: '1'
      },
      { CLAUDE_CODE_SKIP_BEDROCK_AUTH: '1' }
    )
    const byName = Object.fromEntries(findConflicts(values, context).map((c) => [c.name, c]))
    expect(byName.ANTHROPIC_BEDROCK_BASE_URL?.severity).toBe('fail')
    expect(byName.ANTHROPIC_BEDROCK_BASE_URL?.problem).toMatch(/in your shell sends Claude Code/)
    expect(byName.ANTHROPIC_BEDROCK_BASE_URL?.fix).toMatch(
      /--bedrock-runtime-endpoint https:\/\/old-gateway\.example\.com/
    )
    expect(byName.CLAUDE_CODE_SKIP_BEDROCK_AUTH?.severity).toBe('fail')
    expect(byName.CLAUDE_CODE_SKIP_BEDROCK_AUTH?.fix).toMatch(/in \/h\/\.claude\/settings\.json/)
  })

  it('lets settings.json win over the shell', () => {
    expect(
      configuredNow({ ANTHROPIC_MODEL: 'a', AWS_REGION: 'eu-west-1' }, { ANTHROPIC_MODEL: 'b' })
    ).toEqual([
      { name: 'AWS_REGION', value: 'eu-west-1', source: 'shell' },
      { name: 'ANTHROPIC_MODEL', value: 'b', source: 'settings' }
    ])
  })

  it('finds empty values, other geographies, ids not offered and unpinned families', () => {
    const values = configuredNow(
      { AWS_BEARER_TOKEN_BEDROCK: '', ANTHROPIC_DEFAULT_OPUS_MODEL: 'eu.anthropic.claude-opus-9' },
      {
        ANTHROPIC_MODEL: 'us.anthropic.claude-sonnet-4-6',
        ANTHROPIC_SMALL_FAST_MODEL: 'global.anthropic.claude-haiku-4-5-20251001-v1:0[1m]'
      }
    )
    const conflicts = findConflicts(values, {
      ...context,
      offered: (id) => id !== 'eu.anthropic.claude-opus-9' && context.offered(id)
    })
    const byName = Object.fromEntries(conflicts.map((c) => [c.name, c]))
    expect(byName.AWS_BEARER_TOKEN_BEDROCK?.problem).toMatch(/empty value in your shell/)
    expect(byName.ANTHROPIC_MODEL?.problem).toMatch(
      /`us\.` inference profile in .*settings\.json.*`eu\.` profiles/
    )
    expect(byName.ANTHROPIC_MODEL?.fix).toContain('ANTHROPIC_MODEL=eu.anthropic.claude-sonnet-4-6')
    expect(byName.ANTHROPIC_DEFAULT_OPUS_MODEL?.problem).toMatch(
      /not a model or inference profile Bedrock offers in eu-west-1/
    )
    expect(byName.ANTHROPIC_DEFAULT_SONNET_MODEL?.problem).toMatch(/is not set/)
    // The deprecated small-model name pins the Haiku slot; a global profile is offered here.
    expect(byName.ANTHROPIC_DEFAULT_HAIKU_MODEL).toBeUndefined()
    expect(byName.ANTHROPIC_SMALL_FAST_MODEL).toBeUndefined()
  })

  it('finds Bedrock switched off or unset, another profile, and credentials stored in settings', () => {
    const conflictsOf = (shell: NodeJS.ProcessEnv, settings: Record<string, string>) =>
      Object.fromEntries(
        findConflicts(configuredNow(shell, settings), { ...context, profile: 'dev' }).map((c) => [
          c.name,
          c
        ])
      )
    expect(conflictsOf({}, {}).CLAUDE_CODE_USE_BEDROCK?.problem).toMatch(
      /not set: Claude Code uses the Anthropic API/
    )
    const found = conflictsOf(
      { CLAUDE_CODE_USE_BEDROCK: '0', AWS_SECRET_ACCESS_KEY: SECRET_KEY },
      { AWS_PROFILE: 'other', AWS_ACCESS_KEY_ID: 'AKIAIOSFODNN7EXAMPLE' }
    )
    expect(found.CLAUDE_CODE_USE_BEDROCK?.problem).toMatch(
      /is "0" in your shell: Claude Code will not use Bedrock/
    )
    expect(found.AWS_PROFILE?.problem).toMatch(/AWS_PROFILE is other .* used profile dev/)
    expect(found.AWS_ACCESS_KEY_ID?.problem).toMatch(/stored in .*settings\.json/)
    // A key in the shell is how a person may well work: not a settings problem.
    expect(found.AWS_SECRET_ACCESS_KEY).toBeUndefined()
    for (const conflict of Object.values(found))
      expect(JSON.stringify(conflict)).not.toContain(SECRET_KEY)
  })

  it('does not ask for family pins when pin-families is off, and says how values were established', () => {
    const unpinned = findConflicts([], { ...context, pinFamilies: false })
    expect(unpinned.map((c) => c.name)).toEqual(['CLAUDE_CODE_USE_BEDROCK'])
    const resolvedOnly = findConflicts([], {
      ...context,
      verified: { ANTHROPIC_DEFAULT_SONNET_MODEL: 'us.anthropic.claude-sonnet-4-6' },
      verifiedHow: 'resolved, not verified'
    })
    expect(resolvedOnly.find((c) => c.name === 'ANTHROPIC_DEFAULT_SONNET_MODEL')?.fix).toContain(
      '(resolved, not verified)'
    )
  })

  it('says nothing when the listing failed', () => {
    const values = configuredNow(
      {},
      {
        CLAUDE_CODE_USE_BEDROCK: '1',
        ANTHROPIC_DEFAULT_OPUS_MODEL: 'eu.x',
        ANTHROPIC_DEFAULT_SONNET_MODEL: 'eu.y',
        ANTHROPIC_DEFAULT_HAIKU_MODEL: 'eu.z'
      }
    )
    expect(findConflicts(values, { ...context, offered: () => undefined })).toEqual([])
  })
})

describe('planSettings and writeSettingsFile', () => {
  const verified = [
    plain('AWS_REGION', 'us-east-1'),
    plain('CLAUDE_CODE_USE_BEDROCK', '1'),
    plain('ANTHROPIC_MODEL', 'us.anthropic.claude-sonnet-4-6'),
    secret('AWS_BEARER_TOKEN_BEDROCK', 'ABSKQmVkcm9ja0FQSUtleS1leGFtcGxl'),
    plain('AWS_SECRET_ACCESS_KEY', SECRET_KEY)
  ]

  it('merges the verified env, keeps other keys, never writes a credential', () => {
    const file = path.join(dir(), 'settings.json')
    writeFileSync(
      file,
      JSON.stringify({ theme: 'dark', env: { KEEP: 'me', ANTHROPIC_MODEL: 'old' } })
    )
    const settings = readClaudeSettings(file)
    const plan = planSettings({
      settings,
      verified,
      profile: 'dev',
      awsAuthRefresh: 'aws sso login --profile dev'
    })
    expect(plan.refused.join('\n')).toMatch(/AWS_BEARER_TOKEN_BEDROCK was not written/)
    expect(plan.refused.join('\n')).toMatch(/AWS_SECRET_ACCESS_KEY was not written/)
    expect(renderSettingsDiff(plan)).toEqual([
      '+ AWS_REGION=us-east-1',
      '+ CLAUDE_CODE_USE_BEDROCK=1',
      '- ANTHROPIC_MODEL=old',
      '+ ANTHROPIC_MODEL=us.anthropic.claude-sonnet-4-6',
      '+ AWS_PROFILE=dev',
      '+ awsAuthRefresh=aws sso login --profile dev'
    ])
    const backup = writeSettingsFile(settings, plan)
    expect(backup).toBe(`${file}.bak`)
    expect(JSON.parse(readFileSync(`${file}.bak`, 'utf8')).env.ANTHROPIC_MODEL).toBe('old')
    const written = readFileSync(file, 'utf8')
    expect(JSON.parse(written)).toEqual({
      theme: 'dark',
      env: {
        KEEP: 'me',
        ANTHROPIC_MODEL: 'us.anthropic.claude-sonnet-4-6',
        AWS_REGION: 'us-east-1',
        CLAUDE_CODE_USE_BEDROCK: '1',
        AWS_PROFILE: 'dev'
      },
      awsAuthRefresh: 'aws sso login --profile dev'
    })
    expect(written).not.toContain(SECRET_KEY)
    expect(written).not.toContain('ABSK')
  })

  it('drops a sign-in command of another profile when the profile changes', () => {
    const file = path.join(dir(), 'settings.json')
    writeFileSync(
      file,
      JSON.stringify({
        env: { AWS_PROFILE: 'other' },
        awsAuthRefresh: 'aws sso login --profile other'
      })
    )
    const plan = planSettings({ settings: readClaudeSettings(file), verified: [], profile: 'cp' })
    expect(plan.data.awsAuthRefresh).toBeUndefined()
    expect(renderSettingsDiff(plan)).toEqual([
      '- AWS_PROFILE=other',
      '+ AWS_PROFILE=cp',
      '- awsAuthRefresh=aws sso login --profile other'
    ])
  })

  it('reports credentials already in the file and creates a new file readable only by its owner', () => {
    const file = path.join(dir(), 'nested', 'settings.json')
    const fresh = readClaudeSettings(file)
    const plan = planSettings({ settings: fresh, verified: [plain('AWS_REGION', 'us-east-1')] })
    expect(writeSettingsFile(fresh, plan)).toBeUndefined()
    if (process.platform !== 'win32') expect(statSync(file).mode & 0o777).toBe(0o600)

    writeFileSync(file, JSON.stringify({ env: { AWS_ACCESS_KEY_ID: 'AKIAIOSFODNN7EXAMPLE' } }))
    const again = planSettings({ settings: readClaudeSettings(file), verified: [] })
    expect(again.refused).toEqual([
      expect.stringMatching(/already holds AWS_ACCESS_KEY_ID: remove it/)
    ])
    expect(renderSettingsDiff(again)).toEqual(['  (no change)'])
  })
})
