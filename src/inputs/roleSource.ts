import { invalidValue } from './valueMessage.js'

/**
 * How `role-to-assume` is assumed:
 * - `github-oidc`: AssumeRoleWithWebIdentity with the job's GitHub OIDC token;
 * - `web-identity-file`: AssumeRoleWithWebIdentity with the token in `web-identity-token-file`
 *   (EKS service-account tokens, another CI's issuer, GHES with a custom issuer);
 * - `role-chaining`: AssumeRole signed by the runner's own credentials (the SDK's default chain:
 *   key variables, a profile, a web-identity token file, container or instance credentials).
 */
export type RoleSourceKind = 'github-oidc' | 'web-identity-file' | 'role-chaining'

export interface RoleSource {
  readonly kind: RoleSourceKind
  /** Why this source, as the log and summary say it ("the job has no GitHub OIDC token …"). */
  readonly reason: string
}

export const ROLE_CHAINING_CHOICES = ['auto', 'true', 'false'] as const
export type RoleChaining = (typeof ROLE_CHAINING_CHOICES)[number]

/** Set by the runner only with `permissions: id-token: write` (never for forks or Dependabot). */
export const OIDC_REQUEST_VARIABLES = [
  'ACTIONS_ID_TOKEN_REQUEST_URL',
  'ACTIONS_ID_TOKEN_REQUEST_TOKEN'
] as const

export function hasOidcRequestVariables(env: NodeJS.ProcessEnv): boolean {
  return OIDC_REQUEST_VARIABLES.every((name) => (env[name] ?? '') !== '')
}

/**
 * STS's ExternalId: 2-1224 characters of `[\w+=,.@:/-]` (AssumeRole API reference). It is not a
 * secret (AWS: "the external ID is not treated as a secret"), so messages may repeat it.
 */
const EXTERNAL_ID = /^[\w+=,.@:/-]{2,1224}$/
export const EXTERNAL_ID_FORM =
  "2-1224 letters, digits and _ + = , . @ : / - (the value of the role's sts:ExternalId condition)"

export function parseExternalId(input: string, value: string): string {
  if (!EXTERNAL_ID.test(value)) {
    const why =
      value.length < 2 ? 'too short' : value.length > 1224 ? 'too long' : 'a character STS refuses'
    throw invalidValue(input, EXTERNAL_ID_FORM, value, why)
  }
  return value
}

export const TOKEN_FILE_FORM =
  'the path of a readable file holding one OIDC token (a JWT: three base64url parts joined by dots), e.g. the projected service-account token /var/run/secrets/eks.amazonaws.com/serviceaccount/token'

export interface RoleSourceInputs {
  readonly roleToAssume: string | undefined
  readonly roleChaining: RoleChaining
  readonly externalId: string | undefined
  readonly webIdentityTokenFile: string | undefined
}

/**
 * Decides the source from the inputs and the job's environment, before any network call, so the
 * choice is explicit and can be shown. Combinations that cannot work throw an InputError naming
 * the inputs. Returns undefined without `role-to-assume` (credentials already present are used).
 */
export function chooseRoleSource(
  inputs: RoleSourceInputs,
  env: NodeJS.ProcessEnv
): RoleSource | undefined {
  const { roleToAssume, roleChaining, externalId, webIdentityTokenFile } = inputs
  if (roleToAssume === undefined) {
    const needsRole: Array<[string, string | undefined]> = [
      ['role-chaining', roleChaining === 'true' ? 'true' : undefined],
      ['role-external-id', externalId],
      ['web-identity-token-file', webIdentityTokenFile]
    ]
    const given = needsRole.find(([, value]) => value !== undefined)
    if (given !== undefined) {
      throw invalidValue(
        given[0],
        'unset, or set together with role-to-assume (the role it applies to)',
        given[1],
        'role-to-assume is not set'
      )
    }
    return undefined
  }
  if (webIdentityTokenFile !== undefined) {
    if (roleChaining === 'true') {
      throw invalidValue(
        'role-chaining',
        'auto or false when web-identity-token-file is set (the token file is the source)',
        roleChaining,
        'role chaining and a web-identity token file are two different ways to assume the role'
      )
    }
    if (externalId !== undefined) throw externalIdUnused(externalId, 'web-identity-token-file')
    return {
      kind: 'web-identity-file',
      reason: `web-identity-token-file is set (${webIdentityTokenFile})`
    }
  }
  const oidc = hasOidcRequestVariables(env)
  let source: RoleSource
  if (roleChaining === 'true') {
    source = { kind: 'role-chaining', reason: 'role-chaining is true' }
  } else if (roleChaining === 'false') {
    source = { kind: 'github-oidc', reason: 'role-chaining is false' }
  } else if (oidc) {
    source = {
      kind: 'github-oidc',
      reason: 'the job has the GitHub OIDC request variables (role-chaining: auto)'
    }
  } else {
    source = {
      kind: 'role-chaining',
      reason: 'the job has no GitHub OIDC token request variables (role-chaining: auto)'
    }
  }
  if (source.kind === 'github-oidc' && externalId !== undefined) {
    throw externalIdUnused(externalId, source.reason)
  }
  return source
}

function externalIdUnused(externalId: string, why: string): Error {
  return invalidValue(
    'role-external-id',
    'set only when the role is assumed with AssumeRole (role chaining: role-chaining: true, or auto on a runner without GitHub OIDC)',
    externalId,
    `the role is assumed with a web identity here (${why}), and AssumeRoleWithWebIdentity takes no external id`
  )
}
