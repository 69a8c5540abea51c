import {
  InvokeModelCommand,
  InvokeModelWithResponseStreamCommand,
  type BedrockRuntimeClient,
  type ResponseStream
} from '@aws-sdk/client-bedrock-runtime'

/**
 * The two runtime calls Claude Code makes on Bedrock (its docs: it never calls Converse):
 * `InvokeModel` for its start-up probe and `InvokeModelWithResponseStream` for every turn. IAM
 * authorises them as two actions, so both are proven.
 */
export const PROBE_OPERATIONS = ['InvokeModel', 'InvokeModelWithResponseStream'] as const
export type ProbeOperation = (typeof PROBE_OPERATIONS)[number]

/** The IAM action each probe proves (Bedrock's service authorization reference). */
export const PROBE_ACTION: Readonly<Record<ProbeOperation, string>> = {
  InvokeModel: 'bedrock:InvokeModel',
  InvokeModelWithResponseStream: 'bedrock:InvokeModelWithResponseStream'
}

export type ProbeOutcome =
  | { readonly ok: true }
  | {
      readonly ok: false
      readonly error: unknown
      /** The error arrived as an exception event inside a 200 response stream, not as an HTTP error. */
      readonly inStream: boolean
    }

/**
 * An Anthropic Messages body, as Claude Code sends it on Bedrock (`anthropic_version` in the body,
 * no `model` field): one user message, one output token.
 */
export const PROBE_BODY = JSON.stringify({
  anthropic_version: 'bedrock-2023-05-31',
  max_tokens: 1,
  messages: [{ role: 'user', content: [{ type: 'text', text: 'ping' }] }]
})

const encodedBody = (): Uint8Array => new TextEncoder().encode(PROBE_BODY)

/** Error raised when a response stream ends without Anthropic's `message_stop` event. */
export class IncompleteStreamError extends Error {
  constructor(events: number) {
    super(
      `The response stream ended after ${events} event(s) without a message_stop event: the answer was cut off.`
    )
    this.name = 'IncompleteResponseStream'
  }
}

/** Members of Bedrock's ResponseStream union that carry an error instead of a chunk. */
const EXCEPTION_MEMBERS = [
  'internalServerException',
  'modelStreamErrorException',
  'validationException',
  'throttlingException',
  'modelTimeoutException',
  'serviceUnavailableException'
] as const

/** The SDK throws exception events; a member that reaches us anyway is turned into the same error. */
function exceptionIn(event: ResponseStream): Error | undefined {
  for (const member of EXCEPTION_MEMBERS) {
    const value = (event as unknown as Record<string, unknown>)[member]
    if (value === undefined) continue
    const fields = typeof value === 'object' && value !== null ? value : {}
    const message = (fields as { message?: unknown }).message
    const error = new Error(typeof message === 'string' ? message : member)
    error.name = member.charAt(0).toUpperCase() + member.slice(1)
    return Object.assign(error, fields)
  }
  return undefined
}

function isMessageStop(bytes: Uint8Array | undefined): boolean {
  if (bytes === undefined) return false
  try {
    const event = JSON.parse(new TextDecoder().decode(bytes)) as { type?: unknown }
    return event.type === 'message_stop'
  } catch {
    return false
  }
}

/** One 1-token `InvokeModel`. Never rejects: the outcome is data. */
export async function probeInvokeModel(
  client: BedrockRuntimeClient,
  invokeId: string
): Promise<ProbeOutcome> {
  try {
    await client.send(
      new InvokeModelCommand({
        modelId: invokeId,
        contentType: 'application/json',
        accept: 'application/json',
        body: encodedBody()
      })
    )
    return { ok: true }
  } catch (error) {
    return { ok: false, error, inStream: false }
  }
}

/**
 * One 1-token `InvokeModelWithResponseStream`, read to its end. Bedrock reports throttling,
 * validation and model errors that happen after the 200 as exception events inside the stream;
 * the SDK throws them while the stream is read, so the call only counts when every event was read
 * and the model's `message_stop` arrived.
 */
export async function probeResponseStream(
  client: BedrockRuntimeClient,
  invokeId: string
): Promise<ProbeOutcome> {
  let response
  try {
    response = await client.send(
      new InvokeModelWithResponseStreamCommand({
        modelId: invokeId,
        contentType: 'application/json',
        accept: 'application/json',
        body: encodedBody()
      })
    )
  } catch (error) {
    return { ok: false, error, inStream: false }
  }
  let events = 0
  let stopped = false
  try {
    for await (const event of response.body ?? []) {
      events++
      const exception = exceptionIn(event)
      if (exception !== undefined) return { ok: false, error: exception, inStream: true }
      if (isMessageStop(event.chunk?.bytes)) stopped = true
    }
  } catch (error) {
    return { ok: false, error, inStream: true }
  }
  return stopped
    ? { ok: true }
    : { ok: false, error: new IncompleteStreamError(events), inStream: true }
}

/** The probe of `operation`. */
export function probe(
  operation: ProbeOperation,
  client: BedrockRuntimeClient,
  invokeId: string
): Promise<ProbeOutcome> {
  return operation === 'InvokeModel'
    ? probeInvokeModel(client, invokeId)
    : probeResponseStream(client, invokeId)
}
