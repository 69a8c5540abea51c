// Service Quotas for `bedrock`: ListServiceQuotas and GetServiceQuota over one quota set,
// generated from the catalogue with the names Bedrock's per-model quotas carry ("Cross-Region
// InvokeModel tokens per minute for Anthropic Claude Sonnet 4.5 V1", ...), long-context variants
// and unrelated quotas mixed in, in quota-code order and in pages, as the service lists them.
// Codes are derived from the names, so they are the same for every account and run, as AWS's are.
import { createHash } from 'node:crypto'
import { awsJsonReply, pageOffset, pageToken } from './awsJson.ts'
import { partitionOf } from './catalogue.ts'
import { awsError, type AwsError } from './errors.ts'
import { denied, type ObservabilityCall } from './observabilityCall.ts'
import type { Reply } from './reply.ts'
import type { CatalogueModel, Scenario, ServiceQuotasSpec } from './scenario.ts'

const DEFAULTS: ServiceQuotasSpec = {
  tokensPerMinute: 2_000_000,
  requestsPerMinute: 200,
  otherQuotas: 150
}

export interface EmulatedQuota {
  QuotaName: string
  QuotaCode: string
  Value: number
}

/** "Anthropic Claude Sonnet 4.5 V1": provider, name and the id's version suffix. */
export function quotaModelName(model: CatalogueModel): string {
  const version = /-v(\d+)(?::\d+)?$/.exec(model.modelId)?.[1]
  return `${model.providerName} ${model.modelName}${version !== undefined ? ` V${version}` : ''}`
}

const quotaCode = (name: string): string =>
  `L-${createHash('sha256').update(name).digest('hex').slice(0, 8).toUpperCase()}`

function valueFor(name: string, kind: 'tokens' | 'requests', spec: ServiceQuotasSpec): number {
  for (const override of spec.overrides ?? []) {
    if (!name.includes(override.match)) continue
    const value = kind === 'tokens' ? override.tokensPerMinute : override.requestsPerMinute
    if (value !== undefined) return value
  }
  return kind === 'tokens' ? spec.tokensPerMinute : spec.requestsPerMinute
}

export function bedrockQuotas(scenario: Scenario): EmulatedQuota[] {
  const spec = { ...DEFAULTS, ...scenario.serviceQuotas }
  const names: Array<[string, 'tokens' | 'requests' | 'other']> = []
  for (const model of scenario.catalogue.models) {
    if (!model.outputModalities.includes('TEXT')) continue
    if ((spec.omit ?? []).some((match) => model.modelName.includes(match))) continue
    const name = quotaModelName(model)
    const kinds: string[] = []
    if (model.onDemandRegions.length > 0) kinds.push('On-demand InvokeModel')
    if (model.profiles.some((prefix) => prefix !== 'global')) kinds.push('Cross-Region InvokeModel')
    if (model.profiles.includes('global')) kinds.push('Global cross-Region InvokeModel')
    for (const kind of kinds) {
      names.push([`${kind} tokens per minute for ${name}`, 'tokens'])
      names.push([`${kind} requests per minute for ${name}`, 'requests'])
    }
    names.push([`Model invocation max tokens per day for ${name}`, 'other'])
    if (/Sonnet 4/.test(model.modelName)) {
      names.push([
        `Cross-Region InvokeModel tokens per minute for ${name} 1M Context Length`,
        'tokens'
      ])
    }
  }
  // A real account's listing: other quotas fill it up to `pages` pages of 100.
  const others =
    spec.pages !== undefined
      ? Math.max(spec.otherQuotas, (spec.pages - 1) * 100 + 50 - names.length)
      : spec.otherQuotas
  for (let i = 1; i <= others; i++) {
    names.push([`Batch inference job size (in GB) for custom model ${i}`, 'other'])
  }
  return names
    .map(([QuotaName, kind]) => ({
      QuotaName,
      QuotaCode: quotaCode(QuotaName),
      Value:
        kind !== 'other'
          ? valueFor(QuotaName, kind, spec)
          : QuotaName.includes('per day')
            ? spec.tokensPerMinute * 24 * 60
            : 100
    }))
    .sort((a, b) => (a.QuotaCode < b.QuotaCode ? -1 : a.QuotaCode > b.QuotaCode ? 1 : 0))
}

const quotaArn = (call: ObservabilityCall, code: string): string =>
  `arn:${partitionOf(call.region)}:servicequotas:${call.region}:${call.scenario.account}:bedrock/${code}`

function serviceQuota(call: ObservabilityCall, quota: EmulatedQuota): Record<string, unknown> {
  return {
    ServiceCode: 'bedrock',
    ServiceName: 'Amazon Bedrock',
    QuotaArn: quotaArn(call, quota.QuotaCode),
    QuotaCode: quota.QuotaCode,
    QuotaName: quota.QuotaName,
    Value: quota.Value,
    Unit: 'None',
    Adjustable: true,
    GlobalQuota: false,
    QuotaAppliedAtLevel: 'ACCOUNT'
  }
}

export function handleServiceQuotas(operation: string, call: ObservabilityCall): Reply | AwsError {
  if (operation === 'ListServiceQuotas') return listServiceQuotas(call)
  if (operation === 'GetServiceQuota') return getServiceQuota(call)
  return awsError(400, 'UnknownOperationException', `Operation ${operation} is not emulated`)
}

function listServiceQuotas(call: ObservabilityCall): Reply | AwsError {
  const refused = denied(call, 'servicequotas:ListServiceQuotas')
  if (refused) return refused
  const maxResults = call.input['MaxResults'] === undefined ? 100 : Number(call.input['MaxResults'])
  if (!Number.isInteger(maxResults) || maxResults < 1 || maxResults > 100)
    return awsError(400, 'ValidationException', 'MaxResults must be between 1 and 100')
  const offset = pageOffset(call.input['NextToken'])
  if (offset === undefined) return awsError(400, 'InvalidPaginationTokenException', 'Invalid token')
  const quotas = call.input['ServiceCode'] === 'bedrock' ? bedrockQuotas(call.scenario) : []
  const page = quotas.slice(offset, offset + maxResults)
  return awsJsonReply(
    {
      Quotas: page.map((quota) => serviceQuota(call, quota)),
      ...(offset + maxResults < quotas.length ? { NextToken: pageToken(offset + maxResults) } : {})
    },
    '1.1'
  )
}

/** One quota by code, with the same name and value the listing shows. */
function getServiceQuota(call: ObservabilityCall): Reply | AwsError {
  const code = call.input['QuotaCode']
  const service = call.input['ServiceCode']
  if (typeof code !== 'string' || typeof service !== 'string' || code === '' || service === '')
    return awsError(400, 'IllegalArgumentException', 'ServiceCode and QuotaCode are required')
  const refused = denied(call, 'servicequotas:GetServiceQuota')
  if (refused) return refused
  const quota =
    service === 'bedrock'
      ? bedrockQuotas(call.scenario).find((candidate) => candidate.QuotaCode === code)
      : undefined
  if (quota === undefined)
    return awsError(
      400,
      'NoSuchResourceException',
      `The request failed because the specified service quota ${code} does not exist.`
    )
  return awsJsonReply({ Quota: serviceQuota(call, quota) }, '1.1')
}
