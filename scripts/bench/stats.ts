// Summary statistics for a handful of timing samples.

export interface Spread {
  readonly n: number
  readonly median: number
  readonly min: number
  readonly max: number
  readonly p10: number
  readonly p90: number
}

/** Linear interpolation between closest ranks, on an ascending array. */
export function percentile(sorted: readonly number[], p: number): number {
  if (sorted.length === 0) throw new Error('percentile of no samples')
  const rank = (p / 100) * (sorted.length - 1)
  const low = Math.floor(rank)
  const high = Math.ceil(rank)
  const a = sorted[low] ?? 0
  const b = sorted[high] ?? a
  return a + (b - a) * (rank - low)
}

export function spread(samples: readonly number[]): Spread {
  const sorted = [...samples].sort((a, b) => a - b)
  return {
    n: sorted.length,
    median: percentile(sorted, 50),
    min: sorted[0] ?? Number.NaN,
    max: sorted[sorted.length - 1] ?? Number.NaN,
    p10: percentile(sorted, 10),
    p90: percentile(sorted, 90)
  }
}

/** The value that occurs most often (ties: the smallest); for counts that should not vary. */
export function mode(values: readonly number[]): number {
  const counts = new Map<number, number>()
  for (const value of values) counts.set(value, (counts.get(value) ?? 0) + 1)
  let best: number | undefined
  for (const [value, count] of counts) {
    const bestCount = best === undefined ? 0 : (counts.get(best) ?? 0)
    if (count > bestCount || (count === bestCount && best !== undefined && value < best))
      best = value
  }
  if (best === undefined) throw new Error('mode of no values')
  return best
}
