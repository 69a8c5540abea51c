// The emulator's OIDC endpoint and STS, driven by the real @actions/core and @aws-sdk/client-sts.
import { describe, expect, it, jest } from '@jest/globals'
import {
  AssumeRoleCommand,
  AssumeRoleWithWebIdentityCommand,
  GetCallerIdentityCommand,
  STSClient,
  type Credentials
} from '@aws-sdk/client-sts'
import { loadScenario, type Scenario } from '../emulator/index.ts'
import { useEmulator } from '../__fixtures__/emulator.ts'

const ROLE_ARN = 'arn:aws:iam::123456789012:role/claude-code'
const ACCOUNT = '123456789012'

const emulator = useEmulator()

async function fetchIdToken(audience = 'sts.amazonaws.com'): Promise<string> {
  const env = emulator.runnerEnv()
  const url = `${env['ACTIONS_ID_TOKEN_REQUEST_URL']}&audience=${encodeURIComponent(audience)}`
  const response = await fetch(url, {
    headers: { authorization: `Bearer ${env['ACTIONS_ID_TOKEN_REQUEST_TOKEN']}` }
  })
  const body = (await response.json()) as { value: string }
  return body.value
}

function claimsOf(jwt: string): Record<string, unknown> {
  const payload = jwt.split('.')[1] ?? ''
  return JSON.parse(Buffer.from(payload, 'base64url').toString('utf8')) as Record<string, unknown>
}

const sts = (credentials?: Credentials): STSClient =>
  new STSClient({
    region: 'us-east-1',
    endpoint: emulator.url,
    maxAttempts: 1,
    ...(credentials && {
      credentials: {
        accessKeyId: credentials.AccessKeyId ?? '',
        secretAccessKey: credentials.SecretAccessKey ?? '',
        sessionToken: credentials.SessionToken ?? ''
      }
    })
  })

async function assume(
  overrides: { token?: string; roleArn?: string; duration?: number } = {}
): Promise<Credentials> {
  const output = await sts().send(
    new AssumeRoleWithWebIdentityCommand({
      RoleArn: overrides.roleArn ?? ROLE_ARN,
      RoleSessionName: 'gh-123-1',
      WebIdentityToken: overrides.token ?? (await fetchIdToken()),
      ...(overrides.duration !== undefined && { DurationSeconds: overrides.duration })
    })
  )
  if (!output.Credentials) throw new Error('no credentials')
  return output.Credentials
}

async function errorOf(promise: Promise<unknown>): Promise<{ name: string; message: string }> {
  try {
    await promise
  } catch (error) {
    return error as { name: string; message: string }
  }
  throw new Error('expected the call to fail')
}

describe('OIDC token endpoint', () => {
  it('serves @actions/core getIDToken with the requested audience and the scenario claims', async () => {
    const core = await import('@actions/core')
    const saved = { ...process.env }
    Object.assign(process.env, emulator.runnerEnv())
    const written: string[] = []
    const write = jest.spyOn(process.stdout, 'write').mockImplementation((chunk) => {
      written.push(String(chunk))
      return true
    })
    try {
      const token = await core.getIDToken('sts.amazonaws.com')
      const claims = claimsOf(token)
      expect(claims).toMatchObject({
        aud: 'sts.amazonaws.com',
        iss: 'https://token.actions.githubusercontent.com',
        sub: 'repo:octo-org/octo-repo:ref:refs/heads/main',
        repository: 'octo-org/octo-repo',
        repository_owner: 'octo-org',
        ref: 'refs/heads/main',
        job_workflow_ref: 'octo-org/octo-repo/.github/workflows/ci.yml@refs/heads/main'
      })
      expect(Number(claims['exp']) - Number(claims['iat'])).toBe(300)
      expect(written.join('')).toContain(`::add-mask::${token}`)
      expect(emulator.issuedSecrets()).toContain(token)
    } finally {
      write.mockRestore()
      process.env = saved
    }
  })

  it('defaults the audience to sts.amazonaws.com and signs with RS256 (key at /oidc/.well-known/jwks)', async () => {
    const env = emulator.runnerEnv()
    const response = await fetch(env['ACTIONS_ID_TOKEN_REQUEST_URL'] ?? '', {
      headers: { authorization: `Bearer ${env['ACTIONS_ID_TOKEN_REQUEST_TOKEN']}` }
    })
    const { value } = (await response.json()) as { value: string }
    expect(claimsOf(value)['aud']).toBe('sts.amazonaws.com')
    const header = JSON.parse(Buffer.from(value.split('.')[0] ?? '', 'base64url').toString())
    const jwks = (await (await fetch(`${emulator.url}/oidc/.well-known/jwks`)).json()) as {
      keys: Array<{ kid: string; kty: string }>
    }
    expect(header).toMatchObject({ alg: 'RS256', kid: jwks.keys[0]?.kid })
    expect(jwks.keys[0]?.kty).toBe('RSA')
  })

  it.each([
    ['no Authorization header', undefined],
    ['a wrong request token', 'Bearer not-the-token']
  ])('answers 401 to %s', async (_case, authorization) => {
    const response = await fetch(emulator.runnerEnv()['ACTIONS_ID_TOKEN_REQUEST_URL'] ?? '', {
      headers: authorization ? { authorization } : {}
    })
    expect(response.status).toBe(401)
  })
})

