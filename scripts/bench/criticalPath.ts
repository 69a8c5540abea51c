// The longest chain of requests that had to wait for one another: each starts after the one
// before it ended. With latency L per round trip, no schedule can beat roundTrips × L.

export interface TimedRequest {
  readonly operation: string
  /** Epoch ms the request arrived at the emulator. */
  readonly startedAt: number
  /** Epoch ms its answer went out. */
  readonly endedAt: number
}

export interface CriticalPath {
  readonly roundTrips: number
  /** Operations along one longest chain, in order. */
  readonly chain: readonly string[]
}

/**
 * Longest chain over the "started at or after the other ended" order (a DAG: each edge moves
 * forward in time). Requests that overlap in time were concurrent and never extend each other.
 */
export function criticalPath(requests: readonly TimedRequest[]): CriticalPath {
  const byEnd = [...requests].sort((a, b) => a.endedAt - b.endedAt || a.startedAt - b.startedAt)
  const length: number[] = []
  const previous: number[] = []
  byEnd.forEach((request, i) => {
    length[i] = 1
    previous[i] = -1
    for (let j = 0; j < i; j++) {
      const before = byEnd[j]
      if (before === undefined || before.endedAt > request.startedAt) continue
      if ((length[j] ?? 0) + 1 > (length[i] ?? 0)) {
        length[i] = (length[j] ?? 0) + 1
        previous[i] = j
      }
    }
  })
  let last = -1
  length.forEach((value, i) => {
    if (last < 0 || value > (length[last] ?? 0)) last = i
  })
  const chain: string[] = []
  for (let i = last; i >= 0; i = previous[i] ?? -1) chain.unshift(byEnd[i]?.operation ?? '?')
  return { roundTrips: chain.length, chain }
}
