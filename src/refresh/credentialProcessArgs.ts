import { parseArgs } from 'node:util'
import { UsageError } from '../cli/usageError.js'
import { OUTPUT_FORMATS, type OutputFormat } from './credentialJson.js'

export interface CredentialProcessArgs {
  readonly format: OutputFormat
  /** Settings file written at setup time. */
  readonly settings?: string
  /** Action inputs given on the command line; they win over the settings file. */
  readonly inputs: Readonly<Record<string, string>>
  readonly cache?: string
  readonly noCache: boolean
}

export { UsageError } from '../cli/usageError.js'

export const USAGE = [
  'usage: node dist/index.js credential-process [--format aws|claude] [--settings FILE]',
  '         [--role-arn ARN] [--region REGION] [--audience AUD] [--session-name NAME]',
  '         [--duration-seconds N] [--sts-endpoint URL] [--role-chaining auto|true|false]',
  '         [--external-id ID] [--web-identity-token-file FILE] [--cache FILE | --no-cache]',
  'Prints fresh AWS credentials as JSON on stdout (aws: credential_process, claude: {"Credentials":...}).'
].join('\n')

/** `--help`: everything needed to run the helper by hand, or to wire it into a tool. */
export const HELP = [
  USAGE,
  '',
  'The renewing credential helper the action sets up for later steps: AWS_PROFILE=setup-claude-bedrock',
  'in the AWS_CONFIG_FILE it exports runs `node dist/index.js credential-process --settings FILE`, so',
  'every AWS SDK (Claude Code included) and the AWS CLI get fresh credentials on demand.',
  '',
  'Options:',
  '  --settings FILE          the settings the action wrote (role, region, audience, endpoints)',
  '  --format aws|claude      aws (default): the credential_process JSON ({"Version":1,...});',
  '                           claude: {"Credentials":{...}}, for Claude Code\'s awsCredentialExport',
  '  --role-arn ARN           the role to assume (overrides the settings file); likewise --region,',
  '                           --audience, --session-name, --duration-seconds, --sts-endpoint',
  '  --cache FILE             reuse credentials from FILE while they are far from expiry',
  '  --no-cache               always assume the role again',
  '  -h, --help               this help',
  '',
  'Needs in the environment:',
  "  ACTIONS_ID_TOKEN_REQUEST_URL and ACTIONS_ID_TOKEN_REQUEST_TOKEN: the job's GitHub OIDC token",
  '  request (set by the runner with `permissions: id-token: write`; steps of the same job inherit',
  "  them). anthropics/claude-code-action removes them from Claude Code's environment.",
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

/** Command-line flags and the action inputs they stand for. */
const INPUT_FLAGS = {
  'role-arn': 'role-to-assume',
  region: 'aws-region',
  audience: 'audience',
  'session-name': 'role-session-name',
  'duration-seconds': 'role-duration-seconds',
  'sts-endpoint': 'sts-endpoint',
  'role-chaining': 'role-chaining',
  'external-id': 'role-external-id',
  'web-identity-token-file': 'web-identity-token-file'
} as const

export function parseCredentialProcessArgs(argv: readonly string[]): CredentialProcessArgs {
  let values: Record<string, string | boolean | undefined>
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
        ...Object.fromEntries(
          Object.keys(INPUT_FLAGS).map((flag) => [flag, { type: 'string' as const }])
        )
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
  for (const [flag, input] of Object.entries(INPUT_FLAGS)) {
    const value = values[flag]
    if (typeof value === 'string') inputs[input] = value
  }
  if (values.settings === undefined && inputs['role-to-assume'] === undefined) {
    throw new UsageError('give --settings FILE (written by the action) or at least --role-arn')
  }
  return {
    format: format as OutputFormat,
    ...(typeof values.settings === 'string' ? { settings: values.settings } : {}),
    inputs,
    ...(typeof values.cache === 'string' ? { cache: values.cache } : {}),
    noCache: values['no-cache'] === true
  }
}
