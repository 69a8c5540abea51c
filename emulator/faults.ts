// Fault injection from the scenario: which faults a request meets, with per-fault counters so
// "throttle twice, then succeed" works. setScenario() replaces the whole table (counters reset).
import type { FaultSpec } from './scenario.ts'

export interface FaultPlan {
  /** The scenario's latency: the round trip, the emulator's own work included. */
  delayMs: number
  /**
   * Every matching latency fault added up: the request is held this long before the emulator
   * handles it (a slow way in), so credentials are checked when the hold ends.
   */
  holdMs: number
  /** The fault that replaces or corrupts the answer, if any (first match in scenario order). */
  fault?: FaultSpec
}

export class FaultTable {
  private faults: FaultSpec[] = []
  private used: number[] = []

  constructor(faults: FaultSpec[]) {
    this.reset(faults)
  }

  reset(faults: FaultSpec[]): void {
    this.faults = faults
    this.used = faults.map(() => 0)
  }

  private applies(index: number, operation: string, path: string): boolean {
    const fault = this.faults[index]
    if (!fault) return false
    if (fault.operation !== '*' && fault.operation !== operation) return false
    if (fault.match !== undefined && !path.includes(fault.match)) return false
    return fault.count === undefined || (this.used[index] ?? 0) < fault.count
  }

  plan(operation: string, decodedPath: string, baseLatencyMs: number): FaultPlan {
    const plan: FaultPlan = { delayMs: baseLatencyMs, holdMs: 0 }
    this.faults.forEach((fault, index) => {
      if (!this.applies(index, operation, decodedPath)) return
      if (fault.kind === 'latency') {
        plan.holdMs += fault.ms ?? 0
      } else if (plan.fault) {
        return
      } else {
        plan.fault = fault
      }
      this.used[index] = (this.used[index] ?? 0) + 1
    })
    return plan
  }
}
