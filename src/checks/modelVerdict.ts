import {
  marketplaceStory,
  subscriptionPendingStory,
  type AccessStory,
  type StorySubject
} from '../diagnosis/modelAccessStories.js'
import { jsonBlock } from '../diagnosis/recognizer.js'
import { marketplaceStatement, policyDocument } from '../policy/statements.js'
import type { CheckResult } from '../report/types.js'
import type { AccessAssessment, AssessedCheck } from './modelAccess.js'

/** One model's two checks after reconciliation: they tell the same story. */
export interface ModelVerdict {
  readonly access: CheckResult
  readonly invokes: readonly CheckResult[]
}

const ACCOUNT_LEVEL_NOTE =
  "the availability record is the account's state; the role's own permissions show only on the model call"

/** The invoke answer that names an access cause, recast as a story with the check's words. */
function storyOfRefusal(refusal: AssessedCheck): AccessStory | undefined {
  const { check, accessKind } = refusal
  if (accessKind === undefined || check.cause === undefined || check.fix === undefined)
    return undefined
  return {
    kind: accessKind,
    scope:
      accessKind === 'role-denied' || accessKind === 'marketplace-permissions' ? 'role' : 'account',
    cause: check.cause,
    fix: check.fix
  }
}

/**
 * Reconciles what GetFoundationModelAvailability says about the account with what Bedrock answered
 * to the model calls (any number of them: a check per probe), into one cause and one fix per model:
 *
 * - A call refused for an access reason decides the story: Bedrock's answer to the real call is
 *   the stronger evidence. A `PENDING` record with a "no access" answer is the same subscription,
 *   not yet finished. When the cause is the account's, the access check fails with the same cause
 *   and fix, whatever the record reads (it can lag). A refusal by the role's own permissions
 *   leaves the record's verdict about the account as it is.
 * - Every call answered: the model works for this role now. A record that still reads
 *   `NOT_AVAILABLE` or `PENDING` means the first call is subscribing the account; that warns
 *   (calls are refused later if the subscription fails), any other record note passes.
 * - No call made (`verify: access`) or calls failed for other reasons: the access check stands
 *   alone, and where the record cannot tell causes apart its cause lists them in order.
 */
export function reconcileModelEvidence(
  subject: StorySubject,
  access: AccessAssessment,
  invokes: readonly AssessedCheck[]
): ModelVerdict {
  const ran = invokes.filter((invoke) => invoke.check.status !== 'skip')
  const refusal = ran.find(
    (invoke) => invoke.check.status === 'fail' && invoke.accessKind !== undefined
  )
  if (refusal !== undefined) return refused(subject, access, invokes, refusal)
  if (ran.length > 0 && ran.every((invoke) => invoke.check.status === 'pass')) {
    return { access: answered(subject, access), invokes: invokes.map((invoke) => invoke.check) }
  }
  return { access: access.check, invokes: invokes.map((invoke) => invoke.check) }
}

function refused(
  subject: StorySubject,
  access: AccessAssessment,
  invokes: readonly AssessedCheck[],
  refusal: AssessedCheck
): ModelVerdict {
  const pending = access.stories.some((story) => story.kind === 'subscription-pending')
  const answered = storyOfRefusal(refusal)
  if (answered === undefined) return { access: access.check, invokes: invokes.map((i) => i.check) }
  const story =
    pending && answered.kind === 'access-not-granted'
      ? subscriptionPendingStory(subject, true)
      : answered.kind === 'marketplace-permissions'
        ? marketplaceStory(subject)
        : answered
  const sameStory = (check: CheckResult): CheckResult => ({
    ...check,
    cause: story.cause,
    fix: story.fix,
    accessKind: story.kind
  })
  const reconciledInvokes = invokes.map((invoke) =>
    invoke.check.status === 'fail' && invoke.accessKind !== undefined
      ? sameStory(invoke.check)
      : invoke.check
  )
  // A pending subscription refused for want of the Marketplace actions is that same subscription.
  const recordAgrees =
    access.stories.some((s) => s.kind === story.kind) ||
    (pending && story.kind === 'marketplace-permissions')
  if (story.scope === 'role' && !recordAgrees) {
    // The account may use the model; this role may not. Two layers, one story: the record's.
    const check =
      access.check.status === 'pass'
        ? { ...access.check, detail: `${access.check.detail}; ${ACCOUNT_LEVEL_NOTE}` }
        : access.check
    return { access: check, invokes: reconciledInvokes }
  }
  if (!access.readable) return { access: access.check, invokes: reconciledInvokes }
  const detail = recordAgrees
    ? `${access.check.detail}: the model call was refused for the same reason`
    : `${access.check.detail}, but Bedrock refused the model call for this account (the record lags or does not cover this gate)`
  return {
    access: { ...sameStory(access.check), status: 'fail', detail },
    invokes: reconciledInvokes
  }
}

function answered(subject: StorySubject, access: AccessAssessment): CheckResult {
  const { check, stories } = access
  if (!access.readable) {
    // The record could not be read; the answered call is the stronger proof: only a warning.
    return check.status === 'fail'
      ? {
          ...check,
          status: 'warn',
          detail: `${check.detail} (but the model call succeeded, so the model works for this role now)`
        }
      : check
  }
  if (stories.length === 0) return check
  const subscribing = stories.some(
    (story) => story.kind === 'subscription-pending' || story.kind === 'access-not-granted'
  )
  if (subscribing) {
    return {
      ...check,
      status: 'warn',
      detail: `${check.detail}, but the model call succeeded: Bedrock is subscribing the account on first use`,
      cause: `The model call worked, but the account's subscription to \`${subject.foundationModelId}\` is still being set up. Calls succeed meanwhile; if the subscription fails (the caller lacks the Marketplace actions), they are refused within about 15 minutes.`,
      fix: [
        'Nothing to change if the role has this statement (re-run later to see the record settle); otherwise add it:',
        jsonBlock(policyDocument([marketplaceStatement()]))
      ].join('\n')
    }
  }
  return {
    id: check.id,
    title: check.title,
    status: 'pass',
    detail: `${check.detail}, but the model call succeeded: the model works for this role now`
  }
}
