/**
 * A command-line flag that is unknown, missing its value, or used wrongly. The commands of this
 * bundle (`doctor`, `credential-process`) print its message with their usage and exit 2.
 */
export class UsageError extends Error {
  constructor(message: string) {
    super(message)
    this.name = 'UsageError'
  }
}
