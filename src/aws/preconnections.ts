import net from 'node:net'
import tls from 'node:tls'

/** `https://host:443`: the same key for a URL and for the options an Agent connects with. */
function originKey(protocol: string, host: string, port: number | string | undefined): string {
  const secure = protocol === 'https:'
  const resolvedPort = port === undefined || port === '' ? (secure ? 443 : 80) : Number(port)
  return `${secure ? 'https:' : 'http:'}//${host.toLowerCase()}:${resolvedPort}`
}

/**
 * Connections opened ahead of the requests that will use them.
 *
 * Why: on a runner, each AWS endpoint's first connection costs a TCP and a TLS handshake, one or
 * two round trips, and STS, Bedrock and the Bedrock runtime are each first used one round trip
 * later than the one before. Their hosts are known from the inputs, so the action opens those
 * connections while the OIDC token request is on the wire, and the agents take them instead of
 * dialling (see agents.ts). A connection that fails or is never taken is simply closed; the
 * request then connects as it would have anyway.
 */
export class Preconnections {
  private readonly ready = new Map<string, net.Socket[]>()
  private readonly dropListeners = new WeakMap<net.Socket, () => void>()

  /** Opens `count` connections to the origin of `url`. */
  open(url: URL, count: number): void {
    const secure = url.protocol === 'https:'
    const host = url.hostname.replace(/^\[|\]$/g, '')
    const port = url.port === '' ? (secure ? 443 : 80) : Number(url.port)
    const key = originKey(url.protocol, host, port)
    for (let i = 0; i < count; i++) {
      // The options an https.Agent would use for this host: SNI only for names, default trust.
      const socket = secure
        ? tls.connect({ host, port, ...(net.isIP(host) === 0 ? { servername: host } : {}) })
        : net.connect({ host, port })
      // Never what keeps the process alive, and never an unhandled error.
      socket.unref()
      const drop = (): void => {
        this.remove(key, socket)
        socket.destroy()
      }
      this.dropListeners.set(socket, drop)
      socket.once('error', drop)
      socket.once('close', drop)
      this.ready.set(key, [...(this.ready.get(key) ?? []), socket])
    }
  }

  /** A connection to this origin for an agent to use, if one is open (or opening). */
  take(protocol: string, host: string, port: number | string | undefined): net.Socket | undefined {
    const key = originKey(protocol, host, port)
    const socket = this.ready.get(key)?.shift()
    if (socket === undefined) return undefined
    const drop = this.dropListeners.get(socket)
    if (drop !== undefined) {
      socket.off('error', drop)
      socket.off('close', drop)
    }
    // The request it carries must keep the process alive, as a freshly dialled socket would.
    socket.ref()
    return socket
  }

  /** Closes every connection nobody took. */
  destroy(): void {
    for (const sockets of this.ready.values()) for (const socket of sockets) socket.destroy()
    this.ready.clear()
  }

  private remove(key: string, socket: net.Socket): void {
    const sockets = this.ready.get(key)
    if (sockets === undefined) return
    const left = sockets.filter((s) => s !== socket)
    if (left.length > 0) this.ready.set(key, left)
    else this.ready.delete(key)
  }
}
