// HTTPS in front of the (plain HTTP) emulator, so a run can reach it through an HTTPS_PROXY
// CONNECT tunnel exactly as a runner reaches AWS. Certificates: ./tls (trust ca.pem).
import { readFileSync } from 'node:fs'
import http from 'node:http'
import https from 'node:https'
import type net from 'node:net'
import path from 'node:path'
import { fileURLToPath } from 'node:url'

const tlsDir = path.join(path.dirname(fileURLToPath(import.meta.url)), 'tls')
/** The CA to hand the action as NODE_EXTRA_CA_CERTS. */
export const TEST_CA_FILE = path.join(tlsDir, 'ca.pem')

export interface TlsFront {
  /** https://127.0.0.1:PORT */
  readonly url: string
  close(): Promise<void>
}

export async function startTlsFront(upstreamUrl: string): Promise<TlsFront> {
  const upstream = new URL(upstreamUrl)
  const sockets = new Set<net.Socket>()
  const server = https.createServer(
    {
      key: readFileSync(path.join(tlsDir, 'server.key')),
      cert: readFileSync(path.join(tlsDir, 'server.pem'))
    },
    (request, response) => {
      const forward = http.request(
        {
          host: upstream.hostname,
          port: upstream.port,
          method: request.method,
          path: request.url,
          headers: request.headers
        },
        (answer) => {
          response.writeHead(answer.statusCode ?? 502, answer.headers)
          answer.pipe(response)
        }
      )
      forward.on('error', () => response.destroy())
      request.pipe(forward)
    }
  )
  server.on('connection', (socket: net.Socket) => {
    sockets.add(socket)
    socket.on('close', () => sockets.delete(socket))
  })
  server.on('tlsClientError', () => undefined)
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve))
  const { port } = server.address() as net.AddressInfo
  return {
    url: `https://127.0.0.1:${port}`,
    close: () =>
      new Promise<void>((resolve) => {
        server.close(() => resolve())
        for (const socket of sockets) socket.destroy()
      })
  }
}
