// Each credential source on its own: typed mocks for what it is handed, aws-sdk-client-mock for STS.
import { jest } from '@jest/globals'
import {
  AssumeRoleWithWebIdentityCommand,
  GetCallerIdentityCommand,
  IDPCommunicationErrorException,
  InvalidIdentityTokenException,
  STSClient,
  STSServiceException
} from '@aws-sdk/client-sts'
import { mockClient } from 'aws-sdk-client-mock'
import { oidcCredentialSource } from '../src/credentials/assumeRoleWithOidc.js'
import { CredentialError } from '../src/credentials/credentialError.js'
import { environmentCredentialSource } from '../src/credentials/environmentCredentials.js'
import { obtainCredentials } from '../src/credentials/obtainCredentials.js'
import { fetchOidcToken, type GetIdToken } from '../src/credentials/oidcToken.js'
import { proveIdentity } from '../src/credentials/proveIdentity.js'
import type { Config } from '../src/inputs/config.js'
import { modelConfig } from '../__fixtures__/catalogueConfig.js'
import { ACCESS_KEY_ID, LONG_TERM_API_KEY, SECRET_ACCESS_KEY } from '../__fixtures__/secrets.js'

const ROLE = 'arn:aws:iam::123456789012:role/claude-code'
const RUNNER_ENV = {
  ACTIONS_ID_TOKEN_REQUEST_URL: 'https://token.example/oidc?x=1',
  ACTIONS_ID_TOKEN_REQUEST_TOKEN: 'request-token'
}
const ISSUED = {
  AccessKeyId: 'ASIAISSUEDKEY0000001',
  SecretAccessKey: 'issued-secret-access-key-0000000000000000',
  SessionToken: 'issued-session-token',
  Expiration: new Date('2030-01-01T00:00:00Z')
}

/** An unsigned-looking JWT whose payload carries the claims a trust policy matches on. */
function jwt(claims: Record<string, string>): string {
  const part = (o: object) => Buffer.from(JSON.stringify(o)).toString('base64url')
  return `${part({ alg: 'RS256' })}.${part(claims)}.signature`
}
const TOKEN = jwt({
  sub: 'repo:octo-org/octo-repo:ref:refs/heads/main',
  aud: 'sts.amazonaws.com',
  repository: 'octo-org/octo-repo'
})

const sts = mockClient(STSClient)
beforeEach(() => sts.reset())

function oidcDeps(config: Config = modelConfig({ roleToAssume: ROLE })) {
  const getIdToken = jest.fn<GetIdToken>().mockResolvedValue(TOKEN)
  const setSecret = jest.fn<(value: string) => void>()
  const sleep = jest.fn<(ms: number) => Promise<void>>().mockResolvedValue(undefined)
  const client = new STSClient({ region: 'us-east-1' })
  return { config, env: RUNNER_ENV, sts: () => client, getIdToken, setSecret, sleep }
}

describe('fetchOidcToken', () => {
  it.each([
    [{}, 'ACTIONS_ID_TOKEN_REQUEST_URL and ACTIONS_ID_TOKEN_REQUEST_TOKEN are'],
    [{ ACTIONS_ID_TOKEN_REQUEST_URL: 'https://x' }, 'ACTIONS_ID_TOKEN_REQUEST_TOKEN is'],
    [{ ACTIONS_ID_TOKEN_REQUEST_TOKEN: 't' }, 'ACTIONS_ID_TOKEN_REQUEST_URL is']
  ])(
    'explains id-token: write, forks and Dependabot when variables are missing (%j)',
    async (env, names) => {
      const getIdToken = jest.fn<GetIdToken>()
      const error = await fetchOidcToken('sts.amazonaws.com', env, getIdToken).catch(
        (e: unknown) => e
      )
      expect(error).toBeInstanceOf(CredentialError)
      const { cause, fix } = (error as CredentialError).diagnosis
      expect(cause).toContain(names)
      expect(cause).toContain('id-token: write')
      expect(fix).toContain('id-token: write')
      expect(fix).toMatch(/fork/)
      expect(fix).toContain('Dependabot')
      expect(getIdToken).not.toHaveBeenCalled()
    }
  )

  it('asks for the configured audience', async () => {
    const getIdToken = jest.fn<GetIdToken>().mockResolvedValue(TOKEN)
    await expect(fetchOidcToken('api://custom', RUNNER_ENV, getIdToken)).resolves.toBe(TOKEN)
    expect(getIdToken).toHaveBeenCalledWith('api://custom')
  })
})

