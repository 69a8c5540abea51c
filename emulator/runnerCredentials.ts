// The credentials a self-hosted runner gets from its platform, so the SDK's own default chain is
// exercised end to end: EC2 instance metadata (IMDSv2: PUT a session token, then GET the role name
// and its credentials with it) and a container credentials endpoint (EKS Pod Identity / ECS:
// AWS_CONTAINER_CREDENTIALS_FULL_URI with an Authorization token). Both hand out sessions of a
// scenario role, kept until a quarter of their lifetime is left, as IMDS rotates them.
import type { CredentialStore, IssuedCredential } from './credentials.ts'
import * as ids from './identifiers.ts'
import { jsonReply, type Reply } from './reply.ts'
import type { RunnerRoleSpec, Scenario } from './scenario.ts'

const DEFAULT_LIFETIME_S = 6 * 3600
const MAX_IMDS_TOKEN_TTL_S = 21600

const text = (status: number, body: string): Reply => ({
  status,
  headers: { 'content-type': 'text/plain' },
  body: Buffer.from(body)
})

const iso = (ms: number): string => new Date(ms).toISOString().replace(/\.\d{3}Z$/, 'Z')

function header(headers: Record<string, string | string[] | undefined>, name: string): string {
  const value = headers[name]
  return (Array.isArray(value) ? value[0] : value) ?? ''
}

export class RunnerCredentialService {
  private readonly imdsTokens = new Map<string, number>()
  private readonly current = new Map<string, IssuedCredential>()

  private readonly store: CredentialStore
  private readonly rememberSecret: (secret: string) => void

  constructor(store: CredentialStore, rememberSecret: (secret: string) => void) {
    this.store = store
    this.rememberSecret = rememberSecret
  }

  /** A session of the spec's role, reused until a quarter of its lifetime is left. */
  private session(kind: string, spec: RunnerRoleSpec, scenario: Scenario): IssuedCredential {
    const lifetime = spec.lifetimeSeconds ?? DEFAULT_LIFETIME_S
    const existing = this.current.get(kind)
    if (
      existing?.expiresAt !== undefined &&
      existing.expiresAt - Date.now() > (lifetime * 1000) / 4
    )
      return existing
    const account = spec.account ?? scenario.account
    const credential = this.store.issue(
      {
        arn: `arn:aws:sts::${account}:assumed-role/${spec.roleName}/${spec.sessionName}`,
        userId: `${ids.roleId(account, spec.roleName)}:${spec.sessionName}`,
        account,
        roleName: spec.roleName,
        roleArn: `arn:aws:iam::${account}:role/${spec.roleName}`
      },
      lifetime
    )
    for (const secret of [
      credential.accessKeyId,
      credential.secretAccessKey,
      credential.sessionToken
    ])
      if (secret) this.rememberSecret(secret)
    this.current.set(kind, credential)
    return credential
  }

  /** `PUT /latest/api/token`, `GET /latest/meta-data/iam/security-credentials/[NAME]`. */
  imds(
    method: string,
    path: string,
    headers: Record<string, string | string[] | undefined>,
    scenario: Scenario
  ): Reply {
    if (path === '/latest/api/token') {
      if (method !== 'PUT') return text(405, '')
      const ttl = Number(header(headers, 'x-aws-ec2-metadata-token-ttl-seconds'))
      if (!Number.isInteger(ttl) || ttl < 1 || ttl > MAX_IMDS_TOKEN_TTL_S) return text(400, '')
      const token = ids.opaqueId(40)
      this.imdsTokens.set(token, Date.now() + ttl * 1000)
      this.rememberSecret(token)
      return text(200, token)
    }
    // IMDSv2 only (HttpTokens: required): a GET without a valid session token is refused.
    const expires = this.imdsTokens.get(header(headers, 'x-aws-ec2-metadata-token'))
    if (expires === undefined || expires <= Date.now()) return text(401, '')
    const base = '/latest/meta-data/iam/security-credentials/'
    const profile = scenario.instanceProfile
    if (method !== 'GET' || !path.startsWith(base) || profile === undefined) return text(404, '')
    const name = path.slice(base.length)
    if (name === '') return text(200, profile.roleName)
    if (name !== profile.roleName) return text(404, '')
    const credential = this.session('imds', profile, scenario)
    return jsonReply(200, {
      Code: 'Success',
      LastUpdated: iso(Date.now()),
      Type: 'AWS-HMAC',
      AccessKeyId: credential.accessKeyId,
      SecretAccessKey: credential.secretAccessKey,
      Token: credential.sessionToken,
      Expiration: iso(credential.expiresAt ?? 0)
    })
  }

  /** `GET /container-credentials…` with `Authorization: <token>`. */
  container(
    method: string,
    headers: Record<string, string | string[] | undefined>,
    scenario: Scenario
  ): Reply {
    const spec = scenario.containerCredentials
    if (spec === undefined || method !== 'GET') return jsonReply(404, { message: 'Not Found' })
    if (header(headers, 'authorization') !== spec.authorizationToken) {
      return jsonReply(401, {
        code: 'AccessDeniedException',
        message: 'Invalid authorization token'
      })
    }
    const credential = this.session('container', spec, scenario)
    return jsonReply(200, {
      AccessKeyId: credential.accessKeyId,
      SecretAccessKey: credential.secretAccessKey,
      Token: credential.sessionToken,
      AccountId: spec.account ?? scenario.account,
      Expiration: iso(credential.expiresAt ?? 0)
    })
  }
}
