// node emulator/cli.ts --scenario NAME|PATH [--port N] [--json] [--list] [--runner imds|container]
// Prints the runner environment (export lines, or JSON), logs one line per request to stderr,
// and runs until SIGINT/SIGTERM. Log lines never carry secrets (no query strings, no keys).
import { parseArgs } from 'node:util'
import { listScenarios, startEmulator, type RecordedRequest } from './index.ts'

const { values } = parseArgs({
  options: {
    scenario: { type: 'string', default: 'default' },
    port: { type: 'string', default: '0' },
    json: { type: 'boolean', default: false },
    list: { type: 'boolean', default: false },
    help: { type: 'boolean', default: false },
    // A self-hosted runner without GitHub OIDC: its credentials from instance metadata or a container endpoint.
    runner: { type: 'string' }
  }
})

if (values.help) {
  console.log(
    'usage: node emulator/cli.ts [--scenario NAME|PATH] [--port N] [--json] [--list] [--runner imds|container]'
  )
  process.exit(0)
}
if (values.list) {
  console.log(listScenarios().join('\n'))
  process.exit(0)
}

const port = Number(values.port)
if (!Number.isInteger(port) || port < 0 || port > 65535) {
  console.error(`--port must be an integer 0-65535, got "${values.port}"`)
  process.exit(2)
}

const shellQuote = (value: string): string => `'${value.replace(/'/g, `'\\''`)}'`

function logLine(record: RecordedRequest): string {
  const outcome =
    record.fault === 'hang' || record.fault === 'drop' ? record.fault : String(record.status)
  const details = [
    record.errorCode,
    record.fault && record.fault !== outcome ? `fault=${record.fault}` : undefined
  ]
  return [
    new Date(record.endedAt).toISOString(),
    `HTTP/${record.httpVersion}`,
    record.method,
    record.path,
    `${record.service}:${record.operation}`,
    record.region ?? '-',
    record.auth,
    outcome,
    ...details.filter(Boolean),
    `${record.durationMs}ms`
  ].join(' ')
}

const runner = values.runner
if (runner !== undefined && runner !== 'imds' && runner !== 'container') {
  console.error(`--runner must be imds or container, got "${runner}"`)
  process.exit(2)
}

const emulator = await startEmulator({ scenario: values.scenario, port })
emulator.onRequest = (record) => console.error(logLine(record))
const env =
  runner === undefined
    ? emulator.runnerEnv()
    : emulator.selfHostedEnv(runner === 'imds' ? 'instance-metadata' : 'container')
if (values.json) console.log(JSON.stringify(env, null, 2))
else
  for (const [name, value] of Object.entries(env))
    console.log(`export ${name}=${shellQuote(value)}`)
console.error(`emulator listening on ${emulator.url} (scenario ${values.scenario})`)

const stop = (): void => {
  void emulator.close().then(() => process.exit(0))
}
process.once('SIGINT', stop)
process.once('SIGTERM', stop)
