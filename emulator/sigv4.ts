// SigV4 verification: rebuild the canonical request the way the AWS SDK (and AWS) do, and compare
// signatures. Reference: AWS "Create a signed AWS API request" and @smithy/signature-v4.
import { createHash, createHmac, timingSafeEqual } from 'node:crypto'

export interface SigV4Authorization {
  accessKeyId: string
  date: string
  region: string
  service: string
  signedHeaders: string[]
  signature: string
}

const ALGORITHM = 'AWS4-HMAC-SHA256'

/** Parses `AWS4-HMAC-SHA256 Credential=AKID/20250101/us-east-1/bedrock/aws4_request, SignedHeaders=..., Signature=...`. */
export function parseSigV4Authorization(header: string): SigV4Authorization | undefined {
  if (!header.startsWith(`${ALGORITHM} `)) return undefined
  const fields = new Map<string, string>()
  for (const part of header.slice(ALGORITHM.length + 1).split(',')) {
    const [key, ...rest] = part.trim().split('=')
    if (key) fields.set(key, rest.join('='))
  }
  const scope = (fields.get('Credential') ?? '').split('/')
  const [accessKeyId, date, region, service, terminator] = scope
  const signedHeaders = fields.get('SignedHeaders')
  const signature = fields.get('Signature')
  if (!accessKeyId || !date || !region || !service || terminator !== 'aws4_request')
    return undefined
  if (!signedHeaders || !signature) return undefined
  return { accessKeyId, date, region, service, signedHeaders: signedHeaders.split(';'), signature }
}

