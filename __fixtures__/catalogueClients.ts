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
  InvokeModelCommand,
  InvokeModelWithResponseStreamCommand,
  InternalServerException,
  ModelStreamErrorException,
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
  runtime.on(InvokeModelCommand).callsFake(() => invokeAnswer())
  runtime.on(InvokeModelWithResponseStreamCommand).callsFake(() => ({ body: answerStream() }))
  return { bedrockClient, runtimeClient, bedrock, runtime }
}

const encode = (value: unknown): Uint8Array => new TextEncoder().encode(JSON.stringify(value))

/** An InvokeModel answer with an Anthropic Messages body cut at one token. */
export function invokeAnswer() {
  return {
    contentType: 'application/json',
    body: encode({
      type: 'message',
      role: 'assistant',
      content: [{ type: 'text', text: 'p' }],
      stop_reason: 'max_tokens',
      usage: { input_tokens: 8, output_tokens: 1 }
    })
  }
}

/** Anthropic stream events as the SDK yields them (`chunk.bytes`); `message_stop` last unless cut. */
export async function* answerStream(
  options: { cutBeforeStop?: boolean; thenThrow?: Error } = {}
): AsyncGenerator<{ chunk: { bytes: Uint8Array } }> {
  yield { chunk: { bytes: encode({ type: 'message_start', message: { role: 'assistant' } }) } }
  if (options.thenThrow) throw options.thenThrow
  yield {
    chunk: {
      bytes: encode({ type: 'content_block_delta', delta: { type: 'text_delta', text: 'p' } })
    }
  }
  if (!options.cutBeforeStop) yield { chunk: { bytes: encode({ type: 'message_stop' }) } }
}

/** Both probe commands of one runtime stub (optionally for one model id) answer the same way. */
export function onProbes(runtime: ClientStub, input?: { modelId: string }) {
  return {
    rejects(error: Error): void {
      runtime.on(InvokeModelCommand, input).rejects(error)
      runtime.on(InvokeModelWithResponseStreamCommand, input).rejects(error)
    },
    /** `answer` runs for each call; resolve a value to succeed (the stream answers normally). */
    callsFake(
      answer: (
        input: { modelId: string },
        operation: 'InvokeModel' | 'InvokeModelWithResponseStream'
      ) => Promise<unknown>
    ): void {
      runtime.on(InvokeModelCommand, input).callsFake(async (args: { modelId: string }) => {
        await answer(args, 'InvokeModel')
        return invokeAnswer()
      })
      runtime
        .on(InvokeModelWithResponseStreamCommand, input)
        .callsFake(async (args: { modelId: string }) => {
          await answer(args, 'InvokeModelWithResponseStream')
          return { body: answerStream() }
        })
    }
  }
}

/** Model ids the InvokeModel probe was sent to (the stream probe's, with `stream: true`). */
export function probedIds(mocks: RegionMocks, stream = false): string[] {
  const calls = stream
    ? mocks.runtime.commandCalls(InvokeModelWithResponseStreamCommand)
    : mocks.runtime.commandCalls(InvokeModelCommand)
  return calls.map((call) => String(call.args[0].input.modelId))
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
  ModelStreamErrorException,
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
