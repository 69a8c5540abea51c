import { modelResolvedCheck } from '../src/checks/modelResolves.ts'
import type { ResolvedModel } from '../src/models/resolvedModel.ts'

const ID = 'anthropic.claude-3-5-sonnet-20240620-v1:0'

function legacy(endOfLifeTime: Date | undefined): ResolvedModel {
  return {
    role: 'main',
    ref: { kind: 'base-id', raw: ID, oneMillionContext: false },
    type: 'foundation-model',
    exportId: ID,
    invokeId: ID,
    region: 'us-east-1',
    family: 'sonnet',
    foundationModelId: ID,
    foundationModelArns: [`arn:aws:bedrock:us-east-1::foundation-model/${ID}`],
    destinationRegions: ['us-east-1'],
    lifecycle: {
      status: 'LEGACY',
      legacyTime: new Date('2025-08-25T00:00:00Z'),
      ...(endOfLifeTime !== undefined ? { endOfLifeTime } : {})
    }
  } as unknown as ResolvedModel
}

const now = new Date('2026-12-01T00:00:00Z')

describe('modelResolvedCheck: one lifecycle story with today and with the calls', () => {
  it('a future end of life reads "reaches"', () => {
    const check = modelResolvedCheck(legacy(new Date('2027-01-30T00:00:00Z')), undefined, { now })
    expect(check.cause).toContain('reaches end of life on 2027-01-30')
    expect(check.fix).toContain('before the end-of-life date')
  })

  it('a past end of life reads "reached", and the fix says now', () => {
    const check = modelResolvedCheck(legacy(new Date('2026-03-01T00:00:00Z')), undefined, { now })
    expect(check.cause).toContain('reached end of life on 2026-03-01')
    expect(check.cause).not.toContain('reaches')
    expect(check.fix).toContain('move to another family or region now')
  })

  it('a future listed date beside calls that answer "end of life": the calls win, both are named', () => {
    const check = modelResolvedCheck(legacy(new Date('2027-01-30T00:00:00Z')), undefined, {
      now,
      endedOnCall: true
    })
    expect(check.cause).toBe(
      `\`${ID}\` is LEGACY since 2025-08-25; Bedrock's listing gives end of life on 2027-01-30, but its calls already answer that it has reached its end of life`
    )
    expect(check.cause).not.toContain('reaches end of life')
    expect(check.fix).toContain('now')
  })
})
