import { splitCodeSpans } from './authoredMarkdown.js'
import { normaliseNewlines, stripUnsafeCharacters } from './escapeMarkdown.js'

// `npm start` prints the job summary in a terminal. This is not a markdown renderer: it undoes what
// renderSummary writes (headings, tables, folded blocks, fences, escapes) so the text reads plainly.

const ENTITIES: Readonly<Record<string, string>> = {
  amp: '&',
  lt: '<',
  gt: '>',
  quot: '"',
  nbsp: ' '
}

function decodeEntities(text: string): string {
  return text.replace(/&(#x[0-9a-f]+|#\d+|[a-z]+);/gi, (entity: string, name: string) => {
    if (name.startsWith('#')) {
      const code =
        name[1] === 'x' || name[1] === 'X'
          ? parseInt(name.slice(2), 16)
          : parseInt(name.slice(1), 10)
      return code > 0 && code <= 0x10ffff ? String.fromCodePoint(code) : entity
    }
    return ENTITIES[name.toLowerCase()] ?? entity
  })
}

function plainText(text: string, inTable: boolean): string {
  return decodeEntities(
    text
      .replace(/<summary>/gi, '▸ ')
      .replace(/<br\s*\/?>\s*$/i, '')
      .replace(/<br\s*\/?>/gi, inTable ? ' / ' : '\n')
      .replace(/<\/?[a-z][^>]*>/gi, '')
      .replace(/(?<!\\)\*\*/g, '')
      .replace(/(?<![\\\w])_([^_\n]+)_(?!\w)/g, '$1')
      .replace(/\\([!-/:-@[-`{-~])/g, '$1')
  )
}

/** One line of markdown as plain text: code spans keep their content verbatim. */
function inlineToTerminal(line: string, inTable = false): string {
  return splitCodeSpans(line)
    .map((part) => (part.code ? part.text : plainText(part.text, inTable)))
    .join('')
}

/** Columns a string takes in a terminal: emoji and East Asian wide characters take two. */
export function displayWidth(text: string): number {
  let width = 0
  for (const char of text) {
    if (/[\p{Mn}\p{Me}\p{Cf}]/u.test(char)) continue
    const wide =
      /\p{Extended_Pictographic}/u.test(char) ||
      /[\u1100-\u115f\u2e80-\ua4cf\uac00-\ud7a3\uf900-\ufaff\ufe30-\ufe4f\uff00-\uff60\uffe0-\uffe6]/.test(
        char
      )
    width += wide ? 2 : 1
  }
  return width
}

const TABLE_ROW = /^\s*\|.*\|\s*$/
const DELIMITER_ROW = /^\s*\|(\s*:?-+:?\s*\|)+\s*$/

// GFM splits a row on every `|` not directly preceded by a backslash, then drops that backslash.
function tableCells(row: string): string[] {
  return row
    .trim()
    .replace(/^\||\|$/g, '')
    .split(/(?<!\\)\|/)
    .map((cell) => inlineToTerminal(cell.trim().replace(/\\\|/g, '|'), true))
}

function renderTable(rows: readonly string[]): string[] {
  const [header = [], ...body] = rows.filter((row) => !DELIMITER_ROW.test(row)).map(tableCells)
  const columns = Math.max(header.length, ...body.map((cells) => cells.length))
  const widths = Array.from({ length: columns }, (_, column) =>
    Math.max(...[header, ...body].map((cells) => displayWidth(cells[column] ?? '')))
  )
  const line = (cells: readonly string[]): string =>
    widths
      .map((width, column) => {
        const cell = cells[column] ?? ''
        return cell + ' '.repeat(width - displayWidth(cell))
      })
      .join('  ')
      .trimEnd()
  const lines = header.some((cell) => cell !== '')
    ? [line(header), widths.map((width) => '─'.repeat(width)).join('  ')]
    : []
  return [...lines, ...body.map(line)]
}

export function renderSummaryForTerminal(markdown: string): string {
  const lines = stripUnsafeCharacters(normaliseNewlines(markdown)).split('\n')
  const out: string[] = []
  for (let i = 0; i < lines.length; i += 1) {
    const line = lines[i] ?? ''
    const fence = /^ {0,3}(`{3,}|~{3,})/.exec(line)
    if (fence) {
      const marker = fence[1] ?? '```'
      const closing = new RegExp(`^ {0,3}${marker[0] === '`' ? '`' : '~'}{${marker.length},}\\s*$`)
      i += 1
      while (i < lines.length && !closing.test(lines[i] ?? '')) out.push(`    ${lines[i++] ?? ''}`)
      continue
    }
    if (TABLE_ROW.test(line) && DELIMITER_ROW.test(lines[i + 1] ?? '')) {
      const rows: string[] = []
      while (i < lines.length && TABLE_ROW.test(lines[i] ?? '')) rows.push(lines[i++] ?? '')
      i -= 1
      out.push(...renderTable(rows))
      continue
    }
    const heading = /^ {0,3}(#{1,6})\s+(.*)$/.exec(line)
    if (heading) {
      const text = inlineToTerminal(heading[2] ?? '').trim()
      const level = heading[1]?.length ?? 1
      out.push('', text)
      if (level <= 3) out.push((level <= 2 ? '═' : '─').repeat(displayWidth(text)))
      continue
    }
    out.push(...inlineToTerminal(line).split('\n'))
  }
  return `${out
    .map((line) => line.trimEnd())
    .join('\n')
    .replace(/\n{3,}/g, '\n\n')
    .trim()}\n`
}
