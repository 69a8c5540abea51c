// What later steps get: the variables as data, the file-command records, and the order of masking.
import { jest } from '@jest/globals'
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import path from 'node:path'
import type { ObtainedCredentials } from '../src/credentials/types.js'
import type { ResolvedModel } from '../src/models/resolvedModel.js'
import { modelConfig } from '../__fixtures__/catalogueConfig.js'
import { aliasRef } from '../__fixtures__/catalogueRefs.js'
import * as core from '../__fixtures__/core.js'

jest.unstable_mockModule('@actions/core', () => core)
const { applyExports } = await import('../src/exports/applyExports.js')
const { buildExports } = await import('../src/exports/buildExports.js')
const { buildOutputs } = await import('../src/exports/buildOutputs.js')
const { fileCommandRecord } = await import('../src/exports/envFile.js')

const OIDC: ObtainedCredentials = {
  origin: 'oidc',
  credentials: {
    accessKeyId: 'ASIAKEY',
    secretAccessKey: 'secret-key',
    sessionToken: 'session-token',
    expiration: new Date('2030-01-01T00:00:00Z')
  }
}

function model(role: 'main' | 'small', family: string, exportId: string): ResolvedModel {
  return {
    role,
    ref: aliasRef(family),
    region: 'us-east-1',
    exportId,
    invokeId: exportId,
    arn: `arn:aws:bedrock:us-east-1:123456789012:inference-profile/${exportId}`,
    type: 'system-inference-profile',
    family,
    foundationModelId: exportId.replace(/^us\./, ''),
    foundationModelArns: [],
    destinationRegions: ['us-east-1'],
    lifecycle: { status: 'ACTIVE' }
  }
}
const SONNET = model('main', 'sonnet', 'us.anthropic.claude-sonnet-4-6')
const HAIKU = model('small', 'haiku', 'us.anthropic.claude-haiku-4-5-20251001-v1:0')

const names = (vars: { name: string }[]) => vars.map((v) => v.name)

describe('buildExports', () => {
  it('exports the full documented set when everything passed', () => {
    const vars = buildExports({
      config: modelConfig({
        maxOutputTokens: 8192,
        maxThinkingTokens: 0,
        disablePromptCaching: true
      }),
      credentials: OIDC,
      main: SONNET,
      small: HAIKU,
      mainModelReady: true
    })
    expect(Object.fromEntries(vars.map((v) => [v.name, v.value]))).toEqual({
      AWS_REGION: 'us-east-1',
      AWS_DEFAULT_REGION: 'us-east-1',
      AWS_ACCESS_KEY_ID: 'ASIAKEY',
      AWS_SECRET_ACCESS_KEY: 'secret-key',
      AWS_SESSION_TOKEN: 'session-token',
      CLAUDE_CODE_USE_BEDROCK: '1',
      ANTHROPIC_MODEL: SONNET.exportId,
      ANTHROPIC_SMALL_FAST_MODEL: HAIKU.exportId,
      ANTHROPIC_DEFAULT_HAIKU_MODEL: HAIKU.exportId,
      ANTHROPIC_DEFAULT_SONNET_MODEL: SONNET.exportId,
      CLAUDE_CODE_MAX_OUTPUT_TOKENS: '8192',
      MAX_THINKING_TOKENS: '0',
      DISABLE_PROMPT_CACHING: '1',
      CLAUDE_CODE_SUBPROCESS_ENV_SCRUB: '1'
    })
    expect(vars.filter((v) => v.secret).map((v) => v.name)).toEqual([
      'AWS_ACCESS_KEY_ID',
      'AWS_SECRET_ACCESS_KEY',
      'AWS_SESSION_TOKEN'
    ])
  })

  it('asks Claude Code to scrub its subprocesses by default, and not with scrub-agent-credentials off', () => {
    const on = buildExports({ config: modelConfig(), mainModelReady: true })
    const off = buildExports({
      config: modelConfig({ scrubAgentCredentials: false }),
      mainModelReady: true
    })
    expect(on.find((v) => v.name === 'CLAUDE_CODE_SUBPROCESS_ENV_SCRUB')?.value).toBe('1')
    expect(names(off)).not.toContain('CLAUDE_CODE_SUBPROCESS_ENV_SCRUB')
  })

  it('never re-exports credentials that were already in the environment, nor with export-credentials off', () => {
    const env = buildExports({
      config: modelConfig(),
      credentials: { ...OIDC, origin: 'environment' },
      mainModelReady: true
    })
    const off = buildExports({
      config: modelConfig({ exportCredentials: false }),
      credentials: OIDC,
      mainModelReady: true
    })
    for (const vars of [env, off]) expect(names(vars)).not.toContain('AWS_ACCESS_KEY_ID')
  })

  it('withholds CLAUDE_CODE_USE_BEDROCK when the main model is not ready', () => {
    const vars = buildExports({
      config: modelConfig(),
      credentials: OIDC,
      main: SONNET,
      small: HAIKU,
      mainModelReady: false
    })
    expect(names(vars)).not.toContain('CLAUDE_CODE_USE_BEDROCK')
    expect(names(vars)).toContain('ANTHROPIC_MODEL')
  })

  it('gives the main model its family slot and the small model the Haiku slot, whatever its family', () => {
    const smallSonnet = model('small', 'sonnet', 'us.anthropic.claude-sonnet-4-5-20250929-v1:0')
    const vars = buildExports({
      config: modelConfig({ smallFastModelRegion: 'us-west-2' }),
      main: SONNET,
      small: smallSonnet,
      mainModelReady: true
    })
    const byName = Object.fromEntries(vars.map((v) => [v.name, v.value]))
    expect(byName.ANTHROPIC_DEFAULT_SONNET_MODEL).toBe(SONNET.exportId)
    expect(byName.ANTHROPIC_DEFAULT_HAIKU_MODEL).toBe(smallSonnet.exportId)
    expect(byName.ANTHROPIC_SMALL_FAST_MODEL_AWS_REGION).toBe('us-west-2')
  })

  it('exports the API key as a secret and the runtime endpoint for Claude Code', () => {
    const vars = buildExports({
      config: modelConfig({
        bedrockApiKey: 'ABSK-key',
        endpoints: { bedrockRuntime: 'https://gw.example.com' },
        claudeCodeBaseUrl: { url: 'https://gw.example.com', from: 'bedrock-runtime-endpoint' }
      }),
      mainModelReady: false
    })
    expect(vars).toContainEqual({
      name: 'AWS_BEARER_TOKEN_BEDROCK',
      value: 'ABSK-key',
      secret: true
    })
    expect(vars).toContainEqual({
      name: 'ANTHROPIC_BEDROCK_BASE_URL',
      value: 'https://gw.example.com',
      secret: false
    })
  })

  it('exports the runtime endpoint from the SDK variable too, shown without credentials or query', () => {
    const url = 'https://u:p4ss@vpce-1.bedrock-runtime.us-east-1.vpce.amazonaws.com/?sig=s3cret'
    const vars = buildExports({
      config: modelConfig({ claudeCodeBaseUrl: { url, from: 'AWS_ENDPOINT_URL_BEDROCK_RUNTIME' } }),
      mainModelReady: false
    })
    expect(vars).toContainEqual({
      name: 'ANTHROPIC_BEDROCK_BASE_URL',
      value: url,
      secret: false,
      shown: 'https://***@vpce-1.bedrock-runtime.us-east-1.vpce.amazonaws.com/?***'
    })
  })
})

