import { capacityCheck, findQuota } from '../src/capacity/capacityCheck.js'
import type { MinuteQuota, QuotaSnapshot } from '../src/capacity/quotaListing.js'
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

const snapshot = (quotas: MinuteQuota[], complete = true): QuotaSnapshot => ({
  quotas,
  complete,
  pages: 1
})

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
    expect(findQuota(quotas, sonnet35v2, 'tokens')?.code).toBe('L-B')
    const global = model(
      'global.anthropic.claude-3-5-sonnet-20241022-v2:0',
      'anthropic.claude-3-5-sonnet-20241022-v2:0'
    )
    expect(findQuota(quotas, global, 'tokens')?.code).toBe('L-E')
    const onDemand = {
      ...sonnet35v2,
      type: 'foundation-model',
      destinationRegions: ['us-east-1']
    } as ResolvedModel
    expect(findQuota(quotas, onDemand, 'tokens')?.code).toBe('L-D')
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
    expect(capacityCheck(sonnet, snapshot([quota(name, value)]), max).status).toBe(status)
  })

  it('says when lowering max-output-tokens cannot help', () => {
    const check = capacityCheck(sonnet, snapshot([quota(name, 8_000, 'L-9')]), 32_000)
    expect(check.status).toBe('warn')
    expect(check.fix).toMatch(
      /^Lowering `max-output-tokens` cannot help .* raise the quota "Cross-Region InvokeModel tokens per minute for Anthropic Claude Sonnet 4\.6" \(L-9\)/
    )
  })

  it('skips, saying why, while the listing has not reached the model', () => {
    expect(capacityCheck(sonnet, snapshot([], false), undefined).detail).toMatch(
      /had listed 1 page\(s\)/
    )
    expect(capacityCheck(sonnet, snapshot([]), undefined).detail).toBe(
      'Not checked: no cross-region tokens-per-minute quota in Service Quotas names anthropic.claude-sonnet-4-6.'
    )
  })
})
