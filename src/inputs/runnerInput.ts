/**
 * Reads a step input the way the runner passes it: `with: { role-to-assume: … }` arrives as the
 * variable INPUT_ROLE-TO-ASSUME (spaces become `_`, letters upper case), trimmed, '' when unset;
 * the same rule as @actions/core's getInput. Read here, from `env`, so the action can validate its
 * inputs and send the OIDC token request before @actions/core and the AWS SDK are even loaded.
 */
export function runnerInput(env: NodeJS.ProcessEnv): (name: string) => string {
  return (name) => (env[`INPUT_${name.replace(/ /g, '_').toUpperCase()}`] ?? '').trim()
}
