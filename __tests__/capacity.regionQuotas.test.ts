// One region's per-minute quotas, the cheapest way: GetServiceQuota for cached codes, else the
// listing; against the emulator's Service Quotas with the real SDK client.
import { ServiceQuotasClient } from '@aws-sdk/client-service-quotas'
import { loadScenario, type Scenario } from '../emulator/index.ts'
import type { FaultSpec } from '../emulator/scenario.ts'
import { bedrockQuotas } from '../emulator/serviceQuotas.ts'
import { useEmulator } from '../__fixtures__/emulator.ts'
import { extraWaitMs, MAX_EXTRA_WAIT_MS } from '../src/capacity/capacityLookup.js'
import type { QuotaCodes } from '../src/capacity/quotaCodeCache.js'
import { AnswerTimes } from '../src/capacity/quotaListing.js'
import { perMinuteUnit, type QuotaName, type QuotaSubject } from '../src/capacity/quotaNames.js'
import { RegionQuotas } from '../src/capacity/regionQuotas.js'

const emu = useEmulator()

const SONNET: QuotaSubject = {
  foundationModelId: 'anthropic.claude-sonnet-4-6',
  kind: 'cross-region'
}
const SONNET_TOKENS = 'Cross-Region InvokeModel tokens per minute for Anthropic Claude Sonnet 4.6'
const HAIKU_TOKENS = 'Cross-Region InvokeModel tokens per minute for Anthropic Claude Haiku 4.5 V1'

function client(): ServiceQuotasClient {
  const runner = loadScenario('default').environmentCredentials[0]
  if (runner === undefined) throw new Error('the default scenario has runner credentials')
  return new ServiceQuotasClient({
    region: 'us-east-1',
    endpoint: emu.url,
    maxAttempts: 1,
    credentials: {
      accessKeyId: runner.accessKeyId,
      secretAccessKey: runner.secretAccessKey,
      ...(runner.sessionToken !== undefined ? { sessionToken: runner.sessionToken } : {})
    }
  })
}

/** The cache a complete listing of `scenario` would have written. */
function cacheOf(
  scenario: Scenario,
  edit: (quotas: QuotaName[]) => QuotaName[] = (q) => q
): QuotaCodes {
  const quotas: QuotaName[] = []
  for (const quota of bedrockQuotas(scenario)) {
    const unit = perMinuteUnit(quota.QuotaName)
    if (unit !== undefined) quotas.push({ name: quota.QuotaName, code: quota.QuotaCode, unit })
  }
  return { quotas: edit(quotas), learnedAt: '2026-12-01T00:00:00.000Z' }
}

const codeOf = (scenario: Scenario, name: string): string => {
  const quota = bedrockQuotas(scenario).find((q) => q.QuotaName === name)
  if (quota === undefined) throw new Error(`the emulator lists no "${name}"`)
  return quota.QuotaCode
}

/** Service Quotas' answer to a caller over the account's request rate. */
const tooManyRequests = (operation: string): FaultSpec => ({
  operation,
  kind: 'error',
  status: 400,
  code: 'TooManyRequestsException',
  message: 'Rate exceeded'
})

const calls = (): string[] =>
  emu.requests.filter((r) => r.service === 'servicequotas').map((r) => r.operation)
const FAR = (): number => Date.now() + 10_000

afterEach(() => emu.clearRequests())

