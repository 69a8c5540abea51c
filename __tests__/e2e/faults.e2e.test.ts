// Faults on the wire, through the bundled action: what is retried (throttling, 5xx, network,
// garbled answers) recovers; what is final (auth, validation, not found) fails on the first answer;
// nothing hangs; and a failure never leaves a partial set of variables for later steps.
import type { RecordedRequest, Scenario } from '../../emulator/index.ts'
import { loadScenario } from '../../emulator/index.ts'
import type { ActionRun } from '../../emulator/runner/runAction.ts'
import { DEFAULT_RETRY_BUDGET } from '../../src/aws/retryPolicy.ts'
import { DEFAULT_TIMEOUTS } from '../../src/aws/timeouts.ts'
import { errorAnnotations, withoutActorCheck } from './scenarioRun.ts'
import {
  countOf,
  deadPort,
  RunBatch,
  runIsolated,
  withFaults,
  type IsolatedRun
} from './support/isolatedRun.ts'

const ATTEMPTS = DEFAULT_RETRY_BUDGET.maxAttempts
/** Short timeouts for the hang cases; every emulator answer takes a few ms. */
const SHORT_TIMEOUTS = {
  SETUP_CLAUDE_BEDROCK_CONNECT_TIMEOUT_MS: '1000',
  SETUP_CLAUDE_BEDROCK_RESPONSE_TIMEOUT_MS: '600'
}

// Every run is declared below and started together in beforeAll; each test checks its own.
const batch = new RunBatch(6)
beforeAll(() => batch.start())
afterAll(() => batch.settled())

function runIt(
  name: string,
  start: () => Promise<IsolatedRun>,
  check: (result: IsolatedRun) => void | Promise<void>
): void {
  const result = batch.add(start)
  it(name, async () => {
    await check(await result())
  })
}

/** A passing run of the default scenario: what it exports is "the full documented set". */
const baseline = batch.add(() => runIsolated('default'))

async function fullSet(): Promise<{ names: string[]; env: Record<string, string> }> {
  const { run } = await baseline()
  expect(run.exitCode).toBe(0)
  const names = Object.keys(run.env).sort()
  expect(names).toContain('CLAUDE_CODE_USE_BEDROCK')
  expect(names).toContain('AWS_SESSION_TOKEN')
  return { names, env: run.env }
}

const keys = (run: ActionRun): string[] => Object.keys(run.env).sort()
const errorsOf = (run: ActionRun): string => errorAnnotations(run).join('\n')
/** How many times each distinct request (path) of an operation was sent. */
function attemptsPerPath(requests: readonly RecordedRequest[], operation: string): number[] {
  const counts = new Map<string, number>()
  for (const r of requests.filter((request) => request.operation === operation)) {
    counts.set(r.path, (counts.get(r.path) ?? 0) + 1)
  }
  return [...counts.values()]
}
const faulted = (requests: readonly RecordedRequest[], operation: string): number =>
  requests.filter((r) => r.operation === operation && r.fault !== undefined).length

/** Passed, and exported exactly what an undisturbed run exports. */
async function expectRecovered(run: ActionRun): Promise<void> {
  const full = await fullSet()
  expect(run.stderr).toBe('')
  expect(run.exitCode).toBe(0)
  expect(keys(run)).toEqual(full.names)
  expect(run.env.ANTHROPIC_MODEL).toBe(full.env.ANTHROPIC_MODEL)
}

/** Failed before credentials were usable: nothing at all for later steps. */
function expectNothingExported(run: ActionRun): void {
  expect(run.exitCode).toBe(1)
  expect(run.envFileText).toBe('')
  expect(run.outputs.passed).toBe('false')
}

/** A model check failed: the full set, except the switch that turns Claude Code to Bedrock. */
async function expectAllButBedrockSwitch(run: ActionRun): Promise<void> {
  const full = await fullSet()
  expect(run.exitCode).toBe(1)
  expect(keys(run)).toEqual(full.names.filter((name) => name !== 'CLAUDE_CODE_USE_BEDROCK'))
  expect(run.outputs.passed).toBe('false')
}

