import type { AwsClients } from '../aws/clients.js'
import { proveApiKeyAccount, type ApiKeyAccountProof } from '../credentials/apiKeyAccount.js'
import type { CredentialOutcome } from '../credentials/obtainCredentials.js'
import { proveIdentity, type IdentityProof } from '../credentials/proveIdentity.js'
import type { Config } from '../inputs/config.js'
import { setUpRefresh, type RefreshOutcome } from '../refresh/setUpRefresh.js'
import { credentialsTrusted } from '../report/assembleReport.js'
import { verifyModels, type ModelObserver, type ModelVerification } from './verifyModels.js'

/** What the checks found; a part is absent when an earlier failure made it pointless to run. */
export interface Checked {
  readonly identity?: IdentityProof | undefined
  /** The Bedrock API key's account and the allowed-account-ids verdict on it. */
  readonly apiKeyAccount?: ApiKeyAccountProof | undefined
  readonly models?: ModelVerification | undefined
  readonly refresh?: RefreshOutcome | undefined
}

/**
 * Identity, models and the renewing profile. When allowed-account-ids is set, every credential's
 * account is proven before any model call: the AWS credentials' with GetCallerIdentity, the
 * Bedrock API key's from the profile ARNs Bedrock lists for it (apiKeyAccount.ts). Otherwise all
 * run concurrently, which saves a round trip on every run. The renewing profile is written as soon
 * as the identity is trusted (never for a foreign account), while the model checks are still on
 * the wire.
 *
 * Never throws for a failed check: every outcome is data in the result. `clients` must be signed
 * with what `credentials` obtained (or the Bedrock API key); `apiKeyClients` gives clients whose
 * Bedrock calls sign with the key alone. `observer` hears of each model as its checks start (the
 * capacity pre-flight asks for its quotas beside them).
 */
export async function runChecks(
  config: Config,
  credentials: CredentialOutcome,
  clients: AwsClients,
  env: NodeJS.ProcessEnv,
  apiKeyClients: () => AwsClients = () => clients,
  observer?: ModelObserver
): Promise<Checked> {
  if (credentials.check.status === 'fail') return {}
  // After the answers that came in with the identity's have been handled (a macrotask), so the
  // model checks' next requests leave first and the files are written while those are in flight.
  const refreshIfTrusted = async (
    identity?: IdentityProof
  ): Promise<RefreshOutcome | undefined> => {
    if (!credentialsTrusted([credentials.check, ...(identity?.checks ?? [])])) return
    await new Promise((resolve) => setImmediate(resolve))
    return setUpRefresh(config, credentials.obtained, env)
  }
  const guarded = config.allowedAccountIds.length > 0
  const identityProof =
    credentials.obtained !== undefined
      ? proveIdentity(clients.sts(), config)
      : Promise.resolve(undefined)
  const keyAccountProof =
    guarded && config.bedrockApiKey !== undefined
      ? proveApiKeyAccount(apiKeyClients().bedrock(config.region), config)
      : Promise.resolve(undefined)
  const refreshSetup = identityProof.then(refreshIfTrusted)
  if (guarded) {
    const [identity, apiKeyAccount] = await Promise.all([identityProof, keyAccountProof])
    const proven =
      (identity === undefined ||
        (identity.identity !== undefined && identity.checks.every((c) => c.status !== 'fail'))) &&
      apiKeyAccount?.check.status !== 'fail'
    if (!proven) return { identity, apiKeyAccount, refresh: await refreshSetup }
    const [models, refresh] = await Promise.all([
      verifyModels(
        config,
        clients,
        identity !== undefined ? principalOf(identity) : undefined,
        observer
      ),
      refreshSetup
    ])
    return { identity, apiKeyAccount, models, refresh }
  }
  const [identity, models, refresh] = await Promise.all([
    identityProof,
    verifyModels(config, clients, undefined, observer),
    refreshSetup
  ])
  return { identity, models, refresh }
}

function principalOf(proof: IdentityProof): { arn: string; accountId: string } | undefined {
  return proof.identity === undefined
    ? undefined
    : { arn: proof.identity.arn, accountId: proof.identity.accountId }
}
