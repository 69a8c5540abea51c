import { isIP } from 'node:net'

/**
 * Which proxy, if any, a request to `target` goes through: HTTPS_PROXY / HTTP_PROXY / NO_PROXY in
 * either case (lower case first, as curl reads them), the way corporate self-hosted runners set
 * them. A proxy written without a scheme (`proxy.corp:3128`) means http://, as curl assumes.
 */
export function proxyFor(target: URL, env: NodeJS.ProcessEnv): string | undefined {
  const proxy =
    target.protocol === 'https:' ? readEnv(env, 'https_proxy') : readEnv(env, 'http_proxy')
  if (proxy === undefined) return undefined
  return bypassesProxy(target, readEnv(env, 'no_proxy') ?? '') ? undefined : withScheme(proxy)
}

/**
 * The password of every configured proxy URL (decoded and as written): a secret to mask before
 * anything could print it. Not the user name: masking a short common word would garble the log.
 */
export function proxySecrets(env: NodeJS.ProcessEnv): string[] {
  const secrets = new Set<string>()
  for (const name of ['https_proxy', 'http_proxy']) {
    for (const value of [env[name], env[name.toUpperCase()]]) {
      const url = parseProxyUrl(value)
      if (url === undefined) continue
      const decoded = safeDecode(url.password)
      if (decoded !== '') secrets.add(decoded)
      if (url.password !== '' && url.password !== decoded) secrets.add(url.password)
    }
  }
  return [...secrets]
}

function readEnv(env: NodeJS.ProcessEnv, name: string): string | undefined {
  return nonEmpty(env[name.toLowerCase()]) ?? nonEmpty(env[name.toUpperCase()])
}

function nonEmpty(value: string | undefined): string | undefined {
  return value === undefined || value.trim() === '' ? undefined : value.trim()
}

function withScheme(proxy: string): string {
  return /^[a-z][a-z0-9+.-]*:\/\//i.test(proxy) ? proxy : `http://${proxy}`
}

function parseProxyUrl(value: string | undefined): URL | undefined {
  const proxy = nonEmpty(value)
  if (proxy === undefined) return undefined
  try {
    return new URL(withScheme(proxy))
  } catch {
    return undefined
  }
}

function safeDecode(text: string): string {
  try {
    return decodeURIComponent(text)
  } catch {
    return text
  }
}

/** `host`, `host:port`, `[v6]`, `[v6]:port`; a bare IPv6 address has no port. */
function splitHostPort(entry: string): { host: string; port?: string } {
  const bracketed = /^\[([^\]]+)\](?::(\d+))?$/.exec(entry)
  if (bracketed !== null) {
    return {
      host: bracketed[1] ?? '',
      ...(bracketed[2] !== undefined ? { port: bracketed[2] } : {})
    }
  }
  if (isIP(entry) === 6) return { host: entry }
  const withPort = /^(.*):(\d+)$/.exec(entry)
  if (withPort !== null) return { host: withPort[1] ?? '', port: withPort[2] ?? '' }
  return { host: entry }
}

function ipv4ToNumber(address: string): number {
  return address.split('.').reduce((value, octet) => value * 256 + Number(octet), 0)
}

/** `10.0.0.0/8`-style entries, IPv4 only (what runner NO_PROXY lists use for VPC ranges). */
function inIpv4Range(host: string, entry: string): boolean {
  const match = /^(\d{1,3}(?:\.\d{1,3}){3})\/(\d{1,2})$/.exec(entry)
  if (match === null || isIP(host) !== 4 || isIP(match[1] ?? '') !== 4) return false
  const bits = Number(match[2])
  if (bits > 32) return false
  const mask = bits === 0 ? 0 : (0xffffffff << (32 - bits)) >>> 0
  return (ipv4ToNumber(host) & mask) >>> 0 === (ipv4ToNumber(match[1] ?? '') & mask) >>> 0
}

/**
 * NO_PROXY entries, comma or space separated: `*` (everything), host names (a leading `.` or `*.`
 * also matches subdomains; a plain name matches itself and its subdomains, as curl does), IP
 * addresses, IPv4 CIDR ranges, each with an optional `:port`.
 */
export function bypassesProxy(target: URL, noProxy: string): boolean {
  const host = target.hostname.replace(/^\[|\]$/g, '').toLowerCase()
  const port = target.port !== '' ? target.port : target.protocol === 'https:' ? '443' : '80'
  return noProxy
    .split(/[\s,]+/)
    .map((entry) => entry.trim().toLowerCase())
    .filter((entry) => entry !== '')
    .some((entry) => {
      if (entry === '*') return true
      if (inIpv4Range(host, entry)) return true
      const parsed = splitHostPort(entry)
      if (parsed.port !== undefined && parsed.port !== port) return false
      const entryHost = parsed.host.replace(/^\*?\./, '')
      if (entryHost === '') return false
      return host === entryHost || host.endsWith(`.${entryHost}`)
    })
}
