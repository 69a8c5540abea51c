import { InputError } from './inputError.js'

/** How much of a bad value a message repeats: enough to recognise it, never a wall of text. */
const SHOWN_CHARACTERS = 64

/** `U+000A`, the way Unicode charts name a character. */
export function codePointLabel(codePoint: number): string {
  return `U+${codePoint.toString(16).toUpperCase().padStart(4, '0')}`
}

function escapeCharacter(character: string): string {
  const codePoint = character.codePointAt(0) ?? 0
  if (character === '"' || character === '\\') return `\\${character}`
  if (codePoint >= 0x20 && codePoint < 0x7f) return character
  if (character === '\n') return '\\n'
  if (character === '\r') return '\\r'
  if (character === '\t') return '\\t'
  const hex = codePoint.toString(16)
  return codePoint > 0xffff ? `\\u{${hex}}` : `\\u${hex.padStart(4, '0')}`
}

/**
 * Quotes a value for a message. Everything outside printable ASCII is escaped, so a line break cannot
 * start a workflow command in the log and a look-alike character (U+2010 for '-') becomes visible.
 */
export function describeValue(value: string): string {
  const characters = Array.from(value)
  const shown = characters.slice(0, SHOWN_CHARACTERS).map(escapeCharacter).join('')
  return characters.length > SHOWN_CHARACTERS ? `"${shown}…"` : `"${shown}"`
}

export interface UnsafeCharacter {
  readonly kind: 'control' | 'non-ascii'
  readonly codePoint: number
  /** 1-based, counted in characters. */
  readonly position: number
}

/** Line breaks and control characters could inject into GITHUB_ENV or workflow commands. */
function isControl(codePoint: number): boolean {
  return (
    codePoint < 0x20 ||
    (codePoint >= 0x7f && codePoint <= 0x9f) ||
    codePoint === 0x2028 ||
    codePoint === 0x2029
  )
}

/** The first character no input may hold: a control character, or anything beyond ASCII. */
export function findUnsafeCharacter(value: string): UnsafeCharacter | undefined {
  let position = 0
  for (const character of value) {
    position += 1
    const codePoint = character.codePointAt(0) ?? 0
    if (isControl(codePoint)) return { kind: 'control', codePoint, position }
    if (codePoint > 0x7e) return { kind: 'non-ascii', codePoint, position }
  }
  return undefined
}

export interface InvalidValueOptions {
  /** Never repeat the value, only its length. */
  readonly secret?: boolean
  /** Where the value came from when not from the input itself, e.g. `env AWS_REGION`. */
  readonly source?: string
}

/**
 * `Input 'NAME' must be ACCEPTED; got VALUE (WHY).` — the one message shape of every input problem.
 * `value` undefined means the input was not set.
 */
export function invalidValue(
  input: string,
  accepted: string,
  value: string | undefined,
  why?: string,
  options: InvalidValueOptions = {}
): InputError {
  const length = value === undefined ? 0 : Array.from(value).length
  const notes: string[] = []
  let shown: string
  if (value === undefined) shown = 'nothing'
  else {
    shown = options.secret ? 'a hidden value' : describeValue(value)
    if (options.secret || length > SHOWN_CHARACTERS) notes.push(`${length} characters`)
  }
  if (why) notes.push(why)
  const from = options.source ? ` (taken from ${options.source})` : ''
  const note = notes.length > 0 ? ` (${notes.join('; ')})` : ''
  return new InputError(input, `Input '${input}'${from} must be ${accepted}; got ${shown}${note}.`)
}
