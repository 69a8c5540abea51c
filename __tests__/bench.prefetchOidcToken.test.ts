import { describe, expect, it, jest } from '@jest/globals'
import { prefetchOidcToken, type GetIdToken } from '../src/credentials/oidcToken.js'

const ROLE = 'arn:aws:iam::123456789012:role/claude-code'
const RUNNER_ENV = {
  ACTIONS_ID_TOKEN_REQUEST_URL: 'http://127.0.0.1/token',
  ACTIONS_ID_TOKEN_REQUEST_TOKEN: 'request-token'
}

function fetcher(): jest.Mock<GetIdToken> {
  let n = 0
  return jest.fn<GetIdToken>(async (audience) => `token-${++n}-${audience}`)
}

describe('prefetchOidcToken', () => {
  it('asks at once, and hands that answer to the first request for the audience', async () => {
    const getIdToken = fetcher()
    const get = prefetchOidcToken('sts.amazonaws.com', ROLE, RUNNER_ENV, getIdToken)
    expect(getIdToken).toHaveBeenCalledTimes(1)
    await expect(get('sts.amazonaws.com')).resolves.toBe('token-1-sts.amazonaws.com')
    expect(getIdToken).toHaveBeenCalledTimes(1)
  })

  it('asks again for a retry, which wants a fresh token', async () => {
    const getIdToken = fetcher()
    const get = prefetchOidcToken('sts.amazonaws.com', ROLE, RUNNER_ENV, getIdToken)
    await get('sts.amazonaws.com')
    await expect(get('sts.amazonaws.com')).resolves.toBe('token-2-sts.amazonaws.com')
  })

  it('does not hand the early token to another audience', async () => {
    const getIdToken = fetcher()
    const get = prefetchOidcToken('sts.amazonaws.com', ROLE, RUNNER_ENV, getIdToken)
    await expect(get('other')).resolves.toBe('token-2-other')
  })

  it.each<[string, string | undefined, NodeJS.ProcessEnv]>([
    ['no role to assume', undefined, RUNNER_ENV],
    ['no request URL (no id-token: write)', ROLE, { ACTIONS_ID_TOKEN_REQUEST_TOKEN: 'x' }],
    ['an empty request token', ROLE, { ...RUNNER_ENV, ACTIONS_ID_TOKEN_REQUEST_TOKEN: '' }]
  ])('asks nothing early with %s', (_name, role, env) => {
    const getIdToken = fetcher()
    expect(prefetchOidcToken('sts.amazonaws.com', role, env, getIdToken)).toBe(getIdToken)
    expect(getIdToken).not.toHaveBeenCalled()
  })

  it('reports an early failure where the token is awaited, not as an unhandled rejection', async () => {
    const getIdToken = jest.fn<GetIdToken>(async () => {
      throw new Error('HTTP 503')
    })
    const unhandled = jest.fn()
    process.on('unhandledRejection', unhandled)
    try {
      const get = prefetchOidcToken('sts.amazonaws.com', ROLE, RUNNER_ENV, getIdToken)
      await new Promise((resolve) => setImmediate(resolve))
      await expect(get('sts.amazonaws.com')).rejects.toThrow('HTTP 503')
      expect(unhandled).not.toHaveBeenCalled()
    } finally {
      process.off('unhandledRejection', unhandled)
    }
  })
})
