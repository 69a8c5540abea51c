import { describe, expect, it } from '@jest/globals'
import {
  ACCOUNT,
  apNortheast1,
  applicationProfile,
  caCentral1,
  euWest1,
  foundationModel,
  globalProfile,
  HAIKU_3,
  HAIKU_4_5,
  OPUS_4_6,
  OPUS_5,
  SONNET_3_5,
  SONNET_3_7,
  SONNET_4,
  SONNET_4_5,
  SONNET_4_6,
  usEast1,
  usGovWest1
} from '../__fixtures__/catalogues.js'
import { aliasRef, arnRef, baseIdRef, profileIdRef } from '../__fixtures__/catalogueRefs.js'
import { withProfile, type Catalogue } from '../src/models/catalogue.js'
import type { ModelRef } from '../src/models/modelRef.js'
import { newerActiveAlternative, resolveModel } from '../src/models/resolveModel.js'
import type { Partition } from '../src/inputs/region.js'

function resolve(
  ref: ModelRef,
  catalogue: Catalogue,
  prefix: string,
  partition: Partition = 'aws'
) {
  return resolveModel(ref, 'main', catalogue, prefix, partition)
}

describe('resolveModel: aliases pick what a careful human would', () => {
  it.each([
    // [case, catalogue, alias, prefix, expected invokeId, expected older candidates]
    [
      'newest sonnet through the preferred prefix',
      usEast1,
      'sonnet',
      'us',
      `us.${SONNET_4_6}`,
      [`us.${SONNET_4_5}`, `us.${SONNET_4}`, `us.${SONNET_3_7}`]
    ],
    [
      'explicit global preference',
      usEast1,
      'sonnet',
      'global',
      `global.${SONNET_4_6}`,
      [`global.${SONNET_4_5}`, `global.${SONNET_4}`, `us.${SONNET_3_7}`]
    ],
    [
      'newest opus only offered globally: global beats an older us. model',
      usEast1,
      'opus',
      'us',
      `global.${OPUS_5}`,
      [`us.${OPUS_4_6}`, `us.anthropic.claude-opus-4-1-20250805-v1:0`]
    ],
    [
      'haiku: newest ACTIVE, LEGACY 3.5 skipped',
      usEast1,
      'haiku',
      'us',
      `us.${HAIKU_4_5}`,
      [`us.${HAIKU_3}`]
    ],
    [
      'eu: newest sonnet only global, older through eu.',
      euWest1,
      'sonnet',
      'eu',
      `global.${SONNET_4_6}`,
      [`eu.${SONNET_4_5}`, `eu.${SONNET_3_7}`]
    ],
    ['Tokyo prefers jp. when asked', apNortheast1, 'sonnet', 'jp', `jp.${SONNET_4_5}`, []],
    [
      'Tokyo, jp. missing for haiku: apac (a geography) before global',
      apNortheast1,
      'haiku',
      'jp',
      `apac.${HAIKU_4_5}`,
      [HAIKU_3]
    ],
    ['Tokyo with apac', apNortheast1, 'haiku', 'apac', `apac.${HAIKU_4_5}`, [HAIKU_3]],
    [
      'au not offered: another geography before global',
      apNortheast1,
      'sonnet',
      'au',
      `apac.${SONNET_4_5}`,
      []
    ],
    ['family present only as a global profile', caCentral1, 'opus', 'ca', `global.${OPUS_4_6}`, []],
    [
      'on-demand only: ACTIVE old model beats newer LEGACY one',
      caCentral1,
      'haiku',
      'global',
      HAIKU_3,
      []
    ],
    ['LEGACY only when nothing is ACTIVE', caCentral1, 'sonnet', 'global', SONNET_3_5, []],
    [
      'alias in upper case',
      usEast1,
      'Sonnet',
      'us',
      `us.${SONNET_4_6}`,
      [`us.${SONNET_4_5}`, `us.${SONNET_4}`, `us.${SONNET_3_7}`]
    ],
    ['GovCloud prefix', usGovWest1, 'sonnet', 'us-gov', `us-gov.${SONNET_4_5}`, []]
  ])('%s', (_case, catalogue, alias, prefix, invokeId, older) => {
    const outcome = resolve(aliasRef(alias), catalogue, prefix)
    if (!outcome.ok) throw new Error(`unresolved: ${outcome.cause}`)
    expect(outcome.candidates.map((model) => model.invokeId)).toEqual([invokeId, ...older])
    expect(outcome.candidates.every((model) => model.family === alias.toLowerCase())).toBe(true)
  })

  it('returns a LEGACY model with its dates when it is all there is', () => {
    const outcome = resolve(aliasRef('sonnet'), caCentral1, 'global')
    if (!outcome.ok) throw new Error(outcome.cause)
    expect(outcome.candidates[0].lifecycle).toEqual({
      status: 'LEGACY',
      legacyTime: new Date('2025-08-25T00:00:00Z'),
      endOfLifeTime: new Date('2026-03-01T00:00:00Z')
    })
  })

  it('fills every field of a profile resolution', () => {
    const outcome = resolve(aliasRef('sonnet[1m]'), usEast1, 'us')
    if (!outcome.ok) throw new Error(outcome.cause)
    expect(outcome.candidates[0]).toEqual({
      role: 'main',
      ref: aliasRef('sonnet[1m]'),
      region: 'us-east-1',
      exportId: `us.${SONNET_4_6}[1m]`,
      invokeId: `us.${SONNET_4_6}`,
      arn: `arn:aws:bedrock:us-east-1:${ACCOUNT}:inference-profile/us.${SONNET_4_6}`,
      type: 'system-inference-profile',
      family: 'sonnet',
      foundationModelId: SONNET_4_6,
      foundationModelArns: ['us-east-1', 'us-east-2', 'us-west-2'].map(
        (region) => `arn:aws:bedrock:${region}::foundation-model/${SONNET_4_6}`
      ),
      destinationRegions: ['us-east-1', 'us-east-2', 'us-west-2'],
      lifecycle: { status: 'ACTIVE' }
    })
  })

  it('keeps the region-less ARN of a global profile but no empty region', () => {
    const outcome = resolve(aliasRef('opus'), caCentral1, 'global')
    if (!outcome.ok) throw new Error(outcome.cause)
    expect(outcome.candidates[0].foundationModelArns).toEqual([
      `arn:aws:bedrock:ca-central-1::foundation-model/${OPUS_4_6}`,
      `arn:aws:bedrock:::foundation-model/${OPUS_4_6}`
    ])
    expect(outcome.candidates[0].destinationRegions).toEqual(['ca-central-1'])
  })

  it.each([
    [
      'unknown family',
      usEast1,
      'mythos',
      /No Claude mythos model is offered in us-east-1/,
      /haiku, opus, sonnet/
    ],
    [
      'family absent from the region',
      euWest1,
      'opus',
      /No Claude opus model is offered in eu-west-1/,
      /haiku, sonnet/
    ]
  ])('%s fails with the families on offer', (_case, catalogue, alias, cause, fix) => {
    const outcome = resolve(aliasRef(alias), catalogue, 'us')
    expect(outcome.ok).toBe(false)
    if (outcome.ok) return
    expect(outcome.cause).toMatch(cause)
    expect(outcome.fix).toMatch(fix)
  })
})

