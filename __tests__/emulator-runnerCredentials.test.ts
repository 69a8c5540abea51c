// The emulator's self-hosted runner side, driven by the SDK's own providers: instance metadata
// (IMDSv2) and the container credentials endpoint, then AssumeRole as IAM decides it.
import { describe, expect, it } from '@jest/globals'
import { AssumeRoleCommand, GetCallerIdentityCommand, STSClient } from '@aws-sdk/client-sts'
import { loadScenario } from '../emulator/index.ts'
import { useEmulator } from '../__fixtures__/emulator.ts'

const emulator = useEmulator()
const TARGET = 'arn:aws:iam::123456789012:role/claude-code'

const sts = (credentials: {
  accessKeyId: string
  secretAccessKey: string
  sessionToken?: string
}) => new STSClient({ region: 'us-east-1', endpoint: emulator.url, maxAttempts: 1, credentials })

/** The IMDSv2 exchange the SDK's instance provider makes (the e2e tests run the SDK's own). */
async function fromInstanceMetadata(): Promise<{
  accessKeyId: string
  secretAccessKey: string
  sessionToken: string
}> {
  const token = await (
    await fetch(`${emulator.url}/latest/api/token`, {
      method: 'PUT',
      headers: { 'x-aws-ec2-metadata-token-ttl-seconds': '21600' }
    })
  ).text()
  const headers = { 'x-aws-ec2-metadata-token': token }
  const base = `${emulator.url}/latest/meta-data/iam/security-credentials/`
  const role = await (await fetch(base, { headers })).text()
  const body = (await (await fetch(base + role, { headers })).json()) as Record<string, string>
  expect(body.Code).toBe('Success')
  return {
    accessKeyId: body.AccessKeyId ?? '',
    secretAccessKey: body.SecretAccessKey ?? '',
    sessionToken: body.Token ?? ''
  }
}

describe('instance metadata (IMDSv2 only)', () => {
  it('serves the instance role session after a PUT token; the session is the runner role', async () => {
    emulator.setScenario(loadScenario('self-hosted-runner'))
    const credentials = await fromInstanceMetadata()
    expect(credentials.accessKeyId).toMatch(/^ASIA/)
    const identity = await sts(credentials).send(new GetCallerIdentityCommand({}))
    expect(identity.Arn).toBe(
      'arn:aws:sts::111122223333:assumed-role/gha-runner/i-0a1b2c3d4e5f60718'
    )
    expect(emulator.requests.map((r) => r.operation)).toContain('GetMetadataToken')
  })

  it('refuses a GET without a session token (HttpTokens: required)', async () => {
    emulator.setScenario(loadScenario('self-hosted-runner'))
    const response = await fetch(`${emulator.url}/latest/meta-data/iam/security-credentials/`)
    expect(response.status).toBe(401)
  })
})

describe('container credentials endpoint', () => {
  it('needs the authorization token', async () => {
    emulator.setScenario(loadScenario('self-hosted-runner'))
    const url = `${emulator.url}/container-credentials/v1/credentials`
    expect((await fetch(url, { headers: { authorization: 'wrong' } })).status).toBe(401)
    const env = emulator.selfHostedEnv('container')
    const ok = await fetch(url, {
      headers: { authorization: env.AWS_CONTAINER_AUTHORIZATION_TOKEN ?? '' }
    })
    expect(ok.status).toBe(200)
    const body = (await ok.json()) as Record<string, string>
    expect(Object.keys(body).sort()).toEqual([
      'AccessKeyId',
      'AccountId',
      'Expiration',
      'SecretAccessKey',
      'Token'
    ])
    expect(body.AccountId).toBe('111122223333')
  })
})

describe('AssumeRole from the runner session', () => {
  const runnerSession = fromInstanceMetadata

  it("is role chaining: more than an hour is STS's ValidationError, an hour works", async () => {
    emulator.setScenario(loadScenario('self-hosted-runner'))
    const client = sts(await runnerSession())
    const send = (DurationSeconds: number) =>
      client.send(
        new AssumeRoleCommand({ RoleArn: TARGET, RoleSessionName: 's1', DurationSeconds })
      )
    await expect(send(7200)).rejects.toMatchObject({
      name: 'ValidationError',
      message:
        'The requested DurationSeconds exceeds the 1 hour session limit for roles assumed by role chaining.'
    })
    const ok = await send(3600)
    expect(ok.AssumedRoleUser?.Arn).toBe('arn:aws:sts::123456789012:assumed-role/claude-code/s1')
  })

  it('needs the external id the trust policy names, and the caller policy across accounts', async () => {
    const scenario = loadScenario('self-hosted-runner')
    emulator.setScenario(scenario)
    const client = sts(await runnerSession())
    const vendor = 'arn:aws:iam::123456789012:role/claude-code-vendor'
    const assume = (ExternalId?: string) =>
      client.send(
        new AssumeRoleCommand({
          RoleArn: vendor,
          RoleSessionName: 'ss',
          ...(ExternalId ? { ExternalId } : {})
        })
      )
    await expect(assume()).rejects.toMatchObject({ name: 'AccessDenied' })
    await expect(assume('wrong-id')).rejects.toMatchObject({ name: 'AccessDenied' })
    await expect(assume('octo-org-7f3a9c')).resolves.toBeDefined()

    const runner = scenario.roles.find((role) => role.name === 'gha-runner')
    if (runner) runner.policy = []
    emulator.setScenario(scenario)
    await expect(
      client.send(new AssumeRoleCommand({ RoleArn: TARGET, RoleSessionName: 'ss' }))
    ).rejects.toMatchObject({
      name: 'AccessDenied',
      message: `User: arn:aws:sts::111122223333:assumed-role/gha-runner/i-0a1b2c3d4e5f60718 is not authorized to perform: sts:AssumeRole on resource: ${TARGET}`
    })
  })
})
