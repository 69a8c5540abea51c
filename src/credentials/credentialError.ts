import type { Diagnosis } from '../diagnosis/types.js'

/**
 * Getting credentials failed in a way the user must fix. Carries the diagnosis so the report can
 * show cause and fix like any other failed check.
 */
export class CredentialError extends Error {
  readonly diagnosis: Diagnosis

  constructor(diagnosis: Diagnosis) {
    super(diagnosis.cause)
    this.name = 'CredentialError'
    this.diagnosis = diagnosis
  }
}