describe('resolveModel: base model ids', () => {
  it('on-demand base id resolves to the foundation model', () => {
    const outcome = resolve(baseIdRef(HAIKU_3), usEast1, 'us')
    if (!outcome.ok) throw new Error(outcome.cause)
    expect(outcome.candidates).toHaveLength(1)
    expect(outcome.candidates[0]).toMatchObject({
      type: 'foundation-model',
      invokeId: HAIKU_3,
      exportId: HAIKU_3,
      arn: `arn:aws:bedrock:us-east-1::foundation-model/${HAIKU_3}`,
      foundationModelArns: [`arn:aws:bedrock:us-east-1::foundation-model/${HAIKU_3}`],
      destinationRegions: ['us-east-1'],
      family: 'haiku'
    })
  })

  it('uses the configured partition for the ARN', () => {
    const outcome = resolve(baseIdRef(SONNET_3_5), usGovWest1, 'us-gov', 'aws-us-gov')
    if (!outcome.ok) throw new Error(outcome.cause)
    expect(outcome.candidates[0].arn).toBe(
      `arn:aws-us-gov:bedrock:us-gov-west-1::foundation-model/${SONNET_3_5}`
    )
  })

  it.each([
    ['preferred prefix first', usEast1, 'us', `us.${SONNET_4_5}`, `global.${SONNET_4_5}`],
    ['global preferred', usEast1, 'global', `global.${SONNET_4_5}`, `us.${SONNET_4_5}`],
    ['eu', euWest1, 'eu', `eu.${SONNET_4_5}`, `global.${SONNET_4_5}`]
  ])(
    'profile-only base id is not resolved, fix names the profile (%s)',
    (_case, catalogue, prefix, best, other) => {
      const outcome = resolve(baseIdRef(SONNET_4_5), catalogue, prefix)
      expect(outcome.ok).toBe(false)
      if (outcome.ok) return
      expect(outcome.cause).toContain('has no on-demand throughput')
      expect(outcome.fix).toContain(`model: ${best}`)
      expect(outcome.fix).toContain(other)
    }
  )

  it('a base id only reachable through a profile (not listed as a model) is still named', () => {
    const outcome = resolve(baseIdRef(OPUS_4_6), caCentral1, 'global')
    expect(outcome).toMatchObject({ ok: false, fix: expect.stringContaining(`global.${OPUS_4_6}`) })
  })

  it('unknown base id: not offered, fix names the family', () => {
    const outcome = resolve(baseIdRef('anthropic.claude-sonnet-4-7'), usEast1, 'us')
    expect(outcome.ok).toBe(false)
    if (outcome.ok) return
    expect(outcome.cause).toBe('`anthropic.claude-sonnet-4-7` is not offered in us-east-1')
    expect(outcome.fix).toContain('`sonnet`')
    expect(outcome.fix).toContain(`us.${SONNET_4_6}`)
  })

  it('small model fixes name the small-fast-model input', () => {
    const outcome = resolveModel(baseIdRef(HAIKU_4_5), 'small', usEast1, 'us', 'aws')
    expect(outcome).toMatchObject({
      ok: false,
      fix: expect.stringContaining(`small-fast-model: us.${HAIKU_4_5}`)
    })
  })

  it('non-Anthropic id is called out', () => {
    const outcome = resolve(baseIdRef('amazon.nova-pro-v1:0'), usEast1, 'us')
    expect(outcome).toMatchObject({
      ok: false,
      cause: expect.stringContaining('not a Claude model')
    })
  })
})

