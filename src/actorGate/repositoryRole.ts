import { invalidValue } from '../inputs/valueMessage.js'

/**
 * GitHub's repository roles, weakest first. `none` is below all of them: not a collaborator.
 * Source: docs.github.com, "Repository roles for an organization" (read < triage < write <
 * maintain < admin) and the REST API's "Get repository permissions for a user".
 */
export const REPOSITORY_ROLES = ['none', 'read', 'triage', 'write', 'maintain', 'admin'] as const
export type RepositoryRole = (typeof REPOSITORY_ROLES)[number]

/** `require-actor-permission`: a role the actor must have at least, or `none` (no check). */
export type RequiredRole = RepositoryRole

export const REQUIRED_ROLE_FORM =
  'one of admin, maintain, write, triage, read, or none to turn the actor check off (default write)'

export function parseRequiredRole(input: string, value: string | undefined): RequiredRole {
  if (value === undefined) return 'write'
  const role = value.toLowerCase()
  if (!(REPOSITORY_ROLES as readonly string[]).includes(role)) {
    throw invalidValue(input, REQUIRED_ROLE_FORM, value)
  }
  return role as RequiredRole
}

export function atLeast(role: RepositoryRole, required: RepositoryRole): boolean {
  return REPOSITORY_ROLES.indexOf(role) >= REPOSITORY_ROLES.indexOf(required)
}

/** The answer of GET /repos/{owner}/{repo}/collaborators/{username}/permission, as far as we read it. */
export interface PermissionAnswer {
  /** Legacy base role: admin, write, read or none (maintain → write, triage → read). */
  readonly permission?: unknown
  /** The role's name: one of the five, a custom role's name, or empty for bots. */
  readonly role_name?: unknown
}

/**
 * The actor's effective role. `role_name` is exact for the five built-in roles; a custom role
 * (an organisation's own name) is judged by the base role in `permission`, which is what GitHub
 * says it inherits. Anything unrecognised counts as `none`: the check fails closed.
 */
export function effectiveRole(answer: PermissionAnswer): {
  readonly role: RepositoryRole
  /** The custom role's name, when the role came from `permission`. */
  readonly customRole?: string
} {
  const roleName = typeof answer.role_name === 'string' ? answer.role_name.toLowerCase() : ''
  if ((REPOSITORY_ROLES as readonly string[]).includes(roleName)) {
    return { role: roleName as RepositoryRole }
  }
  const base = typeof answer.permission === 'string' ? answer.permission.toLowerCase() : ''
  const role: RepositoryRole =
    base === 'admin' || base === 'write' || base === 'read' ? base : 'none'
  return roleName === '' || role === 'none'
    ? { role }
    : { role, customRole: String(answer.role_name) }
}
