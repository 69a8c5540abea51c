import { diagnoseAwsError } from '../src/diagnosis/diagnose.js'
import { nameThrottledQuotas } from '../src/diagnosis/serviceErrors.js'
import type { QuotaIncrease } from '../src/capacity/quotaIncrease.js'
import type { DiagnosisContext } from '../src/diagnosis/types.js'

const throttle = (message: string) =>
  Object.assign(new Error(message), {
    name: 'ThrottlingException',
    $metadata: { httpStatusCode: 429, requestId: 'r-1' }
  })

const ctx: DiagnosisContext = {
  partition: 'aws',
  operation: 'InvokeModel',
  region: 'eu-west-1',
  modelId: 'eu.anthropic.claude-sonnet-4-6',
  profileArn:
    'arn:aws:bedrock:eu-west-1:123456789012:inference-profile/eu.anthropic.claude-sonnet-4-6'
}

const tokens: QuotaIncrease = {
  name: 'Cross-Region InvokeModel tokens per minute for Anthropic Claude Sonnet 4.6',
  code: 'L-FD8E85FF',
  unit: 'tokens',
  value: 200_000,
  region: 'eu-west-1',
  desired: 400_000
}

describe('a throttled call names the quota the run found for the model (F4)', () => {
  it('replaces the generic quota names with the quota, its code, its value and a pasteable request', () => {
    const { fix } = diagnoseAwsError(
      throttle('Too many tokens, please wait before trying again.'),
      ctx
    )
    expect(fix).toContain('"Cross-Region InvokeModel tokens per minute for …"')
    const named = nameThrottledQuotas(fix, [tokens])
    expect(named).toBe(
      [
        'Retried with backoff. If it keeps happening, run fewer jobs at once, or request an increase of "Cross-Region InvokeModel tokens per minute for Anthropic Claude Sonnet 4.6" (L-FD8E85FF, now 200,000 tokens per minute) in Service Quotas → Amazon Bedrock (eu-west-1); AWS then offers to raise the model\'s other quotas with it:',
        '```sh',
        'aws service-quotas request-service-quota-increase --service-code bedrock --region eu-west-1 --quota-code L-FD8E85FF --desired-value 400000',
        '```'
      ].join('\n')
    )
  })

  it('keeps what follows the generic fix (a pinned family adds its own paragraph)', () => {
    const { fix } = diagnoseAwsError(throttle('Too many tokens'), ctx)
    const named = nameThrottledQuotas(`${fix}\n\nOnly needed if subagents …`, [tokens])
    expect(named).toMatch(/--desired-value 400000\n```\n\nOnly needed if subagents …$/)
  })

  it('a short requests-per-minute quota is named beside the tokens one', () => {
    const { fix } = diagnoseAwsError(throttle('Too many requests'), ctx)
    const rpm: QuotaIncrease = {
      ...tokens,
      name: tokens.name.replace('tokens', 'requests'),
      code: 'L-R',
      unit: 'requests',
      value: 1,
      desired: 6
    }
    const named = nameThrottledQuotas(fix, [tokens, rpm])
    expect(named).toContain(
      '(L-FD8E85FF, now 200,000 tokens per minute), and "Cross-Region InvokeModel requests per minute for Anthropic Claude Sonnet 4.6" (L-R, now 1 request per minute)'
    )
    expect(named).toContain('--quota-code L-R --desired-value 6')
  })

  it('leaves every other fix alone: nothing found, or the daily quota', () => {
    const { fix } = diagnoseAwsError(throttle('Too many tokens'), ctx)
    expect(nameThrottledQuotas(fix, [])).toBe(fix)
    const daily = diagnoseAwsError(
      throttle('Too many tokens per day, please wait before trying again.'),
      ctx
    ).fix
    expect(nameThrottledQuotas(daily, [tokens])).toBe(daily)
  })
})
