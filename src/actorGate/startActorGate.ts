import type { RetryBudget } from '../aws/retryPolicy.js'
import type { Timeouts } from '../aws/timeouts.js'
import type { Config } from '../inputs/config.js'
import type { CheckResult } from '../report/types.js'
import { checkActor } from './checkActor.js'
import { readRunTrigger } from './runTrigger.js'

export interface GateDependencies {
  readonly timeouts: Timeouts
  readonly budget: RetryBudget
  readonly sleep: (ms: number) => Promise<void>
}

/**
 * Starts the actor check; main.ts awaits it before the first AWS request. It starts beside the
 * OIDC token request (both go to GitHub), so on the usual path it costs no round trip of its
 * own. @actions/github is loaded only here, and only when a person's role must be read.
 */
export function startActorGate(
  config: Config,
  env: NodeJS.ProcessEnv,
  deps: GateDependencies
): Promise<CheckResult> {
  return checkActor({
    requiredRole: config.requireActorPermission,
    allowedBots: config.allowedBots,
    ...(config.githubToken !== undefined && { githubToken: config.githubToken }),
    trigger: readRunTrigger(env),
    lookup: { timeouts: deps.timeouts, budget: deps.budget, sleep: deps.sleep, env }
  })
}
