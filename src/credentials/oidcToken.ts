import { hasOidcRequestVariables, OIDC_REQUEST_VARIABLES } from '../inputs/roleSource.js'
import { CredentialError } from './credentialError.js'
import { errorText } from '../diagnosis/errorText.js'

export type GetIdToken = (audience: string) => Promise<string>

export const MISSING_OIDC_FIX = [
  'Give the job permission to request an OIDC token:',
  '```yaml',
  'permissions:',
  '  id-token: write',
  '  contents: read',
  '```',
  'Pull requests from forks and Dependabot runs never get an OIDC token (GitHub withholds it). For those,',
  'run on `pull_request_target` only with care, or pass a `bedrock-api-key` from a secret the event can read,',
  'or skip this step for such events.'
].join('\n')

/**
 * Fetches the job's GitHub OIDC token. The request variables exist only with `id-token: write`
 * and never on fork or Dependabot pull requests: say that instead of failing on an undefined URL.
 */
export async function fetchOidcToken(
  audience: string,
  env: NodeJS.ProcessEnv,
  getIdToken: GetIdToken
): Promise<string> {
  const missing = OIDC_REQUEST_VARIABLES.filter((name) => (env[name] ?? '') === '')
  if (missing.length > 0) {
    throw new CredentialError({
      cause: `role-to-assume is set but this job has no GitHub OIDC token: ${missing.join(' and ')} ${missing.length > 1 ? 'are' : 'is'} not set (the workflow lacks \`permissions: id-token: write\`, or this is a pull request from a fork or from Dependabot).`,
      fix: MISSING_OIDC_FIX,
      transient: false
    })
  }
  try {
    return await getIdToken(audience)
  } catch (error) {
    // @actions/core's message names the URL's status, never the request token.
    const reason = errorText(error)
    throw new CredentialError({
      cause: `Could not get a GitHub OIDC token for audience "${audience}": ${reason}`,
      fix: 'Retry the job; if it keeps failing, check the workflow has `permissions: id-token: write` and that GitHub Actions is operating normally.',
      transient: true
    })
  }
}

/**
 * Starts the token request now when the run will ask for it (role-to-assume set to be assumed with
 * GitHub OIDC, request variables present; never for role chaining or a token file), so its round trip overlaps loading the AWS SDK. The first request for `audience` gets
 * that answer; any later one (a retry wants a fresh token) asks again.
 */
export function prefetchOidcToken(
  audience: string,
  roleToAssume: string | undefined,
  env: NodeJS.ProcessEnv,
  getIdToken: GetIdToken
): GetIdToken {
  const willAsk = roleToAssume !== undefined && hasOidcRequestVariables(env)
  if (!willAsk) return getIdToken
  let early: Promise<string> | undefined = getIdToken(audience)
  // A failure is reported where fetchOidcToken awaits it, not as an unhandled rejection before.
  early.catch(() => undefined)
  return (requested) => {
    const token = early !== undefined && requested === audience ? early : getIdToken(requested)
    early = undefined
    return token
  }
}
