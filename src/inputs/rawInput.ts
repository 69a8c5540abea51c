import { codePointLabel, findUnsafeCharacter, invalidValue } from './valueMessage.js'

/** No legitimate input comes near this; longer values are pasted files or attacks. */
export const MAX_INPUT_LENGTH = 2048

export interface RawRule {
  /** The accepted form, for the message, e.g. `a whole number from 900 to 43200`. */
  readonly accepted: string
  readonly secret?: boolean
  readonly maxLength?: number
  readonly source?: string
  /** Rewrites the value before a message repeats it, e.g. to hide a URL's user:password. */
  readonly redact?: (value: string) => string
}

/**
 * The checks every string input gets before its own parsing: trimmed, empty means unset, bounded
 * length, a single line of ASCII. Returns undefined when unset.
 */
export function checkRawValue(
  input: string,
  raw: string | undefined,
  rule: RawRule
): string | undefined {
  const value = (raw ?? '').trim()
  if (value === '') return undefined
  const options = {
    ...(rule.secret && { secret: true }),
    ...(rule.source && { source: rule.source })
  }
  const maxLength = rule.maxLength ?? MAX_INPUT_LENGTH
  const shown = rule.redact ? rule.redact(value) : value
  if (Array.from(value).length > maxLength) {
    throw invalidValue(input, rule.accepted, shown, `over the limit of ${maxLength}`, options)
  }
  const unsafe = findUnsafeCharacter(value)
  if (unsafe) {
    const what =
      unsafe.kind === 'control' ? 'a line break or control character' : 'a non-ASCII character'
    const where = rule.secret
      ? ''
      : ` ${codePointLabel(unsafe.codePoint)} at position ${unsafe.position}`
    const hint =
      unsafe.kind === 'control'
        ? '; a value must be a single line'
        : '; only ASCII is accepted, look-alikes such as Unicode dashes or full-width digits are not'
    const why = `contains ${what}${where}${hint}`
    throw invalidValue(input, rule.accepted, shown, why, options)
  }
  return value
}

/** Reads one input through `getInput` (e.g. `core.getInput`) and applies the common checks. */
export function readRawInput(
  getInput: (name: string) => string,
  input: string,
  rule: RawRule
): string | undefined {
  return checkRawValue(input, getInput(input), rule)
}
