import { GetCallerIdentityCommand, type STSClient } from '@aws-sdk/client-sts'
import { diagnoseAwsError } from '../diagnosis/diagnose.js'
import type { Config } from '../inputs/config.js'
import type { CheckResult, Identity } from '../report/types.js'

export interface IdentityProof {
  readonly identity?: Identity
  readonly checks: readonly CheckResult[]
}

/**
 * GetCallerIdentity with exactly the credentials that will be exported: proves they work and says
 * whose they are, then enforces `allowed-account-ids` before anything is exported.
 */
export async function proveIdentity(sts: STSClient, config: Config): Promise<IdentityProof> {
  let identity: Identity
  try {
    const response = await sts.send(new GetCallerIdentityCommand({}))
    identity = {
      accountId: response.Account ?? '',
      arn: response.Arn ?? '',
      userId: response.UserId ?? ''
    }
  } catch (error) {
    const diagnosis = diagnoseAwsError(error, {
      operation: 'GetCallerIdentity',
      region: config.region,
      partition: config.partition,
      ...(config.roleToAssume !== undefined ? { roleArn: config.roleToAssume } : {})
    })
    return {
      checks: [
        {
          id: 'identity',
          title: 'AWS identity',
          status: 'fail',
          detail: 'GetCallerIdentity failed with these credentials.',
          cause: diagnosis.cause,
          fix: diagnosis.fix,
          ...(diagnosis.awsError !== undefined ? { awsError: diagnosis.awsError } : {})
        }
      ]
    }
  }
  const checks: CheckResult[] = [
    { id: 'identity', title: 'AWS identity', status: 'pass', detail: `Running as ${identity.arn}` }
  ]
  if (config.allowedAccountIds.length > 0) checks.push(allowedAccountCheck(identity, config))
  return { identity, checks }
}

function allowedAccountCheck(identity: Identity, config: Config): CheckResult {
  const allowed = config.allowedAccountIds
  if (allowed.includes(identity.accountId)) {
    return {
      id: 'allowed-account',
      title: 'Allowed account',
      status: 'pass',
      detail: `Account ${identity.accountId} is in allowed-account-ids.`
    }
  }
  return {
    id: 'allowed-account',
    title: 'Allowed account',
    status: 'fail',
    detail: `Account ${identity.accountId} is not in allowed-account-ids (${allowed.join(', ')}).`,
    cause: `The credentials belong to account ${identity.accountId}, which allowed-account-ids does not list; nothing was exported.`,
    fix: `Use a role in one of ${allowed.join(', ')}, or add ${identity.accountId} to \`allowed-account-ids\` if this account is intended.`
  }
}
