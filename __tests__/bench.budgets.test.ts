import { describe, expect, it } from '@jest/globals'
import { BUDGET, checkBudgets, floorMs, type BudgetInput } from '../scripts/bench/budgets.ts'
import { renderBudgets } from '../scripts/bench/report.ts'

const meeting: BudgetInput = {
  roundTrips: 4,
  wallOverFloor: 1.1,
  coldStartOverheadMs: 120,
  invalidInputRequests: 0,
  deniedStsRequests: 1,
  requestsAfterDenial: 0
}

describe('floorMs', () => {
  it('is start-up plus one latency per round trip', () => {
    expect(floorMs(90, 4, 200)).toBe(890)
    expect(floorMs(90, 9, 0)).toBe(90)
  })
})

describe('checkBudgets', () => {
  it('passes every budget when all are met, limits included', () => {
    expect(checkBudgets(meeting).every((check) => check.pass)).toBe(true)
    const atLimits: BudgetInput = {
      ...meeting,
      roundTrips: BUDGET.maxRoundTrips,
      wallOverFloor: BUDGET.maxWallOverFloor,
      coldStartOverheadMs: BUDGET.maxColdStartOverheadMs
    }
    expect(checkBudgets(atLimits).every((check) => check.pass)).toBe(true)
  })

  it.each<[string, Partial<BudgetInput>, string]>([
    ['too many round trips', { roundTrips: 6 }, 'critical path'],
    ['too slow over the floor', { wallOverFloor: 1.3 }, 'wall time'],
    ['slow cold start', { coldStartOverheadMs: 151 }, 'cold start'],
    ['a network call on invalid input', { invalidInputRequests: 1 }, 'invalid input'],
    ['an STS retry after AccessDenied', { deniedStsRequests: 2 }, 'AccessDenied'],
    ['a call after AccessDenied', { requestsAfterDenial: 1 }, 'AccessDenied']
  ])('fails exactly the budget broken by %s', (_name, change, failing) => {
    const failed = checkBudgets({ ...meeting, ...change }).filter((check) => !check.pass)
    expect(failed.map((check) => check.name)).toEqual([expect.stringContaining(failing)])
  })

  it('renders PASS and FAIL in a table', () => {
    const lines = renderBudgets(checkBudgets({ ...meeting, roundTrips: 7 }))
    expect(lines[0]).toBe('| budget | limit | measured | result |')
    expect(lines.filter((line) => line.endsWith('| **FAIL** |'))).toHaveLength(1)
    expect(lines.filter((line) => line.endsWith('| PASS |'))).toHaveLength(4)
  })

  it('a herd passes only when every job passed', () => {
    const herds = [
      { jobs: 50, passed: 50, inputs: { verify: 'invoke' } },
      { jobs: 50, passed: 49, inputs: { verify: 'access' } }
    ]
    const failed = checkBudgets({ ...meeting, herds }).filter((check) => !check.pass)
    expect(failed).toEqual([
      expect.objectContaining({
        name: '50 jobs at once under an account-wide rate limit (verify: access)',
        actual: '49 of 50 passed'
      })
    ])
  })
})
