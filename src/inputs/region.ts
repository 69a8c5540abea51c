import { invalidValue } from './valueMessage.js'

/** AWS partitions: the second field of every ARN. */
export type Partition = 'aws' | 'aws-cn' | 'aws-us-gov'

/** Geography prefixes of system-defined inference profiles. */
export const PROFILE_PREFIXES = ['global', 'us', 'eu', 'apac', 'jp', 'au', 'us-gov'] as const
export type ProfilePrefix = (typeof PROFILE_PREFIXES)[number]

export const REGION_FORM = 'an AWS region code such as us-east-1, eu-central-2 or us-gov-west-1'

/** Shape only: new regions appear all the time, so no list of known ones. */
const REGION_SHAPE = /^[a-z]{2}(-gov|-iso[a-z]?)?-[a-z]+-\d{1,2}$/

export const PARTITIONS: readonly Partition[] = ['aws', 'aws-cn', 'aws-us-gov']

export function partitionOfRegion(region: string): Partition {
  if (region.startsWith('cn-')) return 'aws-cn'
  if (region.startsWith('us-gov-')) return 'aws-us-gov'
  return 'aws'
}

export function isPartition(value: string): value is Partition {
  return (PARTITIONS as readonly string[]).includes(value)
}

/** The partition an ARN names (`arn:PARTITION:…`), when it is one we know. */
export function partitionOfArn(arn: string): Partition | undefined {
  const partition = arn.split(':')[1] ?? ''
  return isPartition(partition) ? partition : undefined
}

export function isRegionCode(value: string): boolean {
  return REGION_SHAPE.test(value)
}

/** A region code, checked for shape. `source` names an env variable the value came from. */
export function parseRegion(input: string, value: string, source?: string): string {
  const options = source ? { source } : {}
  if (!REGION_SHAPE.test(value)) {
    const why = REGION_SHAPE.test(value.toLowerCase()) ? 'region codes are lowercase' : undefined
    throw invalidValue(input, REGION_FORM, value, why, options)
  }
  // The isolated partitions (aws-iso*) have their own ARNs and endpoints and no GitHub OIDC path.
  if (/^[a-z]{2}-iso/.test(value)) {
    const why = 'isolated (ISO) partitions are not supported'
    throw invalidValue(
      input,
      'a region of the aws, aws-cn or aws-us-gov partition',
      value,
      why,
      options
    )
  }
  return value
}

/**
 * The geography prefix of system-defined inference profiles nearest to a region. jp and au profiles
 * exist only for some models; the model resolver falls back when the picked one is missing.
 */
export function autoProfilePrefix(region: string): ProfilePrefix {
  if (region.startsWith('us-gov-')) return 'us-gov'
  if (region.startsWith('us-') || region.startsWith('ca-')) return 'us'
  if (region.startsWith('eu-')) return 'eu'
  if (region === 'ap-northeast-1') return 'jp'
  if (region === 'ap-southeast-2' || region === 'ap-southeast-4') return 'au'
  if (region.startsWith('ap-')) return 'apac'
  return 'global'
}

export const PREFIX_FORM = `auto or one of ${PROFILE_PREFIXES.join(', ')} (any case)`

function isProfilePrefix(value: string): value is ProfilePrefix {
  return (PROFILE_PREFIXES as readonly string[]).includes(value)
}

/**
 * Checks that a profile geography belongs to the region's partition: us-gov profiles exist only in
 * GovCloud, and GovCloud has no commercial ones. Returns the reason when it does not.
 */
export function prefixPartitionProblem(prefix: ProfilePrefix, region: string): string | undefined {
  const govCloud = partitionOfRegion(region) === 'aws-us-gov'
  if (prefix === 'us-gov' && !govCloud) {
    return `us-gov profiles exist only in GovCloud (us-gov-*), not in ${region}`
  }
  if (prefix !== 'us-gov' && govCloud) {
    return `GovCloud region ${region} has only us-gov profiles`
  }
  return undefined
}

/** `inference-profile-prefix`: `auto` becomes the region's geography. */
export function parseProfilePrefix(
  input: string,
  value: string | undefined,
  region: string
): ProfilePrefix {
  const wanted = (value ?? 'auto').toLowerCase()
  if (wanted === 'auto') return autoProfilePrefix(region)
  if (!isProfilePrefix(wanted)) throw invalidValue(input, PREFIX_FORM, value)
  const problem = prefixPartitionProblem(wanted, region)
  if (problem) {
    // Two inputs conflict: name both, and both ways out (the prefix, or the region).
    throw invalidValue(
      input,
      `auto or a prefix available in aws-region ${region}`,
      value,
      `${problem}; set \`${input}: auto\` (or a prefix of ${region}'s partition), or an \`aws-region\` where ${wanted} profiles exist`
    )
  }
  return wanted
}

/** Message part shared by every "wrong partition" problem. */
export function partitionMismatch(partition: string, region: string): string {
  return `partition ${partition}, but aws-region ${region} is in partition ${partitionOfRegion(region)}`
}
