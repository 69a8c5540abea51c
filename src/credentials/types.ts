export interface AwsCredentials {
  readonly accessKeyId: string
  readonly secretAccessKey: string
  readonly sessionToken?: string
  readonly expiration?: Date
}

/** Where the credentials came from; decides whether we export them (we never re-export the user's own). */
export type CredentialOrigin = 'oidc' | 'environment'

export interface ObtainedCredentials {
  readonly origin: CredentialOrigin
  readonly credentials: AwsCredentials
}

/** One way of getting AWS credentials. Each implementation lives in its own file. */
export interface CredentialSource {
  readonly origin: CredentialOrigin
  obtain(): Promise<ObtainedCredentials>
}
