import type { CheckResult } from '../report/types.js'
import { isBotLogin } from './botLogins.js'
import { lookUpRole, type LookupSettings, type RoleLookup } from './lookUpRole.js'
import { atLeast, type RequiredRole } from './repositoryRole.js'
import type { RunTrigger } from './runTrigger.js'
import { errorText } from '../diagnosis/errorText.js'

export const ACTOR_CHECK = { id: 'actor-permission', title: 'Actor permission' } as const

export interface ActorGateSettings {
  readonly requiredRole: RequiredRole
  /** Lower-cased bot logins from `allowed-bots`. */
  readonly allowedBots: readonly string[]
  readonly githubToken?: string
  readonly trigger: RunTrigger
  readonly lookup: Omit<LookupSettings, 'token' | 'apiUrl' | 'repository'>
}

/**
 * Whether the people (and bots) behind this run may use the agent: each actor's role on the
 * repository must reach `require-actor-permission`, bots pass only when listed in `allowed-bots`.
 * Returns one check; `fail` means nothing may reach AWS. Never throws.
 */
export async function checkActor(settings: ActorGateSettings): Promise<CheckResult> {
  const { requiredRole, trigger } = settings
  if (requiredRole === 'none') {
    return {
      ...ACTOR_CHECK,
      status: 'skip',
      detail:
        'Off (require-actor-permission: none): anyone who can trigger this workflow can make it assume the role.'
    }
  }
  const event = trigger.eventName
  if (trigger.repository === undefined || trigger.actors.length === 0) {
    const missing = [
      trigger.repository === undefined ? 'GITHUB_REPOSITORY' : undefined,
      trigger.actors.length === 0 ? 'GITHUB_ACTOR' : undefined
    ].filter(Boolean)
    return unchecked(
      `${missing.join(' and ')} ${missing.length > 1 ? 'are' : 'is'} not set`,
      `The actor cannot be checked: ${missing.join(' and ')} ${missing.length > 1 ? 'are' : 'is'} not set (this does not look like a GitHub Actions job).`,
      'On GitHub Actions the runner sets them. Elsewhere, set `require-actor-permission: none` where no stranger can start the job.'
    )
  }
  const repository = trigger.repository
  const humans = trigger.actors.filter((login) => !isBotLogin(login))
  const bots = trigger.actors.filter(isBotLogin)
  const unlistedBot = bots.find((bot) => !settings.allowedBots.includes(bot.toLowerCase()))
  if (unlistedBot !== undefined) {
    return fail(
      `${describeRun(trigger)}. ${unlistedBot} is a bot (a GitHub App); bots pass only when listed in allowed-bots, and it is not. Nothing was sent to AWS.`,
      `If this bot's events should reach the agent, list it: \`allowed-bots: ${unlistedBot}\`. Otherwise keep such events from starting the job (\`if: github.actor != '${unlistedBot}'\`).`
    )
  }
  if (humans.length > 0 && (settings.githubToken ?? '') === '') {
    return unchecked(
      'github-token is empty',
      'github-token is empty, so the actor\u2019s permission cannot be read.',
      'Leave `github-token` at its default (`${{ github.token }}`), or set `require-actor-permission: none` where no stranger can start the job.'
    )
  }
  // Never a rejection: the promise is settled while start-up still loads the pipeline, and an
  // unexpected error (the client failing to load, say) must fail the check, closed, not the process.
  const lookups = await Promise.all(
    humans.map((login) =>
      lookUpRole(login, {
        ...settings.lookup,
        token: settings.githubToken ?? '',
        apiUrl: trigger.apiUrl,
        repository
      }).catch((error: unknown): RoleLookup => ({
        ok: false,
        login,
        reason: errorText(error),
        cause: `Could not read ${login}'s permission on ${repository}: ${errorText(error)}.`,
        fix: 'Re-run the job; if it persists, report it with this log.'
      }))
    )
  )
  const unknown = lookups.find((l): l is Extract<RoleLookup, { ok: false }> => !l.ok)
  if (unknown !== undefined) {
    return unchecked(unknown.reason, `${unknown.cause} Nothing was sent to AWS.`, unknown.fix)
  }
  const known = lookups as Array<Extract<RoleLookup, { ok: true }>>
  const denied = known.find((l) => !atLeast(l.role, requiredRole))
  if (denied !== undefined) {
    return fail(
      `${describeRun(trigger)}. ${denied.login}'s permission on ${repository} is ${roleText(denied)}; this step requires ${requiredRole} or higher (require-actor-permission). Nothing was sent to AWS.`,
      deniedFix(trigger, denied.login, requiredRole)
    )
  }
  const who = [
    ...known.map((l) => `${l.login} (${roleText(l)})`),
    ...bots.map((bot) => `${bot} (listed in allowed-bots)`)
  ].join(' and ')
  return {
    ...ACTOR_CHECK,
    status: 'pass',
    detail: `${event} by ${who} on ${repository}; ${requiredRole} or higher is required.`
  }

  /** A decision about the people behind the run: they may not use AWS here. */
  function fail(cause: string, fix: string): CheckResult {
    return {
      ...ACTOR_CHECK,
      status: 'fail',
      detail: `The run was not allowed to use AWS (event ${event}).`,
      cause,
      fix
    }
  }

  /**
   * No decision: the permission could not be read (configuration, token, network). Fails closed
   * like a refusal, but never reads as one: nobody was judged, the check could not be made.
   */
  function unchecked(why: string, cause: string, fix: string): CheckResult {
    return {
      ...ACTOR_CHECK,
      status: 'fail',
      detail: `The actor's permission could not be checked: ${why.replace(/\.$/, '')}; nothing was sent to AWS (event ${event}).`,
      cause,
      fix
    }
  }
}

