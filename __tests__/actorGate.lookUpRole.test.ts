// The REST lookup's retry and diagnosis rules, with a fake Octokit: which failures are retried,
// how long a rate limit is waited out, and what each final failure says. The e2e suite
// (actorGate.e2e.test.ts) runs the real @actions/github client against the emulator.
import { lookUpRole, type LookupSettings } from '../src/actorGate/lookUpRole.js'
import { effectiveRole } from '../src/actorGate/repositoryRole.js'

type Answer = { data: unknown } | { error: Record<string, unknown> }

function fakeOctokit(answers: Answer[]) {
  const calls: Array<Record<string, unknown>> = []
  const getOctokit = (() => ({
    rest: {
      repos: {
        getCollaboratorPermissionLevel: async (params: Record<string, unknown>) => {
          calls.push(params)
          const answer = answers.shift() ?? { error: { status: 599, message: 'no more answers' } }
          if ('error' in answer)
            throw Object.assign(new Error(String(answer.error.message)), answer.error)
          return answer
        }
      }
    }
  })) as unknown as NonNullable<LookupSettings['getOctokit']>
  return { getOctokit, calls }
}

function settings(answers: Answer[], now = { t: 1_000_000 }) {
  const fake = fakeOctokit(answers)
  const slept: number[] = []
  const lookup: LookupSettings = {
    token: 'ghs_test',
    apiUrl: 'https://api.github.com',
    repository: 'octo-org/octo-repo',
    timeouts: { connectMs: 1000, responseMs: 1000 },
    budget: {
      maxAttempts: 4,
      baseDelayMs: 200,
      maxDelayMs: 5000,
      perCallMs: 45_000,
      runDeadline: now.t + 120_000
    },
    sleep: async (ms) => {
      slept.push(ms)
      now.t += ms
    },
    random: () => 0.5,
    now: () => now.t,
    getOctokit: fake.getOctokit
  }
  return { lookup, calls: fake.calls, slept }
}

const rateLimited = (resetInSeconds: number, nowMs: number) => ({
  error: {
    status: 403,
    message: 'API rate limit exceeded for installation ID 1. - https://docs.github.com/rest',
    response: {
      headers: {
        'x-ratelimit-remaining': '0',
        'x-ratelimit-reset': String(Math.floor(nowMs / 1000) + resetInSeconds)
      }
    }
  }
})

describe('lookUpRole', () => {
  it('asks for the login on owner/repo and reads role_name', async () => {
    const { lookup, calls } = settings([{ data: { permission: 'write', role_name: 'maintain' } }])
    await expect(lookUpRole('mona', lookup)).resolves.toEqual({
      ok: true,
      login: 'mona',
      role: 'maintain'
    })
    expect(calls[0]).toMatchObject({ owner: 'octo-org', repo: 'octo-repo', username: 'mona' })
  })

  it.each([
    ['a bad token', { status: 401, message: 'Bad credentials' }, 'HTTP 401 Bad credentials'],
    [
      'no access',
      { status: 403, message: 'Resource not accessible by integration' },
      'lacks access'
    ],
    ['an unknown login', { status: 404, message: 'Not Found' }, 'HTTP 404']
  ])('%s fails at once, without retrying', async (_what, error, expected) => {
    const { lookup, calls } = settings([{ error }])
    const result = await lookUpRole('someone', lookup)
    expect(result.ok).toBe(false)
    if (!result.ok) {
      expect(result.cause).toContain(expected)
      expect(result.cause).not.toContain('ghs_test')
    }
    expect(calls).toHaveLength(1)
  })

  it('retries 5xx and network failures with backoff, then answers', async () => {
    const { lookup, calls, slept } = settings([
      { error: { status: 502, message: 'Bad Gateway' } },
      { error: { name: 'TimeoutError', message: 'timed out' } },
      { data: { permission: 'admin', role_name: 'admin' } }
    ])
    await expect(lookUpRole('octocat', lookup)).resolves.toMatchObject({ ok: true, role: 'admin' })
    expect(calls).toHaveLength(3)
    expect(slept).toHaveLength(2)
  })

  it('gives up after the budget\u2019s attempts and says how often it tried', async () => {
    const { lookup, calls } = settings(
      Array.from({ length: 6 }, () => ({ error: { status: 503, message: 'Unavailable' } }))
    )
    const result = await lookUpRole('octocat', lookup)
    expect(calls).toHaveLength(4)
    expect(result.ok ? '' : result.cause).toContain('HTTP 503 (4 attempts)')
  })

  it('waits out a rate limit that resets within the budget', async () => {
    const now = { t: 1_000_000 }
    const { lookup, slept } = settings(
      [rateLimited(2, now.t), { data: { permission: 'write', role_name: 'write' } }],
      now
    )
    await expect(lookUpRole('hubot', lookup)).resolves.toMatchObject({ ok: true })
    expect(slept[0]).toBeGreaterThanOrEqual(1000)
    expect(slept[0]).toBeLessThanOrEqual(2000)
  })

  it('does not sleep towards a reset beyond the budget: says when it resets', async () => {
    const now = { t: 1_000_000 }
    const { lookup, calls, slept } = settings([rateLimited(3600, now.t)], now)
    const result = await lookUpRole('hubot', lookup)
    expect(calls).toHaveLength(1)
    expect(slept).toEqual([])
    expect(result.ok ? '' : result.cause).toContain('used up until')
    expect(result.ok ? '' : result.cause).not.toContain('https://docs.github.com')
  })
})

describe('effectiveRole', () => {
  it.each([
    [{ permission: 'write', role_name: 'maintain' }, { role: 'maintain' }],
    [{ permission: 'read', role_name: 'triage' }, { role: 'triage' }],
    [{ permission: 'none', role_name: '' }, { role: 'none' }],
    [
      { permission: 'read', role_name: 'security-auditor' },
      { role: 'read', customRole: 'security-auditor' }
    ],
    [
      { permission: 'admin', role_name: 'Org-Owner-Like' },
      { role: 'admin', customRole: 'Org-Owner-Like' }
    ],
    [{ permission: 'superuser' }, { role: 'none' }],
    [{}, { role: 'none' }]
  ])('%j → %j', (answer, expected) => {
    expect(effectiveRole(answer)).toEqual(expected)
  })
})

describe('checkActor', () => {
  it('fails closed, never rejects, when the GitHub client itself throws', async () => {
    const { checkActor } = await import('../src/actorGate/checkActor.js')
    const check = await checkActor({
      requiredRole: 'write',
      allowedBots: [],
      githubToken: 'ghs_test',
      trigger: {
        repository: 'octo-org/octo-repo',
        eventName: 'issue_comment',
        actors: ['octocat'],
        apiUrl: 'https://api.github.com'
      },
      lookup: {
        ...settings([]).lookup,
        getOctokit: (() => {
          throw new SyntaxError('Unexpected token in JSON (GITHUB_EVENT_PATH)')
        }) as unknown as NonNullable<LookupSettings['getOctokit']>
      }
    })
    expect(check).toMatchObject({ id: 'actor-permission', status: 'fail' })
    expect(check.cause).toContain('Unexpected token in JSON')
    expect(check.cause).toContain('Nothing was sent to AWS')
  })
})
