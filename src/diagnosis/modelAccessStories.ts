import { marketplaceStatement, policyDocument } from '../policy/statements.js'
import { codeBlock, jsonBlock } from './recognizer.js'
import type { AccessCauseKind } from './types.js'

export type { AccessCauseKind } from './types.js'

/**
 * Why an account or a role cannot use a model, in one vocabulary for both kinds of evidence: the
 * fields of GetFoundationModelAvailability and the errors of a model call. Both sides build their
 * cause and fix from the stories below, so the two checks of one model can only tell one story.
 *
 * `account` causes are the account's state (use-case form, Marketplace subscription, agreement,
 * region); `role` causes are the caller's permissions. The availability record only ever shows
 * account causes: Bedrock does not evaluate the caller's IAM policy to answer it.
 */
export interface AccessStory {
  readonly kind: AccessCauseKind
  readonly scope: 'account' | 'role'
  readonly cause: string
  readonly fix: string
}

/** What every story needs: the model as the user recognises it and the region of the calls. */
export interface StorySubject {
  /** The foundation-model id (what the account-level APIs take). */
  readonly foundationModelId: string
  readonly region: string
}

const id = (subject: StorySubject): string => `\`${subject.foundationModelId}\``

/** GovCloud and China have no automatic subscription on first call (AWS docs: "commercial Regions"). */
function autoSubscribes(region: string): boolean {
  return !region.startsWith('us-gov-') && !region.startsWith('cn-')
}

function availabilityCommand(subject: StorySubject): string {
  return `aws bedrock get-foundation-model-availability --region ${subject.region} --model-id ${subject.foundationModelId}`
}

export function regionUnavailableStory(subject: StorySubject, family: string): AccessStory {
  return {
    kind: 'region-unavailable',
    scope: 'account',
    cause: `Bedrock reports ${id(subject)} as not available in ${subject.region}.`,
    fix: `Use a region where the model is offered, or a cross-region inference profile (a family alias such as \`${family || 'sonnet'}\` resolves to one).`
  }
}

const USE_CASE_FIX = (subject: StorySubject): string =>
  [
    `Submit Anthropic's use-case details once for the account: Bedrock console (${subject.region}) → Model catalog → any Anthropic model → submit the use case details, or with the CLI:`,
    codeBlock(
      'sh',
      `aws bedrock put-use-case-for-model-access --region ${subject.region} --form-data fileb://use-case.json`
    ),
    "Submitted from the organization's management account it covers every member account. Access follows within about 15 minutes; then re-run the job."
  ].join('\n')

export function useCaseStory(subject: StorySubject): AccessStory {
  return {
    kind: 'use-case-form',
    scope: 'account',
    cause: `Anthropic's use-case details form has not been submitted for this AWS account, so Bedrock refuses Anthropic models (${id(subject)}). This is the account's state, not the role's IAM policy.`,
    fix: USE_CASE_FIX(subject)
  }
}

export function accountNotAuthorizedStory(subject: StorySubject): AccessStory {
  return {
    kind: 'account-not-authorized',
    scope: 'account',
    cause: `Bedrock has not authorized this account for ${id(subject)} (availability \`authorizationStatus: NOT_AUTHORIZED\`) although the use-case form is on file: an account-level restriction, such as a new account still being verified or a model not enabled for the account. No IAM change fixes it.`,
    fix: `Open an AWS Support case (Account and billing) naming the model and ${subject.region}; new-account verification usually clears within hours. Until then, use a model this account can use.`
  }
}

/**
 * NOT_AUTHORIZED when the use-case form could not be read: the record alone cannot tell why.
 * Ordered by how often each cause is behind it.
 */
export function notAuthorizedUnknownStory(subject: StorySubject, why: string): AccessStory {
  return {
    kind: 'use-case-form',
    scope: 'account',
    cause: [
      `Bedrock has not authorized this account for ${id(subject)} (availability \`authorizationStatus: NOT_AUTHORIZED\`). This record is account-level and does not say why (${why}); in order of likelihood:`,
      "1. Anthropic's use-case details form was never submitted for the account (or its organization).",
      '2. The account is restricted for this model (a new account still being verified, or a model not enabled for the account).',
      "It is not the role's IAM policy: Bedrock does not evaluate IAM for this record."
    ].join('\n'),
    fix: [
      `1. ${USE_CASE_FIX(subject)}`,
      '2. If the form is already on file (`aws bedrock get-use-case-for-model-access` returns it), open an AWS Support case naming the model and region.'
    ].join('\n')
  }
}

