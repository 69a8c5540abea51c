// Untrusted text (AWS error messages, model names from inputs, OIDC claims) ends up in the job
// summary, which GitHub renders as GitHub-flavoured markdown plus HTML. Each helper below makes such
// text show as the literal characters it contains in one kind of place: running text, a table
// cell, an inline code span or an HTML element. None of them trusts its input.

// C0/C1 controls (terminal escapes in `npm start`, stray carriage returns) and the bidi overrides
// that can make text read differently from what it is. Tab and newline are handled by the callers.
// eslint-disable-next-line no-control-regex -- matching control characters is the point
const UNSAFE_CHARACTERS = /[\u0000-\u0008\u000b-\u001f\u007f-\u009f\u202a-\u202e\u2066-\u2069]/g

// Punctuation that can open emphasis, code, links, strikethrough, math or a table cell anywhere in
// a line. A backslash before ASCII punctuation always renders as the punctuation itself.
const INLINE_MARKDOWN = /[\\`*_[\]~|$]/g

// GitHub turns `@name` (after a non-word character) into a mention and notifies; a zero-width space
// after `@` keeps the text readable while the mention pattern no longer matches. E-mail addresses
// (`ops@example.com`) are not mentions and stay intact.
const MENTION = /(?<![A-Za-z0-9_])@(?=[A-Za-z0-9])/g

const ZERO_WIDTH_SPACE = '\u200b'

export function normaliseNewlines(text: string): string {
  return text.replace(/\r\n?/g, '\n')
}

/** Drops control and bidi-override characters; keeps tabs and newlines. */
export function stripUnsafeCharacters(text: string): string {
  return normaliseNewlines(text).replace(UNSAFE_CHARACTERS, '')
}

/**
 * Escapes one line of text for use inside a markdown line (HTML, inline markdown, mentions).
 * Does not guard the start of a line; see `guardLineStart`.
 */
export function escapeInline(text: string): string {
  return stripUnsafeCharacters(text)
    .replace(/[\t\n]/g, ' ')
    .replace(/&/g, '&amp;')
    .replace(/</g, '&lt;')
    .replace(/>/g, '&gt;')
    .replace(INLINE_MARKDOWN, '\\$&')
    .replace(MENTION, `@${ZERO_WIDTH_SPACE}`)
}

/**
 * Makes an already escaped line unable to start a block: headings, lists, setext underlines,
 * thematic breaks and (by dropping leading blanks) indented code.
 */
export function guardLineStart(escapedLine: string): string {
  return escapedLine
    .replace(/^[ \t]+/, '')
    .replace(/^([#+=-])/, '\\$1')
    .replace(/^(\d{1,9})([.)])/, '$1\\$2')
}

/** Untrusted text for a paragraph, heading or list item: always one line, rendered literally. */
export function escapeText(text: string): string {
  return guardLineStart(escapeInline(text.replace(/\s+/g, ' ').trim()))
}

/** Untrusted text for a table cell: line breaks become `<br>` so the row stays one line. */
export function escapeTableCell(text: string): string {
  return normaliseNewlines(text)
    .split('\n')
    .map((line) => escapeInline(line).trim())
    .filter((line) => line !== '')
    .join('<br>')
}

/** Untrusted text inside an HTML element such as `<summary>`, where markdown is not parsed. */
export function escapeHtml(text: string): string {
  return stripUnsafeCharacters(text)
    .replace(/\s+/g, ' ')
    .trim()
    .replace(/&/g, '&amp;')
    .replace(/</g, '&lt;')
    .replace(/>/g, '&gt;')
    .replace(/"/g, '&quot;')
    .replace(/'/g, '&#39;')
    .replace(MENTION, `@${ZERO_WIDTH_SPACE}`)
}

function longestBacktickRun(text: string): number {
  let longest = 0
  for (const match of text.matchAll(/`+/g)) longest = Math.max(longest, match[0].length)
  return longest
}

/**
 * Untrusted text as an inline code span. The fence is longer than any backtick run inside, so the
 * text cannot close it; newlines become spaces because a code span cannot hold a block break.
 * Returns '' for empty text (an empty code span does not exist in markdown).
 */
export function inlineCode(text: string): string {
  const flat = stripUnsafeCharacters(text).replace(/[\t\n]/g, ' ')
  if (flat === '') return ''
  const fence = '`'.repeat(longestBacktickRun(flat) + 1)
  // CommonMark strips one space from each side when both are present, and a backtick next to the
  // fence would merge with it: pad in those cases (an all-space span is never stripped).
  const needsPadding = flat.trim() !== '' && /^[ `]|[ `]$/.test(flat)
  const pad = needsPadding ? ' ' : ''
  return `${fence}${pad}${flat}${pad}${fence}`
}

/**
 * `inlineCode` for a table cell. GFM splits cells before parsing code spans, so a `|` must be
 * written `\|` even inside one; the table parser removes exactly that backslash again.
 */
export function tableCellCode(text: string): string {
  return inlineCode(text).replace(/\|/g, '\\|')
}
