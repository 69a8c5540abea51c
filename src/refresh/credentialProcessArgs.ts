import { parseArgs } from 'node:util'
import type { Spelling } from '../cli/inputSpelling.js'
import { UsageError } from '../cli/usageError.js'
import { OUTPUT_FORMATS, type OutputFormat } from './credentialJson.js'

export interface CredentialProcessArgs {
  readonly format: OutputFormat
  /** Settings file written at setup time. */
  readonly settings?: string
  /** Action inputs given on the command line; they win over the settings file. */
  readonly inputs: Readonly<Record<string, string>>
  /** For each of those inputs, the flag the user typed (`role-to-assume` → `role-arn`), for messages. */
  readonly flags: Readonly<Record<string, string>>
  readonly cache?: string
  readonly noCache: boolean
}

export { UsageError } from '../cli/usageError.js'

/**
 * The flags that set an action input: named like the input (as the doctor's are), with the short
 * names of earlier versions kept as aliases. `help` is what --help says of each.
 */
const INPUT_FLAGS: ReadonlyArray<{
  readonly input: string
  readonly flag: string
  readonly alias?: string
  readonly value: string
  readonly help: string
}> = [
  {
    input: 'role-to-assume',
    flag: 'role-to-assume',
    alias: 'role-arn',
    value: 'ARN',
    help: 'the role to assume'
  },
  {
    input: 'aws-region',
    flag: 'region',
    alias: 'aws-region',
    value: 'REGION',
    help: "STS's region (default: AWS_REGION, then AWS_DEFAULT_REGION)"
  },
  { input: 'audience', flag: 'audience', value: 'AUD', help: 'the GitHub OIDC token audience' },
  {
    input: 'role-session-name',
    flag: 'role-session-name',
    alias: 'session-name',
    value: 'NAME',
    help: 'the role session name'
  },
  {
    input: 'role-duration-seconds',
    flag: 'role-duration-seconds',
    alias: 'duration-seconds',
    value: 'N',
    help: 'the session length, 900-43200 (at most 3600 by role chaining)'
  },
  { input: 'sts-endpoint', flag: 'sts-endpoint', value: 'URL', help: 'a custom STS endpoint' },
  {
    input: 'role-chaining',
    flag: 'role-chaining',
    value: 'auto|true|false',
    help: "how the role is assumed: true = AssumeRole signed by the credentials this process finds (the SDK chain: key variables, a profile, container or instance credentials); false = AssumeRoleWithWebIdentity with the job's GitHub OIDC token; auto (default) = the OIDC token when the job has its request variables, else AssumeRole"
  },
  {
    input: 'role-external-id',
    flag: 'role-external-id',
    alias: 'external-id',
    value: 'ID',
    help: "the external id AssumeRole sends (role chaining only): the value of the role trust policy's sts:ExternalId condition"
  },
  {
    input: 'web-identity-token-file',
    flag: 'web-identity-token-file',
    value: 'FILE',
    help: "assume the role with the OIDC token in FILE (AssumeRoleWithWebIdentity; EKS service-account tokens, another issuer) instead of GitHub's; read again on every renewal"
  }
]

export const USAGE = [
  'usage: node dist/index.js credential-process [--format aws|claude] [--settings FILE]',
  '         [--role-to-assume ARN] [--region REGION] [--audience AUD] [--role-session-name NAME]',
  '         [--role-duration-seconds N] [--sts-endpoint URL] [--role-chaining auto|true|false]',
  '         [--role-external-id ID] [--web-identity-token-file FILE] [--cache FILE | --no-cache]',
  'Prints fresh AWS credentials as JSON on stdout',
  '(aws: credential_process, claude: {"Credentials":...}).'
].join('\n')

/** Every option and what it does, in --help's order. */
const OPTIONS: ReadonlyArray<readonly [string, string]> = [
  [
    '--settings FILE',
    'the settings the action wrote (its role-to-assume, aws-region, audience, endpoints and how it assumed the role); the flags below override them'
  ],
  [
    '--format aws|claude',
    'aws (default): the credential_process JSON ({"Version":1,...}); claude: {"Credentials":{...}}, for Claude Code\'s awsCredentialExport'
  ],
  ...INPUT_FLAGS.map(
    (f) =>
      [
        `--${f.flag} ${f.value}`,
        f.alias !== undefined ? `${f.help} (also --${f.alias})` : f.help
      ] as const
  ),
  ['--cache FILE', 'reuse credentials from FILE while they are far from expiry'],
  ['--no-cache', 'always assume the role again'],
  ['-h, --help', 'this help']
]

/** `  --flag VALUE  help`: one column for every help text, as wide as the longest option needs. */
function optionRows(columns = 100): string[] {
  const width = Math.max(...OPTIONS.map(([left]) => left.length)) + 2
  return OPTIONS.flatMap(([left, help]) => {
    const lines: string[] = []
    let line = ''
    for (const word of help.split(' ')) {
      if (line !== '' && 2 + width + line.length + 1 + word.length > columns) {
        lines.push(line)
        line = word
      } else line = line === '' ? word : `${line} ${word}`
    }
    lines.push(line)
    return lines.map((text, index) => `  ${(index === 0 ? left : '').padEnd(width)}${text}`)
  })
}

