// AWS errors as data, and their two wire forms: awsQuery XML (STS) and restJson1 (Bedrock).
// Texts are AWS's own, word for word: the action's diagnosis (src/diagnosis/) matches against them.
import { escapeXml, jsonReply, xmlReply, type Reply } from './reply.ts'

export interface AwsError {
  status: number
  code: string
  message: string
  /** Bedrock's bearer-token rejections spell the body field `Message`. */
  messageField?: 'message' | 'Message'
  retryAfterSeconds?: number
}

export function awsError(status: number, code: string, message: string): AwsError {
  return { status, code, message }
}

/** The service family decides the error form and the names of the auth errors. */
export type ErrorStyle = 'query' | 'json'

const invalidToken = 'The security token included in the request is invalid.'
const expiredToken = 'The security token included in the request is expired'
const badSignature =
  'The request signature we calculated does not match the signature you provided. Check your AWS Secret Access Key and signing method. Consult the service documentation for details.'

export const authErrors = {
  unknownKey: (style: ErrorStyle): AwsError =>
    style === 'query'
      ? awsError(403, 'InvalidClientTokenId', invalidToken)
      : awsError(403, 'UnrecognizedClientException', invalidToken),
  badSignature: (style: ErrorStyle, detail = ''): AwsError =>
    style === 'query'
      ? awsError(403, 'SignatureDoesNotMatch', badSignature + detail)
      : awsError(403, 'InvalidSignatureException', badSignature + detail),
  expired: (style: ErrorStyle): AwsError =>
    style === 'query'
      ? awsError(403, 'ExpiredToken', expiredToken)
      : awsError(403, 'ExpiredTokenException', expiredToken),
  missing: (style: ErrorStyle): AwsError =>
    style === 'query'
      ? awsError(403, 'MissingAuthenticationToken', 'Request is missing Authentication Token')
      : awsError(403, 'MissingAuthenticationTokenException', 'Missing Authentication Token')
}

export function throttlingError(style: ErrorStyle): AwsError {
  return style === 'query'
    ? awsError(400, 'Throttling', 'Rate exceeded')
    : awsError(429, 'ThrottlingException', 'Too many requests, please wait before trying again.')
}

export function serverError(style: ErrorStyle, status: number): AwsError {
  if (style === 'query') {
    return status === 500
      ? awsError(500, 'InternalFailure', 'An internal error has occurred')
      : awsError(status, 'ServiceUnavailable', 'Service is unavailable')
  }
  return status === 500
    ? awsError(500, 'InternalServerException', 'Internal server error')
    : awsError(status, 'ServiceUnavailableException', 'Bedrock is unable to process your request.')
}

function retryHeaders(error: AwsError): Record<string, string> {
  return error.retryAfterSeconds === undefined
    ? {}
    : { 'retry-after': String(error.retryAfterSeconds) }
}

export function queryErrorReply(error: AwsError, requestId: string): Reply {
  const type = error.status >= 500 ? 'Receiver' : 'Sender'
  const reply = xmlReply(
    error.status,
    `<ErrorResponse xmlns="https://sts.amazonaws.com/doc/2011-06-15/">\n` +
      `  <Error>\n    <Type>${type}</Type>\n    <Code>${escapeXml(error.code)}</Code>\n` +
      `    <Message>${escapeXml(error.message)}</Message>\n  </Error>\n` +
      `  <RequestId>${requestId}</RequestId>\n</ErrorResponse>\n`
  )
  Object.assign(reply.headers, { 'x-amzn-requestid': requestId }, retryHeaders(error))
  return { ...reply, errorCode: error.code }
}

// Front-door (authentication) errors come from Coral's service layer, the others from Bedrock.
const coralService = new Set([
  'UnrecognizedClientException',
  'InvalidSignatureException',
  'ExpiredTokenException',
  'MissingAuthenticationTokenException',
  'UnknownOperationException'
])

export function jsonErrorReply(error: AwsError, requestId: string): Reply {
  const namespace = coralService.has(error.code) ? 'com.amazon.coral.service' : 'com.amazon.bedrock'
  const reply = jsonReply(
    error.status,
    { [error.messageField ?? 'message']: error.message },
    {
      'x-amzn-requestid': requestId,
      'x-amzn-errortype': `${error.code}:http://internal.amazon.com/coral/${namespace}/`,
      ...retryHeaders(error)
    }
  )
  return { ...reply, errorCode: error.code }
}

export function errorReply(style: ErrorStyle, error: AwsError, requestId: string): Reply {
  return style === 'query' ? queryErrorReply(error, requestId) : jsonErrorReply(error, requestId)
}
