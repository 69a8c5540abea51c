import http from 'node:http'
import https from 'node:https'
import { agentsFor } from '../aws/agents.js'

/** The parts of a fetch Response that Octokit's request reads (@octokit/request fetch-wrapper). */
interface MinimalResponse {
  readonly status: number
  readonly statusText: string
  readonly url: string
  readonly headers: {
    get(name: string): string | null
    [Symbol.iterator](): Iterator<[string, string]>
  }
  readonly body: null
  text(): Promise<string>
  arrayBuffer(): Promise<ArrayBuffer>
}

const MAX_BODY_BYTES = 256 * 1024

/**
 * A `fetch` for Octokit over node:http(s) with the action's proxy rules (agents.ts), for the one
 * GET the actor check makes. Node's global fetch loads its HTTP client on first use, about 45 ms of
 * CPU measured in the very round trip that loads and compiles the pipeline (docs/performance.md);
 * this one costs nothing to start. Honours `signal` (rejects with its reason, as fetch does).
 */
export function nodeFetch(env: NodeJS.ProcessEnv) {
  return async (
    input: string,
    init: { method?: string; headers?: Record<string, string>; signal?: AbortSignal } = {}
  ): Promise<MinimalResponse> => {
    const url = new URL(input)
    const secure = url.protocol === 'https:'
    const agents = await agentsFor(url, env)
    return new Promise<MinimalResponse>((resolve, reject) => {
      const done = (): void => {
        init.signal?.removeEventListener('abort', abort)
        agents.httpAgent.destroy()
        agents.httpsAgent.destroy()
      }
      const request = (secure ? https : http).request(url, {
        method: init.method ?? 'GET',
        agent: secure ? agents.httpsAgent : agents.httpAgent,
        headers: init.headers ?? {}
      })
      const abort = (): void => {
        request.destroy()
        done()
        reject(init.signal?.reason ?? new DOMException('aborted', 'AbortError'))
      }
      if (init.signal?.aborted === true) return abort()
      init.signal?.addEventListener('abort', abort, { once: true })
      request.on('error', (error) => {
        done()
        reject(new TypeError('fetch failed', { cause: error }))
      })
      request.on('response', (response) => {
        const chunks: Buffer[] = []
        let size = 0
        response.on('data', (chunk: Buffer) => {
          size += chunk.length
          if (size <= MAX_BODY_BYTES) chunks.push(chunk)
        })
        response.on('error', (error) => {
          done()
          reject(new TypeError('fetch failed', { cause: error }))
        })
        response.on('end', () => {
          done()
          const body = Buffer.concat(chunks)
          const headers = new Map<string, string>()
          for (const [name, value] of Object.entries(response.headers)) {
            if (value !== undefined)
              headers.set(name, Array.isArray(value) ? value.join(', ') : value)
          }
          resolve({
            status: response.statusCode ?? 0,
            statusText: response.statusMessage ?? '',
            url: url.toString(),
            headers: {
              get: (name) => headers.get(name.toLowerCase()) ?? null,
              [Symbol.iterator]: () => headers.entries()
            },
            body: null,
            text: () => Promise.resolve(body.toString('utf8')),
            arrayBuffer: () =>
              Promise.resolve(
                body.buffer.slice(body.byteOffset, body.byteOffset + body.byteLength) as ArrayBuffer
              )
          })
        })
      })
      request.end()
    })
  }
}
