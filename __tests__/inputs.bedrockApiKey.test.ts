import { parseBedrockApiKey, type CallRegion } from '../src/inputs/bedrockApiKey.js'
import { InputError } from '../src/inputs/inputError.js'
import {
  ACCESS_KEY_ID,
  ANTHROPIC_API_KEY,
  LONG_TERM_API_KEY,
  longTermApiKey,
  SECRET_ACCESS_KEY,
  SESSION_TOKEN,
  shortTermApiKey,
  TEMPORARY_ACCESS_KEY_ID
} from '../__fixtures__/secrets.js'

const INPUT = 'bedrock-api-key'

/** The regions of a run: `aws-region`, then `small-fast-model-region` when given. */
const at = (main: string, small?: string): CallRegion[] => [
  { input: 'aws-region', region: main },
  ...(small !== undefined ? [{ input: 'small-fast-model-region' as const, region: small }] : [])
]

function refusal(
  value: string,
  regions: CallRegion[] = at('us-east-1'),
  customEndpoint = false,
  now?: Date
): string {
  try {
    parseBedrockApiKey(INPUT, value, regions, customEndpoint, now)
  } catch (error) {
    if (!(error instanceof InputError)) throw error
    expect(error.input).toBe(INPUT)
    // Never the value, nor a recognisable piece of it.
    expect(error.message).not.toContain(value)
    expect(error.message).not.toContain(value.slice(4, 24))
    expect(error.message).toContain(`${Array.from(value).length} characters`)
    return error.message
  }
  throw new Error('the key was accepted')
}

describe('bedrock-api-key: values of another kind are refused, saying what they look like', () => {
  const cases: ReadonlyArray<readonly [string, string, string]> = [
    ['an Anthropic API key', ANTHROPIC_API_KEY, 'Anthropic API key'],
    ['a Claude Code OAuth token', `sk-ant-oat01-${'a1B2'.repeat(20)}`, 'Claude Code OAuth token'],
    ['an AWS access key id', ACCESS_KEY_ID, 'AWS access key id'],
    ['a temporary AWS access key id', TEMPORARY_ACCESS_KEY_ID, 'AWS access key id'],
    ['an AWS secret access key (40 characters)', SECRET_ACCESS_KEY, 'AWS secret access key'],
    ['a GitHub token', `ghp_${'R4nd0m'.repeat(6)}`, 'GitHub token'],
    ['a JWT', 'eyJhbGciOiJSUzI1NiJ9.eyJzdWIiOiJyZXBvOm8vciJ9.c2lnbmF0dXJl', 'JSON Web Token'],
    [
      'an Authorization header value',
      `Bearer ${LONG_TERM_API_KEY}`,
      'without the leading "Bearer "'
    ],
    [
      'a key split across two pastes',
      `${LONG_TERM_API_KEY.slice(0, 50)} ${LONG_TERM_API_KEY.slice(50)}`,
      'whitespace'
    ],
    ['a quoted key', `"${LONG_TERM_API_KEY}"`, 'quoted value'],
    ['a session token', SESSION_TOKEN, 'neither a long-term key'],
    ['anything else', 'not-a-bedrock-key-0123456789', 'neither a long-term key']
  ]
  it.each(cases)('%s', (_title, value, says) => {
    expect(refusal(value)).toContain(says)
  })
})

describe('long-term keys (ABSK…)', () => {
  it('are accepted and name their account', () => {
    expect(parseBedrockApiKey(INPUT, LONG_TERM_API_KEY, at('us-east-1'), false)).toEqual({
      kind: 'long-term',
      accountId: '123456789012'
    })
    expect(parseBedrockApiKey(INPUT, longTermApiKey('210987654321'), [], false)).toEqual({
      kind: 'long-term',
      accountId: '210987654321'
    })
  })
  it.each([
    ['the last characters cut off', LONG_TERM_API_KEY.slice(0, -3)],
    ['only the first half', LONG_TERM_API_KEY.slice(0, 52)],
    [
      'one character lost in the middle',
      LONG_TERM_API_KEY.slice(0, 30) + LONG_TERM_API_KEY.slice(31)
    ]
  ])('with %s are refused as truncated', (_title, value) => {
    expect(refusal(value)).toContain('truncated or damaged')
  })
})

