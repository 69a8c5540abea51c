// One story per model: the availability record (model-access) and Bedrock's answer to the model
// call (model-invoke) are reconciled into one cause and one fix, for every access state the
// emulator serves, with and without the model call.
import type { ActionRun } from '../../emulator/runner/runAction.ts'
import { useEmulator } from '../../__fixtures__/emulator.ts'
import { runScenario } from './scenarioRun.ts'

const emu = useEmulator()

interface ReportCheck {
  id: string
  status: string
  detail: string
  cause?: string
  fix?: string
}

function reportCheck(run: ActionRun, id: string): ReportCheck {
  const checks = (JSON.parse(run.outputs.report ?? '{"checks":[]}') as { checks: ReportCheck[] })
    .checks
  const found = checks.find((c) => c.id === id)
  if (found === undefined) throw new Error(`no check ${id}`)
  return found
}

interface Case {
  readonly scenario: string
  readonly verify: 'access' | 'invoke'
  readonly model?: string
  /** Status of model-access and model-invoke for the main model. */
  readonly access: string
  readonly invoke: string
  /** The one story: what the cause says, and what it must never say. */
  readonly cause?: RegExp
  readonly fix?: RegExp
  readonly never?: RegExp
}

const IAM_STORY = /IAM policy, permissions boundary or SCP|Add to the role's IAM policy/

type Story = Omit<Case, 'verify' | 'access' | 'invoke'>

/**
 * A scenario whose story is the same with and without the model call: one case per verify mode,
 * each with its [model-access, model-invoke] statuses.
 */
function inBothModes(
  story: Story,
  statuses: { access: readonly [string, string]; invoke: readonly [string, string] }
): Case[] {
  return (['access', 'invoke'] as const).map((verify) => ({
    ...story,
    verify,
    access: statuses[verify][0],
    invoke: statuses[verify][1]
  }))
}

const cases: readonly Case[] = [
  ...inBothModes(
    {
      scenario: 'use-case-not-submitted',
      cause: /use-case details form has not been submitted/,
      fix: /put-use-case-for-model-access/,
      never: IAM_STORY
    },
    { access: ['fail', 'skip'], invoke: ['fail', 'fail'] }
  ),
  {
    scenario: 'agreement-pending',
    verify: 'access',
    access: 'warn',
    invoke: 'skip',
    cause: /still being set up \(availability `PENDING`\)/,
    fix: /Re-run the job in a few minutes/
  },
  {
    scenario: 'agreement-pending',
    verify: 'invoke',
    access: 'fail',
    invoke: 'fail',
    cause: /still being set up .*refuses calls until it completes/,
    fix: /Re-run the job in a few minutes/,
    never: /agreement not accepted|go to the console/i
  },
  ...inBothModes(
    {
      scenario: 'marketplace-denied',
      cause: /aws-marketplace:ViewSubscriptions/,
      fix: /"aws-marketplace:Subscribe"/,
      never: /AWS Support|request access/i
    },
    { access: ['fail', 'skip'], invoke: ['fail', 'fail'] }
  ),
  {
    scenario: 'entitlement-unavailable',
    verify: 'access',
    access: 'fail',
    invoke: 'skip',
    cause: /in order of likelihood:\n1\. Nobody in the account has called this model yet/,
    fix: /Run once with `verify: invoke`/
  },
  {
    scenario: 'entitlement-unavailable',
    verify: 'invoke',
    access: 'fail',
    invoke: 'fail',
    cause: /Model access to .* is not granted for this account/,
    fix: /create-foundation-model-agreement/,
    never: /in order of likelihood/
  },
  {
    scenario: 'model-not-available-for-account',
    verify: 'access',
    access: 'pass',
    invoke: 'skip'
  },
  {
    scenario: 'model-not-available-for-account',
    verify: 'invoke',
    access: 'fail',
    invoke: 'fail',
    cause: /not available for this account/,
    // `model: sonnet` already is an alias that tried the older versions: never "use a family alias".
    fix: /`model: sonnet` already tried the newest \d sonnet versions .* AWS account team/,
    never: new RegExp(`${IAM_STORY.source}|a family alias such as`)
  },
  {
    // A role-level refusal: the account may use the model, the role may not. No contradiction.
    scenario: 'no-invoke-permission',
    verify: 'invoke',
    access: 'pass',
    invoke: 'fail',
    cause: /bedrock:InvokeModel/,
    fix: /"bedrock:InvokeModelWithResponseStream"/
  },
  {
    // Lifecycle refusals are the account's too: the access check does not stay green beside them.
    scenario: 'legacy-model',
    verify: 'invoke',
    model: 'us.anthropic.claude-3-7-sonnet-20250219-v1:0',
    access: 'fail',
    invoke: 'fail',
    cause: /marked Legacy by its provider/,
    fix: /Move to a newer model/
  },
  {
    scenario: 'end-of-life',
    verify: 'invoke',
    model: 'anthropic.claude-3-haiku-20240307-v1:0',
    access: 'fail',
    invoke: 'fail',
    cause: /reached its end of life/,
    fix: /Move to a newer model/
  },
  { scenario: 'default', verify: 'invoke', access: 'pass', invoke: 'pass' }
]

