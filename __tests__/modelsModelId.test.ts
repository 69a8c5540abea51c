import { describe, expect, it } from '@jest/globals'
import { newestFirst, parseModelId, splitProfileId } from '../src/models/modelId.js'
import { parseBedrockArn } from '../src/models/bedrockArn.js'

describe('parseModelId', () => {
  it.each([
    ['anthropic.claude-3-7-sonnet-20250219-v1:0', 'sonnet', [3, 7], 20250219, [1, 0]],
    ['anthropic.claude-sonnet-4-5-20250929-v1:0', 'sonnet', [4, 5], 20250929, [1, 0]],
    ['anthropic.claude-opus-4-6-v1', 'opus', [4, 6], 0, [1]],
    ['anthropic.claude-sonnet-4-6', 'sonnet', [4, 6], 0, []],
    ['anthropic.claude-opus-5', 'opus', [5], 0, []],
    ['anthropic.claude-3-haiku-20240307-v1:0', 'haiku', [3], 20240307, [1, 0]],
    ['anthropic.claude-3-5-sonnet-20241022-v2:0', 'sonnet', [3, 5], 20241022, [2, 0]],
    ['anthropic.claude-3-sonnet-20240229-v1:0:28k', 'sonnet', [3], 20240229, [1, 0]],
    ['anthropic.claude-instant-v1', 'instant', [], 0, [1]],
    ['anthropic.claude-v2:1', undefined, [], 0, [2, 1]],
    ['anthropic.claude-mythos-1', 'mythos', [1], 0, []]
  ])('%s', (id, family, version, date, revision) => {
    expect(parseModelId(id)).toEqual({ family, version, date, revision })
  })
})

describe('newestFirst', () => {
  it.each([
    // [newer, older]
    ['anthropic.claude-sonnet-4-20250514-v1:0', 'anthropic.claude-3-7-sonnet-20250219-v1:0'],
    ['anthropic.claude-sonnet-4-5-20250929-v1:0', 'anthropic.claude-sonnet-4-20250514-v1:0'],
    ['anthropic.claude-sonnet-4-6', 'anthropic.claude-sonnet-4-5-20250929-v1:0'],
    ['anthropic.claude-opus-5', 'anthropic.claude-opus-4-6-v1'],
    ['anthropic.claude-opus-4-6-v1', 'anthropic.claude-opus-4-1-20250805-v1:0'],
    ['anthropic.claude-3-7-sonnet-20250219-v1:0', 'anthropic.claude-3-5-sonnet-20241022-v2:0'],
    ['anthropic.claude-3-5-sonnet-20241022-v2:0', 'anthropic.claude-3-5-sonnet-20240620-v1:0'],
    ['anthropic.claude-3-5-haiku-20241022-v1:0', 'anthropic.claude-3-haiku-20240307-v1:0'],
    ['anthropic.claude-opus-4-6-v2', 'anthropic.claude-opus-4-6-v1']
  ])('%s is newer than %s', (newer, older) => {
    expect(newestFirst(newer, older)).toBeLessThan(0)
    expect(newestFirst(older, newer)).toBeGreaterThan(0)
  })

  it('sorts a mixed list newest first', () => {
    const ids = [
      'anthropic.claude-3-7-sonnet-20250219-v1:0',
      'anthropic.claude-sonnet-4-6',
      'anthropic.claude-3-5-sonnet-20240620-v1:0',
      'anthropic.claude-sonnet-4-5-20250929-v1:0'
    ]
    expect([...ids].sort(newestFirst)).toEqual([
      'anthropic.claude-sonnet-4-6',
      'anthropic.claude-sonnet-4-5-20250929-v1:0',
      'anthropic.claude-3-7-sonnet-20250219-v1:0',
      'anthropic.claude-3-5-sonnet-20240620-v1:0'
    ])
  })
})

describe('splitProfileId', () => {
  it.each([
    [
      'us.anthropic.claude-sonnet-4-6',
      { prefix: 'us', baseModelId: 'anthropic.claude-sonnet-4-6' }
    ],
    [
      'us-gov.anthropic.claude-3-5-sonnet-20240620-v1:0',
      { prefix: 'us-gov', baseModelId: 'anthropic.claude-3-5-sonnet-20240620-v1:0' }
    ],
    [
      'global.anthropic.claude-opus-5',
      { prefix: 'global', baseModelId: 'anthropic.claude-opus-5' }
    ],
    ['anthropic.claude-opus-5', undefined],
    ['us.amazon.nova-pro-v1:0', undefined]
  ])('%s', (id, expected) => {
    expect(splitProfileId(id)).toEqual(expected)
  })
})

describe('parseBedrockArn', () => {
  it.each([
    [
      'arn:aws:bedrock:us-east-1::foundation-model/anthropic.claude-3-haiku-20240307-v1:0',
      {
        partition: 'aws',
        region: 'us-east-1',
        accountId: '',
        resourceType: 'foundation-model',
        resourceId: 'anthropic.claude-3-haiku-20240307-v1:0'
      }
    ],
    [
      'arn:aws-us-gov:bedrock:us-gov-west-1:123456789012:inference-profile/us-gov.anthropic.claude-sonnet-4-5-20250929-v1:0',
      {
        partition: 'aws-us-gov',
        region: 'us-gov-west-1',
        accountId: '123456789012',
        resourceType: 'inference-profile',
        resourceId: 'us-gov.anthropic.claude-sonnet-4-5-20250929-v1:0'
      }
    ],
    ['arn:aws:s3:::bucket/key', undefined],
    ['not an arn', undefined]
  ])('%s', (arn, expected) => {
    expect(parseBedrockArn(arn)).toEqual(expected)
  })
})
