import type { TokenClaims } from '../credentials/tokenClaims.js'
import type { Partition } from '../inputs/region.js'

export const GITHUB_OIDC_HOST = 'token.actions.githubusercontent.com'
export const GITHUB_OIDC_URL = `https://${GITHUB_OIDC_HOST}`

const AUD_KEY = 'token.actions.githubusercontent.com:aud'
const SUB_KEY = 'token.actions.githubusercontent.com:sub'

export type TrustPolicyCondition =
  | {
      readonly StringEquals: { readonly [AUD_KEY]: string; readonly [SUB_KEY]: string }
    }
  | {
      readonly StringEquals: { readonly [AUD_KEY]: string }
      readonly StringLike: { readonly [SUB_KEY]: readonly string[] }
    }

/** Placeholder shown when the token could not be decoded: the user fills in their repository. */
const UNKNOWN_REPOSITORY = 'OWNER/REPO'

/**
 * The narrowest trust-policy Condition that matches this job's token: the audience and the
 * token's own `sub`, exactly (`StringEquals`). A job with an `environment:` gets the environment
 * form of `sub` from GitHub, so the condition is that form. Only when the token could not be read
 * is it the repository pattern `repo:OWNER/REPO:*`, to be narrowed by hand. Widening to every
 * branch and workflow of the repository is a choice the user makes, never the default.
 */
export function trustPolicyCondition(claims: TokenClaims, audience: string): TrustPolicyCondition {
  if (claims.sub !== undefined) {
    return { StringEquals: { [AUD_KEY]: audience, [SUB_KEY]: claims.sub } }
  }
  const repository = claims.repository ?? UNKNOWN_REPOSITORY
  return {
    StringEquals: { [AUD_KEY]: audience },
    StringLike: { [SUB_KEY]: [`repo:${repository}:*`] }
  }
}

/** A complete trust policy for the role (paste-ready), trusting the account's GitHub OIDC provider. */
export function trustPolicyDocument(
  claims: TokenClaims,
  audience: string,
  partition: Partition,
  accountId: string | undefined
): Readonly<Record<string, unknown>> {
  return {
    Version: '2012-10-17',
    Statement: [trustPolicyStatement(claims, audience, partition, accountId)]
  }
}

/** One trust-policy statement for the role, with the account's GitHub OIDC provider. */
export function trustPolicyStatement(
  claims: TokenClaims,
  audience: string,
  partition: Partition,
  accountId: string | undefined
): Readonly<Record<string, unknown>> {
  return {
    Effect: 'Allow',
    Principal: { Federated: oidcProviderArn(partition, accountId) },
    Action: 'sts:AssumeRoleWithWebIdentity',
    Condition: trustPolicyCondition(claims, audience)
  }
}

export function oidcProviderArn(partition: Partition, accountId: string | undefined): string {
  return `arn:${partition}:iam::${accountId ?? 'ACCOUNT_ID'}:oidc-provider/${GITHUB_OIDC_HOST}`
}

/** The claims as the cause sentence names them. */
export function describeClaims(claims: TokenClaims | undefined): string {
  if (claims === undefined || (claims.sub ?? claims.aud ?? claims.repository) === undefined) {
    return 'the token claims could not be read'
  }
  const show = (value: string | undefined): string =>
    value === undefined ? '(absent)' : `\`${value}\``
  return `sub=${show(claims.sub)}, aud=${show(claims.aud)}, repository=${show(claims.repository)}`
}

/**
 * Why a condition that looks right still fails: the comparisons are case-sensitive, a job with an
 * `environment:` gets a different `sub` form, and a renamed repository changes every `sub`.
 */
export function subjectPitfalls(claims: TokenClaims | undefined): string[] {
  const sub = claims?.sub ?? ''
  const notes = [
    `IAM compares \`sub\` case-sensitively: \`repo:${claims?.repository ?? 'Owner/Repo'}:…\` must be spelled exactly as GitHub sends it (owner and repository names keep their capitals; a renamed or transferred repository changes \`sub\`).`
  ]
  const environment = /:environment:([^:]+)$/.exec(sub)?.[1]
  if (environment !== undefined) {
    notes.push(
      `This job runs in the \`${environment}\` environment, so its \`sub\` is \`${sub}\` (the \`environment:\` form has no \`ref:\`): a condition on \`…:ref:refs/heads/…\` never matches it.`
    )
  } else if (sub.endsWith(':pull_request')) {
    notes.push(`Pull-request jobs get \`sub\` = \`${sub}\`, not a \`ref:\` form.`)
  }
  return notes
}
