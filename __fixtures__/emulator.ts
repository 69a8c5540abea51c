// One local emulator per test file, shared by its tests and reset to the default scenario (with an
// empty request log) after each one.
import { afterAll, afterEach, beforeAll } from '@jest/globals'
import { loadScenario, startEmulator, type Emulator } from '../emulator/index.ts'

/**
 * Registers the file's emulator hooks and returns a stand-in that forwards to the running
 * emulator, so tests read `emulator.url` as if they held it (hooks run before the tests do).
 */
export function useEmulator(): Emulator {
  let current: Emulator | undefined
  const running = (): Emulator => {
    if (current === undefined) throw new Error('the emulator is used outside a test')
    return current
  }
  beforeAll(async () => {
    current = await startEmulator()
  })
  afterAll(async () => {
    await current?.close()
  })
  afterEach(() => {
    current?.setScenario(loadScenario('default'))
    current?.clearRequests()
  })
  return new Proxy({} as Emulator, {
    get: (_target, key) => Reflect.get(running(), key),
    set: (_target, key, value) => Reflect.set(running(), key, value)
  })
}
