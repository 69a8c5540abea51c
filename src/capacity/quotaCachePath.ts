import { existsSync } from 'node:fs'
import { homedir } from 'node:os'
import path from 'node:path'

/**
 * Where the capacity pre-flight's quota code cache lives (see quotaCodeCache.ts). Apart from it,
 * with no import beyond Node's, so the start-up (entry file) can ask whether codes are cached.
 *
 * In a job (`runner`): the runner's tool cache (`RUNNER_TOOL_CACHE`, kept between jobs on a
 * self-hosted runner, empty on every GitHub-hosted job); none outside a runner. For the doctor on a
 * person's machine (`user`): `$XDG_CACHE_HOME`, else `~/.cache`. Relative paths are ignored.
 */
export function quotaCacheRoot(
  env: NodeJS.ProcessEnv,
  kind: 'runner' | 'user'
): string | undefined {
  const xdg = env['XDG_CACHE_HOME']
  const home = env['HOME'] !== undefined && env['HOME'] !== '' ? env['HOME'] : homedir()
  const base =
    kind === 'runner'
      ? env['RUNNER_TOOL_CACHE']
      : xdg !== undefined && path.isAbsolute(xdg)
        ? xdg
        : path.join(home, '.cache')
  if (base === undefined || base === '' || !path.isAbsolute(base)) return undefined
  return path.join(base, 'setup-claude-bedrock', 'service-quota-codes')
}

/** A region name, as the file name: nothing that could leave the directory. */
export const REGION_FILE_NAME = /^[a-z]{2}(?:-[a-z]+)+-\d+$/

/** The cache file of `region` under `root`, or undefined for a name that is not a region. */
export function quotaCacheFile(root: string, region: string): string | undefined {
  return REGION_FILE_NAME.test(region) ? path.join(root, `${region}.json`) : undefined
}

/** Whether the runner has codes cached for `region` (the file exists; its content is checked later). */
export function quotaCodesCached(env: NodeJS.ProcessEnv, region: string): boolean {
  const root = quotaCacheRoot(env, 'runner')
  const file = root !== undefined ? quotaCacheFile(root, region) : undefined
  return file !== undefined && existsSync(file)
}
