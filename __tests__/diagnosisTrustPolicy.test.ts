import { describe, expect, it } from '@jest/globals'
import type { TokenClaims } from '../src/credentials/tokenClaims.js'
import { trustPolicyCondition } from '../src/diagnosis/diagnose.js'

const AUD = 'token.actions.githubusercontent.com:aud'
const SUB = 'token.actions.githubusercontent.com:sub'

describe('trustPolicyCondition', () => {
  const cases: readonly {
    name: string
    claims: TokenClaims
    audience: string
    subs: readonly string[]
  }[] = [
    {
      name: 'branch push: the repository pattern covers the sub',
      claims: {
        sub: 'repo:octo-org/octo-repo:ref:refs/heads/main',
        repository: 'octo-org/octo-repo'
      },
      audience: 'sts.amazonaws.com',
      subs: ['repo:octo-org/octo-repo:*']
    },
    {
      name: 'environment form keeps the exact case of the names',
      claims: { sub: 'repo:Octo-Org/Octo-Repo:environment:Prod', repository: 'Octo-Org/Octo-Repo' },
      audience: 'sts.amazonaws.com',
      subs: ['repo:Octo-Org/Octo-Repo:*']
    },
    {
      name: 'repository taken from sub when the claim is missing',
      claims: { sub: 'repo:o/r:pull_request' },
      audience: 'custom-aud',
      subs: ['repo:o/r:*']
    },
    {
      name: 'a customised sub is added as is so the condition still matches',
      claims: { sub: 'repository_owner_id:42:repository_id:7:environment:prod', repository: 'o/r' },
      audience: 'sts.amazonaws.com',
      subs: ['repo:o/r:*', 'repository_owner_id:42:repository_id:7:environment:prod']
    },
    {
      name: 'no claims at all gives a placeholder to fill in',
      claims: {},
      audience: 'sts.amazonaws.com',
      subs: ['repo:OWNER/REPO:*']
    }
  ]

  it.each(cases)('$name', ({ claims, audience, subs }) => {
    expect(trustPolicyCondition(claims, audience)).toEqual({
      StringEquals: { [AUD]: audience },
      StringLike: { [SUB]: subs }
    })
  })

  it('every pattern it returns matches the token it was built from', () => {
    for (const { claims, audience } of cases.filter((c) => c.claims.sub !== undefined)) {
      const condition = trustPolicyCondition(claims, audience)
      const patterns = condition.StringLike[SUB].map(
        (p) => new RegExp(`^${p.replace(/[.+?^${}()|[\]\\]/g, '\\$&').replace(/\*/g, '.*')}$`)
      )
      expect(patterns.some((p) => p.test(claims.sub ?? ''))).toBe(true)
    }
  })
})