describe.each(cases)('$scenario with verify: $verify', (c) => {
  it(`main model: access ${c.access}, call ${c.invoke}, one cause and one fix`, async () => {
    const run = await runScenario(emu, c.scenario, {
      inputs: { verify: c.verify, ...(c.model !== undefined ? { model: c.model } : {}) }
    })
    const access = reportCheck(run, 'model-access:main')
    const invoke = reportCheck(run, 'model-invoke:main')
    expect([access.status, invoke.status]).toEqual([c.access, c.invoke])
    const failing = [access, invoke].filter((x) => x.status === 'fail' || x.status === 'warn')
    // Every failing check of the model tells the same story; the summary shows its fix once.
    const stories = new Set(failing.map((x) => JSON.stringify([x.cause, x.fix])))
    expect(stories.size).toBe(failing.length === 0 ? 0 : 1)
    for (const x of failing) {
      if (c.cause) expect(x.cause).toMatch(c.cause)
      if (c.fix) expect(x.fix).toMatch(c.fix)
      if (c.never) expect(`${x.cause}\n${x.fix}`).not.toMatch(c.never)
    }
    const story = failing[0]
    if (story?.fix !== undefined) {
      const firstLine = story.fix.split('\n')[0] ?? ''
      const section = run.summary.slice(run.summary.indexOf('### What to fix'))
      const mainHeading = section
        .split('\n')
        .filter((l) => l.startsWith('#### ') && /Main model (access|answers)/.test(l))
      expect(mainHeading).toHaveLength(1)
      expect(mainHeading[0]).toContain(
        failing.length === 2 ? 'Main model access, Main model answers' : 'Main model'
      )
      expect(firstLine.length).toBeGreaterThan(0)
    }
  })
})

describe('the use-case form tells NOT_AUTHORIZED apart', () => {
  it('asks GetUseCaseForModelAccess only when the record says NOT_AUTHORIZED', async () => {
    await runScenario(emu, 'use-case-not-submitted', { inputs: { verify: 'access' } })
    const asked = emu.requests.filter((r) => r.operation === 'GetUseCaseForModelAccess')
    expect(asked.length).toBeGreaterThan(0)
    expect(asked.every((r) => r.errorCode === 'ResourceNotFoundException')).toBe(true)
    await runScenario(emu, 'default', { inputs: { verify: 'access' } })
    expect(emu.requests.some((r) => r.operation === 'GetUseCaseForModelAccess')).toBe(false)
  })
})

describe('a pinned family tells the story the main model tells for the same account state', () => {
  it.each([
    ['agreement-pending', /still being set up .*refuses calls until it completes/],
    ['use-case-not-submitted', /use-case details form has not been submitted/],
    ['marketplace-denied', /could not complete the AWS Marketplace subscription/]
  ])('%s', async (scenario, story) => {
    const run = await runScenario(emu, scenario)
    const checks = (JSON.parse(run.outputs.report ?? '{"checks":[]}') as { checks: ReportCheck[] })
      .checks
    const main = checks.find((c) => c.id === 'model-invoke:main')
    const family = checks.find((c) => /^model-family:/.test(c.id) && c.status === 'warn')
    expect(main?.cause).toMatch(story)
    expect(family?.cause).toMatch(story)
  })
})
