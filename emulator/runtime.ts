// Bedrock runtime: Converse, InvokeModel, InvokeModelWithResponseStream, CountTokens. Decides
// like Bedrock: resolve the model identifier in the region, check IAM on every resource the call
// touches (profile and each destination region's foundation model), then the account's access.
import { invocationAccessError } from './access.ts'
import type { BedrockCall } from './bedrockCall.ts'
import {
  findModelInRegion,
  findProfile,
  foundationModelArn,
  parseBedrockArn,
  partitionOf,
  regionlessModelArn
} from './catalogue.ts'
import { awsError, jsonErrorReply, type AwsError } from './errors.ts'
import { chunkEvent } from './eventStream.ts'
import * as ids from './identifiers.ts'
import { authorize } from './policy.ts'
import { jsonReply, type Reply } from './reply.ts'
import type { CatalogueModel } from './scenario.ts'
import { newToolResults, nextToolCall, toolUseStream } from './scriptedTurns.ts'

export type RuntimeOperation =
  'Converse' | 'InvokeModel' | 'InvokeModelWithResponseStream' | 'CountTokens'

const IAM_ACTION: Record<RuntimeOperation, string> = {
  Converse: 'bedrock:InvokeModel',
  InvokeModel: 'bedrock:InvokeModel',
  InvokeModelWithResponseStream: 'bedrock:InvokeModelWithResponseStream',
  CountTokens: 'bedrock:CountTokens'
}

const validation = (message: string): AwsError => awsError(400, 'ValidationException', message)
const invalidIdentifier = (): AwsError => validation('The provided model identifier is invalid.')

interface Target {
  model: CatalogueModel
  /** Every ARN IAM checks: the profile (if any) and the foundation model in each destination region. */
  resources: string[]
}

function resolveTarget(call: BedrockCall, operation: RuntimeOperation): Target | AwsError {
  const identifier = call.label ?? ''
  const arn = parseBedrockArn(identifier)
  if (!arn || arn.resourceType !== 'foundation-model') {
    const profile = findProfile(call.scenario, call.region, identifier)
    if (profile?.type === 'SYSTEM_DEFINED' && profile.id.startsWith('global.')) {
      // AWS's IAM requirements for global profiles: the profile, the model in the source region,
      // and the region-less model ARN every routed request is authorised against.
      const modelId = profile.model.modelId
      return {
        model: profile.model,
        resources: [
          profile.arn,
          foundationModelArn(call.region, modelId),
          regionlessModelArn(partitionOf(call.region), modelId)
        ]
      }
    }
    if (profile) return { model: profile.model, resources: [profile.arn, ...profile.modelArns] }
    if (arn) return invalidIdentifier()
  }
  const model = findModelInRegion(call.scenario, call.region, identifier)
  if (!model) return invalidIdentifier()
  const onDemand =
    model.inferenceTypesSupported.includes('ON_DEMAND') &&
    model.onDemandRegions.includes(call.region)
  if (!onDemand && operation !== 'CountTokens') {
    return validation(
      `Invocation of model ID ${model.modelId} with on-demand throughput isn\u2019t supported. Retry your request with the ID or ARN of an inference profile that contains this model.`
    )
  }
  return { model, resources: [foundationModelArn(call.region, model.modelId)] }
}

type Json = Record<string, unknown>

function parseBody(body: Buffer): Json | undefined {
  try {
    const value: unknown = JSON.parse(body.toString('utf8'))
    return typeof value === 'object' && value !== null && !Array.isArray(value)
      ? (value as Json)
      : undefined
  } catch {
    return undefined
  }
}

/** Roughly four characters a token, counted over the text of messages and system prompts. */
function estimateTokens(...values: unknown[]): number {
  let characters = 0
  const visit = (value: unknown, key?: string): void => {
    if (typeof value === 'string') {
      if (key === 'text' || key === 'content' || key === undefined) characters += value.length
    } else if (Array.isArray(value)) {
      value.forEach((item) => visit(item, key === 'content' || key === 'system' ? undefined : key))
    } else if (typeof value === 'object' && value !== null) {
      for (const [name, item] of Object.entries(value)) visit(item, name)
    }
  }
  values.forEach((value) => visit(value, 'system'))
  return Math.max(1, Math.ceil(characters / 4))
}

interface Completion {
  text: string
  inputTokens: number
  outputTokens: number
  cacheReadInputTokens: number
  cacheWriteInputTokens: number
  /** True when max tokens cut the answer short. */
  truncated: boolean
}

function complete(call: BedrockCall, maxTokens: number, inputTokens: number): Completion {
  const words = call.scenario.replyText.split(/\s+/).filter(Boolean)
  const outputTokens = Math.min(maxTokens, words.length)
  return {
    text: words.slice(0, outputTokens).join(' '),
    inputTokens,
    outputTokens,
    cacheReadInputTokens: 0,
    cacheWriteInputTokens: 0,
    truncated: outputTokens < words.length
  }
}

