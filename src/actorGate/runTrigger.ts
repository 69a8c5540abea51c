import { readFileSync } from 'node:fs'

/** Who and what started this run, as the runner describes it. */
export interface RunTrigger {
  /** owner/name (GITHUB_REPOSITORY). */
  readonly repository?: string
  /** GITHUB_EVENT_NAME, e.g. `issue_comment`, `pull_request_target`. */
  readonly eventName: string
  /**
   * The logins to judge, each once: GITHUB_ACTOR (whose event started the run: the commenter,
   * the pusher, the pull request's author) and GITHUB_TRIGGERING_ACTOR when it differs (who
   * started this attempt: a re-run). Both must pass: a maintainer's re-run does not vouch for a
   * stranger's comment.
   */
  readonly actors: readonly string[]
  /** The head repository of a pull request from a fork, for the message. */
  readonly forkRepository?: string
  /** GITHUB_API_URL (GitHub Enterprise Server: https://HOST/api/v3). */
  readonly apiUrl: string
}

const nonEmpty = (value: string | undefined): string | undefined =>
  value === undefined || value.trim() === '' ? undefined : value.trim()

/** Reads the runner's variables and the event payload (GITHUB_EVENT_PATH); never throws. */
export function readRunTrigger(env: NodeJS.ProcessEnv): RunTrigger {
  const repository = nonEmpty(env.GITHUB_REPOSITORY)
  const actors: string[] = []
  for (const login of [nonEmpty(env.GITHUB_ACTOR), nonEmpty(env.GITHUB_TRIGGERING_ACTOR)]) {
    if (login !== undefined && !actors.some((a) => a.toLowerCase() === login.toLowerCase())) {
      actors.push(login)
    }
  }
  const head = headRepository(nonEmpty(env.GITHUB_EVENT_PATH))
  return {
    ...(repository !== undefined && { repository }),
    eventName: nonEmpty(env.GITHUB_EVENT_NAME) ?? 'unknown',
    actors,
    ...(head !== undefined &&
      repository !== undefined &&
      head.toLowerCase() !== repository.toLowerCase() && { forkRepository: head }),
    apiUrl: (nonEmpty(env.GITHUB_API_URL) ?? 'https://api.github.com').replace(/\/+$/, '')
  }
}

/** `pull_request.head.repo.full_name` of the event payload, when there is one. */
function headRepository(eventPath: string | undefined): string | undefined {
  if (eventPath === undefined) return undefined
  try {
    const payload = JSON.parse(readFileSync(eventPath, 'utf8')) as {
      pull_request?: { head?: { repo?: { full_name?: unknown } | null } }
    }
    const name = payload.pull_request?.head?.repo?.full_name
    return typeof name === 'string' ? name : undefined
  } catch {
    return undefined
  }
}
