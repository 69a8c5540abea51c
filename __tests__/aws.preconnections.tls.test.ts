// The HTTPS path of connections opened ahead of time: a real TLS server on loopback, trusted for
// this test only, and the https agent taking the connection instead of dialling its own.
import https from 'node:https'
import { readFileSync } from 'node:fs'
import type { TLSSocket } from 'node:tls'
import tls from 'node:tls'
import { agentsFor } from '../src/aws/agents.js'
import { Preconnections } from '../src/aws/preconnections.js'
import { listenOnLoopback, type LoopbackServer } from '../__fixtures__/loopbackServer.ts'

const fixture = (name: string): string =>
  readFileSync(new URL(`../__fixtures__/tls/${name}`, import.meta.url), 'utf8')

describe('Preconnections over TLS', () => {
  let server: LoopbackServer
  let handshakes: { servername: string | false | null }[] = []
  const defaultCertificates = tls.getCACertificates('default')

  beforeAll(async () => {
    tls.setDefaultCACertificates([...defaultCertificates, fixture('localhost-test-only.crt')])
    const tlsServer = https.createServer(
      { key: fixture('localhost-test-only.key'), cert: fixture('localhost-test-only.crt') },
      (_request, response) => response.end('ok')
    )
    tlsServer.on('secureConnection', (socket: TLSSocket) =>
      handshakes.push({ servername: socket.servername })
    )
    server = await listenOnLoopback(tlsServer, 'secureConnection')
  })
  afterAll(async () => {
    tls.setDefaultCACertificates(defaultCertificates)
    await server.close()
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
    const url = new URL(`https://${host}:${server.port}`)
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
      const url = new URL(`https://localhost:${server.port}`)
      const ready = new Preconnections()
      ready.open(url, 1)
      await new Promise((resolve) => setTimeout(resolve, 100))
      expect(ready.take('https:', 'localhost', server.port)).toBeUndefined()
      const { httpsAgent } = await agentsFor(url, {}, {}, ready)
      await expect(get(url, httpsAgent)).rejects.toThrow(/self-signed|self signed/)
      httpsAgent.destroy()
    } finally {
      tls.setDefaultCACertificates([...defaultCertificates, fixture('localhost-test-only.crt')])
    }
  })
})
