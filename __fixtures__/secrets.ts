// Secrets in the shapes and lengths AWS and Anthropic really issue, so a redaction or recognition
// rule tuned to the wrong length fails a test instead of passing on a toy value.
import { getToken } from '@aws/bedrock-token-generator'

/** Long-term access key id: AKIA + 16 of [A-Z2-7] (AWS's documented example shape). */
export const ACCESS_KEY_ID = 'AKIAIOSFODNN7EXAMPLE'
/** Temporary (STS) access key id: ASIA + 16. */
export const TEMPORARY_ACCESS_KEY_ID = 'ASIAQX7ZEXAMPLE4RJ2K'
/** Exactly 40 characters of base64, like every AWS secret access key. */
export const SECRET_ACCESS_KEY = 'wJalrXUtnFEMI/K7MDENG/bPxRfiCYzEXAMPLEKY'
export const SESSION_TOKEN = `IQoJb3JpZ2luX2VjEJr//////////wEaCXVzLWVhc3QtMSJHMEUCIQD${'x9Kq'.repeat(80)}=`
/** A long-term Bedrock API key: ABSK + base64("BedrockAPIKey-<id>-at-<account>:<secret>"). */
export function longTermApiKey(account = '123456789012', user = 'BedrockAPIKey-k3x9'): string {
  const secret = 'Tm90QVJlYWxTZWNyZXRCdXRTaGFwZWRMaWtlT25lRm9yVGVzdHMwMDAwMDA='
  return `ABSK${Buffer.from(`${user}-at-${account}:${secret}`).toString('base64')}`
}
export const LONG_TERM_API_KEY = longTermApiKey()
/** An Anthropic API key pasted into the wrong secret. */
export const ANTHROPIC_API_KEY = `sk-ant-api03-${'Zq3_x-'.repeat(15)}AA`

/**
 * A short-term Bedrock API key minted with AWS's own generator, so its presigned URL is what
 * Bedrock (and the emulator) verify. `issuedAt` backdates it (the generator signs "now").
 */
export async function shortTermApiKey(options: {
  region: string
  credentials?: { accessKeyId: string; secretAccessKey: string; sessionToken?: string }
  expiresInSeconds?: number
  issuedAt?: Date
}): Promise<string> {
  const credentials = options.credentials ?? {
    accessKeyId: ACCESS_KEY_ID,
    secretAccessKey: SECRET_ACCESS_KEY
  }
  const RealDate = Date
  if (options.issuedAt !== undefined) {
    // The generator's signer reads the clock with `new Date()`: shift that one clock, briefly.
    const offset = options.issuedAt.getTime() - RealDate.now()
    globalThis.Date = class extends RealDate {
      constructor(...args: [] | [string | number | Date]) {
        super(args[0] ?? RealDate.now() + offset)
      }
      static override now(): number {
        return RealDate.now() + offset
      }
    } as DateConstructor
  }
  try {
    return await getToken({
      credentials,
      region: options.region,
      expiresInSeconds: options.expiresInSeconds ?? 43_200
    })
  } finally {
    globalThis.Date = RealDate
  }
}
