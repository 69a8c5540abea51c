import type { AwsClients } from '../aws/clients.js'
import type { CredentialOutcome } from '../credentials/obtainCredentials.js'
import { proveIdentity, type IdentityProof } from '../credentials/proveIdentity.js'
import type { Config } from '../inputs/config.js'
import { setUpRefresh, type RefreshOutcome } from '../refresh/setUpRefresh.js'
import { credentialsTrusted } from '../report/assembleReport.js'
import { verifyModels, type ModelVerification } from './verifyModels.js'

/** What the checks found; a part is absent when an earlier failure made it pointless to run. */
export interface Checked {
  readonly identity?: IdentityProof | undefined
  readonly models?: ModelVerification | undefined
  readonly refresh?: RefreshOutcome | undefined
}

/**
 * Identity, models and the renewing profile. When allowed-account-ids is set, the account is
 * proven before any Bedrock call; otherwise both run concurrently, which saves a round trip on
 * every run. The renewing profile is written as soon as the identity is trusted (never for a
 * foreign account), while the model checks are still on the wire.
 *
 * Never throws for a failed check: every outcome is data in the result. `clients` must be signed
 * with what `credentials` obtained (or the Bedrock API key).
 */
export async function runChecks(
  config: Config,
  credentials: CredentialOutcome,
  clients: AwsClients,
  env: NodeJS.ProcessEnv
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
  if (credentials.obtained === undefined) {
    const [models, refresh] = await Promise.all([verifyModels(config, clients), refreshIfTrusted()])
    return { models, refresh }
  }
  const identityProof = proveIdentity(clients.sts(), config)
  const refreshSetup = identityProof.then(refreshIfTrusted)
  if (config.allowedAccountIds.length > 0) {
    const identity = await identityProof
    if (identity.identity === undefined || identity.checks.some((c) => c.status === 'fail')) {
      return { identity, refresh: await refreshSetup }
    }
    const [models, refresh] = await Promise.all([
      verifyModels(config, clients, principalOf(identity)),
      refreshSetup
    ])
    return { identity, models, refresh }
  }
  const [identity, models, refresh] = await Promise.all([
    identityProof,
    verifyModels(config, clients),
    refreshSetup
  ])
  return { identity, models, refresh }
}

function principalOf(proof: IdentityProof): { arn: string; accountId: string } | undefined {
  return proof.identity === undefined
    ? undefined
    : { arn: proof.identity.arn, accountId: proof.identity.accountId }
}
