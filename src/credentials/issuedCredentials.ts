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

/**
 * Credentials the SDK's default chain resolved (keys, a profile, instance or container roles),
 * masked before anything else can print them, copied without the SDK's bookkeeping fields.
 */
export function resolvedCredentials(
  resolved: AwsCredentials,
  setSecret: (value: string) => void
): AwsCredentials {
  setSecret(resolved.accessKeyId)
  setSecret(resolved.secretAccessKey)
  if (resolved.sessionToken !== undefined) setSecret(resolved.sessionToken)
  return {
    accessKeyId: resolved.accessKeyId,
    secretAccessKey: resolved.secretAccessKey,
    ...(resolved.sessionToken !== undefined ? { sessionToken: resolved.sessionToken } : {}),
    ...(resolved.expiration !== undefined ? { expiration: resolved.expiration } : {})
  }
}
