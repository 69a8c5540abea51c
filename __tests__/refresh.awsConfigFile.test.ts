import { commandLine, mergeAwsConfig, REFRESH_PROFILE } from '../src/refresh/awsConfigFile.js'

const profile = {
  name: REFRESH_PROFILE,
  region: 'us-east-1',
  credentialProcess: 'node helper.js credential-process'
}

describe('mergeAwsConfig', () => {
  it('writes only our profile when the user has no config', () => {
    const { text, replaced } = mergeAwsConfig('', profile)
    expect(replaced).toBe(false)
    expect(text).toBe(
      [
        '# Added by setup-claude-bedrock: AWS credentials that renew themselves for the rest of the job.',
        '[profile setup-claude-bedrock]',
        'region = us-east-1',
        'credential_process = node helper.js credential-process',
        ''
      ].join('\n')
    )
  })

  it("keeps every line of the user's config, then adds the profile", () => {
    const user =
      '[default]\nregion = eu-west-1\n\n[profile dev]\nsso_session = corp\n; comment\n[sso-session corp]\nsso_region = eu-west-1'
    const { text, replaced } = mergeAwsConfig(user, profile)
    expect(replaced).toBe(false)
    expect(text.startsWith(`${user}\n\n# Added by setup-claude-bedrock`)).toBe(true)
    expect(text.match(/\[profile setup-claude-bedrock\]/g)).toHaveLength(1)
  })

  it('replaces a profile of ours from an earlier setup in the same job instead of repeating it', () => {
    const first = mergeAwsConfig('[default]\nregion = eu-west-1\n', {
      ...profile,
      credentialProcess: 'old'
    }).text
    const withAfter = `${first}[profile later]\nregion = ap-south-1\n`
    const { text, replaced } = mergeAwsConfig(withAfter, profile)
    expect(replaced).toBe(true)
    expect(text).not.toContain('credential_process = old')
    expect(text.match(/setup-claude-bedrock\]/g)).toHaveLength(1)
    expect(text.match(/# Added by setup-claude-bedrock/g)).toHaveLength(1)
    expect(text).toContain('[profile later]\nregion = ap-south-1')
    expect(text).toContain('[default]\nregion = eu-west-1')
  })

  it('recognises the header however it is spaced, and CRLF files', () => {
    const user =
      '[default]\r\nregion = eu-west-1\r\n[ profile   setup-claude-bedrock ]\r\ncredential_process = stale\r\n'
    const { text, replaced } = mergeAwsConfig(user, profile)
    expect(replaced).toBe(true)
    expect(text).not.toContain('stale')
  })
})

describe('commandLine', () => {
  it.each([
    [
      ['/usr/bin/node', '/a/dist/index.js', 'credential-process'],
      '/usr/bin/node /a/dist/index.js credential-process'
    ],
    [
      ['/opt/my runner/node', '--settings', '/tmp/x y/refresh.json'],
      '"/opt/my runner/node" --settings "/tmp/x y/refresh.json"'
    ],
    [
      ['C:\\hostedtoolcache\\node.exe', 'D:\\a\\_temp\\r.json'],
      '"C:\\hostedtoolcache\\node.exe" "D:\\a\\_temp\\r.json"'
    ]
  ])('quotes what needs it: %j', (args, expected) => {
    expect(commandLine(args)).toBe(expected)
  })

  it('refuses a double quote, which no quoting makes safe for every SDK', () => {
    expect(() => commandLine(['/tmp/a"b/node'])).toThrow(/double quote/)
  })
})