/** `--help`: everything needed to run the helper by hand, or to wire it into a tool. */
export const HELP = [
  USAGE,
  '',
  'The renewing credential helper the action sets up for later steps: AWS_PROFILE=setup-claude-bedrock',
  'in the AWS_CONFIG_FILE it exports runs `node dist/index.js credential-process --settings FILE`, so',
  'every AWS SDK (Claude Code included) and the AWS CLI get fresh credentials on demand.',
  '',
  'Options:',
  ...optionRows(),
  '',
  'Needs in the environment:',
  '  With the GitHub OIDC token (the default in a job): ACTIONS_ID_TOKEN_REQUEST_URL and',
  "  ACTIONS_ID_TOKEN_REQUEST_TOKEN, the job's token request (set by the runner with `permissions:",
  '  id-token: write`; steps of the same job inherit them). anthropics/claude-code-action removes',
  "  them from Claude Code's environment.",
  '  With --role-chaining true: credentials of its own for the SDK chain to find.',
  '  Network access to STS (or --sts-endpoint / AWS_ENDPOINT_URL_STS); HTTPS_PROXY and NO_PROXY apply.',
  '',
  'Exit codes: 0 credentials on stdout; 1 no credentials could be had (the reason on stderr);',
  '2 usage error.',
  '',
  'Example (Claude Code settings.json):',
  '  {"awsCredentialExport": "node /path/to/dist/index.js credential-process --settings FILE --format claude"}'
].join('\n')

/** Whether the arguments ask for the help (anywhere among them, as most CLIs accept). */
export function wantsHelp(argv: readonly string[]): boolean {
  return argv.includes('--help') || argv.includes('-h')
}

/**
 * How this command's user sets each action input, for messages: the flag they typed for it. An
 * input they did not type comes from the settings file, that is from the setup step's `with:`:
 * `untyped: 'flag'` names the flag that would override it (for a missing or bad value, which a
 * flag fixes), `untyped: 'input'` keeps the setup step's input name (for a refusal by STS, which
 * the workflow fixes).
 */
export function credentialProcessSpelling(
  typed: Readonly<Record<string, string>>,
  untyped: 'flag' | 'input'
): (input: string) => Spelling | undefined {
  return (input) => {
    const flag =
      typed[input] ??
      (untyped === 'flag' ? INPUT_FLAGS.find((f) => f.input === input)?.flag : undefined)
    return flag !== undefined ? { flag } : undefined
  }
}

export function parseCredentialProcessArgs(argv: readonly string[]): CredentialProcessArgs {
  let values: Record<string, string | boolean | undefined>
  const names = INPUT_FLAGS.flatMap((f) => (f.alias !== undefined ? [f.flag, f.alias] : [f.flag]))
  try {
    values = parseArgs({
      args: [...argv],
      strict: true,
      allowPositionals: false,
      options: {
        format: { type: 'string' },
        settings: { type: 'string' },
        cache: { type: 'string' },
        'no-cache': { type: 'boolean' },
        ...Object.fromEntries(names.map((flag) => [flag, { type: 'string' as const }]))
      }
    }).values
  } catch (error) {
    throw new UsageError(error instanceof Error ? error.message : String(error))
  }
  const format = (values.format as string | undefined) ?? 'aws'
  if (!(OUTPUT_FORMATS as readonly string[]).includes(format)) {
    throw new UsageError(`--format must be one of ${OUTPUT_FORMATS.join(', ')}, got "${format}"`)
  }
  if (values.cache !== undefined && values['no-cache'] === true) {
    throw new UsageError('--cache and --no-cache cannot be used together')
  }
  const inputs: Record<string, string> = {}
  const flags: Record<string, string> = {}
  for (const { input, flag, alias } of INPUT_FLAGS) {
    for (const typed of alias !== undefined ? [flag, alias] : [flag]) {
      const value = values[typed]
      if (typeof value !== 'string') continue
      if (inputs[input] !== undefined && inputs[input] !== value) {
        throw new UsageError(`--${flags[input] ?? flag} and --${typed} give different values`)
      }
      inputs[input] = value
      flags[input] = typed
    }
  }
  if (values.settings === undefined && inputs['role-to-assume'] === undefined) {
    throw new UsageError(
      'give --settings FILE (written by the action) or at least --role-to-assume'
    )
  }
  return {
    format: format as OutputFormat,
    ...(typeof values.settings === 'string' ? { settings: values.settings } : {}),
    inputs,
    flags,
    ...(typeof values.cache === 'string' ? { cache: values.cache } : {}),
    noCache: values['no-cache'] === true
  }
}
