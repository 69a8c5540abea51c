// HTTP_PROXY / HTTPS_PROXY / NO_PROXY, through the bundled action, with a real forwarding proxy on
// loopback: every call (GitHub OIDC, STS, Bedrock, Bedrock runtime) goes through it, or none does.
import type { RecordedRequest } from '../../emulator/index.ts'
import { publicChannels } from './scenarioRun.ts'
import { runIsolated } from './support/isolatedRun.ts'
import { startLoopbackProxy, type LoopbackProxy } from './support/loopbackProxy.ts'
import { startTlsFront, TEST_CA_FILE } from './support/tlsFront.ts'

let proxy: LoopbackProxy

beforeEach(async () => {
  proxy = await startLoopbackProxy()
})
afterEach(async () => {
  await proxy.close()
})

/** The path and query of each emulator request, as the proxy saw it in its absolute URI. */
function proxiedPaths(): string[] {
  return proxy.requests.map((r) => {
    const url = new URL(r.target)
    return url.pathname
  })
}

function servicesOf(requests: readonly RecordedRequest[]): string[] {
  return [...new Set(requests.map((r) => r.service))].sort()
}

describe('HTTP_PROXY', () => {
  it.each([
    ['HTTP_PROXY', 'NO_PROXY'],
    ['http_proxy', 'no_proxy']
  ])('sends the OIDC, STS, Bedrock and runtime calls through %s', async (proxyVar, noProxyVar) => {
    const { run, requests } = await runIsolated('default', {
      // A NO_PROXY that names other hosts must not exempt the endpoint.
      env: { [proxyVar]: proxy.url, [noProxyVar]: 'example.com,.internal,10.0.0.0/8' }
    })
    expect(run.exitCode).toBe(0)
    expect(servicesOf(requests)).toEqual(['bedrock', 'bedrock-runtime', 'oidc', 'sts'])
    // Every request the emulator answered came through the proxy, as an absolute-URI request.
    expect(proxy.requests).toHaveLength(requests.length)
    expect(proxy.requests.every((r) => r.target.startsWith('http://127.0.0.1:'))).toBe(true)
    expect(proxiedPaths().sort()).toEqual(requests.map((r) => r.path).sort())
    for (const operation of [
      'GetIdToken',
      'AssumeRoleWithWebIdentity',
      'GetCallerIdentity',
      'Converse'
    ]) {
      expect(requests.map((r) => r.operation)).toContain(operation)
    }
  })

  it.each([
    ['NO_PROXY', '127.0.0.1'],
    ['no_proxy', 'localhost,127.0.0.1'],
    ['NO_PROXY', '*'],
    ['NO_PROXY', '127.0.0.0/8']
  ])('is bypassed when %s=%s names the endpoint', async (noProxyVar, value) => {
    const { run, requests } = await runIsolated('default', {
      env: { HTTP_PROXY: proxy.url, [noProxyVar]: value }
    })
    expect(run.exitCode).toBe(0)
    expect(requests.length).toBeGreaterThan(0)
    expect(proxy.requests).toHaveLength(0)
  })

  it('is not used for http:// endpoints when only HTTPS_PROXY is set', async () => {
    const { run, requests } = await runIsolated('default', { env: { HTTPS_PROXY: proxy.url } })
    expect(run.exitCode).toBe(0)
    expect(requests.length).toBeGreaterThan(0)
    expect(proxy.requests).toHaveLength(0)
  })
})

describe('proxy credentials', () => {
  it('authenticates to the proxy and masks its password before anything is printed', async () => {
    const password = 'pr0xy-Pa55-w0rd'
    const authProxy = await startLoopbackProxy({ credentials: `builder:${password}` })
    try {
      const proxyUrl = `http://builder:${password}@127.0.0.1:${authProxy.port}`
      const { run } = await runIsolated('default', { env: { HTTP_PROXY: proxyUrl } })
      expect(run.exitCode).toBe(0)
      expect(authProxy.requests.length).toBeGreaterThan(0)
      expect(
        authProxy.requests.every((r) => r.proxyAuthorization?.startsWith('Basic ') === true)
      ).toBe(true)
      expect(run.masks).toContain(password)
      expect(publicChannels(run)).not.toContain(password)
    } finally {
      await authProxy.close()
    }
  })

  it('names the proxy authentication failure (HTTP 407) without retrying it', async () => {
    const authProxy = await startLoopbackProxy({ credentials: 'builder:right' })
    try {
      const { run, requests } = await runIsolated('default', {
        env: { HTTP_PROXY: authProxy.url },
        inputs: { 'role-to-assume': '', 'bedrock-api-key': 'ABSKdGVzdGtleTEyMzQ1Njc4OTA=' }
      })
      expect(run.exitCode).toBe(1)
      expect(requests).toHaveLength(0)
      expect(run.summary).toMatch(/407/)
      const targets = authProxy.requests.map((r) => r.target)
      expect(targets.length).toBeGreaterThan(0)
      expect(new Set(targets).size).toBe(targets.length)
      expect(run.envFileText).not.toContain('CLAUDE_CODE_USE_BEDROCK')
    } finally {
      await authProxy.close()
    }
  })
})

describe('HTTPS_PROXY (CONNECT)', () => {
  it('tunnels every call to an https:// endpoint through the proxy', async () => {
    let front: Awaited<ReturnType<typeof startTlsFront>> | undefined
    try {
      const { run, requests } = await runIsolated('default', {
        env: async (emulator) => {
          front = await startTlsFront(emulator.url)
          const runner = emulator.runnerEnv()
          const oidcPath = new URL(runner.ACTIONS_ID_TOKEN_REQUEST_URL ?? '')
          return {
            ACTIONS_ID_TOKEN_REQUEST_URL: `${front.url}${oidcPath.pathname}${oidcPath.search}`,
            AWS_ENDPOINT_URL_STS: front.url,
            AWS_ENDPOINT_URL_BEDROCK: front.url,
            AWS_ENDPOINT_URL_BEDROCK_RUNTIME: front.url,
            HTTPS_PROXY: proxy.url,
            NODE_EXTRA_CA_CERTS: TEST_CA_FILE
          }
        }
      })
      expect(run.stderr).toBe('')
      expect(run.exitCode).toBe(0)
      expect(servicesOf(requests)).toEqual(['bedrock', 'bedrock-runtime', 'oidc', 'sts'])
      const frontHost = new URL(front?.url ?? 'https://invalid').host
      // Nothing went around the proxy: every connection is a CONNECT tunnel to the endpoint.
      expect(proxy.requests.length).toBeGreaterThan(0)
      expect(proxy.requests.every((r) => r.method === 'CONNECT' && r.target === frontHost)).toBe(
        true
      )
    } finally {
      await front?.close()
    }
  })
})
