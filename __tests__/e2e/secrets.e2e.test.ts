// No secret anywhere it can be read: every built-in scenario, with RUNNER_DEBUG=1, through the
// bundled action. Every channel a later reader sees (the log, stderr, the env and output files
// minus the credential records themselves, the job summary) is searched for every secret the
// emulator issued or accepts; each secret that reaches stdout at all must come after its
// `::add-mask::` line.
import { listScenarios, loadScenario, type Scenario } from '../../emulator/index.ts'
import { parseFileCommands } from '../../emulator/runner/fileCommands.ts'
import type { ActionRun } from '../../emulator/runner/runAction.ts'
import { scenarioInputs } from '../../emulator/runner/scenarioInputs.ts'
import {
  RunBatch,
  runIsolated,
  type IsolatedOptions,
  type IsolatedRun
} from './support/isolatedRun.ts'

/** Records that carry a credential on purpose: left out of the search, checked for masking instead. */
const CREDENTIAL_ENV = [
  'AWS_ACCESS_KEY_ID',
  'AWS_SECRET_ACCESS_KEY',
  'AWS_SESSION_TOKEN',
  'AWS_BEARER_TOKEN_BEDROCK'
]
const CREDENTIAL_OUTPUTS = ['aws-access-key-id', 'aws-secret-access-key', 'aws-session-token']

/**
 * Where an API key alone meets something different (quota, denial, access state, partition);
 * every scenario also runs with the key beside the role.
 */
const API_KEY_ALONE = new Set([
  'default',
  'throttled',
  'no-invoke-permission',
  'marketplace-denied',
  'govcloud'
])

const roleInputs = scenarioInputs

function apiKeyOf(scenario: Scenario): string {
  const key = scenario.apiKeys[0]?.key
  if (key === undefined) throw new Error(`scenario ${scenario.name} has no API key`)
  return key
}

const withoutRecords = (text: string, names: readonly string[]): string =>
  Object.entries(parseFileCommands(text))
    .filter(([name]) => !names.includes(name))
    .map(([name, value]) => `${name}=${value}`)
    .join('\n')

/** Every channel a later reader can see, with the deliberate credential records removed. */
function readableChannels(run: ActionRun, outputCredentials: boolean): Record<string, string> {
  return {
    log: run.stdout
      .split(/\r?\n/)
      .filter((line) => !line.startsWith('::add-mask::'))
      .join('\n'),
    stderr: run.stderr,
    env: withoutRecords(run.envFileText, CREDENTIAL_ENV),
    outputs: withoutRecords(run.outputFileText, outputCredentials ? CREDENTIAL_OUTPUTS : []),
    summary: run.summary
  }
}

/** Where a secret first shows up in stdout outside its mask command, and where it was masked. */
function maskOrder(run: ActionRun, secret: string): { firstUse: number; mask: number } {
  const lines = run.stdout.split(/\r?\n/)
  return {
    mask: lines.indexOf(`::add-mask::${secret}`),
    firstUse: lines.findIndex((line) => line !== `::add-mask::${secret}` && line.includes(secret))
  }
}

interface LeakCase {
  readonly name: string
  readonly scenario: Scenario
  readonly options: IsolatedOptions
  readonly outputCredentials?: boolean
  /** Secrets the emulator does not know about (the proxy password, say). */
  readonly extraSecrets?: readonly string[]
  /** Shows in the summary that the run met what it is about (e.g. the echoing error). */
  readonly proof?: RegExp
}

