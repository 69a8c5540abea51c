import { run } from './main.js'
import { isPostStep } from './post/postState.js'

// One bundle, several entry points: the action itself (no arguments; its post step when the runner
// says so), the credential helper later steps run through the AWS profile the action sets up
// (`node dist/index.js credential-process ...`), and `doctor` for a person's machine. Each command
// is imported only when asked for; any other argument gets the usage, never the action. @actions/core, the AWS SDK and the report live in
// chunks of their own (dist/*.index.js): the action loads them only once its inputs are valid and
// the OIDC token request is under way.
if (process.argv[2] === 'credential-process') {
  const { credentialProcessMain } = await import('./refresh/credentialProcess.js')
  await credentialProcessMain(process.argv.slice(3))
} else if (process.argv[2] === 'doctor') {
  const { doctorMain } = await import('./doctor/doctorMain.js')
  process.exitCode = await doctorMain(process.argv.slice(3))
} else if (process.argv[2] !== undefined) {
  const help = process.argv[2] === '--help' || process.argv[2] === '-h'
  ;(help ? process.stdout : process.stderr).write(
    [
      ...(help ? [] : [`Unknown command "${process.argv[2]}".`]),
      'Usage: setup-claude-bedrock doctor [flags]          check this machine (--help for flags)',
      '       setup-claude-bedrock credential-process ...   the renewing credential helper (--help)',
      'With no arguments, in a GitHub Actions step: the action itself.',
      ''
    ].join('\n')
  )
  process.exitCode = help ? 0 : 2
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
    const { errorText } = await import('./diagnosis/errorText.js')
    core.debug(error instanceof Error ? (error.stack ?? error.message) : String(error))
    core.setFailed(
      `setup-claude-bedrock failed unexpectedly: ${errorText(error)}. ` +
        'Please report it with this log (re-run with debug logging for details).'
    )
  })
}
