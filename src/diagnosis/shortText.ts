/**
 * A message (an AWS error's, a command's stderr) shortened for a sentence: whitespace collapsed to
 * single spaces, and when longer than `maxCharacters`, cut at the last word boundary within the
 * limit with "…" appended, so a reader never sees half a word ("because no iden") and always sees
 * that something was left out. Counted in characters (code points), never splitting a surrogate
 * pair. A single word longer than the limit (an ARN, a URL) is cut inside it, still marked "…".
 *
 * @param maxCharacters the most characters kept before the "…" (the result may be one longer)
 */
export function shortText(text: string, maxCharacters: number): string {
  const line = text.replace(/\s+/g, ' ').trim()
  const characters = Array.from(line)
  if (characters.length <= maxCharacters) return line
  const kept = characters.slice(0, maxCharacters + 1).join('')
  // Cut before the last space inside the limit (+1: a space right after the limit ends a word).
  const space = kept.lastIndexOf(' ')
  const cut = space > 0 ? kept.slice(0, space) : characters.slice(0, maxCharacters).join('')
  return `${cut.replace(/[\s,;:(–-]+$/u, '')}…`
}
