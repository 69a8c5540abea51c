import { appendFileSync } from 'node:fs'
import { randomUUID } from 'node:crypto'
import { EOL } from 'node:os'

/**
 * One `name<<DELIMITER` record per variable, as the runner's file commands expect. The delimiter is
 * random and checked against the value so a value can never end the record early and inject
 * another variable.
 */
export function fileCommandRecord(name: string, value: string): string {
  const delimiter = `ghadelimiter_${randomUUID()}`
  if (name.includes(delimiter) || value.includes(delimiter)) {
    throw new Error(`Unexpected input: the value of ${name} contains the file-command delimiter`)
  }
  return `${name}<<${delimiter}${EOL}${value}${EOL}${delimiter}${EOL}`
}

/**
 * Appends all variables in a single write, so a failure can never leave the env file holding a
 * partial set (e.g. the access key without its session token).
 */
export function appendFileCommands(
  path: string,
  variables: ReadonlyArray<readonly [string, string]>
): void {
  if (variables.length === 0) return
  appendFileSync(path, variables.map(([name, value]) => fileCommandRecord(name, value)).join(''), {
    encoding: 'utf8'
  })
}
