import { mkdtempSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import path from 'node:path'
import {
  jobMetadata,
  mergeCustomHeaders,
  pullRequestNumber,
  sanitizeMetadataText
} from '../src/attribution/requestMetadata.js'

const HEADER = 'X-Amzn-Bedrock-Request-Metadata'

function metadataOf(value: string): Record<string, string> {
  const line = value.split('\n').find((l) => l.startsWith(`${HEADER}:`))
  if (line === undefined) throw new Error('no metadata header')
  return JSON.parse(line.slice(HEADER.length + 1)) as Record<string, string>
}

describe('job metadata', () => {
  const env = {
    GITHUB_REPOSITORY: 'octo-org/octo-repo',
    GITHUB_WORKFLOW: 'Claude review 🤖 (nightly)',
    GITHUB_RUN_ID: '12345',
    GITHUB_RUN_ATTEMPT: '2',
    GITHUB_JOB: 'review',
    GITHUB_REF: 'refs/pull/77/merge'
  }

  it('names repository, workflow, run, attempt, job, pull request and the session, sanitised', () => {
    expect(jobMetadata(env, 'GitHubActions-12345-2-review-0a1b2c3d')).toEqual({
      repository: 'octo-org/octo-repo',
      workflow: 'Claude review __ _nightly_',
      run_id: '12345',
      run_attempt: '2',
      job: 'review',
      pull_request: '77',
      session: 'GitHubActions-12345-2-review-0a1b2c3d'
    })
  })

  it('finds the pull request of comment and pull_request_target events in the event payload', () => {
    const dir = mkdtempSync(path.join(tmpdir(), 'scb-event-'))
    const comment = path.join(dir, 'comment.json')
    writeFileSync(comment, JSON.stringify({ issue: { number: 12, pull_request: { url: 'x' } } }))
    const target = path.join(dir, 'target.json')
    writeFileSync(target, JSON.stringify({ pull_request: { number: 34 } }))
    const issue = path.join(dir, 'issue.json')
    writeFileSync(issue, JSON.stringify({ issue: { number: 56 } }))
    const ref = 'refs/heads/main'
    expect(pullRequestNumber({ GITHUB_REF: ref, GITHUB_EVENT_PATH: comment })).toBe('12')
    expect(pullRequestNumber({ GITHUB_REF: ref, GITHUB_EVENT_PATH: target })).toBe('34')
    expect(pullRequestNumber({ GITHUB_REF: ref, GITHUB_EVENT_PATH: issue })).toBeUndefined()
    expect(pullRequestNumber({ GITHUB_EVENT_PATH: path.join(dir, 'missing') })).toBeUndefined()
  })

  it('keeps to 256 characters of the documented charset', () => {
    const text = sanitizeMetadataText(`a"b\n{c}${'x'.repeat(300)}`)
    expect(text).toHaveLength(256)
    expect(text).toMatch(/^[A-Za-z0-9 ._:/=+$@-]*$/)
  })
})

describe('merging ANTHROPIC_CUSTOM_HEADERS', () => {
  const ours = { run_id: '1', session: 's' }

  it('adds the header when the job has none', () => {
    const merged = mergeCustomHeaders(undefined, ours)
    expect(merged.value).toBe(`${HEADER}: {"run_id":"1","session":"s"}`)
    expect(merged.metadata).toEqual(ours)
  })

  it('keeps every header the job already sends', () => {
    const existing =
      'X-Amzn-Bedrock-GuardrailIdentifier: gr-1\r\nX-Amzn-Bedrock-GuardrailVersion: 2\n'
    const merged = mergeCustomHeaders(existing, ours)
    expect(merged.value.split('\n')).toEqual([
      'X-Amzn-Bedrock-GuardrailIdentifier: gr-1',
      'X-Amzn-Bedrock-GuardrailVersion: 2',
      `${HEADER}: {"run_id":"1","session":"s"}`
    ])
  })

  it("merges into the job's own metadata header: its pairs win, 16 pairs at most", () => {
    const theirs = Object.fromEntries(Array.from({ length: 14 }, (_, i) => [`k${i}`, `v${i}`]))
    theirs['run_id'] = 'mine'
    const merged = mergeCustomHeaders(
      `x-amzn-bedrock-request-metadata: ${JSON.stringify(theirs)}`,
      {
        run_id: '1',
        job: 'j',
        session: 's'
      }
    )
    const sent = metadataOf(merged.value)
    expect(Object.keys(sent)).toHaveLength(16)
    expect(sent['run_id']).toBe('mine')
    expect(sent['job']).toBe('j')
    expect(sent['session']).toBeUndefined()
    expect(merged.value.split('\n')).toHaveLength(1)
  })

  it('leaves a metadata header it cannot read alone and says so', () => {
    const merged = mergeCustomHeaders(`${HEADER}: team=a`, ours)
    expect(merged.value).toBe(`${HEADER}: team=a`)
    expect(merged.note).toMatch(/not a JSON object/)
    expect(merged.shown).toBe(`${HEADER}: ***`)
  })

  it("shows the job's own lines and pairs by name only, what it added in full", () => {
    const merged = mergeCustomHeaders(
      `Authorization: Bearer gw-token-1234567\nnot a header line\n${HEADER}: {"team":"t-secret"}`,
      ours
    )
    const shown = merged.shown.split('\n')
    expect(shown.slice(0, 2)).toEqual(['Authorization: ***', '***'])
    expect(JSON.parse(shown[2]?.slice(HEADER.length + 2) ?? '')).toEqual({ team: '***', ...ours })
    expect(merged.inheritedMetadataKeys).toEqual(['team'])
    expect(merged.shown).not.toMatch(/gw-token|t-secret|not a header/)
  })
})
