import { increaseCommand, perMinute, type QuotaIncrease } from '../capacity/quotaIncrease.js'
import { isStsOperation, isThrottling, rateLimited } from './rateLimitErrors.js'
import { isDailyQuota } from './transient.js'
import { codeBlock, modelLabel } from './recognizer.js'
import type { Recognizer } from './recognizer.js'
import type { DiagnosisContext } from './types.js'

const SERVER_SIDE = new Set([
  'ServiceUnavailable',
  'ServiceUnavailableException',
  'InternalFailure',
  'InternalError',
  'InternalServerException',
  'ModelNotReadyException',
  'ModelTimeoutException',
  // Sent inside a response stream ("An error occurred while streaming the response. Retry your request.").
  'ModelStreamErrorException',
  // Ours: a response stream that ended before the model's message_stop (see modelProbes.ts).
  'IncompleteResponseStream'
])

/** Bedrock quotas are named per model and per kind of call; this lists the ones for Claude. */
function quotaCommand(ctx: DiagnosisContext): string {
  return codeBlock(
    'sh',
    `aws service-quotas list-service-quotas --service-code bedrock --region ${ctx.region} --query "Quotas[?contains(QuotaName, 'Claude')].[QuotaName,QuotaCode,Value]" --output table`
  )
}

/**
 * Runtime throttling: the model's tokens-per-minute (or per-day) quota. The bedrock-runtime
 * endpoint's quotas are per model and token-based: "Cross-Region InvokeModel tokens per minute for
 * ${model}" (through an inference profile), "On-demand InvokeModel tokens per minute for ${model}"
 * and "Model invocation max tokens per day for ${model}", input and output tokens together, shared
 * by every inference API despite the InvokeModel in their names (AWS Bedrock User Guide, "Quotas for
 * the bedrock-runtime endpoint"). Raising the first one is how AWS takes requests for all of them
 * ("Request an increase for Amazon Bedrock quotas"). Not a request rate: that is the control
 * plane's and STS's (rateLimitErrors.ts).
 */
const throttled: Recognizer = (info, ctx) => {
  if (!isThrottling(info)) return undefined
  if (isDailyQuota(info)) {
    return {
      cause: `The daily token quota for ${modelLabel(ctx)} in ${ctx.region} is used up.`,
      fix: [
        'Wait for the quota to reset or request an increase of "Model invocation max tokens per day" for the model (Service Quotas → Amazon Bedrock). The quotas that apply:',
        quotaCommand(ctx)
      ].join('\n'),
      transient: false
    }
  }
  const kind = ctx.profileArn !== undefined ? 'Cross-Region' : 'On-demand'
  return {
    cause: `Bedrock throttled ${ctx.operation} for ${modelLabel(ctx)} in ${ctx.region}: the account's tokens-per-minute quota for this model is used up (the input and output tokens of every call to it in the region count, whichever API made it).`,
    fix: [
      `${RETRIED} request an increase of "${kind} InvokeModel tokens per minute for …" (the quota named after this model) in Service Quotas → Amazon Bedrock (${ctx.region}); AWS then offers to raise the model's other quotas with it. The quotas that apply:`,
      quotaCommand(ctx)
    ].join('\n'),
    transient: true
  }
}

const RETRIED = 'Retried with backoff. If it keeps happening, run fewer jobs at once, or'
/** The generic runtime-throttling fix above, as the throttled recognizer words it. */
const GENERIC_THROTTLE_FIX = new RegExp(
  `${RETRIED.replace(/[.]/g, '\\.')} request an increase of "[^"\\n]*" \\(the quota named after this model\\)[^\\n]*\\n\`\`\`sh\\naws service-quotas list-service-quotas [^\\n]*\\n\`\`\``
)

/**
 * The runtime-throttling fix once the run knows the model's own quotas (the capacity pre-flight's
 * lookup): the quotas by name and code, their values now, and a pasteable increase request for
 * each; in place of the generic wording in `fix`. Unchanged when `fix` is not the generic one (the
 * daily quota, a fix the check reworded) or nothing is known.
 */
export function nameThrottledQuotas(fix: string, increases: readonly QuotaIncrease[]): string {
  const first = increases[0]
  if (first === undefined || !GENERIC_THROTTLE_FIX.test(fix)) return fix
  const named = increases.map((q) => `"${q.name}" (${q.code}, now ${perMinute(q.value, q.unit)})`)
  const which =
    named.length === 1 ? `an increase of ${named[0]}` : `increases of ${named.join(', and ')}`
  const text = [
    `${RETRIED} request ${which} in Service Quotas → Amazon Bedrock (${first.region}); AWS then offers to raise the model's other quotas with it:`,
    codeBlock('sh', increases.map(increaseCommand).join('\n'))
  ].join('\n')
  return fix.replace(GENERIC_THROTTLE_FIX, () => text)
}

const serverSide: Recognizer = (info, ctx) => {
  const status = info.httpStatus ?? 0
  if (!SERVER_SIDE.has(info.code) && !(status >= 500 && status <= 599)) return undefined
  const service = isStsOperation(ctx.operation) ? 'STS' : 'Bedrock'
  return {
    cause: `${service} failed on its side for ${ctx.operation} in ${ctx.region}${status > 0 ? ` (HTTP ${status})` : ''}.`,
    fix: `Retried with backoff; if it persists, re-run the job later and check the AWS Health Dashboard for ${service} in ${ctx.region}.`,
    // 501 and 505 say the endpoint cannot do this at all; the others pass.
    transient: SERVER_SIDE.has(info.code) || [500, 502, 503, 504].includes(status)
  }
}

export const serviceRecognizers: readonly Recognizer[] = [rateLimited, throttled, serverSide]