describe('with cached codes that name the model', () => {
  it('asks GetServiceQuota for exactly its two codes, and lists nothing', async () => {
    const scenario = {
      ...loadScenario('default'),
      serviceQuotas: { tokensPerMinute: 123_000, requestsPerMinute: 45, otherQuotas: 600 }
    }
    emu.setScenario(scenario)
    const quotas = new RegionQuotas(client(), cacheOf(scenario), new AnswerTimes())
    quotas.prefetch(SONNET)
    quotas.prefetch(SONNET) // the same model again (main and small): no second call
    await quotas.settled([SONNET], FAR(), Date.now)
    const finding = quotas.finding(SONNET)
    expect(finding).toMatchObject({
      kind: 'found',
      via: 'cached-code',
      tokens: { name: SONNET_TOKENS, code: codeOf(scenario, SONNET_TOKENS), value: 123_000 },
      requests: { value: 45 }
    })
    expect(calls()).toEqual(['GetServiceQuota', 'GetServiceQuota'])
    expect(quotas.learned()).toBeUndefined()
  })

  it('falls back to the listing when a cached code now names another model (stale cache)', async () => {
    const scenario = loadScenario('default')
    emu.setScenario(scenario)
    // Sonnet's name cached with Haiku's code: GetServiceQuota answers with Haiku's name.
    const stale = cacheOf(scenario, (quotas) =>
      quotas.map((q) =>
        q.name === SONNET_TOKENS ? { ...q, code: codeOf(scenario, HAIKU_TOKENS) } : q
      )
    )
    const quotas = new RegionQuotas(client(), stale, new AnswerTimes())
    quotas.prefetch(SONNET)
    await quotas.settled([SONNET], FAR(), Date.now)
    expect(quotas.finding(SONNET)).toMatchObject({
      kind: 'found',
      via: 'listing',
      tokens: { name: SONNET_TOKENS }
    })
    expect(calls()).toContain('ListServiceQuotas')
    // The complete listing is what the cache learns again.
    expect(quotas.learned()?.some((q) => q.name === SONNET_TOKENS)).toBe(true)
  })

  it('says stale when the listing has not caught up by the deadline; a code that is gone is stale too', async () => {
    // Every listing page is held 3 s: the listing cannot catch up within the wait below.
    const scenario: Scenario = {
      ...loadScenario('default'),
      faults: [{ operation: 'ListServiceQuotas', kind: 'latency', ms: 3_000 }]
    }
    emu.setScenario(scenario)
    const gone = cacheOf(scenario, (quotas) =>
      quotas.map((q) => (q.name === SONNET_TOKENS ? { ...q, code: 'L-00000000' } : q))
    )
    const quotas = new RegionQuotas(client(), gone, new AnswerTimes())
    quotas.prefetch(SONNET)
    await quotas.settled([SONNET], Date.now() + 1_500, Date.now)
    expect(quotas.finding(SONNET)).toMatchObject({
      kind: 'unfinished',
      operation: 'ListServiceQuotas',
      cache: 'stale'
    })
    quotas.stop()
  })

  it('a model the cache does not name is listed for', async () => {
    const scenario = loadScenario('default')
    emu.setScenario(scenario)
    const without = cacheOf(scenario, (quotas) =>
      quotas.filter((q) => !q.name.includes('Sonnet 4.6'))
    )
    const quotas = new RegionQuotas(client(), without, new AnswerTimes())
    await quotas.settled([SONNET], FAR(), Date.now)
    expect(quotas.finding(SONNET)).toMatchObject({ kind: 'found', via: 'listing' })
    expect(calls().filter((c) => c === 'GetServiceQuota')).toEqual([])
  })
})

describe('the set-up step’s one more page', () => {
  it('waits for the cached codes’ answers in full, and for the listing only up to the page in flight', async () => {
    const scenario: Scenario = {
      ...loadScenario('many-quota-pages'),
      latencyMs: 50,
      // GetServiceQuota answers later than the first listing page would.
      faults: [{ operation: 'GetServiceQuota', kind: 'latency', ms: 150 }]
    }
    emu.setScenario(scenario)
    const withoutOpus = cacheOf(scenario, (quotas) =>
      quotas.filter((q) => !q.name.includes('Opus 4.6'))
    )
    const OPUS: QuotaSubject = {
      foundationModelId: 'anthropic.claude-opus-4-6-v1',
      kind: 'cross-region'
    }
    const quotas = new RegionQuotas(client(), withoutOpus, new AnswerTimes())
    await quotas.settled([SONNET, OPUS], Date.now() + 5_000, Date.now, true)
    expect(quotas.finding(SONNET)).toMatchObject({ kind: 'found', via: 'cached-code' })
    expect(quotas.finding(OPUS)).toMatchObject({
      kind: 'unfinished',
      operation: 'ListServiceQuotas',
      cache: 'without-model'
    })
    quotas.stop()
  })
})

