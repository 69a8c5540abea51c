// `npm start`: the whole action, end to end, on this machine. Starts the local AWS/GitHub emulator
// with a scenario, runs the bundled dist/index.js exactly as a runner would, and shows what happened.
//
//   npm start                                  # the default scenario: everything works
//   npm start -- --scenario trust-mismatch     # see what a failure looks like
//   npm start -- --list                        # the scenarios there are
//   npm start -- --input model=opus --input verify=access
import { randomUUID } from 'node:crypto'
import { writeFileSync } from 'node:fs'
import path from 'node:path'
import { parseArgs } from 'node:util'
import { listScenarios, loadScenario, startEmulator } from '../emulator/index.ts'
import { runAction, runPostStep, visibleLog } from '../emulator/runner/runAction.ts'
import { renderSummaryForTerminal } from '../src/report/summaryForTerminal.ts'

const { values } = parseArgs({
  options: {
    scenario: { type: 'string', default: 'default' },
    input: { type: 'string', multiple: true, default: [] },
    list: { type: 'boolean', default: false },
    'summary-file': { type: 'string', default: 'job-summary.md' }
  }
})

if (values.list) {
  for (const name of listScenarios())
    console.log(`${name.padEnd(28)} ${loadScenario(name).description}`)
  process.exit(0)
}

const scenario = loadScenario(values.scenario)
const inputs: Record<string, string> = {
  'role-to-assume': `arn:aws:iam::${scenario.account}:role/${scenario.roles[0]?.name ?? 'claude-code'}`,
  'aws-region': scenario.defaultRegion
}
for (const pair of values.input) {
  const eq = pair.indexOf('=')
  if (eq <= 0) throw new Error(`--input takes name=value, got "${pair}"`)
  inputs[pair.slice(0, eq)] = pair.slice(eq + 1)
}

const bold = (s: string): string => (process.stdout.isTTY ? `\x1b[1m${s}\x1b[0m` : s)
const emulator = await startEmulator({ scenario })
try {
  console.log(bold(`▶ Scenario "${scenario.name}": ${scenario.description}`))
  console.log(
    `  emulator (OIDC, STS, Bedrock, Bedrock runtime, CloudWatch Logs and metrics, Service Quotas, Price List) on ${emulator.url}`
  )
  console.log(`  running dist/index.js as a runner would, with:`)
  for (const [name, value] of Object.entries(inputs)) console.log(`    ${name}: ${value}`)

  // A short wait for log delivery: the emulator delivers at once unless the scenario lags.
  if (inputs['usage-report-wait-seconds'] === undefined) inputs['usage-report-wait-seconds'] = '5'
  const run = await runAction({
    inputs,
    env: {
      ...emulator.runnerEnv(),
      GITHUB_JOB: 'agent',
      RUNNER_TRACKING_ID: `github_${randomUUID()}`
    }
  })
  const secrets = new Set(run.masks)
  const redact = (value: string): string => (secrets.has(value) ? '***' : value)

  console.log(bold('\n── Step log ──'))
  console.log(visibleLog(run).trimEnd())
  if (run.stderr.trim() !== '') console.log(run.stderr.trimEnd())

  console.log(bold('\n── Exported to later steps (GITHUB_ENV) ──'))
  const exported = Object.entries(run.env)
  if (exported.length === 0) console.log('  (nothing)')
  for (const [name, value] of exported) console.log(`  ${name}=${redact(value)}`)

  console.log(bold('\n── Step outputs ──'))
  for (const [name, value] of Object.entries(run.outputs)) {
    const shown = redact(value)
    console.log(`  ${name}: ${shown.length > 160 ? `${shown.slice(0, 157)}...` : shown}`)
  }

  // The agent step would run here; then the runner runs the action's post step (runs.post) with
  // the main step's state (STATE_*) and every variable it exported.
  const mainRequests = emulator.requests.length
  const post = await runPostStep(run)
  console.log(bold('\n── Post step log (usage report) ──'))
  console.log(visibleLog(post).trimEnd() || '  (nothing)')
  if (post.stderr.trim() !== '') console.log(post.stderr.trimEnd())

  const summaryFile = path.resolve(values['summary-file'])
  writeFileSync(summaryFile, run.summary + post.summary)
  console.log(bold('\n── Job summary ──'))
  console.log(renderSummaryForTerminal(run.summary + post.summary))
  console.log(`\n(markdown written to ${summaryFile})`)

  const calls = emulator.requests
    .slice(0, mainRequests)
    .map((r) => `${r.operation}${r.errorCode !== undefined ? `→${r.errorCode}` : ''}`)
  console.log(bold(`\n── ${calls.length} requests reached the emulator ──`))
  console.log(`  ${calls.join(', ')}`)
  const postCalls = emulator.requests
    .slice(mainRequests)
    .map((r) => `${r.operation}${r.errorCode !== undefined ? `→${r.errorCode}` : ''}`)
  console.log(bold(`── ${postCalls.length} more from the post step ──`))
  console.log(`  ${postCalls.join(', ')}`)
  console.log(
    bold(
      `\nExit code ${run.exitCode ?? 'none'} after ${run.durationMs} ms; post step exit code ${post.exitCode ?? 'none'} after ${post.durationMs} ms.`
    )
  )
  process.exitCode = 0
} finally {
  await emulator.close()
}
