import { diagnoseAwsError } from '../diagnosis/diagnose.js'
import type { DiagnosisContext } from '../diagnosis/types.js'
import { CatalogueLoadError, loadCatalogue, type Catalogue } from '../models/catalogue.js'
import type { BedrockClient } from '@aws-sdk/client-bedrock'
import type { CheckResult } from '../report/types.js'
import { checkNames } from './checkNames.js'
import { diagnosedFields } from './diagnosedCheck.js'

export type CatalogueOutcome =
  | { readonly ok: true; readonly catalogue: Catalogue }
  | {
      readonly ok: false
      readonly operation: DiagnosisContext['operation']
      readonly error: unknown
    }

/** Loads a region's catalogue; never rejects, so callers can start it early and await it later. */
export async function fetchCatalogue(
  client: BedrockClient,
  region: string
): Promise<CatalogueOutcome> {
  try {
    return { ok: true, catalogue: await loadCatalogue(client, region) }
  } catch (error) {
    return error instanceof CatalogueLoadError
      ? { ok: false, operation: error.operation, error: error.cause }
      : { ok: false, operation: 'ListFoundationModels', error }
  }
}

export type DiagnosisBase = Pick<
  DiagnosisContext,
  'region' | 'partition' | 'roleArn' | 'principalArn' | 'accountId' | 'bedrockAuth' | 'apiKeyForm'
>

export function bedrockReachableCheck(
  region: string,
  outcome: CatalogueOutcome,
  base: DiagnosisBase
): CheckResult {
  const names = checkNames.bedrockReachable(region)
  if (outcome.ok) {
    const { foundationModels, profiles } = outcome.catalogue
    return {
      ...names,
      status: 'pass',
      detail: `Listed ${foundationModels.length} Anthropic models and ${profiles.length} inference profiles in ${region}`
    }
  }
  const diagnosis = diagnoseAwsError(outcome.error, {
    ...base,
    region,
    operation: outcome.operation
  })
  return {
    ...names,
    status: 'fail',
    detail: `${outcome.operation} failed in ${region}`,
    ...diagnosedFields(diagnosis)
  }
}
