import type { Credentials } from '@aws-sdk/client-sts'
import type { AwsCredentials } from './types.js'

/**
 * The credentials an AssumeRole* answer carries, masked before anything else can print them.
 * Throws when STS answered without a complete set (never seen, but then nothing can be signed).
 */
export function issuedCredentials(
  issued: Credentials | undefined,
  operation: string,
  setSecret: (value: string) => void
): AwsCredentials {
  if (
    issued?.AccessKeyId === undefined ||
    issued.SecretAccessKey === undefined ||
    issued.SessionToken === undefined
  ) {
    throw new Error(`${operation} returned no credentials`)
  }
  setSecret(issued.AccessKeyId)
  setSecret(issued.SecretAccessKey)
  setSecret(issued.SessionToken)
  return {
    accessKeyId: issued.AccessKeyId,
    secretAccessKey: issued.SecretAccessKey,
    sessionToken: issued.SessionToken,
    ...(issued.Expiration !== undefined ? { expiration: issued.Expiration } : {})
  }
}
