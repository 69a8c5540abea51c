import { spawn } from 'node:child_process'
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import path from 'node:path'
import { fileURLToPath } from 'node:url'
import { parseFileCommands, parseWorkflowCommands, type WorkflowCommand } from './fileCommands.ts'

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..')
export const DIST = path.join(root, 'dist/index.js')

export interface ActionRun {
  readonly exitCode: number | null
  readonly stdout: string
  readonly stderr: string
  /** Records the action appended to GITHUB_ENV. */
  readonly env: Record<string, string>
  readonly envFileText: string
  readonly outputs: Record<string, string>
  readonly outputFileText: string
  readonly summary: string
  readonly commands: WorkflowCommand[]
  /** Values passed to `::add-mask::`, in order. */
  readonly masks: string[]
  readonly durationMs: number
  /** Everything the process wrote anywhere, for leak searches. */
  readonly allChannels: string
  /** Records the step saved with the runner's state mechanism (GITHUB_STATE): its post step's STATE_*. */
  readonly state: Record<string, string>
  /** The environment the step ran with (secrets included: for the next steps of a test only). */
  readonly stepEnv: Readonly<Record<string, string>>
  /**
   * What the runner itself warns before the step runs: inputs action.yml does not declare
   * (`Unexpected input(s) 'modle', valid inputs are [...]`, as GitHub's runner words it).
   */
  readonly runnerWarnings: string[]
}

/** The input names action.yml declares: two-space-indented keys of its `inputs:` block. */
export function declaredInputs(actionYml = path.join(root, 'action.yml')): string[] {
  const text = readFileSync(actionYml, 'utf8')
  const block = /^inputs:\n([\s\S]*?)^\S/m.exec(text)?.[1] ?? ''
  return [...block.matchAll(/^ {2}([A-Za-z0-9_-]+):/gm)].map((match) => match[1] ?? '')
}

/** The runner's warning for `with:` keys action.yml does not declare, or undefined when all are. */
export function unexpectedInputsWarning(names: readonly string[]): string | undefined {
  const declared = declaredInputs()
  const unexpected = names.filter((name) => !declared.includes(name))
  if (unexpected.length === 0) return undefined
  const list = (items: readonly string[]) => items.map((item) => `'${item}'`).join(', ')
  return `Unexpected input(s) ${list(unexpected)}, valid inputs are [${list(declared)}]`
}

export interface RunOptions {
  /** `with:` inputs, by their kebab-case names. */
  readonly inputs?: Record<string, string>
  /** Extra environment (e.g. emulator.runnerEnv()). */
  readonly env?: Record<string, string | undefined>
  readonly timeoutMs?: number
  readonly script?: string
  /** The event that started the run: GITHUB_EVENT_NAME, and its payload in GITHUB_EVENT_PATH. */
  readonly event?: { readonly name: string; readonly payload?: Record<string, unknown> }
}

/**
 * Runs the bundled action as the runner does: a fresh Node process, inputs as INPUT_* variables,
 * file commands in temp files, and a clean environment (no AWS settings of the machine leak in).
 */
export async function runAction(options: RunOptions = {}): Promise<ActionRun> {
  const dir = mkdtempSync(path.join(tmpdir(), 'scb-run-'))
  const eventFile = path.join(dir, 'event.json')
  writeFileSync(eventFile, JSON.stringify(options.event?.payload ?? {}))
  const env: Record<string, string> = {
    PATH: process.env.PATH ?? '',
    HOME: dir,
    RUNNER_TEMP: dir,
    GITHUB_ACTIONS: 'true',
    GITHUB_RUN_ID: '4242',
    GITHUB_RUN_ATTEMPT: '1',
    GITHUB_REPOSITORY: 'octo-org/octo-repo',
    GITHUB_WORKFLOW: 'ci',
    AWS_CONFIG_FILE: path.join(dir, 'no-aws-config'),
    AWS_SHARED_CREDENTIALS_FILE: path.join(dir, 'no-aws-credentials'),
    AWS_EC2_METADATA_DISABLED: 'true',
    GITHUB_EVENT_NAME: options.event?.name ?? 'push',
    GITHUB_EVENT_PATH: eventFile
  }
  for (const [name, value] of Object.entries(options.inputs ?? {})) {
    env[`INPUT_${name.replace(/ /g, '_').toUpperCase()}`] = value
  }
  for (const [name, value] of Object.entries(options.env ?? {})) {
    if (value === undefined) delete env[name]
    else env[name] = value
  }
  return runStep(dir, env, options)
}

