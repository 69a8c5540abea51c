import { jest } from '@jest/globals'

// node:v8 replaced, to see which flags are set and when (V8's own state is not observable).
const setFlagsFromString = jest.fn<(flags: string) => void>()
jest.unstable_mockModule('node:v8', () => ({ default: { setFlagsFromString } }))
const { importCompiledEagerly } = await import('../src/compileEagerly.js')

describe('importCompiledEagerly', () => {
  beforeEach(() => setFlagsFromString.mockReset())

  it('turns lazy compilation off only while loading, and returns what was loaded', async () => {
    const seen: string[] = []
    setFlagsFromString.mockImplementation((flags) => void seen.push(flags))
    const loaded = await importCompiledEagerly(() => {
      seen.push('load')
      return Promise.resolve({ module: 'pipeline' })
    })
    expect(loaded).toEqual({ module: 'pipeline' })
    expect(seen).toEqual(['--no-lazy', 'load', '--lazy'])
  })

  it('turns it back on when loading fails, and passes the failure on', async () => {
    const failure = new Error('chunk missing')
    await expect(importCompiledEagerly(() => Promise.reject(failure))).rejects.toBe(failure)
    expect(setFlagsFromString.mock.calls).toEqual([['--no-lazy'], ['--lazy']])
  })

  it('still loads (lazily) when this Node refuses the flag', async () => {
    setFlagsFromString.mockImplementation(() => {
      throw new Error('flags are frozen')
    })
    await expect(importCompiledEagerly(() => Promise.resolve(42))).resolves.toBe(42)
    expect(setFlagsFromString.mock.calls).toEqual([['--no-lazy']])
  })
})
