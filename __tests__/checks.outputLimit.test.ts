import { modelMaxOutputTokens } from '../src/checks/outputLimitCheck.ts'
import { tokenSettingWarnings } from '../src/inputs/tokenLimits.ts'

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

describe('tokenSettingWarnings: what the Messages API refuses whatever the model', () => {
  it('says nothing when thinking is unset or off', () => {
    expect(tokenSettingWarnings(16_000, undefined)).toEqual([])
    expect(tokenSettingWarnings(16_000, 0)).toEqual([])
    expect(tokenSettingWarnings(undefined, 8_000)).toEqual([])
  })

  it('warns below the smallest thinking budget, with both ways out', () => {
    const [warning, ...rest] = tokenSettingWarnings(undefined, 500)
    expect(rest).toEqual([])
    expect(warning?.detail).toContain(
      "`max-thinking-tokens` 500 is below the Messages API's smallest"
    )
    expect(warning?.fix).toBe(
      'Set `max-thinking-tokens` to 1,024 or more, or to 0 to turn thinking off.'
    )
  })

  it.each([
    [16_000, 64_000],
    [8_000, 8_000]
  ])(
    'warns when thinking %s is not below the output maximum %s, naming both inputs',
    (out, thinking) => {
      const [warning, ...rest] = tokenSettingWarnings(out, thinking)
      expect(rest).toEqual([])
      expect(warning?.detail).toContain('is not below `max-output-tokens`')
      expect(warning?.fix).toContain('Lower `max-thinking-tokens` below')
      expect(warning?.fix).toContain('raise `max-output-tokens` above')
    }
  )
})
