import {
  BedrockClient,
  GetFoundationModelAvailabilityCommand,
  GetInferenceProfileCommand,
  GetUseCaseForModelAccessCommand,
  ListFoundationModelsCommand,
  ListInferenceProfilesCommand,
  type GetFoundationModelAvailabilityResponse
} from '@aws-sdk/client-bedrock'
import {
  AccessDeniedException,
  BedrockRuntimeClient,
  ConverseCommand,
  InternalServerException,
  ResourceNotFoundException,
  ServiceQuotaExceededException,
  ServiceUnavailableException,
  ThrottlingException,
  ValidationException
} from '@aws-sdk/client-bedrock-runtime'
import { mockClient, type AwsStub } from 'aws-sdk-client-mock'
import type { Catalogue } from '../src/models/catalogue.js'

/**
 * Bedrock control-plane and runtime clients per region, mocked with aws-sdk-client-mock and
 * answering from a fixture catalogue: every model is available and answers unless a test says
 * otherwise.
 */

const FAKE_CREDENTIALS = { accessKeyId: 'AKIDEXAMPLE', secretAccessKey: 'fake-secret' }

// aws-sdk-client-mock's stub types are generic over each client's input/output unions.
// eslint-disable-next-line @typescript-eslint/no-explicit-any
export type ClientStub = AwsStub<any, any, any>

export interface RegionMocks {
  readonly bedrockClient: BedrockClient
  readonly runtimeClient: BedrockRuntimeClient
  readonly bedrock: ClientStub
  readonly runtime: ClientStub
}

export const AVAILABLE: GetFoundationModelAvailabilityResponse = {
  modelId: undefined,
  agreementAvailability: { status: 'AVAILABLE' },
  authorizationStatus: 'AUTHORIZED',
  entitlementAvailability: 'AVAILABLE',
  regionAvailability: 'AVAILABLE'
}

export function mockRegion(catalogue: Catalogue): RegionMocks {
  const bedrockClient = new BedrockClient({
    region: catalogue.region,
    credentials: FAKE_CREDENTIALS
  })
  const runtimeClient = new BedrockRuntimeClient({
    region: catalogue.region,
    credentials: FAKE_CREDENTIALS
  })
  const bedrock = mockClient(bedrockClient)
  const runtime = mockClient(runtimeClient)
  bedrock
    .on(ListFoundationModelsCommand)
    .resolves({ modelSummaries: [...catalogue.foundationModels] })
  bedrock
    .on(ListInferenceProfilesCommand)
    .resolves({ inferenceProfileSummaries: [...catalogue.profiles] })
  bedrock
    .on(GetFoundationModelAvailabilityCommand)
    .callsFake((input: { modelId: string }) => ({ ...AVAILABLE, modelId: input.modelId }))
  // The account has Anthropic's use-case form on file.
  bedrock
    .on(GetUseCaseForModelAccessCommand)
    .resolves({ formData: new TextEncoder().encode('{"companyName":"Octo Org"}') })
  bedrock
    .on(GetInferenceProfileCommand)
    .rejects(awsError('ResourceNotFoundException', 404, 'Inference profile not found'))
  runtime.on(ConverseCommand).resolves({
    output: { message: { role: 'assistant', content: [{ text: 'p' }] } },
    stopReason: 'max_tokens',
    usage: { inputTokens: 8, outputTokens: 1, totalTokens: 9 },
    metrics: { latencyMs: 120 }
  })
  return { bedrockClient, runtimeClient, bedrock, runtime }
}

export function clientsFor(regions: Record<string, RegionMocks>): {
  bedrock(region: string): BedrockClient
  runtime(region: string): BedrockRuntimeClient
} {
  const pick = (region: string): RegionMocks => {
    const mocks = regions[region]
    if (!mocks) throw new Error(`no mocked clients for ${region}`)
    return mocks
  }
  return {
    bedrock: (region) => pick(region).bedrockClient,
    runtime: (region) => pick(region).runtimeClient
  }
}

const EXCEPTIONS = {
  AccessDeniedException,
  ResourceNotFoundException,
  ValidationException,
  ThrottlingException,
  ServiceQuotaExceededException,
  ServiceUnavailableException,
  InternalServerException
} as const

export type ExceptionName = keyof typeof EXCEPTIONS

/** An error exactly as the SDK throws it: the modelled class, HTTP status and request id. */
export function awsError(
  name: ExceptionName,
  httpStatusCode: number,
  message: string,
  requestId = 'req-7f3a'
): Error {
  const Exception = EXCEPTIONS[name]
  return new Exception({ message, $metadata: { httpStatusCode, requestId, attempts: 1 } })
}

/** A promise the test settles by hand, to observe which calls are in flight together. */
export interface Deferred<T> {
  readonly promise: Promise<T>
  resolve(value: T): void
  reject(error: unknown): void
}

export function deferred<T>(): Deferred<T> {
  let resolve!: (value: T) => void
  let reject!: (error: unknown) => void
  const promise = new Promise<T>((res, rej) => {
    resolve = res
    reject = rej
  })
  return { promise, resolve, reject }
}

/** Lets every pending promise callback run (SDK middleware takes several turns). */
export async function settle(): Promise<void> {
  for (let i = 0; i < 20; i++) await new Promise<void>((resolve) => setImmediate(resolve))
}
