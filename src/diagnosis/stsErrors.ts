import { accountOf, codeBlock, jsonBlock, roleNameOf } from './recognizer.js'
import type { Finding, Recognizer } from './recognizer.js'
import {
  describeClaims,
  GITHUB_OIDC_HOST,
  GITHUB_OIDC_URL,
  oidcProviderArn,
  subjectPitfalls,
  trustPolicyStatement
} from './trustPolicy.js'
import { roleChainingRecognizers } from './roleChainingErrors.js'
import { tokenFileRecognizers } from './tokenFileErrors.js'
import type { DiagnosisContext } from './types.js'

const DEFAULT_AUDIENCE = 'sts.amazonaws.com'

function audienceOf(ctx: DiagnosisContext): string {
  return ctx.audience ?? ctx.claims?.aud ?? DEFAULT_AUDIENCE
}

function roleLabel(ctx: DiagnosisContext): string {
  return ctx.roleArn !== undefined ? `role \`${ctx.roleArn}\`` : 'the role'
}

function inAccount(ctx: DiagnosisContext): string {
  const account = accountOf(ctx)
  return account !== undefined ? `account ${account}` : "the role's account"
}

const noOidcProvider: Recognizer = (info, ctx) => {
  if (info.code !== 'InvalidIdentityToken' || !/No OpenIDConnect provider/i.test(info.message))
    return undefined
  return {
    cause: `${inAccount(ctx)} has no IAM OIDC identity provider for ${GITHUB_OIDC_URL}, so STS cannot accept GitHub's token.`,
    fix: [
      `Create the provider once in ${inAccount(ctx)} (the account of \`role-to-assume\`), with audience \`${audienceOf(ctx)}\`:`,
      codeBlock(
        'sh',
        `aws iam create-open-id-connect-provider --url ${GITHUB_OIDC_URL} --client-id-list ${audienceOf(ctx)}`
      ),
      `Then trust it from the role: \`"Principal": {"Federated": "${oidcProviderArn(ctx.partition, accountOf(ctx))}"}\`.`
    ].join('\n'),
    transient: false
  }
}

const incorrectAudience: Recognizer = (info, ctx) => {
  if (info.code !== 'InvalidIdentityToken' || !/audience/i.test(info.message)) return undefined
  const audience = audienceOf(ctx)
  return {
    cause: `The token's audience \`${ctx.claims?.aud ?? audience}\` is not a client id of the ${GITHUB_OIDC_HOST} OIDC provider in ${inAccount(ctx)}.`,
    fix: [
      `Either add the audience to the provider's client ids:`,
      codeBlock(
        'sh',
        `aws iam add-client-id-to-open-id-connect-provider --open-id-connect-provider-arn ${oidcProviderArn(ctx.partition, accountOf(ctx))} --client-id ${audience}`
      ),
      `or set the \`audience\` input to a client id the provider lists (the default is \`${DEFAULT_AUDIENCE}\`). The role's trust policy must require the same value in \`${GITHUB_OIDC_HOST}:aud\`.`
    ].join('\n'),
    transient: false
  }
}

function trustFix(ctx: DiagnosisContext): string {
  const claims = ctx.claims ?? {}
  const lines = [
    `Make the trust policy of ${roleLabel(ctx)} accept this job's token. A statement that matches it:`,
    jsonBlock(trustPolicyStatement(claims, audienceOf(ctx), ctx.partition, accountOf(ctx)))
  ]
  if (claims.sub !== undefined) {
    lines.push(
      `To allow only this exact job context instead of the whole repository, use \`"StringEquals": {"${GITHUB_OIDC_HOST}:sub": "${claims.sub}"}\`.`
    )
  }
  lines.push(...subjectPitfalls(ctx.claims).map((note) => `- ${note}`))
  const roleName = roleNameOf(ctx.roleArn)
  lines.push(
    `- STS answers the same way when the role does not exist: check \`role-to-assume\` names the right account and role.` +
      (roleName !== undefined
        ? ` Compare with: \`aws iam get-role --role-name ${roleName} --query Role.AssumeRolePolicyDocument\``
        : '')
  )
  return lines.join('\n')
}

