import { invalidValue } from './valueMessage.js'

/** Parsers for the single-value inputs. Each takes the already trimmed, single-line value. */

export const BOOLEAN_FORM = 'true or false (any case)'

export function parseBoolean(input: string, value: string | undefined, fallback: boolean): boolean {
  if (value === undefined) return fallback
  const lower = value.toLowerCase()
  if (lower === 'true') return true
  if (lower === 'false') return false
  throw invalidValue(input, BOOLEAN_FORM, value)
}

export function wholeNumberForm(min: number, max: number): string {
  return `a whole number from ${min} to ${max}`
}

/** Digits only: "3600.5", "1e4", "+3600", "0x10" and " 3600x" are all rejected, not rounded. */
export function parseWholeNumber(
  input: string,
  value: string,
  min: number,
  max: number,
  form = wholeNumberForm(min, max)
): number {
  if (!/^\d+$/.test(value)) throw invalidValue(input, form, value)
  const number = Number(value)
  if (number < min || number > max) throw invalidValue(input, form, value, 'out of range')
  return number
}

export function choiceForm(choices: readonly string[]): string {
  return `one of ${choices.join(', ')} (any case)`
}

/** One of a fixed set of lowercase words, matched in any case. */
export function parseChoice<T extends string>(
  input: string,
  value: string | undefined,
  choices: readonly T[],
  fallback: T
): T {
  if (value === undefined) return fallback
  const lower = value.toLowerCase()
  const found = choices.find((choice) => choice === lower)
  if (found === undefined)
    throw invalidValue(input, `one of ${choices.join(', ')} (any case)`, value)
  return found
}

export const ACCOUNT_IDS_FORM =
  'comma-separated 12-digit AWS account ids, e.g. 123456789012,210987654321'

export function parseAccountIds(input: string, value: string | undefined): readonly string[] {
  if (value === undefined) return []
  const ids = value
    .split(',')
    .map((item) => item.trim())
    .filter((item) => item !== '')
  const bad = ids.filter((id) => !/^\d{12}$/.test(id))
  if (bad.length > 0) {
    const why = `not 12 digits: ${bad.map((id) => JSON.stringify(id.slice(0, 40))).join(', ')}`
    throw invalidValue(input, ACCOUNT_IDS_FORM, value, why)
  }
  return [...new Set(ids)]
}

/**
 * The OIDC audience goes into the token request URL and must equal the trust policy's `aud`
 * condition. A URL-ish charset covers every real audience (sts.amazonaws.com, api://…, https://…)
 * and keeps shell and workflow-command metacharacters out.
 */
const AUDIENCE = /^[A-Za-z0-9._~:/@+=,-]{1,256}$/
export const AUDIENCE_FORM =
  'an OIDC audience of 1-256 letters, digits and . _ ~ : / @ + = , - (default sts.amazonaws.com)'

export function parseAudience(input: string, value: string): string {
  if (!AUDIENCE.test(value)) throw invalidValue(input, AUDIENCE_FORM, value)
  return value
}

/** STS's RoleSessionName charset. */
const SESSION_CHARACTER = /[\w+=,.@-]/
export const SESSION_NAME_FORM =
  '2-64 characters of letters, digits and + = , . @ _ - (the STS role session name charset)'

/** An explicit session name is checked, never rewritten: the user may match it in a policy. */
export function parseSessionName(input: string, value: string): string {
  const bad = [...new Set(Array.from(value).filter((c) => !SESSION_CHARACTER.test(c)))]
  if (bad.length > 0) {
    const listed = bad.map((c) => JSON.stringify(c)).join(' ')
    throw invalidValue(input, SESSION_NAME_FORM, value, `not allowed: ${listed}`)
  }
  if (value.length < 2 || value.length > 64) {
    throw invalidValue(input, SESSION_NAME_FORM, value, value.length < 2 ? 'too short' : 'too long')
  }
  return value
}
