// Everything run() needs once the inputs are valid: @actions/core, the AWS SDK (most of the
// bundle) and the report. main.ts loads this with one dynamic import, made once the OIDC token
// request is on the wire, so loading it overlaps that round trip; an input error never loads the
// SDK at all.
export * as core from '@actions/core'
export { checkIsolation } from './agentIsolation/checkIsolation.js'
export { createAwsClients } from './aws/clients.js'
export { warmUpSdk } from './aws/warmUp.js'
export { verifyModels } from './checks/verifyModels.js'
export { obtainCredentials } from './credentials/obtainCredentials.js'
export { proveIdentity } from './credentials/proveIdentity.js'
export { assembleReport, credentialsTrusted } from './report/assembleReport.js'
export { publish } from './report/publish.js'
export { setUpRefresh } from './refresh/setUpRefresh.js'
