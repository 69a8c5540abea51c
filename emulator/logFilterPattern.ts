// The part of CloudWatch Logs' filter pattern syntax that JSON log events use:
// `{ $.a.b = "text" }`, `!=`, numbers, `&&`, `||` and parentheses. Enough for the usage report's
// query and for tests that query the log themselves; anything else is rejected like CloudWatch does.

type Node =
  | { kind: 'compare'; path: string[]; op: '=' | '!='; value: string | number }
  | { kind: 'and' | 'or'; left: Node; right: Node }

export class FilterPatternError extends Error {}

function tokenize(text: string): string[] {
  const tokens: string[] = []
  const pattern =
    /\s*(\$(?:\.[A-Za-z0-9_-]+)+|"(?:[^"\\]|\\.)*"|&&|\|\||!=|=|\(|\)|[^\s()"=!&|]+)/gy
  let match: RegExpExecArray | null
  let index = 0
  while (index < text.length && (match = pattern.exec(text)) !== null) {
    if (match[1] !== undefined) tokens.push(match[1])
    index = pattern.lastIndex
  }
  if (text.slice(index).trim() !== '') throw new FilterPatternError('Invalid filter pattern')
  return tokens
}

export function parseFilterPattern(pattern: string): Node | undefined {
  const text = pattern.trim()
  if (text === '') return undefined
  if (!text.startsWith('{') || !text.endsWith('}')) {
    throw new FilterPatternError('Only JSON filter patterns ({ $.field = "value" }) are emulated')
  }
  const tokens = tokenize(text.slice(1, -1))
  let position = 0
  const next = (): string | undefined => tokens[position++]
  const peek = (): string | undefined => tokens[position]
  const primary = (): Node => {
    const token = next()
    if (token === '(') {
      const node = expression()
      if (next() !== ')') throw new FilterPatternError('Invalid filter pattern: missing )')
      return node
    }
    if (token === undefined || !token.startsWith('$.'))
      throw new FilterPatternError('Invalid filter pattern')
    const op = next()
    const raw = next()
    if ((op !== '=' && op !== '!=') || raw === undefined)
      throw new FilterPatternError('Invalid filter pattern')
    const value = raw.startsWith('"')
      ? (JSON.parse(raw) as string)
      : Number.isFinite(Number(raw))
        ? Number(raw)
        : raw
    return { kind: 'compare', path: token.slice(2).split('.'), op, value }
  }
  const expression = (): Node => {
    let node = primary()
    for (let op = peek(); op === '&&' || op === '||'; op = peek()) {
      next()
      node = { kind: op === '&&' ? 'and' : 'or', left: node, right: primary() }
    }
    return node
  }
  const node = expression()
  if (position !== tokens.length) throw new FilterPatternError('Invalid filter pattern')
  return node
}

function lookup(value: unknown, path: readonly string[]): unknown {
  let current = value
  for (const key of path) {
    if (typeof current !== 'object' || current === null) return undefined
    current = (current as Record<string, unknown>)[key]
  }
  return current
}

export function matchesFilter(node: Node | undefined, message: unknown): boolean {
  if (node === undefined) return true
  if (node.kind === 'compare') {
    const found = lookup(message, node.path)
    const equal = found !== undefined && String(found) === String(node.value)
    return node.op === '=' ? equal : !equal
  }
  if (node.kind === 'and')
    return matchesFilter(node.left, message) && matchesFilter(node.right, message)
  return matchesFilter(node.left, message) || matchesFilter(node.right, message)
}
