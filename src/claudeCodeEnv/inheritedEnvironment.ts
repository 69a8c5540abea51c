import type { CheckResult, ExportedVariable } from '../report/types.js'
import {
  ROUTING_VARIABLES,
  routingConflicts,
  type ConfigurationConflict,
  type ConfiguredValue,
  type VerifiedRouting
} from './routingConflicts.js'

export interface InheritedEnvironmentInput {
  /** The job's environment as this step sees it: later steps inherit it, minus what is exported. */
  readonly env: NodeJS.ProcessEnv
  /** What this action exports: those values override the job's own in later steps. */
  readonly exported: readonly ExportedVariable[]
  readonly verified: VerifiedRouting
}

/** Fixes name the action's inputs, and the places a job's variable comes from. */
const JOB_SPELLING = {
  option: (input: string, value: string) => `\`${input}: ${value}\``,
  input: (input: string) => `the \`${input}\` input`,
  where: () => "in the job's environment",
  remove: (value: ConfiguredValue) =>
    `Remove ${value.name} from the workflow's, the job's or an earlier step's \`env:\` (or the earlier step that writes it to GITHUB_ENV)`
}

/**
 * What later steps inherit from the job that would make Claude Code call another place, or sign
 * another way, than the checks did: the rules the doctor applies to a person's shell
 * (routingConflicts), applied to the variables this action does not set itself, plus an inherited
 * AWS_PROFILE, which the AWS SDK for JavaScript (and so Claude Code) prefers over the exported key
 * variables (`fromEnv` is skipped when AWS_PROFILE is set: @aws-sdk/credential-provider-node).
 * One check per variable; none when nothing conflicts. Values are never shown (a URL without its
 * credentials or query, a key not at all).
 */
export function inheritedEnvironmentChecks(input: InheritedEnvironmentInput): CheckResult[] {
  const exportedNames = new Set(input.exported.map((variable) => variable.name))
  const inherited: ConfiguredValue[] = ROUTING_VARIABLES.flatMap((name) => {
    const value = input.env[name]
    return value === undefined || exportedNames.has(name) ? [] : [{ name, value, source: 'job' }]
  })
  const conflicts = routingConflicts(inherited, input.verified, JOB_SPELLING)
  const profile = input.env.AWS_PROFILE ?? ''
  if (profile !== '' && exportedNames.has('AWS_ACCESS_KEY_ID') && !exportedNames.has('AWS_PROFILE'))
    conflicts.push(profileConflict(profile))
  return conflicts.map(conflictCheck)
}

function profileConflict(profile: string): ConfigurationConflict {
  return {
    name: 'AWS_PROFILE',
    severity: 'fail',
    summary: `AWS_PROFILE=${profile} from the job's environment wins over the exported role session in Claude Code.`,
    problem: `AWS_PROFILE is ${profile} in the job's environment, and this action exported no AWS_PROFILE of its own (refresh-credentials): the AWS SDK for JavaScript (Claude Code's) uses a set AWS_PROFILE before the key variables this action exported, so Claude Code would sign as profile ${profile}, not as the role session the checks verified.`,
    fix: `Remove AWS_PROFILE from the job's \`env:\`; or keep \`refresh-credentials: true\` (the default), which exports AWS_PROFILE for a renewing profile of this role session.`
  }
}

function conflictCheck(conflict: ConfigurationConflict): CheckResult {
  return {
    id: `job-environment:${conflict.name}`,
    title: `Job environment: ${conflict.name}`,
    status: conflict.severity ?? 'warn',
    detail: conflict.summary ?? conflict.problem,
    cause: conflict.problem,
    fix: conflict.fix
  }
}
