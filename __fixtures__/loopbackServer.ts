// A test server on 127.0.0.1 that counts the connections it accepts and closes them all on close,
// so hung or keep-alive sockets never hold a test file open.
import type http from 'node:http'
import type { AddressInfo, Socket } from 'node:net'

export interface LoopbackServer {
  readonly port: number
  /** Connections accepted (TLS: handshakes completed) since the last reset. */
  accepted(): number
  /** Connections still open. */
  openConnections(): number
  resetCount(): void
  close(): Promise<void>
}

/** Listens with `server` (http or https); `event` is the one that marks a new connection. */
export async function listenOnLoopback(
  server: http.Server,
  event: 'connection' | 'secureConnection' = 'connection'
): Promise<LoopbackServer> {
  const sockets = new Set<Socket>()
  let accepted = 0
  server.on(event, (socket: Socket) => {
    accepted++
    sockets.add(socket)
    socket.on('close', () => sockets.delete(socket))
  })
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve))
  return {
    port: (server.address() as AddressInfo).port,
    accepted: () => accepted,
    openConnections: () => sockets.size,
    resetCount: () => {
      accepted = 0
    },
    close: async () => {
      for (const socket of sockets) socket.destroy()
      await new Promise((resolve) => server.close(resolve))
    }
  }
}
