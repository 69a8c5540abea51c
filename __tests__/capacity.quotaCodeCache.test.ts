// The code cache of the capacity pre-flight: names and codes only, written atomically, and a
// missing, corrupt or foreign file is no cache at all (never a failure).
import {
  mkdirSync,
  mkdtempSync,
  readdirSync,
  readFileSync,
  rmSync,
  statSync,
  writeFileSync
} from 'node:fs'
import { tmpdir } from 'node:os'
import path from 'node:path'
import { quotaCacheRoot } from '../src/capacity/quotaCachePath.js'
import { parseQuotaCodes, quotaCodeCache } from '../src/capacity/quotaCodeCache.js'
import type { MinuteQuota } from '../src/capacity/quotaNames.js'

let dir: string
beforeEach(() => {
  dir = mkdtempSync(path.join(tmpdir(), 'scb-quota-cache-'))
})
afterEach(() => rmSync(dir, { recursive: true, force: true }))

const QUOTAS: MinuteQuota[] = [
  {
    name: 'Cross-Region InvokeModel tokens per minute for Anthropic Claude Sonnet 4.6',
    code: 'L-1A2B3C4D',
    value: 987_654_321,
    unit: 'tokens'
  },
  {
    name: 'Cross-Region InvokeModel requests per minute for Anthropic Claude Sonnet 4.6',
    code: 'L-5E6F7A8B',
    value: 4321,
    unit: 'requests'
  }
]
const LEARNED = new Date('2026-12-01T00:00:00.000Z')

describe('the quota code cache', () => {
  it('keeps names and codes, never a value, in a 0600 file of a 0700 directory', () => {
    const cacheDir = path.join(dir, 'tool-cache', 'setup-claude-bedrock', 'service-quota-codes')
    const cache = quotaCodeCache(cacheDir)
    expect(cache?.write('us-east-1', QUOTAS, LEARNED)).toBe(true)
    const text = readFileSync(path.join(cacheDir, 'us-east-1.json'), 'utf8')
    expect(text).not.toMatch(/987654321|4321|value/i)
    expect(cache?.read('us-east-1')).toEqual({
      learnedAt: LEARNED.toISOString(),
      quotas: QUOTAS.map(({ name, code, unit }) => ({ name, code, unit }))
    })
    expect(statSync(path.join(cacheDir, 'us-east-1.json')).mode & 0o777).toBe(0o600)
    expect(statSync(cacheDir).mode & 0o777).toBe(0o700)
    // Atomic: no temporary file is left behind.
    expect(readdirSync(cacheDir)).toEqual(['us-east-1.json'])
  })

  it('replaces the file as a whole on the next write', () => {
    const cache = quotaCodeCache(dir)
    cache?.write('us-east-1', QUOTAS, LEARNED)
    cache?.write('us-east-1', QUOTAS.slice(1), LEARNED)
    expect(cache?.read('us-east-1')?.quotas.map((q) => q.code)).toEqual(['L-5E6F7A8B'])
  })

  it.each([
    ['not JSON', '{"format": "setup-claude-bedrock/service-quota-codes", '],
    ['another format', JSON.stringify({ format: 'something-else', version: 1 })],
    ['a newer version', JSON.stringify({ ...fileFor('us-east-1'), version: 2 })],
    ['another region', JSON.stringify(fileFor('eu-west-1'))],
    ['a quota that is not per minute', JSON.stringify(fileFor('us-east-1', 'Batch jobs per day'))],
    [
      'a unit that does not match the name',
      JSON.stringify(fileFor('us-east-1', undefined, 'requests'))
    ],
    ['no quotas', JSON.stringify({ ...fileFor('us-east-1'), quotas: [] })],
    [
      'a code outside the service pattern',
      JSON.stringify(fileFor('us-east-1', undefined, undefined, '../etc'))
    ]
  ])('ignores a file with %s', (_case, text) => {
    writeFileSync(path.join(dir, 'us-east-1.json'), text)
    expect(quotaCodeCache(dir)?.read('us-east-1')).toBeUndefined()
  })

  it('accepts the file it wrote itself (the parser is the reader’s)', () => {
    expect(parseQuotaCodes(JSON.stringify(fileFor('us-east-1')), 'us-east-1')?.quotas).toHaveLength(
      1
    )
  })

  it('never throws: an unreadable or unwritable place is no cache', () => {
    // A file where the directory should be.
    const blocked = path.join(dir, 'blocked')
    writeFileSync(blocked, 'x')
    const cache = quotaCodeCache(path.join(blocked, 'codes'))
    expect(cache?.write('us-east-1', QUOTAS, LEARNED)).toBe(false)
    expect(cache?.read('us-east-1')).toBeUndefined()
    // A directory where the file should be.
    mkdirSync(path.join(dir, 'us-west-2.json'))
    expect(quotaCodeCache(dir)?.read('us-west-2')).toBeUndefined()
    // A region that is not a region name never becomes a path.
    expect(quotaCodeCache(dir)?.write('../../x', QUOTAS, LEARNED)).toBe(false)
    expect(quotaCodeCache(undefined)).toBeUndefined()
  })
})

describe('where the cache lives', () => {
  it('on a runner: the tool cache, or nowhere', () => {
    expect(quotaCacheRoot({ RUNNER_TOOL_CACHE: '/opt/hostedtoolcache' }, 'runner')).toBe(
      '/opt/hostedtoolcache/setup-claude-bedrock/service-quota-codes'
    )
    expect(quotaCacheRoot({}, 'runner')).toBeUndefined()
    expect(quotaCacheRoot({ RUNNER_TOOL_CACHE: 'relative/dir' }, 'runner')).toBeUndefined()
  })

  it('for the doctor: XDG_CACHE_HOME, else ~/.cache', () => {
    expect(quotaCacheRoot({ XDG_CACHE_HOME: '/xdg', HOME: '/home/me' }, 'user')).toBe(
      '/xdg/setup-claude-bedrock/service-quota-codes'
    )
    expect(quotaCacheRoot({ XDG_CACHE_HOME: 'relative', HOME: '/home/me' }, 'user')).toBe(
      '/home/me/.cache/setup-claude-bedrock/service-quota-codes'
    )
  })
})

function fileFor(
  region: string,
  name = 'Cross-Region InvokeModel tokens per minute for Anthropic Claude Sonnet 4.6',
  unit = 'tokens',
  code = 'L-1A2B3C4D'
) {
  return {
    format: 'setup-claude-bedrock/service-quota-codes',
    version: 1,
    serviceCode: 'bedrock',
    region,
    learnedAt: LEARNED.toISOString(),
    quotas: [{ code, name, unit }]
  }
}
