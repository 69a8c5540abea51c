import { describe, expect, it } from '@jest/globals'
import { chainedDuration, describeRunnerCredentials } from '../src/credentials/runnerCredentials.js'

const KEYS = { accessKeyId: 'ASIAX', secretAccessKey: 's' }

describe('which link of the SDK chain signed, from what the SDK records', () => {
  it.each([
    [{ CREDENTIALS_ENV_VARS: 'g' }, {}, 'key-variables'],
    [{ CREDENTIALS_PROFILE: 'n' }, { AWS_PROFILE: 'runner' }, 'profile'],
    [{ CREDENTIALS_PROFILE_SOURCE_PROFILE: 'o' }, {}, 'profile'],
    [
      { CREDENTIALS_ENV_VARS_STS_WEB_ID_TOKEN: 'h' },
      { AWS_ROLE_ARN: 'arn:aws:iam::1:role/r' },
      'web-identity'
    ],
    [{ CREDENTIALS_HTTP: 'z' }, {}, 'container'],
    [undefined, { AWS_CONTAINER_CREDENTIALS_RELATIVE_URI: '/v2/credentials/x' }, 'container'],
    [undefined, {}, 'instance-metadata']
  ])('%j with %j → %s', (source, env, kind) => {
    const runner = describeRunnerCredentials(
      { ...KEYS, sessionToken: 't', ...(source ? { $source: source } : {}) },
      env
    )
    expect(runner.kind).toBe(kind)
    expect(runner.temporary).toBe(true)
  })

  it('names the profile it came from (default when AWS_PROFILE is unset)', () => {
    expect(
      describeRunnerCredentials({ ...KEYS, $source: { CREDENTIALS_PROFILE: 'n' } }, {}).profile
    ).toBe('default')
    expect(
      describeRunnerCredentials(
        { ...KEYS, $source: { CREDENTIALS_PROFILE: 'n' } },
        { AWS_PROFILE: 'ci' }
      ).label
    ).toContain('`ci`')
  })
})

describe('the one-hour cap of role chaining', () => {
  const session = describeRunnerCredentials({ ...KEYS, sessionToken: 't' }, {})
  const user = describeRunnerCredentials(
    { accessKeyId: 'AKIAX', secretAccessKey: 's', $source: { CREDENTIALS_ENV_VARS: 'g' } },
    {}
  )

  it('caps what temporary credentials ask at 3600 s, and only that', () => {
    expect(chainedDuration(7200, session)).toBe(3600)
    expect(chainedDuration(3600, session)).toBe(3600)
    expect(chainedDuration(900, session)).toBe(900)
  })

  it('lets long-term user keys ask for the role maximum', () => {
    expect(user.temporary).toBe(false)
    expect(chainedDuration(43200, user)).toBe(43200)
  })
})
