// Scripted model turns for tests that drive Claude Code's tools: instead of text, the model answers
// a streamed request with the scenario's next tool call (a `tool_use` block), and the tool results
// Claude Code sends back are kept for the test to read. Only requests that offer the tool get it,
// so Claude Code's background calls (titles, summaries) keep getting plain text.
import { chunkEvent } from './eventStream.ts'
import * as ids from './identifiers.ts'
import type { Reply } from './reply.ts'
import type { ScriptedToolCall } from './scenario.ts'

type Json = Record<string, unknown>

const isObject = (value: unknown): value is Json =>
  typeof value === 'object' && value !== null && !Array.isArray(value)

/** The text of every `tool_result` block in the given messages, in order. */
function toolResultsIn(messages: readonly unknown[]): string[] {
  const results: string[] = []
  for (const message of messages) {
    const content = isObject(message) ? message['content'] : undefined
    if (!Array.isArray(content)) continue
    for (const block of content) {
      if (!isObject(block) || block['type'] !== 'tool_result') continue
      const inner = block['content']
      if (typeof inner === 'string') results.push(inner)
      else if (Array.isArray(inner)) {
        results.push(
          inner
            .map((part) => (isObject(part) && typeof part['text'] === 'string' ? part['text'] : ''))
            .join('')
        )
      }
    }
  }
  return results
}

const messagesOf = (request: Json): unknown[] =>
  Array.isArray(request['messages']) ? request['messages'] : []

/** Every tool result in the conversation so far. */
export function toolResultsOf(request: Json): string[] {
  return toolResultsIn(messagesOf(request))
}

/** The tool results this request brings (its last message's): what the tools just returned. */
export function newToolResults(request: Json): string[] {
  return toolResultsIn(messagesOf(request).slice(-1))
}

function offersTool(request: Json, name: string): boolean {
  const tools = Array.isArray(request['tools']) ? request['tools'] : []
  return tools.some((tool) => isObject(tool) && tool['name'] === name)
}

/**
 * The scripted call for this request, if any: the first one after the tool results already in the
 * conversation, when the request offers that tool.
 */
export function nextToolCall(
  script: readonly ScriptedToolCall[] | undefined,
  request: Json
): ScriptedToolCall | undefined {
  if (script === undefined) return undefined
  const next = script[toolResultsOf(request).length]
  return next !== undefined && offersTool(request, next.name) ? next : undefined
}

/** An InvokeModelWithResponseStream answer whose one content block is the tool call. */
export function toolUseStream(call: ScriptedToolCall, model: string, inputTokens: number): Reply {
  const events: unknown[] = [
    {
      type: 'message_start',
      message: {
        id: `msg_bdrk_${ids.opaqueId(18)}`,
        type: 'message',
        role: 'assistant',
        model,
        content: [],
        stop_reason: null,
        stop_sequence: null,
        usage: { input_tokens: inputTokens, output_tokens: 1 }
      }
    },
    {
      type: 'content_block_start',
      index: 0,
      content_block: {
        type: 'tool_use',
        id: `toolu_bdrk_${ids.opaqueId(20)}`,
        name: call.name,
        input: {}
      }
    },
    {
      type: 'content_block_delta',
      index: 0,
      delta: { type: 'input_json_delta', partial_json: JSON.stringify(call.input) }
    },
    { type: 'content_block_stop', index: 0 },
    {
      type: 'message_delta',
      delta: { stop_reason: 'tool_use', stop_sequence: null },
      usage: { output_tokens: 20 }
    },
    { type: 'message_stop' }
  ]
  return {
    status: 200,
    headers: {
      'content-type': 'application/vnd.amazon.eventstream',
      'x-amzn-bedrock-content-type': 'application/json'
    },
    body: Buffer.concat(events.map(chunkEvent))
  }
}
