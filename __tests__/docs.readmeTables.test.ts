// The README's three tables (inputs, outputs, exported variables) against what the action really
// declares and exports: an input, output or variable added, renamed or dropped on one side only
// fails here, and so does a table broken in two by a stray blank line (the second half of a
// Markdown table without its header renders as plain text).
import { readdirSync, readFileSync } from 'node:fs'
import path from 'node:path'
import { fileURLToPath } from 'node:url'
import { declaredInputs } from '../emulator/runner/runAction.ts'

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..')
const readme = readFileSync(path.join(root, 'README.md'), 'utf8')

/** The table right after a `## heading`: its body rows, up to the first line that is not a row. */
function tableAfter(heading: string): string[][] {
  const lines = readme.split('\n')
  const start = lines.indexOf(`## ${heading}`)
  if (start < 0) throw new Error(`README has no section "## ${heading}"`)
  const first = lines.findIndex((line, index) => index > start && line.startsWith('|'))
  const rows: string[][] = []
  for (let index = first + 2; lines[index]?.startsWith('|') === true; index++) {
    rows.push((lines[index] ?? '').split(/(?<!\\)\|/).slice(1, -1))
  }
  return rows
}

/** Every `code span` of a table's first column, e.g. `sts-endpoint`, `bedrock-endpoint`. */
function firstColumnNames(rows: readonly string[][], pattern: RegExp): Set<string> {
  const names = rows.flatMap((row) =>
    [...(row[0] ?? '').matchAll(/`([^`]+)`/g)].map((match) => match[1] ?? '')
  )
  return new Set(names.map((name) => pattern.exec(name)?.[0] ?? name))
}

/** The two-space-indented keys of a top-level block of action.yml. */
function declared(block: 'outputs'): string[] {
  const text = readFileSync(path.join(root, 'action.yml'), 'utf8')
  const body = new RegExp(`^${block}:\\n([\\s\\S]*?)(?:^\\S|(?![\\s\\S]))`, 'm').exec(text)?.[1]
  return [...(body ?? '').matchAll(/^ {2}([A-Za-z0-9_-]+):/gm)].map((match) => match[1] ?? '')
}

/** Every variable name the source can export: the exports module, the renewing profile's pair. */
function exportableVariables(): Set<string> {
  const sources = [
    ...readdirSync(path.join(root, 'src/exports')).map((file) => `src/exports/${file}`),
    'src/refresh/configureRefresh.ts'
  ]
  const names = new Set<string>()
  for (const source of sources) {
    const text = readFileSync(path.join(root, source), 'utf8')
    for (const match of text.matchAll(/(?:plain|secret)\('([A-Z][A-Z0-9_]+)'/g))
      names.add(match[1] ?? '')
    for (const match of text.matchAll(/\{ name: '([A-Z][A-Z0-9_]+)', value:/g))
      names.add(match[1] ?? '')
  }
  // Built from the family name (buildExports.ts): the three Claude Code reads.
  for (const family of ['OPUS', 'SONNET', 'HAIKU']) names.add(`ANTHROPIC_DEFAULT_${family}_MODEL`)
  return names
}

const sorted = (names: Iterable<string>): string[] => [...names].sort()

describe('README tables match action.yml and the exports', () => {
  it('lists every input action.yml declares, in one unbroken table, and no other', () => {
    const documented = firstColumnNames(tableAfter('Inputs'), /^[a-z0-9-]+$/)
    expect(sorted(documented)).toEqual(sorted(declaredInputs()))
  })

  it('lists every output action.yml declares, and no other', () => {
    const documented = firstColumnNames(tableAfter('Outputs'), /^[a-z0-9-]+$/)
    expect(sorted(documented)).toEqual(sorted(declared('outputs')))
  })

  it('lists every variable the action can export, and no other', () => {
    const documented = firstColumnNames(
      tableAfter('Environment exported for later steps'),
      /^[A-Z][A-Z0-9_]+/
    )
    expect(sorted(documented)).toEqual(sorted(exportableVariables()))
  })

  it('finds what it looks for (the parsing itself)', () => {
    expect(exportableVariables()).toContain('AWS_PROFILE')
    expect(exportableVariables()).toContain('AWS_BEARER_TOKEN_BEDROCK')
    expect(declared('outputs')).toContain('iam-policy')
    expect(tableAfter('Inputs').length).toBeGreaterThan(30)
  })
})
