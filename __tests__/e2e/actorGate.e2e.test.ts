// Who may make the job assume the role: events × permissions × bots, through the bundle, with
// GitHub's REST API served by the emulator. A refused actor must cause no STS and no Bedrock
// request, export nothing, and be named in the error with their permission and the event.
import { loadScenario, type Scenario } from '../../emulator/index.ts'
import { errorAnnotations } from './scenarioRun.ts'
import { RunBatch, runIsolated, type IsolatedRun } from './support/isolatedRun.ts'

const AWS_SERVICES = new Set(['sts', 'bedrock', 'bedrock-runtime'])
const FORK_PR = {
  pull_request: {
    number: 7,
    head: { repo: { full_name: 'stranger/octo-repo-fork' } },
    base: { repo: { full_name: 'octo-org/octo-repo' } }
  }
}

interface Trigger {
  readonly actor: string
  readonly triggeringActor?: string
  readonly eventName: string
  readonly event?: Record<string, unknown>
  readonly faults?: Scenario['faults']
}

function scenarioFor(trigger: Trigger): Scenario {
  const scenario = loadScenario('default')
  scenario.github.actor = trigger.actor
  if (trigger.triggeringActor !== undefined)
    scenario.github.triggeringActor = trigger.triggeringActor
  scenario.github.eventName = trigger.eventName
  if (trigger.event !== undefined) scenario.github.event = trigger.event
  if (trigger.faults !== undefined) scenario.faults = trigger.faults
  return scenario
}

const batch = new RunBatch(4)
beforeAll(() => batch.start())
afterAll(() => batch.settled())

function awsRequests(result: IsolatedRun): string[] {
  return result.requests.filter((r) => AWS_SERVICES.has(r.service)).map((r) => r.operation)
}

function expectRefused(result: IsolatedRun, parts: readonly string[], exitCode = 1): void {
  const { run } = result
  expect(run.exitCode).toBe(exitCode)
  expect(awsRequests(result)).toEqual([])
  expect(run.env).toEqual({})
  expect(run.outputs.passed).toBe('false')
  const errors = errorAnnotations(run).join('\n')
  const shown = exitCode === 0 ? run.stdout : errors
  for (const part of parts) expect(shown).toContain(part)
  const report = JSON.parse(run.outputs.report ?? '{}') as {
    checks: Array<{ id: string; status: string }>
  }
  expect(report.checks[0]).toMatchObject({ id: 'actor-permission', status: 'fail' })
}

/** Failed closed without a decision: the headline says the check could not be made, never a refusal. */
function expectUnchecked(result: IsolatedRun, parts: readonly string[]): void {
  expectRefused(result, [...parts, "The actor's permission could not be checked: "])
  expect(errorAnnotations(result.run).join('\n')).not.toContain('was not allowed to use AWS')
}

function expectAllowed(result: IsolatedRun): void {
  const { run } = result
  expect(run.exitCode).toBe(0)
  expect(awsRequests(result)).toContain('AssumeRoleWithWebIdentity')
  expect(run.env.CLAUDE_CODE_USE_BEDROCK).toBe('1')
  const report = JSON.parse(run.outputs.report ?? '{}') as {
    checks: Array<{ id: string; status: string }>
  }
  expect(report.checks[0]).toMatchObject({ id: 'actor-permission', status: 'pass' })
}

function declare(
  name: string,
  trigger: Trigger,
  inputs: Record<string, string>,
  check: (result: IsolatedRun) => void
): void {
  const result = batch.add(() => runIsolated(scenarioFor(trigger), { inputs }))
  it(name, async () => check(await result()))
}

/** The default scenario's collaborators (emulator/scenarios/default.json) and what `write` makes of them. */
const PEOPLE = [
  { login: 'octocat', role: 'admin', allowed: true },
  { login: 'mona', role: 'maintain', allowed: true },
  { login: 'hubot', role: 'write', allowed: true },
  { login: 'triager', role: 'triage', allowed: false },
  { login: 'reader', role: 'read', allowed: false },
  { login: 'auditor', role: 'read (custom role security-auditor)', allowed: false },
  { login: 'stranger', role: 'none', allowed: false }
] as const

const EVENTS: readonly Pick<Trigger, 'eventName' | 'event'>[] = [
  { eventName: 'issue_comment', event: { comment: { user: { login: 'x' } } } },
  { eventName: 'pull_request_target', event: FORK_PR },
  { eventName: 'push' }
]

describe('events × permissions (require-actor-permission: write, the default)', () => {
  for (const event of EVENTS) {
    for (const person of PEOPLE) {
      const verdict = person.allowed ? 'may use AWS' : 'is refused before any AWS request'
      declare(
        `${event.eventName} by ${person.login} (${person.role}) ${verdict}`,
        { actor: person.login, ...event },
        {},
        (result) => {
          if (person.allowed) {
            expectAllowed(result)
            return
          }
          expectRefused(result, [
            person.login,
            `is ${person.role}`,
            `The ${event.eventName} event`,
            'requires write or higher'
          ])
          if (event.event === FORK_PR) {
            expect(errorAnnotations(result.run).join('\n')).toContain(
              'a pull request from the fork stranger/octo-repo-fork'
            )
          }
        }
      )
    }
  }
})

