// HTTP_PROXY / HTTPS_PROXY / NO_PROXY, through the bundled action, with a real forwarding proxy on
// loopback: every call (GitHub OIDC, STS, Bedrock, Bedrock runtime) goes through it, or none does.
// Each case has its own emulator and proxy, so the cases run concurrently.
import type { Emulator, RecordedRequest } from '../../emulator/index.ts'
import { DEFAULT_TIMEOUTS } from '../../src/aws/timeouts.ts'
import { errorAnnotations, publicChannels, withoutActorCheck } from './scenarioRun.ts'
import {
  RunBatch,
  runIsolated,
  type IsolatedOptions,
  type IsolatedRun
} from './support/isolatedRun.ts'
import {
  startLoopbackProxy,
  type ProxiedRequest,
  type ProxyOptions
} from './support/loopbackProxy.ts'
import { startTlsFront, TEST_CA_FILE, type TlsFront } from './support/tlsFront.ts'
import { LONG_TERM_API_KEY } from '../../__fixtures__/secrets.ts'

interface ProxiedRun extends IsolatedRun {
  /** What went through the proxy. */
  readonly proxied: ProxiedRequest[]
  /** The https:// front of the emulator, when the case used one. */
  readonly frontHost?: string
}

type ProxyEnv = (proxy: { url: string; port: number }, emulator: Emulator) => Record<string, string>

/** Starts a proxy, runs the action with the environment `env` builds for it, stops the proxy. */
async function runThroughProxy(
  env: ProxyEnv,
  options: Omit<IsolatedOptions, 'env'> & { proxy?: ProxyOptions; https?: boolean } = {}
): Promise<ProxiedRun> {
  const proxy = await startLoopbackProxy(options.proxy)
  let front: TlsFront | undefined
  try {
    const result = await runIsolated('default', {
      ...options,
      env: async (emulator) => {
        if (options.https !== true) return env(proxy, emulator)
        // The emulator behind HTTPS: the action reaches it with CONNECT, as it reaches AWS.
        front = await startTlsFront(emulator.url)
        const oidc = new URL(emulator.runnerEnv().ACTIONS_ID_TOKEN_REQUEST_URL ?? '')
        return {
          ACTIONS_ID_TOKEN_REQUEST_URL: `${front.url}${oidc.pathname}${oidc.search}`,
          AWS_ENDPOINT_URL_STS: front.url,
          AWS_ENDPOINT_URL_BEDROCK: front.url,
          AWS_ENDPOINT_URL_BEDROCK_RUNTIME: front.url,
          NODE_EXTRA_CA_CERTS: TEST_CA_FILE,
          ...env(proxy, emulator)
        }
      }
    })
    return {
      ...result,
      proxied: [...proxy.requests],
      ...(front !== undefined ? { frontHost: new URL(front.url).host } : {})
    }
  } finally {
    await front?.close()
    await proxy.close()
  }
}

// The actor check's GitHub REST call goes through the same proxy rules as every other call
// (its Octokit client is given the action's own transport); services() lists the AWS and OIDC ones.
const services = (requests: readonly RecordedRequest[]): string[] =>
  [...new Set(withoutActorCheck(requests).map((r) => r.service))].sort()
// servicequotas: the capacity pre-flight's listing, through the same proxy rules as every AWS call.
const ALL_SERVICES = ['bedrock', 'bedrock-runtime', 'oidc', 'servicequotas', 'sts']

const batch = new RunBatch<ProxiedRun>(5)
beforeAll(() => batch.start())
afterAll(() => batch.settled())

function proxyIt(
  name: string,
  start: () => Promise<ProxiedRun>,
  check: (result: ProxiedRun) => void
): void {
  const result = batch.add(start)
  it(name, async () => check(await result()))
}

describe('HTTP_PROXY', () => {
  for (const [proxyVar, noProxyVar] of [
    ['HTTP_PROXY', 'NO_PROXY'],
    ['http_proxy', 'no_proxy']
  ]) {
    proxyIt(
      `sends the OIDC, STS, Bedrock and runtime calls through ${proxyVar}`,
      // A NO_PROXY that names other hosts must not exempt the endpoint.
      () =>
        runThroughProxy((proxy) => ({
          [proxyVar as string]: proxy.url,
          [noProxyVar as string]: 'example.com,.internal,10.0.0.0/8'
        })),
      ({ run, requests, proxied }) => {
        expect(run.exitCode).toBe(0)
        expect(services(requests)).toEqual(ALL_SERVICES)
        // One OIDC token per run, through the proxy too (issue 17).
        expect(requests.filter((r) => r.operation === 'GetIdToken')).toHaveLength(1)
        // Every request the emulator answered came through the proxy, as an absolute-URI request.
        expect(proxied).toHaveLength(requests.length)
        expect(proxied.every((r) => r.target.startsWith('http://127.0.0.1:'))).toBe(true)
        expect(proxied.map((r) => new URL(r.target).pathname).sort()).toEqual(
          requests.map((r) => r.path).sort()
        )
      }
    )
  }

  for (const [noProxyVar, value] of [
    ['NO_PROXY', '127.0.0.1'],
    ['no_proxy', 'localhost, 127.0.0.0/8'],
    ['NO_PROXY', '*']
  ]) {
    proxyIt(
      `is bypassed when ${noProxyVar}=${value} names the endpoint`,
      () =>
        runThroughProxy((proxy) => ({
          HTTP_PROXY: proxy.url,
          [noProxyVar as string]: value as string
        })),
      ({ run, requests, proxied }) => {
        expect(run.exitCode).toBe(0)
        expect(services(requests)).toEqual(ALL_SERVICES)
        expect(proxied).toHaveLength(0)
      }
    )
  }

  proxyIt(
    'is not used for http:// endpoints when only HTTPS_PROXY is set',
    () => runThroughProxy((proxy) => ({ HTTPS_PROXY: proxy.url })),
    ({ run, requests, proxied }) => {
      expect(run.exitCode).toBe(0)
      expect(requests.length).toBeGreaterThan(0)
      expect(proxied).toHaveLength(0)
    }
  )
})