function expectNoLeak(leakCase: LeakCase, { run, secrets }: IsolatedRun): void {
  const all = [...secrets, ...(leakCase.extraSecrets ?? [])]
  expect(all.length).toBeGreaterThan(3)
  const channels = readableChannels(run, leakCase.outputCredentials === true)
  const leaks: string[] = []
  for (const secret of all) {
    for (const [channel, text] of Object.entries(channels)) {
      if (text.includes(secret)) leaks.push(`${channel} holds ${secret.slice(0, 6)}…`)
    }
    const { firstUse, mask } = maskOrder(run, secret)
    if (firstUse >= 0 && (mask < 0 || mask > firstUse))
      leaks.push(`stdout line ${firstUse} before its mask`)
  }
  expect(leaks).toEqual([])

  // What the action handed to later steps on purpose, it masked first.
  const handedOver = [
    ...CREDENTIAL_ENV.map((name) => run.env[name]),
    ...CREDENTIAL_OUTPUTS.map((name) => run.outputs[name])
  ].filter((value): value is string => value !== undefined)
  for (const value of handedOver) expect(run.masks).toContain(value)
  // Every OIDC token it fetched was masked too.
  for (const token of secrets.filter((s) => s.split('.').length === 3 && s.startsWith('eyJ'))) {
    expect(run.masks).toContain(token)
  }
}

const DEBUG = { RUNNER_DEBUG: '1' }
const cases: LeakCase[] = []

for (const name of listScenarios()) {
  const scenario = loadScenario(name)
  // The role, with the API key beside it: the OIDC token, the issued session and the key at once.
  cases.push({
    name: `${name}: role-to-assume + bedrock-api-key`,
    scenario,
    options: {
      inputs: { ...roleInputs(scenario), 'bedrock-api-key': apiKeyOf(scenario) },
      env: DEBUG
    }
  })
  if (API_KEY_ALONE.has(name)) {
    cases.push({
      name: `${name}: bedrock-api-key alone`,
      scenario,
      options: {
        inputs: {
          ...roleInputs(scenario),
          'role-to-assume': '',
          'bedrock-api-key': apiKeyOf(scenario)
        },
        env: DEBUG
      }
    })
  }
}

const base = loadScenario('default')
const runner = base.environmentCredentials[0]
if (runner === undefined) throw new Error('the default scenario has runner credentials')
const runnerEnv = {
  AWS_ACCESS_KEY_ID: runner.accessKeyId,
  AWS_SECRET_ACCESS_KEY: runner.secretAccessKey,
  ...(runner.sessionToken !== undefined ? { AWS_SESSION_TOKEN: runner.sessionToken } : {})
}

// AWS errors that echo request material back, as real ones do: the canonical request of a
// signature mismatch (access key id, session token), a token quoted in a message, an
// Authorization header; and, as a proxy or gateway in front of AWS may, the 40-character secret
// access key itself (the action resolved it from the environment, so it must never show it).
const echoingSts: Scenario = loadScenario('default')
echoingSts.faults = [
  {
    operation: 'GetCallerIdentity',
    kind: 'error',
    status: 403,
    code: 'SignatureDoesNotMatch',
    message: `The request signature we calculated does not match the signature you provided (key ${runner.accessKeyId}). The Canonical String for this request should have been 'POST\n/\n\nhost:sts.us-east-1.amazonaws.com\nx-amz-security-token:${runner.sessionToken ?? ''}\n' The String-to-Sign should have been 'AWS4-HMAC-SHA256\n20260101T000000Z'`
  }
]
const echoingBedrock: Scenario = loadScenario('default')
echoingBedrock.faults = [
  {
    operation: 'InvokeModel',
    kind: 'error',
    status: 403,
    code: 'AccessDeniedException',
    message: `Denied for Authorization: Bearer ${apiKeyOf(base)} (key ${apiKeyOf(base)})`
  },
  {
    operation: 'ListInferenceProfiles',
    kind: 'error',
    status: 403,
    code: 'UnrecognizedClientException',
    message: `The security token included in the request is invalid: ${runner.sessionToken ?? ''}`
  }
]
const echoingSecretKey: Scenario = loadScenario('default')
echoingSecretKey.faults = [
  {
    operation: 'GetCallerIdentity',
    kind: 'error',
    // A code no diagnosis knows: its message is then quoted in the cause, in every channel.
    status: 400,
    code: 'GatewayRequestRejected',
    message: `Rejected by the gateway (it saw secret ${runner.secretAccessKey} for ${runner.accessKeyId}).`
  }
]

