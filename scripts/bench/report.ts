// Renders bench results as the Markdown the terminal shows and docs/benchmark.md keeps.
import type { BudgetCheck } from './budgets.ts'
import type { BenchResults } from './results.ts'
import type { Spread } from './stats.ts'

const ms = (value: number): string => `${Math.round(value)}`
const range = (s: Spread): string => `${ms(s.p10)}–${ms(s.p90)} (${ms(s.min)}–${ms(s.max)})`
const kib = (bytes: number): string => `${(bytes / 1024).toFixed(0)} KiB`

function table(header: readonly string[], rows: readonly (readonly string[])[]): string[] {
  return [
    `| ${header.join(' | ')} |`,
    `|${header.map(() => ' --- ').join('|')}|`,
    ...rows.map((row) => `| ${row.join(' | ')} |`)
  ]
}

export function renderBudgets(budgets: readonly BudgetCheck[]): string[] {
  return table(
    ['budget', 'limit', 'measured', 'result'],
    budgets.map((b) => [b.name, b.limit, b.actual, b.pass ? 'PASS' : '**FAIL**'])
  )
}

export function renderReport(results: BenchResults): string {
  const lines: string[] = [
    `Commit ${results.commit}, Node ${results.node}, ${results.machine.cpus} × ${results.machine.model}, load average ${results.machine.loadAverage.map((l) => l.toFixed(1)).join(' ')} at start; ${results.runsPerLatency} runs per latency after a warm-up. Times in ms.`,
    ...(results.machine.loadAverage[0] !== undefined &&
    results.machine.loadAverage[0] >= results.machine.cpus
      ? ['', '> Warning: the machine was busy (load average ≥ CPUs): timings are inflated.']
      : []),
    '',
    '### Full run (`verify: invoke`, `model: sonnet`, `small-fast-model: haiku`, OIDC role)',
    '',
    ...table(
      [
        'latency per round trip',
        'wall median',
        'wall p10–p90 (min–max)',
        'requests',
        'critical path (round trips)',
        'floor',
        'wall / floor'
      ],
      results.latencies.map((l) => [
        `${l.latencyMs} ms`,
        ms(l.wallMs.median),
        range(l.wallMs),
        String(l.requests),
        String(l.roundTrips),
        ms(l.floorMs),
        l.wallOverFloor.toFixed(2)
      ])
    ),
    '',
    `Critical path at ${results.latencies.at(-1)?.latencyMs ?? 0} ms: ${(results.latencies.at(-1)?.chain ?? []).join(' → ')}.`,
    'Floor = bare `node -e 0` (median, measured between the runs) + critical path × latency.',
    '',
    `### With connection set-up (each new connection costs ${results.connectionSetup.setupMs} ms, a TCP and a TLS handshake, before a request can use it)`,
    '',
    ...table(
      [
        'latency per round trip',
        'wall median',
        'wall p10–p90 (min–max)',
        'requests that waited for their connection',
        'floor',
        'wall / floor'
      ],
      [
        [
          `${results.connectionSetup.latencyMs} ms`,
          ms(results.connectionSetup.wallMs.median),
          range(results.connectionSetup.wallMs),
          `${results.connectionSetup.waitedForConnection} (${results.connectionSetup.waiting.join(', ') || 'none'})`,
          ms(results.connectionSetup.floorMs),
          results.connectionSetup.wallOverFloor.toFixed(2)
        ]
      ]
    ),
    '',
    'Floor here = the floor above + one set-up (the OIDC token request needs a connection of its own first).',
    '',
    `### Capacity pre-flight against a real-sized quota listing (7 pages of 100, the models' quotas on the later pages; ${results.capacity[0]?.latencyMs ?? 0} ms per round trip)`,
    '',
    ...table(
      [
        'runner',
        'wall median',
        'wall p10–p90 (min–max)',
        'critical path (round trips)',
        'floor',
        'wall / floor',
        'Service Quotas calls in the set-up step',
        "main model's capacity check"
      ],
      results.capacity.map((c) => [
        c.name,
        ms(c.wallMs.median),
        range(c.wallMs),
        String(c.roundTrips),
        ms(c.floorMs),
        c.wallOverFloor.toFixed(2),
        Object.entries(c.quotaCalls)
          .map(([operation, count]) => `${operation} ×${count}`)
          .join(', ') || 'none',
        c.verdict
      ])
    ),
    '',
    `Without cached codes the set-up step lists from the credentials on and waits at most about one Service Quotas round trip after the other checks (${(results.capacity[0]?.chain ?? []).join(' → ')}); the post step then finishes the listing and caches the codes. With them, one GetServiceQuota per quota goes out beside the model probes (${(results.capacity[1]?.chain ?? []).join(' → ')}). Service Quotas calls count in a critical path when they were answered before the step exited.`,
    '',
    '### Post step (usage report, default `usage-report-wait-seconds: 60`)',
    '',
    ...table(
      [
        'latency per round trip',
        'wall median',
        'wall p10–p90 (min–max)',
        'of which waiting for log delivery',
        'requests',
        'round trips'
      ],
      [
        [
          `${results.postStep.latencyMs} ms`,
          ms(results.postStep.wallMs.median),
          range(results.postStep.wallMs),
          ms(results.postStep.waitedMs),
          String(results.postStep.requests),
          String(results.postStep.roundTrips)
        ]
      ]
    ),
    '',
    `Its longest chain: ${results.postStep.chain.join(' → ')}. It reads the logs again every 5 s until two reads agree (here the emulator delivers at once: one wait), so its time is mostly that wait; it runs after the agent step and never in the set-up's critical path.`,
    '',
    '### Start-up and bundle',
    '',
    ...table(
      ['', 'median', 'p10–p90 (min–max)'],
      [
        [
          'bare `node -e 0`',
          ms(results.coldStart.bareNodeMs.median),
          range(results.coldStart.bareNodeMs)
        ],
        [
          'action, input error (no network)',
          ms(results.coldStart.actionMs.median),
          range(results.coldStart.actionMs)
        ],
        ['overhead over bare Node', ms(results.coldStart.overheadMs), '']
      ]
    ),
    '',
    ...table(
      ['bundle file', 'bytes', 'gzip'],
      results.bundle.map((f) => [
        f.name,
        `${f.bytes} (${kib(f.bytes)})`,
        `${f.gzipBytes} (${kib(f.gzipBytes)})`
      ])
    ),
    '',
    '### Fast failure',
    '',
    ...table(
      [
        'case',
        'latency',
        'wall median',
        'requests',
        'STS requests',
        'round trips',
        'exit code',
        'requests seen'
      ],
      results.fastFailures.map((f) => [
        f.name,
        `${f.latencyMs} ms`,
        ms(f.wallMs.median),
        String(f.requests),
        String(f.stsRequests),
        String(f.roundTrips),
        [...new Set(f.exitCodes)].join(', '),
        f.operations.length === 0 ? '(none)' : f.operations.join(', ')
      ])
    ),
    '',
    '### AWS calls per job (answered calls, by the account-wide limit they count against)',
    '',
    ...table(
      [
        'configuration',
        'STS',
        'Bedrock control plane',
        'Bedrock runtime',
        'Service Quotas (capacity pre-flight)',
        'OIDC tokens',
        'calls'
      ],
      results.callsPerJob.map((c) => [
        c.name,
        String(c.sts),
        String(c.controlPlane),
        String(c.runtime),
        String(c.serviceQuotas),
        String(c.tokenRequests),
        Object.entries(c.operations)
          .map(([operation, count]) => (count > 1 ? `${operation} ×${count}` : operation))
          .join(', ')
      ])
    ),
    '',
    ...(results.herds.length === 0
      ? []
      : [
          `### Many jobs at once (${results.herds[0]?.limit ?? ''})`,
          '',
          ...table(
            [
              'jobs started together',
              'verify',
              'passed',
              'wall median',
              'wall slowest',
              'all done after',
              'calls per job (STS / control plane / runtime / Service Quotas)',
              'OIDC tokens per job',
              'throttled requests',
              'most throttles of one call'
            ],
            results.herds.map((h) => [
              String(h.jobs),
              h.inputs['verify'] ?? '',
              `${h.passed} / ${h.jobs}`,
              ms(h.wallMs.median),
              ms(h.wallMs.max),
              ms(h.drainedMs),
              `${h.stsPerJob} / ${h.controlPlanePerJob} / ${h.runtimePerJob} / ${h.serviceQuotasPerJob}`,
              String(h.tokenRequestsPerJob),
              `${h.throttles} (${Object.entries(h.throttlesByOperation)
                .map(([operation, count]) => `${operation} ${count}`)
                .join(', ')})`,
              String(h.mostThrottlesOfOneCall)
            ])
          ),
          ...results.herds.flatMap((h) =>
            h.failures.length === 0
              ? []
              : ['', `Failures (verify: ${h.inputs['verify'] ?? ''}): ${h.failures.join(' | ')}`]
          ),
          ''
        ]),
    '### Budgets',
    '',
    ...renderBudgets(results.budgets)
  ]
  return lines.join('\n') + '\n'
}
