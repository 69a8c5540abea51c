// The capacity pre-flight, loaded on its own (with the Service Quotas client) once the credentials
// are known, so neither the start-up nor the checks' critical path pays for it.
export { capacityChecks, NOT_BEFORE_ACCOUNT_PROOF } from './capacityCheck.js'
export { startQuotaListing, type QuotaListing } from './quotaListing.js'
