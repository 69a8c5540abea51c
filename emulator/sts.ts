// STS over awsQuery: AssumeRoleWithWebIdentity (unsigned, verifies the emulator's own OIDC
// tokens against the scenario's providers and trust policies), AssumeRole, GetCallerIdentity.
import { authenticate } from './auth.ts'
import {
  principalPolicy,
  type CredentialStore,
  type IssuedCredential,
  type Principal
} from './credentials.ts'
import { awsError, queryErrorReply, type AwsError } from './errors.ts'
import * as ids from './identifiers.ts'
import { checkIdToken, type Claims, type SigningKey } from './oidc.ts'
import { evaluatePolicy, wildcardMatch } from './policy.ts'
import { escapeXml, xmlReply, type Reply } from './reply.ts'
import type { RoleSpec, Scenario } from './scenario.ts'
import type { SignedRequest } from './sigv4.ts'

const NAMESPACE = 'https://sts.amazonaws.com/doc/2011-06-15/'
const MIN_DURATION = 900
const DEFAULT_DURATION = 3600
const CHAINED_MAX_DURATION = 3600
const DEFAULT_PROVIDER = 'token.actions.githubusercontent.com'

export interface StsContext {
  scenario: Scenario
  store: CredentialStore
  key: SigningKey
  requestId: string
  rememberSecret: (secret: string) => void
}

type Outcome = { error: AwsError } | { result: string }

function success(action: string, result: string, requestId: string): Reply {
  return xmlReply(
    200,
    `<${action}Response xmlns="${NAMESPACE}">\n  <${action}Result>\n${result}  </${action}Result>\n` +
      `  <ResponseMetadata>\n    <RequestId>${requestId}</RequestId>\n  </ResponseMetadata>\n</${action}Response>\n`
  )
}

const element = (name: string, value: string, indent = '    '): string =>
  `${indent}<${name}>${escapeXml(value)}</${name}>\n`

const validation = (message: string): AwsError => awsError(400, 'ValidationError', message)

function required(params: URLSearchParams, name: string, member: string): string | AwsError {
  const value = params.get(name)
  if (value === null || value === '') {
    return validation(
      `1 validation error detected: Value null at '${member}' failed to satisfy constraint: Member must not be null`
    )
  }
  return value
}

function checkSessionName(name: string): AwsError | undefined {
  if (name.length < 2 || name.length > 64) {
    return validation(
      `1 validation error detected: Value '${name}' at 'roleSessionName' failed to satisfy constraint: Member must have length ${name.length < 2 ? 'greater than or equal to 2' : 'less than or equal to 64'}`
    )
  }
  if (!/^[\w+=,.@-]*$/.test(name)) {
    return validation(
      `1 validation error detected: Value '${name}' at 'roleSessionName' failed to satisfy constraint: Member must satisfy regular expression pattern: [\\w+=,.@-]*`
    )
  }
  return undefined
}

function durationSeconds(
  params: URLSearchParams,
  maximum: number,
  chained: boolean
): number | AwsError {
  const raw = params.get('DurationSeconds')
  if (raw === null) return Math.min(DEFAULT_DURATION, maximum)
  const value = Number(raw)
  if (!Number.isInteger(value) || value < MIN_DURATION) {
    return validation(
      `1 validation error detected: Value '${raw}' at 'durationSeconds' failed to satisfy constraint: Member must have value greater than or equal to ${MIN_DURATION}`
    )
  }
  if (chained && value > CHAINED_MAX_DURATION) {
    return validation(
      'The requested DurationSeconds exceeds the 1 hour session limit for roles assumed by role chaining.'
    )
  }
  if (value > maximum)
    return validation(
      'The requested DurationSeconds exceeds the MaxSessionDuration set for this role.'
    )
  return value
}

interface ParsedRoleArn {
  partition: string
  account: string
  name: string
}

function parseRoleArn(arn: string): ParsedRoleArn | undefined {
  const match =
    /^arn:(aws|aws-us-gov|aws-cn):iam::(\d{12}):role\/(?:[\w+=,.@/-]*\/)?([\w+=,.@-]+)$/.exec(arn)
  if (!match?.[1] || !match[2] || !match[3]) return undefined
  return { partition: match[1], account: match[2], name: match[3] }
}

function findRole(scenario: Scenario, arn: ParsedRoleArn): RoleSpec | undefined {
  return scenario.roles.find(
    (role) => role.name === arn.name && (role.account ?? scenario.account) === arn.account
  )
}

const notAuthorized = (action: string): AwsError =>
  awsError(403, 'AccessDenied', `Not authorized to perform sts:${action}`)

