import * as core from '@actions/core'
import type { AwsClients } from './aws/clients.js'
import { requestGitHubIdToken } from './aws/githubIdToken.js'
import { proxySecrets } from './aws/proxy.js'
import { timeoutsFromEnv } from './aws/timeouts.js'
import { DEFAULT_RETRY_BUDGET } from './aws/retryPolicy.js'
import type { CredentialOutcome } from './credentials/obtainCredentials.js'
import { prefetchOidcToken } from './credentials/oidcToken.js'
import type { IdentityProof } from './credentials/proveIdentity.js'
import { applyExports } from './exports/applyExports.js'
import { buildOutputs } from './exports/buildOutputs.js'
import type { Config } from './inputs/config.js'
import { InputError } from './inputs/inputError.js'
import { readConfig } from './inputs/readConfig.js'
import type { ModelVerification } from './checks/verifyModels.js'
import { assembleReport, credentialsTrusted } from './report/assembleReport.js'
import { renderFailureMessage, renderLogLines } from './report/renderLog.js'
import { renderSummary } from './report/renderSummary.js'
import { reportJson } from './report/reportJson.js'
import { setUpRefresh } from './refresh/setUpRefresh.js'
import type { Report } from './report/types.js'

type SdkModules = typeof import('./sdkModules.js')

const sleep = (ms: number): Promise<void> => new Promise((resolve) => setTimeout(resolve, ms))

/** The pipeline: inputs → credentials → checks → exports → summary. */
export async function run(env: NodeJS.ProcessEnv = process.env): Promise<void> {
  const startedAt = Date.now()
  // Masked before validation can mention anything about it.
  const rawApiKey = core.getInput('bedrock-api-key')
  if (rawApiKey.trim() !== '') core.setSecret(rawApiKey.trim())
  for (const secret of proxySecrets(env)) core.setSecret(secret)

  let config: Config
  try {
    config = readConfig((name) => core.getInput(name), env)
  } catch (error) {
    if (error instanceof InputError) return core.setFailed(error.message)
    throw error
  }

  const budget = { ...DEFAULT_RETRY_BUDGET, runDeadline: startedAt + DEFAULT_RETRY_BUDGET.runMs }
  const clientSettings = { config, env, retry: budget, timeouts: timeoutsFromEnv(env) }
  // Bounded by the same timeouts and proxy rules as the AWS calls; masks the token first.
  const getIdToken = prefetchOidcToken(config.audience, config.roleToAssume, env, (audience) =>
    requestGitHubIdToken(audience, env, {
      timeouts: clientSettings.timeouts,
      setSecret: core.setSecret
    })
  )
  // Loaded only now, once the token request has gone out (a turn of the event loop), so reading
  // and evaluating the SDK's chunk overlaps the round trip; an input error never loads it.
  await new Promise((resolve) => setImmediate(resolve))
  const sdk = await import('./sdkModules.js')
  const bootstrap = sdk.createAwsClients({ ...clientSettings, auth: {} })
  let clients: AwsClients | undefined
  try {
    const credentials = await sdk.obtainCredentials({
      config,
      env,
      sts: bootstrap.sts,
      getIdToken,
      setSecret: (value) => core.setSecret(value),
      sleep
    })
    clients = sdk.createAwsClients({
      ...clientSettings,
      auth: {
        ...(credentials.obtained !== undefined
          ? { credentials: credentials.obtained.credentials }
          : {}),
        ...(config.bedrockApiKey !== undefined ? { apiKey: config.bedrockApiKey } : {})
      }
    })
    const { identity, models } = await runChecks(sdk, config, credentials, clients)
    if (config.maskAwsAccountId && identity?.identity !== undefined) {
      core.setSecret(identity.identity.accountId)
    }
    // Only for a trusted identity: the renewing profile must never hand out a foreign account.
    const trusted = credentialsTrusted([credentials.check, ...(identity?.checks ?? [])])
    const refresh = trusted ? await setUpRefresh(config, credentials.obtained, env) : undefined
    const report = assembleReport({
      config,
      credentials,
      identity,
      models,
      refresh,
      durationMs: Date.now() - startedAt
    })
    await publish(report, config, credentials, identity, models, env)
    // Details for whoever wonders how later steps renew: folded, after the at-a-glance lines.
    if (refresh !== undefined && refresh.notes.length > 0) {
      core.startGroup('How later steps renew their credentials')
      for (const note of refresh.notes) core.info(note)
      core.endGroup()
    }
  } finally {
    bootstrap.destroy()
    clients?.destroy()
  }
}

/**
 * Identity and models. When allowed-account-ids is set, the account is proven before any Bedrock
 * call; otherwise both run concurrently, which saves a round trip on every run.
 */
async function runChecks(
  sdk: SdkModules,
  config: Config,
  credentials: CredentialOutcome,
  clients: AwsClients
): Promise<{ identity?: IdentityProof; models?: ModelVerification }> {
  if (credentials.check.status === 'fail') return {}
  if (credentials.obtained === undefined) {
    return { models: await sdk.verifyModels(config, clients) }
  }
  const identityPromise = sdk.proveIdentity(clients.sts(), config)
  if (config.allowedAccountIds.length > 0) {
    const identity = await identityPromise
    if (identity.identity === undefined || identity.checks.some((c) => c.status === 'fail')) {
      return { identity }
    }
    return { identity, models: await sdk.verifyModels(config, clients, principalOf(identity)) }
  }
  const [identity, models] = await Promise.all([identityPromise, sdk.verifyModels(config, clients)])
  return { identity, models }
}

function principalOf(proof: IdentityProof): { arn: string; accountId: string } | undefined {
  return proof.identity === undefined
    ? undefined
    : { arn: proof.identity.arn, accountId: proof.identity.accountId }
}

/** Log, exports, outputs, summary and exit code, all from the one report. */
async function publish(
  report: Report,
  config: Config,
  credentials: CredentialOutcome,
  identity: IdentityProof | undefined,
  models: ModelVerification | undefined,
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
  if (!report.passed && config.failOnError) core.setFailed(renderFailureMessage(report))
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
