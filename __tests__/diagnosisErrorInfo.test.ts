import { describe, expect, it } from '@jest/globals'
import { describeAwsError, diagnoseAwsError, isTransient } from '../src/diagnosis/diagnose.js'
import type { DiagnosisContext } from '../src/diagnosis/types.js'
import {
  LONG_TERM_API_KEY,
  SECRET_ACCESS_KEY,
  SESSION_TOKEN,
  TEMPORARY_ACCESS_KEY_ID
} from '../__fixtures__/secrets.js'

const ctx: DiagnosisContext = {
  operation: 'GetCallerIdentity',
  region: 'us-east-1',
  partition: 'aws',
  endpoint: 'https://gateway-user:gateway-pass@sts.internal.example:8443/'
}

// Shaped like real credentials (the secret key exactly 40 characters), none of them real.
const ACCESS_KEY_ID = TEMPORARY_ACCESS_KEY_ID
const SECRET_KEY = SECRET_ACCESS_KEY
const OIDC_TOKEN = 'eyJhbGciOiJSUzI1NiJ9.eyJzdWIiOiJyZXBvOm8vcjpyZWYifQ.c2lnbmF0dXJlLXBhcnQ'
const API_KEY = LONG_TERM_API_KEY
const SECRETS = [ACCESS_KEY_ID, SECRET_KEY, SESSION_TOKEN, OIDC_TOKEN, API_KEY, 'gateway-pass']

describe('describeAwsError', () => {
  const cases: readonly {
    name: string
    error: unknown
    expected: ReturnType<typeof describeAwsError>
  }[] = [
    {
      name: 'restJson service exception',
      error: Object.assign(new Error('Too many requests'), {
        name: 'ThrottlingException',
        $fault: 'client',
        $metadata: { httpStatusCode: 429, requestId: 'abc-123' }
      }),
      expected: {
        code: 'ThrottlingException',
        message: 'Too many requests',
        requestId: 'abc-123',
        httpStatus: 429
      }
    },
    {
      name: 'awsQuery error whose name is generic uses Code',
      error: Object.assign(new Error('Not authorized'), {
        name: 'Error',
        Code: 'AccessDenied',
        $metadata: { httpStatusCode: 403 }
      }),
      expected: { code: 'AccessDenied', message: 'Not authorized', httpStatus: 403 }
    },
    {
      name: 'restJson __type with a namespace',
      error: { __type: 'com.amazon.coral#ValidationException', Message: 'bad' },
      expected: { code: 'ValidationException', message: 'bad' }
    },
    {
      name: 'socket error uses its code',
      error: Object.assign(new Error('connect ECONNREFUSED 127.0.0.1:1'), { code: 'ECONNREFUSED' }),
      expected: { code: 'ECONNREFUSED', message: 'connect ECONNREFUSED 127.0.0.1:1' }
    },
    {
      name: 'wrapped network error found through cause',
      error: new Error('request failed', {
        cause: Object.assign(new Error('getaddrinfo EAI_AGAIN sts.amazonaws.com'), {
          code: 'EAI_AGAIN'
        })
      }),
      expected: { code: 'EAI_AGAIN', message: 'request failed' }
    },
    {
      name: 'untrustworthy request id is dropped',
      error: Object.assign(new Error('x'), {
        name: 'Oops',
        $metadata: { requestId: 'id with spaces <b>' }
      }),
      expected: { code: 'Oops', message: 'x' }
    },
    {
      name: 'nothing at all',
      error: undefined,
      expected: { code: 'Unknown', message: '' }
    }
  ]

  it.each(cases)('$name', ({ error, expected }) => {
    expect(describeAwsError(error)).toEqual(expected)
  })

  it('makes the message one bounded line', () => {
    const info = describeAwsError(new Error(`line one\n::error::forged\r\n${'x'.repeat(2000)}`))
    expect(info.message).not.toMatch(/[\r\n]/)
    expect(info.message.startsWith('line one ::error::forged')).toBe(true)
    expect(info.message.length).toBeLessThanOrEqual(600)
  })
})

