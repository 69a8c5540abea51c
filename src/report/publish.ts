import * as core from '@actions/core'
import type { ModelVerification } from '../checks/verifyModels.js'
import type { CredentialOutcome } from '../credentials/obtainCredentials.js'
import type { IdentityProof } from '../credentials/proveIdentity.js'
import { applyExports } from '../exports/applyExports.js'
import { buildOutputs } from '../exports/buildOutputs.js'
import type { Config } from '../inputs/config.js'
import { renderFailureMessage, renderLogLines } from './renderLog.js'
import { renderSummary } from './renderSummary.js'
import { reportJson } from './reportJson.js'
import type { Report } from './types.js'

export interface Published {
  readonly report: Report
  readonly config: Config
  readonly credentials: CredentialOutcome
  readonly identity: IdentityProof | undefined
  readonly models: ModelVerification | undefined
}

/** Log, exports, outputs, summary and exit code, all from the one report. */
export async function publish(
  { report, config, credentials, identity, models }: Published,
  env: NodeJS.ProcessEnv
): Promise<void> {
  for (const line of renderLogLines(report)) {
    if (line.level === 'error')
      core.error(line.text, line.title !== undefined ? { title: line.title } : {})
    else if (line.level === 'warning')
      core.warning(line.text, line.title !== undefined ? { title: line.title } : {})
    else core.info(line.text)
  }

  // The report withholds exports when credentials or identity failed; outputs follow it.
  const canExport = report.exported.length > 0
  const outputs = buildOutputs({
    config,
    passed: report.passed,
    ...(identity?.identity !== undefined ? { identity: identity.identity } : {}),
    ...(canExport && credentials.obtained !== undefined
      ? { credentials: credentials.obtained }
      : {}),
    ...(models?.main !== undefined ? { main: models.main } : {}),
    ...(models?.small !== undefined ? { small: models.small } : {}),
    reportJson: reportJson(report),
    ...(report.iamPolicy !== undefined ? { iamPolicy: report.iamPolicy } : {})
  })
  applyExports(report.exported, outputs, env)

  if (config.jobSummary) await writeSummary(report, env)
  if (!report.passed && config.failOnError) {
    // Each failed check already has its own ::error annotation (renderLogLines): exit 1 without
    // repeating them all in one more. Only a report that failed without a failed check says why here.
    if (report.checks.some((check) => check.status === 'fail'))
      process.exitCode = core.ExitCode.Failure
    else core.setFailed(renderFailureMessage(report))
  }
}

/** A summary that cannot be written must not hide the run's result. */
async function writeSummary(report: Report, env: NodeJS.ProcessEnv): Promise<void> {
  if ((env.GITHUB_STEP_SUMMARY ?? '') === '') return
  try {
    await core.summary.addRaw(renderSummary(report), true).write()
  } catch (error) {
    core.warning(`Could not write the job summary: ${String(error)}`)
  }
}