describe('bots pass only when listed in allowed-bots', () => {
  const cases = [
    { bot: 'dependabot[bot]', allowedBots: '', allowed: false },
    { bot: 'github-actions[bot]', allowedBots: 'renovate[bot]', allowed: false },
    { bot: 'dependabot[bot]', allowedBots: 'Dependabot[bot], renovate[bot]', allowed: true },
    { bot: 'renovate[bot]', allowedBots: 'renovate[bot]', allowed: true }
  ]
  for (const c of cases) {
    declare(
      `${c.bot} with allowed-bots "${c.allowedBots}" ${c.allowed ? 'passes' : 'is refused'}`,
      { actor: c.bot, eventName: 'pull_request' },
      c.allowedBots === '' ? {} : { 'allowed-bots': c.allowedBots },
      (result) => {
        // A bot is judged by the list alone: its role is never asked for.
        expect(result.requests.filter((r) => r.service === 'github')).toEqual([])
        if (c.allowed) expectAllowed(result)
        else expectRefused(result, [c.bot, 'allowed-bots'])
      }
    )
  }
})

describe('the required level and re-runs', () => {
  declare(
    'require-actor-permission: read lets a reader in',
    { actor: 'reader', eventName: 'issue_comment' },
    { 'require-actor-permission': 'read' },
    expectAllowed
  )
  declare(
    'require-actor-permission: admin refuses a maintainer',
    { actor: 'mona', eventName: 'workflow_dispatch' },
    { 'require-actor-permission': 'admin' },
    (result) =>
      expectRefused(result, [
        'The run was not allowed to use AWS',
        'mona',
        'is maintain',
        'requires admin or higher'
      ])
  )
  declare(
    'require-actor-permission: none turns the check off and says so',
    { actor: 'stranger', eventName: 'issue_comment' },
    { 'require-actor-permission': 'none' },
    (result) => {
      expect(result.run.exitCode).toBe(0)
      expect(result.requests.filter((r) => r.service === 'github')).toEqual([])
      expect(result.run.summary).toContain('require-actor-permission: none')
    }
  )
  declare(
    "a maintainer's re-run does not vouch for a stranger's comment",
    { actor: 'stranger', triggeringActor: 'octocat', eventName: 'issue_comment' },
    {},
    (result) => expectRefused(result, ['started by stranger and re-run by octocat', 'is none'])
  )
  declare(
    'fail-on-error: false reports passed=false, exits 0 and still exports nothing',
    { actor: 'reader', eventName: 'issue_comment' },
    { 'fail-on-error': 'false' },
    (result) => expectRefused(result, ['reader', 'is read'], 0)
  )
})

describe("GitHub's API failing", () => {
  const permission = 'GetCollaboratorPermission'
  declare(
    'a bad token (401) fails at once, naming github-token',
    {
      actor: 'octocat',
      eventName: 'issue_comment',
      faults: [{ operation: permission, kind: 'error', status: 401, message: 'Bad credentials' }]
    },
    {},
    (result) => {
      expectUnchecked(result, ['github-token', 'HTTP 401'])
      expect(result.requests.filter((r) => r.operation === permission)).toHaveLength(1)
    }
  )
  declare(
    'a 5xx is retried, then the run goes on',
    {
      actor: 'octocat',
      eventName: 'issue_comment',
      faults: [{ operation: permission, kind: 'status', status: 502, count: 2 }]
    },
    {},
    (result) => {
      expectAllowed(result)
      expect(result.requests.filter((r) => r.operation === permission)).toHaveLength(3)
    }
  )
  declare(
    'a 5xx that does not go away is diagnosed after the retries',
    {
      actor: 'octocat',
      eventName: 'issue_comment',
      faults: [{ operation: permission, kind: 'status', status: 503 }]
    },
    {},
    (result) => {
      expectUnchecked(result, ['HTTP 503', '4 attempts', 'githubstatus.com'])
      expect(result.requests.filter((r) => r.operation === permission)).toHaveLength(4)
    }
  )
  declare(
    'a rate limit that resets soon is waited out',
    {
      actor: 'octocat',
      eventName: 'issue_comment',
      faults: [{ operation: permission, kind: 'throttle', retryAfterSeconds: 1, count: 1 }]
    },
    {},
    expectAllowed
  )
  declare(
    'a rate limit that resets in an hour fails at once with the reset time',
    {
      actor: 'octocat',
      eventName: 'issue_comment',
      faults: [{ operation: permission, kind: 'throttle', retryAfterSeconds: 3600 }]
    },
    {},
    (result) => {
      expectUnchecked(result, ['rate limit', 'used up until'])
      expect(result.requests.filter((r) => r.operation === permission)).toHaveLength(1)
    }
  )
  declare(
    'an unknown login (404) is diagnosed',
    { actor: 'ghost-account', eventName: 'issue_comment' },
    {},
    (result) => expectUnchecked(result, ['HTTP 404', 'ghost-account'])
  )
  const emptyToken = batch.add(() =>
    runIsolated(scenarioFor({ actor: 'octocat', eventName: 'issue_comment' }), {
      env: { 'INPUT_GITHUB-TOKEN': '' }
    })
  )
  it('an empty github-token: could not be checked, not a refusal', async () =>
    expectUnchecked(await emptyToken(), ['github-token is empty']))
})
