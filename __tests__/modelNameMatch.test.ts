import { modelIdWords, nameMatchScore } from '../src/models/modelNameMatch.js'

describe('matching model ids to the display names of Service Quotas and the Price List', () => {
  it.each([
    ['us.anthropic.claude-sonnet-4-5-20250929-v1:0', 'Anthropic Claude Sonnet 4.5 V1', 2],
    ['global.anthropic.claude-sonnet-4-5-20250929-v1:0', 'Claude Sonnet 4.5', 1],
    ['anthropic.claude-3-5-sonnet-20241022-v2:0', 'Anthropic Claude 3.5 Sonnet V2', 2],
    ['anthropic.claude-3-5-sonnet-20241022-v2:0', 'Anthropic Claude 3.5 Sonnet', 1],
    ['anthropic.claude-3-5-sonnet-20240620-v1:0', 'Anthropic Claude 3.5 Sonnet V2', 0],
    [
      'us.anthropic.claude-sonnet-4-5-20250929-v1:0',
      'Anthropic Claude Sonnet 4.5 V1 1M Context Length',
      0
    ],
    ['us.anthropic.claude-sonnet-4-6', 'Anthropic Claude Sonnet 4.6', 1],
    ['eu.anthropic.claude-opus-4-6-v1', 'Claude Opus 4.6', 1],
    ['us.anthropic.claude-haiku-4-5-20251001-v1:0', 'Anthropic Claude Sonnet 4.5 V1', 0],
    [
      'arn:aws:bedrock:us-east-1:123456789012:inference-profile/us.anthropic.claude-haiku-4-5-20251001-v1:0',
      'Claude Haiku 4.5',
      1
    ]
  ])('%s and "%s" score %i', (id, name, score) => {
    expect(nameMatchScore(name, modelIdWords(id))).toBe(score)
  })
})
