import { describe, expect, it } from '@jest/globals'
import { criticalPath, type TimedRequest } from '../scripts/bench/criticalPath.ts'

const req = (operation: string, startedAt: number, endedAt: number): TimedRequest => ({
  operation,
  startedAt,
  endedAt
})

describe('criticalPath', () => {
  it.each<[string, TimedRequest[], number, string[]]>([
    ['no requests', [], 0, []],
    ['one request', [req('A', 0, 200)], 1, ['A']],
    ['a sequence', [req('A', 0, 200), req('B', 210, 400), req('C', 420, 600)], 3, ['A', 'B', 'C']],
    [
      'concurrent requests count once',
      [req('A', 0, 200), req('B', 1, 205), req('C', 2, 203)],
      1,
      ['A']
    ],
    [
      'a request starting in the same millisecond the previous ended depends on it',
      [req('A', 0, 200), req('B', 200, 400)],
      2,
      ['A', 'B']
    ],
    [
      'the action today: token, assume, listings with identity, then access and invoke',
      [
        req('GetIdToken', 0, 210),
        req('AssumeRoleWithWebIdentity', 240, 450),
        req('ListFoundationModels', 480, 690),
        req('ListInferenceProfiles', 481, 695),
        req('GetCallerIdentity', 482, 700),
        req('GetFoundationModelAvailability', 720, 930),
        req('Converse', 721, 935)
      ],
      4,
      [
        'GetIdToken',
        'AssumeRoleWithWebIdentity',
        'ListFoundationModels',
        'GetFoundationModelAvailability'
      ]
    ],
    [
      'sequential pages lengthen the path though they overlap another request',
      [
        req('List', 0, 100),
        req('Identity', 0, 250),
        req('Page2', 110, 200),
        req('Page3', 210, 300),
        req('Converse', 310, 400)
      ],
      4,
      ['List', 'Page2', 'Page3', 'Converse']
    ],
    [
      'arrival order does not matter',
      [req('C', 420, 600), req('A', 0, 200), req('B', 210, 400)],
      3,
      ['A', 'B', 'C']
    ]
  ])('%s', (_name, requests, roundTrips, chain) => {
    const path = criticalPath(requests)
    expect(path.roundTrips).toBe(roundTrips)
    expect(path.chain).toEqual(chain)
  })
})
