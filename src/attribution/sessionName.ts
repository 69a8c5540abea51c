import { createHash } from 'node:crypto'

/** STS RoleSessionName: 2-64 characters of `[\w+=,.@-]` (AssumeRole* API reference). */
export const SESSION_NAME_MAX = 64
const NOT_SESSION_CHARACTER = /[^\w+=,.@-]/g

const PREFIX = 'GitHubActions'
/** Hex digits of the leg's hash: 8 give 4 billion values, plenty for the legs of one run. */
const LEG_DIGITS = 8

/**
 * What tells two jobs of one run attempt apart when they share a job id (matrix legs).
 *
 * GitHub puts no matrix or job-instance id in a step's environment (the runner exports only the
 * `github` and `runner` contexts; `job.check_run_id` and `strategy.job-index` exist only in
 * expressions). The runner does set `RUNNER_TRACKING_ID=github_<GUID>` for every job it runs (its
 * orphan-process tracking, on by default: actions/runner JobExtension.cs), a fresh GUID per job,
 * so per matrix leg and per attempt, and the same for every step (post steps included) of that job.
 * A short hash of it names the leg without copying the runner's internal id around.
 */
export function legDiscriminator(env: NodeJS.ProcessEnv): string | undefined {
  const tracking = env['RUNNER_TRACKING_ID']?.trim()
  if (!tracking) return undefined
  return createHash('sha256').update(tracking).digest('hex').slice(0, LEG_DIGITS)
}

const clean = (value: string): string => value.replace(NOT_SESSION_CHARACTER, '-')

/**
 * The default role session name, unique per job attempt: `GitHubActions-<run id>-<attempt>-<job>-<leg>`
 * (e.g. `GitHubActions-12345678901-1-review-3f9a0c2e`). Within STS's 64 characters: the job id is
 * shortened first, then the run id; the leg hash is never cut, because it is what makes legs differ.
 * Parts the environment lacks are left out (outside a runner: `GitHubActions`).
 */
export function deriveSessionName(env: NodeJS.ProcessEnv): string {
  const runId = clean(env['GITHUB_RUN_ID']?.trim() ?? '')
  const attempt = runId ? clean(env['GITHUB_RUN_ATTEMPT']?.trim() || '1') : ''
  let job = clean(env['GITHUB_JOB']?.trim() ?? '')
  const leg = legDiscriminator(env)
  const tail = leg === undefined ? [] : [leg]
  const assemble = (run: string, jobPart: string): string =>
    [PREFIX, ...(run ? [run, attempt] : []), ...(jobPart ? [jobPart] : []), ...tail].join('-')
  let name = assemble(runId, job)
  if (name.length > SESSION_NAME_MAX && job) {
    const room = job.length - (name.length - SESSION_NAME_MAX)
    job = room >= 1 ? job.slice(0, room) : ''
    name = assemble(runId, job)
  }
  if (name.length > SESSION_NAME_MAX && runId) {
    const over = name.length - SESSION_NAME_MAX
    name = assemble(runId.slice(0, Math.max(1, runId.length - over)), job)
  }
  return name.slice(0, SESSION_NAME_MAX)
}
