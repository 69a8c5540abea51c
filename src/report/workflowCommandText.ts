import { stripUnsafeCharacters } from './escapeMarkdown.js'

const ZERO_WIDTH_SPACE = '\u200b'

/**
 * Log text the runner cannot take for a workflow command. The runner reads a line (after leading
 * blanks) that starts with `::` as a command, and `##[` anywhere in a line as an older-style one, so
 * a quoted AWS message or claim could otherwise add a mask, stop command processing or forge an
 * annotation. A zero-width space breaks both markers without changing what a reader sees.
 */
export function neutraliseWorkflowCommands(text: string): string {
  return stripUnsafeCharacters(text)
    .split('\n')
    .map((line) => line.replace(/^(\s*):(?=:)/, `$1:${ZERO_WIDTH_SPACE}`))
    .join('\n')
    .replace(/##\[/g, `#${ZERO_WIDTH_SPACE}#[`)
}
