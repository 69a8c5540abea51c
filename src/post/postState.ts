import { appendFileCommands } from '../exports/envFile.js'
import type { Config } from '../inputs/config.js'
import type { ResolvedModel } from '../models/resolvedModel.js'
import { quotaKind, type QuotaKind } from '../capacity/quotaKind.js'
import type { Report } from '../report/types.js'

/**
 * The runner's state mechanism (what @actions/core's saveState does): `name<<DELIM` records in the
 * file GITHUB_STATE names; the post step of the same action gets each as env `STATE_<name>`.
 */
export const POST_MARKER = 'isPost'
export const USAGE_STATE = 'usage'

/**
 * Written first thing in the main step, so the post step (same bundle, `runs.post`) knows it is
 * the post step even when the main step stopped at a bad input.
 */
export function markPostStep(env: NodeJS.ProcessEnv): void {
  const file = env['GITHUB_STATE']
  if (file !== undefined && file !== '') appendFileCommands(file, [[POST_MARKER, 'true']])
}

export function isPostStep(env: NodeJS.ProcessEnv): boolean {
  return env[`STATE_${POST_MARKER}`] === 'true'
}

/** A model the main step verified, as the post step needs it. */
export interface UsageModel {
  /** `main`, `small`, or a pinned family (`opus`, ...). */
  readonly role: string
  /** The id Claude Code sends (profile id, ARN or base id). */
  readonly invokeId: string
  readonly foundationModelId: string
  readonly region: string
  /** Which per-minute quota family its calls count against (capacity pre-flight). */
  readonly quotaKind?: QuotaKind
}

/**
 * What the post step needs from the main step to find this job's calls. No secret: the session
 * ARN and name are also in the log and the outputs.
 */
export interface UsageState {
  readonly version: 1
  /** Epoch ms the main step started: the report's window begins here. */
  readonly startedAt: number
  readonly region: string
  /** The assumed role's session ARN (`arn:aws:sts::<account>:assumed-role/<role>/<session>`). */
  readonly sessionArn?: string
  /** The `session` value of the request metadata Claude Code sends (request-metadata: true). */
  readonly metadataSession?: string
  readonly models: readonly UsageModel[]
  /**
   * Roles of `models` whose capacity check the main step could not finish (Service Quotas had not
   * answered in time, or was busy): the post step finishes them.
   */
  readonly capacityPending?: readonly string[]
}

export function saveUsageState(state: UsageState, env: NodeJS.ProcessEnv): void {
  const file = env['GITHUB_STATE']
  if (file !== undefined && file !== '') {
    appendFileCommands(file, [[USAGE_STATE, JSON.stringify(state)]])
  }
}

export function readUsageState(env: NodeJS.ProcessEnv): UsageState | undefined {
  const text = env[`STATE_${USAGE_STATE}`]
  if (text === undefined || text === '') return undefined
  try {
    const value = JSON.parse(text) as Partial<UsageState>
    if (value.version !== 1 || typeof value.startedAt !== 'number' || !Array.isArray(value.models))
      return undefined
    return value as UsageState
  } catch {
    return undefined
  }
}

/**
 * Leaves the post step what finds this job's calls, once the main step has exported a working set
 * (nothing when it failed before that: no usage to report). The session ARN is kept only when the
 * identity is the role session this action named, so another job's session is never matched.
 */
export function rememberForPostStep(
  config: Config,
  report: Report,
  models:
    | {
        readonly main?: ResolvedModel | undefined
        readonly small?: ResolvedModel | undefined
        readonly families?:
          | ReadonlyArray<{ readonly usable: boolean; readonly model?: ResolvedModel | undefined }>
          | undefined
      }
    | undefined,
  startedAt: number,
  env: NodeJS.ProcessEnv,
  capacityPending: readonly string[] = []
): void {
  if (report.exported.length === 0 || config.usageReport === 'false') return
  const arn = report.identity?.arn
  const ours =
    arn !== undefined &&
    arn.endsWith(`/${config.roleSessionName}`) &&
    arn.includes(':assumed-role/')
  const session = config.customHeaders?.metadata['session']
  saveUsageState(
    {
      version: 1,
      startedAt,
      region: config.region,
      ...(ours ? { sessionArn: arn } : {}),
      ...(session !== undefined ? { metadataSession: session } : {}),
      models: [
        models?.main,
        models?.small,
        ...(models?.families ?? []).map((pin) => (pin.usable ? pin.model : undefined))
      ]
        .filter((model): model is ResolvedModel => model !== undefined)
        .map((model) => ({
          role: model.role,
          invokeId: model.invokeId,
          foundationModelId: model.foundationModelId,
          region: model.region,
          quotaKind: quotaKind(model)
        })),
      ...(capacityPending.length > 0 ? { capacityPending: [...capacityPending] } : {})
    },
    env
  )
}
