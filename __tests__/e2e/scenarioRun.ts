import { loadScenario, type Emulator, type Scenario } from '../../emulator/index.ts'
import { runAction, type ActionRun, type RunOptions } from '../../emulator/runner/runAction.ts'

export const ROLE = 'arn:aws:iam::123456789012:role/claude-code'
export const BASE_INPUTS = { 'role-to-assume': ROLE, 'aws-region': 'us-east-1' } as const

export async function runScenario(
  emulator: Emulator,
  scenario: string | Scenario,
  options: RunOptions & { withOidc?: boolean } = {}
): Promise<ActionRun> {
  const loaded = typeof scenario === 'string' ? loadScenario(scenario) : scenario
  emulator.setScenario(loaded)
  emulator.clearRequests()
  const runnerEnv = emulator.runnerEnv()
  if (options.withOidc === false) {
    delete runnerEnv.ACTIONS_ID_TOKEN_REQUEST_URL
    delete runnerEnv.ACTIONS_ID_TOKEN_REQUEST_TOKEN
  }
  return runAction({
    event: {
      name: loaded.github.eventName,
      ...(loaded.github.event && { payload: loaded.github.event })
    },
    ...options,
    inputs: { ...BASE_INPUTS, ...options.inputs },
    env: { ...runnerEnv, ...options.env }
  })
}

/** Channels where no secret may ever appear: the log (minus the mask commands), stderr, the summary. */
export function publicChannels(run: ActionRun): string {
  const log = run.stdout
    .split('\n')
    .filter((line) => !line.startsWith('::add-mask::'))
    .join('\n')
  return [
    log,
    run.stderr,
    run.summary,
    run.outputs.report ?? '',
    run.outputs['iam-policy'] ?? ''
  ].join('\n')
}

export function errorAnnotations(run: ActionRun): string[] {
  return run.commands.filter((c) => c.command === 'error').map((c) => c.message)
}

/**
 * Every request but the actor check's GitHub REST call (service `github`): what the run asked of
 * AWS and of GitHub's OIDC endpoint. The actor check has its own suite (actorGate.e2e.test.ts).
 */
export function withoutActorCheck<T extends { service: string }>(requests: readonly T[]): T[] {
  return requests.filter((r) => r.service !== 'github')
}

export function operations(emulator: Emulator): string[] {
  return withoutActorCheck(emulator.requests).map((r) => r.operation)
}
