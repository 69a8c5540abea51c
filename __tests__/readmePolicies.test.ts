// The README's policies are paste-ready: each JSON block parses and is a complete document whose
// statement ids do not repeat.
import { describe, expect, it } from '@jest/globals'
import { readFileSync } from 'node:fs'

const readme = readFileSync(new URL('../README.md', import.meta.url), 'utf8')
const blocks = [...readme.matchAll(/```json\n([\s\S]*?)\n```/g)].map((m) => m[1] ?? '')

describe('README policies', () => {
  it('has policies to check', () => {
    expect(blocks.length).toBeGreaterThan(0)
  })

  it.each(blocks.map((block, index) => [index, block] as const))(
    'block %i is a complete document',
    (_i, block) => {
      const doc = JSON.parse(block) as { Version?: string; Statement?: { Sid?: string }[] }
      expect(doc.Version).toBe('2012-10-17')
      expect(Array.isArray(doc.Statement)).toBe(true)
      const sids = (doc.Statement ?? []).flatMap((s) => (s.Sid === undefined ? [] : [s.Sid]))
      expect(new Set(sids).size).toBe(sids.length)
    }
  )
})