describe('AssumeRoleWithWebIdentity', () => {
  it('issues temporary credentials shaped like AWS', async () => {
    const token = await fetchIdToken()
    const started = Date.now()
    const output = await sts().send(
      new AssumeRoleWithWebIdentityCommand({
        RoleArn: ROLE_ARN,
        RoleSessionName: 'gh-123-1',
        WebIdentityToken: token,
        DurationSeconds: 1800
      })
    )
    const answered = Date.now()
    expect(output.AssumedRoleUser?.Arn).toBe(
      `arn:aws:sts::${ACCOUNT}:assumed-role/claude-code/gh-123-1`
    )
    expect(output.AssumedRoleUser?.AssumedRoleId).toMatch(/^AROA[A-Z0-9]{17}:gh-123-1$/)
    expect(output.SubjectFromWebIdentityToken).toBe('repo:octo-org/octo-repo:ref:refs/heads/main')
    expect(output.Audience).toBe('sts.amazonaws.com')
    expect(output.Provider).toBe(
      `arn:aws:iam::${ACCOUNT}:oidc-provider/token.actions.githubusercontent.com`
    )
    const credentials = output.Credentials
    expect(credentials?.AccessKeyId).toMatch(/^ASIA[A-Z0-9]{16}$/)
    expect(credentials?.SecretAccessKey).toHaveLength(40)
    expect((credentials?.SessionToken ?? '').length).toBeGreaterThan(300)
    // STS prints whole seconds, so the expiry is the emulator's clock plus 1800 s rounded down: at
    // most 1800 s after the answer came back, and less than a second short of 1800 s after the ask.
    const expiresAt = credentials?.Expiration?.getTime() ?? 0
    expect(expiresAt % 1000).toBe(0)
    expect(expiresAt - started).toBeGreaterThan(1800_000 - 1000)
    expect(expiresAt - answered).toBeLessThanOrEqual(1800_000)
    expect(emulator.issuedSecrets()).toEqual(
      expect.arrayContaining([
        credentials?.AccessKeyId,
        credentials?.SecretAccessKey,
        credentials?.SessionToken
      ])
    )
  })

  // [case, scenario change, call, wire error code, message]; the SDK names InvalidIdentityToken
  // errors InvalidIdentityTokenException, so the wire code is read from the request log.
  type Case = [string, (s: Scenario) => void, () => Promise<unknown>, string, string | RegExp]
  const cases: Case[] = [
    [
      'no OIDC provider in the account',
      (s) => (s.oidcProviders = []),
      () => assume(),
      'InvalidIdentityToken',
      'No OpenIDConnect provider found in your account for https://token.actions.githubusercontent.com'
    ],
    [
      'an audience the provider does not list',
      () => undefined,
      async () => assume({ token: await fetchIdToken('api://AzureADTokenExchange') }),
      'InvalidIdentityToken',
      'Incorrect token audience'
    ],
    [
      'a trust policy for another sub',
      (s) => {
        const trust = s.roles[0]?.trust.oidc
        if (trust) trust.subjects = ['repo:octo-org/octo-repo:environment:prod']
      },
      () => assume(),
      'AccessDenied',
      'Not authorized to perform sts:AssumeRoleWithWebIdentity'
    ],
    [
      'a role that does not exist',
      () => undefined,
      () => assume({ roleArn: 'arn:aws:iam::123456789012:role/no-such-role' }),
      'AccessDenied',
      'Not authorized to perform sts:AssumeRoleWithWebIdentity'
    ],
    [
      'a role in another account',
      () => undefined,
      () => assume({ roleArn: 'arn:aws:iam::210987654321:role/claude-code' }),
      'AccessDenied',
      'Not authorized to perform sts:AssumeRoleWithWebIdentity'
    ],
    [
      'a duration above the role maximum',
      () => undefined,
      () => assume({ duration: 7200 }),
      'ValidationError',
      'The requested DurationSeconds exceeds the MaxSessionDuration set for this role.'
    ],
    [
      'a duration below 900 seconds',
      () => undefined,
      () => assume({ duration: 60 }),
      'ValidationError',
      /Member must have value greater than or equal to 900/
    ],
    [
      'an expired OIDC token',
      (s) => (s.oidc.tokenLifetimeSeconds = 0),
      () => assume(),
      'ExpiredTokenException',
      /^Token expired: current date\/time \d+ must be before the expiration date\/time\d+$/
    ],
    [
      'a token whose signature was tampered with',
      () => undefined,
      async () => {
        const [header, payload, signature = ''] = (await fetchIdToken()).split('.')
        const flipped = (signature[0] === 'A' ? 'B' : 'A') + signature.slice(1)
        return assume({ token: `${header}.${payload}.${flipped}` })
      },
      'InvalidIdentityToken',
      /could not be validated by AWS/
    ],
    [
      'something that is not a JWT',
      () => undefined,
      () => assume({ token: 'not-a-jwt' }),
      'InvalidIdentityToken',
      /not a valid JWT/
    ]
  ]

  it.each(cases)('rejects %s', async (_case, change, call, code, message) => {
    const scenario = loadScenario('default')
    change(scenario)
    emulator.setScenario(scenario)
    const error = await errorOf(call())
    expect(emulator.requests.at(-1)?.errorCode).toBe(code)
    expect(error.name).toBe(
      code === 'InvalidIdentityToken' ? 'InvalidIdentityTokenException' : code
    )
    if (typeof message === 'string') expect(error.message).toBe(message)
    else expect(error.message).toMatch(message)
  })

  it('returns SourceIdentity when the token carries the AWS source-identity claim', async () => {
    const scenario = loadScenario('default')
    scenario.oidc.claims['https://aws.amazon.com/source_identity'] = 'octocat'
    emulator.setScenario(scenario)
    const output = await sts().send(
      new AssumeRoleWithWebIdentityCommand({
        RoleArn: ROLE_ARN,
        RoleSessionName: 'gh-123-1',
        WebIdentityToken: await fetchIdToken()
      })
    )
    expect(output.SourceIdentity).toBe('octocat')
  })

  it('caps the credential lifetime with credentialLifetimeSeconds', async () => {
    emulator.setScenario({ ...loadScenario('default'), credentialLifetimeSeconds: 5 })
    const credentials = await assume()
    const remaining = (credentials.Expiration?.getTime() ?? 0) - Date.now()
    expect(remaining).toBeGreaterThan(3000)
    expect(remaining).toBeLessThanOrEqual(5000)
  })
})