describe('retried, then recovered', () => {
  runIt(
    'throttled twice, then the model calls succeed',
    () => runIsolated('throttled-transient'),
    async ({ run, requests }) => {
      await expectRecovered(run)
      // Main, small and the pinned opus: three calls of each probe, two of them retried once.
      expect(faulted(requests, 'InvokeModel')).toBe(2)
      expect(countOf(requests, 'InvokeModel')).toBe(5)
      expect(faulted(requests, 'InvokeModelWithResponseStream')).toBe(2)
      expect(countOf(requests, 'InvokeModelWithResponseStream')).toBe(5)
    }
  )

  runIt(
    '500 then 503 on GetCallerIdentity, then success',
    () =>
      runIsolated(
        withFaults('default', [
          { operation: 'GetCallerIdentity', kind: 'status', status: 500, count: 1 },
          { operation: 'GetCallerIdentity', kind: 'status', status: 503, count: 1 }
        ])
      ),
    async ({ run, requests }) => {
      await expectRecovered(run)
      const statuses = requests
        .filter((r) => r.operation === 'GetCallerIdentity')
        .map((r) => r.status)
      expect(statuses).toEqual([500, 503, 200])
    }
  )

  runIt(
    'waits the Retry-After the server asks for',
    () =>
      runIsolated(
        withFaults('default', [
          { operation: 'GetCallerIdentity', kind: 'throttle', count: 1, retryAfterSeconds: 1 }
        ])
      ),
    async ({ run, requests }) => {
      await expectRecovered(run)
      const calls = requests.filter((r) => r.operation === 'GetCallerIdentity')
      expect(calls).toHaveLength(2)
      // The first answer went out at endedAt; the retry may not come sooner than a second later.
      expect((calls[1]?.startedAt ?? 0) - (calls[0]?.endedAt ?? 0)).toBeGreaterThanOrEqual(950)
    }
  )

  // One glitch of each kind on different calls of the same run: each is retried on its own.
  const GLITCHES = [
    { operation: 'GetIdToken', kind: 'status', status: 503, count: 1 },
    { operation: 'GetCallerIdentity', kind: 'malformed', count: 1 },
    { operation: 'ListInferenceProfiles', kind: 'drop', count: 1 },
    { operation: 'GetFoundationModelAvailability', kind: 'malformed', count: 1 },
    { operation: 'InvokeModel', kind: 'truncate', count: 1 }
  ] as const
  runIt(
    'a 503 from the OIDC endpoint, a malformed XML body (STS), a connection reset, a malformed JSON body (Bedrock) and a truncated answer, once each',
    () =>
      runIsolated(
        withFaults(
          'default',
          GLITCHES.map((fault) => ({ ...fault }))
        )
      ),
    async ({ run, requests }) => {
      await expectRecovered(run)
      for (const { operation, kind } of GLITCHES) {
        const hit = requests.filter((r) => r.operation === operation && r.fault === kind)
        expect([operation, hit.length]).toEqual([operation, 1])
        // The same request again, answered this time.
        const again = requests.filter((r) => r.path === hit[0]?.path && r.operation === operation)
        expect(again.length).toBeGreaterThanOrEqual(2)
      }
    }
  )

  runIt(
    'an endpoint that hangs once: timed out, retried, recovered',
    () =>
      runIsolated(
        withFaults('default', [{ operation: 'GetCallerIdentity', kind: 'hang', count: 1 }]),
        {
          env: { ...SHORT_TIMEOUTS, SETUP_CLAUDE_BEDROCK_RESPONSE_TIMEOUT_MS: '1500' }
        }
      ),
    async ({ run, requests }) => {
      await expectRecovered(run)
      expect(countOf(requests, 'GetCallerIdentity')).toBe(2)
    }
  )

  runIt(
    'STS IDPCommunicationError once: retried with a freshly fetched OIDC token',
    () => runIsolated('idp-communication-error', { inputs: { verify: 'none' } }),
    ({ run, requests }) => {
      expect(run.exitCode).toBe(0)
      const credentialCalls = requests.filter((r) => r.service === 'oidc' || r.service === 'sts')
      expect(credentialCalls.map((r) => r.operation)).toEqual([
        'GetIdToken',
        'AssumeRoleWithWebIdentity',
        'GetIdToken',
        'AssumeRoleWithWebIdentity',
        'GetCallerIdentity'
      ])
    }
  )
})

