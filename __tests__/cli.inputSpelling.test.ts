// The engine's messages name the action's inputs; the doctor and the credential helper speak in
// their own flags. One table: each way a message can name an input, and what each entry point says.
import { spellInputError, spellInputs, type SpellInput } from '../src/cli/inputSpelling.js'
import { doctorSpelling } from '../src/doctor/doctorFlags.js'
import { inDoctorTerms } from '../src/doctor/doctorTerms.js'
import { InputError, combineInputErrors } from '../src/inputs/inputError.js'
import { credentialProcessSpelling } from '../src/refresh/credentialProcessArgs.js'

const typedShortNames = credentialProcessSpelling(
  { 'role-to-assume': 'role-arn', 'role-external-id': 'external-id' },
  'flag'
)

describe('spellInputs', () => {
  it.each<[string, SpellInput, string, string]>([
    [
      'the bad-input prefix',
      doctorSpelling,
      "Input 'aws-region' must be an AWS region code",
      '--region must be an AWS region code'
    ],
    [
      'an input set to a value, in code',
      doctorSpelling,
      'set `inference-profile-prefix: us`',
      'set `--inference-profile-prefix us`'
    ],
    ['an input in code', doctorSpelling, 'set `model` to one', 'set `--model` to one'],
    [
      'the API key, which the doctor reads from the environment',
      doctorSpelling,
      'pass it as `bedrock-api-key`',
      'pass it as `AWS_BEARER_TOKEN_BEDROCK`'
    ],
    [
      'a bare multi-word input with its value',
      typedShortNames,
      'chosen because (role-chaining: auto)',
      'chosen because (--role-chaining auto)'
    ],
    [
      'a bare multi-word input as the user typed it',
      typedShortNames,
      'must be auto or false when web-identity-token-file is set, with role-to-assume',
      'must be auto or false when --web-identity-token-file is set, with --role-arn'
    ],
    [
      'a one-word input in prose stays a word',
      doctorSpelling,
      'the model did not resolve; verify the audience',
      'the model did not resolve; verify the audience'
    ],
    [
      "a short-term key's prefix is not the input",
      doctorSpelling,
      'a short-term key is `bedrock-api-key-` plus a URL; bedrock-api-key-abc',
      'a short-term key is `bedrock-api-key-` plus a URL; bedrock-api-key-abc'
    ],
    [
      'an input the entry point has no spelling for stays as it is',
      doctorSpelling,
      'Remove `export-credentials: false`',
      'Remove `export-credentials: false`'
    ]
  ])('%s', (_name, spell, message, expected) => {
    expect(spellInputs(message, spell)).toBe(expected)
  })
})

describe('spellInputError', () => {
  it('one problem as it is, several as "N flags are invalid"', () => {
    const one = new InputError('role-to-assume', "Input 'role-to-assume' must be an IAM role ARN")
    expect(spellInputError(one, typedShortNames)).toBe('--role-arn must be an IAM role ARN')
    const two = combineInputErrors([
      one,
      new InputError('role-external-id', "Input 'role-external-id' must be 2-1224 letters")
    ])
    expect(spellInputError(two, typedShortNames)).toBe(
      '2 flags are invalid:\n- --role-arn must be an IAM role ARN\n- --external-id must be 2-1224 letters'
    )
  })
})

describe("the doctor's terms", () => {
  it.each([
    [
      'a role chained from the runner is chained from the person',
      "by role chaining (AssumeRole with the runner's own credentials); the runner's IAM identity",
      'by role chaining (AssumeRole with your own credentials); your IAM identity'
    ],
    [
      'a new API key goes into the shell, not a repository secret',
      'Generate a new key (Bedrock console → API keys), store it as a repository or environment secret and pass it as `bedrock-api-key`; or use `role-to-assume`, which has nothing to expire or rotate.',
      'Generate a new key (Bedrock console → API keys), and set `AWS_BEARER_TOKEN_BEDROCK` to it; or unset it, and the doctor uses your AWS credentials (a profile, SSO or key variables).'
    ]
  ])('%s', (_name, message, expected) => {
    expect(inDoctorTerms(message)).toBe(expected)
  })
})
