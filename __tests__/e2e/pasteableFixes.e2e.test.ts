// Fixes that work when pasted: every policy a fix shows and the iam-policy output are complete IAM
// documents with statement ids that never collide; the policy is there when a check failed, with
// the statements the role lacks named; a refused role leads with its name and account and trusts
// only the token's own sub; GovCloud gets DISABLE_PROMPT_CACHING=1.
import { listScenarios } from '../../emulator/index.ts'
import type { ActionRun } from '../../emulator/runner/runAction.ts'
import { useEmulator } from '../../__fixtures__/emulator.ts'
import { runScenario } from './scenarioRun.ts'
import { fenceProblems } from '../../src/report/fixText.ts'

const emu = useEmulator()

interface ReportCheck {
  id: string
  status: string
  detail: string
  cause?: string
  fix?: string
}

function reportChecks(run: ActionRun): ReportCheck[] {
  return (JSON.parse(run.outputs.report ?? '{"checks":[]}') as { checks: ReportCheck[] }).checks
}

interface PolicyDocument {
  Version?: unknown
  Statement?: { Sid?: string }[]
}

function jsonBlocks(text: string): unknown[] {
  return [...text.matchAll(/```json\n([\s\S]*?)\n```/g)].map((m) => JSON.parse(m[1] ?? ''))
}

/** A policy is paste-ready when it is a whole document; a bare statement is not. */
function expectCompleteDocument(value: unknown): asserts value is PolicyDocument {
  expect(value).toEqual(expect.objectContaining({ Version: '2012-10-17' }))
  expect(Array.isArray((value as PolicyDocument).Statement)).toBe(true)
}

const GOV_ROLE = 'arn:aws-us-gov:iam::123456789012:role/claude-code'

const runs: readonly { scenario: string; inputs?: Record<string, string> }[] = [
  ...listScenarios()
    .filter((name) => name !== 'govcloud')
    .map((scenario) => ({ scenario })),
  { scenario: 'govcloud', inputs: { 'role-to-assume': GOV_ROLE, 'aws-region': 'us-gov-west-1' } },
  { scenario: 'use-case-not-submitted', inputs: { verify: 'access' } },
  { scenario: 'marketplace-denied', inputs: { verify: 'access' } },
  { scenario: 'default', inputs: { 'role-to-assume': 'arn:aws:iam::123456789012:role/claude-cod' } }
]

