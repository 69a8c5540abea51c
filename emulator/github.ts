// GitHub's REST API, the one call the action makes: GET /repos/{owner}/{repo}/collaborators/
// {username}/permission ("Get repository permissions for a user"), served under /api/v3 the way
// GitHub Enterprise Server lays it out, so clients must honour GITHUB_API_URL's path.
import * as ids from './identifiers.ts'
import { jsonReply, type Reply } from './reply.ts'
import type { GitHubSpec, Scenario } from './scenario.ts'

/** Where the REST API lives on the emulator's port (GITHUB_API_URL = url + this). */
export const GITHUB_API_PREFIX = '/api/v3'

const DOCS = 'https://docs.github.com/rest/collaborators/collaborators'
/** The legacy base role GitHub reports in `permission`: maintain → write, triage → read. */
const BASE_ROLE: Record<string, 'admin' | 'write' | 'read'> = {
  admin: 'admin',
  maintain: 'write',
  write: 'write',
  triage: 'read',
  read: 'read'
}
const LEVELS = ['read', 'triage', 'write', 'maintain', 'admin'] as const

export interface GitHubError {
  status: number
  message: string
  headers?: Record<string, string>
}

export function githubErrorReply(error: GitHubError): Reply {
  const reply = jsonReply(
    error.status,
    { message: error.message, documentation_url: DOCS, status: String(error.status) },
    { 'x-github-request-id': ids.opaqueId(16), ...error.headers }
  )
  return { ...reply, errorCode: String(error.status) }
}

/** The primary rate limit, spent: 403 with x-ratelimit-remaining 0 and the reset time. */
export function rateLimitError(resetInSeconds: number): GitHubError {
  const reset = Math.floor(Date.now() / 1000) + resetInSeconds
  return {
    status: 403,
    message: 'API rate limit exceeded for installation ID 4242.',
    headers: {
      'x-ratelimit-limit': '1000',
      'x-ratelimit-remaining': '0',
      'x-ratelimit-used': '1000',
      'x-ratelimit-reset': String(reset),
      'x-ratelimit-resource': 'core'
    }
  }
}

export function githubServerError(status: number): GitHubError {
  return { status, message: status === 500 ? 'Server Error' : 'Service Unavailable' }
}

function tokenOf(authorization: string): string | undefined {
  const match = /^(?:token|bearer)\s+(\S+)$/i.exec(authorization.trim())
  return match?.[1]
}

function permissionBody(login: string, spec: GitHubSpec): Record<string, unknown> {
  const entry = spec.collaborators[login.toLowerCase()]
  const isBot = login.endsWith('[bot]')
  const user = { login, id: 1000 + login.length, type: isBot ? 'Bot' : 'User' }
  if (entry === undefined) {
    // Not a collaborator (or a bot): GitHub answers 200 with `none`, not 404.
    return { permission: 'none', role_name: isBot ? '' : 'none', user }
  }
  const role = typeof entry === 'string' ? entry : entry.roleName
  const baseLevel = typeof entry === 'string' ? entry : entry.base
  const base = BASE_ROLE[baseLevel]
  const rank = LEVELS.indexOf(baseLevel as (typeof LEVELS)[number])
  const has = (level: (typeof LEVELS)[number]): boolean => rank >= LEVELS.indexOf(level)
  return {
    permission: base ?? 'none',
    role_name: role,
    user: {
      ...user,
      permissions: {
        admin: has('admin'),
        maintain: has('maintain'),
        push: has('write'),
        triage: has('triage'),
        pull: has('read')
      },
      role_name: role
    }
  }
}

/**
 * Answers one REST request. `username` and the repository come from the path; the token from
 * `Authorization` (`token X` or `Bearer X`, as Octokit sends it).
 */
export function handleGitHub(
  operation: string,
  path: string,
  authorization: string,
  scenario: Scenario
): Reply {
  const spec = scenario.github
  if (tokenOf(authorization) !== spec.token) {
    return githubErrorReply({ status: 401, message: 'Bad credentials' })
  }
  const match = /^\/api\/v3\/repos\/([^/]+)\/([^/]+)\/collaborators\/([^/]+)\/permission$/.exec(
    path
  )
  if (operation !== 'GetCollaboratorPermission' || match === null) {
    return githubErrorReply({ status: 404, message: 'Not Found' })
  }
  const [, owner, repo, username] = match.map((part) => decodeURIComponent(part)) as [
    string,
    string,
    string,
    string
  ]
  if (`${owner}/${repo}`.toLowerCase() !== spec.repository.toLowerCase()) {
    return githubErrorReply({ status: 404, message: 'Not Found' })
  }
  if ((spec.unknownUsers ?? []).some((u) => u.toLowerCase() === username.toLowerCase())) {
    return githubErrorReply({ status: 404, message: `${username} is not a user` })
  }
  return jsonReply(200, permissionBody(username, spec), {
    'x-github-request-id': ids.opaqueId(16),
    'x-ratelimit-limit': '1000',
    'x-ratelimit-remaining': '999',
    'x-ratelimit-resource': 'core'
  })
}
