// Timed child processes and emulator runs for bench.ts.
import { spawn } from 'node:child_process'
import type { Emulator, RecordedRequest } from '../../emulator/index.ts'
import { runAction, type ActionRun } from '../../emulator/runner/runAction.ts'

/** Spawn to exit of `node <args>`, measured the way runAction measures the action. */
export async function timeNode(args: readonly string[]): Promise<number> {
  const started = Date.now()
  const child = spawn(process.execPath, args, {
    stdio: 'ignore',
    env: { PATH: process.env.PATH ?? '' }
  })
  await new Promise<void>((resolve, reject) => {
    child.on('error', reject)
    child.on('close', () => resolve())
  })
  return Date.now() - started
}

export interface MeasuredRun {
  readonly run: ActionRun
  readonly requests: RecordedRequest[]
  /** Epoch ms the action's process had exited (a request answered later was not waited for). */
  readonly exitedAt: number
}

/** One action run against the emulator, with the requests it made (and only those). */
export async function measuredRun(
  emulator: Emulator,
  inputs: Record<string, string>,
  script: string,
  env: Record<string, string> = {}
): Promise<MeasuredRun> {
  emulator.clearRequests()
  const run = await runAction({ inputs, env: { ...emulator.runnerEnv(), ...env }, script })
  const exitedAt = Date.now()
  return { run, requests: emulator.requests.map((request) => ({ ...request })), exitedAt }
}
