import { describe, expect, it } from '@jest/globals'
import { InputError } from '../src/inputs/inputError.js'
import { readConfig } from '../src/inputs/readConfig.js'
import { mkdtempSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import path from 'node:path'

const part = (value: object): string => Buffer.from(JSON.stringify(value)).toString('base64url')
/** A readable file with a JWT's shape: web-identity-token-file is checked locally. */
const TOKEN_FILE = path.join(mkdtempSync(path.join(tmpdir(), 'scb-role-source-')), 'token')
writeFileSync(
  TOKEN_FILE,
  `${part({ alg: 'RS256' })}.${part({ sub: 'system:serviceaccount:a:b' })}.c2ln`
)

const ROLE = 'arn:aws:iam::123456789012:role/claude-code'
const OIDC = {
  ACTIONS_ID_TOKEN_REQUEST_URL: 'https://t.example/x',
  ACTIONS_ID_TOKEN_REQUEST_TOKEN: 't'
}

const read = (inputs: Record<string, string>, env: NodeJS.ProcessEnv = {}) =>
  readConfig((name) => ({ 'aws-region': 'us-east-1', ...inputs })[name] ?? '', env)

function inputError(inputs: Record<string, string>, env: NodeJS.ProcessEnv = {}): string {
  try {
    read(inputs, env)
  } catch (error) {
    if (error instanceof InputError) return error.message
    throw error
  }
  throw new Error('no InputError')
}

describe('how role-to-assume is assumed (decided before any network call)', () => {
  it.each([
    [
      'auto, OIDC variables present',
      {},
      OIDC,
      'github-oidc',
      'has the GitHub OIDC request variables'
    ],
    ['auto, no OIDC variables', {}, {}, 'role-chaining', 'no GitHub OIDC token request variables'],
    [
      'auto, only one OIDC variable',
      {},
      { ACTIONS_ID_TOKEN_REQUEST_URL: 'x' },
      'role-chaining',
      'no GitHub'
    ],
    [
      'true despite OIDC',
      { 'role-chaining': 'TRUE' },
      OIDC,
      'role-chaining',
      'role-chaining is true'
    ],
    [
      'false without OIDC',
      { 'role-chaining': 'false' },
      {},
      'github-oidc',
      'role-chaining is false'
    ],
    [
      'token file wins over OIDC',
      { 'web-identity-token-file': TOKEN_FILE },
      OIDC,
      'web-identity-file',
      'web-identity-token-file is set'
    ],
    [
      'token file with role-chaining false',
      { 'web-identity-token-file': TOKEN_FILE, 'role-chaining': 'false' },
      {},
      'web-identity-file',
      TOKEN_FILE
    ]
  ])('%s', (_title, inputs, env, kind, reason) => {
    const config = read({ 'role-to-assume': ROLE, ...inputs }, env)
    expect(config.roleSource?.kind).toBe(kind)
    expect(config.roleSource?.reason).toContain(reason)
  })

  it('no role-to-assume: no source, the environment credentials are used', () => {
    expect(read({}, OIDC).roleSource).toBeUndefined()
    expect(read({ 'role-chaining': 'false' }).roleSource).toBeUndefined()
  })

  it('keeps the external id and the token file', () => {
    const config = read({ 'role-to-assume': ROLE, 'role-external-id': 'octo:ext/1=2' })
    expect(config.roleExternalId).toBe('octo:ext/1=2')
    expect(
      read({ 'role-to-assume': ROLE, 'web-identity-token-file': TOKEN_FILE }).webIdentityTokenFile
    ).toBe(TOKEN_FILE)
  })
})

describe('combinations that cannot work fail naming the input', () => {
  it.each([
    [{ 'role-chaining': 'true' }, {}, 'role-chaining', 'role-to-assume is not set'],
    [{ 'role-external-id': 'abc' }, {}, 'role-external-id', 'role-to-assume is not set'],
    [
      { 'web-identity-token-file': TOKEN_FILE },
      {},
      'web-identity-token-file',
      'role-to-assume is not set'
    ],
    [
      { 'role-to-assume': ROLE, 'role-chaining': 'yes' },
      {},
      'role-chaining',
      'one of auto, true, false'
    ],
    [
      { 'role-to-assume': ROLE, 'role-chaining': 'true', 'web-identity-token-file': TOKEN_FILE },
      {},
      'role-chaining',
      'two different ways'
    ],
    [{ 'role-to-assume': ROLE, 'role-external-id': 'x' }, {}, 'role-external-id', 'too short'],
    [
      { 'role-to-assume': ROLE, 'role-external-id': 'a b' },
      {},
      'role-external-id',
      'a character STS refuses'
    ],
    [
      { 'role-to-assume': ROLE, 'role-external-id': 'e'.repeat(1225) },
      {},
      'role-external-id',
      'too long'
    ],
    [
      { 'role-to-assume': ROLE, 'role-external-id': 'abc' },
      OIDC,
      'role-external-id',
      'AssumeRoleWithWebIdentity takes no external id'
    ],
    [
      { 'role-to-assume': ROLE, 'role-external-id': 'abc', 'web-identity-token-file': TOKEN_FILE },
      {},
      'role-external-id',
      'takes no external id'
    ],
    [
      {
        'role-to-assume': ROLE,
        'web-identity-token-file': path.join(tmpdir(), 'scb-absent-token')
      },
      {},
      'web-identity-token-file',
      'the file cannot be read (ENOENT)'
    ]
  ])('%j', (inputs, env, input, problem) => {
    const message = inputError(inputs, env)
    expect(message).toContain(input)
    expect(message).toContain(problem)
  })

  it('a bad role-to-assume is reported as itself, not as a missing role', () => {
    const message = inputError({ 'role-to-assume': 'claude-code', 'role-external-id': 'abc' })
    expect(message).toContain('role-to-assume')
    expect(message).not.toContain('role-to-assume is not set')
  })
})

describe('web-identity-token-file holds a JWT, checked before any network call', () => {
  const dir = mkdtempSync(path.join(tmpdir(), 'scb-token-shape-'))
  const fileWith = (name: string, content: string): string => {
    const file = path.join(dir, name)
    writeFileSync(file, content)
    return file
  }

  it.each([
    ['a word', 'not a jwt', 'in 1 dot-separated part, not 3'],
    ['an empty file', '\n', 'the file is empty'],
    ['three parts that are not base64url', 'a b.c.d', 'not base64url'],
    [
      'three base64url parts that are not JSON',
      'aaaa.bbbb.cccc',
      'does not decode to a JSON object'
    ],
    ['an HTML error page', '<html><body>403 Forbidden</body></html>', 'dot-separated part']
  ])(
    '%s: an input error naming the input and the accepted form, never the content',
    (name, content, why) => {
      const message = inputError({
        'role-to-assume': ROLE,
        'web-identity-token-file': fileWith(name.replace(/\W/g, '-'), content)
      })
      expect(message).toContain("Input 'web-identity-token-file'")
      expect(message).toContain('a JWT: three base64url parts joined by dots')
      expect(message).toContain(why)
      if (content.trim() !== '') expect(message).not.toContain(content.trim())
    }
  )
})
