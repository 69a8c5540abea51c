import { bypassesProxy, proxyFor, proxySecrets } from '../src/aws/proxy.js'

const STS = new URL('https://sts.us-east-1.amazonaws.com')
const EMULATOR = new URL('http://127.0.0.1:4566')

describe('proxyFor', () => {
  it.each<[string, NodeJS.ProcessEnv, URL, string | undefined]>([
    ['HTTPS_PROXY for https', { HTTPS_PROXY: 'http://proxy:3128' }, STS, 'http://proxy:3128'],
    ['https_proxy for https', { https_proxy: 'http://proxy:3128' }, STS, 'http://proxy:3128'],
    [
      'lower case wins',
      { https_proxy: 'http://low:1', HTTPS_PROXY: 'http://up:2' },
      STS,
      'http://low:1'
    ],
    [
      'an empty lower case one falls back',
      { https_proxy: ' ', HTTPS_PROXY: 'http://up:2' },
      STS,
      'http://up:2'
    ],
    ['HTTP_PROXY is not used for https', { HTTP_PROXY: 'http://proxy:3128' }, STS, undefined],
    ['HTTP_PROXY for http', { HTTP_PROXY: 'http://proxy:3128' }, EMULATOR, 'http://proxy:3128'],
    ['http_proxy for http', { http_proxy: 'http://proxy:3128' }, EMULATOR, 'http://proxy:3128'],
    ['HTTPS_PROXY is not used for http', { HTTPS_PROXY: 'http://proxy:3128' }, EMULATOR, undefined],
    [
      'a scheme-less proxy means http://',
      { HTTPS_PROXY: 'proxy.corp:3128' },
      STS,
      'http://proxy.corp:3128'
    ],
    ['an https:// proxy is kept', { HTTPS_PROXY: 'https://proxy.corp' }, STS, 'https://proxy.corp'],
    ['trimmed', { HTTPS_PROXY: '  http://proxy:3128 \n' }, STS, 'http://proxy:3128'],
    ['nothing set', {}, STS, undefined],
    ['NO_PROXY exempts', { HTTPS_PROXY: 'http://p:1', NO_PROXY: '.amazonaws.com' }, STS, undefined],
    ['no_proxy exempts', { HTTPS_PROXY: 'http://p:1', no_proxy: 'amazonaws.com' }, STS, undefined],
    [
      'NO_PROXY for another host',
      { HTTPS_PROXY: 'http://p:1', NO_PROXY: 'example.com' },
      STS,
      'http://p:1'
    ]
  ])('%s', (_title, env, target, expected) => {
    expect(proxyFor(target, env)).toBe(expected)
  })
})

describe('bypassesProxy', () => {
  const yes = (url: string, noProxy: string): boolean => bypassesProxy(new URL(url), noProxy)

  it.each([
    ['https://sts.us-east-1.amazonaws.com', '*'],
    ['https://sts.us-east-1.amazonaws.com', 'amazonaws.com'],
    ['https://sts.us-east-1.amazonaws.com', '.amazonaws.com'],
    ['https://sts.us-east-1.amazonaws.com', '*.amazonaws.com'],
    ['https://amazonaws.com', '.amazonaws.com'],
    ['https://STS.us-east-1.amazonaws.com', 'AMAZONAWS.COM'],
    ['https://sts.us-east-1.amazonaws.com', 'example.com, amazonaws.com'],
    ['https://sts.us-east-1.amazonaws.com', 'example.com amazonaws.com'],
    ['https://sts.us-east-1.amazonaws.com', 'sts.us-east-1.amazonaws.com:443'],
    ['http://127.0.0.1:4566', '127.0.0.1'],
    ['http://127.0.0.1:4566', '127.0.0.1:4566'],
    ['http://127.0.0.1:4566', '127.0.0.0/8'],
    ['http://10.1.2.3', '10.0.0.0/8'],
    ['http://192.168.5.4', '0.0.0.0/0'],
    ['http://[::1]:4566', '::1'],
    ['http://[::1]:4566', '[::1]:4566'],
    ['http://localhost:80', 'localhost:80']
  ])('%s bypasses with NO_PROXY=%s', (url, noProxy) => {
    expect(yes(url, noProxy)).toBe(true)
  })

  it.each([
    ['https://sts.us-east-1.amazonaws.com', ''],
    ['https://sts.us-east-1.amazonaws.com', 'example.com'],
    ['https://notamazonaws.com', 'amazonaws.com'],
    ['https://sts.us-east-1.amazonaws.com', 'sts.us-east-1.amazonaws.com:8443'],
    ['https://sts.us-east-1.amazonaws.com', ',,'],
    ['https://sts.us-east-1.amazonaws.com', '.'],
    ['http://127.0.0.1:4566', '127.0.0.1:4567'],
    ['http://11.1.2.3', '10.0.0.0/8'],
    ['http://10.1.2.3', '10.0.0.0/40'],
    ['http://[::2]:4566', '::1'],
    ['http://sts.example.com', '10.0.0.0/8']
  ])('%s goes through the proxy with NO_PROXY=%s', (url, noProxy) => {
    expect(yes(url, noProxy)).toBe(false)
  })
})

describe('proxySecrets', () => {
  it('returns the password of every proxy URL, decoded and as written, not the user', () => {
    const secrets = proxySecrets({
      HTTPS_PROXY: 'http://ci-bot:p%40ss@proxy:3128',
      http_proxy: 'other:s3cret@proxy2:8080'
    })
    expect(secrets.sort()).toEqual(['p%40ss', 'p@ss', 's3cret'].sort())
  })

  it('is empty without credentials or with unparseable values', () => {
    expect(
      proxySecrets({ HTTPS_PROXY: 'http://proxy:3128', HTTP_PROXY: 'http://[bad', NO_PROXY: 'x' })
    ).toEqual([])
  })
})
