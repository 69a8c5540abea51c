import type { TokenClaims } from '../credentials/tokenClaims.js'
import type { Partition } from '../inputs/region.js'

export const GITHUB_OIDC_HOST = 'token.actions.githubusercontent.com'
export const GITHUB_OIDC_URL = `https://${GITHUB_OIDC_HOST}`

const AUD_KEY = 'token.actions.githubusercontent.com:aud'
const SUB_KEY = 'token.actions.githubusercontent.com:sub'

export interface TrustPolicyCondition {
  readonly StringEquals: { readonly [AUD_KEY]: string }
  readonly StringLike: { readonly [SUB_KEY]: readonly string[] }
}

/** Placeholder shown when the token could not be decoded: the user fills in their repository. */
const UNKNOWN_REPOSITORY = 'OWNER/REPO'

/**
 * The trust-policy Condition that matches this job's token: the audience exactly, and any `sub` of
 * the repository (`repo:owner/name:*`, which covers branches, tags, pull requests and
 * environments). A `sub` outside that pattern (a customised subject claim) is added as is, so
 * the condition always matches the token it was built from.
 */
export function trustPolicyCondition(claims: TokenClaims, audience: string): TrustPolicyCondition {
  const repository = claims.repository ?? /^repo:([^:]+):/.exec(claims.sub ?? '')?.[1]
  const repoPattern = `repo:${repository ?? UNKNOWN_REPOSITORY}:*`
  const subs =
    claims.sub === undefined ||
    (repository !== undefined && claims.sub.startsWith(`repo:${repository}:`))
      ? [repoPattern]
      : [repoPattern, claims.sub]
  return { StringEquals: { [AUD_KEY]: audience }, StringLike: { [SUB_KEY]: subs } }
}

/** A complete trust-policy statement for the role, with the account's GitHub OIDC provider. */
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
