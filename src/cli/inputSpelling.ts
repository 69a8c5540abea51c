import type { InputError } from '../inputs/inputError.js'
import type { Report } from '../report/types.js'

/**
 * Every entry point of the bundle reads the action's inputs under its own names: the action under
 * `with:` (`role-to-assume: ARN`), the doctor and the credential helper as flags
 * (`--role-to-assume ARN`, `--role-arn ARN`), and the doctor takes the API key from
 * `AWS_BEARER_TOKEN_BEDROCK`. The engine's messages name the action's inputs; this turns them into
 * what the user of another entry point types, so a message never names something they cannot set.
 */

/** How an entry point's user sets one action input. */
export type Spelling = { readonly flag: string } | { readonly variable: string }

/** `(input) → spelling`; undefined leaves the input's name as it is. */
export type SpellInput = (input: string) => Spelling | undefined

function named(spelling: Spelling): string {
  return 'flag' in spelling ? `--${spelling.flag}` : spelling.variable
}

function withValue(spelling: Spelling, value: string): string {
  return 'flag' in spelling ? `--${spelling.flag} ${value}` : `${spelling.variable}=${value}`
}

/** Action inputs are kebab-case words; a name is never part of a longer one (`bedrock-api-key-…`). */
const INPUT_NAME = String.raw`[a-z][a-z0-9]*(?:-[a-z0-9]+)*`
const EDGE_BEFORE = String.raw`(?<![\w-])`
const EDGE_AFTER = String.raw`(?![\w-])`

/**
 * Rewrites the input names in `text` (a message, a cause, a fix) the way `spell` says:
 * - `Input 'NAME'` → `--flag` (or the variable);
 * - `` `NAME: VALUE` `` → `` `--flag VALUE` ``, `` `NAME` `` → `` `--flag` ``;
 * - a bare multi-word name (`role-chaining: auto`, `web-identity-token-file is set`) likewise.
 *   One-word inputs (`model`, `verify`, `audience`) are plain English words too, so they are
 *   rewritten only where quoted.
 */
export function spellInputs(text: string, spell: SpellInput): string {
  const quotedInput = new RegExp(`Input '(${INPUT_NAME})'`, 'g')
  const codeWithValue = new RegExp('`(' + INPUT_NAME + '): ([^`\\n]+)`', 'g')
  const code = new RegExp('`(' + INPUT_NAME + ')`', 'g')
  const bareWithValue = new RegExp(
    `${EDGE_BEFORE}(${INPUT_NAME}-${INPUT_NAME}): ([\\w.:/-]*[\\w/])${EDGE_AFTER}`,
    'g'
  )
  const bare = new RegExp(`${EDGE_BEFORE}(${INPUT_NAME}-${INPUT_NAME})${EDGE_AFTER}`, 'g')
  const replaced = (whole: string, input: string, render: (s: Spelling) => string): string => {
    const spelling = spell(input)
    return spelling === undefined ? whole : render(spelling)
  }
  // Code spans first, so the bare patterns below only see prose.
  const parts = text.split(/(`[^`\n]*`)/)
  return parts
    .map((part, index) => {
      if (index % 2 === 1) {
        return part
          .replace(codeWithValue, (whole, input: string, value: string) =>
            replaced(whole, input, (s) => `\`${withValue(s, value)}\``)
          )
          .replace(code, (whole, input: string) => replaced(whole, input, (s) => `\`${named(s)}\``))
      }
      return part
        .replace(quotedInput, (whole, input: string) => replaced(whole, input, named))
        .replace(bareWithValue, (whole, input: string, value: string) =>
          replaced(whole, input, (s) => withValue(s, value))
        )
        .replace(bare, (whole, input: string) => replaced(whole, input, named))
    })
    .join('')
}

/** The report with every check's words (and the credentials note) rewritten by `words`. */
export function rewordReport(report: Report, words: (text: string) => string): Report {
  return {
    ...report,
    ...(report.credentialSourceNote !== undefined
      ? { credentialSourceNote: words(report.credentialSourceNote) }
      : {}),
    checks: report.checks.map((check) => ({
      ...check,
      detail: words(check.detail),
      ...(check.cause !== undefined ? { cause: words(check.cause) } : {}),
      ...(check.fix !== undefined ? { fix: words(check.fix) } : {})
    })),
    models: report.models.map((row) => ({
      ...row,
      asked: words(row.asked),
      ...(row.note !== undefined ? { note: words(row.note) } : {})
    }))
  }
}

/**
 * A bad-input error in the entry point's terms: one problem as it is, several as "N flags are
 * invalid:" and a line each (readConfig's own message says "inputs").
 */
export function spellInputError(error: InputError, spell: SpellInput): string {
  const lines = error.problems.map((problem) => spellInputs(problem.message, spell))
  return lines.length === 1
    ? (lines[0] ?? '')
    : [`${lines.length} flags are invalid:`, ...lines.map((line) => `- ${line}`)].join('\n')
}
