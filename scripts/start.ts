// `npm start`: the whole action, end to end, on this machine. Starts the local AWS/GitHub emulator
// with a scenario, runs the bundled dist/index.js exactly as a runner would, and shows what happened.
//
//   npm start                                  # the default scenario: everything works
//   npm start -- --scenario trust-mismatch     # see what a failure looks like
//   npm start -- --list                        # the scenarios there are
//   npm start -- --input model=opus --input verify=access
//   npm start -- --help                        # every option
import { randomUUID } from 'node:crypto'
import { existsSync, writeFileSync } from 'node:fs'
import path from 'node:path'
import { parseArgs } from 'node:util'
import { getToken } from '@aws/bedrock-token-generator'
import { listScenarios, loadScenario, startEmulator, type Scenario } from '../emulator/index.ts'
import { runAction, runPostStep, visibleLog } from '../emulator/runner/runAction.ts'
import { scenarioInputs } from '../emulator/runner/scenarioInputs.ts'
import { renderSummaryForTerminal } from '../src/report/summaryForTerminal.ts'

const USAGE = `Usage: npm start -- [options]

Runs the bundled action (dist/index.js) as a GitHub runner would, against the local AWS/GitHub
emulator, and shows the step log, the exports, the outputs and the job summary. Exits with the
action's exit code.

Options:
  --scenario NAME        a built-in scenario (see --list) or a scenario JSON file (default: default)
  --input NAME=VALUE     a step input, as under \`with:\` (repeatable; NAME= sets it empty)
  --api-key KIND         use a Bedrock API key instead of the role: long-term (the scenario's key)
                         or short-term (minted now with @aws/bedrock-token-generator)
  --summary-file FILE    where to write the job summary markdown (default: job-summary.md)
  --list                 list the scenarios and exit
  --help                 show this help and exit

Examples:
  npm start
  npm start -- --scenario trust-mismatch
  npm start -- --input model=opus --input verify=access
  npm start -- --api-key short-term --input allowed-account-ids=111111111111`

/** A usage problem: say what is wrong, the usage, and exit 2 (no stack trace). */
function usageError(message: string): never {
  console.error(`npm start: ${message}\n\n${USAGE}`)
  process.exit(2)
}

function parseOptions() {
  try {
    return parseArgs({
      options: {
        scenario: { type: 'string', default: 'default' },
        input: { type: 'string', multiple: true, default: [] },
        'api-key': { type: 'string' },
        list: { type: 'boolean', default: false },
        help: { type: 'boolean', short: 'h', default: false },
        'summary-file': { type: 'string', default: 'job-summary.md' }
      }
    }).values
  } catch (error) {
    return usageError(error instanceof Error ? error.message : String(error))
  }
}
const values = parseOptions()

if (values.help) {
  console.log(USAGE)
  process.exit(0)
}

/** One scenario a line, the descriptions in one column as wide as the longest name needs. */
function scenarioList(): string {
  const names = listScenarios()
  const width = Math.max(...names.map((name) => name.length))
  return names
    .map((name) => `  ${name.padEnd(width)}  ${loadScenario(name).description}`)
    .join('\n')
}

if (values.list) {
  console.log(scenarioList())
  process.exit(0)
}

const isName = /^[a-z0-9-]+$/.test(values.scenario)
if (isName ? !listScenarios().includes(values.scenario) : !existsSync(values.scenario)) {
  console.error(
    `npm start: unknown scenario "${values.scenario}". The scenarios are:\n${scenarioList()}`
  )
  process.exit(2)
}
const scenario: Scenario = loadScenario(values.scenario)
const inputs: Record<string, string> = scenarioInputs(scenario)
if (values['api-key'] !== undefined) {
  inputs['role-to-assume'] = ''
  inputs['bedrock-api-key'] = await apiKey(values['api-key'], scenario)
}
for (const pair of values.input) {
  const eq = pair.indexOf('=')
  if (eq <= 0) usageError(`--input takes NAME=VALUE, got "${pair}"`)
  inputs[pair.slice(0, eq)] = pair.slice(eq + 1)
}

/** The scenario's long-term key, or a short-term key minted from its CI user's credentials. */
async function apiKey(kind: string, from: Scenario): Promise<string> {
  if (kind === 'long-term') {
    const key = from.apiKeys[0]?.key
    if (key === undefined) usageError(`scenario "${from.name}" has no Bedrock API key`)
    return key
  }
  if (kind !== 'short-term') usageError(`--api-key takes long-term or short-term, got "${kind}"`)
  const user = from.environmentCredentials.find((c) => c.sessionToken === undefined)
  if (user === undefined)
    usageError(`scenario "${from.name}" has no long-term credentials to mint a key with`)
  return getToken({
    credentials: { accessKeyId: user.accessKeyId, secretAccessKey: user.secretAccessKey },
    region: inputs['aws-region'] ?? from.defaultRegion
  })
}

/** Inputs that carry secrets: shown as *** in the header, as the runner masks them in the log. */
const SECRET_INPUT = /key|token|secret|password|credential/i

const bold = (s: string): string => (process.stdout.isTTY ? `\x1b[1m${s}\x1b[0m` : s)
const emulator = await startEmulator({ scenario })
try {
  console.log(bold(`▶ Scenario "${scenario.name}": ${scenario.description}`))
  console.log(
    `  emulator (OIDC, STS, Bedrock, Bedrock runtime, CloudWatch Logs and metrics, Service Quotas, Price List) on ${emulator.url}`
  )
  console.log(`  running dist/index.js as a runner would, with:`)
  for (const [name, value] of Object.entries(inputs)) {
    console.log(`    ${name}: ${SECRET_INPUT.test(name) && value !== '' ? '***' : value}`)
  }

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
  // The action's own exit code, so scripts can gate on `npm start` as a workflow gates on the step.
  process.exitCode = run.exitCode ?? 1
} finally {
  await emulator.close()
}