describe('retried until the budget is spent, then a clear failure', () => {
  runIt(
    'throttled past the budget: the cause names the quota to raise',
    () => runIsolated('throttled'),
    async ({ run, requests }) => {
      await expectAllButBedrockSwitch(run)
      expect(attemptsPerPath(requests, 'InvokeModel')).toEqual([ATTEMPTS, ATTEMPTS, ATTEMPTS])
      expect(errorsOf(run)).toMatch(/Bedrock throttled InvokeModel/)
      expect(run.summary).toMatch(/tokens-per-minute quota for this model/)
      expect(run.summary).not.toMatch(/requests per minute/)
      expect(run.summary).toContain('service-quotas')
    }
  )

  runIt(
    'a Retry-After longer than the budget fails at once instead of waiting',
    () =>
      runIsolated(
        withFaults('default', [
          { operation: 'GetCallerIdentity', kind: 'throttle', retryAfterSeconds: 3600 }
        ])
      ),
    ({ run, requests }) => {
      expectNothingExported(run)
      expect(countOf(requests, 'GetCallerIdentity')).toBe(1)
      expect(errorsOf(run)).toMatch(/STS throttled GetCallerIdentity/)
    }
  )

  runIt(
    '503 on every attempt',
    () =>
      runIsolated(
        withFaults('default', [{ operation: 'GetCallerIdentity', kind: 'status', status: 503 }])
      ),
    ({ run, requests }) => {
      expectNothingExported(run)
      expect(countOf(requests, 'GetCallerIdentity')).toBe(ATTEMPTS)
      expect(errorsOf(run)).toMatch(/STS failed on its side for GetCallerIdentity.*HTTP 503/)
    }
  )

  runIt(
    'connection reset on every model call',
    () => runIsolated(withFaults('default', [{ operation: 'InvokeModel', kind: 'drop' }])),
    async ({ run, requests }) => {
      await expectAllButBedrockSwitch(run)
      expect(attemptsPerPath(requests, 'InvokeModel')).toEqual([ATTEMPTS, ATTEMPTS, ATTEMPTS])
      expect(errorsOf(run)).toMatch(/connection was reset/)
    }
  )

  let refusedPort = 0
  runIt(
    'connection refused: a runtime endpoint nobody listens on',
    async () => {
      refusedPort = await deadPort()
      return runIsolated('default', {
        env: { AWS_ENDPOINT_URL_BEDROCK_RUNTIME: `http://127.0.0.1:${refusedPort}` }
      })
    },
    async ({ run, requests }) => {
      await expectAllButBedrockSwitch(run)
      expect(countOf(requests, 'InvokeModel')).toBe(0)
      expect(errorsOf(run)).toContain(
        `InvokeModel could not reach AWS to 127.0.0.1:${refusedPort}: the connection was refused`
      )
    }
  )

  runIt(
    'an STS endpoint that hangs: timed out on every attempt, well before the default timeout',
    () =>
      runIsolated(
        withFaults('default', [{ operation: 'AssumeRoleWithWebIdentity', kind: 'hang' }]),
        {
          env: SHORT_TIMEOUTS
        }
      ),
    ({ run, requests }) => {
      expectNothingExported(run)
      expect(countOf(requests, 'AssumeRoleWithWebIdentity')).toBe(ATTEMPTS)
      expect(errorsOf(run)).toMatch(/AssumeRoleWithWebIdentity could not reach AWS.*timed out/)
      expect(run.durationMs).toBeLessThan(DEFAULT_TIMEOUTS.responseMs)
    }
  )

  runIt(
    'a model endpoint that hangs: the model fails, the rest is exported',
    () =>
      runIsolated(withFaults('default', [{ operation: 'InvokeModel', kind: 'hang' }]), {
        env: SHORT_TIMEOUTS
      }),
    async ({ run, requests }) => {
      await expectAllButBedrockSwitch(run)
      expect(attemptsPerPath(requests, 'InvokeModel')).toEqual([ATTEMPTS, ATTEMPTS, ATTEMPTS])
      expect(errorsOf(run)).toMatch(/InvokeModel could not reach AWS.*timed out/)
      expect(run.durationMs).toBeLessThan(DEFAULT_TIMEOUTS.responseMs)
    }
  )

  for (const [kind, cause] of [
    ['malformed', /could not be parsed/],
    ['truncate', /reset|could not be parsed|aborted/]
  ] as const) {
    runIt(
      `${kind} on every GetCallerIdentity`,
      () => runIsolated(withFaults('default', [{ operation: 'GetCallerIdentity', kind }])),
      ({ run, requests }) => {
        expectNothingExported(run)
        expect(countOf(requests, 'GetCallerIdentity')).toBe(ATTEMPTS)
        expect(errorsOf(run)).toMatch(cause)
      }
    )
  }

  runIt(
    'the OIDC endpoint fails every time: no STS call, a clear cause',
    () =>
      runIsolated(
        withFaults('default', [{ operation: 'GetIdToken', kind: 'status', status: 500 }])
      ),
    ({ run, requests }) => {
      expectNothingExported(run)
      expect(countOf(requests, 'GetIdToken')).toBe(3)
      expect(countOf(requests, 'AssumeRoleWithWebIdentity')).toBe(0)
      expect(errorsOf(run)).toMatch(
        /Could not get a GitHub OIDC token for audience "sts\.amazonaws\.com": .*HTTP 500/
      )
    }
  )

  runIt(
    'the OIDC endpoint hangs: timed out, not a stuck job',
    () =>
      runIsolated(withFaults('default', [{ operation: 'GetIdToken', kind: 'hang' }]), {
        env: SHORT_TIMEOUTS
      }),
    ({ run, requests }) => {
      expectNothingExported(run)
      expect(countOf(requests, 'GetIdToken')).toBe(3)
      expect(errorsOf(run)).toMatch(/GitHub OIDC token.*timed out after 600 ms/)
      expect(run.durationMs).toBeLessThan(DEFAULT_TIMEOUTS.responseMs)
    }
  )

  runIt(
    'STS IDPCommunicationError every time: three fresh tokens, then the cause',
    () => {
      const scenario = loadScenario('idp-communication-error')
      for (const fault of scenario.faults) delete fault.count
      return runIsolated(scenario)
    },
    ({ run, requests }) => {
      expectNothingExported(run)
      expect(countOf(requests, 'GetIdToken')).toBe(3)
      expect(countOf(requests, 'AssumeRoleWithWebIdentity')).toBe(3)
      expect(errorsOf(run)).toMatch(/signing keys/)
    }
  )
})

