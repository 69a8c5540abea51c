// The capacity pre-flight, loaded on its own (with the Service Quotas client) once the credentials
// are known, so neither the start-up nor the checks' critical path pays for it.
export { startCapacityLookup, type CapacityLookup, type SettledCapacity } from './capacityLookup.js'
export { quotaCodeCache } from './quotaCodeCache.js'
export { quotaCacheRoot } from './quotaCachePath.js'
export { warmUpServiceQuotas } from './quotaListing.js'