describe('one attempt per call, and a refusal says which call', () => {
  it('GetServiceQuota denied: refused, naming the operation', async () => {
    const scenario = loadScenario('default')
    const runner = scenario.environmentCredentials[0]
    if (runner === undefined) throw new Error('runner credentials')
    runner.policy = [
      { effect: 'Allow', actions: ['servicequotas:ListServiceQuotas'], resources: ['*'] }
    ]
    emu.setScenario(scenario)
    const quotas = new RegionQuotas(client(), cacheOf(scenario), new AnswerTimes())
    await quotas.settled([SONNET], FAR(), Date.now)
    const finding = quotas.finding(SONNET)
    expect(finding).toMatchObject({
      kind: 'refused',
      operation: 'GetServiceQuota',
      error: { name: 'AccessDeniedException' }
    })
  })

  it('a throttled GetServiceQuota is not retried', async () => {
    const scenario = loadScenario('default')
    scenario.faults = [tooManyRequests('GetServiceQuota')]
    emu.setScenario(scenario)
    const quotas = new RegionQuotas(client(), cacheOf(scenario), new AnswerTimes())
    await quotas.settled([SONNET], FAR(), Date.now)
    expect(quotas.finding(SONNET)).toMatchObject({
      kind: 'refused',
      operation: 'GetServiceQuota',
      error: { name: 'TooManyRequestsException' }
    })
    // Tokens and requests: one call each, none repeated.
    expect(calls()).toEqual(['GetServiceQuota', 'GetServiceQuota'])
  })

  it('a throttled listing page ends the listing after one attempt', async () => {
    const scenario = loadScenario('default')
    scenario.faults = [tooManyRequests('ListServiceQuotas')]
    emu.setScenario(scenario)
    const quotas = new RegionQuotas(client(), undefined, new AnswerTimes())
    await quotas.settled([SONNET], FAR(), Date.now)
    expect(quotas.finding(SONNET)).toMatchObject({
      kind: 'refused',
      operation: 'ListServiceQuotas'
    })
    expect(calls()).toEqual(['ListServiceQuotas'])
  })
})

/** A real-sized listing: 8 pages of 100, 1,000,000 tokens and 100 requests per minute. */
function eightPages(): Scenario {
  const scenario = loadScenario('default')
  scenario.serviceQuotas = {
    tokensPerMinute: 1_000_000,
    requestsPerMinute: 100,
    otherQuotas: 0,
    pages: 8
  }
  return scenario
}

describe('without cached codes', () => {
  it('a real-sized listing counts its pages until the deadline, then stops asking', async () => {
    const scenario = { ...eightPages(), latencyMs: 100 }
    emu.setScenario(scenario)
    expect(Math.ceil(bedrockQuotas(scenario).length / 100)).toBe(8)
    const quotas = new RegionQuotas(client(), undefined, new AnswerTimes())
    await quotas.settled([SONNET], Date.now() + 250, Date.now)
    quotas.stop()
    const finding = quotas.finding(SONNET)
    const sonnetPage =
      Math.floor(bedrockQuotas(scenario).findIndex((q) => q.QuotaName === SONNET_TOKENS) / 100) + 1
    // Precondition: the model's quota is beyond what 250 ms of 100 ms pages can reach.
    expect(sonnetPage).toBeGreaterThan(3)
    expect(finding).toMatchObject({
      kind: 'unfinished',
      operation: 'ListServiceQuotas',
      cache: 'none'
    })
    if (finding.kind !== 'unfinished') throw new Error('unfinished')
    expect(finding.pages).toBeGreaterThanOrEqual(1)
    expect(finding.pages).toBeLessThan(sonnetPage)
    // Stopped: no page is asked for after the one in flight.
    await new Promise((resolve) => setTimeout(resolve, 400))
    expect(calls().length).toBeLessThanOrEqual(finding.pages + 1)
  })

  it('given the time, reads every page and learns every per-minute quota', async () => {
    const scenario = eightPages()
    emu.setScenario(scenario)
    const quotas = new RegionQuotas(client(), undefined, new AnswerTimes())
    await quotas.settled([SONNET], FAR(), Date.now)
    expect(calls()).toEqual(Array(8).fill('ListServiceQuotas'))
    expect(quotas.finding(SONNET)).toMatchObject({
      kind: 'found',
      via: 'listing',
      requests: { value: 100 }
    })
    expect(quotas.learned()).toHaveLength(cacheOf(scenario).quotas.length)
  })
})

describe('the main step’s extra wait', () => {
  it('is about one Service Quotas round trip, bounded', () => {
    expect(extraWaitMs(200, 5_000)).toBe(250)
    // Before any answer: half the time the two rounds of checks took.
    expect(extraWaitMs(undefined, 400)).toBe(250)
    expect(extraWaitMs(30_000, 0)).toBe(MAX_EXTRA_WAIT_MS)
    expect(extraWaitMs(undefined, 0)).toBe(0)
  })
})
