import { defaultProvider } from '@aws-sdk/credential-provider-node'
import type { Diagnosis } from '../diagnosis/types.js'
import { CredentialError } from './credentialError.js'
import { resolvedCredentials } from './issuedCredentials.js'
import { describeRunnerCredentials } from './runnerCredentials.js'
import type { SharedProfile } from './sharedProfile.js'
import type { CredentialSource } from './types.js'

/**
 * A person's own credentials, for `doctor`: the AWS SDK's default chain (environment keys, the
 * profile with SSO, `credential_process`, web identity, container and instance roles), the chain
 * Claude Code and the AWS CLI use on the same machine. `profile` is only passed on when the person
 * chose one, so environment keys keep their usual precedence otherwise.
 */
export function personalCredentialSource(
  profile: SharedProfile,
  chosen: boolean,
  setSecret: (value: string) => void,
  env: NodeJS.ProcessEnv
): CredentialSource {
  return {
    origin: 'environment',
    async obtain() {
      try {
        const provider = defaultProvider(chosen ? { profile: profile.name } : {})
        const resolved = await provider()
        return {
          origin: 'environment',
          runner: describeRunnerCredentials(resolved, env),
          credentials: resolvedCredentials(resolved, setSecret)
        }
      } catch (error) {
        throw new CredentialError(diagnoseChainError(error, profile, chosen))
      }
    }
  }
}

/**
 * Why the chain found nothing usable, from the SDK's own messages: a profile that does not exist,
 * an SSO session that expired or was never started, or no credentials anywhere.
 */
export function diagnoseChainError(
  error: unknown,
  profile: SharedProfile,
  chosen: boolean
): Diagnosis {
  const message = error instanceof Error ? error.message : String(error)
  const named = `--profile ${profile.name}`
  if (chosen && !profile.exists) {
    return {
      cause: `The AWS profile "${profile.name}" does not exist in your AWS config or credentials file.`,
      fix: `List the profiles you have with \`aws configure list-profiles\`, then run again with one of them; or create it with \`aws configure sso --profile ${profile.name}\` (IAM Identity Center) or \`aws configure --profile ${profile.name}\` (keys).`,
      transient: false
    }
  }
  if (/SSO session|sso.*(expired|invalid)|Token is expired|refresh.*token/i.test(message)) {
    return {
      cause: `The IAM Identity Center (SSO) session of profile "${profile.name}" has expired or was never started (${message}).`,
      fix: `Sign in: \`aws sso login --profile ${profile.name}\`, then run the doctor again. Add --write-settings to that run and Claude Code signs you in by itself next time (it writes \`"awsAuthRefresh": "aws sso login --profile ${profile.name}"\`).`,
      transient: false
    }
  }
  if (profile.credentialProcess !== undefined) {
    return {
      cause: `The credential_process of profile "${profile.name}" did not return credentials (${message}).`,
      fix: `Run it by hand to see its error: \`${profile.credentialProcess}\`; fix it, then run again (${named}).`,
      transient: false
    }
  }
  return {
    cause: `No AWS credentials found on this machine (${message}).`,
    fix: [
      'Do one of:',
      '- sign in with a profile: `aws sso login --profile NAME`, then `--profile NAME`;',
      '- export AWS_ACCESS_KEY_ID and AWS_SECRET_ACCESS_KEY (and AWS_SESSION_TOKEN);',
      '- export AWS_BEARER_TOKEN_BEDROCK with a Bedrock API key.'
    ].join('\n'),
    transient: false
  }
}