/** encodeURIComponent plus the characters RFC 3986 reserves, as the SDK's escapeUri does. */
function escapeUri(text: string): string {
  return encodeURIComponent(text).replace(
    /[!'()*]/g,
    (c) => `%${c.charCodeAt(0).toString(16).toUpperCase()}`
  )
}

function safeDecode(text: string): string {
  try {
    return decodeURIComponent(text)
  } catch {
    return text
  }
}

/** Non-S3 services normalise the raw path and URI-encode it once more (labels end up double-encoded). */
export function canonicalPath(rawPath: string): string {
  const segments: string[] = []
  for (const segment of rawPath.split('/')) {
    if (segment === '' || segment === '.') continue
    if (segment === '..') segments.pop()
    else segments.push(segment)
  }
  const leading = rawPath.startsWith('/') ? '/' : ''
  const trailing = segments.length > 0 && rawPath.endsWith('/') ? '/' : ''
  return escapeUri(`${leading}${segments.join('/')}${trailing}`).replace(/%2F/g, '/')
}

export function canonicalQuery(rawQuery: string): string {
  const values = new Map<string, string[]>()
  for (const pair of rawQuery.split('&')) {
    const separator = pair.indexOf('=')
    // The SDK leaves value-less keys out of the signature.
    if (pair === '' || separator < 0) continue
    const key = escapeUri(safeDecode(pair.slice(0, separator)))
    if (key.toLowerCase() === 'x-amz-signature') continue
    const value = escapeUri(safeDecode(pair.slice(separator + 1)))
    values.set(key, [...(values.get(key) ?? []), `${key}=${value}`])
  }
  return [...values.keys()]
    .sort()
    .map((key) => (values.get(key) ?? []).sort().join('&'))
    .join('&')
}

export type HeaderBag = Record<string, string | string[] | undefined>

function headerValue(headers: HeaderBag, name: string): string | undefined {
  // HTTP/2 carries Host as :authority when the client did not send a host header.
  const value = headers[name] ?? (name === 'host' ? headers[':authority'] : undefined)
  return Array.isArray(value) ? value.join(',') : value
}

export interface SignedRequest {
  method: string
  rawPath: string
  rawQuery: string
  headers: HeaderBag
  body: Buffer
}

export function sha256Hex(data: Buffer | string): string {
  return createHash('sha256').update(data).digest('hex')
}

export function canonicalRequest(request: SignedRequest, auth: SigV4Authorization): string {
  const headers = auth.signedHeaders.map((name) => {
    const value = (headerValue(request.headers, name) ?? '')
      .replace(/[\r\n]/g, ' ')
      .replace(/[ \t]+/g, ' ')
      .replace(/^ | $/g, '')
    return `${name}:${value}`
  })
  const payloadHash =
    headerValue(request.headers, 'x-amz-content-sha256') ?? sha256Hex(request.body)
  return [
    request.method,
    canonicalPath(request.rawPath),
    canonicalQuery(request.rawQuery),
    headers.join('\n'),
    '',
    auth.signedHeaders.join(';'),
    payloadHash
  ].join('\n')
}

function hmac(key: Buffer | string, data: string): Buffer {
  return createHmac('sha256', key).update(data).digest()
}

export function expectedSignature(
  request: SignedRequest,
  auth: SigV4Authorization,
  secretAccessKey: string
): string {
  const amzDate = headerValue(request.headers, 'x-amz-date') ?? ''
  const scope = `${auth.date}/${auth.region}/${auth.service}/aws4_request`
  const stringToSign = [ALGORITHM, amzDate, scope, sha256Hex(canonicalRequest(request, auth))].join(
    '\n'
  )
  let key = hmac(`AWS4${secretAccessKey}`, auth.date)
  for (const part of [auth.region, auth.service, 'aws4_request']) key = hmac(key, part)
  return createHmac('sha256', key).update(stringToSign).digest('hex')
}

/** Why a signature is wrong, or undefined when it is right. Never echoes a secret. */
export function verifySignature(
  request: SignedRequest,
  auth: SigV4Authorization,
  secretAccessKey: string
): string | undefined {
  // Over HTTP/2 the SDK signs :authority in place of host.
  if (!auth.signedHeaders.includes('host') && !auth.signedHeaders.includes(':authority'))
    return 'host is not signed'
  if (!headerValue(request.headers, 'x-amz-date')) return 'x-amz-date is missing'
  const claimedHash = headerValue(request.headers, 'x-amz-content-sha256')
  if (
    claimedHash &&
    claimedHash !== 'UNSIGNED-PAYLOAD' &&
    claimedHash !== sha256Hex(request.body)
  ) {
    return 'the body does not match x-amz-content-sha256'
  }
  const expected = Buffer.from(expectedSignature(request, auth, secretAccessKey))
  const given = Buffer.from(auth.signature)
  return expected.length === given.length && timingSafeEqual(expected, given)
    ? undefined
    : 'signature differs'
}

/**
 * The signature a query-presigned request (X-Amz-Algorithm … in the URL, only `host` signed) should
 * carry, or undefined when the URL lacks the presigning fields (the way @smithy/signature-v4's
 * presign builds it).
 */
export function presignedSignature(
  method: string,
  url: URL,
  secretAccessKey: string
): string | undefined {
  const query = url.searchParams
  if (query.get('X-Amz-Algorithm') !== ALGORITHM) return undefined
  const [accessKeyId, date, region, service, terminator] = (
    query.get('X-Amz-Credential') ?? ''
  ).split('/')
  const amzDate = query.get('X-Amz-Date')
  if (!accessKeyId || !date || !region || !service || terminator !== 'aws4_request' || !amzDate)
    return undefined
  if (query.get('X-Amz-SignedHeaders') !== 'host') return undefined
  const canonical = [
    method,
    canonicalPath(url.pathname),
    // The token generator appends Version=1 after signing: it is not part of the signature.
    canonicalQuery(
      url.search
        .replace(/^\?/, '')
        .split('&')
        .filter((pair) => !pair.startsWith('Version='))
        .join('&')
    ),
    `host:${url.host}`,
    '',
    'host',
    // No body and no x-amz-content-sha256: the SDK's presign signs the hash of an empty payload.
    sha256Hex('')
  ].join('\n')
  const scope = `${date}/${region}/${service}/aws4_request`
  const stringToSign = [ALGORITHM, amzDate, scope, sha256Hex(canonical)].join('\n')
  let key = hmac(`AWS4${secretAccessKey}`, date)
  for (const part of [region, service, 'aws4_request']) key = hmac(key, part)
  return createHmac('sha256', key).update(stringToSign).digest('hex')
}
