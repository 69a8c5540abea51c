// Everything run() needs once the inputs are valid: @actions/core, the AWS SDK (most of the
// bundle) and the report. startup.ts loads this with one dynamic import, made once the OIDC token
// request is on the wire, so loading it overlaps that round trip; an input error never loads the
// SDK at all. A new pipeline step exports its entry function here.
export * as core from '@actions/core'
export { refuseRun } from './actorGate/refuseRun.js'
export { checkIsolation } from './agentIsolation/checkIsolation.js'
export { createAwsClients } from './aws/clients.js'
export { warmUpSdk } from './aws/warmUp.js'
export { runChecks } from './checks/runChecks.js'
export { obtainCredentials } from './credentials/obtainCredentials.js'
export { assembleReport } from './report/assembleReport.js'
export { accountsOf } from './report/reportAccounts.js'
export { logRefreshNotes } from './report/logRefreshNotes.js'
export { publish } from './report/publish.js'
