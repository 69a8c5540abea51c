import { parseCredentialProcessArgs, UsageError } from '../src/refresh/credentialProcessArgs.js'

describe('parseCredentialProcessArgs', () => {
  const accepted: Array<[string, string[], ReturnType<typeof parseCredentialProcessArgs>]> = [
    [
      'a settings file, default format',
      ['--settings', '/t/refresh.json'],
      { format: 'aws', settings: '/t/refresh.json', inputs: {}, noCache: false }
    ],
    [
      'claude format',
      ['--settings', 's.json', '--format', 'claude'],
      { format: 'claude', settings: 's.json', inputs: {}, noCache: false }
    ],
    [
      'every input flag, mapped to the action input it stands for',
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
        noCache: false
      }
    ],
    [
      'an explicit cache',
      ['--settings', 's', '--cache', '/t/c.json'],
      { format: 'aws', settings: 's', inputs: {}, cache: '/t/c.json', noCache: false }
    ],
    [
      'no cache',
      ['--settings', 's', '--no-cache'],
      { format: 'aws', settings: 's', inputs: {}, noCache: true }
    ]
  ]
  it.each(accepted)('accepts %s', (_name, argv, expected) => {
    expect(parseCredentialProcessArgs(argv)).toEqual(expected)
  })

  const refused: Array<[string, string[], RegExp]> = [
    ['nothing to go on', [], /--settings FILE .* or at least --role-arn/],
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
