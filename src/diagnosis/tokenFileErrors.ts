import { codeBlock, jsonBlock, roleNameOf, type Recognizer } from './recognizer.js'
import { GITHUB_OIDC_HOST } from './trustPolicy.js'
import type { DiagnosisContext } from './types.js'

/** `https://oidc.eks.us-east-1.amazonaws.com/id/ABC` → `oidc.eks.us-east-1.amazonaws.com/id/ABC`: IAM's provider name and condition-key prefix. */
export function issuerHost(issuer: string): string {
  return issuer.replace(/^https:\/\//, '').replace(/\/+$/, '')
}

/**
 * A token these recognizers explain: from web-identity-token-file, or a GitHub token whose issuer
 * is not github.com's (GitHub Enterprise Server: `https://HOST/_services/token`), whose provider
 * and condition keys are named after that issuer, not token.actions.githubusercontent.com.
 */
function fromFile(ctx: DiagnosisContext): boolean {
  if (ctx.operation !== 'AssumeRoleWithWebIdentity') return false
  if (ctx.tokenSource === 'file') return true
  const iss = ctx.claims?.iss
  return iss !== undefined && issuerHost(iss) !== GITHUB_OIDC_HOST
}

/** How sentences name the token. */
function theToken(ctx: DiagnosisContext): string {
  return ctx.tokenSource === 'file'
    ? 'the token in web-identity-token-file'
    : `the job's OIDC token (issuer ${ctx.claims?.iss ?? 'unknown'})`
}

function accountOfRole(ctx: DiagnosisContext): string {
  return /^arn:[^:]+:iam::(\d{12}):/.exec(ctx.roleArn ?? '')?.[1] ?? 'ACCOUNT_ID'
}

function providerArn(ctx: DiagnosisContext, host: string): string {
  return `arn:${ctx.partition}:iam::${accountOfRole(ctx)}:oidc-provider/${host}`
}

const capitalised = (text: string): string => `${text[0]?.toUpperCase() ?? ''}${text.slice(1)}`

const show = (value: string | undefined): string =>
  value === undefined ? '(absent)' : `\`${value}\``

function claimsSentence(ctx: DiagnosisContext): string {
  const c = ctx.claims ?? {}
  return `iss=${show(c.iss)}, sub=${show(c.sub)}, aud=${show(c.aud)}`
}

/**
 * The trust statement that accepts exactly this token: its own issuer's provider, and its own
 * `aud` and `sub` (whatever the issuer: EKS service accounts, GitLab, GHES with a custom issuer).
 */
export function tokenTrustStatement(ctx: DiagnosisContext): Record<string, unknown> {
  const host = issuerHost(ctx.claims?.iss ?? 'ISSUER_HOST')
  return {
    Effect: 'Allow',
    Principal: { Federated: providerArn(ctx, host) },
    Action: 'sts:AssumeRoleWithWebIdentity',
    Condition: {
      StringEquals: {
        [`${host}:aud`]: ctx.claims?.aud ?? 'AUDIENCE',
        [`${host}:sub`]: ctx.claims?.sub ?? 'SUBJECT'
      }
    }
  }
}

const noProvider: Recognizer = (info, ctx) => {
  if (
    !fromFile(ctx) ||
    info.code !== 'InvalidIdentityToken' ||
    !/No OpenIDConnect provider/i.test(info.message)
  )
    return undefined
  const issuer = ctx.claims?.iss ?? 'the token issuer'
  return {
    cause: `Account ${accountOfRole(ctx)} has no IAM OIDC identity provider for the issuer of ${theToken(ctx)} (${issuer}).`,
    fix: [
      `Create the provider in the role's account with the token's audience as client id:`,
      codeBlock(
        'sh',
        `aws iam create-open-id-connect-provider --url ${issuer} --client-id-list ${ctx.claims?.aud ?? 'sts.amazonaws.com'}`
      ),
      'For an EKS cluster: `eksctl utils associate-iam-oidc-provider --cluster CLUSTER --approve` does the same.'
    ].join('\n'),
    transient: false
  }
}

const wrongAudience: Recognizer = (info, ctx) => {
  if (!fromFile(ctx) || info.code !== 'InvalidIdentityToken' || !/audience/i.test(info.message))
    return undefined
  const host = issuerHost(ctx.claims?.iss ?? 'ISSUER_HOST')
  return {
    cause: `${capitalised(theToken(ctx))} is for audience ${show(ctx.claims?.aud)}, which is not a client id of the IAM OIDC provider ${host} in account ${accountOfRole(ctx)}.`,
    fix: [
      "Add the token's audience to the provider:",
      codeBlock(
        'sh',
        `aws iam add-client-id-to-open-id-connect-provider --open-id-connect-provider-arn ${providerArn(ctx, host)} --client-id ${ctx.claims?.aud ?? 'AUDIENCE'}`
      ),
      ctx.tokenSource === 'file'
        ? 'or have the issuer write a token for an audience the provider lists (EKS IRSA projects `sts.amazonaws.com`; a projected token volume sets it with `audience:`).'
        : 'or set the `audience` input to a client id the provider lists.'
    ].join('\n'),
    transient: false
  }
}

const expired: Recognizer = (info, ctx) => {
  // A job's own token is fetched fresh on retry: the GitHub-token recognizer says so.
  if (ctx.tokenSource !== 'file' || !fromFile(ctx) || !/^ExpiredToken(Exception)?$/.test(info.code))
    return undefined
  const exp = ctx.claims?.exp
  const when = exp !== undefined ? ` at ${new Date(exp * 1000).toISOString()}` : ''
  return {
    cause: `${capitalised(theToken(ctx))} expired${when}${ctx.tokenSource === 'file' ? '; the file was not rotated' : ''}.`,
    fix: "Point `web-identity-token-file` at a file its issuer keeps fresh (kubelet rewrites a projected service-account token before it expires; a token copied into a file once does not renew). If the token is fresh, the runner's clock is wrong: sync it (NTP).",
    transient: false
  }
}

const trustMismatch: Recognizer = (info, ctx) => {
  if (!fromFile(ctx)) return undefined
  if (
    !['AccessDenied', 'AccessDeniedException', 'IDPRejectedClaim', 'InvalidIdentityToken'].includes(
      info.code
    )
  )
    return undefined
  const roleName = roleNameOf(ctx.roleArn)
  return {
    cause: `AssumeRoleWithWebIdentity was denied for \`${ctx.roleArn ?? 'the role'}\` with ${theToken(ctx)} (${claimsSentence(ctx)}): the role's trust policy does not accept this token.`,
    fix: [
      `A trust-policy statement of \`${ctx.roleArn ?? 'the role'}\` that accepts exactly this token:`,
      jsonBlock(tokenTrustStatement(ctx)),
      "Condition keys are the issuer host followed by `:sub` / `:aud`, compared case-sensitively; an EKS service account's `sub` is `system:serviceaccount:NAMESPACE:NAME`.",
      ...(roleName !== undefined
        ? [
            codeBlock(
              'sh',
              `aws iam get-role --role-name ${roleName} --query Role.AssumeRolePolicyDocument`
            )
          ]
        : [])
    ].join('\n'),
    transient: false
  }
}

/** Before the GitHub-token recognizers, whose fixes name GitHub's issuer. */
export const tokenFileRecognizers: readonly Recognizer[] = [
  noProvider,
  wrongAudience,
  expired,
  trustMismatch
]
