import type { ObtainedCredentials } from '../credentials/types.js'
import type { Config } from '../inputs/config.js'
import type { ResolvedModel } from '../models/resolvedModel.js'
import type { Identity } from '../report/types.js'

export interface StepOutput {
  readonly name: string
  readonly value: string
  readonly secret: boolean
}

export interface OutputInputs {
  readonly config: Config
  readonly passed: boolean
  readonly identity?: Identity
  readonly credentials?: ObtainedCredentials
  readonly main?: ResolvedModel
  readonly small?: ResolvedModel
  readonly reportJson: string
  readonly iamPolicy?: string
}

/** The step outputs of action.yml, as data; empty ones are left out rather than set to "". */
export function buildOutputs(inputs: OutputInputs): StepOutput[] {
  const { config, identity, credentials, main, small } = inputs
  const out: StepOutput[] = []
  const add = (name: string, value: string | undefined, isSecret = false): void => {
    if (value !== undefined && value !== '') out.push({ name, value, secret: isSecret })
  }
  add('passed', String(inputs.passed))
  add('region', config.region)
  add('aws-account-id', identity?.accountId)
  add('authenticated-arn', identity?.arn)
  add('model', main?.exportId)
  add('model-arn', main?.arn)
  add('small-fast-model', small?.exportId)
  // The attribution handle: in CloudTrail and invocation logs, the assumed role's ARN ends with it.
  if (config.roleToAssume !== undefined) add('role-session-name', config.roleSessionName)
  add('credentials-expiration', credentials?.credentials.expiration?.toISOString())
  add('report', inputs.reportJson)
  add('iam-policy', inputs.iamPolicy)
  if (config.outputCredentials && credentials !== undefined) {
    add('aws-access-key-id', credentials.credentials.accessKeyId, true)
    add('aws-secret-access-key', credentials.credentials.secretAccessKey, true)
    add('aws-session-token', credentials.credentials.sessionToken, true)
  }
  return out
}
