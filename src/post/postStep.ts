import * as core from '@actions/core'
import { createAwsClients, type AwsClients } from '../aws/clients.js'
import { requestGitHubIdToken } from '../aws/githubIdToken.js'
import { DEFAULT_RETRY_BUDGET } from '../aws/retryPolicy.js'
import { timeoutsFromEnv } from '../aws/timeouts.js'
import { obtainCredentials } from '../credentials/obtainCredentials.js'
import type { Config } from '../inputs/config.js'
import { InputError } from '../inputs/inputError.js'
import { readConfig } from '../inputs/readConfig.js'
import { runnerInput } from '../inputs/runnerInput.js'
import { quotaCacheRoot } from '../capacity/quotaCachePath.js'
import { quotaCodeCache } from '../capacity/quotaCodeCache.js'
import { finishCapacity, withThrottles } from './capacityAfterRun.js'
import { readUsageState } from './postState.js'
import { briefly } from './problems.js'
import { capacityLogLines, renderCapacitySummary } from './renderCapacity.js'
import { renderUsageSummary, usageHeadline, usageNotes } from './renderUsage.js'
import { buildUsageReport } from './usageReport.js'

const sleep = (ms: number): Promise<void> => new Promise((resolve) => setTimeout(resolve, ms))

/**
 * The post step (`runs.post`, the same bundle): this job's Bedrock usage, appended to the job
 * summary. It never fails the job: every problem is one line with its fix, a plain log line with
 * `usage-report: auto` and a warning with `true`; `false` turns it off.
 */
export async function runPostStep(env: NodeJS.ProcessEnv = process.env): Promise<void> {
  let config: Config
  try {
    config = readConfig(runnerInput(env), env)
  } catch (error) {
    if (error instanceof InputError) return // The main step already failed on it.
    throw error
  }
  if (config.usageReport === 'false') return
  const say = (line: string): void =>
    config.usageReport === 'true' ? core.warning(line) : core.info(line)
  const state = readUsageState(env)
  if (state === undefined) {
    core.info(
      'Bedrock usage report: nothing to report, the set-up step did not get as far as setting Bedrock up.'
    )
    return
  }
  const settings = {
    config,
    env,
    // The wait for log delivery comes on top of the calls' own time.
    retry: {
      ...DEFAULT_RETRY_BUDGET,
      runDeadline: Date.now() + config.usageReportWaitSeconds * 1000 + DEFAULT_RETRY_BUDGET.runMs
    },
    timeouts: timeoutsFromEnv(env)
  }
  const opened: AwsClients[] = []
  try {
    const bootstrap = createAwsClients({ ...settings, auth: {} })
    opened.push(bootstrap)
    // The same credentials the set-up step used: the role again (a fresh session of the same
    // name), or what the environment holds. A Bedrock API key cannot read CloudWatch.
    const credentials = await obtainCredentials({
      config,
      env,
      sts: bootstrap.sts,
      getIdToken: (audience) =>
        requestGitHubIdToken(audience, env, {
          timeouts: settings.timeouts,
          setSecret: (value) => core.setSecret(value)
        }),
      setSecret: (value) => core.setSecret(value),
      sleep
    })
    if (credentials.obtained === undefined) {
      say(
        credentials.source === 'api-key'
          ? 'Bedrock usage report: skipped, a Bedrock API key cannot read CloudWatch. Fix: give the job AWS credentials (role-to-assume) with the optional permissions in the README.'
          : `Bedrock usage report: skipped, no AWS credentials (${credentials.check.cause ?? credentials.check.detail}).`
      )
      return
    }
    const clients = createAwsClients({
      ...settings,
      auth: { credentials: credentials.obtained.credentials }
    })
    opened.push(clients)
    // The capacity checks the set-up step could not finish run while the logs are awaited.
    const [report, capacity] = await Promise.all([
      buildUsageReport({
        state,
        clients,
        partition: config.partition,
        wait: { maxWaitMs: config.usageReportWaitSeconds * 1000, now: Date.now, sleep }
      }),
      finishCapacity({
        state,
        clients,
        cache: quotaCodeCache(quotaCacheRoot(env, 'runner')),
        maxOutputTokens: config.maxOutputTokens
      })
    ])
    const found = withThrottles(capacity.results, report)
    core.info(usageHeadline(report))
    for (const problem of report.problems) say(problem.line)
    for (const note of usageNotes(report)) core.info(note)
    for (const { warning, line } of capacityLogLines(found)) {
      if (warning) core.warning(line)
      else core.info(line)
    }
    if (config.jobSummary && (env['GITHUB_STEP_SUMMARY'] ?? '') !== '') {
      await core.summary
        .addRaw(renderUsageSummary(report), true)
        .addRaw(renderCapacitySummary(found, capacity.cacheWritten), true)
        .write()
    }
  } catch (error) {
    say(`Bedrock usage report: stopped by an unexpected error (${briefly(error)}).`)
  } finally {
    for (const clients of opened) clients.destroy()
  }
}
