import type { VerifyMode } from '../inputs/config.js'
import type { PinnedFamily, ResolvedModel } from '../models/resolvedModel.js'
import { joinFixText } from '../report/fixText.js'
import type { CheckResult } from '../report/types.js'
import { checkNames } from './checkNames.js'
import { refusalClass, refusalPhrase, type RefusalClass } from './refusalClass.js'

/** A family pinned for `pin-families` that neither `model` nor `small-fast-model` covers. */
export interface FamilyPin {
  readonly family: PinnedFamily
  /** What the family resolved to, when it did. */
  readonly model?: ResolvedModel
  /** Resolved and passed its checks (or `verify: none`): safe to export for this family. */
  readonly usable: boolean
  /** Why it is not usable (permission, availability, account access, quota), when it is not. */
  readonly refusal?: RefusalClass
}

/** A model role's outcome: what it resolved to and its checks (resolves, access, answers, …). */
export interface RoleVerification {
  readonly checks: readonly CheckResult[]
  readonly model?: ResolvedModel
}

/**
 * One check per pinned family: pass when it resolved and passed; a warning (never a failure:
 * nobody asked for it) when it cannot be used, and then its variable points at the main model.
 * What that fallback promises follows the main model's own checks in the same run: "keep working"
 * only when the main model answered; never when it failed too.
 */
export function familyCheck(
  family: PinnedFamily,
  verification: RoleVerification,
  mainVerification: RoleVerification,
  verify: VerifyMode
): { check: CheckResult; pin: FamilyPin } {
  const main = mainVerification.model
  const names = checkNames.familyPinned(family)
  const { model, checks } = verification
  const failed = checks.find((check) => check.status === 'fail')
  const warned = checks.find((check) => check.status === 'warn')
  const usable = model !== undefined && failed === undefined
  const variable = `ANTHROPIC_DEFAULT_${family.toUpperCase()}_MODEL`
  if (usable) {
    const pin: FamilyPin = { family, model, usable }
    const proof =
      verify === 'invoke'
        ? 'answered InvokeModel and InvokeModelWithResponseStream'
        : verify === 'access'
          ? 'access verified, no model call'
          : 'resolved, not verified'
    const detail = `${family} → \`${model.exportId}\` (${proof}) in ${variable}`
    return {
      check: warned
        ? {
            ...names,
            status: 'warn',
            detail: `${detail}; ${warned.detail}`,
            ...(warned.cause ? { cause: warned.cause } : {}),
            ...(warned.fix ? { fix: warned.fix } : {}),
            ...(warned.awsError ? { awsError: warned.awsError } : {})
          }
        : { ...names, status: 'pass', detail },
      pin
    }
  }
  const reason = failed ?? checks.find((check) => check.status === 'skip') ?? checks[0]
  const refusal = reason !== undefined ? refusalClass(reason) : 'unverified'
  // A resolution failure's detail only says "could not be resolved": its cause says where and why.
  const specific =
    reason?.status === 'fail' && reason.id.startsWith('model-resolves:') && reason.cause
      ? (reason.cause.split(/\. (?=[A-Z])/)[0] ?? reason.cause)
      : (reason?.detail ?? 'not resolved')
  const target = main
    ? `${variable} points at the main model \`${main.exportId}\`, ${fallbackOutcome(family, mainVerification.checks, verify)}`
    : `${variable} is not exported`
  // Nothing decided (Bedrock unreachable, a check skipped): a skip, as every check that could not run.
  if (refusal === 'unverified' && failed === undefined) {
    return {
      check: {
        ...names,
        status: 'skip',
        detail: `Not checked: ${specific.replace(/^(Skipped|Not checked): /, '')}; ${target}`
      },
      pin: { family, ...(model ? { model } : {}), usable, refusal }
    }
  }
  const usableFix = familyFix(family, reason, model ?? main)
  return {
    check: {
      ...names,
      status: 'warn',
      detail: `${family} is not usable because ${refusalPhrase(refusal)} — ${specific}; ${target}`,
      cause: reason?.cause ?? reason?.detail ?? `No usable Claude ${family} model`,
      fix: joinFixText([usableFix, PIN_CHOICE(family)]),
      ...(reason?.awsError ? { awsError: reason.awsError } : {})
    },
    pin: { family, ...(model ? { model } : {}), usable, refusal }
  }
}

/**
 * What the fallback to the main model gives subagents and `/model FAMILY`, as far as this run
 * proved it: working (the main model answered), failing with it (it failed here too), or used
 * without proof (its calls were not made or not finished).
 */
function fallbackOutcome(
  family: PinnedFamily,
  mainChecks: readonly CheckResult[],
  verify: VerifyMode
): string {
  const users = `subagents and \`/model ${family}\``
  if (mainChecks.some((check) => check.status === 'fail'))
    return `which failed in this run too: ${users} work only once the main model does (see its rows)`
  const proven = verify === 'invoke' && mainChecks.every((check) => check.status !== 'skip')
  return proven
    ? `so ${users} keep working`
    : `so ${users} use it (${verify === 'invoke' ? 'its checks did not finish' : verify === 'access' ? 'access verified, no model call' : 'not verified'})`
}

/** What a user who does not need the family does: nothing, or turn pinning off. */
const PIN_CHOICE = (family: PinnedFamily): string =>
  `Only needed if subagents or \`/model\` should really use ${family}; \`pin-families: false\` stops pinning (Claude Code then picks its built-in ${family} id, which can be refused here just the same).`

/**
 * How to make the family usable. The check's own fix, except where that fix is about the model
 * inputs (`model`, `small-fast-model`): a pinned family has none, and changing `model` would change
 * the main model, not this family. There the family's own way is said instead.
 */
function familyFix(
  family: PinnedFamily,
  reason: CheckResult | undefined,
  model: ResolvedModel | undefined
): string | undefined {
  const where = model?.region
  switch (reason?.accessKind) {
    case 'not-available-for-account':
      return `Ask your AWS account team (https://aws.amazon.com/contact-us/sales-support/) to enable Claude ${family} for this account${where !== undefined ? ` in ${where}` : ''}; the pin already tried the older ${family} versions.`
    case 'end-of-life':
    case 'legacy-not-used':
      return `The pin already takes the newest ${family} version${where !== undefined ? ` ${where}` : ''} lists that this account may call; none is left, so ${family} becomes usable only when Bedrock lists a newer one there (or in another \`aws-region\`).`
    default:
      return reason?.fix
  }
}
