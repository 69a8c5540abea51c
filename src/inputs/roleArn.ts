import { isPartition, partitionMismatch, partitionOfRegion, type Partition } from './region.js'
import { invalidValue } from './valueMessage.js'

export const ROLE_ARN_FORM =
  'an IAM role ARN such as arn:aws:iam::123456789012:role/claude-code (arn:PARTITION:iam::ACCOUNT-ID:role/[PATH/]NAME)'

/** IAM's charset for role names and path segments. */
const ROLE_NAME = /^[\w+=,.@-]{1,64}$/
const ROLE_RESOURCE = /^role\/(?:[\w+=,.@-]+\/)*[\w+=,.@-]{1,64}$/
const ARN_PARTS = /^arn:([^:]*):([^:]*):([^:]*):([^:]*):(.*)$/

export interface RoleArn {
  readonly arn: string
  readonly partition: Partition
  readonly accountId: string
  readonly roleName: string
}

/** What is wrong with a value that is not a role ARN, said so the user sees what they gave. */
function roleArnProblem(value: string): string | undefined {
  const parts = ARN_PARTS.exec(value)
  if (!parts) {
    return ROLE_NAME.test(value)
      ? 'a bare role name; write the full ARN, arn:aws:iam::ACCOUNT-ID:role/NAME'
      : undefined
  }
  const [, partition = '', service = '', region = '', account = '', resource = ''] = parts
  const type = resource.split('/')[0] ?? ''
  if (!isPartition(partition))
    return `unknown partition "${partition}"; use aws, aws-cn or aws-us-gov`
  if (service === 'sts' && type === 'assumed-role') {
    return 'an STS assumed-role (session) ARN; give the ARN of the role itself'
  }
  if (service !== 'iam') return `a ${service || 'service-less'} ARN, not an IAM role`
  if (type !== 'role') return `an IAM ${type || 'resource'} ARN, not a role`
  if (region !== '') return 'IAM ARNs have no region'
  if (!/^\d{12}$/.test(account)) return 'the account id must be 12 digits'
  if (!ROLE_RESOURCE.test(resource)) {
    return 'a role name is 1-64 letters, digits and + = , . @ _ -, after an optional /path/'
  }
  return undefined
}

/** `role-to-assume`, checked against the partition of `region` when the region is known. */
export function parseRoleArn(input: string, value: string, region?: string): RoleArn {
  const problem = roleArnProblem(value)
  const parts = ARN_PARTS.exec(value)
  if (problem !== undefined || !parts) throw invalidValue(input, ROLE_ARN_FORM, value, problem)
  const [, partition = '', , , accountId = '', resource = ''] = parts
  if (!isPartition(partition)) throw invalidValue(input, ROLE_ARN_FORM, value)
  if (region !== undefined && partitionOfRegion(region) !== partition) {
    const accepted = `a role ARN in partition ${partitionOfRegion(region)} (arn:${partitionOfRegion(region)}:iam::ACCOUNT-ID:role/NAME)`
    throw invalidValue(input, accepted, value, partitionMismatch(partition, region))
  }
  const roleName = resource.split('/').at(-1) ?? ''
  return { arn: value, partition, accountId, roleName }
}
