import { UsageError } from '../src/cli/usageError.js'
import {
  doctorHelp,
  doctorSpelling,
  INPUT_FLAGS,
  parseDoctorFlags
} from '../src/doctor/doctorFlags.js'

const SETTINGS = '/home/dev/.claude/settings.json'
const parse = (...argv: string[]) => parseDoctorFlags(argv, SETTINGS)

describe('parseDoctorFlags', () => {
  it('maps input-named flags and their short aliases to the action inputs', () => {
    expect(
      parse('--region', 'eu-west-1', '--model', 'opus', '--prefix', 'eu', '--verify', 'access')
        .inputs
    ).toEqual({
      'aws-region': 'eu-west-1',
      model: 'opus',
      'inference-profile-prefix': 'eu',
      verify: 'access'
    })
    expect(parse('--aws-region', 'us-west-2').inputs).toEqual({ 'aws-region': 'us-west-2' })
  })

  it('reads the output options and the profile', () => {
    expect(parse('--profile', 'dev', '--json')).toEqual({
      inputs: {},
      profile: 'dev',
      json: true,
      printEnv: false,
      help: false
    })
    expect(parse('--print-env').printEnv).toBe(true)
    expect(parse('--help').help).toBe(true)
  })

  it('gives --write-settings its default file when no FILE follows', () => {
    expect(parse('--write-settings').writeSettings).toBe(SETTINGS)
    expect(parse('--write-settings', '--json').writeSettings).toBe(SETTINGS)
    expect(parse('--write-settings', '/tmp/s.json').writeSettings).toBe('/tmp/s.json')
  })

  const refused: Array<[string, string[], RegExp]> = [
    [
      'an unknown flag, with the near ones',
      ['--modle', 'opus'],
      /Unknown flag --modle\. Did you mean --model/
    ],
    ['a flag without its value', ['--region'], /--region needs a value/],
    ['a positional argument', ['opus'], /opus/],
    ['an empty profile', ['--profile', ''], /--profile needs a profile name/],
    ['an empty settings file name', ['--write-settings='], /--write-settings needs a file name/],
    ['two outputs on stdout', ['--json', '--print-env'], /choose one/],
    [
      'the same input twice, differently',
      ['--region', 'us-east-1', '--aws-region', 'eu-west-1'],
      /given twice/
    ]
  ]
  it.each(refused)('refuses %s with a UsageError', (_name, argv, message) => {
    const attempt = () => parse(...argv)
    expect(attempt).toThrow(UsageError)
    expect(attempt).toThrow(message)
  })
})

describe('doctor help and flag names', () => {
  it('documents every flag and the exit codes', () => {
    const help = doctorHelp(SETTINGS)
    for (const { flag } of INPUT_FLAGS) expect(help).toContain(`--${flag} `)
    for (const flag of ['--profile', '--json', '--print-env', '--write-settings', '--help']) {
      expect(help).toContain(flag)
    }
    expect(help).toMatch(/0 ready, 1 not ready.*2 bad flags/)
  })

  it.each([
    ['aws-region', { flag: 'region' }],
    ['small-fast-model', { flag: 'small-fast-model' }],
    ['role-to-assume', { flag: 'role-to-assume' }],
    ['bedrock-api-key', { variable: 'AWS_BEARER_TOKEN_BEDROCK' }],
    // Set by the doctor itself, never by its user: left as the input's name.
    ['role-chaining', undefined]
  ])('spells the input %s the way the doctor takes it', (input, spelling) => {
    expect(doctorSpelling(input)).toEqual(spelling)
  })
})
