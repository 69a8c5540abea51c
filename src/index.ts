import { run } from './main.js'

// One bundle, two entry points: the action itself, and the credential helper later steps run
// through the AWS profile the action sets up (`node dist/index.js credential-process ...`).
// The helper is imported only when asked for. The AWS SDK lives in chunks of its own (dist/*.index.js):
// the action loads them only once its inputs are valid and the OIDC token request is under way.
if (process.argv[2] === 'credential-process') {
  const { credentialProcessMain } = await import('./refresh/credentialProcess.js')
  await credentialProcessMain(process.argv.slice(3))
} else await run()
