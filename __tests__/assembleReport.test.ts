// The one report at unit level: which checks decide that anything is handed on, and what is
// exported on each credential path. The end-to-end guard tests run the same rules through the bundle.
import { aliasRef } from '../__fixtures__/catalogueRefs.js'
import { modelConfig } from '../__fixtures__/catalogueConfig.js'
import {
  ACCESS_KEY_ID,
  LONG_TERM_API_KEY,
  SECRET_ACCESS_KEY,
  SESSION_TOKEN
} from '../__fixtures__/secrets.js'
import type { ModelVerification } from '../src/checks/verifyModels.js'
import type { CredentialOutcome } from '../src/credentials/obtainCredentials.js'
import type { Config } from '../src/inputs/config.js'
import type { ResolvedModel } from '../src/models/resolvedModel.js'
import {
  assembleReport,
  credentialsTrusted,
  TRUST_CHECK_IDS,
  type RunResults
} from '../src/report/assembleReport.js'
import { accountsOf } from '../src/report/reportAccounts.js'
import { valuesToRedact } from '../src/report/redactReport.js'
import type { CheckResult, CheckStatus } from '../src/report/types.js'

const check = (id: string, status: CheckStatus): CheckResult => ({
  id,
  title: id,
  status,
  detail: `${id} ${status}`
})

const model = (role: 'main' | 'small', id: string, family: string): ResolvedModel => ({
  role,
  ref: aliasRef(family),
  region: 'us-east-1',
  exportId: `us.${id}`,
  invokeId: `us.${id}`,
  arn: `arn:aws:bedrock:us-east-1:123456789012:inference-profile/us.${id}`,
  type: 'system-inference-profile',
  family,
  foundationModelId: id,
  foundationModelArns: [`arn:aws:bedrock:us-east-1::foundation-model/${id}`],
  destinationRegions: ['us-east-1'],
  lifecycle: { status: 'ACTIVE' }
})
const MAIN = model('main', 'anthropic.claude-sonnet-4-6', 'sonnet')
const SMALL = model('small', 'anthropic.claude-haiku-4-5-20251001-v1:0', 'haiku')
const models: ModelVerification = {
  checks: [check('model-invoke:main', 'pass'), check('model-invoke:small', 'pass')],
  main: MAIN,
  small: SMALL
}

const oidc: CredentialOutcome = {
  source: 'oidc',
  obtained: {
    origin: 'oidc',
    credentials: {
      accessKeyId: ACCESS_KEY_ID,
      secretAccessKey: SECRET_ACCESS_KEY,
      sessionToken: SESSION_TOKEN
    }
  },
  check: check('credentials', 'pass')
}
const apiKeyOnly: CredentialOutcome = { source: 'api-key', check: check('credentials', 'pass') }
const identity = (allowed: CheckStatus | undefined) => ({
  identity: {
    accountId: '123456789012',
    arn: 'arn:aws:sts::123456789012:assumed-role/claude-code/s',
    userId: 'AROAEXAMPLE:s'
  },
  checks: [
    check('identity', 'pass'),
    ...(allowed !== undefined ? [check('allowed-account', allowed)] : [])
  ]
})

/** An API-key run: no role-to-assume. */
function apiKeyConfig(overrides: Partial<Config>): Config {
  const config: { -readonly [K in keyof Config]?: Config[K] } = modelConfig({
    bedrockApiKey: LONG_TERM_API_KEY,
    ...overrides
  })
  delete config.roleToAssume
  return config as Config
}

function report(overrides: Partial<RunResults> & { config?: Config }) {
  return assembleReport({
    config: modelConfig(),
    credentials: oidc,
    identity: identity(undefined),
    models,
    durationMs: 1000,
    ...overrides
  })
}
const names = (r: ReturnType<typeof report>) => r.exported.map((v) => v.name)