describe('oidcCredentialSource', () => {
  it('assumes the role with the token, session name and duration, and masks all three secrets', async () => {
    sts.on(AssumeRoleWithWebIdentityCommand).resolves({ Credentials: ISSUED })
    const deps = oidcDeps(
      modelConfig({ roleToAssume: ROLE, roleSessionName: 'gh-1-2', roleDurationSeconds: 1800 })
    )
    const obtained = await oidcCredentialSource(deps).obtain()
    expect(obtained).toEqual({
      origin: 'oidc',
      credentials: {
        accessKeyId: ISSUED.AccessKeyId,
        secretAccessKey: ISSUED.SecretAccessKey,
        sessionToken: ISSUED.SessionToken,
        expiration: ISSUED.Expiration
      }
    })
    expect(sts.commandCalls(AssumeRoleWithWebIdentityCommand)[0]?.args[0].input).toEqual({
      RoleArn: ROLE,
      RoleSessionName: 'gh-1-2',
      WebIdentityToken: TOKEN,
      DurationSeconds: 1800
    })
    expect(deps.setSecret.mock.calls.map(([v]) => v).sort()).toEqual(
      [ISSUED.AccessKeyId, ISSUED.SecretAccessKey, ISSUED.SessionToken].sort()
    )
  })

  it('retries IDPCommunicationError with a freshly fetched token, then succeeds', async () => {
    sts
      .on(AssumeRoleWithWebIdentityCommand)
      .rejectsOnce(
        new IDPCommunicationErrorException({
          message: "Couldn't retrieve verification key",
          $metadata: {}
        })
      )
      .resolves({ Credentials: ISSUED })
    const deps = oidcDeps()
    await expect(oidcCredentialSource(deps).obtain()).resolves.toMatchObject({ origin: 'oidc' })
    expect(deps.getIdToken).toHaveBeenCalledTimes(2)
    expect(deps.sleep).toHaveBeenCalledTimes(1)
  })

  it('gives up on IDPCommunicationError after three fresh tokens', async () => {
    sts.on(AssumeRoleWithWebIdentityCommand).rejects(
      new IDPCommunicationErrorException({
        message: "Couldn't retrieve verification key",
        $metadata: {}
      })
    )
    const deps = oidcDeps()
    const error = await oidcCredentialSource(deps)
      .obtain()
      .catch((e: unknown) => e)
    expect(error).toBeInstanceOf(CredentialError)
    expect(deps.getIdToken).toHaveBeenCalledTimes(3)
  })

  it('names the token claims, never the token, when the trust policy rejects it', async () => {
    sts.on(AssumeRoleWithWebIdentityCommand).rejects(
      new STSServiceException({
        name: 'AccessDenied',
        $fault: 'client',
        message: 'Not authorized to perform sts:AssumeRoleWithWebIdentity',
        $metadata: { httpStatusCode: 403, requestId: 'req-1' }
      })
    )
    const error = (await oidcCredentialSource(oidcDeps())
      .obtain()
      .catch((e: unknown) => e)) as CredentialError
    expect(error).toBeInstanceOf(CredentialError)
    const text = `${error.diagnosis.cause}\n${error.diagnosis.fix}`
    expect(text).toContain('repo:octo-org/octo-repo:ref:refs/heads/main')
    expect(text).toContain('sts.amazonaws.com')
    expect(text).toContain('octo-org/octo-repo')
    expect(text).toContain('token.actions.githubusercontent.com:sub')
    expect(text).not.toContain(TOKEN)
    expect(error.diagnosis.transient).toBe(false)
  })

  it('names the missing OIDC provider', async () => {
    sts.on(AssumeRoleWithWebIdentityCommand).rejects(
      new InvalidIdentityTokenException({
        message:
          'No OpenIDConnect provider found in your account for https://token.actions.githubusercontent.com',
        $metadata: { httpStatusCode: 400 }
      })
    )
    const error = (await oidcCredentialSource(oidcDeps())
      .obtain()
      .catch((e: unknown) => e)) as CredentialError
    expect(error.diagnosis.fix).toContain('create-open-id-connect-provider')
  })
})

describe('environmentCredentialSource', () => {
  it('resolves the default chain once and masks what it found', async () => {
    const setSecret = jest.fn<(value: string) => void>()
    const client = new STSClient({
      region: 'us-east-1',
      credentials: async () => ({
        accessKeyId: 'AKIAENV',
        secretAccessKey: 'env-secret',
        sessionToken: 'env-token'
      })
    })
    const obtained = await environmentCredentialSource(
      modelConfig(),
      () => client,
      setSecret
    ).obtain()
    expect(obtained).toEqual({
      origin: 'environment',
      credentials: {
        accessKeyId: 'AKIAENV',
        secretAccessKey: 'env-secret',
        sessionToken: 'env-token'
      }
    })
    expect(setSecret.mock.calls.map(([v]) => v)).toEqual(['AKIAENV', 'env-secret', 'env-token'])
  })

  it('lists the ways to provide credentials when the chain finds none', async () => {
    const client = new STSClient({
      region: 'us-east-1',
      credentials: async () => {
        throw new Error('Could not load credentials from any providers')
      }
    })
    const error = (await environmentCredentialSource(modelConfig(), () => client, jest.fn())
      .obtain()
      .catch((e: unknown) => e)) as CredentialError
    expect(error).toBeInstanceOf(CredentialError)
    expect(error.diagnosis.fix).toContain('role-to-assume')
    expect(error.diagnosis.fix).toContain('configure-aws-credentials')
    expect(error.diagnosis.fix).toContain('bedrock-api-key')
  })
})

