import { invalidValue } from './valueMessage.js'
import type { InputError } from './inputError.js'

/**
 * What a Bedrock API key says about itself, read offline. AWS documents two forms
 * (Bedrock user guide, "API keys"; IAM user guide, "API keys for Amazon Bedrock"):
 * - long-term: `ABSK` + base64 of `SERVICE-USER-NAME:SECRET`, where the IAM service-specific
 *   credential's user name is `IAMUSER-at-ACCOUNTID` (so the key names its account);
 * - short-term: `bedrock-api-key-` + base64 of a SigV4-presigned `CallWithBearerToken` URL
 *   (see @aws/bedrock-token-generator), whose credential scope names the region it works in and
 *   whose `X-Amz-Date` + `X-Amz-Expires` bound its life (at most 12 hours).
 */
export type BedrockApiKeyForm =
  | { readonly kind: 'long-term'; readonly accountId: string }
  | {
      readonly kind: 'short-term'
      readonly region: string
      readonly issuedAt: Date
      readonly expiresAt: Date
    }
  /** Only with a custom Bedrock endpoint: a gateway may issue keys of its own form. */
  | { readonly kind: 'gateway' }

export const API_KEY_FORM = 'a Bedrock API key (long-term ABSK… or short-term bedrock-api-key-…)'
export const API_KEY_MAX_LENGTH = 8192

const LONG_TERM_PREFIX = 'ABSK'
const SHORT_TERM_PREFIX = 'bedrock-api-key-'
/** AWS caps a short-term key's life at 12 hours (X-Amz-Expires ≤ 43200). */
const MAX_SHORT_TERM_SECONDS = 43_200

/** Base64 as AWS writes it: standard alphabet, padded to a multiple of 4. */
const BASE64 = /^(?:[A-Za-z0-9+/]{4})*(?:[A-Za-z0-9+/]{2}==|[A-Za-z0-9+/]{3}=)?$/
/** `IAMUSER-at-ACCOUNT:SECRET`: IAM user names are 1-64 of [\w+=,.@-]. */
const LONG_TERM_BODY = /^[\w+=,.@-]{1,64}-at-(\d{12}):([A-Za-z0-9+/=]{20,})$/

