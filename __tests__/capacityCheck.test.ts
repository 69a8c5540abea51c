import { capacityCheck, capacityModel, worthFinishing } from '../src/capacity/capacityCheck.js'
import { findQuota, quotaSubject, type MinuteQuota } from '../src/capacity/quotaNames.js'
import type { QuotaFinding } from '../src/capacity/regionQuotas.js'
import type { ResolvedModel } from '../src/models/resolvedModel.js'

const model = (
  invokeId: string,
  foundationModelId: string,
  type: ResolvedModel['type'] = 'system-inference-profile'
): ResolvedModel =>
  ({
    role: 'main',
    region: 'us-east-1',
    invokeId,
    exportId: invokeId,
    foundationModelId,
    type,
    destinationRegions: ['us-east-1', 'us-east-2', 'us-west-2']
  }) as unknown as ResolvedModel

const quota = (name: string, value: number, code = 'L-1'): MinuteQuota => ({
  name,
  code,
  value,
  unit: /requests/.test(name) ? 'requests' : 'tokens'
})

const found = (tokens: MinuteQuota): QuotaFinding => ({ kind: 'found', tokens, via: 'listing' })
const MAIN = { stage: 'main', postStep: true } as const

describe('finding a model’s quota by name', () => {
  const sonnet35v2 = model(
    'us.anthropic.claude-3-5-sonnet-20241022-v2:0',
    'anthropic.claude-3-5-sonnet-20241022-v2:0'
  )
  const quotas = [
    quota('Cross-Region InvokeModel tokens per minute for Anthropic Claude 3.5 Sonnet', 1, 'L-A'),
    quota(
      'Cross-Region InvokeModel tokens per minute for Anthropic Claude 3.5 Sonnet V2',
      2,
      'L-B'
    ),
    quota(
      'Cross-region model inference tokens per minute for Anthropic Claude 3.5 Sonnet V2 1M Context Length',
      3,
      'L-C'
    ),
    quota('On-demand InvokeModel tokens per minute for Anthropic Claude 3.5 Sonnet V2', 4, 'L-D'),
    quota(
      'Global cross-Region InvokeModel tokens per minute for Anthropic Claude 3.5 Sonnet V2',
      5,
      'L-E'
    )
  ]

  it('prefers the exact version, of the kind the model is called through', () => {
    expect(findQuota(quotas, quotaSubject(sonnet35v2), 'tokens')?.code).toBe('L-B')
    const global = model(
      'global.anthropic.claude-3-5-sonnet-20241022-v2:0',
      'anthropic.claude-3-5-sonnet-20241022-v2:0'
    )
    expect(findQuota(quotas, quotaSubject(global), 'tokens')?.code).toBe('L-E')
    const onDemand = {
      ...sonnet35v2,
      type: 'foundation-model',
      destinationRegions: ['us-east-1']
    } as ResolvedModel
    expect(findQuota(quotas, quotaSubject(onDemand), 'tokens')?.code).toBe('L-D')
  })
})

