import { readFileSync } from 'node:fs'

/**
 * Claude Code's user settings file (`~/.claude/settings.json`): a JSON object whose `env` object
 * holds variables Claude Code sets for itself, and whose `awsAuthRefresh` is a command it runs when
 * AWS credentials have expired (Claude Code docs, "Settings" and "Amazon Bedrock").
 */
export interface ClaudeSettings {
  readonly path: string
  /** False when the file does not exist yet. */
  readonly exists: boolean
  /** The whole parsed object (every key kept when written back). */
  readonly data: Readonly<Record<string, unknown>>
  /** Its `env` entries that are strings. */
  readonly env: Readonly<Record<string, string>>
}

/** A settings file that exists but is not a JSON object: never overwritten. */
export class SettingsFileError extends Error {
  override readonly name = 'SettingsFileError'
}

/** Reads a settings file; a missing file is an empty one. Throws SettingsFileError when unreadable. */
export function readClaudeSettings(path: string): ClaudeSettings {
  let text: string
  try {
    text = readFileSync(path, 'utf8')
  } catch (error) {
    // ENOTDIR: a parent is a file, so the settings file cannot exist either (writing will say why).
    const code = (error as NodeJS.ErrnoException).code
    if (code === 'ENOENT' || code === 'ENOTDIR') {
      return { path, exists: false, data: {}, env: {} }
    }
    throw new SettingsFileError(`Cannot read ${path}: ${(error as Error).message}`)
  }
  let data: unknown
  try {
    data = text.trim() === '' ? {} : JSON.parse(text)
  } catch (error) {
    throw new SettingsFileError(
      `${path} is not valid JSON (${(error as Error).message}); fix or move it, then run again.`
    )
  }
  if (data === null || typeof data !== 'object' || Array.isArray(data)) {
    throw new SettingsFileError(
      `${path} must hold a JSON object; it holds ${Array.isArray(data) ? 'an array' : data === null ? 'null' : `a ${typeof data}`}.`
    )
  }
  const record = data as Record<string, unknown>
  const rawEnv = record.env
  if (
    rawEnv !== undefined &&
    (rawEnv === null || typeof rawEnv !== 'object' || Array.isArray(rawEnv))
  ) {
    throw new SettingsFileError(`${path}: "env" must be an object of strings.`)
  }
  const env: Record<string, string> = {}
  for (const [name, value] of Object.entries((rawEnv ?? {}) as Record<string, unknown>)) {
    if (typeof value === 'string') env[name] = value
  }
  return { path, exists: true, data: record, env }
}
