import type { BedrockClient, InferenceProfileSummary } from '@aws-sdk/client-bedrock'
import type { BedrockRuntimeClient } from '@aws-sdk/client-bedrock-runtime'
import type { BedrockAuth } from '../aws/bedrockAuth.js'
import { decorrelatedJitter, DEFAULT_RETRY_BUDGET } from '../aws/retryPolicy.js'
import { isTransient } from '../diagnosis/transient.js'
import { CatalogueLoadError, loadApplicationProfile } from '../models/catalogue.js'
import { fetchCatalogue, type CatalogueOutcome } from './bedrockReachable.js'
import {
  fetchAvailability,
  fetchUseCase,
  type AvailabilityOutcome,
  type UseCaseState
} from './modelAccess.js'
import { probe, type ProbeOperation, type ProbeOutcome } from './modelProbes.js'

/** Attempts of a streamed probe whose stream carried a transient exception event. */
const IN_STREAM_ATTEMPTS = 3

/** SDK clients per region, built by the caller with the credentials and endpoints to use. */
export interface ModelClients {
  /** Which Bedrock calls carry the API key; absent means SigV4 everywhere. */
  readonly bedrockAuth?: BedrockAuth
  bedrock(region: string): BedrockClient
  runtime(region: string): BedrockRuntimeClient
}

export type ApplicationProfileOutcome =
  | { readonly ok: true; readonly profile: InferenceProfileSummary }
  | { readonly ok: false; readonly error: unknown }

/**
 * Every AWS call the model checks make, memoised: when main and small share a region or a model,
 * each call still happens once. Results are outcome records, never rejections, so a call can be
 * started early and awaited later without an unhandled rejection.
 */
export class ModelCalls {
  readonly #clients: ModelClients
  readonly #bedrock = new Map<string, BedrockClient>()
  readonly #runtime = new Map<string, BedrockRuntimeClient>()
  readonly #results = new Map<string, Promise<unknown>>()

  readonly #sleep: (ms: number) => Promise<void>

  constructor(
    clients: ModelClients,
    sleep: (ms: number) => Promise<void> = (ms) => new Promise((r) => setTimeout(r, ms))
  ) {
    this.#clients = clients
    this.#sleep = sleep
  }

  #once<T>(key: string, call: () => Promise<T>): Promise<T> {
    let result = this.#results.get(key) as Promise<T> | undefined
    if (!result) {
      result = call()
      this.#results.set(key, result)
    }
    return result
  }

  #bedrockClient(region: string): BedrockClient {
    let client = this.#bedrock.get(region)
    if (!client) {
      client = this.#clients.bedrock(region)
      this.#bedrock.set(region, client)
    }
    return client
  }

  #runtimeClient(region: string): BedrockRuntimeClient {
    let client = this.#runtime.get(region)
    if (!client) {
      client = this.#clients.runtime(region)
      this.#runtime.set(region, client)
    }
    return client
  }

  catalogue(region: string): Promise<CatalogueOutcome> {
    return this.#once(`catalogue ${region}`, () =>
      fetchCatalogue(this.#bedrockClient(region), region)
    )
  }

  applicationProfile(region: string, arn: string): Promise<ApplicationProfileOutcome> {
    return this.#once(`application-profile ${region} ${arn}`, async () => {
      try {
        return { ok: true, profile: await loadApplicationProfile(this.#bedrockClient(region), arn) }
      } catch (error) {
        return { ok: false, error: error instanceof CatalogueLoadError ? error.cause : error }
      }
    })
  }

  availability(region: string, foundationModelId: string): Promise<AvailabilityOutcome> {
    return this.#once(`availability ${region} ${foundationModelId}`, () =>
      fetchAvailability(this.#bedrockClient(region), foundationModelId)
    )
  }

  /** The account's use-case form: one per account, asked once per region's endpoint. */
  useCase(region: string): Promise<UseCaseState> {
    return this.#once(`use-case ${region}`, () => fetchUseCase(this.#bedrockClient(region)))
  }

  /**
   * One 1-token probe; the same model and operation is called once per run, whoever asks. The SDK
   * retries HTTP errors; an exception event inside a stream arrives after the 200, beyond its
   * retries, so a transient one (throttling, a model stream error) is retried here the same way.
   */
  probe(region: string, invokeId: string, operation: ProbeOperation): Promise<ProbeOutcome> {
    return this.#once(`${operation} ${region} ${invokeId}`, async () => {
      let delay = 0
      for (let retry = 0; ; retry++) {
        const outcome = await probe(operation, this.#runtimeClient(region), invokeId)
        if (outcome.ok || !outcome.inStream || !isTransient(outcome.error)) return outcome
        if (retry + 1 >= IN_STREAM_ATTEMPTS) return outcome
        delay = decorrelatedJitter(delay, DEFAULT_RETRY_BUDGET, Math.random)
        await this.#sleep(delay)
      }
    })
  }
}
