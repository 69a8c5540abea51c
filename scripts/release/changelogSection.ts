// The notes of one release: its section of CHANGELOG.md (Keep a Changelog format).

/**
 * The lines under `## [VERSION]` (e.g. `## [1.2.0] - 2026-12-01`) up to the next `## [` heading,
 * trimmed. Undefined when there is no such heading or the section has no text: a release must not
 * go out without notes.
 *
 * @param changelog  the text of CHANGELOG.md
 * @param version    `X.Y.Z`, without the leading `v`
 */
export function changelogSection(changelog: string, version: string): string | undefined {
  const heading = `## [${version}]`
  const lines = changelog.split(/\r?\n/)
  const start = lines.findIndex((line) => line === heading || line.startsWith(`${heading} `))
  if (start === -1) return undefined
  const rest = lines.slice(start + 1)
  const end = rest.findIndex((line) => line.startsWith('## ['))
  const section = (end === -1 ? rest : rest.slice(0, end)).join('\n').trim()
  return section === '' ? undefined : section
}