export function marketplaceStory(subject: StorySubject): AccessStory {
  return {
    kind: 'marketplace-permissions',
    scope: 'role',
    cause: `Bedrock could not complete the AWS Marketplace subscription for ${id(subject)}: the caller lacks \`aws-marketplace:ViewSubscriptions\` / \`aws-marketplace:Subscribe\`, which the first use of a model in the account needs.`,
    fix: [
      'Add this statement to the role (or user) policy:',
      jsonBlock(policyDocument([marketplaceStatement()])),
      'Then re-run after about 15 minutes: a new subscription takes a while to become active.'
    ].join('\n')
  }
}

export function subscriptionPendingStory(subject: StorySubject, callRefused: boolean): AccessStory {
  return {
    kind: 'subscription-pending',
    scope: 'account',
    cause: callRefused
      ? `The account's subscription to ${id(subject)} is still being set up (availability \`PENDING\`); Bedrock refuses calls until it completes, usually within 15 minutes.`
      : `The account's subscription to ${id(subject)} is still being set up (availability \`PENDING\`). Calls can succeed meanwhile, but if the subscription fails they are refused afterwards.`,
    fix: [
      'Re-run the job in a few minutes. If it stays `PENDING` for more than 15 minutes, the role that made the first call lacks the Marketplace permissions; give it:',
      jsonBlock(policyDocument([marketplaceStatement()]))
    ].join('\n')
  }
}

export function accessNotGrantedStory(subject: StorySubject): AccessStory {
  const offer = codeBlock(
    'sh',
    [
      `aws bedrock list-foundation-model-agreement-offers --region ${subject.region} --model-id ${subject.foundationModelId}`,
      `aws bedrock create-foundation-model-agreement --region ${subject.region} --model-id ${subject.foundationModelId} --offer-token OFFER_TOKEN`
    ].join('\n')
  )
  return {
    kind: 'access-not-granted',
    scope: 'account',
    cause: `Model access to ${id(subject)} is not granted for this account in ${subject.region}: no accepted agreement (AWS Marketplace subscription) for the model.`,
    fix: autoSubscribes(subject.region)
      ? [
          'The first call from a role allowed the Marketplace actions subscribes the account: add this statement to the role and re-run in a few minutes:',
          jsonBlock(policyDocument([marketplaceStatement()])),
          'Or accept the offer for the account as an administrator:',
          offer,
          `If an administrator removed access on purpose, use another model. \`${availabilityCommand(subject)}\` shows the state.`
        ].join('\n')
      : [
          `In ${subject.region} model access is granted explicitly: an administrator accepts the model's offer (Bedrock console → Model access, or the CLI):`,
          offer,
          `\`${availabilityCommand(subject)}\` shows the state.`
        ].join('\n')
  }
}

/**
 * Agreement `NOT_AVAILABLE` seen without a model call. In commercial regions a model nobody in the
 * account has called yet reads like this, and its first call subscribes the account.
 */
export function accessNotGrantedUnprovenStory(subject: StorySubject): AccessStory {
  if (!autoSubscribes(subject.region)) return accessNotGrantedStory(subject)
  const granted = accessNotGrantedStory(subject)
  return {
    kind: 'access-not-granted',
    scope: 'account',
    cause: [
      `The account has no accepted agreement for ${id(subject)} in ${subject.region} (availability \`NOT_AVAILABLE\`). Without a model call the cause is one of, in order of likelihood:`,
      '1. Nobody in the account has called this model yet: the first call subscribes the account, if the caller may use the Marketplace actions.',
      '2. An administrator removed or blocked access to the model.'
    ].join('\n'),
    fix: [
      '1. Run once with `verify: invoke` (a 1-token call) from a role with this statement, so the call subscribes the account:',
      jsonBlock(policyDocument([marketplaceStatement()])),
      `2. Otherwise: ${granted.fix}`
    ].join('\n')
  }
}

export function agreementErrorStory(
  subject: StorySubject,
  message: string | undefined
): AccessStory {
  return {
    kind: 'agreement-error',
    scope: 'account',
    cause: `The account's agreement for ${id(subject)} is in an error state${message ? `: ${message}` : ''}.`,
    fix: `Accept the model's offer again (Bedrock console → Model catalog → the model, in ${subject.region}); contact AWS Support if it stays in error. \`${availabilityCommand(subject)}\` shows the state.`
  }
}

export function notAvailableForAccountStory(subject: StorySubject): AccessStory {
  return {
    kind: 'not-available-for-account',
    scope: 'account',
    cause: `Bedrock refuses ${id(subject)} for this account ("not available for this account"): the model is not enabled for the account, whatever the availability record says. No IAM change fixes it.`,
    fix: 'Use a model the account can use (a family alias such as `sonnet` tries older versions; or set `model` to one), and ask your AWS account team (https://aws.amazon.com/contact-us/sales-support/) to enable this one.'
  }
}
