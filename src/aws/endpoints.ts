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
  const fromEnv = env[ENDPOINT_ENV[service]] ?? env.AWS_ENDPOINT_URL
  if (fromEnv !== undefined && fromEnv !== '') return { url: new URL(fromEnv), explicit: false }
  return {
    url: new URL(`https://${service}.${region}.${dnsSuffix(config.partition)}`),
    explicit: false
  }
}
