import { jest } from '@jest/globals'
import { warmUpSdk } from '../src/aws/warmUp.js'
import { useEmulator } from '../__fixtures__/emulator.ts'

const emulator = useEmulator()

describe('warmUpSdk', () => {
  const saved = { ...process.env }
  afterEach(() => {
    process.env = { ...saved }
  })

  it('runs every request kind, and none of them reaches the network', async () => {
    // The SDK itself honours AWS_ENDPOINT_URL_*: a warm-up request that escaped would land here.
    Object.assign(process.env, emulator.runnerEnv())
    const idle = jest.fn(() => true)
    await warmUpSdk('us-east-1', idle)
    expect(idle).toHaveBeenCalledTimes(4)
    expect(emulator.requests).toEqual([])
  })

  it('stops as soon as the process has real work (idle turns false)', async () => {
    let left = 1
    const idle = jest.fn(() => left-- > 0)
    await warmUpSdk('eu-west-1', idle)
    expect(idle).toHaveBeenCalledTimes(2)
  })

  it('does nothing when not idle to begin with', async () => {
    const idle = jest.fn(() => false)
    await warmUpSdk('us-east-1', idle)
    expect(idle).toHaveBeenCalledTimes(1)
  })
})
