import { GetProductsCommand, PricingClient } from '@aws-sdk/client-pricing'
import type { Partition } from '../inputs/region.js'
import { modelIdWords, nameMatchScore } from '../models/modelNameMatch.js'
import { briefly, isAccessDenied } from './problems.js'
import type { ModelUsage } from './usageTotals.js'

/** USD per token of each kind, from one Price List product per kind. */
export interface ModelPrices {
  readonly input?: number
  readonly output?: number
  readonly cacheRead?: number
  readonly cacheWrite?: number
  /** The Price List's publication date of these prices. */
  readonly publicationDate?: string
}

/** A product of service code AmazonBedrock, the fields read here. */
interface Product {
  readonly attributes: Readonly<Record<string, string>>
  readonly usdPerToken?: number
  readonly publicationDate?: string
}

/**
 * The Price List API answers in these regions only; GovCloud has none. (AWS Price List API
 * reference: endpoints api.pricing.us-east-1, eu-central-1, ap-south-1; cn-northwest-1 for China.)
 */
export function priceListRegion(partition: Partition): string | undefined {
  if (partition === 'aws') return 'us-east-1'
  if (partition === 'aws-cn') return 'cn-northwest-1'
  return undefined
}

const UNIT_TOKENS: Readonly<Record<string, number>> = {
  '1k tokens': 1_000,
  '1m tokens': 1_000_000,
  tokens: 1,
  token: 1
}

function parseProduct(text: string): Product | undefined {
  try {
    const item = JSON.parse(text) as {
      product?: { attributes?: Record<string, string> }
      terms?: {
        OnDemand?: Record<
          string,
          { priceDimensions?: Record<string, { unit?: string; pricePerUnit?: { USD?: string } }> }
        >
      }
      publicationDate?: string
    }
    const dimension = Object.values(item.terms?.OnDemand ?? {})
      .flatMap((term) => Object.values(term.priceDimensions ?? {}))
      .find((d) => d.pricePerUnit?.USD !== undefined)
    const size = UNIT_TOKENS[(dimension?.unit ?? '').toLowerCase()]
    const usd = Number(dimension?.pricePerUnit?.USD)
    return {
      attributes: item.product?.attributes ?? {},
      ...(size !== undefined && Number.isFinite(usd) ? { usdPerToken: usd / size } : {}),
      ...(item.publicationDate !== undefined ? { publicationDate: item.publicationDate } : {})
    }
  } catch {
    return undefined
  }
}

/** The kind of token a product prices: plain on-demand kinds only (no batch, flex, long context...). */
function tokenKind(product: Product): keyof Omit<ModelPrices, 'publicationDate'> | undefined {
  const attribute = (name: string): string =>
    Object.entries(product.attributes).find(
      ([key]) => key.toLowerCase() === name.toLowerCase()
    )?.[1] ?? ''
  const feature = attribute('feature')
  if (feature !== '' && !/^on-demand inference$/i.test(feature)) return undefined
  const type = attribute('inferenceType').trim()
  if (/^input tokens?$/i.test(type)) return 'input'
  if (/^output tokens?$/i.test(type)) return 'output'
  if (/^cache read input tokens?$/i.test(type)) return 'cacheRead'
  if (/^cache write input tokens?$/i.test(type)) return 'cacheWrite'
  return undefined
}

/**
 * Looks prices up once per region for the whole run (GetProducts, service code AmazonBedrock,
 * filtered by regionCode), then per model by name (the Price List's `model` attribute, e.g.
 * "Claude Sonnet 4.5", matched to the model id's words).
 */
export class PriceList {
  readonly #client: PricingClient
  readonly #byRegion = new Map<string, Promise<Product[]>>()

  constructor(client: PricingClient) {
    this.#client = client
  }

  #products(region: string): Promise<Product[]> {
    let products = this.#byRegion.get(region)
    if (products === undefined) {
      products = this.#load(region)
      this.#byRegion.set(region, products)
    }
    return products
  }

  async #load(region: string): Promise<Product[]> {
    const products: Product[] = []
    let token: string | undefined
    let pages = 0
    do {
      const page = await this.#client.send(
        new GetProductsCommand({
          ServiceCode: 'AmazonBedrock',
          FormatVersion: 'aws_v1',
          Filters: [{ Type: 'TERM_MATCH', Field: 'regionCode', Value: region }],
          ...(token !== undefined ? { NextToken: token } : {})
        })
      )
      for (const text of page.PriceList ?? []) {
        // The SDK hands each entry over as a lazy JSON string: its text is the product.
        const product = parseProduct(String(text))
        if (product !== undefined) products.push(product)
      }
      token = page.NextToken
      pages++
    } while (token !== undefined && pages < 100)
    return products
  }

  async pricesFor(region: string, modelId: string): Promise<ModelPrices> {
    const words = modelIdWords(modelId)
    const found: { -readonly [K in keyof ModelPrices]: ModelPrices[K] } = {}
    const scores: Partial<Record<string, number>> = {}
    for (const product of await this.#products(region)) {
      const kind = tokenKind(product)
      if (kind === undefined || product.usdPerToken === undefined) continue
      const model = Object.entries(product.attributes).find(
        ([key]) => key.toLowerCase() === 'model'
      )?.[1]
      const score = model === undefined ? 0 : nameMatchScore(model, words)
      if (score === 0 || score <= (scores[kind] ?? 0)) continue
      scores[kind] = score
      found[kind] = product.usdPerToken
      if (product.publicationDate !== undefined) found.publicationDate = product.publicationDate
    }
    return found
  }
}

export interface CostEstimate {
  /** USD, when every kind of token the model used has a price. */
  readonly usd?: number
  /** Why there is no figure. */
  readonly missing?: string
}

export function estimateCost(usage: ModelUsage, prices: ModelPrices): CostEstimate {
  const parts: Array<[number, number | undefined, string]> = [
    [usage.inputTokens, prices.input, 'input'],
    [usage.outputTokens, prices.output, 'output'],
    [usage.cacheReadInputTokens, prices.cacheRead, 'cache-read'],
    [usage.cacheWriteInputTokens, prices.cacheWrite, 'cache-write']
  ]
  const unpriced = parts.filter(([tokens, price]) => tokens > 0 && price === undefined)
  if (unpriced.length > 0) {
    return {
      missing: `no Price List price for ${unpriced.map(([, , kind]) => kind).join(', ')} tokens`
    }
  }
  return { usd: parts.reduce((sum, [tokens, price]) => sum + tokens * (price ?? 0), 0) }
}

/** The reason prices cannot be had at all, as one line with the fix. */
export function priceListProblem(error: unknown): string {
  return isAccessDenied(error)
    ? `Bedrock usage report: tokens only, this role may not call the AWS Price List (${briefly(error)}). Fix: allow pricing:GetProducts (the optional statement in the README, "Optional permissions").`
    : `Bedrock usage report: tokens only, the AWS Price List did not answer (${briefly(error)}).`
}