/** Values people paste into the wrong secret, recognised by their documented shapes. */
const WRONG_KINDS: ReadonlyArray<{ readonly test: RegExp; readonly looksLike: string }> = [
  {
    test: /^sk-ant-oat/,
    looksLike:
      'a Claude Code OAuth token (sk-ant-oat…), which works only with the Anthropic API, not with Bedrock'
  },
  {
    test: /^sk-ant-/,
    looksLike:
      'an Anthropic API key (sk-ant-…), which works only with the Anthropic API, not with Bedrock'
  },
  {
    test: /^(?:AKIA|ASIA|ABIA|ACCA)[A-Z2-7]{12,}$/,
    looksLike:
      'an AWS access key id (AKIA…/ASIA…); AWS access keys go through aws-actions/configure-aws-credentials or `role-to-assume`, not `bedrock-api-key`'
  },
  {
    test: /^[A-Za-z0-9/+]{40}$/,
    looksLike:
      'an AWS secret access key (40 characters); AWS access keys go through aws-actions/configure-aws-credentials or `role-to-assume`, not `bedrock-api-key`'
  },
  {
    test: /^eyJ[\w-]*\.[\w-]*\.[\w-]*$/,
    looksLike: 'a JSON Web Token (such as a GitHub OIDC token), not a Bedrock API key'
  },
  {
    test: /^(?:gh[pousr]_|github_pat_)/,
    looksLike: 'a GitHub token, not a Bedrock API key'
  },
  {
    test: /^Bearer\s/i,
    looksLike: 'an Authorization header value: pass the key alone, without the leading "Bearer "'
  },
  {
    test: /^AWS_BEARER_TOKEN_BEDROCK\s*=/,
    looksLike: 'a shell assignment: pass the key alone, without "AWS_BEARER_TOKEN_BEDROCK="'
  },
  {
    test: /^["'].*["']$/,
    looksLike: 'a quoted value: the secret holds the quotes too; store the key without them'
  }
]

/**
 * Reads a `bedrock-api-key` value before any network call: refuses a value of another kind (saying
 * what it looks like, never repeating it), a truncated or split key, and a short-term key made for
 * another region than the calls will use or already expired.
 *
 * @param regions the regions Bedrock will be called in, each with the input that sets it
 *   (`aws-region`, then `small-fast-model-region` when set); empty when the region input itself was
 *   invalid. A short-term key serves one region, so two different regions are a conflict whatever
 *   the key's own region: the message names both inputs and offers only fixes that resolve it.
 * @param customEndpoint a gateway or VPC endpoint is in use: unknown forms are then let through,
 *   since a gateway may issue keys of its own; recognised wrong kinds are still refused.
 * @throws InputError whose message names the input and the problem, with the value's length only.
 */
export function parseBedrockApiKey(
  input: string,
  value: string,
  regions: readonly CallRegion[],
  customEndpoint: boolean,
  now: Date = new Date()
): BedrockApiKeyForm {
  const refused = (why: string): InputError =>
    invalidValue(input, API_KEY_FORM, value, why, { secret: true })
  // Recognised shapes first: "Bearer ABSK…" is an Authorization header value, not a split key.
  for (const kind of WRONG_KINDS) {
    // A 40-character value starting with ABSK is a truncated long-term key, said below.
    if (kind.test.test(value) && !value.startsWith(LONG_TERM_PREFIX)) {
      throw refused(`looks like ${kind.looksLike}`)
    }
  }
  if (/\s/.test(value)) {
    throw refused(
      'contains whitespace: the key was split or pasted with a space inside; paste it again as one unbroken line'
    )
  }
  if (value.startsWith(LONG_TERM_PREFIX)) return longTermKey(value.slice(4), refused)
  if (value.startsWith(SHORT_TERM_PREFIX)) {
    return shortTermKey(value.slice(SHORT_TERM_PREFIX.length), regions, now, refused)
  }
  if (customEndpoint) return { kind: 'gateway' }
  throw refused(
    'is neither a long-term key (it would start with ABSK) nor a short-term key (bedrock-api-key-); check that the right secret is passed'
  )
}

/** A region Bedrock will be called in, and the input that sets it. */
export interface CallRegion {
  readonly input: 'aws-region' | 'small-fast-model-region'
  readonly region: string
}

type Refuse = (why: string) => InputError

const TRUNCATED = 'looks truncated or damaged'

function longTermKey(body: string, refused: Refuse): BedrockApiKeyForm {
  if (!BASE64.test(body)) {
    throw refused(
      `${TRUNCATED}: after ABSK a long-term key is base64 (letters, digits, + / and = padding), and this part is not (characters missing or added at the end?)`
    )
  }
  const match = LONG_TERM_BODY.exec(Buffer.from(body, 'base64').toString('latin1'))
  if (match?.[1] === undefined) {
    throw refused(
      `${TRUNCATED}: a long-term key decodes to USER-at-ACCOUNT:SECRET, and this one does not; copy the whole key again from the Bedrock or IAM console`
    )
  }
  return { kind: 'long-term', accountId: match[1] }
}

function shortTermKey(
  body: string,
  regions: readonly CallRegion[],
  now: Date,
  refused: Refuse
): BedrockApiKeyForm {
  const url = BASE64.test(body)
    ? presignedUrl(Buffer.from(body, 'base64').toString('latin1'))
    : undefined
  const query = url?.searchParams
  const scope = (query?.get('X-Amz-Credential') ?? '').split('/')
  const region = scope[2]
  const issuedAt = parseAmzDate(query?.get('X-Amz-Date') ?? '')
  const seconds = Number(query?.get('X-Amz-Expires') ?? 'NaN')
  if (
    query === undefined ||
    query.get('Action') !== 'CallWithBearerToken' ||
    scope.length !== 5 ||
    scope[3] !== 'bedrock' ||
    region === undefined ||
    !/^[a-z]{2}(?:-[a-z]+)+-\d$/.test(region) ||
    issuedAt === undefined ||
    !Number.isInteger(seconds) ||
    seconds <= 0 ||
    seconds > MAX_SHORT_TERM_SECONDS ||
    !/^[0-9a-f]{64}$/.test(query.get('X-Amz-Signature') ?? '') ||
    // The generator ends every key with `&Version=1`: without it, the end was cut off.
    !/^\d+$/.test(query.get('Version') ?? '')
  ) {
    throw refused(
      `${TRUNCATED}: a short-term key is bedrock-api-key- followed by the base64 of a presigned CallWithBearerToken URL (region, X-Amz-Date, X-Amz-Expires, X-Amz-Signature), and this one does not decode to a complete one; generate a new key`
    )
  }
  const expiresAt = new Date(issuedAt.getTime() + seconds * 1000)
  if (expiresAt.getTime() <= now.getTime()) {
    throw refused(
      `is a short-term key that expired at ${expiresAt.toISOString()} (made ${issuedAt.toISOString()} for ${region}); short-term keys last at most 12 hours: generate a new one right before the job, or use \`role-to-assume\``
    )
  }
  const why = regionConflict(region, regions)
  if (why !== undefined) throw refused(why)
  return { kind: 'short-term', region, issuedAt, expiresAt }
}

/**
 * Why a short-term key made for `keyRegion` cannot serve these calls, or undefined. Every fix offered
 * makes all the calls work: with two regions, generating the key in either one still fails the
 * other, so that is never offered alone.
 */
function regionConflict(keyRegion: string, regions: readonly CallRegion[]): string | undefined {
  const main = regions.find((r) => r.input === 'aws-region')
  const small = regions.find((r) => r.input === 'small-fast-model-region')
  const anyRegion = 'use a long-term key or `role-to-assume` (they work in every region)'
  if (main !== undefined && small !== undefined && small.region !== main.region) {
    const keep =
      keyRegion === main.region
        ? 'remove `small-fast-model-region` (the small model then runs in ' + main.region + ')'
        : `remove \`small-fast-model-region\` and generate the key in ${main.region} (switch region in the console first)`
    return `is a short-term key made for ${keyRegion}, and a short-term key works only in the region it was made for, while this run calls Bedrock in two regions: \`aws-region\` ${main.region} and \`small-fast-model-region\` ${small.region}, so one of them always fails whichever region the key is made in; ${keep}, or ${anyRegion}`
  }
  const elsewhere = regions.find((r) => r.region !== keyRegion)
  if (elsewhere === undefined) return undefined
  return `is a short-term key made for ${keyRegion}, and a short-term key works only in the region it was made for, not in ${elsewhere.region} (\`${elsewhere.input}\`); generate the key in ${elsewhere.region} (switch region in the console first), or ${anyRegion}`
}

function presignedUrl(decoded: string): URL | undefined {
  try {
    return new URL(`https://${decoded}`)
  } catch {
    return undefined
  }
}

/** `20251130T213000Z` → Date. */
function parseAmzDate(text: string): Date | undefined {
  const m = /^(\d{4})(\d{2})(\d{2})T(\d{2})(\d{2})(\d{2})Z$/.exec(text)
  if (m === null) return undefined
  const [, y, mo, d, h, mi, s] = m.map(Number) as [
    number,
    number,
    number,
    number,
    number,
    number,
    number
  ]
  const date = new Date(Date.UTC(y, mo - 1, d, h, mi, s))
  return Number.isNaN(date.getTime()) ? undefined : date
}
