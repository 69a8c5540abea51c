import type { TokenClaims } from './tokenClaims.js'

export interface AwsCredentials {
  readonly accessKeyId: string
  readonly secretAccessKey: string
  readonly sessionToken?: string
  readonly expiration?: Date
}

/**
 * Where the credentials came from. Every origin but `environment` is a role session this action
 * assumed (and may export and renew); credentials already in the environment are never re-exported.
 */
export type CredentialOrigin = 'oidc' | 'web-identity-file' | 'role-chaining' | 'environment'

/** The credentials the runner had of its own, which signed AssumeRole (never exported or shown). */
export interface RunnerCredentials {
  /** Which link of the SDK's default chain supplied them. */
  readonly kind:
    'key-variables' | 'profile' | 'web-identity' | 'container' | 'instance-metadata' | 'other'
  /** For the log and summary, e.g. "the EC2 instance metadata service (instance role)". */
  readonly label: string
  /** The profile that supplied them (kind `profile`); the credential helper uses it again. */
  readonly profile?: string
  /** A session (with a session token): AssumeRole from it is role chaining, capped at one hour. */
  readonly temporary: boolean
}

export interface ObtainedCredentials {
  readonly origin: CredentialOrigin
  readonly credentials: AwsCredentials
  /**
   * Role chaining: the runner's credentials that signed AssumeRole. Credentials used as they are
   * (`doctor`'s profile chain): which link of the chain supplied them, for the credentials line.
   */
  readonly runner?: RunnerCredentials
  /** The session length asked of STS, when it differs from role-duration-seconds (the chaining cap). */
  readonly durationSeconds?: number
  /** Web-identity token file: the claims of the token used (never the token). */
  readonly claims?: TokenClaims
}

/** Credentials this action assumed itself: exported to later steps and renewable. */
export function assumedByThisAction(origin: CredentialOrigin | undefined): boolean {
  return origin !== undefined && origin !== 'environment'
}

/** One way of getting AWS credentials. Each implementation lives in its own file. */
export interface CredentialSource {
  readonly origin: CredentialOrigin
  obtain(): Promise<ObtainedCredentials>
}
