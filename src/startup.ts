import { startActorGate } from './actorGate/startActorGate.js'
import type { AwsClients } from './aws/clients.js'
import { clientAuthFor } from './aws/clientAuth.js'
import { connectionPlan } from './aws/connectionPlan.js'
import { requestGitHubIdToken } from './aws/githubIdToken.js'
import { Preconnections } from './aws/preconnections.js'
import { DEFAULT_RETRY_BUDGET } from './aws/retryPolicy.js'
import { timeoutsFromEnv } from './aws/timeouts.js'
import { importCompiledEagerly } from './compileEagerly.js'
import type { CredentialOutcome } from './credentials/obtainCredentials.js'
import { prefetchOidcToken, type GetIdToken } from './credentials/oidcToken.js'
import type { ActionInputs } from './inputs/actionInputs.js'
import type { CheckResult } from './report/types.js'

/** The modules the pipeline runs on (see pipelineModules.ts), loaded by startUp. */
export type Pipeline = typeof import('./pipelineModules.js')

/** What start-up hands the pipeline once the OIDC token request is under way. */
export interface Startup {
  /** @actions/core, the AWS SDK and the report, loaded and compiled, with masking connected. */
  readonly pipeline: Pipeline
  /** The job's OIDC token for an audience; the first request for the configured one is already out. */
  readonly getIdToken: GetIdToken
  /**
   * The actor check (actorGate/), started beside the token request: both go to GitHub, so on the
   * usual path it adds no round trip. Await it before anything is sent to AWS.
   */
  readonly actorCheck: Promise<CheckResult>
  /** The unsigned STS client that assumes the role, built while the token request was out. */
  readonly sts: AwsClients['sts']
  /** Clients signed with what the credentials step obtained, or with the Bedrock API key. */
  clientsFor(credentials: CredentialOutcome): AwsClients
  /** Clients whose Bedrock calls sign with the Bedrock API key alone (to learn the key's account). */
  apiKeyClients(): AwsClients
  /** Closes every connection start-up and the clients from clientsFor opened, so the process can exit. */
  close(): void
}

/**
 * Starts the run's latency-critical work and hands back what the pipeline needs.
 *
 * Only the inputs and this module come with the entry file. The OIDC token request goes out first
 * (when a role is to be assumed); while it is on the wire, and in this order: the AWS endpoints'
 * connections open (preconnections.ts), the rest of the action loads with eager compilation
 * (compileEagerly.ts), the STS client is built, and the SDK's first-request costs are paid
 * in-process (warmUp.ts) until the token is back. This keeps the critical path at 4 round trips
 * (`npm run bench`).
 *
 * @param startedAt  when the run started (ms since the epoch): the retry budget's deadline counts from it.
 * @throws when the pipeline's modules cannot be loaded (masks are issued first, connections closed).
 */
export async function startUp(
  { config, masks }: ActionInputs,
  env: NodeJS.ProcessEnv,
  startedAt: number
): Promise<Startup> {
  const preconnections = new Preconnections()
  const settings = {
    config,
    env,
    retry: { ...DEFAULT_RETRY_BUDGET, runDeadline: startedAt + DEFAULT_RETRY_BUDGET.runMs },
    timeouts: timeoutsFromEnv(env),
    preconnections
  }
  // Bounded by the same timeouts and proxy rules as the AWS calls; the token is masked on arrival.
  let tokenInFlight = false
  // Only a role assumed with GitHub OIDC uses the token: chaining and a token file never ask for one.
  const oidcRole = config.roleSource?.kind === 'github-oidc' ? config.roleToAssume : undefined
  const getIdToken = prefetchOidcToken(config.audience, oidcRole, env, (audience) => {
    tokenInFlight = true
    return requestGitHubIdToken(audience, env, {
      timeouts: settings.timeouts,
      setSecret: masks.add
    }).finally(() => {
      tokenInFlight = false
    })
  })
  // Role chaining and a token file have no token round trip, but the same AWS calls follow the
  // loading below (and the runner's own credential lookup): their connections open meanwhile too.
  const assumesWithoutGitHub =
    config.roleSource !== undefined && config.roleSource.kind !== 'github-oidc'
  if (tokenInFlight || assumesWithoutGitHub) {
    for (const { url, count } of connectionPlan(config, env)) preconnections.open(url, count)
  }
  const actorCheck = startActorGate(config, env, {
    timeouts: settings.timeouts,
    budget: settings.retry,
    sleep: (ms) => new Promise((resolve) => setTimeout(resolve, ms))
  })
  // A turn of the event loop puts the token request on the wire before loading the rest blocks
  // the thread; then that loading (and compiling) overlaps the round trip.
  await new Promise((resolve) => setImmediate(resolve))
  const pipeline = await importCompiledEagerly(() => import('./pipelineModules.js')).catch(
    async (error: unknown) => {
      // Masks first, so the top-level handler can report this without printing a secret.
      masks.connect((await import('@actions/core')).setSecret)
      preconnections.destroy()
      throw error
    }
  )
  masks.connect(pipeline.core.setSecret)

  const bootstrap = pipeline.createAwsClients({ ...settings, auth: {} })
  const opened = [bootstrap]
  // Both while the token request is still on the wire, instead of after it: the client that
  // assumes the role next, and the SDK's first-request costs.
  if (config.roleToAssume !== undefined) bootstrap.sts()
  if (tokenInFlight) void pipeline.warmUpSdk(config.region, () => tokenInFlight)

  return {
    pipeline,
    actorCheck,
    getIdToken,
    sts: bootstrap.sts,
    clientsFor(credentials) {
      const clients = pipeline.createAwsClients({
        ...settings,
        auth: clientAuthFor(config, credentials.obtained)
      })
      opened.push(clients)
      return clients
    },
    apiKeyClients() {
      const auth = config.bedrockApiKey !== undefined ? { apiKey: config.bedrockApiKey } : {}
      const clients = pipeline.createAwsClients({ ...settings, auth })
      opened.push(clients)
      return clients
    },
    close() {
      for (const clients of opened) clients.destroy()
      preconnections.destroy()
    }
  }
}
