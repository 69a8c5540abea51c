import { escapeHtml, stripUnsafeCharacters } from './escapeMarkdown.js'

/**
 * A fenced code block around any text. The fence is longer than every backtick run in the text, so
 * nothing inside (`</details>`, a stray fence) can end the block early.
 */
export function fencedBlock(code: string, language = ''): string {
  const body = stripUnsafeCharacters(code).replace(/^\n+|\n+$/g, '')
  let longest = 0
  for (const match of body.matchAll(/`+/g)) longest = Math.max(longest, match[0].length)
  const fence = '`'.repeat(Math.max(3, longest + 1))
  const info = language.replace(/[^A-Za-z0-9_+-]/g, '')
  return `${fence}${info}\n${body}\n${fence}`
}

/** A GFM table. Cells must already be escaped for a cell (`escapeTableCell`, `tableCellCode`). */
export function markdownTable(
  headers: readonly string[],
  rows: readonly (readonly string[])[]
): string {
  const line = (cells: readonly string[]): string => `| ${cells.join(' | ')} |`
  return [line(headers), line(headers.map(() => '---')), ...rows.map(line)].join('\n')
}

/**
 * A folded section. The blank lines around the body end the HTML block, so the body is parsed as
 * markdown (a fenced block renders as code).
 */
export function foldedBlock(summary: string, markdownBody: string): string {
  return `<details><summary>${escapeHtml(summary)}</summary>\n\n${markdownBody}\n\n</details>`
}
