// What Bedrock offers in a region, derived from the scenario's catalogue: foundation models,
// system (cross-region) inference profiles and the account's application profiles.
import type { CatalogueModel, Geography, Scenario } from './scenario.ts'

export function partitionOf(region: string): string {
  if (region.startsWith('us-gov-')) return 'aws-us-gov'
  if (region.startsWith('cn-')) return 'aws-cn'
  return 'aws'
}

export const foundationModelArn = (region: string, modelId: string): string =>
  `arn:${partitionOf(region)}:bedrock:${region}::foundation-model/${modelId}`

/**
 * The region-less foundation-model ARN a global profile routes through
 * (`arn:aws:bedrock:::foundation-model/<id>`): IAM evaluates it, with `aws:RequestedRegion`
 * `unspecified`, for every request a global profile sends to another region.
 */
export const regionlessModelArn = (partition: string, modelId: string): string =>
  `arn:${partition}:bedrock:::foundation-model/${modelId}`

export function findModel(scenario: Scenario, modelId: string): CatalogueModel | undefined {
  return scenario.catalogue.models.find((model) => model.modelId === modelId)
}

function geography(scenario: Scenario, prefix: string): Geography | undefined {
  return scenario.catalogue.geographies.find((geo) => geo.prefix === prefix)
}

/** Regions whose ListFoundationModels shows the model: on-demand regions and geography profiles' regions. */
export function modelRegions(scenario: Scenario, model: CatalogueModel): Set<string> {
  const regions = new Set(model.onDemandRegions)
  for (const prefix of model.profiles) {
    if (prefix === 'global') continue
    for (const region of geography(scenario, prefix)?.regions ?? []) regions.add(region)
  }
  return regions
}

export function modelsInRegion(scenario: Scenario, region: string): CatalogueModel[] {
  return scenario.catalogue.models.filter((model) => modelRegions(scenario, model).has(region))
}

export function modelSummary(model: CatalogueModel, region: string): Record<string, unknown> {
  return {
    modelArn: foundationModelArn(region, model.modelId),
    modelId: model.modelId,
    modelName: model.modelName,
    providerName: model.providerName,
    inputModalities: model.inputModalities,
    outputModalities: model.outputModalities,
    responseStreamingSupported: model.responseStreamingSupported,
    customizationsSupported: model.customizationsSupported,
    inferenceTypesSupported: model.inferenceTypesSupported,
    modelLifecycle: model.lifecycle
  }
}

export interface ProfileView {
  id: string
  arn: string
  name: string
  description: string
  type: 'SYSTEM_DEFINED' | 'APPLICATION'
  model: CatalogueModel
  /** One foundation-model ARN per destination region. */
  modelArns: string[]
  createdAt: string
  updatedAt: string
}

function regionList(regions: string[]): string {
  return regions.length < 2
    ? (regions[0] ?? '')
    : `${regions.slice(0, -1).join(', ')} and ${regions.at(-1)}`
}

function systemProfile(
  scenario: Scenario,
  region: string,
  model: CatalogueModel,
  geo: Geography
): ProfileView {
  const id = `${geo.prefix}.${model.modelId}`
  return {
    id,
    arn: `arn:${partitionOf(region)}:bedrock:${region}:${scenario.account}:inference-profile/${id}`,
    name: `${geo.label} ${model.providerName} ${model.modelName}`,
    description: `Routes requests to ${model.providerName} ${model.modelName} in ${regionList(geo.regions)}.`,
    type: 'SYSTEM_DEFINED',
    model,
    modelArns: [
      ...geo.regions.map((destination) => foundationModelArn(destination, model.modelId)),
      ...(geo.prefix === 'global' ? [regionlessModelArn(partitionOf(region), model.modelId)] : [])
    ],
    createdAt: model.lifecycle.startOfLifeTime,
    updatedAt: model.lifecycle.startOfLifeTime
  }
}

export function systemProfilesInRegion(scenario: Scenario, region: string): ProfileView[] {
  const profiles: ProfileView[] = []
  for (const model of scenario.catalogue.models) {
    for (const prefix of model.profiles) {
      const geo = geography(scenario, prefix)
      if (geo?.regions.includes(region)) profiles.push(systemProfile(scenario, region, model, geo))
    }
  }
  return profiles
}

const APPLICATION_PROFILE_CREATED = '2026-01-15T09:30:00Z'

export function applicationProfilesInRegion(scenario: Scenario, region: string): ProfileView[] {
  const profiles: ProfileView[] = []
  for (const spec of scenario.applicationProfiles) {
    if (spec.region !== region) continue
    const source = systemProfilesInRegion(scenario, region).find((p) => p.id === spec.source)
    const model = source?.model ?? findModel(scenario, spec.source)
    if (!model) continue
    profiles.push({
      id: spec.id,
      arn: `arn:${partitionOf(region)}:bedrock:${region}:${scenario.account}:application-inference-profile/${spec.id}`,
      name: spec.name,
      description: spec.description ?? '',
      type: 'APPLICATION',
      model,
      modelArns: source ? source.modelArns : [foundationModelArn(region, model.modelId)],
      createdAt: APPLICATION_PROFILE_CREATED,
      updatedAt: APPLICATION_PROFILE_CREATED
    })
  }
  return profiles
}

export function profileSummary(profile: ProfileView): Record<string, unknown> {
  return {
    inferenceProfileName: profile.name,
    inferenceProfileId: profile.id,
    inferenceProfileArn: profile.arn,
    description: profile.description,
    status: 'ACTIVE',
    type: profile.type,
    models: profile.modelArns.map((modelArn) => ({ modelArn })),
    createdAt: profile.createdAt,
    updatedAt: profile.updatedAt
  }
}

interface ParsedArn {
  partition: string
  region: string
  account: string
  resourceType: string
  resourceId: string
}

export function parseBedrockArn(arn: string): ParsedArn | undefined {
  const match = /^arn:([\w-]+):bedrock:([\w-]*):(\d*):([\w-]+)\/(.+)$/.exec(arn)
  if (!match) return undefined
  const [, partition = '', region = '', account = '', resourceType = '', resourceId = ''] = match
  return { partition, region, account, resourceType, resourceId }
}

/** A profile by id or ARN (system or application) as GetInferenceProfile sees it in a region. */
export function findProfile(
  scenario: Scenario,
  region: string,
  identifier: string
): ProfileView | undefined {
  const all = [
    ...systemProfilesInRegion(scenario, region),
    ...applicationProfilesInRegion(scenario, region)
  ]
  return all.find((profile) => profile.id === identifier || profile.arn === identifier)
}

/** A base model id or foundation-model ARN of this region. */
export function findModelInRegion(
  scenario: Scenario,
  region: string,
  identifier: string
): CatalogueModel | undefined {
  const arn = parseBedrockArn(identifier)
  if (arn) {
    const matches =
      arn.resourceType === 'foundation-model' &&
      arn.region === region &&
      arn.partition === partitionOf(region)
    return matches ? findModelInRegion(scenario, region, arn.resourceId) : undefined
  }
  const model = findModel(scenario, identifier)
  return model && modelRegions(scenario, model).has(region) ? model : undefined
}
