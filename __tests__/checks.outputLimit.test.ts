import { modelMaxOutputTokens } from '../src/checks/outputLimitCheck.ts'

describe('modelMaxOutputTokens: the Messages API maximum per Claude model', () => {
  it.each([
    ['anthropic.claude-3-haiku-20240307-v1:0', 4_096],
    ['anthropic.claude-3-5-haiku-20241022-v1:0', 8_192],
    ['anthropic.claude-3-5-sonnet-20240620-v1:0', 8_192],
    ['anthropic.claude-3-7-sonnet-20250219-v1:0', 64_000],
    ['anthropic.claude-sonnet-4-20250514-v1:0', 64_000],
    ['anthropic.claude-sonnet-4-5-20250929-v1:0', 64_000],
    ['anthropic.claude-haiku-4-5-20251001-v1:0', 64_000],
    ['anthropic.claude-opus-4-1-20250805-v1:0', 32_000],
    ['anthropic.claude-opus-4-5-20251101-v1:0', 64_000],
    ['anthropic.claude-opus-4-6-v1', 128_000],
    ['anthropic.claude-sonnet-4-6', 128_000],
    ['anthropic.claude-opus-5', 128_000],
    ['anthropic.claude-mythos-1', undefined]
  ])('%s → %s', (id, limit) => {
    expect(modelMaxOutputTokens(id)).toBe(limit)
  })
})
