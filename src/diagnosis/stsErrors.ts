import { accountOf, codeBlock, jsonBlock, roleNameOf } from './recognizer.js'
import type { Finding, Recognizer } from './recognizer.js'
import {
  describeClaims,
  GITHUB_OIDC_HOST,
  GITHUB_OIDC_URL,
  oidcProviderArn,
  subjectPitfalls,
  trustPolicyDocument
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

function roleCheck(ctx: DiagnosisContext): string {
  const roleName = roleNameOf(ctx.roleArn)
  const account = accountOf(ctx)
  return `Check the role name and account in \`role-to-assume\`${ctx.roleArn !== undefined ? ` (\`${ctx.roleArn}\`)` : ''}: STS answers exactly like this when the role does not exist (a typo, or another account's id).${roleName !== undefined ? ` In ${account !== undefined ? `account ${account}` : "the role's account"}: \`aws iam get-role --role-name ${roleName} --query Role.AssumeRolePolicyDocument\`` : ''}`
}

function trustFix(ctx: DiagnosisContext, roleMayBeMissing: boolean): string {
  const claims = ctx.claims ?? {}
  const lines = roleMayBeMissing ? [`1. ${roleCheck(ctx)}`] : []
  lines.push(
    `${roleMayBeMissing ? '2. If the role exists, make' : 'Make'} its trust policy accept this job's token. A complete trust policy that matches only this job's ${claims.sub !== undefined ? `\`sub\` (\`${claims.sub}\`)` : 'repository (narrow the pattern to your branch or environment)'}:`,
    jsonBlock(trustPolicyDocument(claims, audienceOf(ctx), ctx.partition, accountOf(ctx)))
  )
  lines.push(...subjectPitfalls(ctx.claims).map((note) => `- ${note}`))
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
  const tokenRejected = info.code === 'IDPRejectedClaim' || info.code === 'InvalidIdentityToken'
  return {
    cause: tokenRejected
      ? `AssumeRoleWithWebIdentity was denied for ${roleLabel(ctx)}: STS rejected the token (${describeClaims(ctx.claims)}).`
      : `STS refused AssumeRoleWithWebIdentity for ${roleLabel(ctx)}: check the role name and account first. STS gives this same answer when the role does not exist and when its trust policy does not accept this job's token (${describeClaims(ctx.claims)}).`,
    fix: trustFix(ctx, !tokenRejected),
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