/** An Anthropic Messages completion, its prompt split by the account's prompt cache. */
function completeAnthropic(
  call: BedrockCall,
  model: CatalogueModel,
  request: Json,
  maxTokens: number
): Completion {
  const total = estimateTokens(request['messages'], request['system'])
  const result = complete(call, maxTokens, total)
  if (!call.promptCache) return result
  const split = call.promptCache.split(
    call.scenario.account,
    model.modelId,
    request,
    total,
    estimateTokens(request['system'])
  )
  return { ...result, ...split }
}

/** Attaches what the invocation log records of an answered call (see invocationLog.ts). */
function withInvocation(reply: Reply, result: Completion): Reply {
  return {
    ...reply,
    invocation: {
      modelId: '',
      usage: {
        inputTokens: result.inputTokens,
        outputTokens: result.outputTokens,
        cacheReadInputTokens: result.cacheReadInputTokens,
        cacheWriteInputTokens: result.cacheWriteInputTokens
      }
    }
  }
}

/** The Converse-shaped body (also what non-Anthropic models such as Nova return from invoke). */
function converseBody(result: Completion): Record<string, unknown> {
  return {
    output: { message: { role: 'assistant', content: [{ text: result.text }] } },
    stopReason: result.truncated ? 'max_tokens' : 'end_turn',
    usage: {
      inputTokens: result.inputTokens,
      outputTokens: result.outputTokens,
      totalTokens: result.inputTokens + result.outputTokens
    }
  }
}

const latencyOf = (call: BedrockCall): number => Math.max(1, Date.now() - call.receivedAt)

function converse(call: BedrockCall): Reply | AwsError {
  const request = parseBody(call.body)
  const messages = request?.['messages']
  if (!request || !Array.isArray(messages) || messages.length === 0) {
    return validation(
      'A conversation must start with a user message. Try again with a conversation that starts with a user message.'
    )
  }
  const first = messages[0] as Json | undefined
  if (first?.['role'] !== 'user') {
    return validation(
      'A conversation must start with a user message. Try again with a conversation that starts with a user message.'
    )
  }
  const config = (request['inferenceConfig'] ?? {}) as Json
  const maxTokens = typeof config['maxTokens'] === 'number' ? config['maxTokens'] : 4096
  if (maxTokens < 1) {
    return validation(
      `1 validation error detected: Value '${maxTokens}' at 'inferenceConfig.maxTokens' failed to satisfy constraint: Member must have value greater than or equal to 1`
    )
  }
  const result = complete(call, maxTokens, estimateTokens(messages, request['system']))
  return withInvocation(
    jsonReply(200, { ...converseBody(result), metrics: { latencyMs: latencyOf(call) } }),
    result
  )
}

/** Anthropic Messages request checks, with Bedrock's "Malformed input request" wording. */
function anthropicRequest(call: BedrockCall): { request: Json; maxTokens: number } | AwsError {
  const request = parseBody(call.body)
  if (!request)
    return validation('Malformed input request, please reformat your input and try again.')
  for (const key of ['anthropic_version', 'max_tokens', 'messages']) {
    if (!(key in request)) {
      return validation(
        `Malformed input request: #: required key [${key}] not found, please reformat your input and try again.`
      )
    }
  }
  const maxTokens = request['max_tokens']
  if (typeof maxTokens !== 'number' || maxTokens < 1 || !Array.isArray(request['messages'])) {
    return validation(
      'Malformed input request: #/max_tokens: expected minimum: 1, please reformat your input and try again.'
    )
  }
  return { request, maxTokens }
}

/** The Anthropic API's model name inside Bedrock responses, e.g. claude-sonnet-4-5-20250929. */
const anthropicModelName = (modelId: string): string =>
  modelId.replace(/^anthropic\./, '').replace(/-v\d+(:\d+)?$/, '')

function invokeModel(call: BedrockCall, model: CatalogueModel): Reply | AwsError {
  if (model.providerName !== 'Anthropic') {
    const request = parseBody(call.body)
    if (!request)
      return validation('Malformed input request, please reformat your input and try again.')
    const config = (request['inferenceConfig'] ?? {}) as Json
    const maxTokens = typeof config['max_new_tokens'] === 'number' ? config['max_new_tokens'] : 4096
    const result = complete(call, maxTokens, estimateTokens(request['messages']))
    return withInvocation(jsonReply(200, converseBody(result)), result)
  }
  const parsed = anthropicRequest(call)
  if ('code' in parsed) return parsed
  const result = completeAnthropic(call, model, parsed.request, parsed.maxTokens)
  const reply = jsonReply(
    200,
    {
      id: `msg_bdrk_${ids.opaqueId(18)}`,
      type: 'message',
      role: 'assistant',
      model: anthropicModelName(model.modelId),
      content: [{ type: 'text', text: result.text }],
      stop_reason: result.truncated ? 'max_tokens' : 'end_turn',
      stop_sequence: null,
      usage: {
        input_tokens: result.inputTokens,
        cache_creation_input_tokens: result.cacheWriteInputTokens,
        cache_read_input_tokens: result.cacheReadInputTokens,
        output_tokens: result.outputTokens
      }
    },
    {
      'x-amzn-bedrock-input-token-count': String(result.inputTokens),
      'x-amzn-bedrock-output-token-count': String(result.outputTokens),
      'x-amzn-bedrock-invocation-latency': String(latencyOf(call))
    }
  )
  return withInvocation(reply, result)
}

