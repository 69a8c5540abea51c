import { CHAINED_SESSION_MAX_SECONDS } from '../credentials/runnerCredentials.js'
import { codeBlock, jsonBlock, roleNameOf, type Recognizer } from './recognizer.js'
import type { DiagnosisContext } from './types.js'

/**
 * STS's AccessDenied for AssumeRole names the caller and the role:
 * "User: arn:aws:sts::111122223333:assumed-role/runner/i-0abc is not authorized to perform:
 * sts:AssumeRole on resource: arn:aws:iam::123456789012:role/claude-code".
 */
const DENIED =
  /User: (arn:[^\s]+) is not authorized to perform: sts:AssumeRole on resource: (arn:[^\s]+)/

/**
 * The IAM principal a trust policy names for a caller: an assumed-role session ARN
 * (`arn:aws:sts::ACCOUNT:assumed-role/NAME/SESSION`) stands for its role; the role's path is not in
 * the session ARN, so the fix says to check it. Users and roles are named as they are.
 */
export function principalForTrust(callerArn: string): { arn: string; roleName?: string } {
  const assumed = /^arn:([^:]+):sts::(\d{12}):assumed-role\/([^/]+)\/.+$/.exec(callerArn)
  if (assumed !== null) {
    const [, partition = 'aws', account = '', name = ''] = assumed
    return { arn: `arn:${partition}:iam::${account}:role/${name}`, roleName: name }
  }
  return { arn: callerArn }
}

function externalIdSentence(ctx: DiagnosisContext): string {
  return ctx.externalIdGiven === true
    ? "`role-external-id` was sent and must equal the value in the trust policy's `sts:ExternalId` condition exactly (case-sensitive)"
    : 'no external id was sent: if the trust policy has a `sts:ExternalId` condition (vendor and cross-account roles often do), set `role-external-id` to that value'
}

const chainingDenied: Recognizer = (info, ctx) => {
  if (ctx.operation !== 'AssumeRole' || !/^AccessDenied(Exception)?$/.test(info.code))
    return undefined
  const match = DENIED.exec(info.message)
  const caller = match?.[1]
  const target = match?.[2] ?? ctx.roleArn ?? 'ROLE_ARN'
  const principal = caller !== undefined ? principalForTrust(caller) : undefined
  const principalArn = principal?.arn ?? 'arn:aws:iam::RUNNER_ACCOUNT_ID:role/RUNNER_ROLE'
  const trust: Record<string, unknown> = {
    Effect: 'Allow',
    Principal: { AWS: principalArn },
    Action: 'sts:AssumeRole',
    ...(ctx.externalIdGiven === true
      ? { Condition: { StringEquals: { 'sts:ExternalId': 'THE_ROLE_EXTERNAL_ID_VALUE' } } }
      : {})
  }
  const identity = {
    Effect: 'Allow',
    Action: 'sts:AssumeRole',
    Resource: target
  }
  const targetName = roleNameOf(target)
  const runnerName = principal?.roleName
  const who = caller !== undefined ? `\`${caller}\`` : "The runner's credentials"
  const noun =
    principal === undefined || principal.roleName !== undefined
      ? "the runner's role"
      : "the runner's IAM identity"
  return {
    cause: `${who} (from ${ctx.runnerLabel ?? "the runner's credentials"}) may not assume \`${target}\`. STS gives this one answer for three causes: the role's trust policy does not name ${noun}, ${noun}'s own policy does not allow \`sts:AssumeRole\` on the role, or the external id does not match (${externalIdSentence(ctx)}).`,
    fix: [
      `1. The trust policy of \`${target}\` must name ${noun} (a statement like this one):`,
      jsonBlock(trust),
      ...(principal?.roleName !== undefined
        ? [
            `   A session ARN does not show the role's path: if \`${runnerName ?? ''}\` has one, write it (\`aws iam get-role --role-name ${runnerName ?? ''} --query Role.Arn\`).`
          ]
        : []),
      `2. ${noun[0]?.toUpperCase() ?? ''}${noun.slice(1)} needs an identity policy statement allowing the call (in its own account; across accounts both sides must allow it):`,
      jsonBlock(identity),
      `3. External id: ${externalIdSentence(ctx)}.`,
      ...(targetName !== undefined
        ? [
            'Compare with:',
            codeBlock(
              'sh',
              `aws iam get-role --role-name ${targetName} --query Role.AssumeRolePolicyDocument`
            )
          ]
        : []),
      'A Service Control Policy that denies `sts:AssumeRole` answers the same way; so does a role that does not exist.'
    ].join('\n'),
    transient: false
  }
}

const chainedDurationTooLong: Recognizer = (info, ctx) => {
  if (!/^Validation(Error|Exception)$/.test(info.code) || !/role chaining/i.test(info.message))
    return undefined
  return {
    cause: `AWS limits a session assumed by role chaining to ${CHAINED_SESSION_MAX_SECONDS} s, and ${ctx.durationSeconds ?? 'the requested'} s was asked: STS counts every AssumeRole signed with temporary credentials (an instance or pod role, a GetSessionToken session) as role chaining.`,
    fix: `Set \`role-duration-seconds\` to ${CHAINED_SESSION_MAX_SECONDS} or less; raising the role's MaxSessionDuration does not lift this limit. Jobs longer than an hour keep working with \`refresh-credentials: true\`: later steps assume the role again before the session ends.`,
    transient: false
  }
}

const runnerCredentialsRejected: Recognizer = (info, ctx) => {
  if (ctx.operation !== 'AssumeRole') return undefined
  const expired = /^(ExpiredToken(Exception)?|RequestExpired)$/.test(info.code)
  const unknown = /^(InvalidClientTokenId|UnrecognizedClientException)$/.test(info.code)
  if (!expired && !unknown) return undefined
  return {
    cause: `STS rejected the runner's own credentials (from ${ctx.runnerLabel ?? "the SDK's default chain"}) that sign AssumeRole: they ${expired ? 'have expired' : 'are unknown to AWS (deleted, deactivated, another partition, or a truncated session token)'}.`,
    fix: 'Give the runner working credentials of its own: instance and pod credentials renew themselves; key variables or a profile set by an earlier step must be current (a session that expired before this step, or a rotated secret, fails here).',
    transient: false
  }
}

/** Before the general STS and credential recognizers, which would read these as the OIDC path's. */
export const roleChainingRecognizers: readonly Recognizer[] = [
  chainedDurationTooLong,
  chainingDenied,
  runnerCredentialsRejected
]
