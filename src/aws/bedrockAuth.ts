/**
 * Which scheme each Bedrock plane signs with: SigV4 credentials or the Bedrock API key (Bearer).
 * The clients decide it (see clients.ts); diagnoses read it to tell a rejected key from rejected
 * credentials.
 */
export interface BedrockAuth {
  readonly controlPlane: 'sigv4' | 'api-key'
  readonly runtime: 'sigv4' | 'api-key'
}
