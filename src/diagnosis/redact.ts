/**
 * AWS error messages are untrusted text that we put into logs, the job summary and the report.
 * Some services echo request material back (SignatureDoesNotMatch can quote the canonical request,
 * which carries the session token), so anything shaped like a credential is cut out before the
 * text goes anywhere, and the text is made one bounded line so it cannot forge workflow commands.
 */

const MAX_MESSAGE_CHARS = 600

/** Everything from here on in a signature error is the request AWS computed: never show it. */
const CANONICAL_REQUEST_MARKERS = ['The Canonical String for this request', 'The String-to-Sign']

const SECRET_PATTERNS: readonly RegExp[] = [
  // JWTs (the GitHub OIDC token).
  /eyJ[A-Za-z0-9_-]{4,}\.[A-Za-z0-9_-]{4,}\.[A-Za-z0-9_-]*/g,
  // Long-term and temporary access key ids.
  /\b(?:AKIA|ASIA|ABIA|ACCA)[A-Z0-9]{12,}\b/g,
  // Bedrock API keys (`ABSK…`, base64 after the prefix).
  /\bABSK[A-Za-z0-9+/=]{8,}/g,
  // `Authorization: …`, `X-Amz-Security-Token: …` style echoes.
  /\b(authorization|x-amz-security-token|x-amz-signature|signature)\s*[:=]\s*\S+/gi
]

/**
 * 40+ characters of base64 with mixed case and a digit: secret keys, session tokens, signatures.
 * An ARN is matched first and kept whole: its resource part (`assumed-role/claude-code/GitHubActions-
 * 1234567890-1-review-a1b2c3d4`) has the same shape, and it is what a diagnosis must name.
 */
const ARN_OR_LONG_OPAQUE_RUN = /\barn:aws[a-z-]*:[^\s"'`,;()<>]+|[A-Za-z0-9+/=_-]{40,}/g

function looksOpaque(run: string): boolean {
  return /[a-z]/.test(run) && /[A-Z]/.test(run) && /[0-9]/.test(run)
}

export function redactSecrets(text: string): string {
  let out = text
  for (const marker of CANONICAL_REQUEST_MARKERS) {
    const at = out.indexOf(marker)
    if (at >= 0) out = `${out.slice(0, at).trimEnd()} [request details omitted]`
  }
  for (const pattern of SECRET_PATTERNS) {
    out = out.replace(pattern, (_match, label: unknown) =>
      typeof label === 'string' ? `${label}: [redacted]` : '[redacted]'
    )
  }
  return out.replace(ARN_OR_LONG_OPAQUE_RUN, (run) =>
    !run.startsWith('arn:') && looksOpaque(run) ? '[redacted]' : run
  )
}

/** One line, no control characters, bounded length, no credentials. */
export function sanitizeAwsMessage(text: string): string {
  const oneLine = text
    // Control characters are exactly what we strip here.
    // eslint-disable-next-line no-control-regex
    .replace(/[\u0000-\u001f\u007f-\u009f\u2028\u2029]+/g, ' ')
    .replace(/\s{2,}/g, ' ')
    .trim()
  const redacted = redactSecrets(oneLine)
  return redacted.length > MAX_MESSAGE_CHARS
    ? `${redacted.slice(0, MAX_MESSAGE_CHARS - 1)}…`
    : redacted
}
