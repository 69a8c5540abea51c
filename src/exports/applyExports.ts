import * as core from '@actions/core'
import type { ExportedVariable } from '../report/types.js'
import type { StepOutput } from './buildOutputs.js'
import { appendFileCommands } from './envFile.js'

/**
 * Masks every secret first, then hands the variables to later steps and sets the outputs, each
 * file in one write. Outside a runner (no GITHUB_ENV), @actions/core's fallback is used.
 */
export function applyExports(
  variables: readonly ExportedVariable[],
  outputs: readonly StepOutput[],
  env: NodeJS.ProcessEnv
): void {
  for (const item of [...variables, ...outputs]) if (item.secret) core.setSecret(item.value)

  const envFile = env.GITHUB_ENV
  if (envFile !== undefined && envFile !== '') {
    appendFileCommands(
      envFile,
      variables.map((v) => [v.name, v.value] as const)
    )
    for (const v of variables) process.env[v.name] = v.value
  } else {
    for (const v of variables) core.exportVariable(v.name, v.value)
  }

  const outputFile = env.GITHUB_OUTPUT
  if (outputFile !== undefined && outputFile !== '') {
    appendFileCommands(
      outputFile,
      outputs.map((o) => [o.name, o.value] as const)
    )
  } else {
    for (const o of outputs) core.setOutput(o.name, o.value)
  }
}