describe('signed STS calls', () => {
  it('GetCallerIdentity returns the identity of assumed-role credentials', async () => {
    const output = await sts(await assume()).send(new GetCallerIdentityCommand({}))
    expect(output).toMatchObject({
      Account: ACCOUNT,
      Arn: `arn:aws:sts::${ACCOUNT}:assumed-role/claude-code/gh-123-1`,
      UserId: expect.stringMatching(/^AROA[A-Z0-9]{17}:gh-123-1$/)
    })
  })

  it("GetCallerIdentity returns the scenario's environment credentials' identity", async () => {
    const runner = loadScenario('default').environmentCredentials[0]
    const client = new STSClient({
      region: 'eu-west-1',
      endpoint: emulator.url,
      credentials: {
        accessKeyId: runner?.accessKeyId ?? '',
        secretAccessKey: runner?.secretAccessKey ?? '',
        sessionToken: runner?.sessionToken ?? ''
      }
    })
    const output = await client.send(new GetCallerIdentityCommand({}))
    expect(output.Arn).toBe(runner?.arn)
    expect(emulator.requests.at(-1)).toMatchObject({
      operation: 'GetCallerIdentity',
      region: 'eu-west-1',
      accessKeyId: runner?.accessKeyId,
      auth: 'sigv4',
      status: 200
    })
  })

  it('AssumeRole chains into a role that trusts the caller', async () => {
    const output = await sts(await assume()).send(
      new AssumeRoleCommand({
        RoleArn: 'arn:aws:iam::123456789012:role/claude-code-chained',
        RoleSessionName: 'chained'
      })
    )
    expect(output.AssumedRoleUser?.Arn).toBe(
      `arn:aws:sts::${ACCOUNT}:assumed-role/claude-code-chained/chained`
    )
    const identity = await sts(output.Credentials).send(new GetCallerIdentityCommand({}))
    expect(identity.Arn).toBe(output.AssumedRoleUser?.Arn)
  })

  it('AssumeRole refuses a role whose trust does not name the caller', async () => {
    const error = await errorOf(
      sts(await assume()).send(
        new AssumeRoleCommand({ RoleArn: ROLE_ARN, RoleSessionName: 'self' })
      )
    )
    expect(error.name).toBe('AccessDenied')
    expect(error.message).toContain('is not authorized to perform: sts:AssumeRole on resource')
  })

  it.each([
    [
      'an unknown access key',
      (c: Credentials): Credentials => ({ ...c, AccessKeyId: 'ASIAUNKNOWNKEY000000' }),
      'InvalidClientTokenId',
      'The security token included in the request is invalid.'
    ],
    [
      'a wrong secret key (bad signature)',
      (c: Credentials): Credentials => ({ ...c, SecretAccessKey: 'x'.repeat(40) }),
      'SignatureDoesNotMatch',
      'The request signature we calculated does not match the signature you provided. Check your AWS Secret Access Key and signing method. Consult the service documentation for details.'
    ],
    [
      'a missing session token',
      (c: Credentials): Credentials => ({ ...c, SessionToken: '' }),
      'InvalidClientTokenId',
      'The security token included in the request is invalid.'
    ]
  ])('rejects %s', async (_case, tamper, code, message) => {
    const error = await errorOf(sts(tamper(await assume())).send(new GetCallerIdentityCommand({})))
    expect(error).toMatchObject({ name: code, message })
  })

  it('rejects credentials once they expire', async () => {
    emulator.setScenario({ ...loadScenario('default'), credentialLifetimeSeconds: 2 })
    const credentials = await assume()
    await sts(credentials).send(new GetCallerIdentityCommand({}))
    const wait = (credentials.Expiration?.getTime() ?? 0) - Date.now() + 50
    await new Promise((resolve) => setTimeout(resolve, Math.max(0, wait)))
    const error = await errorOf(sts(credentials).send(new GetCallerIdentityCommand({})))
    expect(error).toMatchObject({
      name: 'ExpiredToken',
      message: 'The security token included in the request is expired'
    })
  })

  it('answers an unsigned GetCallerIdentity with MissingAuthenticationToken in STS XML', async () => {
    const response = await fetch(emulator.url, {
      method: 'POST',
      headers: { 'content-type': 'application/x-www-form-urlencoded' },
      body: 'Action=GetCallerIdentity&Version=2011-06-15'
    })
    const xml = await response.text()
    expect(response.status).toBe(403)
    expect(xml).toMatch(
      /^<ErrorResponse xmlns="https:\/\/sts.amazonaws.com\/doc\/2011-06-15\/">\s*<Error>\s*<Type>Sender<\/Type>\s*<Code>MissingAuthenticationToken<\/Code>/
    )
    expect(xml).toContain(`<RequestId>${response.headers.get('x-amzn-requestid')}</RequestId>`)
  })
})
