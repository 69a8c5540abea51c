import { MaskQueue } from '../src/masking/maskQueue.js'

describe('MaskQueue', () => {
  it('holds secrets until connected, then masks them in order, and later ones at once', () => {
    const queue = new MaskQueue()
    queue.add('api-key')
    queue.add('proxy-password')
    const masked: string[] = []
    queue.connect((secret) => masked.push(secret))
    expect(masked).toEqual(['api-key', 'proxy-password'])
    queue.add('oidc-token')
    expect(masked).toEqual(['api-key', 'proxy-password', 'oidc-token'])
  })

  it('works as a detached callback (passed to the token request)', () => {
    const queue = new MaskQueue()
    const add = queue.add
    add('token')
    const masked: string[] = []
    queue.connect((secret) => masked.push(secret))
    expect(masked).toEqual(['token'])
  })

  it('never masks an empty value (the runner would mask nothing useful)', () => {
    const queue = new MaskQueue()
    queue.add('')
    const masked: string[] = []
    queue.connect((secret) => masked.push(secret))
    queue.add('')
    expect(masked).toEqual([])
  })

  it('issues a pending mask once only, even when connected twice', () => {
    const queue = new MaskQueue()
    queue.add('secret')
    const first: string[] = []
    const second: string[] = []
    queue.connect((secret) => first.push(secret))
    queue.connect((secret) => second.push(secret))
    expect(first).toEqual(['secret'])
    expect(second).toEqual([])
  })
})
