import * as core from '@actions/core'
import type { InputError } from '../inputs/inputError.js'
import { reportJson } from './reportJson.js'
import { renderSummary } from './renderSummary.js'
import { inputChecks, stoppedReport } from './inputChecks.js'

/**
 * A boolean input read without failing, for deciding how to report the other inputs' problems:
 * `false` in any case means false, anything else (unset, or itself invalid) keeps the default.
 */
function leniently(value: string, fallback: boolean): boolean {
  const lower = value.trim().toLowerCase()
  return lower === 'true' ? true : lower === 'false' ? false : fallback
}

/**
 * Reports invalid inputs the way every other failure is reported, before any network call and
 * without loading the AWS SDK: the log, the `passed` and `report` outputs, and the job summary.
 * With `fail-on-error: false` the problems are warnings, `passed` is `false` and the step
 * succeeds, as the README promises for every failure; otherwise the step fails with one
 * annotation carrying every problem.
 *
 * @param getInput the raw step inputs, to read fail-on-error and job-summary leniently.
 */
export async function publishInputError(
  error: InputError,
  getInput: (name: string) => string,
  env: NodeJS.ProcessEnv
): Promise<void> {
  const failOnError = leniently(getInput('fail-on-error'), true)
  const report = stoppedReport(inputChecks(error), {
    failOnError,
    region: getInput('aws-region') || env.AWS_REGION || env.AWS_DEFAULT_REGION || 'not set',
    verify:
      (['invoke', 'access', 'none'] as const).find((v) => v === getInput('verify')) ?? 'invoke'
  })
  core.setOutput('passed', 'false')
  core.setOutput('report', reportJson(report))
  if (failOnError) core.setFailed(error.message)
  else {
    core.warning(error.message, { title: 'Invalid input' })
    core.info(
      'Claude Code on Amazon Bedrock: Not ready (fail-on-error is false: the step succeeds and the passed output is false).'
    )
  }
  if (leniently(getInput('job-summary'), true) && (env.GITHUB_STEP_SUMMARY ?? '') !== '') {
    try {
      await core.summary.addRaw(renderSummary(report), true).write()
    } catch (writeError) {
      core.warning(`Could not write the job summary: ${String(writeError)}`)
    }
  }
}
