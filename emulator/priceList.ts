// The AWS Price List GetProducts for AmazonBedrock: one product per model, region and token kind
// with the attributes the real list carries (model, provider, feature, inferenceType, regionCode,
// usagetype) and an OnDemand term priced per 1K tokens, filtered by TERM_MATCH and paged.
import { awsJsonReply, pageOffset, pageToken } from './awsJson.ts'
import { awsError, type AwsError } from './errors.ts'
import { denied, type ObservabilityCall } from './observabilityCall.ts'
import type { Reply } from './reply.ts'
import type { CatalogueModel, Scenario } from './scenario.ts'

export const PUBLICATION_DATE = '2026-11-01T00:00:00Z'
const PAGE_SIZE = 40

/** USD per million tokens, by family and generation (public list prices, for the emulator only). */
function pricesFor(
  model: CatalogueModel,
  scenario: Scenario
): { input: number; output: number; cacheRead: number; cacheWrite: number } {
  const custom = scenario.prices?.find((price) => model.modelId.includes(price.match))
  if (custom) return custom
  const [input, output] = /opus-4-[56]|opus-5/.test(model.modelId)
    ? [5, 25]
    : /opus/.test(model.modelId)
      ? [15, 75]
      : /haiku-4/.test(model.modelId)
        ? [1, 5]
        : /haiku/.test(model.modelId)
          ? [0.25, 1.25]
          : [3, 15]
  return { input, output, cacheRead: input / 10, cacheWrite: input * 1.25 }
}

function products(scenario: Scenario): Array<Record<string, unknown>> {
  const regions = new Set<string>()
  for (const geography of scenario.catalogue.geographies)
    for (const r of geography.regions) regions.add(r)
  const list: Array<Record<string, unknown>> = []
  for (const model of scenario.catalogue.models) {
    if (!model.outputModalities.includes('TEXT')) continue
    const price = pricesFor(model, scenario)
    const kinds: Array<[string, number, string]> = [
      ['Input tokens', price.input, 'input-tokens'],
      ['Output tokens', price.output, 'output-tokens'],
      ['Cache read input tokens', price.cacheRead, 'cache-read-input-token-count'],
      ['Cache write input tokens', price.cacheWrite, 'cache-write-input-token-count'],
      ['Batch input tokens', price.input / 2, 'batch-input-tokens']
    ]
    for (const region of [...regions].sort()) {
      for (const [inferenceType, usd, usage] of kinds) {
        const sku = `${model.modelId}.${region}.${usage}`
          .replace(/[^A-Za-z0-9]/g, '')
          .slice(-16)
          .toUpperCase()
        list.push({
          product: {
            productFamily: 'Amazon Bedrock',
            attributes: {
              servicecode: 'AmazonBedrock',
              servicename: 'Amazon Bedrock',
              regionCode: region,
              locationType: 'AWS Region',
              usagetype: `${region.toUpperCase().replace(/-/g, '')}-${model.modelName.replace(/\s+/g, '')}-${usage}`,
              model: model.modelName,
              provider: model.providerName,
              feature: inferenceType.startsWith('Batch')
                ? 'Batch Inference'
                : 'On-demand Inference',
              inferenceType
            },
            sku
          },
          serviceCode: 'AmazonBedrock',
          terms: {
            OnDemand: {
              [`${sku}.JRTCKXETXF`]: {
                priceDimensions: {
                  [`${sku}.JRTCKXETXF.6YS6EN2CT7`]: {
                    unit: '1K tokens',
                    description: `$${usd / 1000} per 1K ${inferenceType} for ${model.modelName} in ${region}`,
                    pricePerUnit: { USD: (usd / 1000).toFixed(10) }
                  }
                },
                sku,
                effectiveDate: PUBLICATION_DATE,
                offerTermCode: 'JRTCKXETXF'
              }
            }
          },
          version: '20261101000000',
          publicationDate: PUBLICATION_DATE
        })
      }
    }
  }
  return list
}

function attribute(product: Record<string, unknown>, field: string): string | undefined {
  const attributes = (product['product'] as { attributes: Record<string, string> }).attributes
  const key = Object.keys(attributes).find((name) => name.toLowerCase() === field.toLowerCase())
  return key === undefined ? undefined : attributes[key]
}

export function handlePriceList(operation: string, call: ObservabilityCall): Reply | AwsError {
  if (operation !== 'GetProducts')
    return awsError(400, 'UnknownOperationException', `Operation ${operation} is not emulated`)
  const refused = denied(call, 'pricing:GetProducts')
  if (refused) return refused
  if (call.input['ServiceCode'] !== 'AmazonBedrock')
    return awsJsonReply({ FormatVersion: 'aws_v1', PriceList: [] }, '1.1')
  const filters = Array.isArray(call.input['Filters'])
    ? (call.input['Filters'] as Array<{ Field?: string; Value?: string }>)
    : []
  const matching = products(call.scenario).filter((product) =>
    filters.every((filter) => attribute(product, filter.Field ?? '') === filter.Value)
  )
  const offset = pageOffset(call.input['NextToken'])
  if (offset === undefined) return awsError(400, 'InvalidNextTokenException', 'Invalid token')
  const size = Math.min(Number(call.input['MaxResults'] ?? PAGE_SIZE), PAGE_SIZE)
  const page = matching.slice(offset, offset + size)
  return awsJsonReply(
    {
      FormatVersion: 'aws_v1',
      PriceList: page.map((product) => JSON.stringify(product)),
      ...(offset + size < matching.length ? { NextToken: pageToken(offset + size) } : {})
    },
    '1.1'
  )
}
