import { parseArgs } from 'node:util'
import type { Spelling } from '../cli/inputSpelling.js'
import { UsageError } from '../cli/usageError.js'

/**
 * `setup-claude-bedrock doctor` flags. Most mirror an action input of the same name and are handed
 * to the action's own `readConfig`, so a bad value gets the message a bad input gets. The short
 * forms people type (`--region`, `--prefix`) are aliases of the input names.
 */
interface InputFlag {
  readonly input: string
  readonly flag: string
  readonly value: string
  readonly help: string
}

export const INPUT_FLAGS: readonly InputFlag[] = [
  {
    input: 'aws-region',
    flag: 'region',
    value: 'REGION',
    help: "Region of the Bedrock calls (default: AWS_REGION, AWS_DEFAULT_REGION, then the profile's region)."
  },
  {
    input: 'model',
    flag: 'model',
    value: 'MODEL',
    help: 'Main model: opus, sonnet, haiku, a model or profile id, an ARN, or a first-party id (default: sonnet).'
  },
  {
    input: 'small-fast-model',
    flag: 'small-fast-model',
    value: 'MODEL',
    help: 'Background model, same forms (default: haiku).'
  },
  {
    input: 'small-fast-model-region',
    flag: 'small-fast-model-region',
    value: 'REGION',
    help: 'Region for the small model, if different.'
  },
  {
    input: 'inference-profile-prefix',
    flag: 'inference-profile-prefix',
    value: 'PREFIX',
    help: 'auto, global, us, eu, apac, jp, au or us-gov (default: auto).'
  },
  {
    input: 'verify',
    flag: 'verify',
    value: 'MODE',
    help: 'invoke (default: 1-token calls as Claude Code makes them), access, or none.'
  },
  {
    input: 'pin-families',
    flag: 'pin-families',
    value: 'BOOL',
    help: 'Also resolve and verify opus, sonnet and haiku (default: true).'
  },
  {
    input: 'role-to-assume',
    flag: 'role-to-assume',
    value: 'ARN',
    help: "Assume this role from your own credentials first (reproduces a CI run's role)."
  },
  {
    input: 'role-external-id',
    flag: 'role-external-id',
    value: 'ID',
    help: 'External id for --role-to-assume.'
  },
  {
    input: 'role-duration-seconds',
    flag: 'role-duration-seconds',
    value: 'SECONDS',
    help: 'Session length for --role-to-assume (900-43200).'
  },
  {
    input: 'allowed-account-ids',
    flag: 'allowed-account-ids',
    value: 'IDS',
    help: 'Comma-separated account ids the credentials must belong to.'
  },
  {
    input: 'max-output-tokens',
    flag: 'max-output-tokens',
    value: 'N',
    help: 'Also written as CLAUDE_CODE_MAX_OUTPUT_TOKENS.'
  },
  {
    input: 'max-thinking-tokens',
    flag: 'max-thinking-tokens',
    value: 'N',
    help: 'Also written as MAX_THINKING_TOKENS.'
  },
  {
    input: 'disable-prompt-caching',
    flag: 'disable-prompt-caching',
    value: 'BOOL',
    help: 'Write DISABLE_PROMPT_CACHING=1.'
  },
  { input: 'sts-endpoint', flag: 'sts-endpoint', value: 'URL', help: 'Custom STS endpoint.' },
  {
    input: 'bedrock-endpoint',
    flag: 'bedrock-endpoint',
    value: 'URL',
    help: 'Custom Bedrock endpoint.'
  },
  {
    input: 'bedrock-runtime-endpoint',
    flag: 'bedrock-runtime-endpoint',
    value: 'URL',
    help: 'Custom Bedrock runtime endpoint (also ANTHROPIC_BEDROCK_BASE_URL).'
  }
]

/** Short spellings people type, for the input-named flags above. */
const ALIASES: Readonly<Record<string, string>> = {
  'aws-region': 'region',
  prefix: 'inference-profile-prefix'
}

export interface DoctorOptions {
  /** Action input name → value, for `readConfig`. */
  readonly inputs: Readonly<Record<string, string>>
  readonly profile?: string
  readonly json: boolean
  readonly printEnv: boolean
  /** The settings file to merge into, when `--write-settings` was given (its default filled in). */
  readonly writeSettings?: string
  readonly help: boolean
}

/**
 * Parses `doctor`'s arguments (without the `doctor` word itself). `--write-settings` takes an
 * optional FILE, which `defaultSettingsFile` fills in. Throws UsageError.
 */