describe('credentialsTrusted', () => {
  it.each(TRUST_CHECK_IDS)('is false when %s failed', (id) => {
    expect(credentialsTrusted([check('credentials', 'pass'), check(id, 'fail')])).toBe(false)
    expect(credentialsTrusted([check('credentials', 'pass'), check(id, 'warn')])).toBe(true)
  })
  it('names every guard that decides what is handed on', () => {
    expect([...TRUST_CHECK_IDS].sort()).toEqual(
      ['actor-permission', 'allowed-account', 'api-key-account', 'credentials', 'identity'].sort()
    )
  })
  it('withholds everything when the actor check failed', () => {
    expect(
      credentialsTrusted([check('actor-permission', 'fail'), check('credentials', 'skip')])
    ).toBe(false)
  })
  it('ignores model failures: the exports then only keep Claude Code off Bedrock', () => {
    expect(
      credentialsTrusted([check('credentials', 'pass'), check('model-invoke:main', 'fail')])
    ).toBe(true)
  })
})

describe('assembleReport exports', () => {
  it('hands on the role session, the models and CLAUDE_CODE_USE_BEDROCK when everything passed', () => {
    const r = report({ identity: identity('pass') })
    expect(r.passed).toBe(true)
    expect(names(r)).toEqual(
      expect.arrayContaining([
        'AWS_ACCESS_KEY_ID',
        'AWS_SECRET_ACCESS_KEY',
        'AWS_SESSION_TOKEN',
        'CLAUDE_CODE_USE_BEDROCK',
        'ANTHROPIC_MODEL'
      ])
    )
  })

  it('withholds everything when the account is not allowed', () => {
    const r = report({ identity: identity('fail') })
    expect(r.passed).toBe(false)
    expect(r.exported).toEqual([])
  })

  it("withholds everything, the key included, when the API key's account is not allowed", () => {
    const r = report({
      config: apiKeyConfig({
        bedrockApiKey: LONG_TERM_API_KEY,
        allowedAccountIds: ['999999999999']
      }),
      credentials: apiKeyOnly,
      identity: undefined,
      apiKeyAccount: { accountId: '123456789012', check: check('api-key-account', 'fail') },
      models: undefined
    })
    expect(r.passed).toBe(false)
    expect(r.exported).toEqual([])
    expect(r.checks.map((c) => c.id)).toContain('api-key-account')
  })

  it('withholds everything when the identity could not be proven', () => {
    const r = report({
      identity: { checks: [check('identity', 'fail')] },
      models: undefined
    })
    expect(r.exported).toEqual([])
    expect(r.checks.find((c) => c.id === 'models')?.status).toBe('skip')
  })

  it('with export-credentials false and nothing else, fails and keeps Claude Code off Bedrock', () => {
    const r = report({ config: modelConfig({ exportCredentials: false }) })
    expect(r.passed).toBe(false)
    const later = r.checks.find((c) => c.id === 'later-steps-credentials')
    expect(later?.status).toBe('fail')
    expect(names(r)).not.toContain('CLAUDE_CODE_USE_BEDROCK')
    expect(names(r)).not.toContain('AWS_ACCESS_KEY_ID')
  })

  it.each([
    ['the API key', { bedrockApiKey: LONG_TERM_API_KEY }],
    ['the step outputs', { outputCredentials: true }]
  ])('with export-credentials false and %s for later steps, passes', (_what, overrides) => {
    const r = report({
      config: modelConfig({ exportCredentials: false, ...overrides } as Partial<Config>)
    })
    expect(r.checks.find((c) => c.id === 'later-steps-credentials')?.status).toBe('pass')
    expect(r.passed).toBe(true)
    expect(names(r)).toContain('CLAUDE_CODE_USE_BEDROCK')
  })

  it('an API key alone is exported and its identity row says why it is not checked', () => {
    const r = report({
      config: apiKeyConfig({ bedrockApiKey: LONG_TERM_API_KEY }),
      credentials: apiKeyOnly,
      identity: undefined
    })
    expect(r.exported.find((v) => v.name === 'AWS_BEARER_TOKEN_BEDROCK')).toEqual({
      name: 'AWS_BEARER_TOKEN_BEDROCK',
      value: LONG_TERM_API_KEY,
      secret: true
    })
    expect(r.checks.find((c) => c.id === 'identity')?.status).toBe('skip')
  })
})

