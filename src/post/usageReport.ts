import { BedrockClient } from '@aws-sdk/client-bedrock'
import { CloudWatchClient } from '@aws-sdk/client-cloudwatch'
import { CloudWatchLogsClient } from '@aws-sdk/client-cloudwatch-logs'
import { PricingClient } from '@aws-sdk/client-pricing'
import type { AwsClients } from '../aws/clients.js'
import type { Partition } from '../inputs/region.js'
import { accountMetrics, type AccountMetrics } from './bedrockMetrics.js'
import {
  loggingDestination,
  readSessionRecords,
  sessionFilterPattern,
  type WaitPolicy
} from './invocationLogs.js'
import type { UsageState } from './postState.js'
import {
  estimateCost,
  PriceList,
  priceListProblem,
  priceListRegion,
  type CostEstimate
} from './priceList.js'
import type { UsageProblem } from './problems.js'
import { shortModelId, sumByModel, type ModelUsage } from './usageTotals.js'

export interface PricedUsage extends ModelUsage {
  readonly cost: CostEstimate
}

/** Everything the post step found; rendered by renderUsage.ts. */
export interface UsageReport {
  readonly window: { readonly start: number; readonly end: number }
  /** The handle the records were matched by (session ARN and/or metadata session). */
  readonly matchedBy: readonly string[]
  readonly models: readonly PricedUsage[]
  /** Regions whose logs were read, with how long the report waited for them. */
  readonly readings: ReadonlyArray<{
    readonly region: string
    readonly logGroupName: string
    readonly waitedMs: number
    readonly stable: boolean
  }>
  readonly metrics: readonly AccountMetrics[]
  /** The Price List's publication date of the prices used. */
  readonly pricesPublished?: string
  readonly problems: readonly UsageProblem[]
}

export interface UsageDependencies {
  readonly state: UsageState
  readonly clients: AwsClients
  readonly partition: Partition
  readonly wait: WaitPolicy
}

/**
 * The job's Bedrock usage: per region the logging destination, then this session's records
 * (waiting for delivery), summed per model and priced; the account-wide metrics of the same models.
 * Never throws for an AWS answer: what cannot be had becomes a problem line with its fix.
 */
export async function buildUsageReport(deps: UsageDependencies): Promise<UsageReport> {
  const { state, clients, wait } = deps
  const start = state.startedAt
  const problems: UsageProblem[] = []
  const matchedBy = [
    ...(state.sessionArn !== undefined ? [`identity.arn ${state.sessionArn}`] : []),
    ...(state.metadataSession !== undefined
      ? [`requestMetadata.session ${state.metadataSession}`]
      : [])
  ]
  const pattern = sessionFilterPattern(state)
  // The session ARN names the account: the logging fix's role ARN can then be pasted as is.
  const accountId =
    state.sessionArn !== undefined
      ? /^arn:[^:]+:sts::(\d{12}):/.exec(state.sessionArn)?.[1]
      : undefined
  const owner = { partition: deps.partition, ...(accountId !== undefined ? { accountId } : {}) }
  const regions = [...new Set([state.region, ...state.models.map((model) => model.region)])]
  const client = <T extends { destroy(): void }>(
    Client: new (config: ReturnType<AwsClients['clientConfig']>) => T,
    service: Parameters<AwsClients['clientConfig']>[0],
    region: string
  ): T => clients.adopt(new Client(clients.clientConfig(service, region)))

  const readings: Array<UsageReport['readings'][number]> = []
  const usage: ModelUsage[] = []
  if (pattern === undefined) {
    problems.push({
      line: "Bedrock usage report: nothing identifies this job's calls (no role session of this action and no request metadata). Fix: use role-to-assume, or keep request-metadata: true.",
      unread: { region: regions.join(', '), why: "nothing identifies this job's calls" }
    })
  } else {
    await Promise.all(
      regions.map(async (region) => {
        const destination = await loggingDestination(
          client(BedrockClient, 'bedrock', region),
          region,
          owner
        )
        if (destination.kind === 'unavailable') {
          problems.push(destination.problem)
          return
        }
        const reading = await readSessionRecords(
          client(CloudWatchLogsClient, 'logs', region),
          destination.logGroupName,
          pattern,
          { start, region },
          wait
        )
        if (reading.problem !== undefined) {
          problems.push(reading.problem)
          return
        }
        readings.push({
          region,
          logGroupName: destination.logGroupName,
          waitedMs: reading.waitedMs,
          stable: reading.stable
        })
        if (reading.records.length === 0) {
          problems.push({
            line: `Bedrock usage report: no invocation records of this job in ${destination.logGroupName} (${region}) after waiting ${Math.round(reading.waitedMs / 1000)} s. Bedrock delivers them with a delay; fix: raise usage-report-wait-seconds, and check that Claude Code ran with the exported credentials or ANTHROPIC_CUSTOM_HEADERS.`
          })
        }
        usage.push(...sumByModel(region, reading.records))
      })
    )
  }
  const end = wait.now()

  // Account-wide metrics of the models the job verified or used.
  const metricIds = new Map<string, Set<string>>()
  for (const model of state.models) {
    const ids = metricIds.get(model.region) ?? new Set<string>()
    ids.add(shortModelId(model.invokeId))
    metricIds.set(model.region, ids)
  }
  for (const model of usage) {
    const ids = metricIds.get(model.region) ?? new Set<string>()
    ids.add(model.modelId)
    metricIds.set(model.region, ids)
  }
  const metricResults = await Promise.all(
    [...metricIds].map(([region, ids]) =>
      accountMetrics(client(CloudWatchClient, 'monitoring', region), region, [...ids].sort(), {
        start,
        end
      })
    )
  )
  const metrics = metricResults.flatMap((result) => result.metrics)
  for (const result of metricResults) if (result.problem) problems.push(result.problem)

  // Prices: once per region for the run, or tokens only with the reason.
  let pricesPublished: string | undefined
  const priced: PricedUsage[] = []
  const pricingRegion = priceListRegion(deps.partition)
  const priceList =
    pricingRegion === undefined
      ? undefined
      : new PriceList(client(PricingClient, 'api.pricing', pricingRegion))
  let priceError: unknown
  for (const model of usage) {
    if (priceList === undefined || priceError !== undefined) {
      priced.push({ ...model, cost: { missing: 'tokens only' } })
      continue
    }
    try {
      const prices = await priceList.pricesFor(model.region, model.modelId)
      pricesPublished ??= prices.publicationDate
      priced.push({ ...model, cost: estimateCost(model, prices) })
    } catch (error) {
      priceError = error
      priced.push({ ...model, cost: { missing: 'tokens only' } })
    }
  }
  if (priceError !== undefined) {
    problems.push({ line: priceListProblem(priceError) })
    for (const [index, model] of priced.entries())
      priced[index] = { ...model, cost: { missing: 'tokens only' } }
  }
  if (pricingRegion === undefined && usage.length > 0) {
    problems.push({
      line: `Bedrock usage report: tokens only, the AWS Price List has no prices for the ${deps.partition} partition.`
    })
  }
  return {
    window: { start, end },
    matchedBy,
    models: priced,
    readings,
    metrics,
    ...(pricesPublished !== undefined ? { pricesPublished } : {}),
    problems
  }
}