type Exported = 'nothing' | 'all but the Bedrock switch' | 'the full set'
const FINAL_ERRORS: ReadonlyArray<[string, Scenario['faults'][number], Exported]> = [
  [
    'AccessDenied on AssumeRoleWithWebIdentity',
    {
      operation: 'AssumeRoleWithWebIdentity',
      kind: 'error',
      status: 403,
      code: 'AccessDenied',
      message: 'Not authorized to perform sts:AssumeRoleWithWebIdentity'
    },
    'nothing'
  ],
  [
    'InvalidClientTokenId on GetCallerIdentity',
    {
      operation: 'GetCallerIdentity',
      kind: 'error',
      status: 403,
      code: 'InvalidClientTokenId',
      message: 'The security token included in the request is invalid.'
    },
    'nothing'
  ],
  [
    'AccessDeniedException on InvokeModel',
    {
      operation: 'InvokeModel',
      kind: 'error',
      status: 403,
      code: 'AccessDeniedException',
      message: 'User is not authorized to perform: bedrock:InvokeModel'
    },
    'all but the Bedrock switch'
  ],
  [
    'ValidationException on InvokeModelWithResponseStream',
    {
      operation: 'InvokeModelWithResponseStream',
      kind: 'error',
      status: 400,
      code: 'ValidationException',
      message: 'The provided model identifier is invalid.'
    },
    'all but the Bedrock switch'
  ],
  [
    'ResourceNotFoundException on GetFoundationModelAvailability (the model call still proves access: a warning)',
    {
      operation: 'GetFoundationModelAvailability',
      kind: 'error',
      status: 404,
      code: 'ResourceNotFoundException',
      message: 'Model not found'
    },
    'the full set'
  ]
]

describe('final on the first answer (exactly one attempt)', () => {
  for (const [label, fault, exported] of FINAL_ERRORS) {
    runIt(
      `${label}: exports ${exported}`,
      () => runIsolated(withFaults('default', [fault])),
      async ({ run, requests }) => {
        // Each distinct request sent once (the model checks may also try older versions, once each).
        const perPath = attemptsPerPath(requests, fault.operation)
        expect(perPath.length).toBeGreaterThan(0)
        expect(perPath.every((count) => count === 1)).toBe(true)
        if (exported === 'nothing') expectNothingExported(run)
        if (exported === 'all but the Bedrock switch') await expectAllButBedrockSwitch(run)
        if (exported === 'the full set') await expectRecovered(run)
      }
    )
  }

  runIt(
    'an expired session (short-session): fails at once, naming expired credentials',
    () => {
      const scenario = loadScenario('short-session')
      // Long enough that identity and listings finish inside the session even on a loaded
      // machine; the model calls are held until after it has ended.
      scenario.credentialLifetimeSeconds = 4
      scenario.faults = [{ operation: 'InvokeModel', kind: 'latency', ms: 4500 }]
      return runIsolated(scenario)
    },
    async ({ run, requests }) => {
      await expectAllButBedrockSwitch(run)
      const invoked = requests.filter((r) => r.operation === 'InvokeModel')
      expect(attemptsPerPath(requests, 'InvokeModel').every((count) => count === 1)).toBe(true)
      expect(
        invoked.every((r) => r.status === 403 && r.errorCode === 'ExpiredTokenException')
      ).toBe(true)
      expect(errorsOf(run)).toMatch(/credentials used for InvokeModel have expired/)
    }
  )

  runIt(
    'a misconfigured role (trust-mismatch) fails after exactly one AssumeRoleWithWebIdentity',
    () => runIsolated('trust-mismatch'),
    ({ run, requests }) => {
      expectNothingExported(run)
      const aws = withoutActorCheck(requests)
      expect(aws.map((r) => r.operation)).toEqual(['GetIdToken', 'AssumeRoleWithWebIdentity'])
      // Measured, not asserted: timing belongs to the benchmark.
      const [token, sts] = aws
      console.log(
        `trust-mismatch: process ${run.durationMs} ms, OIDC request to STS answer ${(sts?.endedAt ?? 0) - (token?.startedAt ?? 0)} ms`
      )
    }
  )
})
