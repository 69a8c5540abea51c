import { execFile } from 'node:child_process'
import { accessSync, constants } from 'node:fs'
import path from 'node:path'
import { shortText } from '../diagnosis/shortText.js'
import type { CheckResult } from '../report/types.js'

export const ISOLATION_CHECK = {
  id: 'agent-isolation',
  title: 'Agent subprocess isolation'
} as const

/** What the agent's own commands see with the scrub on (Claude Code 2.1.x, verified by the e2e test). */
const SCRUBBED =
  "Claude Code keeps the credentials for its Bedrock calls; its Bash tool, hooks and MCP servers get no AWS secret key, session token, Bedrock API key or GitHub OIDC request variables, and run in their own PID namespace. They can still read the runner user's files (the renewing profile's cache among them: see the Security model)."

const INSTALL_STEP = [
  '```yaml',
  '- name: Sandbox for Claude Code (subprocess isolation)',
  '  run: |',
  '    sudo apt-get update -q && sudo apt-get install -y -q bubblewrap socat',
  '    # Ubuntu 24.04 and later keep unprivileged user namespaces from bubblewrap by default:',
  '    sudo sysctl -w kernel.apparmor_restrict_unprivileged_userns=0 || true',
  '```'
].join('\n')

const OPT_OUT =
  'Or set `scrub-agent-credentials: false` and accept that commands the agent runs can read the AWS credentials (only where no untrusted text reaches the agent).'

export interface IsolationProbe {
  /** process.platform */
  readonly platform: NodeJS.Platform
  readonly env: NodeJS.ProcessEnv
  /** Runs a program; resolves with its exit code and stderr (tests pass a fake). */
  readonly run?: (
    file: string,
    args: readonly string[]
  ) => Promise<{ code: number; stderr: string }>
}

/**
 * With `scrub-agent-credentials` on, Claude Code scrubs its subprocesses' environment and, on
 * Linux, runs them under bubblewrap: without `bwrap` it refuses to start ("bubblewrap is required
 * for subprocess env scrubbing and isolation"), and without `socat` or unprivileged user
 * namespaces every Bash call fails. So the promise "green means the agent step works" needs those
 * here, proven by starting bubblewrap the way the sandbox does (new PID and network namespaces, a
 * fresh /proc). The variable is exported either way: a missing sandbox stops the agent, it never
 * runs it unprotected.
 */
export async function checkIsolation(
  enabled: boolean,
  probe: IsolationProbe
): Promise<CheckResult> {
  if (!enabled) {
    return {
      ...ISOLATION_CHECK,
      status: 'skip',
      detail:
        "Off (scrub-agent-credentials: false): Claude Code's Bash tool, hooks and MCP servers inherit AWS_SECRET_ACCESS_KEY, AWS_SESSION_TOKEN, AWS_BEARER_TOKEN_BEDROCK and the OIDC request variables."
    }
  }
  if (probe.platform !== 'linux') {
    return {
      ...ISOLATION_CHECK,
      status: 'warn',
      detail: `With CLAUDE_CODE_SUBPROCESS_ENV_SCRUB=1 (scrub-agent-credentials), its sandbox could not be verified on ${probe.platform}.`,
      cause:
        "Claude Code's subprocess isolation is built on bubblewrap, which exists only on Linux; how a Claude Code version treats the scrub on macOS and Windows varies (some refuse to start, asking for bubblewrap).",
      fix: `Run agents on a Linux runner for the full isolation. If Claude Code refuses to start here, set \`scrub-agent-credentials: false\` (its commands can then read the credentials).`
    }
  }
  const run = probe.run ?? runProgram
  const bwrap = findOnPath('bwrap', probe.env)
  if (bwrap === undefined) {
    return missing(
      'bubblewrap (`bwrap`) is not on PATH: with CLAUDE_CODE_SUBPROCESS_ENV_SCRUB=1, Claude Code refuses to start on Linux without it ("bubblewrap is required for subprocess env scrubbing and isolation"). GitHub-hosted Ubuntu runners do not ship it.'
    )
  }
  if (findOnPath('socat', probe.env) === undefined) {
    return missing(
      "`socat` is not on PATH: Claude Code's sandbox needs it to give sandboxed commands network access, so every Bash call of the agent would fail."
    )
  }
  const trial = await run(bwrap, [
    '--ro-bind',
    '/',
    '/',
    '--dev',
    '/dev',
    '--proc',
    '/proc',
    '--unshare-pid',
    '--unshare-net',
    '--die-with-parent',
    '/bin/sh',
    '-c',
    'exit 0'
  ]).catch((error: unknown) => ({ code: -1, stderr: String(error) }))
  if (trial.code !== 0) {
    const said = shortText(trial.stderr.trim().split('\n')[0] ?? '', 300)
    return missing(
      `bubblewrap (${bwrap}) cannot create the sandbox here${said !== '' ? `: "${said}"` : ''}. Claude Code would fail every Bash call. Usual causes: Ubuntu 24.04's AppArmor restriction on unprivileged user namespaces, or a container without the capabilities bubblewrap needs.`
    )
  }
  return { ...ISOLATION_CHECK, status: 'pass', detail: SCRUBBED }
}

function missing(cause: string): CheckResult {
  return {
    ...ISOLATION_CHECK,
    status: 'fail',
    detail:
      'With CLAUDE_CODE_SUBPROCESS_ENV_SCRUB=1 (scrub-agent-credentials), Claude Code needs a sandbox that is not usable on this runner: Claude Code would not work.',
    cause,
    fix: `Add this step before this one (the sandbox Claude Code runs the agent's commands in):\n${INSTALL_STEP}\n${OPT_OUT}`
  }
}

/** The first executable `name` on PATH, as Claude Code finds bubblewrap. */
function findOnPath(name: string, env: NodeJS.ProcessEnv): string | undefined {
  for (const dir of (env.PATH ?? '').split(path.delimiter)) {
    if (dir === '') continue
    const candidate = path.join(dir, name)
    try {
      accessSync(candidate, constants.X_OK)
      return candidate
    } catch {
      // not here
    }
  }
  return undefined
}

function runProgram(
  file: string,
  args: readonly string[]
): Promise<{ code: number; stderr: string }> {
  return new Promise((resolve) => {
    execFile(file, [...args], { timeout: 5_000 }, (error, _stdout, stderr) => {
      const code = error === null ? 0 : typeof error.code === 'number' ? error.code : -1
      resolve({ code, stderr: String(stderr) })
    })
  })
}
