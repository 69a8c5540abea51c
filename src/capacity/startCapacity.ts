import type { AwsClients } from '../aws/clients.js'
import type { CredentialOutcome } from '../credentials/obtainCredentials.js'
import type { Config } from '../inputs/config.js'
import type { ResolvedModel } from '../models/resolvedModel.js'
import type { CheckResult } from '../report/types.js'

/** Turns the verified models into capacity checks, from whatever the quota listing has by then. */
export type CapacityFor = (verified: readonly ResolvedModel[]) => CheckResult[]

/**
 * Starts the capacity pre-flight beside the model checks: the Service Quotas listing of every
 * region a model is verified in, read in the background. `loading` is the chunk of its own (its
 * SDK client included) that main.ts starts loading during the OIDC round trip. The result never waits for the listing: what has not arrived when the checks
 * are done becomes a `skip` with the reason (see capacityCheck.ts).
 */
export function startCapacityPreflight(
  config: Config,
  credentials: CredentialOutcome,
  clients: AwsClients,
  loading: Promise<typeof import('./preflight.js')> | undefined
): Promise<CapacityFor | undefined> {
  if (loading === undefined || config.verify === 'none' || credentials.check.status === 'fail') {
    return Promise.resolve(undefined)
  }
  const regions = [...new Set([config.region, config.smallFastModelRegion ?? config.region])]
  return loading.then((preflight) => {
    if (credentials.source === 'api-key') {
      return (verified) => preflight.capacityChecks(verified, undefined, config.maxOutputTokens)
    }
    // allowed-account-ids: no call before the account is proven. A role to assume was already
    // checked against the list (readConfig), so only credentials from the environment wait.
    if (config.allowedAccountIds.length > 0 && config.roleToAssume === undefined) {
      return (verified) =>
        preflight.capacityChecks(
          verified,
          () => preflight.NOT_BEFORE_ACCOUNT_PROOF,
          config.maxOutputTokens
        )
    }
    const listings = new Map(
      regions.map((region) => [region, preflight.startQuotaListing(clients, region)])
    )
    return (verified) => {
      for (const listing of listings.values()) listing.stop()
      return preflight.capacityChecks(
        verified,
        (region) => listings.get(region)?.snapshot(),
        config.maxOutputTokens
      )
    }
  })
}