describe('assembleReport: nothing passes that an untrusted run never set up', () => {
  const isolation: CheckResult = {
    id: 'agent-isolation',
    title: 'Agent subprocess isolation',
    status: 'pass',
    detail: 'its Bash tool, hooks and MCP servers get no AWS secret key'
  }
  const failedCredentials: CredentialOutcome = {
    source: 'oidc',
    check: { ...check('credentials', 'fail'), title: 'Credentials' }
  }
  // GovCloud: the prompt-caching check passes ("DISABLE_PROMPT_CACHING=1 is exported").
  const govcloud = modelConfig({ region: 'us-gov-west-1', disablePromptCaching: true })
  const cases: Array<[string, Partial<RunResults>, string]> = [
    ['the credentials', { credentials: failedCredentials, identity: undefined }, 'Credentials'],
    [
      'the allowed accounts',
      {
        identity: {
          ...identity(undefined),
          checks: [
            check('identity', 'pass'),
            { ...check('allowed-account', 'fail'), title: 'Allowed account' }
          ]
        }
      },
      'Allowed account'
    ],
    [
      'the actor',
      {
        actor: { ...check('actor-permission', 'fail'), title: 'Actor permission' },
        credentials: { source: 'oidc', check: check('credentials', 'skip') },
        identity: undefined
      },
      'Actor permission'
    ]
  ]

  it.each(cases)(
    '%s failed: every other pass becomes a skip naming it',
    (_what, results, failed) => {
      const r = report({
        config: govcloud,
        models: undefined,
        isolation,
        refresh: { check: check('credential-refresh', 'pass'), variables: [] },
        ...results
      })
      expect(r.passed).toBe(false)
      expect(r.exported).toEqual([])
      const beyondTrust = r.checks.filter((c) => !TRUST_CHECK_IDS.includes(c.id))
      expect(beyondTrust.map((c) => c.id)).toEqual(
        expect.arrayContaining(['agent-isolation', 'prompt-caching', 'credential-refresh'])
      )
      for (const c of beyondTrust) {
        expect(c.status).toBe('skip')
        if (c.id !== 'models') {
          expect(c.detail).toBe(
            `Not checked: the ${failed} check failed, so nothing was exported for later steps.`
          )
        }
      }
    }
  )

  it('a failure found on the runner stays a failure: it needs fixing too', () => {
    const broken: CheckResult = {
      ...isolation,
      status: 'fail',
      cause: 'no bwrap',
      fix: 'install it'
    }
    const r = report({
      credentials: failedCredentials,
      identity: undefined,
      models: undefined,
      isolation: broken
    })
    expect(r.checks.find((c) => c.id === 'agent-isolation')).toEqual(broken)
  })

  it('a trusted run keeps its passes', () => {
    const r = report({ isolation })
    expect(r.checks.find((c) => c.id === 'agent-isolation')?.status).toBe('pass')
  })
})

describe('assembleReport: model rows', () => {
  it.each([
    ['permission', 'this role may not call it (IAM or SCP)'],
    ['organization', 'a policy of the AWS Organization (SCP or RCP) denies it'],
    ['availability', 'it is not offered where this step calls it (region, geography or lifecycle)'],
    ['account', 'this AWS account has no access to it yet']
  ] as const)(
    'an unusable pinned family names its cause class (%s), never just "this role"',
    (refusal, says) => {
      const r = report({
        models: { ...models, families: [{ family: 'opus', usable: false, refusal }] }
      })
      expect(r.models.find((row) => row.role === 'opus')?.note).toBe(
        `opus is not usable: ${says}; points at the main model`
      )
    }
  )
})

describe('accounts and redaction', () => {
  it("masks the key's account from the model ARNs when mask-aws-account-id is on", () => {
    const r = report({
      config: apiKeyConfig({ bedrockApiKey: LONG_TERM_API_KEY, maskAwsAccountId: true }),
      credentials: apiKeyOnly,
      identity: undefined
    })
    expect(accountsOf(r)).toEqual(['123456789012'])
    expect(valuesToRedact(r)).toContain('123456789012')
    expect(valuesToRedact(r)).toContain(LONG_TERM_API_KEY)
  })
  it('redacts every exported secret, the 40-character secret key included', () => {
    const values = valuesToRedact(report({}))
    expect(values).toEqual(
      expect.arrayContaining([ACCESS_KEY_ID, SECRET_ACCESS_KEY, SESSION_TOKEN])
    )
    expect(values).not.toContain('123456789012')
  })
})
