import {
  closeSync,
  fstatSync,
  mkdirSync,
  openSync,
  readFileSync,
  renameSync,
  rmSync,
  writeSync
} from 'node:fs'
import { quotaCacheFile } from './quotaCachePath.js'
import { perMinuteUnit, type QuotaName } from './quotaNames.js'

/**
 * The names and codes of Bedrock's per-minute quotas in one region, learned from a complete
 * ListServiceQuotas listing, so a later run can ask GetServiceQuota for exactly the codes of its
 * models (one round trip, one call per quota) instead of reading every page. Codes are the
 * service's, the same for every account; nothing of the account is kept: no value, no account id,
 * no ARN, no credential.
 *
 * File: `<dir>/setup-claude-bedrock/service-quota-codes/<region>.json`, written atomically (a
 * temporary file renamed over it), mode 0600 in a 0700 directory. A file that is missing, corrupt,
 * of another format or another region is ignored; reading and writing never throw.
 */
export interface QuotaCodeCache {
  /** The cached per-minute quotas of `region`, or undefined when there is no usable file. */
  read(region: string): QuotaCodes | undefined
  /** Replaces the region's file; false when it could not be written (the run goes on). */
  write(region: string, quotas: readonly QuotaName[], learnedAt: Date): boolean
  /** The file a region's codes live in, or undefined for a name that is not a region. */
  file(region: string): string | undefined
}

export interface QuotaCodes {
  readonly quotas: readonly QuotaName[]
  /** When the listing they came from was complete (ISO 8601). */
  readonly learnedAt: string
}

const FORMAT = 'setup-claude-bedrock/service-quota-codes'
const VERSION = 1
/** Bedrock lists a few hundred quotas; a file far larger than that is not ours. */
const MAX_BYTES = 1024 * 1024
/** Service Quotas' own pattern for a quota code. */
const QUOTA_CODE = /^[A-Za-z][A-Za-z0-9-]{1,128}$/

/** The cache in `dir` (see quotaCacheRoot), or undefined for no cache at all. */
export function quotaCodeCache(dir: string | undefined): QuotaCodeCache | undefined {
  if (dir === undefined) return undefined
  return {
    file: (region) => quotaCacheFile(dir, region),
    read(region) {
      const file = quotaCacheFile(dir, region)
      if (file === undefined) return undefined
      try {
        return parseQuotaCodes(readSmallFile(file), region)
      } catch {
        return undefined
      }
    },
    write(region, quotas, learnedAt) {
      const target = quotaCacheFile(dir, region)
      if (target === undefined) return false
      const body = `${JSON.stringify(quotaCodesFile(region, quotas, learnedAt), null, 1)}\n`
      const temporary = `${target}.${process.pid}.${Date.now().toString(36)}.tmp`
      try {
        mkdirSync(dir, { recursive: true, mode: 0o700 })
        const fd = openSync(temporary, 'wx', 0o600)
        try {
          writeSync(fd, body)
        } finally {
          closeSync(fd)
        }
        renameSync(temporary, target)
        return true
      } catch {
        try {
          rmSync(temporary, { force: true })
        } catch {
          // Nothing was written where nothing can be.
        }
        return false
      }
    }
  }
}

function readSmallFile(file: string): string {
  const fd = openSync(file, 'r')
  try {
    if (fstatSync(fd).size > MAX_BYTES) throw new Error('too large')
  } finally {
    closeSync(fd)
  }
  return readFileSync(file, 'utf8')
}

/** The file's content: only the three fields of each quota are picked, so no value can slip in. */
export function quotaCodesFile(region: string, quotas: readonly QuotaName[], learnedAt: Date) {
  return {
    format: FORMAT,
    version: VERSION,
    serviceCode: 'bedrock',
    region,
    learnedAt: learnedAt.toISOString(),
    quotas: quotas.map(({ code, name, unit }) => ({ code, name, unit }))
  }
}

/** The quotas of a cache file's text, or undefined when anything about it is not as written here. */
export function parseQuotaCodes(text: string, region: string): QuotaCodes | undefined {
  let value: unknown
  try {
    value = JSON.parse(text)
  } catch {
    return undefined
  }
  if (typeof value !== 'object' || value === null) return undefined
  const file = value as Record<string, unknown>
  if (file['format'] !== FORMAT || file['version'] !== VERSION) return undefined
  if (file['serviceCode'] !== 'bedrock' || file['region'] !== region) return undefined
  const learnedAt = file['learnedAt']
  if (typeof learnedAt !== 'string' || Number.isNaN(Date.parse(learnedAt))) return undefined
  if (!Array.isArray(file['quotas']) || file['quotas'].length === 0) return undefined
  const quotas: QuotaName[] = []
  for (const entry of file['quotas'] as unknown[]) {
    if (typeof entry !== 'object' || entry === null) return undefined
    const { code, name, unit } = entry as Record<string, unknown>
    if (typeof code !== 'string' || !QUOTA_CODE.test(code)) return undefined
    if (typeof name !== 'string' || perMinuteUnit(name) !== unit) return undefined
    quotas.push({ code, name, unit: unit === 'tokens' ? 'tokens' : 'requests' })
  }
  return { quotas, learnedAt }
}
