import { describe, expect, it } from '@jest/globals'
import { mode, percentile, spread } from '../scripts/bench/stats.ts'

describe('percentile', () => {
  it.each<[number[], number, number]>([
    [[10], 50, 10],
    [[10, 20], 50, 15],
    [[1, 2, 3, 4, 5], 50, 3],
    [[1, 2, 3, 4, 5], 0, 1],
    [[1, 2, 3, 4, 5], 100, 5],
    [[0, 10, 20, 30, 40, 50, 60, 70, 80, 90, 100], 90, 90],
    [[0, 100], 10, 10]
  ])('%j at p%d is %d', (sorted, p, expected) => {
    expect(percentile(sorted, p)).toBeCloseTo(expected)
  })

  it('refuses no samples', () => {
    expect(() => percentile([], 50)).toThrow('no samples')
  })
})

describe('spread', () => {
  it('sorts before summarising', () => {
    expect(spread([300, 100, 200, 500, 400])).toEqual({
      n: 5,
      median: 300,
      min: 100,
      max: 500,
      p10: 140,
      p90: 460
    })
  })
})

describe('mode', () => {
  it.each<[number[], number]>([
    [[9, 9, 9], 9],
    [[9, 10, 9], 9],
    [[10, 9, 10, 9], 9],
    [[4], 4]
  ])('of %j is %d', (values, expected) => {
    expect(mode(values)).toBe(expected)
  })

  it('refuses no values', () => {
    expect(() => mode([])).toThrow('no values')
  })
})
