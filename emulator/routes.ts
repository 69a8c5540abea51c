// Which service and operation a request is for. One port serves every service, so this goes by
// path (and, for STS, by the Action in the form body).
import { GITHUB_API_PREFIX } from './github.ts'

export type Service =
  | 'oidc'
  | 'sts'
  | 'bedrock'
  | 'bedrock-runtime'
  | 'imds'
  | 'container'
  | 'logs'
  | 'monitoring'
  | 'servicequotas'
  | 'pricing'
  | 'github'

export interface Route {
  service: Service
  operation: string
  /** Decoded path label: model id, profile id or ARN. */
  label?: string
}

const RUNTIME_ACTIONS: Record<string, string> = {
  converse: 'Converse',
  invoke: 'InvokeModel',
  'invoke-with-response-stream': 'InvokeModelWithResponseStream',
  'count-tokens': 'CountTokens'
}

export const UNKNOWN_OPERATION = 'Unknown'

function decodeLabel(segment: string): string {
  try {
    return decodeURIComponent(segment)
  } catch {
    return segment
  }
}

/** STS takes its parameters from the form body (POST) or the query string (GET). */
export function stsParams(method: string, query: URLSearchParams, body: Buffer): URLSearchParams {
  return method === 'POST' ? new URLSearchParams(body.toString('utf8')) : query
}

export function classify(
  method: string,
  rawPath: string,
  query: URLSearchParams,
  body: Buffer
): Route {
  if (rawPath.startsWith(`${GITHUB_API_PREFIX}/`)) {
    const permission = /^\/api\/v3\/repos\/[^/]+\/[^/]+\/collaborators\/([^/]+)\/permission$/.exec(
      rawPath
    )
    return method === 'GET' && permission?.[1]
      ? {
          service: 'github',
          operation: 'GetCollaboratorPermission',
          label: decodeLabel(permission[1])
        }
      : { service: 'github', operation: UNKNOWN_OPERATION }
  }
  if (rawPath === '/oidc/token') return { service: 'oidc', operation: 'GetIdToken' }
  if (rawPath === '/oidc/.well-known/jwks') return { service: 'oidc', operation: 'GetJwks' }
  if (rawPath.startsWith('/oidc/')) return { service: 'oidc', operation: UNKNOWN_OPERATION }
  if (rawPath === '/latest/api/token') return { service: 'imds', operation: 'GetMetadataToken' }
  if (rawPath.startsWith('/latest/')) return { service: 'imds', operation: 'GetMetadata' }
  if (rawPath.startsWith('/container-credentials')) {
    return { service: 'container', operation: 'GetContainerCredentials' }
  }
  if (rawPath === '/') {
    return {
      service: 'sts',
      operation: stsParams(method, query, body).get('Action') ?? UNKNOWN_OPERATION
    }
  }

  const runtime = /^\/model\/([^/]+)\/([a-z-]+)$/.exec(rawPath)
  if (runtime?.[1] && runtime[2]) {
    const operation = method === 'POST' ? RUNTIME_ACTIONS[runtime[2]] : undefined
    return {
      service: 'bedrock-runtime',
      operation: operation ?? UNKNOWN_OPERATION,
      label: decodeLabel(runtime[1])
    }
  }

  if (rawPath === '/logging/modelinvocations' && method === 'GET') {
    return { service: 'bedrock', operation: 'GetModelInvocationLoggingConfiguration' }
  }
  const [, collection, label, extra] = rawPath.split('/')
  if (method !== 'GET' || extra !== undefined)
    return { service: 'bedrock', operation: UNKNOWN_OPERATION }
  const withLabel = (listOperation: string, getOperation: string): Route =>
    label === undefined || label === ''
      ? { service: 'bedrock', operation: listOperation }
      : { service: 'bedrock', operation: getOperation, label: decodeLabel(label) }
  if (collection === 'foundation-models')
    return withLabel('ListFoundationModels', 'GetFoundationModel')
  if (collection === 'inference-profiles')
    return withLabel('ListInferenceProfiles', 'GetInferenceProfile')
  if (collection === 'use-case-for-model-access' && !label)
    return { service: 'bedrock', operation: 'GetUseCaseForModelAccess' }
  if (collection === 'foundation-model-availability' && label) {
    return {
      service: 'bedrock',
      operation: 'GetFoundationModelAvailability',
      label: decodeLabel(label)
    }
  }
  return { service: 'bedrock', operation: UNKNOWN_OPERATION }
}