const trustMismatch: Recognizer = (info, ctx) => {
  if (ctx.operation !== 'AssumeRoleWithWebIdentity') return undefined
  if (
    !['AccessDenied', 'AccessDeniedException', 'IDPRejectedClaim', 'InvalidIdentityToken'].includes(
      info.code
    )
  ) {
    return undefined
  }
  const verdict =
    info.code === 'IDPRejectedClaim' || info.code === 'InvalidIdentityToken'
      ? 'STS rejected the token'
      : "its trust policy does not accept this job's token"
  return {
    cause: `AssumeRoleWithWebIdentity was denied for ${roleLabel(ctx)}: ${verdict} (${describeClaims(ctx.claims)}).`,
    fix: trustFix(ctx),
    transient: false
  }
}

const idpCommunication: Recognizer = (info) => {
  if (info.code !== 'IDPCommunicationError') return undefined
  return {
    cause: `STS could not fetch GitHub's OIDC signing keys from ${GITHUB_OIDC_URL} (a temporary failure between AWS and GitHub).`,
    fix: 'Retry with a fresh token (the action does so within its retry budget); if it persists, re-run the job and check githubstatus.com.',
    transient: true
  }
}

const oidcTokenExpired: Recognizer = (info, ctx) => {
  if (
    ctx.operation !== 'AssumeRoleWithWebIdentity' ||
    !/^ExpiredToken(Exception)?$/.test(info.code)
  )
    return undefined
  return {
    cause: 'The GitHub OIDC token expired before STS received it (tokens live a few minutes).',
    fix: "Fetch a fresh token and assume the role again right away (a retry does this). If it keeps happening, the runner's clock may be wrong: sync it (NTP) on self-hosted runners.",
    transient: true
  }
}

function durationFinding(ctx: DiagnosisContext): Finding {
  const asked =
    ctx.durationSeconds !== undefined ? `${ctx.durationSeconds} s` : 'the requested duration'
  const roleName = roleNameOf(ctx.roleArn) ?? 'ROLE_NAME'
  return {
    cause: `\`role-duration-seconds\` (${asked}) exceeds the MaxSessionDuration of ${roleLabel(ctx)}.`,
    fix: [
      "Lower `role-duration-seconds` to at most the role's maximum (default 3600), or raise the maximum (up to 43200) so the session outlives the job:",
      codeBlock(
        'sh',
        `aws iam update-role --role-name ${roleName} --max-session-duration ${Math.min(43200, Math.max(3600, ctx.durationSeconds ?? 3600))}`
      ),
      'A session shorter than the job makes Claude Code fail midway with expired credentials.'
    ].join('\n'),
    transient: false
  }
}

const durationTooLong: Recognizer = (info, ctx) =>
  /^Validation(Error|Exception)$/.test(info.code) &&
  /DurationSeconds|MaxSessionDuration/i.test(info.message)
    ? durationFinding(ctx)
    : undefined

const regionDisabled: Recognizer = (info, ctx) => {
  if (info.code !== 'RegionDisabledException') return undefined
  return {
    cause: `STS is not activated in ${ctx.region} for ${inAccount(ctx)}.`,
    fix: `Activate it: IAM console → Account settings → Security Token Service (STS) → Endpoints → ${ctx.region} → Activate (needs an account administrator). Or point \`sts-endpoint\` at a region where STS is active.`,
    transient: false
  }
}

/** Order matters: specific messages before the catch-all trust mismatch on AssumeRoleWithWebIdentity. */
export const stsRecognizers: readonly Recognizer[] = [
  ...roleChainingRecognizers,
  ...tokenFileRecognizers,
  noOidcProvider,
  incorrectAudience,
  idpCommunication,
  oidcTokenExpired,
  durationTooLong,
  regionDisabled,
  trustMismatch
]
