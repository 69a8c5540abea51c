import { spellInputs } from '../cli/inputSpelling.js'
import { doctorSpelling } from './doctorFlags.js'

/**
 * Sentences of the engine that speak to a GitHub job, and what they mean on a person's machine:
 * the signing credentials are the person's, not a runner's, and an API key lives in the shell's
 * `AWS_BEARER_TOKEN_BEDROCK`, not in a repository secret. Applied before the input names are
 * spelled as flags, so each entry quotes the engine's own words.
 */
const JOB_TO_MACHINE: ReadonlyArray<readonly [RegExp, string]> = [
  [/[Tt]he runner's own credentials/g, 'your own credentials'],
  [/The runner's (credentials|IAM identity|role)/g, 'Your $1'],
  [/the runner's (credentials|IAM identity|role)/g, 'your $1'],
  [
    /store it as a repository or environment secret and pass it as `bedrock-api-key`/g,
    'and set `bedrock-api-key` to it'
  ],
  [
    /; or use `role-to-assume`, which has nothing to expire or rotate\./g,
    '; or unset it, and the doctor uses your AWS credentials (a profile, SSO or key variables).'
  ],
  // The job summary's own words about step outputs and later steps of a job.
  [/ \(unique to this job attempt: `role-session-name` output\)/g, ''],
  [/ \((iam-policy|report) output\)/g, ''],
  [/### Environment for later steps/g, '### Environment verified for Claude Code'],
  [/Nothing was exported\./g, 'Nothing was verified.'],
  [
    /`CLAUDE_CODE_USE_BEDROCK` was not exported: Claude Code in later steps will not use Bedrock\./g,
    '`CLAUDE_CODE_USE_BEDROCK` was not verified: `--write-settings` and `--print-env` will not switch Claude Code to Bedrock.'
  ]
]

/** A message of the engine in the doctor's terms: the person, their shell, the doctor's flags. */
export function inDoctorTerms(text: string): string {
  const machine = JOB_TO_MACHINE.reduce((t, [pattern, words]) => t.replace(pattern, words), text)
  return spellInputs(machine, doctorSpelling)
}
