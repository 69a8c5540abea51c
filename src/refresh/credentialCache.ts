import { createHash, randomUUID } from 'node:crypto'
import { readFileSync, renameSync, rmSync, writeFileSync } from 'node:fs'
import type { AwsCredentials } from '../credentials/types.js'
import type { Config } from '../inputs/config.js'

/**
 * Credentials kept between helper runs, in a 0600 file under RUNNER_TEMP (the runner deletes it
 * with the job). Without it every `aws` command of a later step would fetch an OIDC token and call
 * STS, which both have rate limits; and under claude-code-action, which removes the OIDC variables
 * from Claude Code's environment, the cache seeded at setup is the only source there is.
 */
export interface CachedCredentials {
  readonly credentials: AwsCredentials & { readonly expiration: Date }
  readonly obtainedAt: Date
}

interface CacheFile {
  version: 1
  key: string
  accessKeyId: string
  secretAccessKey: string
  sessionToken?: string
  expiration: string
  obtainedAt: string
}

/** Credentials of another role, session or endpoint are never served: the key names all of them. */
export function cacheKey(config: Config): string {
  const parts = [
    config.roleToAssume ?? '',
    config.roleSessionName,
    config.region,
    config.audience,
    String(config.roleDurationSeconds),
    config.endpoints.sts ?? '',
    config.roleSource?.kind ?? '',
    config.roleExternalId ?? '',
    config.webIdentityTokenFile ?? ''
  ]
  return createHash('sha256').update(parts.join('\n')).digest('hex')
}

/** Undefined when absent, unreadable, of another key, or malformed: the helper then simply assumes the role. */
export function readCache(path: string, key: string): CachedCredentials | undefined {
  let file: Partial<CacheFile>
  try {
    file = JSON.parse(readFileSync(path, 'utf8')) as Partial<CacheFile>
  } catch {
    return undefined
  }
  if (file.version !== 1 || file.key !== key) return undefined
  if (typeof file.accessKeyId !== 'string' || typeof file.secretAccessKey !== 'string')
    return undefined
  const expiration = new Date(file.expiration ?? '')
  const obtainedAt = new Date(file.obtainedAt ?? '')
  if (Number.isNaN(expiration.getTime()) || Number.isNaN(obtainedAt.getTime())) return undefined
  return {
    credentials: {
      accessKeyId: file.accessKeyId,
      secretAccessKey: file.secretAccessKey,
      ...(typeof file.sessionToken === 'string' ? { sessionToken: file.sessionToken } : {}),
      expiration
    },
    obtainedAt
  }
}

/**
 * Written to a temporary name then renamed, so a concurrent reader sees the old file or the new
 * one, never half of one. Mode 0600 from creation: the secret is never world-readable, not even briefly.
 */
export function writeCache(path: string, key: string, cached: CachedCredentials): void {
  const { credentials } = cached
  const file: CacheFile = {
    version: 1,
    key,
    accessKeyId: credentials.accessKeyId,
    secretAccessKey: credentials.secretAccessKey,
    ...(credentials.sessionToken !== undefined ? { sessionToken: credentials.sessionToken } : {}),
    expiration: credentials.expiration.toISOString(),
    obtainedAt: cached.obtainedAt.toISOString()
  }
  const temporary = `${path}.${randomUUID()}.tmp`
  try {
    writeFileSync(temporary, JSON.stringify(file), { encoding: 'utf8', mode: 0o600, flag: 'wx' })
    renameSync(temporary, path)
  } catch (error) {
    rmSync(temporary, { force: true })
    throw error
  }
}

const MINUTE = 60_000

/**
 * How long before expiry cached credentials stop being handed out: half their lifetime, at least
 * one minute, at most ten. Claude Code keeps what it gets until 30 s before `Expiration` (and its
 * `awsCredentialExport` cache until 5 min before), so anything served must outlast those margins
 * by a request's duration; ten minutes also covers the slow clocks of self-hosted runners.
 */
export function renewalMarginMs(cached: CachedCredentials): number {
  const lifetime = cached.credentials.expiration.getTime() - cached.obtainedAt.getTime()
  return Math.min(10 * MINUTE, Math.max(MINUTE, lifetime / 2))
}

/** Fresh enough to hand out without assuming the role again. */
export function isReusable(cached: CachedCredentials, now: number): boolean {
  return cached.credentials.expiration.getTime() - now > renewalMarginMs(cached)
}

/** When a renewal fails, credentials that still work are better than none; they are served with a warning. */
export const LAST_RESORT_MS = 5_000

export function isStillValid(cached: CachedCredentials, now: number): boolean {
  return cached.credentials.expiration.getTime() - now > LAST_RESORT_MS
}
