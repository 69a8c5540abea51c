// The HTTPS path of connections opened ahead of time: a real TLS server on loopback, trusted for
// this test only, and the https agent taking the connection instead of dialling its own.
import https from 'node:https'
import { readFileSync } from 'node:fs'
import type { AddressInfo } from 'node:net'
import type { TLSSocket } from 'node:tls'
import tls from 'node:tls'
import { agentsFor } from '../src/aws/agents.js'
import { Preconnections } from '../src/aws/preconnections.js'

const fixture = (name: string): string =>
  readFileSync(new URL(`../__fixtures__/tls/${name}`, import.meta.url), 'utf8')

describe('Preconnections over TLS', () => {
  let server: https.Server
  let port = 0
  let handshakes: { servername: string | false | null }[] = []
  const sockets = new Set<TLSSocket>()
  const defaultCertificates = tls.getCACertificates('default')

  beforeAll(async () => {
    tls.setDefaultCACertificates([...defaultCertificates, fixture('localhost-test-only.crt')])
    server = https.createServer(
      { key: fixture('localhost-test-only.key'), cert: fixture('localhost-test-only.crt') },
      (_request, response) => response.end('ok')
    )
    server.on('secureConnection', (socket: TLSSocket) => {
      handshakes.push({ servername: socket.servername })
      sockets.add(socket)
      socket.on('close', () => sockets.delete(socket))
    })
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve))
    port = (server.address() as AddressInfo).port
  })
  afterAll(async () => {
    tls.setDefaultCACertificates(defaultCertificates)
    for (const socket of sockets) socket.destroy()
    await new Promise((resolve) => server.close(resolve))
  })
  beforeEach(() => {
    handshakes = []
  })

  const get = (url: URL, agent: https.Agent): Promise<string> =>
    new Promise((resolve, reject) => {
      https
        .get(url, { agent }, (response) => {
          let text = ''
          response.on('data', (chunk: Buffer) => (text += chunk.toString()))
          response.on('end', () => resolve(text))
        })
        .on('error', reject)
    })

  it.each([
    ['a host name (SNI sent, certificate checked against it)', 'localhost', 'localhost'],
    ['an IP address (no SNI, as the https agent does)', '127.0.0.1', false]
  ])('serves the request on the early connection to %s', async (_case, host, servername) => {
    const url = new URL(`https://${host}:${port}`)
    const ready = new Preconnections()
    ready.open(url, 1)
    const { httpsAgent } = await agentsFor(url, {}, { keepAlive: true }, ready)
    expect(await get(url, httpsAgent)).toBe('ok')
    // One handshake: the early one. The agent never dialled a connection of its own.
    expect(handshakes).toEqual([{ servername }])
    httpsAgent.destroy()
    ready.destroy()
  })

  it('drops an early connection whose certificate does not verify; the request then fails as it would have', async () => {
    tls.setDefaultCACertificates(defaultCertificates)
    try {
      const url = new URL(`https://localhost:${port}`)
      const ready = new Preconnections()
      ready.open(url, 1)
      await new Promise((resolve) => setTimeout(resolve, 100))
      expect(ready.take('https:', 'localhost', port)).toBeUndefined()
      const { httpsAgent } = await agentsFor(url, {}, {}, ready)
      await expect(get(url, httpsAgent)).rejects.toThrow(/self-signed|self signed/)
      httpsAgent.destroy()
    } finally {
      tls.setDefaultCACertificates([...defaultCertificates, fixture('localhost-test-only.crt')])
    }
  })
})
