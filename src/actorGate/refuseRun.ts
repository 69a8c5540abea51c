import type { CredentialOutcome } from '../credentials/obtainCredentials.js'
import type { Config } from '../inputs/config.js'
import { assembleReport } from '../report/assembleReport.js'
import { publish } from '../report/publish.js'
import type { CheckResult } from '../report/types.js'

export interface Refusal {
  readonly config: Config
  /** The failed actor check. */
  readonly actor: CheckResult
  readonly durationMs: number
}

/**
 * Ends a run the actor check refused: one report (log, summary, `passed=false`, exit code) that
 * names who was refused and why, no credentials requested and nothing exported.
 */
export async function refuseRun(refusal: Refusal, env: NodeJS.ProcessEnv): Promise<void> {
  const { config, actor, durationMs } = refusal
  const credentials: CredentialOutcome = {
    source:
      config.roleToAssume !== undefined
        ? 'oidc'
        : config.bedrockApiKey !== undefined
          ? 'api-key'
          : 'environment',
    check: {
      id: 'credentials',
      title: 'Credentials',
      status: 'skip',
      detail: 'Not requested: the actor check failed, so nothing was sent to AWS.'
    }
  }
  const report = assembleReport({ config, credentials, actor, durationMs })
  await publish({ report, config, credentials, identity: undefined, models: undefined }, env)
}