describe('resolveModel: inference-profile ids', () => {
  it('existing profile id resolves, [1m] kept only on export', () => {
    const outcome = resolve(profileIdRef(`global.${SONNET_4_5}[1m]`), usEast1, 'us')
    if (!outcome.ok) throw new Error(outcome.cause)
    expect(outcome.candidates).toHaveLength(1)
    expect(outcome.candidates[0]).toMatchObject({
      invokeId: `global.${SONNET_4_5}`,
      exportId: `global.${SONNET_4_5}[1m]`,
      type: 'system-inference-profile',
      foundationModelId: SONNET_4_5
    })
  })

  it('LEGACY profile resolves with its lifecycle', () => {
    const outcome = resolve(profileIdRef(`us.${SONNET_3_5}`), usEast1, 'us')
    if (!outcome.ok) throw new Error(outcome.cause)
    expect(outcome.candidates[0].lifecycle.status).toBe('LEGACY')
  })

  it.each([
    [
      'wrong geography: same model under other prefixes',
      euWest1,
      `us.${SONNET_4_5}`,
      'eu',
      [`eu.${SONNET_4_5}`, `global.${SONNET_4_5}`]
    ],
    ['model not offered: the family', euWest1, `eu.${SONNET_4_6}`, 'eu', [`global.${SONNET_4_6}`]],
    [
      'typo in the version: the family',
      usEast1,
      'us.anthropic.claude-haiku-4-6',
      'us',
      ['`haiku`', `us.${HAIKU_4_5}`]
    ],
    [
      'family not in region: the families on offer',
      euWest1,
      `eu.${OPUS_5}`,
      'eu',
      ['haiku, sonnet']
    ]
  ])('%s', (_case, catalogue, id, prefix, mentioned) => {
    const outcome = resolve(profileIdRef(id), catalogue, prefix)
    expect(outcome.ok).toBe(false)
    if (outcome.ok) return
    expect(outcome.cause).toBe(`\`${id}\` is not offered in ${catalogue.region}`)
    for (const text of mentioned) expect(outcome.fix).toContain(text)
    expect(outcome.fix).not.toContain(`\`${id}\``)
  })
})

