// `npm start`, the demo a new user runs first, behaves like a finished tool: usage text instead of
// stack traces, secrets masked in its header, the runner's warning for undeclared inputs, and the
// action's own exit code.
import { spawn } from 'node:child_process'
import { mkdtempSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import path from 'node:path'
import { fileURLToPath } from 'node:url'
import { listScenarios, loadScenario } from '../../emulator/index.ts'

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..')
const dir = mkdtempSync(path.join(tmpdir(), 'scb-start-'))
afterAll(() => rmSync(dir, { recursive: true, force: true }))

async function start(
  ...args: string[]
): Promise<{ code: number | null; out: string; err: string }> {
  const child = spawn(
    process.execPath,
    [
      '--import',
      './scripts/resolveTs.ts',
      'scripts/start.ts',
      '--summary-file',
      path.join(dir, 'summary.md'),
      ...args
    ],
    { cwd: root, env: { PATH: process.env.PATH ?? '', HOME: dir } }
  )
  let out = ''
  let err = ''
  child.stdout.setEncoding('utf8').on('data', (chunk: string) => (out += chunk))
  child.stderr.setEncoding('utf8').on('data', (chunk: string) => (err += chunk))
  const code = await new Promise<number | null>((resolve) => child.on('close', resolve))
  return { code, out, err }
}

const STACK_FRAME = /\n\s+at .+:\d+:\d+/

describe('npm start', () => {
  it('--help prints the usage and exits 0', async () => {
    const run = await start('--help')
    expect(run.code).toBe(0)
    expect(run.out).toContain('Usage: npm start -- [options]')
    expect(run.out).toContain('--api-key KIND')
  })

  it.each([
    [['--input', 'model'], '--input takes NAME=VALUE, got "model"'],
    [['--no-such-option'], "Unknown option '--no-such-option'"],
    [['--api-key', 'medium'], '--api-key takes long-term or short-term']
  ])('%j is a usage error (exit 2), never a stack trace', async (args, message) => {
    const run = await start(...args)
    expect(run.code).toBe(2)
    expect(run.err).toContain(message)
    expect(run.err).toContain('Usage: npm start')
    expect(`${run.out}${run.err}`).not.toMatch(STACK_FRAME)
  })

  it('an unknown scenario lists the scenarios', async () => {
    const run = await start('--scenario', 'nope')
    expect(run.code).toBe(2)
    expect(run.err).toContain('unknown scenario "nope"')
    for (const name of listScenarios()) expect(run.err).toContain(name)
    expect(run.err).not.toMatch(STACK_FRAME)
  })

  it('--list puts every description in one column, whatever the longest name', async () => {
    const run = await start('--list')
    expect(run.code).toBe(0)
    const lines = run.out.trimEnd().split('\n')
    expect(lines).toHaveLength(listScenarios().length)
    const columns = lines.map((line, index) => {
      const name = listScenarios()[index] ?? ''
      expect(line.startsWith(`  ${name} `)).toBe(true)
      const description = loadScenario(name).description
      expect(line.endsWith(description)).toBe(true)
      // At least two spaces between a name and its description, so none runs into the other.
      expect(line.slice(0, line.length - description.length)).toMatch(/\S {2,}$/)
      return line.length - description.length
    })
    expect(new Set(columns).size).toBe(1)
  })

  it('masks the API key in its header, warns about undeclared inputs and exits 0 on success', async () => {
    const key = loadScenario('default').apiKeys[0]?.key ?? ''
    const run = await start('--api-key', 'long-term', '--input', 'modle=opus')
    expect(run.code).toBe(0)
    expect(run.out).toContain('bedrock-api-key: ***')
    expect(run.out).not.toContain(key)
    expect(run.out).toContain("Warning: Unexpected input(s) 'modle', valid inputs are [")
  })

  it("exits with the action's exit code", async () => {
    const run = await start('--scenario', 'trust-mismatch')
    expect(run.code).toBe(1)
    expect(run.out).toContain('Exit code 1')
  })

  it('runs the govcloud scenario as listed (a us-gov role ARN)', async () => {
    const run = await start('--scenario', 'govcloud')
    expect(run.out).toContain('role-to-assume: arn:aws-us-gov:iam::')
    expect(run.out).not.toContain("Input 'role-to-assume'")
    // GovCloud lists no Opus: an availability fact, not the role's permissions.
    expect(run.out).toContain(
      'opus is not usable because it is not offered where this step calls it (region, geography or lifecycle) — No Claude opus model is offered in us-gov-west-1'
    )
    expect(run.out).not.toContain('by this role')
    expect(run.out).not.toContain('Set `model` to another family')
  })

  it('names a geography the region lacks as such, in one plain sentence', async () => {
    const run = await start('--input', 'inference-profile-prefix=eu')
    expect(run.code).toBe(1)
    expect(run.out).toContain(
      'No Claude sonnet model in us-east-1 has an inference profile with an `eu.` prefix'
    )
    expect(run.out).not.toMatch(/No Claude \w+ model has no/)
    expect(run.out).not.toContain('by this role')
    // The pinned opus family's fix widens the prefix or changes region, never the main model.
    const opusFix = /Opus family pinned[^\n]*\n(?:.*\n)*?\s+Fix:\s+(.*)/.exec(run.out)?.[1] ?? ''
    expect(opusFix).toContain('`inference-profile-prefix`')
    expect(opusFix).not.toMatch(/`model: /)
  })
})
