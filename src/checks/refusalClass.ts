import { THROTTLING_CODES } from '../diagnosis/rateLimitErrors.js'
import type { AccessCauseKind } from '../diagnosis/types.js'
import type { CheckResult } from '../report/types.js'

/**
 * Why a model cannot be used, in the four classes a user acts on differently:
 * - `permission`: the caller's own policies refuse the call, or AWS did not say whose (an IAM
 *   statement fixes it);
 * - `organization`: a service or resource control policy of the AWS Organization denies it (only
 *   the organisation's administrator can change that; no statement on the role helps);
 * - `availability`: the model is not offered where this step calls it: the region, the geography
 *   `inference-profile-prefix` keeps to, or its lifecycle (no IAM change helps);
 * - `account`: the account has no access yet: the use-case form, an agreement or subscription,
 *   a model not enabled for it (account settings or AWS fix it, not the role);
 * - `quota`: the account's requests- or tokens-per-minute quota refused the call;
 * - `unverified`: the check could not decide (a network error, a skipped check).
 */
export type RefusalClass =
  'permission' | 'organization' | 'availability' | 'account' | 'quota' | 'unverified'

const BY_ACCESS_KIND: Readonly<Record<AccessCauseKind, RefusalClass>> = {
  'role-denied': 'permission',
  'marketplace-permissions': 'permission',
  'region-unavailable': 'availability',
  'end-of-life': 'availability',
  'legacy-not-used': 'availability',
  'use-case-form': 'account',
  'account-not-authorized': 'account',
  'subscription-pending': 'account',
  'access-not-granted': 'account',
  'agreement-error': 'account',
  'not-available-for-account': 'account'
}

/** The class of a failed model check (resolves, access, answers), from what the check recorded. */
export function refusalClass(check: CheckResult): RefusalClass {
  if (check.status === 'skip') return 'unverified'
  // Resolution fails only on what the region lists: the model is not offered there.
  if (check.id.startsWith('model-resolves:')) return 'availability'
  if (check.accessKind === 'role-denied' && organizationDenial(check)) return 'organization'
  if (check.accessKind !== undefined) return BY_ACCESS_KIND[check.accessKind]
  const code = check.awsError?.code ?? ''
  if (THROTTLING_CODES.has(code)) return 'quota'
  if (/AccessDenied/.test(code)) return organizationDenial(check) ? 'organization' : 'permission'
  return 'unverified'
}

/**
 * IAM's denial sentence names the policy type that denied ("… with an explicit deny in a service
 * control policy", "… in a resource control policy"; IAM User Guide, "Troubleshoot access denied
 * error messages"): those are the AWS Organization's, not the role's.
 */
function organizationDenial(check: CheckResult): boolean {
  return /\b(service|resource) control polic(y|ies)\b/i.test(check.awsError?.message ?? '')
}

/**
 * The class as a clause about the model or models ("this role may not call it"), for one-line
 * details; `plural` for several versions at once.
 */
export function refusalPhrase(refusal: RefusalClass, plural = false): string {
  const it = plural ? 'them' : 'it'
  switch (refusal) {
    case 'permission':
      return `this role may not call ${it} (IAM or SCP)`
    case 'organization':
      return `a policy of the AWS Organization (SCP or RCP) denies ${it}`
    case 'availability':
      return `${plural ? 'they are' : 'it is'} not offered where this step calls ${it} (region, geography or lifecycle)`
    case 'account':
      return `this AWS account has no access to ${it} yet`
    case 'quota':
      return "the account's quota refused the calls"
    case 'unverified':
      return `${it} could not be verified`
  }
}
