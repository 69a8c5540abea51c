import {
  HELP,
  parseCredentialProcessArgs,
  UsageError
} from '../src/refresh/credentialProcessArgs.js'

describe('parseCredentialProcessArgs', () => {
  const accepted: Array<[string, string[], ReturnType<typeof parseCredentialProcessArgs>]> = [
    [
      'a settings file, default format',
      ['--settings', '/t/refresh.json'],
      { format: 'aws', settings: '/t/refresh.json', inputs: {}, flags: {}, noCache: false }
    ],
    [
      'claude format',
      ['--settings', 's.json', '--format', 'claude'],
      { format: 'claude', settings: 's.json', inputs: {}, flags: {}, noCache: false }
    ],
    [
      'every input flag by its short name, mapped to the action input it stands for',
      [
        '--role-arn',
        'arn:aws:iam::123456789012:role/r',
        '--region',
        'eu-west-1',
        '--audience',
        'sts.amazonaws.com',
        '--session-name',
        'nightly',
        '--duration-seconds',
        '900',
        '--sts-endpoint',
        'https://sts.eu-west-1.amazonaws.com'
      ],
      {
        format: 'aws',
        inputs: {
          'role-to-assume': 'arn:aws:iam::123456789012:role/r',
          'aws-region': 'eu-west-1',
          audience: 'sts.amazonaws.com',
          'role-session-name': 'nightly',
          'role-duration-seconds': '900',
          'sts-endpoint': 'https://sts.eu-west-1.amazonaws.com'
        },
        flags: {
          'role-to-assume': 'role-arn',
          'aws-region': 'region',
          audience: 'audience',
          'role-session-name': 'session-name',
          'role-duration-seconds': 'duration-seconds',
          'sts-endpoint': 'sts-endpoint'
        },
        noCache: false
      }
    ],
    [
      'the flags named like the inputs (as the doctor takes them)',
      [
        '--role-to-assume',
        'arn:aws:iam::123456789012:role/r',
        '--aws-region',
        'eu-west-1',
        '--role-external-id',
        'octo-7f3a',
        '--role-chaining',
        'true'
      ],
      {
        format: 'aws',
        inputs: {
          'role-to-assume': 'arn:aws:iam::123456789012:role/r',
          'aws-region': 'eu-west-1',
          'role-external-id': 'octo-7f3a',
          'role-chaining': 'true'
        },
        flags: {
          'role-to-assume': 'role-to-assume',
          'aws-region': 'aws-region',
          'role-external-id': 'role-external-id',
          'role-chaining': 'role-chaining'
        },
        noCache: false
      }
    ],
    [
      'an explicit cache',
      ['--settings', 's', '--cache', '/t/c.json'],
      { format: 'aws', settings: 's', inputs: {}, flags: {}, cache: '/t/c.json', noCache: false }
    ],
    [
      'no cache',
      ['--settings', 's', '--no-cache'],
      { format: 'aws', settings: 's', inputs: {}, flags: {}, noCache: true }
    ]
  ]
  it.each(accepted)('accepts %s', (_name, argv, expected) => {
    expect(parseCredentialProcessArgs(argv)).toEqual(expected)
  })

  const refused: Array<[string, string[], RegExp]> = [
    ['nothing to go on', [], /--settings FILE .* or at least --role-to-assume/],
    [
      'one input by two names, two values',
      ['--role-arn', 'arn:aws:iam::1:role/a', '--role-to-assume', 'arn:aws:iam::1:role/b'],
      /--role-to-assume and --role-arn give different values/
    ],
    [
      'an unknown format',
      ['--settings', 's', '--format', 'json'],
      /--format must be one of aws, claude, got "json"/
    ],
    ['an unknown flag', ['--settings', 's', '--profile', 'x'], /--profile/],
    ['a positional argument', ['--settings', 's', 'extra'], /extra/],
    [
      '--cache with --no-cache',
      ['--settings', 's', '--cache', 'c', '--no-cache'],
      /cannot be used together/
    ]
  ]
  it.each(refused)('refuses %s', (_name, argv, message) => {
    expect(() => parseCredentialProcessArgs(argv)).toThrow(UsageError)
    expect(() => parseCredentialProcessArgs(argv)).toThrow(message)
  })
})

describe('credential-process --help', () => {
  // A flag listed without a word of what it does is a flag nobody can use safely.
  it.each([
    ['--role-chaining', /AssumeRole signed by/],
    ['--role-external-id', /sts:ExternalId/],
    ['--web-identity-token-file', /OIDC token in FILE/]
  ])('explains %s', (flag, explanation) => {
    const row = HELP.split('\n').findIndex((line) => line.trimStart().startsWith(`${flag} `))
    expect(row).toBeGreaterThan(0)
    const text = HELP.split('\n')
      .slice(row, row + 4)
      .join(' ')
    expect(text).toMatch(explanation)
  })

  it('keeps every line within 100 columns', () => {
    for (const line of HELP.split('\n')) {
      if (!line.includes('awsCredentialExport')) expect(line.length).toBeLessThanOrEqual(100)
    }
  })
})
