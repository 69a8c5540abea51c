/**
 * Which proxy, if any, a request to `target` goes through: HTTPS_PROXY / HTTP_PROXY / NO_PROXY in
 * either case, as curl and the AWS CLI read them on corporate self-hosted runners.
 */
export function proxyFor(target: URL, env: NodeJS.ProcessEnv): string | undefined {
  const read = (name: string): string | undefined =>
    nonEmpty(env[name.toLowerCase()]) ?? nonEmpty(env[name.toUpperCase()])
  const proxy = target.protocol === 'https:' ? read('https_proxy') : read('http_proxy')
  if (proxy === undefined) return undefined
  return bypassesProxy(target, read('no_proxy') ?? '') ? undefined : proxy
}

function nonEmpty(value: string | undefined): string | undefined {
  return value === undefined || value.trim() === '' ? undefined : value.trim()
}

/** NO_PROXY entries: `*`, host names (a leading dot or `*.` matches subdomains), optional `:port`. */
export function bypassesProxy(target: URL, noProxy: string): boolean {
  const host = target.hostname.replace(/^\[|\]$/g, '').toLowerCase()
  const port = target.port || (target.protocol === 'https:' ? '443' : '80')
  return noProxy
    .split(/[\s,]+/)
    .filter((entry) => entry !== '')
    .some((entry) => {
      if (entry === '*') return true
      const match = /^(.*?)(?::(\d+))?$/.exec(entry.toLowerCase())
      const entryHost = (match?.[1] ?? '').replace(/^\*?\./, '').replace(/^\[|\]$/g, '')
      const entryPort = match?.[2]
      if (entryPort !== undefined && entryPort !== port) return false
      return host === entryHost || host.endsWith(`.${entryHost}`)
    })
}
