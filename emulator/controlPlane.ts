// Bedrock control plane (restJson1): foundation models, their availability, inference profiles.
import { availabilityReport, useCaseForm } from './access.ts'
import {
  applicationProfilesInRegion,
  findModel,
  findModelInRegion,
  findProfile,
  foundationModelArn,
  modelRegions,
  modelSummary,
  modelsInRegion,
  profileSummary,
  systemProfilesInRegion
} from './catalogue.ts'
import { awsError, jsonErrorReply, type AwsError } from './errors.ts'
import { authorize } from './policy.ts'
import { jsonReply, type Reply } from './reply.ts'
import type { BedrockCall } from './bedrockCall.ts'
import type { CatalogueModel } from './scenario.ts'

export type ControlPlaneOperation =
  | 'ListFoundationModels'
  | 'GetFoundationModel'
  | 'GetFoundationModelAvailability'
  | 'GetUseCaseForModelAccess'
  | 'ListInferenceProfiles'
  | 'GetInferenceProfile'

const validation = (message: string): AwsError => awsError(400, 'ValidationException', message)

function enumError(member: string, value: string, allowed: string[]): AwsError {
  return validation(
    `1 validation error detected: Value '${value}' at '${member}' failed to satisfy constraint: Member must satisfy enum value set: [${allowed.join(', ')}]`
  )
}

const MODEL_FILTERS: Array<{
  member: string
  allowed: string[]
  values: (model: CatalogueModel) => string[]
}> = [
  {
    member: 'byOutputModality',
    allowed: ['TEXT', 'IMAGE', 'EMBEDDING'],
    values: (m) => m.outputModalities
  },
  {
    member: 'byInferenceType',
    allowed: ['ON_DEMAND', 'PROVISIONED'],
    values: (m) => m.inferenceTypesSupported
  },
  {
    member: 'byCustomizationType',
    allowed: ['FINE_TUNING', 'CONTINUED_PRE_TRAINING', 'DISTILLATION'],
    values: (m) => m.customizationsSupported
  }
]

function listFoundationModels(call: BedrockCall): Reply | AwsError {
  let models = modelsInRegion(call.scenario, call.region)
  const provider = call.query.get('byProvider')
  if (provider)
    models = models.filter((m) => m.providerName.toLowerCase() === provider.toLowerCase())
  for (const filter of MODEL_FILTERS) {
    const value = call.query.get(filter.member)
    if (value === null) continue
    if (!filter.allowed.includes(value)) return enumError(filter.member, value, filter.allowed)
    models = models.filter((m) => filter.values(m).includes(value))
  }
  return jsonReply(200, { modelSummaries: models.map((m) => modelSummary(m, call.region)) })
}

interface PageToken {
  offset: number
  type: string
}

function decodePageToken(token: string): PageToken | undefined {
  try {
    const value: unknown = JSON.parse(Buffer.from(token, 'base64url').toString('utf8'))
    const page = value as Partial<PageToken>
    return typeof page.offset === 'number' && typeof page.type === 'string'
      ? { offset: page.offset, type: page.type }
      : undefined
  } catch {
    return undefined
  }
}

function listInferenceProfiles(call: BedrockCall): Reply | AwsError {
  const type = call.query.get('type') ?? 'SYSTEM_DEFINED'
  if (type !== 'SYSTEM_DEFINED' && type !== 'APPLICATION') {
    return enumError('typeEquals', type, ['SYSTEM_DEFINED', 'APPLICATION'])
  }
  const rawMax = call.query.get('maxResults')
  const pageSize = rawMax === null ? call.scenario.pageSize : Number(rawMax)
  if (!Number.isInteger(pageSize) || pageSize < 1 || pageSize > 1000) {
    return validation(
      `1 validation error detected: Value '${rawMax}' at 'maxResults' failed to satisfy constraint: Member must have value ${pageSize < 1 ? 'greater than or equal to 1' : 'less than or equal to 1000'}`
    )
  }
  let offset = 0
  const rawToken = call.query.get('nextToken')
  if (rawToken !== null) {
    const token = decodePageToken(rawToken)
    if (!token || token.type !== type) return validation('Invalid pagination token')
    offset = token.offset
  }
  const profiles =
    type === 'SYSTEM_DEFINED'
      ? systemProfilesInRegion(call.scenario, call.region)
      : applicationProfilesInRegion(call.scenario, call.region)
  const page = profiles.slice(offset, offset + pageSize)
  const next = offset + pageSize
  const body: Record<string, unknown> = { inferenceProfileSummaries: page.map(profileSummary) }
  if (next < profiles.length) {
    body['nextToken'] = Buffer.from(JSON.stringify({ offset: next, type })).toString('base64url')
  }
  return jsonReply(200, body)
}

function resourcesFor(operation: ControlPlaneOperation, call: BedrockCall): string[] {
  const label = call.label ?? ''
  if (operation === 'GetFoundationModel') {
    const model = findModelInRegion(call.scenario, call.region, label)
    return [model ? foundationModelArn(call.region, model.modelId) : '*']
  }
  if (operation === 'GetInferenceProfile')
    return [findProfile(call.scenario, call.region, label)?.arn ?? '*']
  return ['*']
}

function run(operation: ControlPlaneOperation, call: BedrockCall): Reply | AwsError {
  const label = call.label ?? ''
  switch (operation) {
    case 'ListFoundationModels':
      return listFoundationModels(call)
    case 'GetFoundationModel': {
      const model = findModelInRegion(call.scenario, call.region, label)
      if (!model) return awsError(404, 'ResourceNotFoundException', 'Model not found')
      return jsonReply(200, { modelDetails: modelSummary(model, call.region) })
    }
    case 'GetFoundationModelAvailability': {
      const model = findModel(call.scenario, label)
      if (!model) return awsError(404, 'ResourceNotFoundException', 'Model not found')
      const inRegion = modelRegions(call.scenario, model).has(call.region)
      return jsonReply(200, availabilityReport(call.scenario, model, inRegion))
    }
    case 'GetUseCaseForModelAccess': {
      const form = useCaseForm(call.scenario)
      return form === undefined
        ? awsError(404, 'ResourceNotFoundException', 'Use case for model access not found.')
        : jsonReply(200, { formData: form })
    }
    case 'ListInferenceProfiles':
      return listInferenceProfiles(call)
    case 'GetInferenceProfile': {
      const profile = findProfile(call.scenario, call.region, label)
      if (!profile) return awsError(404, 'ResourceNotFoundException', 'Inference profile not found')
      return jsonReply(200, profileSummary(profile))
    }
  }
}

export function handleControlPlane(operation: ControlPlaneOperation, call: BedrockCall): Reply {
  const denied = authorize({
    principalArn: call.principal.arn,
    statements: call.statements,
    scpDeniedRegions: call.scenario.scpDeniedRegions,
    scpAllowedRegions: call.scenario.scpAllowedRegions,
    action: `bedrock:${operation}`,
    resources: resourcesFor(operation, call)
  })
  const outcome = denied ?? run(operation, call)
  return 'body' in outcome ? outcome : jsonErrorReply(outcome, call.requestId)
}
