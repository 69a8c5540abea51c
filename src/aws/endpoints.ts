import type { Config } from '../inputs/config.js'
import type { Partition } from '../inputs/region.js'

/**
 * Endpoint prefixes: the three the checks use, and the ones the capacity check and the usage
 * report read (Service Quotas, CloudWatch Logs, CloudWatch, the Price List).
 */
export type AwsService =
  'sts' | 'bedrock' | 'bedrock-runtime' | 'servicequotas' | 'logs' | 'monitoring' | 'api.pricing'

/** The SDK's service-specific endpoint variables (AWS_ENDPOINT_URL_<service id>). */
const ENDPOINT_ENV: Record<AwsService, string> = {
  sts: 'AWS_ENDPOINT_URL_STS',
  bedrock: 'AWS_ENDPOINT_URL_BEDROCK',
  'bedrock-runtime': 'AWS_ENDPOINT_URL_BEDROCK_RUNTIME',
  servicequotas: 'AWS_ENDPOINT_URL_SERVICE_QUOTAS',
  logs: 'AWS_ENDPOINT_URL_CLOUDWATCH_LOGS',
  monitoring: 'AWS_ENDPOINT_URL_CLOUDWATCH',
  'api.pricing': 'AWS_ENDPOINT_URL_PRICING'
}

/**
 * The SDK's endpoint variable in effect for a service: its own AWS_ENDPOINT_URL_<service>, else
 * AWS_ENDPOINT_URL, unless AWS_IGNORE_CONFIGURED_ENDPOINT_URLS is `true` (the SDK then ignores both:
 * @smithy/core's getEndpointFromConfig, "Service-specific endpoints" in the AWS SDKs reference).
 * Undefined when none applies.
 */
export function endpointVariable(
  service: AwsService,
  env: NodeJS.ProcessEnv
): { readonly name: string; readonly url: string } | undefined {
  if ((env.AWS_IGNORE_CONFIGURED_ENDPOINT_URLS ?? '').toLowerCase() === 'true') return undefined
  for (const name of [ENDPOINT_ENV[service], 'AWS_ENDPOINT_URL']) {
    const url = env[name]
    if (url !== undefined && url !== '') return { name, url }
  }
  return undefined
}

function configuredEndpoint(service: AwsService, config: Config): string | undefined {
  if (service === 'sts') return config.endpoints.sts
  if (service === 'bedrock') return config.endpoints.bedrock
  if (service === 'bedrock-runtime') return config.endpoints.bedrockRuntime
  return undefined
}

function dnsSuffix(partition: Partition): string {
  return partition === 'aws-cn' ? 'amazonaws.com.cn' : 'amazonaws.com'
}

/**
 * The endpoint a client will talk to: the input, else the SDK's own AWS_ENDPOINT_URL_* variables,
 * else AWS's regional host. `explicit` says whether the client must be told (the SDK resolves the
 * rest itself); the URL is also what proxy selection and error messages need.
 */
export function endpointFor(
  service: AwsService,
  region: string,
  config: Config,
  env: NodeJS.ProcessEnv
): { url: URL; explicit: boolean } {
  const input = configuredEndpoint(service, config)
  if (input !== undefined) return { url: new URL(input), explicit: true }
  const fromEnv = endpointVariable(service, env)
  if (fromEnv !== undefined) return { url: new URL(fromEnv.url), explicit: false }
  return {
    url: new URL(`https://${service}.${region}.${dnsSuffix(config.partition)}`),
    explicit: false
  }
}