describe('resolveModel: ARNs', () => {
  const profileArn = `arn:aws:bedrock:us-east-1:${ACCOUNT}:inference-profile/us.${SONNET_4_5}`

  it('inference-profile ARN: invoked and exported as given', () => {
    const outcome = resolve(arnRef(profileArn), usEast1, 'us')
    if (!outcome.ok) throw new Error(outcome.cause)
    expect(outcome.candidates[0]).toMatchObject({
      invokeId: profileArn,
      exportId: profileArn,
      arn: profileArn,
      type: 'system-inference-profile',
      destinationRegions: ['us-east-1', 'us-east-2', 'us-west-2']
    })
  })

  it('ARN from another region fails with both regions named', () => {
    const outcome = resolve(arnRef(profileArn), euWest1, 'eu')
    expect(outcome).toMatchObject({
      ok: false,
      cause: expect.stringContaining('is in us-east-1, but this model is called in eu-west-1'),
      fix: expect.stringContaining('aws-region: us-east-1')
    })
  })

  it('foundation-model ARN of an on-demand model', () => {
    const arn = `arn:aws:bedrock:us-east-1::foundation-model/${HAIKU_3}`
    const outcome = resolve(arnRef(arn), usEast1, 'us')
    if (!outcome.ok) throw new Error(outcome.cause)
    expect(outcome.candidates[0]).toMatchObject({
      type: 'foundation-model',
      invokeId: arn,
      foundationModelId: HAIKU_3
    })
  })

  it('foundation-model ARN of a profile-only model is not resolved', () => {
    const arn = `arn:aws:bedrock:us-east-1::foundation-model/${SONNET_4_6}`
    const outcome = resolve(arnRef(arn), usEast1, 'us')
    expect(outcome).toMatchObject({ ok: false, fix: expect.stringContaining(`us.${SONNET_4_6}`) })
  })

  it('application profile ARN resolves from its fetched description', () => {
    const app = applicationProfile(
      'us-east-1',
      'abc123xyz',
      ['us-east-1', 'us-west-2'].map(
        (region) => `arn:aws:bedrock:${region}::foundation-model/${SONNET_4_5}`
      )
    )
    const arn = app.inferenceProfileArn ?? ''
    const outcome = resolve(arnRef(`${arn}[1m]`), withProfile(usEast1, app), 'us')
    if (!outcome.ok) throw new Error(outcome.cause)
    expect(outcome.candidates[0]).toMatchObject({
      type: 'application-inference-profile',
      invokeId: arn,
      exportId: `${arn}[1m]`,
      arn,
      family: 'sonnet',
      foundationModelId: SONNET_4_5,
      destinationRegions: ['us-east-1', 'us-west-2']
    })
  })

  it('application profile ARN unknown to the catalogue is not resolved', () => {
    const arn = `arn:aws:bedrock:us-east-1:${ACCOUNT}:application-inference-profile/missing`
    expect(resolve(arnRef(arn), usEast1, 'us')).toMatchObject({
      ok: false,
      cause: expect.stringContaining('was not found')
    })
  })
})

describe('newerActiveAlternative', () => {
  it.each([
    [
      'LEGACY profile: newest ACTIVE of the family with the same prefix',
      profileIdRef(`us.${SONNET_3_5}`),
      usEast1,
      'global',
      `us.${SONNET_4_6}`
    ],
    [
      'LEGACY on-demand model: preferred prefix',
      baseIdRef(SONNET_3_5),
      usEast1,
      'us',
      `us.${SONNET_4_6}`
    ],
    ['nothing newer and ACTIVE', baseIdRef(SONNET_3_5), caCentral1, 'global', undefined],
    ['already newest', profileIdRef(`us.${SONNET_4_6}`), usEast1, 'us', undefined]
  ])('%s', (_case, ref, catalogue, prefix, expected) => {
    const outcome = resolve(ref, catalogue, prefix)
    if (!outcome.ok) throw new Error(outcome.cause)
    expect(newerActiveAlternative(outcome.candidates[0], catalogue, prefix, 'aws')).toBe(expected)
  })
})

