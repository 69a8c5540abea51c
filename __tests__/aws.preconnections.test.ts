import http from 'node:http'
import net from 'node:net'
import type { AddressInfo } from 'node:net'
import { agentsFor } from '../src/aws/agents.js'
import { Preconnections } from '../src/aws/preconnections.js'
import { listenOnLoopback, type LoopbackServer } from '../__fixtures__/loopbackServer.ts'

describe('Preconnections', () => {
  let server: LoopbackServer
  let url: URL

  beforeAll(async () => {
    server = await listenOnLoopback(http.createServer((_request, response) => response.end('ok')))
    url = new URL(`http://127.0.0.1:${server.port}`)
  })
  afterAll(() => server.close())
  beforeEach(() => server.resetCount())

  const settled = (): Promise<void> => new Promise((resolve) => setTimeout(resolve, 50))
  /** Polls until `done` holds (or 5 s pass): connection set-up takes longer on a loaded machine. */
  const until = async (done: () => boolean): Promise<void> => {
    for (const deadline = Date.now() + 5000; !done() && Date.now() < deadline;) await settled()
  }

  it('opens the connections asked for and hands each out once', async () => {
    const ready = new Preconnections()
    ready.open(url, 2)
    await until(() => server.accepted() === 2)
    expect(server.accepted()).toBe(2)
    const first = ready.take('http:', '127.0.0.1', url.port)
    const second = ready.take('http:', '127.0.0.1', Number(url.port))
    expect(first).toBeDefined()
    expect(second).toBeDefined()
    expect(second).not.toBe(first)
    expect(ready.take('http:', '127.0.0.1', url.port)).toBeUndefined()
    expect(ready.take('https:', '127.0.0.1', url.port)).toBeUndefined()
    first?.destroy()
    second?.destroy()
  })

  it('closes what nobody took, and leaves taken connections alone', async () => {
    const ready = new Preconnections()
    ready.open(url, 2)
    const taken = ready.take('http:', '127.0.0.1', url.port)
    await until(() => server.accepted() === 2)
    ready.destroy()
    await until(() => server.openConnections() === 1)
    expect(taken?.destroyed).toBe(false)
    expect(server.openConnections()).toBe(1)
    taken?.destroy()
  })

  it('drops a connection that fails, without an unhandled error', async () => {
    const closed = net.createServer()
    await new Promise<void>((resolve) => closed.listen(0, '127.0.0.1', resolve))
    const port = (closed.address() as AddressInfo).port
    await new Promise((resolve) => closed.close(resolve))
    const ready = new Preconnections()
    ready.open(new URL(`http://127.0.0.1:${port}`), 1)
    await settled()
    expect(ready.take('http:', '127.0.0.1', port)).toBeUndefined()
  })

  it('is what the agents use instead of dialling', async () => {
    const ready = new Preconnections()
    ready.open(url, 1)
    await settled()
    const { httpAgent } = await agentsFor(url, {}, { keepAlive: true }, ready)
    const body = await new Promise<string>((resolve, reject) => {
      http
        .get(url, { agent: httpAgent }, (response) => {
          let text = ''
          response.on('data', (chunk: Buffer) => (text += chunk.toString()))
          response.on('end', () => resolve(text))
        })
        .on('error', reject)
    })
    expect(body).toBe('ok')
    expect(server.accepted()).toBe(1)
    httpAgent.destroy()
  })
})
