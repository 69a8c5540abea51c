import type { AwsCredentials, RunnerCredentials } from './types.js'

/** What the SDK resolved: credentials plus the features it records of their provider. */
export type ResolvedIdentity = AwsCredentials & {
  /** Set by the SDK's providers (`setCredentialFeature`), e.g. `{ CREDENTIALS_ENV_VARS: 'g' }`. */
  readonly $source?: Readonly<Record<string, string>>
}

const CONTAINER_VARIABLES = [
  'AWS_CONTAINER_CREDENTIALS_FULL_URI',
  'AWS_CONTAINER_CREDENTIALS_RELATIVE_URI'
] as const

const set = (env: NodeJS.ProcessEnv, name: string): boolean => (env[name] ?? '').trim() !== ''

/**
 * Names the link of the SDK's default chain (@aws-sdk/credential-provider-node: key variables
 * unless AWS_PROFILE is set, then profiles, a web-identity token file, container credentials,
 * instance metadata) that supplied `resolved`. The SDK records most providers in `$source`;
 * instance metadata records nothing, so an unmarked identity is the remote provider's.
 */
export function describeRunnerCredentials(
  resolved: ResolvedIdentity,
  env: NodeJS.ProcessEnv
): RunnerCredentials {
  const features = Object.keys(resolved.$source ?? {})
  const temporary = resolved.sessionToken !== undefined && resolved.sessionToken !== ''
  const has = (test: (feature: string) => boolean): boolean => features.some(test)
  if (has((f) => f === 'CREDENTIALS_ENV_VARS')) {
    return {
      kind: 'key-variables',
      label: 'the key variables AWS_ACCESS_KEY_ID / AWS_SECRET_ACCESS_KEY',
      temporary
    }
  }
  if (has((f) => f === 'CREDENTIALS_ENV_VARS_STS_WEB_ID_TOKEN')) {
    return {
      kind: 'web-identity',
      label: `a web-identity token file (AWS_WEB_IDENTITY_TOKEN_FILE for ${env.AWS_ROLE_ARN ?? 'AWS_ROLE_ARN'}, e.g. EKS IRSA)`,
      temporary
    }
  }
  if (has((f) => f.startsWith('CREDENTIALS_PROFILE') || f === 'CREDENTIALS_PROCESS')) {
    const profile = (env.AWS_PROFILE ?? '').trim() || 'default'
    return { kind: 'profile', label: `the AWS profile \`${profile}\``, profile, temporary }
  }
  if (has((f) => f === 'CREDENTIALS_HTTP') || CONTAINER_VARIABLES.some((name) => set(env, name))) {
    return {
      kind: 'container',
      label:
        'the container credentials endpoint (AWS_CONTAINER_CREDENTIALS_FULL_URI / _RELATIVE_URI: EKS Pod Identity, ECS, CodeBuild)',
      temporary
    }
  }
  if (features.length === 0) {
    return {
      kind: 'instance-metadata',
      label: 'the EC2 instance metadata service (the instance role)',
      temporary
    }
  }
  return { kind: 'other', label: `the SDK's default chain (${features.join(', ')})`, temporary }
}

/** AWS: "Role chaining limits your AWS CLI or AWS API role session to a maximum of one hour." */
export const CHAINED_SESSION_MAX_SECONDS = 3600

/**
 * The session length to ask of AssumeRole. From temporary credentials (a role session, or
 * GetSessionToken's) STS refuses more than one hour with ValidationError "The requested
 * DurationSeconds exceeds the 1 hour session limit for roles assumed by role chaining." (AssumeRole
 * API reference, DurationSeconds); long-term keys of an IAM user may ask up to the role's maximum.
 */
export function chainedDuration(requested: number, runner: RunnerCredentials): number {
  return runner.temporary ? Math.min(requested, CHAINED_SESSION_MAX_SECONDS) : requested
}
