// The application/vnd.amazon.eventstream binary framing used by InvokeModelWithResponseStream:
// prelude (total length, headers length, CRC32), string headers, payload, message CRC32.
import { crc32 } from 'node:zlib'

const STRING_HEADER = 7

function encodeHeaders(headers: Record<string, string>): Buffer {
  const parts: Buffer[] = []
  for (const [name, value] of Object.entries(headers)) {
    const nameBytes = Buffer.from(name)
    const valueBytes = Buffer.from(value)
    const head = Buffer.alloc(1 + nameBytes.length + 3)
    head.writeUInt8(nameBytes.length, 0)
    nameBytes.copy(head, 1)
    head.writeUInt8(STRING_HEADER, 1 + nameBytes.length)
    head.writeUInt16BE(valueBytes.length, 2 + nameBytes.length)
    parts.push(head, valueBytes)
  }
  return Buffer.concat(parts)
}

export function encodeEventMessage(headers: Record<string, string>, payload: Buffer): Buffer {
  const headerBytes = encodeHeaders(headers)
  const total = 12 + headerBytes.length + payload.length + 4
  const message = Buffer.alloc(total)
  message.writeUInt32BE(total, 0)
  message.writeUInt32BE(headerBytes.length, 4)
  message.writeUInt32BE(crc32(message.subarray(0, 8)), 8)
  headerBytes.copy(message, 12)
  payload.copy(message, 12 + headerBytes.length)
  message.writeUInt32BE(crc32(message.subarray(0, total - 4)), total - 4)
  return message
}

/** One `chunk` event whose payload carries a model event as base64 `bytes`, as Bedrock sends them. */
export function chunkEvent(modelEvent: unknown): Buffer {
  const bytes = Buffer.from(JSON.stringify(modelEvent)).toString('base64')
  return encodeEventMessage(
    { ':event-type': 'chunk', ':content-type': 'application/json', ':message-type': 'event' },
    Buffer.from(JSON.stringify({ bytes }))
  )
}

/**
 * An exception event, as Bedrock sends errors met after the 200 (throttling, validation, model
 * stream errors): `:message-type` `exception`, `:exception-type` the ResponseStream member name
 * (`throttlingException`, `modelStreamErrorException`, ...), a JSON body with `message`. The SDKs
 * throw it as the modelled exception while the stream is read.
 */
export function exceptionEvent(code: string, fields: Record<string, unknown>): Buffer {
  const member = code.charAt(0).toLowerCase() + code.slice(1)
  return encodeEventMessage(
    {
      ':exception-type': member,
      ':content-type': 'application/json',
      ':message-type': 'exception'
    },
    Buffer.from(JSON.stringify(fields))
  )
}

/** The first event message of an event-stream body (its prelude carries its total length). */
export function firstEventMessage(body: Buffer): Buffer {
  return body.length < 4 ? Buffer.alloc(0) : body.subarray(0, body.readUInt32BE(0))
}
