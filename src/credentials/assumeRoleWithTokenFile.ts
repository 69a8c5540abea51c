import { readFile } from 'node:fs/promises'
import {
  assumeRoleWithFreshToken,
  type WebIdentityDependencies
} from './assumeRoleWithWebIdentity.js'
import { CredentialError } from './credentialError.js'
import { JWT_FORM, jwtShapeProblem } from './tokenClaims.js'
import type { CredentialSource } from './types.js'

export type TokenFileDependencies = WebIdentityDependencies

/**
 * The token in `web-identity-token-file`, read fresh: kubelet (EKS IRSA) and other issuers rotate
 * the file in place, so every read may hold a newer token. Masked before anything can print it.
 */
export async function readWebIdentityToken(
  path: string,
  setSecret: (value: string) => void
): Promise<string> {
  let token: string
  try {
    token = (await readFile(path, 'utf8')).trim()
  } catch (error) {
    const reason = (error as NodeJS.ErrnoException).code ?? String(error)
    throw new CredentialError({
      cause: `web-identity-token-file ${path} cannot be read (${reason}).`,
      fix: "Point `web-identity-token-file` at the token file this runner has (EKS IRSA: the value of AWS_WEB_IDENTITY_TOKEN_FILE, usually /var/run/secrets/eks.amazonaws.com/serviceaccount/token), readable by the runner's user; in a container job, use the path inside the container.",
      transient: false
    })
  }
  if (token === '') {
    throw new CredentialError({
      cause: `web-identity-token-file ${path} is empty.`,
      fix: 'The file must hold one OIDC token (a JWT) written by its issuer; check the projected service-account token volume or the step that writes it.',
      transient: false
    })
  }
  const problem = jwtShapeProblem(token)
  if (problem !== undefined) {
    // Not masked: it is not a token, and masking a short value (a word, a path) would blank that
    // word everywhere in the job's log. It is never printed either.
    throw new CredentialError({
      cause: `web-identity-token-file ${path} does not hold an OIDC token: ${problem}. Nothing was sent to STS.`,
      fix: `Point \`web-identity-token-file\` at a file that holds ${JWT_FORM}: on EKS (IRSA) the projected service-account token, the value of AWS_WEB_IDENTITY_TOKEN_FILE (usually /var/run/secrets/eks.amazonaws.com/serviceaccount/token); otherwise check the step that writes the file.`,
      transient: false
    })
  }
  setSecret(token)
  return token
}

/** Assumes `role-to-assume` with the OIDC token in `web-identity-token-file` (AssumeRoleWithWebIdentity). */
export function tokenFileCredentialSource(deps: TokenFileDependencies): CredentialSource {
  const roleArn = deps.config.roleToAssume
  const path = deps.config.webIdentityTokenFile
  if (roleArn === undefined || path === undefined) {
    throw new Error('tokenFileCredentialSource needs role-to-assume and web-identity-token-file')
  }
  return {
    origin: 'web-identity-file',
    async obtain() {
      const { credentials, claims } = await assumeRoleWithFreshToken(deps, roleArn, {
        kind: 'file',
        // Read again for every attempt: the issuer may have rotated the file meanwhile.
        fetch: () => readWebIdentityToken(path, deps.setSecret)
      })
      return { origin: 'web-identity-file', credentials, claims }
    }
  }
}