describe('obtainCredentials', () => {
  it('uses a Bedrock API key alone without touching any AWS credential source', async () => {
    const withKey = modelConfig({ bedrockApiKey: 'ABSK-key-0000000000000000' })
    const withoutRole = Object.fromEntries(
      Object.entries(withKey).filter(([key]) => key !== 'roleToAssume')
    ) as unknown as Config
    const outcome = await obtainCredentials({ ...oidcDeps(withoutRole), env: {} })
    expect(outcome.source).toBe('api-key')
    expect(outcome.obtained).toBeUndefined()
    expect(outcome.check.status).toBe('pass')
    expect(sts.calls()).toHaveLength(0)
  })

  // Beside an API key, AWS credentials announced by any of these must be used and proven (the
  // identity check and allowed-account-ids apply to them), never silently ignored.
  it.each([
    ['AWS_ACCESS_KEY_ID', ACCESS_KEY_ID],
    ['AWS_PROFILE', 'ci'],
    ['AWS_WEB_IDENTITY_TOKEN_FILE', '/var/run/secrets/token'],
    ['AWS_CONTAINER_CREDENTIALS_FULL_URI', 'http://169.254.170.23/v1/credentials'],
    ['AWS_CONTAINER_CREDENTIALS_RELATIVE_URI', '/v2/credentials/abc']
  ])('beside an API key, uses the AWS credentials that %s announces', async (name, value) => {
    const withKey = modelConfig({ bedrockApiKey: LONG_TERM_API_KEY })
    const withoutRole = Object.fromEntries(
      Object.entries(withKey).filter(([key]) => key !== 'roleToAssume' && key !== 'roleSource')
    ) as unknown as Config
    const chain = new STSClient({
      region: 'us-east-1',
      credentials: { accessKeyId: ACCESS_KEY_ID, secretAccessKey: SECRET_ACCESS_KEY }
    })
    const outcome = await obtainCredentials({
      ...oidcDeps(withoutRole),
      sts: () => chain,
      env: { [name]: value }
    })
    expect(outcome.source).toBe('environment')
    expect(outcome.obtained?.credentials.secretAccessKey).toBe(SECRET_ACCESS_KEY)
  })

  it('turns a credential failure into a failed check with cause and fix', async () => {
    const deps = { ...oidcDeps(), env: {} }
    const outcome = await obtainCredentials(deps)
    expect(outcome.source).toBe('oidc')
    expect(outcome.check).toMatchObject({ id: 'credentials', status: 'fail' })
    expect(outcome.check.fix).toContain('id-token: write')
  })

  it('warns when the session ends within 15 minutes', async () => {
    sts
      .on(AssumeRoleWithWebIdentityCommand)
      .resolves({ Credentials: { ...ISSUED, Expiration: new Date(Date.now() + 5 * 60_000) } })
    const outcome = await obtainCredentials(oidcDeps())
    expect(outcome.check.status).toBe('warn')
    expect(outcome.check.cause).toContain('ExpiredTokenException')
    expect(outcome.check.fix).toContain('role-duration-seconds')
  })
})

describe('proveIdentity', () => {
  const client = () =>
    new STSClient({ region: 'us-east-1', credentials: { accessKeyId: 'a', secretAccessKey: 'b' } })
  const caller = {
    Account: '123456789012',
    Arn: 'arn:aws:sts::123456789012:assumed-role/claude-code/gh-1',
    UserId: 'AROAEXAMPLE:gh-1'
  }

  it('proves who the credentials belong to', async () => {
    sts.on(GetCallerIdentityCommand).resolves(caller)
    const proof = await proveIdentity(client(), modelConfig())
    expect(proof.identity).toEqual({
      accountId: caller.Account,
      arn: caller.Arn,
      userId: caller.UserId
    })
    expect(proof.checks.map((c) => [c.id, c.status])).toEqual([['identity', 'pass']])
  })

  it.each([
    [['123456789012'], 'pass'],
    [['111111111111', '222222222222'], 'fail']
  ] as const)('enforces allowed-account-ids %j → %s', async (allowed, status) => {
    sts.on(GetCallerIdentityCommand).resolves(caller)
    const proof = await proveIdentity(client(), modelConfig({ allowedAccountIds: allowed }))
    const check = proof.checks.find((c) => c.id === 'allowed-account')
    expect(check?.status).toBe(status)
    if (status === 'fail') expect(check?.cause).toContain('nothing was exported')
  })

  it('fails with the diagnosis when GetCallerIdentity is refused', async () => {
    sts.on(GetCallerIdentityCommand).rejects(
      new STSServiceException({
        name: 'ExpiredToken',
        $fault: 'client',
        message: 'The security token included in the request is expired',
        $metadata: { httpStatusCode: 403 }
      })
    )
    const proof = await proveIdentity(client(), modelConfig())
    expect(proof.identity).toBeUndefined()
    expect(proof.checks[0]).toMatchObject({ id: 'identity', status: 'fail' })
    expect(proof.checks[0]?.cause).toMatch(/expired/i)
  })
})
