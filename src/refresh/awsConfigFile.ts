/** The profile later steps use; a fixed name so README examples and `aws --profile` can name it. */
export const REFRESH_PROFILE = 'setup-claude-bedrock'

const MARKER =
  '# Added by setup-claude-bedrock: AWS credentials that renew themselves for the rest of the job.'

export interface ProfileSection {
  readonly name: string
  readonly region: string
  readonly credentialProcess: string
}

/**
 * The user's AWS config with our profile added. Everything of theirs is kept as it was (their
 * profiles stay usable with AWS_CONFIG_FILE pointing at the copy); a section of ours from an earlier
 * run of the action in the same job is replaced instead of repeated. `replaced` says whether one was.
 */
export function mergeAwsConfig(
  existing: string,
  profile: ProfileSection
): { text: string; replaced: boolean } {
  const header = `[profile ${profile.name}]`
  const kept: string[] = []
  let skipping = false
  let replaced = false
  for (const line of existing.split(/\r?\n/)) {
    const trimmed = line.trim()
    if (trimmed.startsWith('[')) skipping = normaliseHeader(trimmed) === header
    if (skipping) {
      replaced = true
      continue
    }
    if (trimmed === MARKER) continue
    kept.push(line)
  }
  while (kept.length > 0 && kept[kept.length - 1]?.trim() === '') kept.pop()
  const section = [
    MARKER,
    header,
    `region = ${profile.region}`,
    `credential_process = ${profile.credentialProcess}`
  ]
  const text = [...kept, ...(kept.length > 0 ? [''] : []), ...section, ''].join('\n')
  return { text, replaced }
}

/** `[ profile  name ]` and `[profile name]` are the same section to the SDKs. */
function normaliseHeader(header: string): string {
  const inner = header.replace(/^\[\s*|\s*\]$/g, '').replace(/\s+/g, ' ')
  return `[${inner}]`
}

/**
 * A command line every SDK splits the same way (shlex in botocore, a shell in the JS and Go SDKs,
 * cmd.exe on Windows): each argument in double quotes. A path with a double quote cannot be
 * written safely for all of them, so it is refused.
 */
export function commandLine(args: readonly string[]): string {
  return args
    .map((arg) => {
      if (arg.includes('"'))
        throw new Error(`Cannot put a path containing a double quote in credential_process: ${arg}`)
      return /^[A-Za-z0-9_\-.,/:=@+]+$/.test(arg) ? arg : `"${arg}"`
    })
    .join(' ')
}
