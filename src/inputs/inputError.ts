/** One invalid input and what is wrong with it. */
export interface InputProblem {
  readonly input: string
  readonly message: string
  /**
   * The value is well formed but a guard refuses it (`allowed-account-ids` against the role's or the
   * key's account): the run is not allowed, rather than mistyped. The action reports both the same
   * way; the doctor says "not ready" (exit 1) for these and "bad flags" (exit 2) for the others.
   */
  readonly policy?: boolean
}

/**
 * A bad action input, found before any network call. The message names the input, the problem with
 * the value and the accepted form; it never reproduces a secret or a huge value.
 * When several inputs are bad, one InputError carries them all (`problems`), one per line, so a user
 * fixes the workflow in one round instead of one failed run per input.
 */
export class InputError extends Error {
  /** The bad input's name; for a combined error, the names joined with ', '. */
  readonly input: string
  readonly problems: readonly InputProblem[]

  constructor(input: string, message: string, problems?: readonly InputProblem[]) {
    super(message)
    this.name = 'InputError'
    this.input = input
    this.problems = problems ?? [{ input, message }]
  }

  /** The same problems, marked as a guard's refusal (see `InputProblem.policy`). */
  asPolicy(): InputError {
    return new InputError(
      this.input,
      this.message,
      this.problems.map((problem) => ({ ...problem, policy: true }))
    )
  }
}

/** One error for all problems: a single one stays as it is, several become one line each. */
export function combineInputErrors(errors: readonly InputError[]): InputError {
  const problems = errors.flatMap((error) => error.problems)
  const first = problems[0]
  if (problems.length === 1 && first) return new InputError(first.input, first.message, problems)
  const names = [...new Set(problems.map((problem) => problem.input))]
  const lines = problems.map((problem) => `- ${problem.message}`)
  return new InputError(
    names.join(', '),
    [`${problems.length} inputs are invalid:`, ...lines].join('\n'),
    problems
  )
}