describe('resolveModel: an explicit inference-profile-prefix is never widened (data residency)', () => {
  const explicit = (ref: ModelRef, catalogue: Catalogue, prefix: string) =>
    resolveModel(ref, 'main', catalogue, prefix, 'aws', true)

  it('uses only that prefix: opus in us-east-1 with us skips the global-only newest', () => {
    const outcome = explicit(aliasRef('opus'), usEast1, 'us')
    if (!outcome.ok) throw new Error(outcome.cause)
    expect(outcome.candidates.map((m) => m.invokeId)).toEqual([
      `us.${OPUS_4_6}`,
      'us.anthropic.claude-opus-4-1-20250805-v1:0'
    ])
  })

  it('eu in us-east-1: fails, names what exists, never picks global or us', () => {
    const outcome = explicit(aliasRef('sonnet'), usEast1, 'eu')
    expect(outcome.ok).toBe(false)
    if (outcome.ok) return
    expect(outcome.cause).toMatch(
      /^No Claude sonnet model in us-east-1 has an inference profile with an `eu.` prefix, and /
    )
    expect(outcome.cause).not.toMatch(/^No .* has no /)
    expect(outcome.cause).toContain('never widened')
    expect(outcome.cause).toContain(`\`us.${SONNET_4_6}\``)
    expect(outcome.cause).toContain(`\`global.${SONNET_4_6}\``)
    expect(outcome.fix).toContain('`us`')
  })

  it('a pinned family: the fix names the prefix and region, never the `model` input', () => {
    const outcome = resolveModel(aliasRef('opus'), 'opus', usEast1, 'eu', 'aws', true)
    if (outcome.ok) throw new Error('resolved')
    expect(outcome.cause).toMatch(/^No Claude opus model in us-east-1 has an inference profile/)
    expect(outcome.fix).toContain('set `inference-profile-prefix` to')
    expect(outcome.fix).toContain('it applies to every model of this step')
    expect(outcome.fix).not.toMatch(/`(model|small-fast-model)[:`]/)
  })

  // Tokyo: opus only through global; haiku through apac and global; sonnet through jp, apac, global.
  const tokyo: Catalogue = {
    ...apNortheast1,
    foundationModels: [
      ...apNortheast1.foundationModels,
      foundationModel('ap-northeast-1', OPUS_4_6, { types: ['INFERENCE_PROFILE'] })
    ],
    profiles: [...apNortheast1.profiles, globalProfile('ap-northeast-1', OPUS_4_6)]
  }

  it.each([
    ['opus', 'jp', ['global'], ['apac']],
    ['opus', 'apac', ['global'], ['jp']],
    ['opus', 'au', ['global'], ['apac', 'jp']]
  ])(
    '%s with %s in ap-northeast-1: suggests only the prefixes that have the model (%j), never %j',
    (family, prefix, suggested, never) => {
      const outcome = explicit(aliasRef(family), tokyo, prefix)
      if (outcome.ok) throw new Error('resolved')
      for (const other of suggested) expect(outcome.fix).toContain(`\`${other}\``)
      for (const other of never) expect(outcome.fix).not.toContain(`\`${other}\``)
      // Every suggested prefix really resolves the same alias.
      for (const other of suggested) expect(explicit(aliasRef(family), tokyo, other).ok).toBe(true)
    }
  )

  it('a family the region does not list: the fix is a region, not another `model`', () => {
    const outcome = resolveModel(aliasRef('mythos'), 'opus', usEast1, 'us', 'aws')
    if (outcome.ok) throw new Error('resolved')
    expect(outcome.cause).toBe('No Claude mythos model is offered in us-east-1')
    expect(outcome.fix).toMatch(/^Only an `aws-region` that offers Claude mythos/)
    expect(outcome.fix).not.toMatch(/`(model|small-fast-model)[:`]/)
  })

  it('eu in eu-west-1: the newest sonnet is global-only, so the newest with an eu. profile', () => {
    const outcome = explicit(aliasRef('sonnet'), euWest1, 'eu')
    if (!outcome.ok) throw new Error(outcome.cause)
    expect(outcome.candidates.every((m) => m.invokeId.startsWith('eu.'))).toBe(true)
    expect(outcome.candidates[0].invokeId).toBe(`eu.${SONNET_4_5}`)
  })

  it('on demand in the region only when the region is in that geography', () => {
    // Tokyo is a jp. and apac. destination, so its on-demand Haiku 3 keeps data in both.
    const jp = explicit(aliasRef('haiku'), apNortheast1, 'jp')
    if (!jp.ok) throw new Error(jp.cause)
    expect(jp.candidates.map((m) => m.invokeId)).toEqual([HAIKU_3])
    // us-east-1 is no eu destination: its on-demand model is not an EU model.
    expect(explicit(aliasRef('haiku'), usEast1, 'eu').ok).toBe(false)
  })

  it('an explicit global is never narrowed to a geography either: only global. profiles', () => {
    const outcome = explicit(aliasRef('sonnet'), usEast1, 'global')
    if (!outcome.ok) throw new Error(outcome.cause)
    expect(outcome.candidates[0].invokeId).toBe(`global.${SONNET_4_6}`)
    const profiles = outcome.candidates.filter((m) => m.type === 'system-inference-profile')
    expect(profiles.length).toBeGreaterThan(0)
    expect(profiles.every((m) => m.invokeId.startsWith('global.'))).toBe(true)
    expect(outcome.candidates.map((m) => m.invokeId)).not.toContain(`us.${SONNET_3_7}`)
  })

  it('auto: a geographic profile before on demand before global', () => {
    const outcome = resolve(aliasRef('sonnet'), euWest1, 'eu')
    if (!outcome.ok) throw new Error(outcome.cause)
    // Newest first: sonnet 4.6 exists here only as global. (the geography check warns about it).
    expect(outcome.candidates[0].invokeId).toBe(`global.${SONNET_4_6}`)
    expect(outcome.candidates[1]?.invokeId).toBe(`eu.${SONNET_4_5}`)
  })
})