function issueFor(
  context: StsContext,
  roleArn: ParsedRoleArn,
  sessionName: string,
  duration: number
): IssuedCredential {
  const { scenario } = context
  const roleId = ids.roleId(roleArn.account, roleArn.name)
  const principal: Principal = {
    arn: `arn:${roleArn.partition}:sts::${roleArn.account}:assumed-role/${roleArn.name}/${sessionName}`,
    userId: `${roleId}:${sessionName}`,
    account: roleArn.account,
    roleName: roleArn.name,
    roleArn: `arn:${roleArn.partition}:iam::${roleArn.account}:role/${roleArn.name}`
  }
  const lifetime = Math.min(duration, scenario.credentialLifetimeSeconds ?? duration)
  const credential = context.store.issue(principal, lifetime)
  context.rememberSecret(credential.accessKeyId)
  context.rememberSecret(credential.secretAccessKey)
  if (credential.sessionToken) context.rememberSecret(credential.sessionToken)
  return credential
}

function credentialXml(credential: IssuedCredential): string {
  const expiration = new Date(credential.expiresAt ?? 0).toISOString().replace(/\.\d{3}Z$/, 'Z')
  return (
    `    <AssumedRoleUser>\n` +
    element('AssumedRoleId', credential.principal.userId, '      ') +
    element('Arn', credential.principal.arn, '      ') +
    `    </AssumedRoleUser>\n    <Credentials>\n` +
    element('AccessKeyId', credential.accessKeyId, '      ') +
    element('SecretAccessKey', credential.secretAccessKey, '      ') +
    element('SessionToken', credential.sessionToken ?? '', '      ') +
    element('Expiration', expiration, '      ') +
    `    </Credentials>\n`
  )
}

