import type { AwsErrorInfo, Diagnosis, DiagnosisContext } from './types.js'

/** What a recognizer concludes; `diagnoseAwsError` attaches the error facts. */
export type Finding = Omit<Diagnosis, 'awsError'>

/**
 * Recognises one family of failures from the error's code and message (plus the raw error for
 * network details). Returns undefined when the error is not its kind, so the next one can try.
 */
export type Recognizer = (
  info: AwsErrorInfo,
  ctx: DiagnosisContext,
  error: unknown
) => Finding | undefined

export function codeBlock(language: 'json' | 'sh' | 'yaml', body: string): string {
  return ['```' + language, body, '```'].join('\n')
}

export function jsonBlock(value: unknown): string {
  return codeBlock('json', JSON.stringify(value, null, 2))
}

/** The model the failed call concerned, for sentences; the id as the user would recognise it. */
export function modelLabel(ctx: DiagnosisContext): string {
  return ctx.modelId !== undefined ? `\`${ctx.modelId}\`` : 'the model'
}

/** `arn:aws:iam::123:role/path/name` → `name`, for CLI commands that take a role name. */
export function roleNameOf(roleArn: string | undefined): string | undefined {
  const match =
    roleArn === undefined
      ? null
      : /^arn:[^:]+:iam::\d{12}:role\/(?:.*\/)?([\w+=,.@-]+)$/.exec(roleArn)
  return match?.[1]
}

export function accountOf(ctx: DiagnosisContext): string | undefined {
  return (
    ctx.accountId ??
    /^arn:[^:]+:(?:iam|sts)::(\d{12}):/.exec(ctx.roleArn ?? ctx.principalArn ?? '')?.[1]
  )
}
