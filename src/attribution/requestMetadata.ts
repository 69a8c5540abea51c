import { readFileSync } from 'node:fs'

/**
 * Bedrock's per-request metadata: a JSON object of string pairs in this header on InvokeModel and
 * InvokeModelWithResponseStream (Converse takes `requestMetadata` in the body), recorded in model
 * invocation logs as `requestMetadata` (Bedrock user guide, "Per-request metadata tagging").
 */
export const REQUEST_METADATA_HEADER = 'X-Amzn-Bedrock-Request-Metadata'

/**
 * Bedrock's documented limits (API reference, Converse `requestMetadata` and
 * RequestMetadataFilters): at most 16 pairs; keys 1-256 and values 0-256 characters. The
 * character sets documented there differ slightly; we keep to what both allow: letters, digits,
 * space and `. _ : / = + $ @ -`. Anything else becomes `_`, and longer text is cut at 256.
 */
export const MAX_METADATA_PAIRS = 16
export const MAX_METADATA_LENGTH = 256
const NOT_ALLOWED = /[^A-Za-z0-9 ._:/=+$@-]/g

export function sanitizeMetadataText(text: string): string {
  return text.replace(NOT_ALLOWED, '_').slice(0, MAX_METADATA_LENGTH)
}

/** The pull request a run belongs to: from the ref of pull_request events, else the event payload. */
export function pullRequestNumber(env: NodeJS.ProcessEnv): string | undefined {
  const fromRef = /^refs\/pull\/(\d+)\//.exec(env['GITHUB_REF'] ?? '')
  if (fromRef?.[1] !== undefined) return fromRef[1]
  const eventPath = env['GITHUB_EVENT_PATH']
  if (!eventPath) return undefined
  try {
    const event = JSON.parse(readFileSync(eventPath, 'utf8')) as {
      pull_request?: { number?: unknown }
      issue?: { number?: unknown; pull_request?: unknown }
    }
    // pull_request_target and review events carry the PR; comments on a PR arrive as issues.
    const number =
      event.pull_request?.number ??
      (event.issue?.pull_request !== undefined ? event.issue.number : undefined)
    return typeof number === 'number' && Number.isInteger(number) ? String(number) : undefined
  } catch {
    return undefined
  }
}

/**
 * What this job's requests are tagged with, in this order: repository, workflow, run id, attempt,
 * job, pull request and the attribution handle (the role session name, unique per job attempt and
 * matrix leg). Absent values are left out; every value is sanitised to Bedrock's charset.
 */
export function jobMetadata(env: NodeJS.ProcessEnv, session: string): Record<string, string> {
  const pairs: Array<[string, string | undefined]> = [
    ['repository', env['GITHUB_REPOSITORY']],
    ['workflow', env['GITHUB_WORKFLOW']],
    ['run_id', env['GITHUB_RUN_ID']],
    ['run_attempt', env['GITHUB_RUN_ATTEMPT']],
    ['job', env['GITHUB_JOB']],
    ['pull_request', pullRequestNumber(env)],
    ['session', session]
  ]
  const metadata: Record<string, string> = {}
  for (const [key, value] of pairs) {
    const text = value?.trim()
    if (text) metadata[key] = sanitizeMetadataText(text)
  }
  return metadata
}

export interface CustomHeaders {
  /** The whole ANTHROPIC_CUSTOM_HEADERS value to export: the job's own lines, the metadata header merged in. */
  readonly value: string
  /**
   * The value as the log and the summary may show it: the job's own header lines by name only
   * (`Authorization: ***`: gateway tokens and API keys travel in these headers), the metadata
   * pairs this action added in full, the job's own pairs by key only.
   */
  readonly shown: string
  /** The metadata Bedrock will record: the job's own pairs first, then ours up to the limit. */
  readonly metadata: Readonly<Record<string, string>>
  /** Keys of `metadata` whose values came from the job's own header, not from this action. */
  readonly inheritedMetadataKeys: readonly string[]
  /** Set when the job's own value could not be merged and was kept unchanged. */
  readonly note?: string
}

/** What a shown value of the job's own stands for: never the value itself. */
export const HIDDEN_VALUE = '***'

/** `Name: value` → `Name: ***`; a line without a name is hidden whole. */
function hiddenLine(line: string): string {
  const colon = line.indexOf(':')
  return colon > 0 ? `${line.slice(0, colon).trim()}: ${HIDDEN_VALUE}` : HIDDEN_VALUE
}

function parseMetadataObject(text: string): Record<string, string> | undefined {
  try {
    const value: unknown = JSON.parse(text)
    if (typeof value !== 'object' || value === null || Array.isArray(value)) return undefined
    const entries = Object.entries(value)
    if (!entries.every(([, v]) => typeof v === 'string')) return undefined
    return Object.fromEntries(entries) as Record<string, string>
  } catch {
    return undefined
  }
}

/**
 * Merges the metadata header into an existing ANTHROPIC_CUSTOM_HEADERS value (Claude Code's format:
 * one `Name: value` per line). Every other header line is kept as it was. When the job already
 * sends the metadata header, its pairs win and ours fill the remaining places (never more than 16);
 * when its value is not a JSON object of strings, it is kept as is and nothing is added (two headers
 * of that name would make Bedrock's choice, not ours).
 */
export function mergeCustomHeaders(
  existing: string | undefined,
  ours: Readonly<Record<string, string>>
): CustomHeaders {
  const lines = (existing ?? '').split(/\r?\n/).filter((line) => line.trim() !== '')
  const isMetadata = (line: string): boolean =>
    line.slice(0, line.indexOf(':')).trim().toLowerCase() === REQUEST_METADATA_HEADER.toLowerCase()
  const index = lines.findIndex((line) => line.includes(':') && isMetadata(line))
  let theirs: Record<string, string> = {}
  if (index >= 0) {
    const line = lines[index] ?? ''
    const parsed = parseMetadataObject(line.slice(line.indexOf(':') + 1).trim())
    if (parsed === undefined) {
      return {
        value: lines.join('\n'),
        shown: lines.map(hiddenLine).join('\n'),
        metadata: {},
        inheritedMetadataKeys: [],
        note: `ANTHROPIC_CUSTOM_HEADERS already sends ${REQUEST_METADATA_HEADER} with a value that is not a JSON object of strings; it was kept unchanged and the job's metadata was not added.`
      }
    }
    theirs = parsed
  }
  const merged: Record<string, string> = { ...theirs }
  for (const [key, value] of Object.entries(ours)) {
    if (Object.keys(merged).length >= MAX_METADATA_PAIRS) break
    if (!(key in merged)) merged[key] = value
  }
  const inheritedMetadataKeys = Object.keys(theirs)
  const shownPairs = Object.fromEntries(
    Object.entries(merged).map(([key, value]) => [key, key in theirs ? HIDDEN_VALUE : value])
  )
  const header = `${REQUEST_METADATA_HEADER}: ${JSON.stringify(merged)}`
  const shownHeader = `${REQUEST_METADATA_HEADER}: ${JSON.stringify(shownPairs)}`
  const shown = lines.map(hiddenLine)
  if (index >= 0) {
    lines[index] = header
    shown[index] = shownHeader
  } else {
    lines.push(header)
    shown.push(shownHeader)
  }
  return {
    value: lines.join('\n'),
    shown: shown.join('\n'),
    metadata: merged,
    inheritedMetadataKeys
  }
}
