/** Parses `name<<DELIM\nvalue\nDELIM` records the way the runner reads GITHUB_ENV / GITHUB_OUTPUT. */
export function parseFileCommands(text: string): Record<string, string> {
  const result: Record<string, string> = {}
  const lines = text.split(/\r?\n/)
  for (let i = 0; i < lines.length; i++) {
    const line = lines[i] ?? ''
    if (line === '') continue
    const heredoc = /^([^=<]+)<<(.+)$/.exec(line)
    if (heredoc !== null) {
      const [, name, delimiter] = heredoc as unknown as [string, string, string]
      const value: string[] = []
      for (i++; i < lines.length && lines[i] !== delimiter; i++) value.push(lines[i] ?? '')
      if (i >= lines.length) throw new Error(`unterminated file-command record for ${name}`)
      result[name] = value.join('\n')
      continue
    }
    const eq = line.indexOf('=')
    if (eq <= 0) throw new Error(`malformed file-command line: ${line}`)
    result[line.slice(0, eq)] = line.slice(eq + 1)
  }
  return result
}

export interface WorkflowCommand {
  readonly command: string
  readonly properties: string
  readonly message: string
}

/** `::command props::message` lines from stdout. */
export function parseWorkflowCommands(stdout: string): WorkflowCommand[] {
  const out: WorkflowCommand[] = []
  for (const line of stdout.split(/\r?\n/)) {
    const match = /^::([a-z-]+)( [^:]*)?::(.*)$/.exec(line)
    if (match !== null) {
      out.push({
        command: match[1] ?? '',
        properties: (match[2] ?? '').trim(),
        message: unescapeData(match[3] ?? '')
      })
    }
  }
  return out
}

function unescapeData(s: string): string {
  return s.replace(/%0D/g, '\r').replace(/%0A/g, '\n').replace(/%25/g, '%')
}
