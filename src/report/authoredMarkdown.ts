import {
  escapeInline,
  guardLineStart,
  inlineCode,
  normaliseNewlines,
  tableCellCode
} from './escapeMarkdown.js'
import { fencedBlock } from './markdownBlocks.js'

// A check's detail, cause and fix are written by our diagnosis code, which marks code with
// backticks (`bedrock:InvokeModel`) and puts IAM JSON in fenced blocks, but they also quote
// untrusted text (AWS messages, claims, model names). So the renderer keeps exactly three
// constructs — code spans, fenced blocks and simple list items — and rebuilds each one with the
// escaping helpers; everything else is escaped text. Whatever the input, the output contains only
// escaped text, code spans we fenced and code blocks we fenced.

export interface TextPart {
  readonly code: boolean
  readonly text: string
}

/** Splits a line into text and code spans, pairing backtick runs of equal length as CommonMark does. */
export function splitCodeSpans(line: string): TextPart[] {
  const parts: TextPart[] = []
  let text = ''
  let i = 0
  while (i < line.length) {
    // A backslash-escaped backtick cannot open a code span.
    if (line[i] === '\\' && /[!-/:-@[-`{-~]/.test(line[i + 1] ?? '')) {
      text += line.slice(i, i + 2)
      i += 2
      continue
    }
    if (line[i] !== '`') {
      text += line[i]
      i += 1
      continue
    }
    const run = /^`+/.exec(line.slice(i))?.[0].length ?? 1
    const close = findBacktickRun(line, i + run, run)
    if (close < 0) {
      text += '`'.repeat(run)
      i += run
      continue
    }
    if (text !== '') parts.push({ code: false, text })
    text = ''
    let content = line.slice(i + run, close)
    if (
      content.length >= 2 &&
      content.startsWith(' ') &&
      content.endsWith(' ') &&
      content.trim() !== ''
    ) {
      content = content.slice(1, -1)
    }
    parts.push({ code: true, text: content })
    i = close + run
  }
  if (text !== '') parts.push({ code: false, text })
  return parts
}

function findBacktickRun(line: string, from: number, length: number): number {
  for (const match of line.slice(from).matchAll(/`+/g)) {
    if (match[0].length === length) return from + match.index
  }
  return -1
}

const FENCE_OPEN = /^ {0,3}(`{3,}|~{3,})[ \t]*([^\s`]*)[^`]*$/

/** Whether a line opens or closes a fenced code block. */
export function isFenceLine(line: string): boolean {
  return FENCE_OPEN.test(line)
}

function renderInline(line: string, inTable: boolean): string {
  const code = inTable ? tableCellCode : inlineCode
  return splitCodeSpans(line)
    .map((part) => (part.code ? code(part.text) : escapeInline(part.text)))
    .join('')
}

const LIST_ITEM = /^\s*([-*+]|\d{1,9}[.)])\s+(.*)$/

export interface AuthoredBlock {
  readonly kind: 'paragraph' | 'list' | 'code'
  readonly markdown: string
}

/**
 * Authored text as markdown blocks: fenced blocks re-fenced, list items kept, other lines escaped
 * (consecutive lines joined by hard breaks), code spans re-fenced.
 */
export function authoredBlocks(text: string): AuthoredBlock[] {
  const lines = normaliseNewlines(text).split('\n')
  const blocks: AuthoredBlock[] = []
  let paragraph: string[] = []
  let list: string[] = []
  const flush = (): void => {
    if (paragraph.length > 0) blocks.push({ kind: 'paragraph', markdown: paragraph.join('<br>\n') })
    if (list.length > 0) blocks.push({ kind: 'list', markdown: list.join('\n') })
    paragraph = []
    list = []
  }
  for (let i = 0; i < lines.length; i += 1) {
    const line = lines[i] ?? ''
    const open = FENCE_OPEN.exec(line)
    if (open) {
      flush()
      const marker = open[1] ?? '```'
      const closing = new RegExp(
        `^ {0,3}${marker[0] === '`' ? '`' : '~'}{${marker.length},}[ \\t]*$`
      )
      const body: string[] = []
      i += 1
      while (i < lines.length && !closing.test(lines[i] ?? '')) body.push(lines[i++] ?? '')
      blocks.push({ kind: 'code', markdown: fencedBlock(body.join('\n'), open[2] ?? '') })
      continue
    }
    if (line.trim() === '') {
      flush()
      continue
    }
    const item = LIST_ITEM.exec(line)
    if (item) {
      if (paragraph.length > 0) flush()
      const marker = /^\d/.test(item[1] ?? '') ? (item[1] ?? '1.') : '-'
      list.push(`${marker} ${guardLineStart(renderInline(item[2] ?? '', false))}`)
      continue
    }
    if (list.length > 0) flush()
    paragraph.push(guardLineStart(renderInline(line, false)))
  }
  flush()
  return blocks
}

export function renderAuthoredMarkdown(text: string): string {
  return authoredBlocks(text)
    .map((block) => block.markdown)
    .join('\n\n')
}

/** Authored text for a table cell: one line, code spans kept, fence markers dropped, `<br>` breaks. */
export function renderAuthoredCell(text: string): string {
  return normaliseNewlines(text)
    .split('\n')
    .filter((line) => !isFenceLine(line))
    .map((line) => renderInline(line.trim(), true).trim())
    .filter((line) => line !== '')
    .join('<br>')
}
