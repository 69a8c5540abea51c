// One fresh emulator per action run, so runs can go concurrently (it.concurrent, runPool) without
// sharing fault counters or request logs.
import net from 'node:net'
import { tmpdir } from 'node:os'
import path from 'node:path'
import {
  loadScenario,
  startEmulator,
  type Emulator,
  type RecordedRequest,
  type Scenario
} from '../../../emulator/index.ts'
import type { ActionRun, RunOptions } from '../../../emulator/runner/runAction.ts'
import { runScenario } from '../scenarioRun.ts'

/**
 * Node's on-disk compile cache for the 1.3 MB bundle: every run after the first skips compiling
 * it, which is most of a run's CPU when dozens run in a row. It changes nothing the action does.
 */
const COMPILE_CACHE = path.join(tmpdir(), 'setup-claude-bedrock-test-compile-cache')

export interface IsolatedRun {
  readonly run: ActionRun
  readonly requests: RecordedRequest[]
  /** Every secret the emulator issued or accepts, read after the run. */
  readonly secrets: string[]
  readonly url: string
}

export type IsolatedOptions = Omit<RunOptions, 'env'> & {
  readonly withOidc?: boolean
  /** Extra environment; a function gets the emulator (its URL) first. */
  readonly env?:
    | Record<string, string | undefined>
    | ((
        emulator: Emulator
      ) => Record<string, string | undefined> | Promise<Record<string, string | undefined>>)
}

/** A scenario by name with its `faults` replaced (loadScenario returns a fresh copy). */
export function withFaults(name: string, faults: Scenario['faults']): Scenario {
  const scenario = loadScenario(name)
  scenario.faults = faults
  return scenario
}

export async function runIsolated(
  scenario: string | Scenario,
  options: IsolatedOptions = {}
): Promise<IsolatedRun> {
  const emulator = await startEmulator()
  try {
    const env = typeof options.env === 'function' ? await options.env(emulator) : options.env
    const run = await runScenario(emulator, scenario, {
      ...options,
      env: { NODE_COMPILE_CACHE: COMPILE_CACHE, ...env }
    })
    return {
      run,
      requests: [...emulator.requests],
      secrets: emulator.issuedSecrets(),
      url: emulator.url
    }
  } finally {
    await emulator.close()
  }
}

/** Runs `task` over `items` with at most `width` at a time, results in input order. */
export async function runPool<T, R>(
  items: readonly T[],
  width: number,
  task: (item: T) => Promise<R>
): Promise<R[]> {
  const results: R[] = new Array<R>(items.length)
  let next = 0
  const worker = async (): Promise<void> => {
    while (next < items.length) {
      const index = next++
      results[index] = await task(items[index] as T)
    }
  }
  await Promise.all(Array.from({ length: Math.min(width, items.length) }, worker))
  return results
}

/** A loopback port nobody listens on (bound, then released). */
export async function deadPort(): Promise<number> {
  const server = net.createServer()
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve))
  const { port } = server.address() as net.AddressInfo
  await new Promise<void>((resolve) => server.close(() => resolve()))
  return port
}

export function countOf(requests: readonly RecordedRequest[], operation: string): number {
  return requests.filter((r) => r.operation === operation).length
}

/**
 * Action runs declared up front and started together (at most `width` at a time) when `start()`
 * is called from beforeAll; each test then awaits its own run. Most of a run is waiting (backoff,
 * Retry-After, timeouts), so the suite takes about as long as its slowest run, not their sum.
 */
export class RunBatch<R = IsolatedRun> {
  private readonly width: number
  private readonly jobs: Array<() => Promise<R>> = []
  private results: Array<Promise<R>> = []

  constructor(width: number) {
    this.width = width
  }

  /** Declares a run; the returned function gives its result once the batch has started. */
  add(job: () => Promise<R>): () => Promise<R> {
    const index = this.jobs.push(job) - 1
    return () => {
      const result = this.results[index]
      if (result === undefined) throw new Error('RunBatch.start() was not called (beforeAll)')
      return result
    }
  }

  start(): void {
    let active = 0
    const waiting: Array<() => void> = []
    const acquire = (): Promise<void> =>
      new Promise((resolve) => {
        const go = (): void => {
          active++
          resolve()
        }
        if (active < this.width) go()
        else waiting.push(go)
      })
    const release = (): void => {
      active--
      waiting.shift()?.()
    }
    this.results = this.jobs.map((job) => acquire().then(job).finally(release))
    // A test that fails early may never await its run: do not let that rejection go unhandled.
    for (const result of this.results) result.catch(() => undefined)
  }

  /** Resolves when every run has ended (for afterAll: no child outlives the suite). */
  async settled(): Promise<void> {
    await Promise.allSettled(this.results)
  }
}
