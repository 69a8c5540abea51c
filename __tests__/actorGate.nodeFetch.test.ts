import http from 'node:http'
import type { AddressInfo } from 'node:net'
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals'
import { nodeFetch } from '../src/actorGate/nodeFetch.js'

let server: http.Server
let base = ''
beforeAll(async () => {
  server = http.createServer((request, response) => {
    if (request.url === '/slow') return // never answers
    response.setHeader('content-type', 'application/json; charset=utf-8')
    response.setHeader('x-ratelimit-remaining', '0')
    response.statusCode = request.url === '/missing' ? 404 : 200
    response.end(JSON.stringify({ auth: request.headers.authorization ?? null }))
  })
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve))
  base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`
})
afterAll(async () => {
  server.closeAllConnections()
  await new Promise((resolve) => server.close(resolve))
})

describe('nodeFetch (the actor check transport)', () => {
  const fetch = nodeFetch({})

  it('answers as fetch does: status, headers, body, request headers sent', async () => {
    const response = await fetch(`${base}/ok`, { headers: { authorization: 'token t' } })
    expect(response.status).toBe(200)
    expect(response.headers.get('Content-Type')).toBe('application/json; charset=utf-8')
    expect(Object.fromEntries(response.headers)['x-ratelimit-remaining']).toBe('0')
    expect(JSON.parse(await response.text())).toEqual({ auth: 'token t' })
    expect((await fetch(`${base}/missing`)).status).toBe(404)
  })

  it('rejects with the signal reason on a timeout, and with a TypeError on a network error', async () => {
    await expect(fetch(`${base}/slow`, { signal: AbortSignal.timeout(50) })).rejects.toMatchObject({
      name: 'TimeoutError'
    })
    await expect(fetch('http://127.0.0.1:1/')).rejects.toBeInstanceOf(TypeError)
  })
})
