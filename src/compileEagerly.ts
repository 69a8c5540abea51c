import v8 from 'node:v8'

/**
 * Runs `load` (a dynamic import) with V8's lazy compilation turned off, then turns it back on.
 *
 * Why: V8 normally compiles a function the first time it is called. Loaded lazily, the AWS SDK
 * and the report code compile piece by piece in the gaps between round trips, on the critical path
 * (about 20 ms per run, measured by `npm run bench`). The action loads them while the OIDC token
 * request is on the wire and the process has nothing else to do, so compiling them whole there
 * moves that work off the critical path. The flag only changes when code is compiled, never what
 * it does; if this Node refuses the flag, loading simply stays lazy.
 */
export async function importCompiledEagerly<T>(load: () => Promise<T>): Promise<T> {
  const switched = setLazyCompilation(false)
  try {
    return await load()
  } finally {
    if (switched) setLazyCompilation(true)
  }
}

function setLazyCompilation(lazy: boolean): boolean {
  try {
    v8.setFlagsFromString(lazy ? '--lazy' : '--no-lazy')
    return true
  } catch {
    return false
  }
}
