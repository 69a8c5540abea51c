// One TCP port, two protocols: each connection's first bytes decide. The HTTP/2 connection
// preface goes to an h2c server through a Duplex that replays the peeked bytes (http2 reads the
// native socket, so socket.unshift would not reach it); anything else goes to an HTTP/1.1 server.
import http, { type IncomingMessage, type ServerResponse } from 'node:http'
import http2, { type Http2ServerRequest, type Http2ServerResponse } from 'node:http2'
import net, { type AddressInfo, type Socket } from 'node:net'
import { Duplex } from 'node:stream'

export type AnyRequest = IncomingMessage | Http2ServerRequest
export type AnyResponse = ServerResponse | Http2ServerResponse
export type RequestHandler = (request: AnyRequest, response: AnyResponse) => void

const H2_PREFACE = Buffer.from('PRI * HTTP/2.0\r\n\r\nSM\r\n\r\n')

/** A Duplex over the socket that first yields the bytes already read from it. */
function replayingDuplex(socket: Socket, head: Buffer): Duplex {
  const duplex = new Duplex({
    read() {
      socket.resume()
    },
    write(chunk: Buffer, _encoding, callback) {
      socket.write(chunk, callback)
    },
    final(callback) {
      socket.end()
      callback()
    },
    destroy(error, callback) {
      socket.destroy()
      callback(error)
    }
  })
  duplex.push(head)
  socket.on('data', (chunk: Buffer) => {
    if (!duplex.push(chunk)) socket.pause()
  })
  socket.on('end', () => duplex.push(null))
  socket.on('close', () => duplex.destroy())
  return duplex
}

/** When each connection was accepted, by its HTTP/1.1 socket or its HTTP/2 session. */
const openedAt = new WeakMap<object, number>()

/** When the connection a request came on was opened: long before it, if the client preconnected. */
export function connectionOpenedAt(request: AnyRequest): number | undefined {
  const connection = 'stream' in request ? request.stream.session : request.socket
  return connection === undefined ? undefined : openedAt.get(connection)
}

export interface Listener {
  port: number
  close(): Promise<void>
}

export async function listen(port: number, handler: RequestHandler): Promise<Listener> {
  const http1Server = http.createServer(handler)
  http1Server.on('clientError', (_error, socket) => socket.destroy())
  const http2Server = http2.createServer(handler)
  http2Server.on('sessionError', () => undefined)
  // The session is created while its connection is handed over (below), so this is its time.
  let acceptedNow = 0
  http2Server.on('session', (session) => {
    openedAt.set(session, acceptedNow)
    session.on('error', () => undefined)
  })

  const sockets = new Set<Socket>()
  const tcpServer = net.createServer((socket) => {
    const accepted = Date.now()
    openedAt.set(socket, accepted)
    sockets.add(socket)
    socket.on('close', () => sockets.delete(socket))
    socket.on('error', () => undefined)
    let head = Buffer.alloc(0)
    const sniff = (chunk: Buffer): void => {
      head = Buffer.concat([head, chunk])
      const seen = Math.min(head.length, H2_PREFACE.length)
      const isH2 = head.subarray(0, seen).equals(H2_PREFACE.subarray(0, seen))
      if (isH2 && head.length < H2_PREFACE.length) return
      socket.off('data', sniff)
      socket.pause()
      if (isH2) {
        acceptedNow = accepted
        http2Server.emit('connection', replayingDuplex(socket, head))
      } else {
        socket.unshift(head)
        http1Server.emit('connection', socket)
        socket.resume()
      }
    }
    socket.on('data', sniff)
  })

  await new Promise<void>((resolve, reject) => {
    tcpServer.once('error', reject)
    // A herd of jobs on one machine opens hundreds of connections at once (each job's token
    // request and early connections). With Node's default backlog (511) the kernel drops SYNs
    // while this process is busy, the clients resend them after 1, 3, 7 s, and their connect
    // timeouts fire: a failure of the emulator's machine, not one an AWS endpoint would cause.
    tcpServer.listen({ port, host: '127.0.0.1', backlog: 4096 }, () => resolve())
  })

  return {
    port: (tcpServer.address() as AddressInfo).port,
    close: () =>
      new Promise<void>((resolve) => {
        tcpServer.close(() => resolve())
        // Hung requests and keep-alive connections would otherwise hold close() open.
        for (const socket of sockets) socket.destroy()
      })
  }
}

/** Ends the connection without an answer (HTTP/2: the whole session, as a dropped socket would). */
export function destroyConnection(request: AnyRequest, response: AnyResponse): void {
  if ('stream' in response) response.stream.session?.destroy()
  else request.socket.destroy()
}

/** The methods both response classes share (TypeScript cannot call them through the union). */
export interface ResponseWriter {
  readonly headersSent: boolean
  writeHead(status: number, headers: Record<string, string>): unknown
  write(chunk: Buffer, callback: () => void): unknown
  end(chunk?: Buffer): unknown
}

export const writerOf = (response: AnyResponse): ResponseWriter =>
  response as unknown as ResponseWriter
