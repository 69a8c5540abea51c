import { codeBlock } from './recognizer.js'
import type { Recognizer } from './recognizer.js'
import type { AwsErrorInfo, DiagnosisContext } from './types.js'

/** Codes the SDK and the services use for "slow down" (Bedrock 429, STS 400 `Throttling`). */
export const THROTTLING_CODES: ReadonlySet<string> = new Set([
  'Throttling',
  'ThrottlingException',
  'TooManyRequestsException',
  'RequestLimitExceeded',
  'ServiceQuotaExceededException'
])

/**
 * Bedrock control-plane operations: request-rate limits per API and account, shared by every job
 * and tool in the account, and far lower than the runtime's.
 */
const CONTROL_PLANE = new Set<DiagnosisContext['operation']>([
  'ListFoundationModels',
  'GetFoundationModel',
  'GetFoundationModelAvailability',
  'ListInferenceProfiles',
  'GetInferenceProfile'
])

export function isThrottling(info: AwsErrorInfo): boolean {
  return THROTTLING_CODES.has(info.code) || info.httpStatus === 429
}

export function isStsOperation(operation: DiagnosisContext['operation']): boolean {
  return operation.startsWith('AssumeRole') || operation === 'GetCallerIdentity'
}

/** "12 attempts over 44 s", from what the SDK recorded on the final error. */
function waitedText(info: AwsErrorInfo): string {
  if (info.attempts === undefined) return 'The call was not retried'
  const seconds = Math.round((info.retryDelayMs ?? 0) / 100) / 10
  return `The action tried ${info.attempts} times and waited ${seconds} s between attempts, as long as the run's time budget allowed`
}

const CONCURRENCY_FIX =
  'Start fewer jobs at once: a `concurrency:` group on the workflow or job, `strategy.max-parallel` for a matrix, or staggered schedules (`cron` minutes apart).'

/**
 * A throttled STS or Bedrock control-plane call: the account's request-rate limit for that API,
 * which every job and tool of the account shares. Not a model quota: raising tokens per minute
 * would change nothing. Sources: AWS Knowledge Center "How do I resolve API throttling or 'Rate
 * exceeded' errors for IAM and AWS STS?" (STS rate limits cannot be increased; regional STS
 * endpoints are throttled separately); the Bedrock quotas pages list no default rate for these
 * control-plane APIs, so the fix lets the user look for one in Service Quotas.
 */
export const rateLimited: Recognizer = (info, ctx) => {
  if (!isThrottling(info)) return undefined
  const sts = isStsOperation(ctx.operation)
  if (!sts && !CONTROL_PLANE.has(ctx.operation)) return undefined
  const service = sts ? 'STS' : 'The Bedrock control plane'
  const cause = `${service} throttled ${ctx.operation} in ${ctx.region}: the account's request-rate limit for this API was exceeded. That limit is shared by every job and tool using the account, so many jobs called it at once. ${waitedText(info)}.`
  const quota = sts
    ? `STS request-rate limits cannot be raised (AWS Knowledge Center, "API throttling or Rate exceeded errors for IAM and AWS STS"); each region's STS endpoint is throttled separately, and the action already calls the one of \`aws-region\`.`
    : [
        `AWS publishes no default rate for ${ctx.operation}. If Service Quotas lists one for this account, request an increase there (else ask AWS Support):`,
        codeBlock(
          'sh',
          `aws service-quotas list-service-quotas --service-code bedrock --region ${ctx.region} --query "Quotas[?contains(QuotaName, '${ctx.operation}')].[QuotaName,QuotaCode,Value]" --output table`
        )
      ].join('\n')
  return { cause, fix: `${CONCURRENCY_FIX} ${quota}`, transient: true }
}
