import { startActorGate } from './actorGate/startActorGate.js'
import type { AwsClients } from './aws/clients.js'
import { requestGitHubIdToken } from './aws/githubIdToken.js'
import { connectionPlan } from './aws/connectionPlan.js'
import { Preconnections } from './aws/preconnections.js'
import { proxySecrets } from './aws/proxy.js'
import { timeoutsFromEnv } from './aws/timeouts.js'
import { DEFAULT_RETRY_BUDGET } from './aws/retryPolicy.js'
import { importCompiledEagerly } from './compileEagerly.js'
import type { CredentialOutcome } from './credentials/obtainCredentials.js'
import { prefetchOidcToken } from './credentials/oidcToken.js'
import type { IdentityProof } from './credentials/proveIdentity.js'
import type { Config } from './inputs/config.js'
import { InputError } from './inputs/inputError.js'
import { readConfig } from './inputs/readConfig.js'
import { runnerInput } from './inputs/runnerInput.js'
import type { ModelVerification } from './checks/verifyModels.js'
import { MaskQueue } from './masking/maskQueue.js'
import type { RefreshOutcome } from './refresh/setUpRefresh.js'

type Pipeline = typeof import('./pipelineModules.js')

const sleep = (ms: number): Promise<void> => new Promise((resolve) => setTimeout(resolve, ms))

/**
 * The pipeline: inputs → credentials → checks → exports → summary.
 *
 * Only the inputs and the OIDC token request come with this file; the rest of the action
 * (@actions/core, the AWS SDK, the report) is loaded while that request is on the wire.
 */
export async function run(env: NodeJS.ProcessEnv = process.env): Promise<void> {
  const startedAt = Date.now()
  const getInput = runnerInput(env)
  // Queued now, issued before anything can print (validation messages included).
  const masks = new MaskQueue()
  masks.add(getInput('bedrock-api-key'))
  masks.add(getInput('github-token'))
  for (const secret of proxySecrets(env)) masks.add(secret)

  let config: Config
  try {
    config = readConfig(getInput, env)
  } catch (error) {
    const core = await import('@actions/core')
    masks.connect(core.setSecret)
    if (!(error instanceof InputError)) throw error
    return core.setFailed(error.message)
  }

  const budget = { ...DEFAULT_RETRY_BUDGET, runDeadline: startedAt + DEFAULT_RETRY_BUDGET.runMs }
  const preconnections = new Preconnections()
  const clientSettings = {
    config,
    env,
    retry: budget,
    timeouts: timeoutsFromEnv(env),
    preconnections
  }
  // Bounded by the same timeouts and proxy rules as the AWS calls; the token is masked on arrival.
  let tokenInFlight = false
  const getIdToken = prefetchOidcToken(config.audience, config.roleToAssume, env, (audience) => {
    tokenInFlight = true
    return requestGitHubIdToken(audience, env, {
      timeouts: clientSettings.timeouts,
      setSecret: masks.add
    }).finally(() => {
      tokenInFlight = false
    })
  })
  // The AWS endpoints' connections open while the token request is out (see preconnections.ts).
  if (tokenInFlight) {
    for (const { url, count } of connectionPlan(config, env)) preconnections.open(url, count)
  }
  // Who may use the agent: read beside the token request, awaited before any AWS request.
  const actorCheck = startActorGate(config, env, {
    timeouts: clientSettings.timeouts,
    budget,
    sleep
  })
  // A turn of the event loop puts the token request on the wire before loading the rest blocks
  // the thread; then that loading (and compiling) overlaps the round trip.
  await new Promise((resolve) => setImmediate(resolve))
  const pipeline = await importCompiledEagerly(() => import('./pipelineModules.js')).catch(
    async (error: unknown) => {
      // Masks first, so the top-level handler can report this without printing a secret.
      masks.connect((await import('@actions/core')).setSecret)
      throw error
    }
  )
  const { core } = pipeline
  masks.connect(core.setSecret)

  const bootstrap = pipeline.createAwsClients({ ...clientSettings, auth: {} })
  // Both while the token request is still on the wire, instead of after it: the client that
  // assumes the role next, and the SDK's first-request costs (see warmUp.ts).
  if (config.roleToAssume !== undefined) bootstrap.sts()
  if (tokenInFlight) void pipeline.warmUpSdk(config.region, () => tokenInFlight)
  let clients: AwsClients | undefined
  try {
    const actor = await actorCheck
    if (actor.status === 'fail') {
      // Nothing reaches AWS: the report says who was refused, and nothing is exported.
      const credentials = notRequested(config)
      const report = pipeline.assembleReport({
        config,
        credentials,
        actor,
        durationMs: Date.now() - startedAt
      })
      await pipeline.publish(
        { report, config, credentials, identity: undefined, models: undefined },
        env
      )
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
      sts: bootstrap.sts,
      getIdToken,
      setSecret: (value) => core.setSecret(value),
      sleep
    })
    clients = pipeline.createAwsClients({
      ...clientSettings,
      auth: {
        ...(credentials.obtained !== undefined
          ? { credentials: credentials.obtained.credentials }
          : {}),
        ...(config.bedrockApiKey !== undefined ? { apiKey: config.bedrockApiKey } : {})
      }
    })
    const { identity, models, refresh } = await runChecks(
      pipeline,
      config,
      credentials,
      clients,
      env
    )
    if (config.maskAwsAccountId && identity?.identity !== undefined) {
      core.setSecret(identity.identity.accountId)
    }
    const report = pipeline.assembleReport({
      config,
      credentials,
      identity,
      models,
      refresh,
      actor,
      isolation: await isolation,
      durationMs: Date.now() - startedAt
    })
    await pipeline.publish({ report, config, credentials, identity, models }, env)
    // Details for whoever wonders how later steps renew: folded, after the at-a-glance lines.
    if (refresh !== undefined && refresh.notes.length > 0) {
      core.startGroup('How later steps renew their credentials')
      for (const note of refresh.notes) core.info(note)
      core.endGroup()
    }
  } finally {
    bootstrap.destroy()
    clients?.destroy()
    preconnections.destroy()
  }
}