describe('short-term keys (bedrock-api-key-…, minted with @aws/bedrock-token-generator)', () => {
  it('are accepted in their region, with their expiry', async () => {
    const key = await shortTermApiKey({ region: 'eu-west-1', expiresInSeconds: 3600 })
    const form = parseBedrockApiKey(INPUT, key, at('eu-west-1'), false)
    expect(form).toMatchObject({ kind: 'short-term', region: 'eu-west-1' })
    if (form.kind !== 'short-term') throw new Error('not short-term')
    expect(form.expiresAt.getTime() - form.issuedAt.getTime()).toBe(3_600_000)
    expect(Math.abs(form.issuedAt.getTime() - Date.now())).toBeLessThan(5_000)
  })

  it('with a session token (a key made from temporary credentials) are accepted', async () => {
    const key = await shortTermApiKey({
      region: 'us-east-1',
      credentials: {
        accessKeyId: TEMPORARY_ACCESS_KEY_ID,
        secretAccessKey: SECRET_ACCESS_KEY,
        sessionToken: SESSION_TOKEN
      }
    })
    expect(parseBedrockApiKey(INPUT, key, at('us-east-1'), false).kind).toBe('short-term')
  })

  it('for another region are refused naming both regions', async () => {
    const key = await shortTermApiKey({ region: 'us-west-2' })
    const message = refusal(key, at('us-east-1'))
    expect(message).toContain('made for us-west-2')
    expect(message).toContain('not in us-east-1')
  })

  it('with small-fast-model-region elsewhere: names both inputs and offers only fixes that serve both regions', async () => {
    for (const keyRegion of ['us-east-1', 'us-west-2', 'eu-west-1']) {
      const key = await shortTermApiKey({ region: keyRegion })
      const message = refusal(key, at('us-east-1', 'us-west-2'))
      expect(message).toContain('`aws-region` us-east-1 and `small-fast-model-region` us-west-2')
      expect(message).toContain('remove `small-fast-model-region`')
      expect(message).toContain('use a long-term key or `role-to-assume`')
      // A key generated in the small model's region would then fail aws-region: never offered.
      expect(message).not.toContain('generate the key in us-west-2')
      if (keyRegion !== 'us-east-1') expect(message).toContain('generate the key in us-east-1')
    }
  })

  it('with small-fast-model-region equal to aws-region: one region, the key of that region passes', async () => {
    const key = await shortTermApiKey({ region: 'us-east-1' })
    expect(parseBedrockApiKey(INPUT, key, at('us-east-1', 'us-east-1'), false).kind).toBe(
      'short-term'
    )
  })

  it('already expired are refused naming the expiry', async () => {
    const issuedAt = new Date(Date.now() - 2 * 3600_000)
    const key = await shortTermApiKey({ region: 'us-east-1', expiresInSeconds: 3600, issuedAt })
    const expiry = new Date(Math.floor(issuedAt.getTime() / 1000) * 1000 + 3600_000)
    const message = refusal(key)
    expect(message).toContain(`expired at ${expiry.toISOString()}`)
  })

  it('expire by the clock they are checked against', async () => {
    const key = await shortTermApiKey({ region: 'us-east-1', expiresInSeconds: 900 })
    expect(parseBedrockApiKey(INPUT, key, at('us-east-1'), false).kind).toBe('short-term')
    expect(refusal(key, at('us-east-1'), false, new Date(Date.now() + 901_000))).toContain(
      'expired'
    )
  })

  it('cut short are refused as truncated', async () => {
    const key = await shortTermApiKey({ region: 'us-east-1' })
    for (const cut of [key.slice(0, -8), key.slice(0, 200), key.slice(0, -1)]) {
      expect(refusal(cut)).toContain('truncated or damaged')
    }
  })
})

describe('with a custom Bedrock endpoint (a gateway)', () => {
  it('lets a key of an unknown form through, since gateways issue their own', () => {
    expect(
      parseBedrockApiKey(INPUT, 'gw-team-key-0123456789abcdef', at('us-east-1'), true)
    ).toEqual({
      kind: 'gateway'
    })
  })
  it('still refuses a recognised wrong kind', () => {
    expect(refusal(ANTHROPIC_API_KEY, at('us-east-1'), true)).toContain('Anthropic API key')
  })
})
