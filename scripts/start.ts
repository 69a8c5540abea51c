// `npm start`: the whole action, end to end, on this machine. Starts the local AWS/GitHub emulator
// with a scenario, runs the bundled dist/index.js exactly as a runner would, and shows what happened.
//
//   npm start                                  # the default scenario: everything works
//   npm start -- --scenario trust-mismatch     # see what a failure looks like
//   npm start -- --list                        # the scenarios there are
//   npm start -- --input model=opus --input verify=access
import { writeFileSync } from 'node:fs'
import path from 'node:path'
import { parseArgs } from 'node:util'
import { listScenarios, loadScenario, startEmulator } from '../emulator/index.ts'
import { runAction, visibleLog } from '../emulator/runner/runAction.ts'
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
  console.log(`  emulator (OIDC, STS, Bedrock, Bedrock runtime) on ${emulator.url}`)
  console.log(`  running dist/index.js as a runner would, with:`)
  for (const [name, value] of Object.entries(inputs)) console.log(`    ${name}: ${value}`)

  const run = await runAction({ inputs, env: emulator.runnerEnv() })
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

  const summaryFile = path.resolve(values['summary-file'])
  writeFileSync(summaryFile, run.summary)
  console.log(bold('\n── Job summary ──'))
  console.log(renderSummaryForTerminal(run.summary))
  console.log(`\n(markdown written to ${summaryFile})`)

  const calls = emulator.requests.map(
    (r) => `${r.operation}${r.errorCode !== undefined ? `→${r.errorCode}` : ''}`
  )
  console.log(bold(`\n── ${calls.length} requests reached the emulator ──`))
  console.log(`  ${calls.join(', ')}`)
  console.log(bold(`\nExit code ${run.exitCode ?? 'none'} after ${run.durationMs} ms.`))
  process.exitCode = 0
} finally {
  await emulator.close()
}