export function parseDoctorFlags(
  argv: readonly string[],
  defaultSettingsFile: string
): DoctorOptions {
  const args = withWriteSettingsValue(argv, defaultSettingsFile)
  const options: Record<string, { type: 'string' | 'boolean' }> = {
    profile: { type: 'string' },
    json: { type: 'boolean' },
    'print-env': { type: 'boolean' },
    'write-settings': { type: 'string' },
    help: { type: 'boolean' }
  }
  for (const { flag } of INPUT_FLAGS) options[flag] = { type: 'string' }
  for (const alias of Object.keys(ALIASES)) options[alias] = { type: 'string' }

  let parsed: ReturnType<typeof parseArgs>
  try {
    parsed = parseArgs({ args, options, strict: true, allowPositionals: false })
  } catch (error) {
    throw new UsageError(usageMessage(error))
  }
  const values = parsed.values as Record<string, string | boolean | undefined>
  const inputs: Record<string, string> = {}
  for (const [given, value] of Object.entries(values)) {
    if (typeof value !== 'string') continue
    const flag = ALIASES[given] ?? given
    const spec = INPUT_FLAGS.find((f) => f.flag === flag)
    if (spec === undefined) continue
    if (inputs[spec.input] !== undefined && inputs[spec.input] !== value) {
      throw new UsageError(`--${flag} was given twice with different values.`)
    }
    inputs[spec.input] = value
  }
  const profile = values.profile
  if (profile === '') throw new UsageError('--profile needs a profile name, e.g. --profile dev.')
  if (values.json === true && values['print-env'] === true) {
    throw new UsageError('--json and --print-env both write to standard output: choose one.')
  }
  const writeSettings = values['write-settings']
  if (writeSettings === '')
    throw new UsageError('--write-settings needs a file name, or nothing for the default.')
  return {
    inputs,
    ...(typeof profile === 'string' ? { profile } : {}),
    json: values.json === true,
    printEnv: values['print-env'] === true,
    ...(typeof writeSettings === 'string' ? { writeSettings } : {}),
    help: values.help === true
  }
}

/**
 * How the doctor's user sets each action input, for messages: its flag (`aws-region` →
 * `--region`), and the API key's variable. Inputs the doctor sets itself stay as they are.
 */
export function doctorSpelling(input: string): Spelling | undefined {
  if (input === 'bedrock-api-key') return { variable: 'AWS_BEARER_TOKEN_BEDROCK' }
  const flag = INPUT_FLAGS.find((f) => f.input === input)?.flag
  return flag !== undefined ? { flag } : undefined
}

/** `--write-settings` alone (last, or before another flag) means the default file. */
function withWriteSettingsValue(argv: readonly string[], defaultFile: string): string[] {
  const args: string[] = []
  argv.forEach((arg, index) => {
    args.push(arg)
    const next = argv[index + 1]
    if (arg === '--write-settings' && (next === undefined || next.startsWith('--'))) {
      args.push(defaultFile)
    }
  })
  return args
}

function usageMessage(error: unknown): string {
  const message = error instanceof Error ? error.message : String(error)
  const unknown = /Unknown option '([^']+)'/.exec(message)?.[1]
  if (unknown !== undefined) {
    const name = unknown.replace(/^-+/, '')
    const near = [
      ...INPUT_FLAGS.map((f) => f.flag),
      'profile',
      'json',
      'print-env',
      'write-settings'
    ]
      .filter((flag) => flag.startsWith(name.slice(0, 3)))
      .map((flag) => `--${flag}`)
    return `Unknown flag ${unknown}.${near.length > 0 ? ` Did you mean ${near.join(' or ')}?` : ''} See --help.`
  }
  const missing = /Option '([^']+?)(?: <value>)?' argument missing/.exec(message)?.[1]
  if (missing !== undefined)
    return `${missing.split(',').pop()?.trim() ?? missing} needs a value. See --help.`
  return `${message.replace(/\.?$/, '.')} See --help.`
}

/** The `--help` text: every flag, what it does, and the exit codes. */
export function doctorHelp(defaultSettingsFile: string): string {
  const width = Math.max(...INPUT_FLAGS.map((f) => f.flag.length + f.value.length + 4))
  const row = (left: string, help: string): string => `  ${left.padEnd(width + 2)} ${help}`
  return [
    'Usage: setup-claude-bedrock doctor [flags]',
    '',
    'Runs the checks of the setup-claude-bedrock action with your own AWS credentials: who you are,',
    'which Claude models resolve in the region, whether you can call them the way Claude Code does,',
    'and what your Claude Code configuration says now.',
    '',
    'Credentials: the AWS SDK chain (AWS_ACCESS_KEY_ID/SECRET, AWS_PROFILE or --profile, SSO,',
    'credential_process, container and instance roles), or AWS_BEARER_TOKEN_BEDROCK (a Bedrock API key).',
    '',
    "Flags (the same values as the action's inputs):",
    ...INPUT_FLAGS.map((f) => row(`--${f.flag} ${f.value}`, f.help)),
    row('--profile NAME', 'AWS profile to use (default: AWS_PROFILE, then default).'),
    '',
    'Output:',
    row('--json', 'Print the report object as JSON instead of the terminal rendering.'),
    row('--print-env', 'Print `export` lines of the verified environment for a shell.'),
    row(
      '--write-settings [FILE]',
      `Merge the verified environment into Claude Code's settings (default ${defaultSettingsFile}); never a credential.`
    ),
    row('--help', 'This text.'),
    '',
    'Exit codes: 0 ready, 1 not ready (a check failed), 2 bad flags.'
  ].join('\n')
}