describe('proxy credentials', () => {
  const password = 'pr0xy-Pa55-w0rd'

  proxyIt(
    'authenticates to the proxy and masks its password before anything is printed',
    () =>
      runThroughProxy(
        (proxy) => ({ HTTP_PROXY: `http://builder:${password}@127.0.0.1:${proxy.port}` }),
        {
          proxy: { credentials: `builder:${password}` }
        }
      ),
    ({ run, proxied }) => {
      expect(run.exitCode).toBe(0)
      expect(proxied.length).toBeGreaterThan(0)
      expect(proxied.every((r) => r.proxyAuthorization?.startsWith('Basic ') === true)).toBe(true)
      expect(run.masks).toContain(password)
      expect(publicChannels(run)).not.toContain(password)
    }
  )

  proxyIt(
    'names a proxy that wants authentication (HTTP 407), without retrying',
    () =>
      runThroughProxy((proxy) => ({ HTTP_PROXY: proxy.url }), {
        proxy: { credentials: 'builder:right' },
        inputs: { 'role-to-assume': '', 'bedrock-api-key': LONG_TERM_API_KEY }
      }),
    ({ run, requests, proxied }) => {
      expect(run.exitCode).toBe(1)
      expect(withoutActorCheck(requests)).toHaveLength(0)
      expect(run.summary).toContain('requires authentication (HTTP 407)')
      expect(run.envFileText).not.toContain('CLAUDE_CODE_USE_BEDROCK')
      const targets = proxied.map((r) => r.target)
      expect(targets.length).toBeGreaterThan(0)
      expect(new Set(targets).size).toBe(targets.length)
    }
  )
})

describe('HTTPS_PROXY (CONNECT)', () => {
  proxyIt(
    'tunnels every call to an https:// endpoint through the proxy',
    () => runThroughProxy((proxy) => ({ HTTPS_PROXY: proxy.url }), { https: true }),
    ({ run, requests, proxied, frontHost }) => {
      expect(run.stderr).toBe('')
      expect(run.exitCode).toBe(0)
      expect(services(requests)).toEqual(ALL_SERVICES)
      // One OIDC token per run: the tunnel's set-up while start-up holds the thread is no timeout.
      expect(requests.filter((r) => r.operation === 'GetIdToken')).toHaveLength(1)
      // Nothing went around the proxy: every connection is a CONNECT tunnel to the endpoint.
      expect(proxied.length).toBeGreaterThan(0)
      expect(proxied.every((r) => r.method === 'CONNECT' && r.target === frontHost)).toBe(true)
    }
  )

  proxyIt(
    'a proxy that never answers CONNECT: a clear timeout, and the process ends',
    () =>
      runThroughProxy(
        (proxy, emulator) => ({
          HTTPS_PROXY: proxy.url,
          // The OIDC token comes straight from the emulator (http://): STS is the call that hangs.
          ACTIONS_ID_TOKEN_REQUEST_URL: emulator.runnerEnv().ACTIONS_ID_TOKEN_REQUEST_URL ?? '',
          SETUP_CLAUDE_BEDROCK_CONNECT_TIMEOUT_MS: '500',
          SETUP_CLAUDE_BEDROCK_RESPONSE_TIMEOUT_MS: '500'
        }),
        { https: true, proxy: { hang: true }, timeoutMs: 15_000 }
      ),
    ({ run, requests, proxied }) => {
      // Killed by the harness it would be null: the hung tunnels did not keep the process alive.
      expect(run.exitCode).toBe(1)
      expect(run.durationMs).toBeLessThan(DEFAULT_TIMEOUTS.responseMs)
      expect(withoutActorCheck(requests).map((r) => r.operation)).toEqual(['GetIdToken'])
      expect(proxied.length).toBeGreaterThan(0)
      expect(proxied.every((r) => r.method === 'CONNECT')).toBe(true)
      expect(errorAnnotations(run).join('\n')).toMatch(
        /AssumeRoleWithWebIdentity could not reach AWS.*timed out/
      )
      expect(run.envFileText).toBe('')
    }
  )

  proxyIt(
    'is bypassed for an https:// endpoint that NO_PROXY names',
    () =>
      runThroughProxy((proxy) => ({ HTTPS_PROXY: proxy.url, NO_PROXY: '127.0.0.1' }), {
        https: true
      }),
    ({ run, requests, proxied }) => {
      expect(run.exitCode).toBe(0)
      expect(services(requests)).toEqual(ALL_SERVICES)
      expect(proxied).toHaveLength(0)
    }
  )
})
