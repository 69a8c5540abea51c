import { describe, expect, it } from '@jest/globals'
import type { TokenClaims } from '../src/credentials/tokenClaims.js'
import { trustPolicyCondition } from '../src/diagnosis/diagnose.js'

const AUD = 'token.actions.githubusercontent.com:aud'
const SUB = 'token.actions.githubusercontent.com:sub'

describe('trustPolicyCondition: the narrowest condition that matches the token', () => {
  it.each([
    ['branch push', 'repo:octo-org/octo-repo:ref:refs/heads/main', 'octo-org/octo-repo'],
    [
      'environment form, exact case',
      'repo:Octo-Org/Octo-Repo:environment:Prod',
      'Octo-Org/Octo-Repo'
    ],
    ['pull request', 'repo:o/r:pull_request', undefined],
    ['customised sub', 'repository_owner_id:42:repository_id:7:environment:prod', 'o/r']
  ])('%s: the token’s own sub, exactly (never repo:ORG/REPO:*)', (_name, sub, repository) => {
    const claims: TokenClaims = { sub, ...(repository !== undefined ? { repository } : {}) }
    const condition = trustPolicyCondition(claims, 'sts.amazonaws.com')
    expect(condition).toEqual({ StringEquals: { [AUD]: 'sts.amazonaws.com', [SUB]: sub } })
    expect(JSON.stringify(condition)).not.toContain(':*')
  })

  it('no sub at all: the repository pattern, to be narrowed by hand', () => {
    expect(trustPolicyCondition({ repository: 'o/r' }, 'custom-aud')).toEqual({
      StringEquals: { [AUD]: 'custom-aud' },
      StringLike: { [SUB]: ['repo:o/r:*'] }
    })
    expect(trustPolicyCondition({}, 'sts.amazonaws.com')).toEqual({
      StringEquals: { [AUD]: 'sts.amazonaws.com' },
      StringLike: { [SUB]: ['repo:OWNER/REPO:*'] }
    })
  })
})
