import { loadSharedConfigFiles } from '@smithy/core/config'

/**
 * What a person's AWS profile says, read from the shared config and credentials files
 * (`AWS_CONFIG_FILE`, `AWS_SHARED_CREDENTIALS_FILE`, else `~/.aws/config` and `~/.aws/credentials`)
 * with the SDK's own loader, so the files are parsed exactly as the credential chain parses them.
 */
export interface SharedProfile {
  readonly name: string
  /** False when neither file has a section of that name. */
  readonly exists: boolean
  /** The profile's `region`, if it sets one. */
  readonly region?: string
  /** The profile signs in through IAM Identity Center (`sso_session` or `sso_start_url`). */
  readonly sso: boolean
  /** The profile's `credential_process` command, when it has one. */
  readonly credentialProcess?: string
}

/** The profile the SDK would use: the flag, else AWS_PROFILE, else `default` (the SDK's order). */
export function profileName(flag: string | undefined, env: NodeJS.ProcessEnv): string {
  return (
    flag ?? (env.AWS_PROFILE !== undefined && env.AWS_PROFILE !== '' ? env.AWS_PROFILE : 'default')
  )
}

/** Reads one profile; unreadable files count as absent, as they do for the SDK. */
export async function readSharedProfile(name: string): Promise<SharedProfile> {
  const files = await loadSharedConfigFiles({ ignoreCache: true })
  const config = files.configFile[name]
  const credentials = files.credentialsFile[name]
  const region = config?.region ?? credentials?.region
  return {
    name,
    exists: config !== undefined || credentials !== undefined,
    ...(region !== undefined && region !== '' ? { region } : {}),
    sso: config?.sso_session !== undefined || config?.sso_start_url !== undefined,
    ...(config?.credential_process !== undefined
      ? { credentialProcess: config.credential_process }
      : {})
  }
}