function roleText(lookup: Extract<RoleLookup, { ok: true }>): string {
  return lookup.customRole !== undefined
    ? `${lookup.role} (custom role ${lookup.customRole})`
    : lookup.role
}

/** "The issue_comment event on o/r was started by x", with the fork and the re-run. */
function describeRun(trigger: RunTrigger): string {
  const fork =
    trigger.forkRepository !== undefined
      ? ` (a pull request from the fork ${trigger.forkRepository})`
      : ''
  const [actor, rerunBy] = trigger.actors
  const rerun = rerunBy !== undefined ? ` and re-run by ${rerunBy}` : ''
  return `The ${trigger.eventName} event${fork} on ${trigger.repository ?? 'this repository'} was started by ${actor ?? 'an unknown actor'}${rerun}`
}

/** The job condition that keeps such events from starting the job at all, where one exists. */
const ASSOCIATION_FIELD: Record<string, string> = {
  issue_comment: 'github.event.comment.author_association',
  pull_request_review_comment: 'github.event.comment.author_association',
  pull_request_review: 'github.event.review.author_association',
  issues: 'github.event.issue.author_association',
  pull_request: 'github.event.pull_request.author_association',
  pull_request_target: 'github.event.pull_request.author_association',
  discussion_comment: 'github.event.comment.author_association'
}

function deniedFix(trigger: RunTrigger, login: string, required: RequiredRole): string {
  const field = ASSOCIATION_FIELD[trigger.eventName]
  const guard =
    field === undefined
      ? ''
      : [
          " To keep outsiders' events from starting the job at all (and using runner minutes), add a job condition. It is a coarse filter: `author_association` says how someone is associated with the repository, not their permission, so read-only collaborators and organisation members still start the job, and this check still stops them:",
          '```yaml',
          `if: contains(fromJSON('["OWNER", "MEMBER", "COLLABORATOR"]'), ${field})`,
          '```'
        ].join('\n')
  return (
    `If ${login} should not use the agent, this failure is the protection working: nothing needs fixing.${guard}\n` +
    `If ${login} should use it, give them ${required} access to ${trigger.repository ?? 'the repository'}, or lower \`require-actor-permission\`.`
  )
}