describe.each(runs)('$scenario $inputs', ({ scenario, inputs }) => {
  it('every cause, fix and the summary keep code fences whole: no prose glued to a fence, no block left open, no fence line in the log', async () => {
    const run = await runScenario(emu, scenario, { inputs: inputs ?? {} })
    for (const check of reportChecks(run)) {
      expect({ id: check.id, problems: fenceProblems(check.fix ?? '') }).toEqual({
        id: check.id,
        problems: []
      })
      expect({ id: check.id, problems: fenceProblems(check.cause ?? '') }).toEqual({
        id: check.id,
        problems: []
      })
    }
    expect(fenceProblems(run.summary)).toEqual([])
    expect(
      run.stdout.split('\n').filter((line) => /^\s*(Fix: +|Cause: +)?`{3}/.test(line))
    ).toEqual([])
    expect(run.stdout).not.toMatch(/`{3}[ \t]*[A-Z]/)
  })

  it('every policy in the fixes and the iam-policy output is a complete document; Sids never collide', async () => {
    const run = await runScenario(emu, scenario, { inputs: inputs ?? {} })
    const pasted = new Map<string, unknown>()
    for (const check of reportChecks(run)) {
      for (const block of jsonBlocks(check.fix ?? '')) {
        expectCompleteDocument(block)
        for (const statement of block.Statement ?? [])
          pasted.set(JSON.stringify(statement), statement)
      }
    }
    // Every fix of the run pasted into one policy: IAM rejects repeated statement ids.
    const sids = [...pasted.values()]
      .map((s) => (s as { Sid?: string }).Sid)
      .filter((sid) => sid !== undefined)
    expect(new Set(sids).size).toBe(sids.length)
    const policy = run.outputs['iam-policy']
    if (policy !== undefined) {
      const doc: unknown = JSON.parse(policy)
      expectCompleteDocument(doc)
      const policySids = (doc.Statement ?? []).map((s) => s.Sid)
      expect(new Set(policySids).size).toBe(policySids.length)
      expect(policySids.every((sid) => typeof sid === 'string' && /^[A-Za-z0-9]+$/.test(sid))).toBe(
        true
      )
    }
  })
})

describe('iam-policy when a check failed', () => {
  it('is emitted for the resolved models, and the summary names the statements the role lacks', async () => {
    const run = await runScenario(emu, 'no-invoke-permission')
    expect(run.outputs.passed).toBe('false')
    const doc = JSON.parse(run.outputs['iam-policy'] ?? 'null') as PolicyDocument
    const sids = (doc.Statement ?? []).map((s) => s.Sid)
    expect(sids).toEqual(
      expect.arrayContaining(['InvokeUsClaudeSonnet46', 'InvokeUsClaudeHaiku45'])
    )
    expect(run.summary).toMatch(
      /This role lacks these statements of the policy below:\*\* `InvokeUsClaudeHaiku45`|This role lacks these statements of the policy below:\*\* `InvokeUsClaudeSonnet46`/
    )
    expect(run.summary).toContain('`InvokeUsClaudeSonnet46` (the call to')
    expect(run.summary).toContain('`InvokeUsClaudeHaiku45` (the call to')
    expect(run.summary).not.toMatch(/lacks[^\n]*MarketplaceSubscriptionOnFirstUse/)
  })

  it('names the Marketplace statement when the subscription was refused for want of it', async () => {
    const run = await runScenario(emu, 'marketplace-denied')
    expect(run.summary).toMatch(/lacks this statement[^\n]*`MarketplaceSubscriptionOnFirstUse`/)
    expect(run.summary).not.toMatch(/lacks[^\n]*InvokeUs/)
  })

  it('says nothing is missing when every check passed', async () => {
    const run = await runScenario(emu, 'default')
    expect(run.outputs['iam-policy']).toBeDefined()
    expect(run.summary).not.toContain('This role lacks')
  })
})

describe('commands the fixes suggest', () => {
  it('get-foundation-model-availability takes the foundation-model id, never the profile id', async () => {
    const run = await runScenario(emu, 'entitlement-unavailable')
    const fixes = reportChecks(run)
      .map((c) => c.fix ?? '')
      .join('\n')
    const commands = [...fixes.matchAll(/get-foundation-model-availability [^`\n]*/g)].map(
      (m) => m[0]
    )
    expect(commands.length).toBeGreaterThan(0)
    for (const command of commands) {
      expect(command).toMatch(/--model-id anthropic\./)
      expect(command).not.toMatch(/--model-id (us|eu|apac|global)\./)
    }
  })
})

describe('a role that does not exist', () => {
  it('leads with the role name and account, and trusts only the token’s own sub', async () => {
    const run = await runScenario(emu, 'default', {
      inputs: { 'role-to-assume': 'arn:aws:iam::123456789012:role/claude-cod' }
    })
    const credentials = reportChecks(run).find((c) => c.id === 'credentials')
    expect(credentials?.status).toBe('fail')
    expect(credentials?.cause).toMatch(/^STS refused .*: check the role name and account first/)
    expect(credentials?.fix).toMatch(/^1\. Check the role name and account in `role-to-assume`/)
    expect(credentials?.fix).toContain('aws iam get-role --role-name claude-cod')
    const [trust] = jsonBlocks(credentials?.fix ?? '') as {
      Statement: { Condition: Record<string, Record<string, unknown>> }[]
    }[]
    const condition = trust?.Statement[0]?.Condition
    expect(condition).toEqual({
      StringEquals: {
        'token.actions.githubusercontent.com:aud': 'sts.amazonaws.com',
        'token.actions.githubusercontent.com:sub': 'repo:octo-org/octo-repo:ref:refs/heads/main'
      }
    })
    expect(credentials?.fix).not.toContain('repo:octo-org/octo-repo:*')
  })
})

describe('prompt caching where Bedrock has none', () => {
  it('GovCloud: DISABLE_PROMPT_CACHING=1 when the input is unset, with a check saying why', async () => {
    const run = await runScenario(emu, 'govcloud', {
      inputs: { 'role-to-assume': GOV_ROLE, 'aws-region': 'us-gov-west-1' }
    })
    expect(run.exitCode).toBe(0)
    expect(run.env.DISABLE_PROMPT_CACHING).toBe('1')
    const check = reportChecks(run).find((c) => c.id === 'prompt-caching')
    expect(check).toMatchObject({ status: 'pass' })
    expect(check?.detail).toContain('no prompt caching in us-gov-west-1')
  })

  it('GovCloud with disable-prompt-caching: false: not exported, and warned', async () => {
    const run = await runScenario(emu, 'govcloud', {
      inputs: {
        'role-to-assume': GOV_ROLE,
        'aws-region': 'us-gov-west-1',
        'disable-prompt-caching': 'false'
      }
    })
    expect(run.env.DISABLE_PROMPT_CACHING).toBeUndefined()
    expect(reportChecks(run).find((c) => c.id === 'prompt-caching')?.status).toBe('warn')
  })

  it('a commercial region: nothing exported, nothing said', async () => {
    const run = await runScenario(emu, 'default')
    expect(run.env.DISABLE_PROMPT_CACHING).toBeUndefined()
    expect(reportChecks(run).some((c) => c.id === 'prompt-caching')).toBe(false)
  })
})