/**
 * Runs the action's post step (`runs.post`) after `main` as the runner does: the same inputs, the
 * job's environment with every GITHUB_ENV record of the steps before (`exported`: the main step's
 * by default, plus what later steps added), and each state record of the main step as `STATE_<name>`.
 */
export async function runPostStep(
  main: ActionRun,
  options: { readonly exported?: Record<string, string>; readonly timeoutMs?: number } = {}
): Promise<ActionRun> {
  const dir = mkdtempSync(path.join(tmpdir(), 'scb-post-'))
  const env: Record<string, string> = { ...main.stepEnv, ...(options.exported ?? main.env) }
  for (const name of ['GITHUB_ENV', 'GITHUB_OUTPUT', 'GITHUB_STEP_SUMMARY', 'GITHUB_STATE'])
    delete env[name]
  for (const name of Object.keys(env)) if (name.startsWith('STATE_')) delete env[name]
  for (const [name, value] of Object.entries(main.state)) env[`STATE_${name}`] = value
  return runStep(dir, env, {
    ...(options.timeoutMs !== undefined ? { timeoutMs: options.timeoutMs } : {})
  })
}

async function runStep(
  dir: string,
  baseEnv: Record<string, string>,
  options: RunOptions
): Promise<ActionRun> {
  const files = {
    GITHUB_ENV: path.join(dir, 'env'),
    GITHUB_OUTPUT: path.join(dir, 'output'),
    GITHUB_STEP_SUMMARY: path.join(dir, 'summary.md'),
    GITHUB_STATE: path.join(dir, 'state')
  }
  for (const file of Object.values(files)) writeFileSync(file, '')
  // The caller's environment wins, so a test can point a file command somewhere unusable.
  const env: Record<string, string> = { ...files, ...baseEnv }

  const unexpected = unexpectedInputsWarning(Object.keys(options.inputs ?? {}))
  const started = Date.now()
  const child = spawn(process.execPath, [options.script ?? DIST], { env, cwd: dir })
  let stdout = ''
  let stderr = ''
  child.stdout.setEncoding('utf8').on('data', (chunk: string) => (stdout += chunk))
  child.stderr.setEncoding('utf8').on('data', (chunk: string) => (stderr += chunk))
  const timeout = setTimeout(() => child.kill('SIGKILL'), options.timeoutMs ?? 60_000)
  const exitCode = await new Promise<number | null>((resolve) =>
    child.on('close', (code) => resolve(code))
  )
  clearTimeout(timeout)
  const durationMs = Date.now() - started

  const envFileText = readFileSync(files.GITHUB_ENV, 'utf8')
  const outputFileText = readFileSync(files.GITHUB_OUTPUT, 'utf8')
  const summary = readFileSync(files.GITHUB_STEP_SUMMARY, 'utf8')
  const state = parseFileCommands(readFileSync(files.GITHUB_STATE, 'utf8'))
  rmSync(dir, { recursive: true, force: true })
  const commands = parseWorkflowCommands(stdout)
  return {
    exitCode,
    stdout,
    stderr,
    env: parseFileCommands(envFileText),
    envFileText,
    outputs: parseFileCommands(outputFileText),
    outputFileText,
    summary,
    commands,
    masks: commands.filter((c) => c.command === 'add-mask').map((c) => c.message),
    durationMs,
    allChannels: [stdout, stderr, envFileText, outputFileText, summary].join('\n'),
    state,
    stepEnv: env,
    runnerWarnings: unexpected !== undefined ? [unexpected] : []
  }
}

/** The step log roughly as the runner shows it: masks and debug lines hidden, annotations and groups labelled. */
export function visibleLog(run: ActionRun): string {
  const shown: string[] = run.runnerWarnings.map((warning) => `Warning: ${warning}`)
  for (const line of run.stdout.split('\n')) {
    const command = /^::([a-z-]+)(?: [^:]*)?::(.*)$/.exec(line)
    if (command === null) {
      shown.push(line)
      continue
    }
    const [, name, message = ''] = command
    const text = message.replace(/%0D/g, '\r').replace(/%0A/g, '\n').replace(/%25/g, '%')
    if (name === 'group') shown.push(`▸ ${text}`)
    else if (name === 'error') shown.push(`Error: ${text}`)
    else if (name === 'warning') shown.push(`Warning: ${text}`)
    else if (name === 'notice') shown.push(`Notice: ${text}`)
  }
  return shown.join('\n')
}
