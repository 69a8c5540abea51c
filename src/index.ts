import { run } from './main.js'

// One bundle, two entry points: the action itself, and the credential helper later steps run
// through the AWS profile the action sets up (`node dist/index.js credential-process ...`).
// The helper is imported only when asked for: it loads the AWS SDK, which the action itself
// evaluates only after its inputs are valid (`eager` keeps it in the one bundle).
if (process.argv[2] === 'credential-process') {
  const { credentialProcessMain } = await import(
    /* webpackMode: "eager" */ './refresh/credentialProcess.js'
  )
  await credentialProcessMain(process.argv.slice(3))
} else await run()
