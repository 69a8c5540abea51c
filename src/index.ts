import { run } from './main.js'
import { isPostStep } from './post/postState.js'

// One bundle, two entry points: the action itself, and the credential helper later steps run
// through the AWS profile the action sets up (`node dist/index.js credential-process ...`).
// The helper is imported only when asked for. @actions/core, the AWS SDK and the report live in
// chunks of their own (dist/*.index.js): the action loads them only once its inputs are valid and
// the OIDC token request is under way.
if (process.argv[2] === 'credential-process') {
  const { credentialProcessMain } = await import('./refresh/credentialProcess.js')
  await credentialProcessMain(process.argv.slice(3))
} else if (process.argv[2] === 'doctor') {
  const { doctorMain } = await import('./doctor/doctorMain.js')
  process.exitCode = await doctorMain(process.argv.slice(3))
} else if (isPostStep(process.env)) {
  // runs.post: the main step left `isPost` in the runner's state. Never fails the job.
  const { runPostStep } = await import('./post/postStep.js')
  await runPostStep().catch(async (error: unknown) => {
    const core = await import('@actions/core')
    core.info(`Bedrock usage report: failed unexpectedly (${String(error)}).`)
  })
} else {
  // The one top-level handler: anything the pipeline did not turn into a check is a bug of ours.
  // Its message goes to the log through setFailed, so the runner's masking applies; the stack
  // only with step debug logging.
  await run().catch(async (error: unknown) => {
    const core = await import('@actions/core')
    core.debug(error instanceof Error ? (error.stack ?? error.message) : String(error))
    core.setFailed(
      `setup-claude-bedrock failed unexpectedly: ${error instanceof Error ? error.message : String(error)}. ` +
        'Please report it with this log (re-run with debug logging for details).'
    )
  })
}