function providerHost(issuer: string): string {
  return issuer.replace(/^https:\/\//, '').replace(/\/$/, '')
}

function tokenError(
  context: StsContext,
  token: string
): { error: AwsError } | { claims: Claims; provider: { url: string; audiences: string[] } } {
  const check = checkIdToken(context.key, token)
  const notJwt = awsError(
    400,
    'InvalidIdentityToken',
    'The ID Token provided is not a valid JWT. (You may see this error if you sent an Access Token)'
  )
  if (!check.ok && check.reason === 'malformed') return { error: notJwt }
  const claims = check.ok ? check.claims : (check.claims ?? {})
  const issuer = typeof claims['iss'] === 'string' ? claims['iss'] : ''
  const provider = context.scenario.oidcProviders.find(
    (p) => providerHost(p.url) === providerHost(issuer)
  )
  if (!provider) {
    return {
      error: awsError(
        400,
        'InvalidIdentityToken',
        `No OpenIDConnect provider found in your account for ${issuer}`
      )
    }
  }
  if (!check.ok) {
    return {
      error: awsError(
        400,
        'InvalidIdentityToken',
        'The web identity token that was passed could not be validated by AWS. Get a new identity token from the identity provider and then retry the request.'
      )
    }
  }
  const now = Math.floor(Date.now() / 1000)
  const exp = typeof claims['exp'] === 'number' ? claims['exp'] : 0
  if (now >= exp) {
    return {
      error: awsError(
        400,
        'ExpiredTokenException',
        `Token expired: current date/time ${now} must be before the expiration date/time${exp}`
      )
    }
  }
  const audience = typeof claims['aud'] === 'string' ? claims['aud'] : ''
  if (!provider.audiences.includes(audience)) {
    return { error: awsError(400, 'InvalidIdentityToken', 'Incorrect token audience') }
  }
  return { claims, provider }
}

function assumeRoleWithWebIdentity(params: URLSearchParams, context: StsContext): Outcome {
  const action = 'AssumeRoleWithWebIdentity'
  const roleArnText = required(params, 'RoleArn', 'roleArn')
  if (typeof roleArnText !== 'string') return { error: roleArnText }
  const sessionName = required(params, 'RoleSessionName', 'roleSessionName')
  if (typeof sessionName !== 'string') return { error: sessionName }
  const token = required(params, 'WebIdentityToken', 'webIdentityToken')
  if (typeof token !== 'string') return { error: token }
  const badName = checkSessionName(sessionName)
  if (badName) return { error: badName }

  const verified = tokenError(context, token)
  if ('error' in verified) return verified
  const { claims, provider } = verified
  const roleArn = parseRoleArn(roleArnText)
  const role = roleArn && findRole(context.scenario, roleArn)
  const trust = role?.trust.oidc
  const sub = String(claims['sub'] ?? '')
  const aud = String(claims['aud'] ?? '')
  const trusted =
    trust !== undefined &&
    providerHost(trust.provider ?? DEFAULT_PROVIDER) === providerHost(provider.url) &&
    trust.audiences.includes(aud) &&
    trust.subjects.some((pattern) => wildcardMatch(pattern, sub))
  if (!roleArn || !role || !trusted) return { error: notAuthorized(action) }

  const duration = durationSeconds(params, role.maxSessionDurationSeconds, false)
  if (typeof duration !== 'number') return { error: duration }
  const credential = issueFor(context, roleArn, sessionName, duration)
  const host = providerHost(provider.url)
  // STS copies this claim into the session when the provider sets it.
  const sourceIdentity = claims['https://aws.amazon.com/source_identity']
  return {
    result:
      element('SubjectFromWebIdentityToken', sub) +
      element('Audience', aud) +
      credentialXml(credential) +
      element(
        'Provider',
        `arn:${roleArn.partition}:iam::${roleArn.account}:oidc-provider/${host}`
      ) +
      (typeof sourceIdentity === 'string' ? element('SourceIdentity', sourceIdentity) : '')
  }
}

/**
 * AssumeRole as IAM decides it: the role's trust policy must name the caller (its role, for a
 * session) and match sts:ExternalId when it has that condition; across accounts the caller's own
 * policy must also allow sts:AssumeRole on the role. Every refusal is the same AccessDenied, as
 * with STS. From temporary credentials it is role chaining: one hour at most.
 */
function assumeRole(
  params: URLSearchParams,
  caller: Principal,
  temporary: boolean,
  context: StsContext
): Outcome {
  const roleArnText = required(params, 'RoleArn', 'roleArn')
  if (typeof roleArnText !== 'string') return { error: roleArnText }
  const sessionName = required(params, 'RoleSessionName', 'roleSessionName')
  if (typeof sessionName !== 'string') return { error: sessionName }
  const badName = checkSessionName(sessionName)
  if (badName) return { error: badName }
  const externalId = params.get('ExternalId')
  if (externalId !== null && !/^[\w+=,.@:/-]{2,1224}$/.test(externalId)) {
    return {
      error: validation(
        `1 validation error detected: Value '${externalId}' at 'externalId' failed to satisfy constraint: Member must satisfy regular expression pattern: [\\w+=,.@:\\/-]*`
      )
    }
  }
  const roleArn = parseRoleArn(roleArnText)
  const role = roleArn && findRole(context.scenario, roleArn)
  const callerArns = [caller.arn, ...(caller.roleArn ? [caller.roleArn] : [])]
  const patterns = role?.trust.awsPrincipals ?? []
  const named = patterns.some((pattern) => callerArns.some((arn) => wildcardMatch(pattern, arn)))
  // Naming the account (":root") delegates to that account's own policies.
  const accountNamed = patterns.some(
    (pattern) => /^arn:[^:]+:iam::(\d{12}):root$/.exec(pattern)?.[1] === caller.account
  )
  const externalIdMatches =
    role?.trust.externalId === undefined || role.trust.externalId === externalId
  const crossAccount = roleArn !== undefined && roleArn.account !== caller.account
  const policyAllows =
    evaluatePolicy(principalPolicy(caller, context.scenario), 'sts:AssumeRole', roleArnText) ===
    'allow'
  const trusted = (named && (!crossAccount || policyAllows)) || (accountNamed && policyAllows)
  if (!roleArn || !role || !trusted || !externalIdMatches) {
    return {
      error: awsError(
        403,
        'AccessDenied',
        `User: ${caller.arn} is not authorized to perform: sts:AssumeRole on resource: ${roleArnText}`
      )
    }
  }
  const duration = durationSeconds(params, role.maxSessionDurationSeconds, temporary)
  if (typeof duration !== 'number') return { error: duration }
  return { result: credentialXml(issueFor(context, roleArn, sessionName, duration)) }
}

function getCallerIdentity(caller: Principal): Outcome {
  return {
    result:
      element('Arn', caller.arn) +
      element('UserId', caller.userId) +
      element('Account', caller.account)
  }
}

export function handleSts(
  request: SignedRequest,
  params: URLSearchParams,
  context: StsContext
): Reply {
  const action = params.get('Action') ?? ''
  const finish = (outcome: Outcome): Reply =>
    'error' in outcome
      ? queryErrorReply(outcome.error, context.requestId)
      : success(action, outcome.result, context.requestId)

  if (action === 'AssumeRoleWithWebIdentity')
    return finish(assumeRoleWithWebIdentity(params, context))
  if (action !== 'AssumeRole' && action !== 'GetCallerIdentity') {
    return finish({
      error: awsError(
        400,
        'InvalidAction',
        `Could not find operation ${action} for version 2011-06-15`
      )
    })
  }
  const auth = authenticate(request, {
    scenario: context.scenario,
    store: context.store,
    service: 'sts',
    style: 'query',
    allowBearer: false
  })
  if (!auth.ok) return finish({ error: auth.error })
  return finish(
    action === 'AssumeRole'
      ? assumeRole(params, auth.principal, auth.temporary === true, context)
      : getCallerIdentity(auth.principal)
  )
}