function invokeModelWithResponseStream(call: BedrockCall, model: CatalogueModel): Reply | AwsError {
  if (model.providerName !== 'Anthropic')
    return validation('The model does not support streaming in the emulator.')
  const parsed = anthropicRequest(call)
  if ('code' in parsed) return parsed
  call.recordToolResults?.(newToolResults(parsed.request))
  const scripted = nextToolCall(call.scenario.toolCalls, parsed.request)
  if (scripted) {
    const inputTokens = estimateTokens(parsed.request['messages'], parsed.request['system'])
    return toolUseStream(scripted, anthropicModelName(model.modelId), inputTokens)
  }
  const result = completeAnthropic(call, model, parsed.request, parsed.maxTokens)
  const words = result.text.split(' ').filter(Boolean)
  const events: unknown[] = [
    {
      type: 'message_start',
      message: {
        id: `msg_bdrk_${ids.opaqueId(18)}`,
        type: 'message',
        role: 'assistant',
        model: anthropicModelName(model.modelId),
        content: [],
        stop_reason: null,
        stop_sequence: null,
        usage: {
          input_tokens: result.inputTokens,
          cache_creation_input_tokens: result.cacheWriteInputTokens,
          cache_read_input_tokens: result.cacheReadInputTokens,
          output_tokens: 1
        }
      }
    },
    { type: 'content_block_start', index: 0, content_block: { type: 'text', text: '' } },
    ...words.map((word, i) => ({
      type: 'content_block_delta',
      index: 0,
      delta: { type: 'text_delta', text: i === 0 ? word : ` ${word}` }
    })),
    { type: 'content_block_stop', index: 0 },
    {
      type: 'message_delta',
      delta: { stop_reason: result.truncated ? 'max_tokens' : 'end_turn', stop_sequence: null },
      usage: { output_tokens: result.outputTokens }
    },
    {
      type: 'message_stop',
      'amazon-bedrock-invocationMetrics': {
        inputTokenCount: result.inputTokens,
        outputTokenCount: result.outputTokens,
        cacheReadInputTokenCount: result.cacheReadInputTokens,
        cacheWriteInputTokenCount: result.cacheWriteInputTokens,
        invocationLatency: latencyOf(call),
        firstByteLatency: latencyOf(call)
      }
    }
  ]
  return withInvocation(
    {
      status: 200,
      headers: {
        'content-type': 'application/vnd.amazon.eventstream',
        'x-amzn-bedrock-content-type': 'application/json'
      },
      body: Buffer.concat(events.map(chunkEvent))
    },
    result
  )
}

function countTokens(call: BedrockCall): Reply | AwsError {
  const input = parseBody(call.body)?.['input'] as Json | undefined
  const invoke = input?.['invokeModel'] as Json | undefined
  const converseInput = input?.['converse'] as Json | undefined
  if (typeof invoke?.['body'] === 'string') {
    const decoded = parseBody(Buffer.from(invoke['body'], 'base64'))
    if (!decoded)
      return validation('Malformed input request, please reformat your input and try again.')
    return jsonReply(200, { inputTokens: estimateTokens(decoded['messages'], decoded['system']) })
  }
  if (converseInput && Array.isArray(converseInput['messages'])) {
    return jsonReply(200, {
      inputTokens: estimateTokens(converseInput['messages'], converseInput['system'])
    })
  }
  return validation(
    'The input is invalid: provide input.invokeModel.body or input.converse.messages.'
  )
}

function run(operation: RuntimeOperation, call: BedrockCall): Reply | AwsError {
  const target = resolveTarget(call, operation)
  if ('code' in target) return target
  const denied = authorize({
    principalArn: call.principal.arn,
    statements: call.statements,
    scpDeniedRegions: call.scenario.scpDeniedRegions,
    scpAllowedRegions: call.scenario.scpAllowedRegions,
    action: IAM_ACTION[operation],
    resources: target.resources
  })
  if (denied) return denied
  if (operation === 'CountTokens') return countTokens(call)
  const refused = invocationAccessError(call.scenario, target.model)
  if (refused) return refused
  const outcome =
    operation === 'Converse'
      ? converse(call)
      : operation === 'InvokeModel'
        ? invokeModel(call, target.model)
        : invokeModelWithResponseStream(call, target.model)
  return 'body' in outcome && outcome.invocation
    ? { ...outcome, invocation: { ...outcome.invocation, modelId: loggedModelId(target, call) } }
    : outcome
}

/** Bedrock logs a profile call under the profile's ARN, a base-model call under the model id. */
function loggedModelId(target: Target, call: BedrockCall): string {
  const [first] = target.resources
  return first !== undefined && first.includes('inference-profile/')
    ? first
    : (call.label ?? target.model.modelId)
}

export function handleRuntime(operation: RuntimeOperation, call: BedrockCall): Reply {
  const outcome = run(operation, call)
  return 'body' in outcome ? outcome : jsonErrorReply(outcome, call.requestId)
}
