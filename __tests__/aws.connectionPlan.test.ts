import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import path from 'node:path'
import { connectionPlan } from '../src/aws/connectionPlan.js'
import { quotaCacheRoot } from '../src/capacity/quotaCachePath.js'
import type { Config } from '../src/inputs/config.js'
import { modelConfig } from '../__fixtures__/catalogueConfig.js'

const plan = (...args: Parameters<typeof connectionPlan>): Record<string, number> =>
  Object.fromEntries(connectionPlan(...args).map(({ url, count }) => [url.origin, count]))

describe('connectionPlan', () => {
  it('opens what one OIDC run uses: STS twice, the listings twice, two runtime per model, one for the quota listing', () => {
    expect(plan(modelConfig(), {})).toEqual({
      'https://sts.us-east-1.amazonaws.com': 2,
      'https://bedrock.us-east-1.amazonaws.com': 2,
      'https://bedrock-runtime.us-east-1.amazonaws.com': 4,
      'https://servicequotas.us-east-1.amazonaws.com': 1
    })
  })

  it('opens one Service Quotas connection per quota code asked at once when the codes are cached', () => {
    const toolCache = mkdtempSync(path.join(tmpdir(), 'scb-plan-'))
    try {
      const root = quotaCacheRoot({ RUNNER_TOOL_CACHE: toolCache }, 'runner') ?? ''
      mkdirSync(root, { recursive: true })
      writeFileSync(path.join(root, 'us-east-1.json'), '{}')
      // Tokens and requests of main, small and the pinned opus.
      expect(
        plan(modelConfig({ pinFamilies: true }), { RUNNER_TOOL_CACHE: toolCache })
      ).toMatchObject({ 'https://servicequotas.us-east-1.amazonaws.com': 6 })
      expect(
        plan(modelConfig({ verify: 'none' }), { RUNNER_TOOL_CACHE: toolCache })
      ).not.toHaveProperty(['https://servicequotas.us-east-1.amazonaws.com'])
    } finally {
      rmSync(toolCache, { recursive: true, force: true })
    }
  })

  it('counts the pinned families it probes too (sonnet + haiku leave opus)', () => {
    expect(plan(modelConfig({ pinFamilies: true }), {})).toMatchObject({
      'https://bedrock-runtime.us-east-1.amazonaws.com': 6
    })
  })

  it('splits by region when the small model runs elsewhere', () => {
    expect(plan(modelConfig({ smallFastModelRegion: 'eu-west-1' }), {})).toEqual({
      'https://sts.us-east-1.amazonaws.com': 2,
      'https://bedrock.us-east-1.amazonaws.com': 2,
      'https://bedrock-runtime.us-east-1.amazonaws.com': 2,
      'https://servicequotas.us-east-1.amazonaws.com': 1,
      'https://bedrock.eu-west-1.amazonaws.com': 2,
      'https://bedrock-runtime.eu-west-1.amazonaws.com': 2,
      'https://servicequotas.eu-west-1.amazonaws.com': 1
    })
  })

  it('leaves the runtime out unless verify is invoke', () => {
    expect(Object.keys(plan(modelConfig({ verify: 'access' }), {}))).toEqual([
      'https://sts.us-east-1.amazonaws.com',
      'https://bedrock.us-east-1.amazonaws.com',
      'https://servicequotas.us-east-1.amazonaws.com'
    ])
  })

  it('uses the partition and the configured endpoints, merging a shared host', () => {
    expect(plan(modelConfig({ region: 'cn-north-1', partition: 'aws-cn' }), {})).toHaveProperty(
      ['https://bedrock.cn-north-1.amazonaws.com.cn'],
      2
    )
    expect(plan(modelConfig(), { AWS_ENDPOINT_URL: 'http://127.0.0.1:4566' })).toEqual({
      'http://127.0.0.1:4566': 9
    })
  })

  it.each<[string, NodeJS.ProcessEnv]>([
    ['FIPS endpoints are asked for', { AWS_USE_FIPS_ENDPOINT: 'true' }],
    ['dual-stack endpoints are asked for', { AWS_USE_DUALSTACK_ENDPOINT: 'TRUE' }]
  ])('opens nothing when %s (the SDK picks other hosts)', (_case, env) => {
    expect(connectionPlan(modelConfig(), env)).toEqual([])
  })

  it('opens nothing without role-to-assume (no token round trip to fill)', () => {
    const withoutRole = Object.fromEntries(
      Object.entries(modelConfig()).filter(([name]) => name !== 'roleToAssume')
    ) as unknown as Config
    expect(connectionPlan(withoutRole, {})).toEqual([])
  })

  it('leaves out endpoints reached through a proxy, keeps the ones NO_PROXY exempts', () => {
    expect(
      plan(modelConfig(), {
        HTTPS_PROXY: 'http://proxy.corp:3128',
        NO_PROXY: 'bedrock-runtime.us-east-1.amazonaws.com'
      })
    ).toEqual({ 'https://bedrock-runtime.us-east-1.amazonaws.com': 4 })
  })
})

describe('connectionPlan with pinned families and verify: access', () => {
  it('opens one control-plane connection per availability call when there are more than two', () => {
    expect(plan(modelConfig({ pinFamilies: true, verify: 'access' }), {})).toEqual({
      'https://sts.us-east-1.amazonaws.com': 2,
      'https://bedrock.us-east-1.amazonaws.com': 3,
      'https://servicequotas.us-east-1.amazonaws.com': 1
    })
  })
})