interface Checked {
  readonly identity?: IdentityProof
  readonly models?: ModelVerification
  readonly refresh?: RefreshOutcome | undefined
}

/**
 * Identity, models and the renewing profile. When allowed-account-ids is set, the account is
 * proven before any Bedrock call; otherwise both run concurrently, which saves a round trip on
 * every run. The renewing profile is written as soon as the identity is trusted (never for a
 * foreign account), while the model checks are still on the wire.
 */
async function runChecks(
  pipeline: Pipeline,
  config: Config,
  credentials: CredentialOutcome,
  clients: AwsClients,
  env: NodeJS.ProcessEnv
): Promise<Checked> {
  if (credentials.check.status === 'fail') return {}
  // After the answers that came in with the identity's have been handled (a macrotask), so the
  // model checks' next requests leave first and the files are written while those are in flight.
  const refreshIfTrusted = async (
    identity?: IdentityProof
  ): Promise<RefreshOutcome | undefined> => {
    if (!pipeline.credentialsTrusted([credentials.check, ...(identity?.checks ?? [])])) return
    await new Promise((resolve) => setImmediate(resolve))
    return pipeline.setUpRefresh(config, credentials.obtained, env)
  }
  if (credentials.obtained === undefined) {
    const [models, refresh] = await Promise.all([
      pipeline.verifyModels(config, clients),
      refreshIfTrusted()
    ])
    return { models, refresh }
  }
  const identityProof = pipeline.proveIdentity(clients.sts(), config)
  const refreshSetup = identityProof.then(refreshIfTrusted)
  if (config.allowedAccountIds.length > 0) {
    const identity = await identityProof
    if (identity.identity === undefined || identity.checks.some((c) => c.status === 'fail')) {
      return { identity, refresh: await refreshSetup }
    }
    const [models, refresh] = await Promise.all([
      pipeline.verifyModels(config, clients, principalOf(identity)),
      refreshSetup
    ])
    return { identity, models, refresh }
  }
  const [identity, models, refresh] = await Promise.all([
    identityProof,
    pipeline.verifyModels(config, clients),
    refreshSetup
  ])
  return { identity, models, refresh }
}

/** The credentials outcome of a run the actor check stopped: nothing was asked of AWS. */
function notRequested(config: Config): CredentialOutcome {
  return {
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
}

function principalOf(proof: IdentityProof): { arn: string; accountId: string } | undefined {
  return proof.identity === undefined
    ? undefined
    : { arn: proof.identity.arn, accountId: proof.identity.accountId }
}
