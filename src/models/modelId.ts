/**
 * Reading Anthropic model ids as Bedrock spells them. Two styles coexist:
 * version first (`anthropic.claude-3-7-sonnet-20250219-v1:0`) and family first
 * (`anthropic.claude-sonnet-4-5-20250929-v1:0`, `anthropic.claude-opus-4-6-v1`, `anthropic.claude-opus-5`).
 * Nothing here knows a list of models or families: both come from the ids themselves.
 */

export interface ModelIdParts {
  /** Lower-case family word (`sonnet`, `opus`, `haiku`, ...); undefined for ids like `anthropic.claude-v2:1`. */
  readonly family: string | undefined
  /** Major, minor, ... as written (`3-7` → [3, 7], `sonnet-4-5` → [4, 5]). */
  readonly version: readonly number[]
  /** Release date `YYYYMMDD` as a number, 0 when the id has none. */
  readonly date: number
  /** API revision `v1:0` → [1, 0]; [] when absent. */
  readonly revision: readonly number[]
}

const DATE = /^\d{8}$/
const NUMBER = /^\d{1,3}$/
const REVISION = /^v(\d+)$/
const WORD = /^[a-z]+$/

/** Splits a base model id (`anthropic.claude-...`), no profile prefix, no `[1m]`. */
export function parseModelId(modelId: string): ModelIdParts {
  const name = modelId.slice(modelId.indexOf('.') + 1)
  const [main = '', ...colonParts] = name.toLowerCase().split(':')
  let family: string | undefined
  const version: number[] = []
  let date = 0
  const revision: number[] = []
  for (const part of main.split('-')) {
    const rev = REVISION.exec(part)
    if (rev) revision.push(Number(rev[1]))
    else if (DATE.test(part)) date = Number(part)
    else if (NUMBER.test(part)) version.push(Number(part))
    else if (WORD.test(part) && part !== 'claude' && family === undefined) family = part
  }
  // `v1:0` carries its minor revision after the colon; other suffixes (`:28k`, `:200k`) are variants.
  const minor = colonParts[0]
  if (minor !== undefined && NUMBER.test(minor)) revision.push(Number(minor))
  return { family, version, date, revision }
}

/** Family word of a base model id, or undefined. */
export function modelFamily(modelId: string): string | undefined {
  return parseModelId(modelId).family
}

function compareNumberLists(a: readonly number[], b: readonly number[]): number {
  for (let i = 0; i < Math.max(a.length, b.length); i++) {
    const diff = (a[i] ?? 0) - (b[i] ?? 0)
    if (diff !== 0) return diff
  }
  return 0
}

/** Sort comparator: newest first (highest version, then latest date, then highest revision). */
export function newestFirst(a: string, b: string): number {
  const pa = parseModelId(a)
  const pb = parseModelId(b)
  return (
    compareNumberLists(pb.version, pa.version) ||
    pb.date - pa.date ||
    compareNumberLists(pb.revision, pa.revision) ||
    // Ids are ASCII: code-unit order is stable and avoids setting up ICU collation at start-up.
    (a < b ? -1 : a > b ? 1 : 0)
  )
}

/** Splits `us.anthropic.claude-...` into its geography prefix and base model id. */
export function splitProfileId(
  profileId: string
): { prefix: string; baseModelId: string } | undefined {
  const match = /^([a-z][a-z-]*)\.(anthropic\..+)$/.exec(profileId)
  return match?.[1] !== undefined && match[2] !== undefined
    ? { prefix: match[1], baseModelId: match[2] }
    : undefined
}

/**
 * The Anthropic API's name of a Bedrock base model id: `anthropic.claude-sonnet-4-5-20250929-v1:0`
 * → `claude-sonnet-4-5-20250929`, `anthropic.claude-opus-4-6-v1` → `claude-opus-4-6`. Bedrock
 * returns the same name in the `model` field of its Anthropic Messages answers.
 */
export function anthropicModelName(baseModelId: string): string {
  return baseModelId.replace(/^anthropic\./, '').replace(/-v\d+(?::\d+)?$/, '')
}
