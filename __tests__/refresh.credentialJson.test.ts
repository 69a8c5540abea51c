import { credentialJson } from '../src/refresh/credentialJson.js'

const credentials = {
  accessKeyId: 'ASIAEXAMPLEKEY000001',
  secretAccessKey: 'secret/example+key',
  sessionToken: 'session-token-example',
  expiration: new Date('2030-01-02T03:04:05.000Z')
}

describe('credentialJson', () => {
  it('prints the AWS credential_process format, version 1', () => {
    expect(JSON.parse(credentialJson(credentials, 'aws'))).toEqual({
      Version: 1,
      AccessKeyId: 'ASIAEXAMPLEKEY000001',
      SecretAccessKey: 'secret/example+key',
      SessionToken: 'session-token-example',
      Expiration: '2030-01-02T03:04:05.000Z'
    })
  })

  it('prints the aws sts shape for Claude Code', () => {
    expect(JSON.parse(credentialJson(credentials, 'claude'))).toEqual({
      Credentials: {
        AccessKeyId: 'ASIAEXAMPLEKEY000001',
        SecretAccessKey: 'secret/example+key',
        SessionToken: 'session-token-example',
        Expiration: '2030-01-02T03:04:05.000Z'
      }
    })
  })

  it('leaves out what the credentials do not have, and is one line', () => {
    const text = credentialJson({ accessKeyId: 'AKIAEXAMPLE', secretAccessKey: 's' }, 'aws')
    expect(JSON.parse(text)).toEqual({
      Version: 1,
      AccessKeyId: 'AKIAEXAMPLE',
      SecretAccessKey: 's'
    })
    expect(text).not.toContain('\n')
  })
})
