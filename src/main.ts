import { modelsForCapacity } from './capacity/capacityModels.js'
import { startCapacityPreflight } from './capacity/startCapacity.js'
import { readActionInputs } from './inputs/actionInputs.js'
import { markPostStep, rememberForPostStep } from './post/postState.js'
import { startUp } from './startup.js'

const sleep = (ms: number): Promise<void> => new Promise((resolve) => setTimeout(resolve, ms))

/**
 * The pipeline: inputs → credentials → checks → exports → summary. Each step is one call into its
 * own module; the checks return data, and one report feeds the log, exports, outputs, summary and
 * exit code.
 *
 * Where new steps go:
 * - before any AWS request (a gate on who triggered the run): right after startUp, before
 *   obtainCredentials. Start-up itself only requests the OIDC token from GitHub and opens
 *   connections; it sends nothing to AWS.
 * - how credentials are obtained (role chaining, web identity files): inside obtainCredentials.
 * - a new check: inside runChecks (src/checks/runChecks.ts), returning data for the report.
 * - other entry points (a post step, a CLI): a branch in index.ts that calls its own function,
 *   composing the same steps (as src/doctor/doctorMain.ts does with obtainCredentials and runChecks).
 */
export async function run(env: NodeJS.ProcessEnv = process.env): Promise<void> {
  const startedAt = Date.now()
  // First, so the post step (the same bundle) knows it is one even when an input is bad.
  markPostStep(env)
  const inputs = await readActionInputs(env)
  if (inputs === undefined) return // The step has failed, naming the input.
  const { config } = inputs
  const startup = await startUp(inputs, env, startedAt)
  // Loaded (and its client warmed up) while the token and role requests are out, so its first
  // Service Quotas call starts with the credentials at no extra cost.
  const preflight =
    config.verify === 'none'
      ? undefined
      : import('./capacity/preflight.js').then((loaded) => {
          void loaded.warmUpServiceQuotas(config.region)
          return loaded
        })
  const { pipeline } = startup
  const { core } = pipeline
  try {
    // Who may use the agent: started beside the token request, settled before any AWS request.
    const actor = await startup.actorCheck
    if (actor.status === 'fail') {
      await pipeline.refuseRun({ config, actor, durationMs: Date.now() - startedAt }, env)
      return
    }
    // Local (a sandbox trial run), so it runs beside the AWS calls.
    const isolation = pipeline.checkIsolation(config.scrubAgentCredentials, {
      platform: process.platform,
      env
    })
    const credentials = await pipeline.obtainCredentials({
      config,
      env,
      sts: startup.sts,
      getIdToken: startup.getIdToken,
      setSecret: (value) => core.setSecret(value),
      sleep
    })
    const clients = startup.clientsFor(credentials)
    // Beside the checks, never in their way: Service Quotas is asked as the models are known.
    const capacity = startCapacityPreflight(config, credentials, clients, preflight, env)
    const checked = await pipeline.runChecks(
      config,
      credentials,
      clients,
      env,
      () => (credentials.obtained === undefined ? clients : startup.apiKeyClients()),
      { onModelCandidate: (model) => capacity?.observe(model) }
    )
    const { identity, models } = checked
    // At most about one round trip more for Service Quotas (capacityLookup.ts).
    const settled = await capacity?.settle(modelsForCapacity(models))
    const report = pipeline.assembleReport({
      config,
      credentials,
      ...checked,
      actor,
      isolation: await isolation,
      capacityFor: settled?.checks,
      quotasFor: settled?.quotas,
      jobEnvironment: env,
      durationMs: Date.now() - startedAt
    })
    // Every account the run learned (the identity's, the API key's), before anything prints it.
    if (config.maskAwsAccountId)
      for (const account of pipeline.accountsOf(report)) core.setSecret(account)
    await pipeline.publish({ report, config, credentials, identity, models }, env)
    rememberForPostStep(config, report, models, startedAt, env, settled?.unfinishedRoles() ?? [])
    pipeline.logRefreshNotes(checked.refresh)
  } finally {
    startup.close()
  }
}
