import { errorChain, systemErrorCode } from './awsErrorInfo.js'
import type { Finding, Recognizer } from './recognizer.js'
import { isMalformedResponse, isTransient } from './transient.js'
import type { DiagnosisContext } from './types.js'

const HOST = /^[A-Za-z0-9.:[\]-]{1,253}$/

/**
 * Where the call went, for the cause sentence: the configured endpoint's host (never the full URL,
 * which may carry credentials), else what Node recorded on the socket error.
 */
function targetHost(ctx: DiagnosisContext, error: unknown): string | undefined {
  if (ctx.endpoint !== undefined) {
    try {
      return new URL(ctx.endpoint).host
    } catch {
      // Not a URL: fall through to what the socket error says.
    }
  }
  for (const fields of errorChain(error)) {
    const host = fields['hostname'] ?? fields['host'] ?? fields['address']
    const port = fields['port']
    if (typeof host === 'string' && HOST.test(host)) {
      return typeof port === 'number' ? `${host}:${port}` : host
    }
  }
  return undefined
}

const NETWORK_FIX =
  'Check the runner can reach AWS: the proxy settings (HTTPS_PROXY / NO_PROXY), a VPC endpoint and its private DNS, and the custom endpoint inputs (`sts-endpoint`, `bedrock-endpoint`, `bedrock-runtime-endpoint`, AWS_ENDPOINT_URL_*).'

const TLS_CODE = /CERT|UNABLE_TO_(VERIFY|GET)|ERR_TLS/

/** What each connection failure means, in a few words. */
function whatHappened(code: string): string | undefined {
  if (code === 'ECONNREFUSED')
    return 'the connection was refused (nothing listens there, or a firewall rejects it)'
  if (code === 'ENOTFOUND' || code === 'EAI_AGAIN') return 'the host name did not resolve (DNS)'
  if (
    code === 'ETIMEDOUT' ||
    code === 'TimeoutError' ||
    code === 'RequestTimeout' ||
    code === 'RequestTimeoutException'
  ) {
    return 'the request timed out'
  }
  if (code === 'ECONNRESET' || code === 'EPIPE' || code === 'ECONNABORTED')
    return 'the connection was reset mid-request'
  if (code === 'EHOSTUNREACH' || code === 'ENETUNREACH') return 'the network or host is unreachable'
  return undefined
}

function at(host: string | undefined): string {
  return host !== undefined ? ` to ${host}` : ''
}

function tlsFailure(code: string, host: string | undefined, ctx: DiagnosisContext): Finding {
  return {
    cause: `TLS verification failed for ${ctx.operation}${at(host)} (${code}): a proxy or gateway presents a certificate Node does not trust.`,
    fix: "Give Node the proxy's CA: set `NODE_EXTRA_CA_CERTS` to the CA bundle path in the job env (self-hosted runners), or exempt AWS hosts in NO_PROXY. Never disable verification.",
    transient: false
  }
}

function http2Failure(
  code: string,
  host: string | undefined,
  ctx: DiagnosisContext,
  transient: boolean
): Finding {
  return {
    cause: `HTTP/2 failed for ${ctx.operation}${at(host)} (${code}). The Bedrock runtime client speaks HTTP/2; a proxy or gateway that only speaks HTTP/1.1 breaks it.`,
    fix: `Make sure \`bedrock-runtime-endpoint\` (or the proxy in front of it) supports HTTP/2, or point it at the regional endpoint. ${NETWORK_FIX}`,
    transient
  }
}

export const networkFailure: Recognizer = (info, ctx, error) => {
  const host = targetHost(ctx, error)
  if (info.code === 'AbortError') {
    return {
      cause: `${ctx.operation}${at(host)} was aborted: it did not finish within the action's time budget.`,
      fix: NETWORK_FIX,
      transient: false
    }
  }
  if (info.httpStatus === 407) {
    return {
      cause: `The proxy in front of ${host ?? 'AWS'} requires authentication (HTTP 407).`,
      fix: 'Put the proxy credentials in HTTPS_PROXY (as a secret), or exempt the AWS hosts in NO_PROXY.',
      transient: false
    }
  }
  const code = systemErrorCode(error) ?? info.code
  if (TLS_CODE.test(code)) return tlsFailure(code, host, ctx)
  if (code.startsWith('ERR_HTTP2'))
    return http2Failure(code, host, ctx, isTransient(error, ctx.operation))
  if (isMalformedResponse(error, info)) {
    return {
      cause: `The response to ${ctx.operation}${host !== undefined ? ` from ${host}` : ''} could not be parsed: something other than AWS answered (a proxy error page, a captive portal, a misconfigured gateway).`,
      fix: NETWORK_FIX,
      transient: true
    }
  }
  const what =
    whatHappened(code) ?? (/^E[A-Z]+$/.test(code) ? `the connection failed (${code})` : undefined)
  if (what === undefined) return undefined
  return {
    cause: `${ctx.operation} could not reach AWS${at(host)}: ${what}.`,
    fix: NETWORK_FIX,
    transient: isTransient(error, ctx.operation)
  }
}
