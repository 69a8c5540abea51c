import { invalidValue } from './valueMessage.js'

/** Plain http is for the local emulator and nothing else: credentials would travel in clear. */
const LOOPBACK_HOSTS = new Set(['127.0.0.1', 'localhost', '[::1]'])

export const ENDPOINT_FORM =
  'an absolute https:// URL without user:password@, query or fragment ' +
  '(http:// is accepted only for a loopback host: 127.0.0.1, localhost or [::1], e.g. the local emulator)'

/**
 * Characters a URL may carry literally (RFC 3986 unreserved, reserved and '%'), without the quotes,
 * `$`, parentheses and backticks that matter to a shell a later step might paste the value into.
 */
const URL_CHARACTERS = /^[A-Za-z0-9._~:/?#[\]@!&*+,;=%-]+$/

/** Hides a `user:password@` part so a message never repeats it. */
export function withoutUserInfo(value: string): string {
  return value.replace(/\/\/[^/?#]*@/, '//***@')
}

/** A URL as a log or summary may show it: a `user:password@` part and a query hidden (they can hold keys). */
export function shownUrl(url: string): string {
  return withoutUserInfo(url).replace(/\?[^#]*/, '?***')
}

/** A custom endpoint URL, normalised without its trailing slash. */
export function parseEndpoint(input: string, value: string): string {
  const reject = (why?: string): never => {
    throw invalidValue(input, ENDPOINT_FORM, withoutUserInfo(value), why)
  }
  if (!URL_CHARACTERS.test(value)) {
    const bad = Array.from(value).find((c) => !URL_CHARACTERS.test(c)) ?? ''
    reject(`contains ${JSON.stringify(bad)}`)
  }
  let url: URL
  try {
    url = new URL(value)
  } catch {
    return reject('not an absolute URL')
  }
  if (url.protocol !== 'https:' && url.protocol !== 'http:') reject(`scheme ${url.protocol}`)
  if (url.hostname === '') reject('no host')
  // Credentials in a URL end up in logs and in the exported ANTHROPIC_BEDROCK_BASE_URL.
  if (url.username !== '' || url.password !== '') reject('contains credentials')
  if (value.includes('?') || value.includes('#')) reject('contains a query or fragment')
  if (url.protocol === 'http:' && !LOOPBACK_HOSTS.has(url.hostname)) {
    reject('http:// to a non-loopback host')
  }
  return url.href.replace(/\/+$/, '')
}
