import type { ObtainedCredentials } from '../credentials/types.js'
import type { Config } from '../inputs/config.js'
import type { CheckResult, ExportedVariable } from '../report/types.js'
import { configureRefresh, refreshApplies } from './configureRefresh.js'

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
  try {
    const setup = await configureRefresh(config, obtained, { env })
    return {
      check: {
        id: 'credential-refresh',
        title: TITLE,
        status: 'pass',
        detail:
          'Later steps renew the role session on demand (AWS_PROFILE=setup-claude-bedrock with credential_process); see docs/long-running-jobs.md for claude-code-action.'
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
        cause: error instanceof Error ? error.message : String(error),
        fix: 'Check that RUNNER_TEMP is writable, or set `refresh-credentials: false` and a `role-duration-seconds` that covers the job.'
      },
      variables: [],
      notes: []
    }
  }
}
