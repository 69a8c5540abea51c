import { shortText } from '../src/diagnosis/shortText.ts'

describe('shortText: one truncation for every message the action shortens', () => {
  it('keeps a short message whole, whitespace collapsed', () => {
    expect(shortText('  Access\n denied  ', 240)).toBe('Access denied')
  })

  it('cuts on a word boundary and marks the cut with …', () => {
    const message =
      'User: arn:aws:sts::123456789012:assumed-role/claude-code/s is not authorized to perform: logs:FilterLogEvents because no identity-based policy allows the logs:FilterLogEvents action'
    const cut = shortText(message, 150)
    expect(cut.endsWith('…')).toBe(true)
    expect(Array.from(cut).length).toBeLessThanOrEqual(151)
    const kept = cut.slice(0, -1)
    expect(message.startsWith(kept)).toBe(true)
    // The next character of the original is a space: no word was split.
    expect(message[kept.length]).toBe(' ')
  })

  it('a message exactly at the limit, or whose next character is a space, keeps its last word', () => {
    expect(shortText('abc def', 7)).toBe('abc def')
    expect(shortText('abc def ghi', 7)).toBe('abc def…')
  })

  it('a single word longer than the limit (an ARN) is cut inside it, still marked', () => {
    expect(shortText('x'.repeat(50), 10)).toBe(`${'x'.repeat(10)}…`)
  })

  it('never splits a surrogate pair', () => {
    expect(shortText('😀'.repeat(20), 5)).toBe(`${'😀'.repeat(5)}…`)
  })
})
