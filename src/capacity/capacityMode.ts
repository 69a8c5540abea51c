import type { CredentialOutcome } from '../credentials/obtainCredentials.js'
import type { Config } from '../inputs/config.js'

/**
 * How the capacity pre-flight may ask Service Quotas: `api-key` (a Bedrock API key alone: it
 * cannot), `account-first` (credentials from the environment with allowed-account-ids: nothing is
 * called before the account is proven, so it does not ask), else `aws`. A role to assume was
 * already checked against allowed-account-ids (readConfig), so only environment credentials wait.
 * No import beyond types: the entry file and the doctor share it.
 */
export function capacityMode(
  config: Pick<Config, 'allowedAccountIds' | 'roleToAssume'>,
  credentials: Pick<CredentialOutcome, 'source'>
): 'aws' | 'api-key' | 'account-first' {
  if (credentials.source === 'api-key') return 'api-key'
  return config.allowedAccountIds.length > 0 && config.roleToAssume === undefined
    ? 'account-first'
    : 'aws'
}

/** The regions the models are called in: where their quotas are looked up. */
export function capacityRegions(config: Pick<Config, 'region' | 'smallFastModelRegion'>): string[] {
  return [...new Set([config.region, config.smallFastModelRegion ?? config.region])]
}
