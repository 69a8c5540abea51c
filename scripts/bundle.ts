// `npm run build`, second step: bundles tsc's output (build/) into dist/ with ncc's API, which,
// unlike its CLI, can make the bundle lean (issue 6: start-up time is mostly parsing the bundle).
//
//   node scripts/bundle.ts
import { mkdirSync, readdirSync, rmSync, writeFileSync } from 'node:fs'
import { createRequire } from 'node:module'
import path from 'node:path'
import { fileURLToPath } from 'node:url'
import { minify } from 'terser'

interface NccAsset {
  readonly source: string | Buffer
}
type Ncc = (
  entry: string,
  options: Record<string, unknown>
) => Promise<{ code: string; assets: Record<string, NccAsset> }>

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..')
const out = path.join(root, 'dist')
const ncc = createRequire(import.meta.url)('@vercel/ncc') as Ncc

const { code, assets } = await ncc(path.join(root, 'build/index.js'), {
  minify: true,
  license: 'licenses.txt',
  quiet: true,
  // The AWS SDK's ES module builds are marked side-effect free, so only the commands and schemas
  // the action uses are kept; its CommonJS builds (ncc's default) bring every operation along.
  mainFields: ['module', 'main'],
  externals: {
    // @actions/http-client imports undici only for a fetch dispatcher (getProxyAgentDispatcher)
    // that neither @actions/core nor this action calls; undici is a third of the bundle and most
    // of its start-up. It is replaced by a built-in module, so the unused import stays harmless.
    undici: 'node:stream'
  }
})

// ncc's CLI also starts from an empty directory: no stale chunk can survive a build.
rmSync(out, { recursive: true, force: true })
mkdirSync(out, { recursive: true })
writeFileSync(path.join(out, 'index.js'), code)
for (const [name, asset] of Object.entries(assets)) {
  mkdirSync(path.dirname(path.join(out, name)), { recursive: true })
  writeFileSync(
    path.join(out, name),
    name.endsWith('.js') ? await minifyChunk(asset.source) : asset.source
  )
}

/**
 * ncc minifies the entry file only; the chunks it splits off (the AWS SDK, loaded after the inputs
 * are valid) are minified here the same way: names mangled, code otherwise as ncc emitted it.
 */
async function minifyChunk(source: string | Buffer): Promise<string> {
  const result = await minify(String(source), { module: true, compress: false, mangle: true })
  if (result.code === undefined) throw new Error('terser returned no code')
  return result.code
}
console.log(`dist/: ${readdirSync(out).join(', ')}`)
