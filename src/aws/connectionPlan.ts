import { quotaCodesCached } from '../capacity/quotaCachePath.js'
import type { Config } from '../inputs/config.js'
import { familiesToPin } from '../models/familyPins.js'
import { endpointFor } from './endpoints.js'
import { proxyFor } from './proxy.js'

export interface PlannedConnections {
  readonly url: URL
  readonly count: number
}

const TRUE = /^true$/i

/**
 * The connections a run with role-to-assume will open after its OIDC round trip (or, assuming the
 * role by chaining or with a token file, after the bundle has loaded), per endpoint:
 * STS twice (AssumeRoleWithWebIdentity and GetCallerIdentity go through different clients), the
 * Bedrock control plane twice per region (its two listings run at once; one availability call per
 * model after them), and the runtime twice per
 * model it calls (InvokeModel and the response stream start together; pinned families included), and
 * Service Quotas for the capacity pre-flight: one per quota code it will ask for at once (tokens and
 * requests per model) when the runner has the codes cached, else one for the listing's pages. None for an endpoint reached through a proxy (the proxy agent connects), nor
 * when FIPS or dual-stack endpoints are asked for (the SDK then picks hosts of its own).
 */
export function connectionPlan(config: Config, env: NodeJS.ProcessEnv): PlannedConnections[] {
  if (config.roleToAssume === undefined) return []
  if (TRUE.test(env.AWS_USE_FIPS_ENDPOINT ?? '') || TRUE.test(env.AWS_USE_DUALSTACK_ENDPOINT ?? ''))
    return []
  const modelRegions = [config.region, config.smallFastModelRegion ?? config.region]
  const planned: PlannedConnections[] = [
    { url: endpointFor('sts', config.region, config, env).url, count: 2 }
  ]
  for (const region of new Set(modelRegions)) {
    const pinned = region === config.region ? familiesToPin(config).length : 0
    const models = modelRegions.filter((r) => r === region).length
    // The listings, then one availability call per model (pinned families only with verify: access).
    const availability =
      config.verify === 'none' ? 0 : models + (config.verify === 'access' ? pinned : 0)
    planned.push({
      url: endpointFor('bedrock', region, config, env).url,
      count: Math.max(2, availability)
    })
    if (config.verify === 'invoke') {
      planned.push({
        url: endpointFor('bedrock-runtime', region, config, env).url,
        count: 2 * (models + pinned)
      })
    }
    if (config.verify !== 'none') {
      planned.push({
        url: endpointFor('servicequotas', region, config, env).url,
        count: quotaCodesCached(env, region) ? 2 * (models + pinned) : 1
      })
    }
  }
  // Endpoints that share a host (one emulator, one VPC endpoint) share the connections too.
  const byOrigin = new Map<string, PlannedConnections>()
  for (const { url, count } of planned) {
    if (proxyFor(url, env) !== undefined) continue
    const existing = byOrigin.get(url.origin)
    byOrigin.set(url.origin, { url, count: (existing?.count ?? 0) + count })
  }
  return [...byOrigin.values()]
}
