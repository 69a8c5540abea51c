import { fenceProblems, joinFixText, labelledFixText } from '../src/report/fixText.ts'

const BLOCK =
  'Raise the quota:\n```sh\naws service-quotas list-service-quotas --service-code bedrock\n```'

describe('joinFixText', () => {
  it('puts prose after a closing fence in its own paragraph, never on the fence line', () => {
    const text = joinFixText([BLOCK, 'Only needed if subagents use opus.'])
    expect(text).toBe(`${BLOCK}\n\nOnly needed if subagents use opus.`)
    expect(fenceProblems(text)).toEqual([])
  })

  it('starts a block that follows prose on its own line', () => {
    const text = labelledFixText('Then:', '```json\n{}\n```')
    expect(text).toBe('Then:\n\n```json\n{}\n```')
    expect(fenceProblems(text)).toEqual([])
  })

  it('joins one-line prose with the separator and drops empty pieces', () => {
    expect(joinFixText(['Do this.', undefined, '', 'Then that.'])).toBe('Do this. Then that.')
    expect(joinFixText(['Do this.', 'Then that.'], '\n')).toBe('Do this.\nThen that.')
  })
})

describe('fenceProblems', () => {
  it('finds the sentence glued to a closing fence and the block it leaves open', () => {
    const glued = `${BLOCK} Only needed if subagents use opus.`
    expect(fenceProblems(glued)).toEqual([
      expect.stringContaining('closing fence with text after it'),
      'a code block is never closed'
    ])
  })

  it('finds a fence opened in the middle of a sentence', () => {
    expect(fenceProblems('Then: ```json\n{}\n```')).toEqual([
      expect.stringContaining('fence after text on a line'),
      expect.anything()
    ])
  })

  it('accepts balanced blocks, longer fences and inline code', () => {
    expect(fenceProblems('Set `model: sonnet`.\n````sh\necho ```\n````\nDone.')).toEqual([])
  })
})
