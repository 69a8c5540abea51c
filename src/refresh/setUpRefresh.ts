import type { ObtainedCredentials } from '../credentials/types.js'
import type { Config } from '../inputs/config.js'
import type { CheckResult, ExportedVariable } from '../report/types.js'
import { configureRefresh, refreshApplies, renewalObstacle } from './configureRefresh.js'
import { errorText } from '../diagnosis/errorText.js'

export interface RefreshOutcome {
  readonly check: CheckResult
  readonly variables: readonly ExportedVariable[]
  /** Details for the log: what later steps get, and what they do not. */
  readonly notes: readonly string[]
}

const TITLE = 'Credential refresh for later steps'

/**
 * Sets up the renewing profile when it applies, as a check of its own so the summary says whether
 * long steps are covered. A failure here is a warning: the exported keys still work until they expire.
 */
export async function setUpRefresh(
  config: Config,
  obtained: ObtainedCredentials | undefined,
  env: NodeJS.ProcessEnv
): Promise<RefreshOutcome | undefined> {
  if (!config.refreshCredentials) return undefined
  if (obtained === undefined || !refreshApplies(true, config, obtained)) {
    return {
      check: {
        id: 'credential-refresh',
        title: TITLE,
        status: 'skip',
        detail:
          'Only for credentials this action assumes with role-to-assume and exports; others renew (or not) on their own.'
      },
      variables: [],
      notes: []
    }
  }
  const obstacle = renewalObstacle(obtained)
  if (obstacle !== undefined) {
    const expiry = obtained.credentials.expiration?.toISOString() ?? 'its expiry'
    return {
      check: {
        id: 'credential-refresh',
        title: TITLE,
        status: 'warn',
        detail: `Later steps cannot renew the role session; it lasts until ${expiry}.`,
        cause: `Renewal is off: ${obstacle}.`,
        fix: [
          'Give the runner credentials that later steps still have: an instance profile, EKS Pod Identity or IRSA, or a named profile (put the keys in a credentials file and set `AWS_PROFILE` for the job); the helper then assumes the role again from those.',
          "Or make one session cover the job: long-term IAM user keys may ask up to the role's MaxSessionDuration with `role-duration-seconds` (up to 43200). Set `refresh-credentials: false` to silence this."
        ].join('\n')
      },
      variables: [],
      notes: []
    }
  }
  try {
    const setup = await configureRefresh(config, obtained, { env })
    return {
      check: {
        id: 'credential-refresh',
        title: TITLE,
        status: 'pass',
        detail:
          obtained.origin === 'oidc'
            ? 'Later steps renew the role session on demand (AWS_PROFILE=setup-claude-bedrock with credential_process); see docs/long-running-jobs.md for claude-code-action.'
            : `Later steps renew the role session on demand (AWS_PROFILE=setup-claude-bedrock with credential_process), ${obtained.origin === 'role-chaining' ? "assuming the role again from the runner's own credentials" : 'with the token file read again'}.`
      },
      variables: setup.variables,
      notes: setup.notes
    }
  } catch (error) {
    return {
      check: {
        id: 'credential-refresh',
        title: TITLE,
        status: 'warn',
        detail: 'Could not set up renewing credentials; later steps get the current session only.',
        cause: errorText(error),
        fix: 'Check that RUNNER_TEMP is writable, or set `refresh-credentials: false` and a `role-duration-seconds` that covers the job.'
      },
      variables: [],
      notes: []
    }
  }
}
