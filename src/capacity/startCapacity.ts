import type { AwsClients } from '../aws/clients.js'
import type { CredentialOutcome } from '../credentials/obtainCredentials.js'
import type { Config } from '../inputs/config.js'
import type { ResolvedModel } from '../models/resolvedModel.js'
import type { CapacityLookup, SettledCapacity } from './capacityLookup.js'
import { capacityMode, capacityRegions } from './capacityMode.js'

/** The main step's handle on the capacity pre-flight (see capacityLookup.ts). */
export interface CapacityPreflight {
  /** Called as each candidate model's checks start (verifyModels), so its quotas go out beside them. */
  observe(model: ResolvedModel): void
  /** After the checks: waits at most about one round trip more, then what each model got. */
  settle(models: ReadonlyArray<ResolvedModel | undefined>): Promise<SettledCapacity | undefined>
}

/**
 * Starts the capacity pre-flight beside the model checks, once the credentials are known.
 * `loading` is the chunk of its own (its SDK client included) that main.ts starts loading during
 * the OIDC round trip; models observed before it has loaded are handed over when it has. Where
 * the code cache lives: the runner's tool cache (`RUNNER_TOOL_CACHE`).
 */
export function startCapacityPreflight(
  config: Config,
  credentials: CredentialOutcome,
  clients: AwsClients,
  loading: Promise<typeof import('./preflight.js')> | undefined,
  env: NodeJS.ProcessEnv
): CapacityPreflight | undefined {
  if (loading === undefined || config.verify === 'none' || credentials.check.status === 'fail') {
    return undefined
  }
  const waiting: ResolvedModel[] = []
  let lookup: CapacityLookup | undefined
  const started = loading.then((preflight) => {
    lookup = preflight.startCapacityLookup({
      clients,
      regions: capacityRegions(config),
      cache: preflight.quotaCodeCache(preflight.quotaCacheRoot(env, 'runner')),
      options: {
        maxOutputTokens: config.maxOutputTokens,
        postStep: config.usageReport !== 'false'
      },
      mode: capacityMode(config, credentials)
    })
    for (const model of waiting.splice(0)) lookup.observe(model)
    return lookup
  })
  // A chunk that failed to load is reported by settle (as no capacity check), never unhandled.
  started.catch(() => undefined)
  return {
    observe(model) {
      if (lookup !== undefined) lookup.observe(model)
      else waiting.push(model)
    },
    async settle(models) {
      const ready = await started.catch(() => undefined)
      return ready?.settle(models.filter((model) => model !== undefined))
    }
  }
}