describe('buildOutputs', () => {
  it('sets the credential outputs only with output-credentials, flagged secret', () => {
    const base = { passed: true, credentials: OIDC, main: SONNET, small: HAIKU, reportJson: '{}' }
    expect(names(buildOutputs({ ...base, config: modelConfig() }))).not.toContain(
      'aws-secret-access-key'
    )
    const outputs = buildOutputs({ ...base, config: modelConfig({ outputCredentials: true }) })
    expect(outputs.filter((o) => o.secret).map((o) => o.name)).toEqual([
      'aws-access-key-id',
      'aws-secret-access-key',
      'aws-session-token'
    ])
    expect(outputs).toContainEqual({
      name: 'credentials-expiration',
      value: '2030-01-01T00:00:00.000Z',
      secret: false
    })
    expect(outputs).toContainEqual({ name: 'model-arn', value: SONNET.arn, secret: false })
  })
})

describe('fileCommandRecord', () => {
  it('writes a heredoc record whose delimiter cannot occur in the value', () => {
    const record = fileCommandRecord('NAME', 'line1\nline2')
    const [head, ...rest] = record.split('\n')
    const delimiter = head?.split('<<')[1] ?? ''
    expect(delimiter).toMatch(/^ghadelimiter_[0-9a-f-]{36}$/)
    expect(rest.slice(0, 3)).toEqual(['line1', 'line2', delimiter])
  })
})

describe('applyExports', () => {
  beforeEach(() => jest.clearAllMocks())

  it('masks every secret before writing anything, then writes each file once', () => {
    const dir = mkdtempSync(path.join(tmpdir(), 'scb-exports-'))
    const env = { GITHUB_ENV: path.join(dir, 'env'), GITHUB_OUTPUT: path.join(dir, 'out') }
    writeFileSync(env.GITHUB_ENV, '')
    writeFileSync(env.GITHUB_OUTPUT, '')
    const maskedBeforeWrite: string[] = []
    core.setSecret.mockImplementation((value: string) => {
      if (readFileSync(env.GITHUB_ENV, 'utf8') === '') maskedBeforeWrite.push(value)
    })
    applyExports(
      [
        { name: 'AWS_REGION', value: 'us-east-1', secret: false },
        { name: 'AWS_SECRET_ACCESS_KEY', value: 'secret-key', secret: true }
      ],
      [{ name: 'aws-session-token', value: 'session-token', secret: true }],
      env
    )
    expect(maskedBeforeWrite).toEqual(['secret-key', 'session-token'])
    expect(readFileSync(env.GITHUB_ENV, 'utf8')).toContain('AWS_SECRET_ACCESS_KEY<<ghadelimiter_')
    expect(readFileSync(env.GITHUB_OUTPUT, 'utf8')).toContain('aws-session-token<<ghadelimiter_')
    expect(core.exportVariable).not.toHaveBeenCalled()
  })

  it('falls back to @actions/core outside a runner', () => {
    applyExports(
      [{ name: 'AWS_REGION', value: 'eu-west-1', secret: false }],
      [{ name: 'passed', value: 'true', secret: false }],
      {}
    )
    expect(core.exportVariable).toHaveBeenCalledWith('AWS_REGION', 'eu-west-1')
    expect(core.setOutput).toHaveBeenCalledWith('passed', 'true')
  })
})
