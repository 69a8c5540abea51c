import type { AwsCredentials, ObtainedCredentials } from '../credentials/types.js'
import type { Config } from '../inputs/config.js'

// Kept apart from clients.ts, which loads the AWS SDK: start-up needs this before the SDK is loaded.

/** What a client signs with: SigV4 credentials, a Bedrock API key (Bearer), or nothing (unsigned STS calls). */
export interface ClientAuth {
  readonly credentials?: AwsCredentials
  readonly apiKey?: string
}

/**
 * What the checks' clients sign with, after the credentials step: the credentials it obtained, and
 * the Bedrock API key when one was given (the runtime always sends the key, as Claude Code will).
 */
export function clientAuthFor(
  config: Config,
  obtained: ObtainedCredentials | undefined
): ClientAuth {
  return {
    ...(obtained !== undefined ? { credentials: obtained.credentials } : {}),
    ...(config.bedrockApiKey !== undefined ? { apiKey: config.bedrockApiKey } : {})
  }
}
