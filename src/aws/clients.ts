import { BedrockClient } from '@aws-sdk/client-bedrock'
import { BedrockRuntimeClient } from '@aws-sdk/client-bedrock-runtime'
import { STSClient } from '@aws-sdk/client-sts'
import type { BedrockAuth } from './bedrockAuth.js'
import type { Config } from '../inputs/config.js'
import type { AwsCredentials } from '../credentials/types.js'
import type { ClientAuth } from './clientAuth.js'
export type { ClientAuth } from './clientAuth.js'
import { endpointFor, type AwsService } from './endpoints.js'
import type { Preconnections } from './preconnections.js'
import { createRequestHandler } from './requestHandler.js'
import type { Timeouts } from './timeouts.js'
import { BudgetedRetryStrategy, type RetryBudget } from './retryPolicy.js'

/** What any SDK client needs to behave like the others: region, endpoint, retries, timeouts, proxy, credentials. */
export interface SharedClientConfig {
  readonly region: string
  readonly retryStrategy: BudgetedRetryStrategy
  readonly requestHandler: ReturnType<typeof createRequestHandler>
  readonly endpoint?: string
  readonly credentials?: AwsCredentials
}

export interface AwsClients {
  readonly bedrockAuth: BedrockAuth
  sts(): STSClient
  bedrock(region: string): BedrockClient
  runtime(region: string): BedrockRuntimeClient
  /**
   * For clients built elsewhere (loaded lazily: Service Quotas, CloudWatch, the Price List): the
   * same settings, SigV4 only. They take connections opened ahead only with `preconnected` (the
   * capacity pre-flight's Service Quotas calls, which connectionPlan counts).
   * `adopt` makes `destroy` close the client with the others.
   */
  clientConfig(service: AwsService, region: string, preconnected?: boolean): SharedClientConfig
  adopt<T extends { destroy(): void }>(client: T): T
  /** Closes keep-alive sockets so the process can exit. */
  destroy(): void
}

export interface ClientSettings {
  readonly config: Config
  readonly env: NodeJS.ProcessEnv
  readonly auth: ClientAuth
  readonly retry: RetryBudget
  readonly timeouts: Timeouts
  /** Connections opened ahead of the first requests, for the clients' agents to take. */
  readonly preconnections?: Preconnections
}

/**
 * One client per service and region, created on first use and shared, so concurrent checks reuse
 * connections. Every client gets the same retry budget, timeouts and proxy rules; only what a
 * throttled call does differs (see ThrottlingRetries).
 */
export function createAwsClients(settings: ClientSettings): AwsClients {
  const { config, env, auth } = settings
  const cache = new Map<string, { destroy(): void }>()
  // Throttling on STS and the control plane is a rate limit the whole account shares: spend the
  // budget. On the runtime it is the model's tokens-per-minute quota: a few attempts, then report it.
  const sharedRateLimits = new BudgetedRetryStrategy(settings.retry, 'budget')
  const modelQuota = new BudgetedRetryStrategy(settings.retry, 'count')

  function common(service: AwsService, region: string, preconnected = true) {
    const endpoint = endpointFor(service, region, config, env)
    return {
      region,
      retryStrategy: service === 'bedrock-runtime' ? modelQuota : sharedRateLimits,
      requestHandler: createRequestHandler(
        endpoint.url,
        env,
        settings.timeouts,
        settings.retry.runDeadline,
        Date.now,
        preconnected ? settings.preconnections : undefined
      ),
      ...(endpoint.explicit ? { endpoint: endpoint.url.toString() } : {})
    }
  }

  // An API key stands in for SigV4 on Bedrock only when there are no AWS credentials; the runtime
  // always uses it when given, because that is what Claude Code will send.
  function bedrockAuth(preferApiKey: boolean) {
    if (auth.apiKey !== undefined && (preferApiKey || auth.credentials === undefined)) {
      return { token: { token: auth.apiKey }, authSchemePreference: ['httpBearerAuth'] }
    }
    return {
      ...(auth.credentials !== undefined ? { credentials: auth.credentials } : {}),
      authSchemePreference: ['sigv4']
    }
  }

  function memo<T extends { destroy(): void }>(key: string, create: () => T): T {
    const existing = cache.get(key)
    if (existing !== undefined) return existing as T
    const client = create()
    cache.set(key, client)
    return client
  }

  return {
    bedrockAuth: {
      controlPlane: 'token' in bedrockAuth(false) ? 'api-key' : 'sigv4',
      runtime: 'token' in bedrockAuth(true) ? 'api-key' : 'sigv4'
    },
    sts: () =>
      memo('sts', () => {
        const base = common('sts', config.region)
        return new STSClient({
          ...base,
          ...(auth.credentials !== undefined ? { credentials: auth.credentials } : {})
        })
      }),
    bedrock: (region) =>
      memo(
        `bedrock:${region}`,
        () => new BedrockClient({ ...common('bedrock', region), ...bedrockAuth(false) })
      ),
    runtime: (region) =>
      memo(
        `runtime:${region}`,
        () =>
          new BedrockRuntimeClient({ ...common('bedrock-runtime', region), ...bedrockAuth(true) })
      ),
    clientConfig: (service, region, preconnected = false) => ({
      ...common(service, region, preconnected),
      ...(auth.credentials !== undefined ? { credentials: auth.credentials } : {})
    }),
    adopt: (client) => {
      cache.set(`adopted:${cache.size}`, client)
      return client
    },
    destroy: () => {
      for (const client of cache.values()) client.destroy()
      cache.clear()
    }
  }
}
