// When the scrub is on, the check proves the sandbox Claude Code needs on Linux (bubblewrap that can
// start, and socat) and says exactly what to install otherwise. The real bubblewrap is tried in
// agentIsolation.e2e.test.ts through the real Claude Code CLI.
import { chmodSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import path from 'node:path'
import { checkIsolation } from '../src/agentIsolation/checkIsolation.js'

let dir: string
beforeEach(() => {
  dir = mkdtempSync(path.join(tmpdir(), 'scb-isolation-'))
})
afterEach(() => rmSync(dir, { recursive: true, force: true }))

function withPrograms(...names: string[]): NodeJS.ProcessEnv {
  for (const name of names) {
    const file = path.join(dir, name)
    writeFileSync(file, '#!/bin/sh\nexit 0\n')
    chmodSync(file, 0o755)
  }
  return { PATH: dir }
}

const ok = async () => ({ code: 0, stderr: '' })

describe('checkIsolation', () => {
  it('says what subprocesses inherit when the scrub is off', async () => {
    const check = await checkIsolation(false, { platform: 'linux', env: {} })
    expect(check).toMatchObject({ id: 'agent-isolation', status: 'skip' })
    expect(check.detail).toContain('inherit AWS_SECRET_ACCESS_KEY')
  })

  it('passes on Linux with bubblewrap that starts and socat, and says what stays reachable', async () => {
    const tried: string[][] = []
    const check = await checkIsolation(true, {
      platform: 'linux',
      env: withPrograms('bwrap', 'socat'),
      run: async (file, args) => {
        tried.push([file, ...args])
        return { code: 0, stderr: '' }
      }
    })
    expect(check.status).toBe('pass')
    expect(check.detail).toContain('no AWS secret key')
    expect(check.detail).toContain("can still read the runner user's files")
    expect(tried[0]?.[0]).toBe(path.join(dir, 'bwrap'))
    expect(tried[0]).toEqual(expect.arrayContaining(['--unshare-pid', '--unshare-net', '--proc']))
  })

  it.each([
    ['no bubblewrap', ['socat'], ok, 'bubblewrap (`bwrap`) is not on PATH'],
    ['no socat', ['bwrap'], ok, '`socat` is not on PATH'],
    [
      'user namespaces refused',
      ['bwrap', 'socat'],
      async () => ({ code: 1, stderr: 'bwrap: setting up uid map: Permission denied\n' }),
      'setting up uid map: Permission denied'
    ]
  ])(
    'fails with %s, naming the cause and the install step',
    async (_what, programs, run, cause) => {
      const check = await checkIsolation(true, {
        platform: 'linux',
        env: withPrograms(...programs),
        run
      })
      expect(check.status).toBe('fail')
      expect(check.cause).toContain(cause)
      expect(check.fix).toContain('sudo apt-get install -y -q bubblewrap socat')
      expect(check.fix).toContain('kernel.apparmor_restrict_unprivileged_userns=0')
      expect(check.fix).toContain('scrub-agent-credentials: false')
    }
  )

  it.each(['darwin', 'win32'] as const)(
    'warns on %s: the sandbox cannot be verified there',
    async (platform) => {
      const check = await checkIsolation(true, { platform, env: {}, run: ok })
      expect(check.status).toBe('warn')
      expect(check.detail).toContain(platform)
    }
  )
})
