// Who a request is: the credentials the emulator issued, plus the scenario's pre-existing
// credentials and API keys. Policies are looked up in the current scenario at call time, the way
// an IAM change applies to sessions already issued.
import * as ids from './identifiers.ts'
import type { PolicyStatement, Scenario } from './scenario.ts'

export interface Principal {
  arn: string
  userId: string
  account: string
  /** Set for assumed-role sessions: the role's policy applies. */
  roleName?: string
  roleArn?: string
  /** Set for static identities (environment credentials, API keys). */
  statements?: PolicyStatement[]
}

export interface IssuedCredential {
  accessKeyId: string
  secretAccessKey: string
  sessionToken?: string
  /** Epoch ms; undefined = never expires. */
  expiresAt?: number
  principal: Principal
}

export function principalPolicy(principal: Principal, scenario: Scenario): PolicyStatement[] {
  if (principal.statements) return principal.statements
  return (
    scenario.roles.find(
      (role) =>
        role.name === principal.roleName && (role.account ?? scenario.account) === principal.account
    )?.policy ?? []
  )
}

export class CredentialStore {
  private readonly issued = new Map<string, IssuedCredential>()

  issue(principal: Principal, lifetimeSeconds: number): IssuedCredential {
    // Whole seconds: STS prints Expiration without fractions, and the emulator enforces that time.
    const expiresAt = Math.floor((Date.now() + lifetimeSeconds * 1000) / 1000) * 1000
    const credential: IssuedCredential = {
      accessKeyId: ids.temporaryAccessKeyId(),
      secretAccessKey: ids.secretAccessKey(),
      sessionToken: ids.sessionToken(),
      expiresAt,
      principal
    }
    this.issued.set(credential.accessKeyId, credential)
    return credential
  }

  /** Issued credentials first, then the scenario's environment credentials. */
  find(accessKeyId: string, scenario: Scenario): IssuedCredential | undefined {
    const issued = this.issued.get(accessKeyId)
    if (issued) return issued
    const spec = scenario.environmentCredentials.find((c) => c.accessKeyId === accessKeyId)
    if (!spec) return undefined
    return {
      accessKeyId: spec.accessKeyId,
      secretAccessKey: spec.secretAccessKey,
      ...(spec.sessionToken === undefined ? {} : { sessionToken: spec.sessionToken }),
      ...(spec.expiresAt === undefined ? {} : { expiresAt: Date.parse(spec.expiresAt) }),
      principal: {
        arn: spec.arn,
        userId: staticUserId(spec.accessKeyId, spec.arn),
        account: arnAccount(spec.arn),
        ...roleOfSession(spec.arn),
        statements: spec.policy
      }
    }
  }

  all(): IssuedCredential[] {
    return [...this.issued.values()]
  }
}

export function apiKeyPrincipal(scenario: Scenario, key: string): Principal | undefined {
  const spec = scenario.apiKeys.find((k) => k.key === key)
  if (!spec) return undefined
  return {
    arn: spec.principalArn,
    userId: `AIDA${ids.roleId(scenario.account, spec.principalArn).slice(4)}`,
    account: arnAccount(spec.principalArn),
    statements: spec.policy
  }
}

/** A trust policy names the role of an assumed-role session: `…:assumed-role/NAME/SESSION` → the role ARN. */
function roleOfSession(arn: string): { roleArn?: string } {
  const match = /^arn:([^:]+):sts::(\d{12}):assumed-role\/([^/]+)\//.exec(arn)
  return match ? { roleArn: `arn:${match[1]}:iam::${match[2]}:role/${match[3]}` } : {}
}

export function arnAccount(arn: string): string {
  return arn.split(':')[4] ?? ''
}

/** GetCallerIdentity's UserId: role id + session for assumed roles, a user id for IAM users. */
function staticUserId(accessKeyId: string, arn: string): string {
  const assumed = /:assumed-role\/([^/]+)\/(.+)$/.exec(arn)
  if (assumed?.[1] && assumed[2]) return `${ids.roleId(arnAccount(arn), assumed[1])}:${assumed[2]}`
  return `AIDA${ids.roleId(arnAccount(arn), accessKeyId).slice(4)}`
}
