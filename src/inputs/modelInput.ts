import type { ModelRef } from '../models/modelRef.js'
import { MODEL_FORM, parseModelRef } from '../models/modelRef.js'
import type { ProfilePrefix } from './region.js'
import {
  partitionMismatch,
  partitionOfArn,
  partitionOfRegion,
  prefixPartitionProblem
} from './region.js'
import { invalidValue } from './valueMessage.js'

export { MODEL_FORM }

/**
 * `model` / `small-fast-model`: the form check of `parseModelRef`, then what the region decides
 * before any network call: an ARN must be in the region's partition, and a us-gov profile id only
 * works in GovCloud (where only us-gov ones exist). `region` is undefined when aws-region was bad.
 */
export function parseModelInput(
  input: string,
  value: string,
  region: string | undefined
): ModelRef {
  const ref = parseModelRef(input, value)
  if (region === undefined) return ref
  const partition = partitionOfRegion(region)
  if (ref.kind === 'alias' || ref.kind === 'base-model-id' || ref.kind === 'first-party-id')
    return ref
  if (ref.kind === 'inference-profile-id') {
    const problem = prefixPartitionProblem(ref.prefix as ProfilePrefix, region)
    if (problem) throw invalidValue(input, `a model available in ${region}`, value, problem)
    return ref
  }
  const arnPartition = partitionOfArn(ref.arn)
  if (arnPartition !== partition) {
    const accepted = `a model ARN in partition ${partition} (arn:${partition}:bedrock:…)`
    throw invalidValue(input, accepted, value, partitionMismatch(arnPartition ?? '?', region))
  }
  return ref
}
