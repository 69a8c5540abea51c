import { isFenceLine } from './authoredMarkdown.js'
import { normaliseNewlines } from './escapeMarkdown.js'

// A cause or fix is often assembled from pieces (a diagnosis' fix, then a family hint; a first story,
// then "Then: …"). A piece may hold a fenced code block (an IAM policy, a shell command). Joined
// with a space, a sentence after a closing fence turns "```" into "``` Only needed…", which is no
// longer a fence: the sentence and everything after it render inside the code block and get pasted
// into a shell. Every assembly goes through here, so a fence always stands on its own line with a
// blank line between it and any prose.

function trimBlankLines(text: string): string {
  return normaliseNewlines(text).replace(/^(?:[ \t]*\n)+|(?:\n[ \t]*)+$/g, '')
}

function firstLine(text: string): string {
  return text.split('\n')[0] ?? ''
}

function lastLine(text: string): string {
  const lines = text.split('\n')
  return lines[lines.length - 1] ?? ''
}

/**
 * Joins pieces of a cause or fix: prose with `separator` (a space by default: one paragraph), but a
 * blank line wherever a piece ends or starts with a code fence, or holds more than one line, so a
 * fenced block is never extended by prose and a fence is never glued to a sentence. Empty and
 * undefined pieces are dropped.
 */
export function joinFixText(
  parts: readonly (string | undefined)[],
  separator: ' ' | '\n' | '\n\n' = ' '
): string {
  const pieces = parts
    .filter((part): part is string => part !== undefined)
    .map(trimBlankLines)
    .filter((part) => part.trim() !== '')
  let joined = ''
  for (const piece of pieces) {
    if (joined === '') {
      joined = piece
      continue
    }
    const block =
      isFenceLine(lastLine(joined)) ||
      isFenceLine(firstLine(piece)) ||
      (separator === ' ' && (joined.includes('\n') || piece.includes('\n')))
    joined += block ? '\n\n' : separator
    joined += piece
  }
  return joined
}

/** `label` in front of a fix ("Then:", "On a self-hosted runner:"); a fence starts on its own line. */
export function labelledFixText(label: string, text: string): string {
  const body = trimBlankLines(text)
  return isFenceLine(firstLine(body)) ? `${label}\n\n${body}` : `${label} ${body}`
}

/**
 * What is wrong with the fences of an assembled text, for tests and assertions: a fence line with
 * text after its info string (prose glued to a fence), or a block that is never closed.
 */
export function fenceProblems(text: string): string[] {
  const problems: string[] = []
  let open: string | undefined
  for (const line of normaliseNewlines(text).split('\n')) {
    if (open === undefined) {
      if (/^ {0,3}(`{3,}|~{3,})/.test(line)) {
        if (!/^ {0,3}(`{3,}|~{3,})[A-Za-z0-9_+-]*[ \t]*$/.test(line))
          problems.push(`fence with text after it: ${line}`)
        open = /^ {0,3}(`{3,}|~{3,})/.exec(line)?.[1]
      } else if (/\S[ \t]*`{3,}/.test(line)) problems.push(`fence after text on a line: ${line}`)
      continue
    }
    const marker = /^ {0,3}(`{3,}|~{3,})(.*)$/.exec(line)
    if (marker && marker[1]?.[0] === open[0] && (marker[1]?.length ?? 0) >= open.length) {
      if ((marker[2] ?? '').trim() !== '')
        problems.push(`closing fence with text after it: ${line}`)
      else open = undefined
    }
  }
  if (open !== undefined) problems.push('a code block is never closed')
  return problems
}
