import type { Partition } from '../inputs/region.js'

/** `arn:{partition}:bedrock:{region}::foundation-model/{modelId}`: foundation models have no account. */
export function foundationModelArn(partition: Partition, region: string, modelId: string): string {
  return `arn:${partition}:bedrock:${region}::foundation-model/${modelId}`
}

export interface BedrockArnParts {
  readonly partition: string
  readonly region: string
  readonly accountId: string
  readonly resourceType: string
  readonly resourceId: string
}

/** Reads any Bedrock ARN; undefined when the text is not one. */
export function parseBedrockArn(arn: string): BedrockArnParts | undefined {
  const match = /^arn:([^:]+):bedrock:([^:]*):([^:]*):([^/]+)\/(.+)$/.exec(arn)
  if (!match) return undefined
  const [, partition = '', region = '', accountId = '', resourceType = '', resourceId = ''] = match
  return { partition, region, accountId, resourceType, resourceId }
}
