import type { ModelRef } from '../src/models/modelRef.js'

/**
 * ModelRef values built by hand, so model tests do not depend on the input parser.
 * A trailing `[1m]` on `raw` is honoured like the parser does.
 */
function split(raw: string): { id: string; oneMillionContext: boolean } {
  const oneMillionContext = raw.endsWith('[1m]')
  return { id: oneMillionContext ? raw.slice(0, -4) : raw, oneMillionContext }
}

export function aliasRef(raw: string): ModelRef {
  const { id, oneMillionContext } = split(raw)
  return { kind: 'alias', raw, family: id, oneMillionContext }
}

export function baseIdRef(raw: string): ModelRef {
  const { id, oneMillionContext } = split(raw)
  return { kind: 'base-model-id', raw, modelId: id, oneMillionContext }
}

export function profileIdRef(raw: string): ModelRef {
  const { id, oneMillionContext } = split(raw)
  const dot = id.indexOf('.')
  return {
    kind: 'inference-profile-id',
    raw,
    profileId: id,
    prefix: id.slice(0, dot),
    baseModelId: id.slice(dot + 1),
    oneMillionContext
  }
}

/** Any Bedrock model ARN, classified by its resource type. */
export function arnRef(raw: string): ModelRef {
  const { id: arn, oneMillionContext } = split(raw)
  const [, , , region = '', accountId = '', resource = ''] = arn.split(':')
  const slash = arn.indexOf('/')
  const resourceId = arn.slice(slash + 1)
  if (resource.startsWith('inference-profile')) {
    return {
      kind: 'inference-profile-arn',
      raw,
      arn,
      region,
      accountId,
      profileId: resourceId,
      oneMillionContext
    }
  }
  if (resource.startsWith('application-inference-profile')) {
    return {
      kind: 'application-inference-profile-arn',
      raw,
      arn,
      region,
      accountId,
      oneMillionContext
    }
  }
  return { kind: 'foundation-model-arn', raw, arn, region, modelId: resourceId, oneMillionContext }
}