describe('the headroom rule', () => {
  const sonnet = model('us.anthropic.claude-sonnet-4-6', 'anthropic.claude-sonnet-4-6')
  const name = 'Cross-Region InvokeModel tokens per minute for Anthropic Claude Sonnet 4.6'

  it.each([
    [96_000, undefined, 'pass'],
    [95_999, undefined, 'warn'],
    [24_000, 8_000, 'pass'],
    [23_999, 8_000, 'warn'],
    [12_288, 100, 'pass'],
    [12_287, 100, 'warn']
  ])('%i tokens per minute with max-output-tokens %s: %s', (value, max, status) => {
    const check = capacityCheck(capacityModel(sonnet), found(quota(name, value)), {
      ...MAIN,
      maxOutputTokens: max
    })
    expect(check.status).toBe(status)
  })

  it('says when lowering max-output-tokens cannot help', () => {
    const check = capacityCheck(capacityModel(sonnet), found(quota(name, 8_000, 'L-9')), {
      ...MAIN,
      maxOutputTokens: 32_000
    })
    expect(check.status).toBe('warn')
    expect(check.fix).toMatch(
      /^Lowering `max-output-tokens` cannot help .* raise the quota "Cross-Region InvokeModel tokens per minute for Anthropic Claude Sonnet 4\.6" \(L-9\)/
    )
  })

  it('skips, saying why, while the listing has not reached the model', () => {
    const model = capacityModel(sonnet)
    const options = { ...MAIN, maxOutputTokens: undefined }
    const unfinished: QuotaFinding = {
      kind: 'unfinished',
      operation: 'ListServiceQuotas',
      pages: 2,
      cache: 'none'
    }
    expect(capacityCheck(model, unfinished, options).detail).toMatch(
      /^Not checked yet: Service Quotas had listed 2 page\(s\) of Bedrock quotas, without this model's, when the other checks finished \(set-up waits at most one more round trip\)\. The post step finishes it after the agent \(/
    )
    expect(capacityCheck(model, unfinished, { ...options, postStep: false }).detail).toMatch(
      /With `usage-report: false` no post step finishes it\.$/
    )
    expect(capacityCheck(model, { ...unfinished, cache: 'stale' }, options).detail).toMatch(
      /^Not checked yet: the cached quota code no longer names this model, so Service Quotas had listed 2 page/
    )
    expect(capacityCheck(model, { kind: 'unnamed' }, options).detail).toBe(
      'Not checked: no cross-region tokens-per-minute quota in Service Quotas names anthropic.claude-sonnet-4-6.'
    )
  })

  it('names the refused permission, and leaves only what time or a busy service stopped to the post step', () => {
    const model = capacityModel(sonnet)
    const options = { ...MAIN, maxOutputTokens: undefined }
    const denied: QuotaFinding = {
      kind: 'refused',
      operation: 'GetServiceQuota',
      error: Object.assign(new Error('not authorized'), {
        name: 'AccessDeniedException',
        $metadata: { httpStatusCode: 400 }
      })
    }
    const throttled: QuotaFinding = {
      kind: 'refused',
      operation: 'GetServiceQuota',
      error: Object.assign(new Error('Rate exceeded'), { name: 'TooManyRequestsException' })
    }
    expect(capacityCheck(model, denied, options).detail).toMatch(
      /may not call `servicequotas:GetServiceQuota`/
    )
    expect(capacityCheck(model, throttled, options).detail).toMatch(
      /^Not checked: Service Quotas throttled GetServiceQuota \(TooManyRequestsException\)\. .* one attempt per call .* The post step asks again after the agent has run\.$/
    )
    expect(worthFinishing(denied)).toBe(false)
    expect(worthFinishing(throttled)).toBe(true)
    expect(worthFinishing({ kind: 'unnamed' })).toBe(false)
    expect(worthFinishing(found(quota('x tokens per minute for y', 1)))).toBe(false)
  })
})

describe('the requests-per-minute quota gets the same headroom rule (F17)', () => {
  const sonnet = capacityModel(
    model('us.anthropic.claude-sonnet-4-6', 'anthropic.claude-sonnet-4-6')
  )
  const tokens = quota(
    'Cross-Region InvokeModel tokens per minute for Anthropic Claude Sonnet 4.6',
    2_000_000,
    'L-T'
  )
  const withRpm = (value: number): QuotaFinding => ({
    kind: 'found',
    tokens,
    requests: quota(
      'Cross-Region InvokeModel requests per minute for Anthropic Claude Sonnet 4.6',
      value,
      'L-R'
    ),
    via: 'listing'
  })
  const check = (value: number) =>
    capacityCheck(sonnet, withRpm(value), { ...MAIN, maxOutputTokens: undefined })

  it.each([
    [1, '1 request per minute'],
    [2, '2 requests per minute']
  ])('%i per minute warns, naming the RPM quota and its code', (value, says) => {
    const result = check(value)
    expect(result.status).toBe('warn')
    expect(result.detail).toContain(
      `"Cross-Region InvokeModel requests per minute for Anthropic Claude Sonnet 4.6" (L-R): ${says}.`
    )
    expect(result.cause).toContain(`admits ${says}, fewer than the 3 requests`)
    expect(result.fix).toContain('--region us-east-1 --quota-code L-R --desired-value 6')
    expect(result.fix).not.toContain('L-T')
  })

  it('3 requests per minute is enough for the first turn: pass', () => {
    expect(check(3).status).toBe('pass')
  })

  it('both short: one warning with both quotas and both requests', () => {
    const low = capacityCheck(
      sonnet,
      { ...withRpm(1), tokens: { ...tokens, value: 50_000 } } as QuotaFinding,
      { ...MAIN, maxOutputTokens: 32_000 }
    )
    expect(low.status).toBe('warn')
    expect(low.cause).toMatch(/only 1 request fits .* admits 1 request per minute/)
    expect(low.fix?.split('\n')).toEqual([
      expect.stringContaining('--quota-code L-T --desired-value 192000'),
      expect.stringContaining('--quota-code L-R --desired-value 6')
    ])
  })
})
