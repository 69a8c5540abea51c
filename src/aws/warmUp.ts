import { BedrockClient, ListInferenceProfilesCommand } from '@aws-sdk/client-bedrock'
import {
  BedrockRuntimeClient,
  InvokeModelCommand,
  InvokeModelWithResponseStreamCommand
} from '@aws-sdk/client-bedrock-runtime'
import { GetCallerIdentityCommand, STSClient } from '@aws-sdk/client-sts'

/** The body is irrelevant here: the request is serialised and signed, never sent. */
const PROBE_BODY_BYTES = new TextEncoder().encode('{}')

/** Takes every warm-up request and answers it with an error, here: nothing reaches the network. */
const neverSent = {
  handle: (): Promise<never> => Promise.reject(new Error('a warm-up request is never sent')),
  destroy: (): void => undefined
}

/**
 * Client settings whose requests go through the SDK's whole pipeline (signed with placeholder
 * credentials) and never leave the process: for warming up any AWS SDK client.
 */
export function warmUpSettings(region: string) {
  return {
    region,
    credentials: { accessKeyId: 'AKIAWARMUPNOTSENT000', secretAccessKey: 'warm-up-never-sent' },
    requestHandler: neverSent,
    maxAttempts: 1
  }
}

/**
 * Runs one request of each kind the checks send (STS query protocol, Bedrock REST-JSON, the
 * runtime's two probes) through the SDK's whole pipeline, up to a handler that answers in-process.
 *
 * Why: an SDK client's first request in a process pays one-time costs (middleware, endpoint
 * rules, schemas, SigV4 signing) that every later request skips. The action runs this while the
 * OIDC token request is on the wire, so those costs leave the critical path (`npm run bench`).
 * It stops as soon as `idle()` turns false (the token is back: real work comes first). The
 * credentials are placeholders; nothing signed with them leaves the process.
 */
export async function warmUpSdk(region: string, idle: () => boolean): Promise<void> {
  const settings = warmUpSettings(region)
  const requests = [
    () => new STSClient(settings).send(new GetCallerIdentityCommand({})),
    () => new BedrockClient(settings).send(new ListInferenceProfilesCommand({})),
    () =>
      new BedrockRuntimeClient(settings).send(
        new InvokeModelCommand({ modelId: 'warm-up', body: PROBE_BODY_BYTES })
      ),
    () =>
      new BedrockRuntimeClient(settings).send(
        new InvokeModelWithResponseStreamCommand({ modelId: 'warm-up', body: PROBE_BODY_BYTES })
      )
  ]
  for (const request of requests) {
    if (!idle()) return
    await request().catch(() => undefined)
  }
}