describe('resolveModel: Anthropic API ids map to the Bedrock id of that exact model', () => {
  const firstParty = (raw: string): ModelRef => {
    const oneMillionContext = raw.endsWith('[1m]')
    return {
      kind: 'first-party-id',
      raw,
      anthropicId: raw.replace('[1m]', ''),
      oneMillionContext
    }
  }

  it.each([
    ['claude-opus-4-6', usEast1, 'us', `us.${OPUS_4_6}`],
    ['claude-sonnet-4-5-20250929', usEast1, 'us', `us.${SONNET_4_5}`],
    ['claude-sonnet-4-5', usEast1, 'us', `us.${SONNET_4_5}`],
    ['claude-3-7-sonnet-20250219', euWest1, 'eu', `eu.${SONNET_3_7}`],
    ['claude-3-haiku-20240307', apNortheast1, 'jp', HAIKU_3],
    ['claude-sonnet-4-5-20250929[1m]', apNortheast1, 'jp', `jp.${SONNET_4_5}`]
  ])('%s in %s → %s', (raw, catalogue, prefix, invokeId) => {
    const outcome = resolve(firstParty(raw), catalogue, prefix)
    if (!outcome.ok) throw new Error(outcome.cause)
    expect(outcome.candidates).toHaveLength(1)
    const [model] = outcome.candidates
    expect(model.invokeId).toBe(invokeId)
    expect(model.exportId).toBe(raw.endsWith('[1m]') ? `${invokeId}[1m]` : invokeId)
  })

  it('an id no listed model has: fails naming the family ids offered', () => {
    const outcome = resolve(firstParty('claude-opus-4-6'), euWest1, 'eu')
    expect(outcome.ok).toBe(false)
    if (outcome.ok) return
    expect(outcome.cause).toContain('`claude-opus-4-6` (an Anthropic API model id) matches no')
  })

  it('an explicit prefix the model lacks fails instead of widening', () => {
    const outcome = resolveModel(firstParty('claude-opus-5'), 'main', usEast1, 'us', 'aws', true)
    expect(outcome.ok).toBe(false)
    if (outcome.ok) return
    expect(outcome.cause).toContain(`\`global.${OPUS_5}\``)
  })
})
