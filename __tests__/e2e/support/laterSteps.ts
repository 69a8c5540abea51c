// The steps after the action in a job, as child processes: Claude Code, the AWS CLI or a Node
// script started with the environment the action exported. Shared by the end-to-end tests that
// run such steps (renewal across an expired session, the agent step, subprocess isolation).
import { spawn } from 'node:child_process'
import path from 'node:path'
import { fileURLToPath } from 'node:url'

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../../..')

/** The real Claude Code CLI (a dev dependency). */
export const CLAUDE = path.join(root, 'node_modules/.bin/claude')

/** What keeps the Claude Code CLI off the internet in a test: no telemetry, updates or reports. */
export const CLAUDE_CODE_OFFLINE = {
  DISABLE_TELEMETRY: '1',
  DISABLE_AUTOUPDATER: '1',
  DISABLE_ERROR_REPORTING: '1',
  CLAUDE_CODE_DISABLE_NONESSENTIAL_TRAFFIC: '1'
} as const

/**
 * Role sessions of the renewal tests, in seconds: longer than a setup step takes, short enough
 * that a later step outlives the first session within the test.
 */
export const SHORT_SESSION_SECONDS = 45

export interface Exit {
  code: number | null
  stdout: string
  stderr: string
}

export const sleep = (ms: number): Promise<void> =>
  new Promise((resolve) => setTimeout(resolve, ms))

/**
 * Runs `command` in the project folder and collects its output. `stdinLines` are written at their
 * time (ms after the start); stdin closes a second after the last, and the process is killed a
 * minute after that.
 */
export function runProcess(
  command: string,
  args: string[],
  env: NodeJS.ProcessEnv,
  stdinLines: Array<[number, string]> = []
): Promise<Exit> {
  return new Promise((resolve, reject) => {
    const child = spawn(command, args, { env, cwd: root })
    let stdout = ''
    let stderr = ''
    child.stdout.setEncoding('utf8').on('data', (chunk: string) => (stdout += chunk))
    child.stderr.setEncoding('utf8').on('data', (chunk: string) => (stderr += chunk))
    const timers = stdinLines.map(([atMs, line]) =>
      setTimeout(() => child.stdin.write(`${line}\n`), atMs)
    )
    const last = Math.max(0, ...stdinLines.map(([atMs]) => atMs))
    const closer = setTimeout(() => child.stdin.end(), last + 1_000)
    const killer = setTimeout(() => child.kill('SIGKILL'), last + 60_000)
    child.on('error', reject)
    child.on('close', (code) => {
      for (const timer of [...timers, closer, killer]) clearTimeout(timer)
      resolve({ code, stdout, stderr })
    })
  })
}

/**
 * One Claude Code session (`-p`, stream-json in and out) that gets a user message at each of
 * `atMs` (ms after the start): one process spanning as long a stretch of the job as the test needs.
 */
export function claudeConversation(env: NodeJS.ProcessEnv, atMs: readonly number[]): Promise<Exit> {
  const message = (text: string): string =>
    JSON.stringify({ type: 'user', message: { role: 'user', content: text } })
  return runProcess(
    CLAUDE,
    [
      '-p',
      '--input-format',
      'stream-json',
      '--output-format',
      'stream-json',
      '--verbose',
      '--max-turns',
      '10'
    ],
    { ...env, ...CLAUDE_CODE_OFFLINE },
    atMs.map((at, i) => [at, message(`message ${i + 1}`)])
  )
}
