import { mkdtempSync, readFileSync, readdirSync, rmSync, statSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import path from 'node:path'
import {
  cacheKey,
  isReusable,
  isStillValid,
  readCache,
  renewalMarginMs,
  writeCache,
  type CachedCredentials
} from '../src/refresh/credentialCache.js'
import { configFromInputs } from '../src/refresh/refreshSettings.js'

const MINUTE = 60_000
const T0 = Date.parse('2030-01-01T00:00:00Z')

function cached(lifetimeMs: number, obtainedAt = T0): CachedCredentials {
  return {
    credentials: {
      accessKeyId: 'ASIAEXAMPLE',
      secretAccessKey: 'secret',
      sessionToken: 'token',
      expiration: new Date(obtainedAt + lifetimeMs)
    },
    obtainedAt: new Date(obtainedAt)
  }
}

const baseInputs = {
  'aws-region': 'us-east-1',
  'role-to-assume': 'arn:aws:iam::123456789012:role/claude-code'
}

describe('credential cache file', () => {
  let dir: string
  beforeEach(() => {
    dir = mkdtempSync(path.join(tmpdir(), 'scb-cache-'))
  })
  afterEach(() => rmSync(dir, { recursive: true, force: true }))

  it('round-trips credentials in a file only its owner can read', () => {
    const file = path.join(dir, 'credentials.json')
    writeCache(file, 'k1', cached(3600_000))
    expect(readCache(file, 'k1')).toEqual(cached(3600_000))
    if (process.platform !== 'win32') expect(statSync(file).mode & 0o777).toBe(0o600)
    expect(readdirSync(dir)).toEqual(['credentials.json'])
  })

  it('replaces the previous credentials', () => {
    const file = path.join(dir, 'credentials.json')
    writeCache(file, 'k1', cached(3600_000))
    writeCache(file, 'k1', cached(900_000, T0 + MINUTE))
    expect(readCache(file, 'k1')?.credentials.expiration.toISOString()).toBe(
      new Date(T0 + MINUTE + 900_000).toISOString()
    )
  })

  it.each([
    ['absent', undefined],
    ['not JSON', 'not json'],
    ['another version', JSON.stringify({ version: 2, key: 'k1' })],
    [
      'without a secret',
      JSON.stringify({
        version: 1,
        key: 'k1',
        accessKeyId: 'A',
        expiration: '2030-01-01T00:00:00Z',
        obtainedAt: '2030-01-01T00:00:00Z'
      })
    ],
    [
      'with a bad date',
      JSON.stringify({
        version: 1,
        key: 'k1',
        accessKeyId: 'A',
        secretAccessKey: 's',
        expiration: 'soon',
        obtainedAt: '2030-01-01T00:00:00Z'
      })
    ]
  ])('reads nothing from a file that is %s', (_name, content) => {
    const file = path.join(dir, 'credentials.json')
    if (content !== undefined) writeFileSync(file, content)
    expect(readCache(file, 'k1')).toBeUndefined()
  })

  it('never serves credentials written for other settings', () => {
    const file = path.join(dir, 'credentials.json')
    writeCache(file, 'k1', cached(3600_000))
    expect(readCache(file, 'k2')).toBeUndefined()
    expect(JSON.parse(readFileSync(file, 'utf8')).key).toBe('k1')
  })
})

describe('cacheKey', () => {
  const key = (extra: Record<string, string>) =>
    cacheKey(configFromInputs({ ...baseInputs, ...extra }, {}))
  it.each([
    ['role', { 'role-to-assume': 'arn:aws:iam::123456789012:role/other' }],
    ['session name', { 'role-session-name': 'other' }],
    ['region', { 'aws-region': 'us-west-2' }],
    ['audience', { audience: 'sigstore' }],
    ['duration', { 'role-duration-seconds': '900' }],
    ['STS endpoint', { 'sts-endpoint': 'https://sts.example.com' }]
  ])('changes with the %s', (_name, extra) => {
    expect(key(extra)).not.toBe(key({}))
  })
  it('is stable for the same settings', () => {
    expect(key({ 'role-session-name': 'nightly' })).toBe(key({ 'role-session-name': 'nightly' }))
  })
})

describe('when cached credentials are handed out', () => {
  it.each([
    ['1 h session', 3600_000, 10 * MINUTE],
    ['15 min session', 900_000, 7.5 * MINUTE],
    ['45 s session (tests)', 45_000, MINUTE]
  ])('renews a %s %d ms before expiry', (_name, lifetime, margin) => {
    expect(renewalMarginMs(cached(lifetime))).toBe(margin)
  })

  it.each([
    ['just obtained', 3600_000, 0, true],
    ['10 min 1 s left', 3600_000, 3600_000 - 10 * MINUTE - 1000, true],
    ['exactly 10 min left', 3600_000, 3600_000 - 10 * MINUTE, false],
    ['expired', 3600_000, 3600_000 + 1, false],
    ['a 45 s session, just obtained', 45_000, 0, false]
  ])('%s: reusable = %s', (_name, lifetime, elapsed, expected) => {
    expect(isReusable(cached(lifetime as number), T0 + (elapsed as number))).toBe(expected)
  })

  it.each([
    ['6 s left', 6000, true],
    ['5 s left', 5000, false],
    ['expired', -1, false]
  ])('as a last resort, %s: still valid = %s', (_name, left, expected) => {
    expect(isStillValid(cached(3600_000), T0 + 3600_000 - (left as number))).toBe(expected)
  })
})
