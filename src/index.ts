import { run } from './main.js'
import { credentialProcessMain } from './refresh/credentialProcess.js'

// One bundle, two entry points: the action itself, and the credential helper later steps run
// through the AWS profile the action sets up (`node dist/index.js credential-process ...`).
if (process.argv[2] === 'credential-process') await credentialProcessMain(process.argv.slice(3))
else await run()
