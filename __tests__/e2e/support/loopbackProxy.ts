// A small forwarding proxy on 127.0.0.1 for the proxy suites: absolute-URI HTTP requests (what
// HTTP_PROXY clients send) and CONNECT tunnels (HTTPS_PROXY), forwarded to loopback targets only,
// and a record of everything that went through.
import http from 'node:http'
import net from 'node:net'

export interface ProxiedRequest {
  /** `GET`, `POST`, ... for forwarded requests; `CONNECT` for tunnels. */
  readonly method: string
  /** The absolute URI, or `host:port` for CONNECT. */
  readonly target: string
  /** The Proxy-Authorization header the client sent, if any. */
  readonly proxyAuthorization?: string
}

export interface LoopbackProxy {
  /** http://127.0.0.1:PORT */
  readonly url: string
  readonly port: number
  readonly requests: ProxiedRequest[]
  close(): Promise<void>
}

export interface ProxyOptions {
  /** `user:password`: answer 407 to any request without these Basic credentials. */
  readonly credentials?: string
  /** Record requests and tunnels, then never answer (a stuck corporate proxy). */
  readonly hang?: boolean
}

const LOOPBACK = new Set(['127.0.0.1', 'localhost', '[::1]', '::1'])
const HOP_BY_HOP = ['proxy-authorization', 'proxy-connection', 'connection', 'keep-alive']

export async function startLoopbackProxy(options: ProxyOptions = {}): Promise<LoopbackProxy> {
  const requests: ProxiedRequest[] = []
  const sockets = new Set<net.Socket>()
  const expected =
    options.credentials === undefined
      ? undefined
      : `Basic ${Buffer.from(options.credentials).toString('base64')}`
  const authorized = (header: string | undefined): boolean =>
    expected === undefined || header === expected

  const server = http.createServer((request, response) => {
    const auth = request.headers['proxy-authorization']
    requests.push({
      method: request.method ?? 'GET',
      target: request.url ?? '',
      ...(auth !== undefined ? { proxyAuthorization: auth } : {})
    })
    if (options.hang === true) return
    let target: URL
    try {
      target = new URL(request.url ?? '')
    } catch {
      response.writeHead(400).end('absolute URI required')
      return
    }
    if (!authorized(auth)) {
      response.writeHead(407, { 'proxy-authenticate': 'Basic realm="loopback"' }).end()
      return
    }
    if (target.protocol !== 'http:' || !LOOPBACK.has(target.hostname)) {
      response.writeHead(403).end('loopback targets only')
      return
    }
    const headers = { ...request.headers }
    for (const name of HOP_BY_HOP) delete headers[name]
    const upstream = http.request(
      {
        host: target.hostname,
        port: target.port,
        method: request.method,
        path: `${target.pathname}${target.search}`,
        headers
      },
      (answer) => {
        response.writeHead(answer.statusCode ?? 502, answer.headers)
        answer.pipe(response)
        answer.on('error', () => response.destroy())
      }
    )
    // Upstream cut the connection (a drop or truncate fault): cut the client's too.
    upstream.on('error', () => response.destroy())
    request.pipe(upstream)
  })

  server.on('connect', (request: http.IncomingMessage, client: net.Socket, head: Buffer) => {
    const auth = request.headers['proxy-authorization']
    const target = request.url ?? ''
    requests.push({
      method: 'CONNECT',
      target,
      ...(auth !== undefined ? { proxyAuthorization: auth } : {})
    })
    client.on('error', () => undefined)
    if (options.hang === true) return
    const match = /^(.+):(\d+)$/.exec(target)
    if (!authorized(auth)) {
      client.end(
        'HTTP/1.1 407 Proxy Authentication Required\r\nProxy-Authenticate: Basic realm="loopback"\r\n\r\n'
      )
      return
    }
    if (match === null || !LOOPBACK.has(match[1] ?? '')) {
      client.end('HTTP/1.1 403 Forbidden\r\n\r\n')
      return
    }
    const upstream = net.connect(Number(match[2]), (match[1] ?? '').replace(/^\[|\]$/g, ''), () => {
      client.write('HTTP/1.1 200 Connection Established\r\n\r\n')
      if (head.length > 0) upstream.write(head)
      upstream.pipe(client)
      client.pipe(upstream)
    })
    sockets.add(upstream)
    upstream.on('close', () => sockets.delete(upstream))
    upstream.on('error', () => client.destroy())
    client.on('close', () => upstream.destroy())
  })
  server.on('connection', (socket: net.Socket) => {
    sockets.add(socket)
    socket.on('close', () => sockets.delete(socket))
  })

  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve))
  const { port } = server.address() as net.AddressInfo
  return {
    url: `http://127.0.0.1:${port}`,
    port,
    requests,
    close: () =>
      new Promise<void>((resolve) => {
        server.close(() => resolve())
        for (const socket of sockets) socket.destroy()
      })
  }
}
