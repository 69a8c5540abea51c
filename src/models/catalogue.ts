import {
  GetInferenceProfileCommand,
  ListFoundationModelsCommand,
  paginateListInferenceProfiles,
  type BedrockClient,
  type FoundationModelSummary,
  type InferenceProfileSummary
} from '@aws-sdk/client-bedrock'

/**
 * What Bedrock offers in one region: the Anthropic foundation models and the inference profiles.
 * Application profiles are not listed wholesale (an account can have thousands); the ones the user
 * names are fetched with `loadApplicationProfile` and added with `withProfile`.
 */
export interface Catalogue {
  readonly region: string
  readonly foundationModels: readonly FoundationModelSummary[]
  readonly profiles: readonly InferenceProfileSummary[]
}

export type CatalogueOperation =
  'ListFoundationModels' | 'ListInferenceProfiles' | 'GetInferenceProfile'

/** A control-plane call failed; keeps which one, so the diagnosis can name the missing permission. */
export class CatalogueLoadError extends Error {
  readonly operation: CatalogueOperation
  override readonly cause: unknown

  constructor(operation: CatalogueOperation, cause: unknown) {
    super(`${operation} failed: ${cause instanceof Error ? cause.message : String(cause)}`)
    this.name = 'CatalogueLoadError'
    this.operation = operation
    this.cause = cause
  }
}

async function tagged<T>(operation: CatalogueOperation, work: () => Promise<T>): Promise<T> {
  try {
    return await work()
  } catch (error) {
    throw new CatalogueLoadError(operation, error)
  }
}

/** The API's largest page: the service default is small, and every further page is a round trip. */
export const PROFILES_PAGE_SIZE = 1000

async function listSystemProfiles(client: BedrockClient): Promise<InferenceProfileSummary[]> {
  const profiles: InferenceProfileSummary[] = []
  for await (const page of paginateListInferenceProfiles(
    { client },
    { typeEquals: 'SYSTEM_DEFINED', maxResults: PROFILES_PAGE_SIZE }
  )) {
    profiles.push(...(page.inferenceProfileSummaries ?? []))
  }
  return profiles
}

/** Both listings run at once: they are independent and each costs a round trip. */
export async function loadCatalogue(client: BedrockClient, region: string): Promise<Catalogue> {
  const [models, profiles] = await Promise.all([
    tagged('ListFoundationModels', () =>
      client.send(new ListFoundationModelsCommand({ byProvider: 'Anthropic' }))
    ),
    tagged('ListInferenceProfiles', () => listSystemProfiles(client))
  ])
  return { region, foundationModels: models.modelSummaries ?? [], profiles }
}

/** Fetches one application inference profile by ARN (its `models` name the foundation model). */
export async function loadApplicationProfile(
  client: BedrockClient,
  arn: string
): Promise<InferenceProfileSummary> {
  const response = await tagged('GetInferenceProfile', () =>
    client.send(new GetInferenceProfileCommand({ inferenceProfileIdentifier: arn }))
  )
  // The same fields as a listed profile, without the response metadata.
  return {
    inferenceProfileName: response.inferenceProfileName,
    description: response.description,
    createdAt: response.createdAt,
    updatedAt: response.updatedAt,
    inferenceProfileArn: response.inferenceProfileArn,
    models: response.models,
    inferenceProfileId: response.inferenceProfileId,
    status: response.status,
    type: response.type
  }
}

/** A catalogue that also knows `profile` (an application profile fetched on demand). */
export function withProfile(catalogue: Catalogue, profile: InferenceProfileSummary): Catalogue {
  return { ...catalogue, profiles: [...catalogue.profiles, profile] }
}