describe('secrets never reach a diagnosis', () => {
  const leaky: readonly { name: string; error: unknown }[] = [
    {
      name: 'signature error quoting the canonical request',
      error: Object.assign(
        new Error(
          `The request signature we calculated does not match the signature you provided. The Canonical String for this request should have been 'POST\n/\n\nhost:sts.amazonaws.com\nx-amz-security-token:${SESSION_TOKEN}\n' The String-to-Sign should have been 'AWS4-HMAC-SHA256'`
        ),
        { name: 'SignatureDoesNotMatch', $metadata: { httpStatusCode: 403 } }
      )
    },
    {
      name: 'message echoing keys and tokens',
      error: Object.assign(
        new Error(
          `bad key ${ACCESS_KEY_ID} secret ${SECRET_KEY} token ${OIDC_TOKEN} api ${API_KEY}`
        ),
        { name: 'WeirdException', $metadata: { httpStatusCode: 400 } }
      )
    },
    {
      name: 'secrets in fields other than the message',
      error: Object.assign(new Error('denied'), {
        name: 'AccessDeniedException',
        $metadata: { httpStatusCode: 403 },
        $response: {
          headers: { authorization: `Bearer ${API_KEY}`, 'x-amz-security-token': SESSION_TOKEN }
        },
        credentials: { accessKeyId: ACCESS_KEY_ID, secretAccessKey: SECRET_KEY }
      })
    },
    {
      name: 'network error to an endpoint with credentials in its URL',
      error: Object.assign(new Error('connect ECONNREFUSED'), { code: 'ECONNREFUSED' })
    }
  ]

  it.each(leaky)('$name', ({ error }) => {
    const rendered = JSON.stringify(diagnoseAwsError(error, ctx))
    for (const secret of SECRETS) expect(rendered).not.toContain(secret)
  })

  it('still says what failed once secrets are cut out', () => {
    const diagnosis = diagnoseAwsError(leaky[0]?.error, ctx)
    expect(diagnosis.awsError?.message).toBe(
      'The request signature we calculated does not match the signature you provided. [request details omitted]'
    )
  })

  it('keeps an ARN whole: a role session name has the shape of a secret but is what to name', () => {
    const principal =
      'arn:aws:sts::123456789012:assumed-role/claude-code/GitHubActions-12345678901-1-review-a1b2c3d4'
    const error = Object.assign(
      new Error(
        `User: ${principal} is not authorized to perform: bedrock:InvokeModel on resource: arn:aws:bedrock:us-east-1::foundation-model/anthropic.claude-sonnet-4-6 secret ${SECRET_KEY}`
      ),
      { name: 'AccessDeniedException', $metadata: { httpStatusCode: 403 } }
    )
    const { message } = describeAwsError(error)
    expect(message).toContain(principal)
    expect(message).not.toContain(SECRET_KEY)
    expect(message).toMatch(/secret \[redacted\]$/)
  })

  it('names only the host of an endpoint URL', () => {
    const diagnosis = diagnoseAwsError(leaky[3]?.error, ctx)
    expect(diagnosis.cause).toContain('sts.internal.example:8443')
    expect(diagnosis.cause).not.toContain('gateway-user')
  })
})

describe('isTransient', () => {
  const withStatus = (name: string, status: number, message = 'm'): Error =>
    Object.assign(new Error(message), { name, $metadata: { httpStatusCode: status } })

  it.each([
    ['throttling', withStatus('ThrottlingException', 429), true],
    ['a bare 429', withStatus('UnknownError', 429), true],
    ['a 502 from a proxy', withStatus('UnknownError', 502), true],
    ['a 501', withStatus('UnknownError', 501), false],
    [
      'daily quota',
      withStatus('ServiceQuotaExceededException', 429, 'Too many tokens per day'),
      false
    ],
    ['IDPCommunicationError', withStatus('IDPCommunicationError', 400), true],
    ['access denied', withStatus('AccessDeniedException', 403), false],
    ['validation', withStatus('ValidationException', 400), false],
    ['ECONNRESET', Object.assign(new Error('reset'), { code: 'ECONNRESET' }), true],
    [
      'http2 refused stream',
      Object.assign(new Error('Stream closed with NGHTTP2_REFUSED_STREAM'), {
        code: 'ERR_HTTP2_STREAM_ERROR'
      }),
      true
    ],
    ['abort', Object.assign(new Error('aborted'), { name: 'AbortError' }), false],
    ['a plain bug', new TypeError('x is undefined'), false]
  ] as const)('%s', (_name, error, expected) => {
    expect(isTransient(error)).toBe(expected)
  })

  it('an expired token is transient only where a retry fetches a fresh one', () => {
    const expired = withStatus('ExpiredTokenException', 400)
    expect(isTransient(expired, 'AssumeRoleWithWebIdentity')).toBe(true)
    expect(isTransient(expired, 'InvokeModel')).toBe(false)
    expect(isTransient(expired)).toBe(false)
  })
})