cases.push(
  {
    name: 'credentials already in the environment',
    scenario: base,
    options: {
      inputs: { ...roleInputs(base), 'role-to-assume': '' },
      env: { ...DEBUG, ...runnerEnv }
    }
  },
  {
    name: 'output-credentials: true (the credential outputs are the only place the session may be)',
    scenario: base,
    outputCredentials: true,
    options: { inputs: { ...roleInputs(base), 'output-credentials': 'true' }, env: DEBUG }
  },
  {
    name: 'an STS error that echoes the canonical request (access key id, session token)',
    scenario: echoingSts,
    proof: /SignatureDoesNotMatch/,
    options: {
      inputs: { ...roleInputs(base), 'role-to-assume': '' },
      env: { ...DEBUG, ...runnerEnv }
    }
  },
  {
    name: 'Bedrock errors that echo the Authorization header and the session token',
    scenario: echoingBedrock,
    proof: /UnrecognizedClientException|AccessDeniedException/,
    options: {
      inputs: { ...roleInputs(base), 'role-to-assume': '', 'bedrock-api-key': apiKeyOf(base) },
      env: { ...DEBUG, ...runnerEnv }
    }
  },
  {
    name: 'an error that echoes the 40-character secret access key',
    scenario: echoingSecretKey,
    proof: /GatewayRequestRejected[\s\S]*Rejected by the gateway/,
    options: {
      inputs: { ...roleInputs(base), 'role-to-assume': '' },
      env: { ...DEBUG, ...runnerEnv }
    }
  },
  {
    name: 'an invalid input next to an API key (fails before any call)',
    scenario: base,
    options: {
      inputs: { ...roleInputs(base), 'aws-region': 'moon-1', 'bedrock-api-key': apiKeyOf(base) },
      env: DEBUG
    }
  },
  {
    name: 'a proxy password',
    scenario: base,
    extraSecrets: ['s3cret-proxy-passw0rd'],
    proof: /ECONNREFUSED|refused/,
    // Nothing listens on port 9 of loopback: the run fails, naming the proxy's host at most.
    options: {
      inputs: roleInputs(base),
      env: { ...DEBUG, HTTP_PROXY: 'http://ci-bot:s3cret-proxy-passw0rd@127.0.0.1:9' }
    }
  }
)

const batch = new RunBatch(6)
beforeAll(() => batch.start())
afterAll(() => batch.settled())

describe('no secret in any readable channel, RUNNER_DEBUG=1', () => {
  for (const leakCase of cases) {
    const result = batch.add(() => runIsolated(leakCase.scenario, leakCase.options))
    it(leakCase.name, async () => {
      const outcome = await result()
      expect(outcome.run.exitCode === 0 || outcome.run.exitCode === 1).toBe(true)
      // Debug on: the step log is the most a reader could ever see.
      expect(outcome.run.stderr).not.toMatch(/\n\s+at /)
      expectNoLeak(leakCase, outcome)
      if (leakCase.proof !== undefined) expect(outcome.run.summary).toMatch(leakCase.proof)
    })
  }
})

describe('the search itself', () => {
  it('finds a secret in each channel and a use before the mask', () => {
    const secret = 'ABSKc2VjcmV0LWZvci10aGUtc2VhcmNo'
    const run = {
      stdout: `uses ${secret}\n::add-mask::${secret}\n`,
      stderr: secret,
      envFileText: `X<<EOF\n${secret}\nEOF\n`,
      outputFileText: `y<<EOF\n${secret}\nEOF\n`,
      summary: secret
    } as unknown as ActionRun
    const channels = readableChannels(run, false)
    expect(Object.values(channels).every((text) => text.includes(secret))).toBe(true)
    expect(maskOrder(run, secret)).toEqual({ firstUse: 0, mask: 1 })
  })
})
