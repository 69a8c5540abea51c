// Everything that evaluates the AWS SDK, which is most of the bundle. main.ts imports this with
// one dynamic import once the inputs are valid, so an input error exits without paying for it,
// and a real run loads it while the OIDC token request is already on the wire.
export { createAwsClients } from './aws/clients.js'
export { verifyModels } from './checks/verifyModels.js'
export { obtainCredentials } from './credentials/obtainCredentials.js'
export { proveIdentity } from './credentials/proveIdentity.js'
