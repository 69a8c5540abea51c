import type { InputError } from '../inputs/inputError.js'
import type { CheckResult, Report } from './types.js'

/**
 * One failed check per invalid input, so the summary, the `report` output and the doctor's `--json`
 * list them like any check. A guard's refusal (`allowed-account-ids` against the role's or the key's
 * account) is the `Allowed account` check it would be after the identity call, with that fix.
 */
export function inputChecks(error: InputError): CheckResult[] {
  return error.problems.map((problem) =>
    problem.policy === true
      ? {
          id: 'allowed-account',
          title: 'Allowed account',
          status: 'fail',
          detail: 'Refused before any call: nothing was checked or exported.',
          cause: problem.message,
          fix: `Use ${problem.input === 'bedrock-api-key' ? 'a key' : 'a role'} of one of the \`allowed-account-ids\`, or add its account to \`allowed-account-ids\` if this account is intended.`
        }
      : {
          id: `input:${problem.input}`,
          title: `Input ${problem.input}`,
          status: 'fail',
          detail: 'Invalid: nothing was checked or exported.',
          cause: problem.message,
          fix: `Correct \`${problem.input}\` in the step's \`with:\` block to the form the cause names.`
        }
  )
}

/** A report of a run that stopped before any call: only these failed checks, nothing exported. */
export function stoppedReport(
  checks: readonly CheckResult[],
  facts: Pick<Report, 'failOnError' | 'region' | 'verify'>
): Report {
  return {
    passed: false,
    ...facts,
    credentialSource: 'none',
    maskAccountId: false,
    checks,
    models: [],
    exported: [],
    durationMs: 0
  }
}
