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
// The same file is the action's entry and the `setup-claude-bedrock` command (package.json `bin`),
// so it is executable, as npm's bin links need.
writeFileSync(path.join(out, 'index.js'), `#!/usr/bin/env node\n${code}`, { mode: 0o755 })
for (const [name, asset] of Object.entries(assets)) {
  mkdirSync(path.dirname(path.join(out, name)), { recursive: true })
  writeFileSync(
    path.join(out, name),
    name.endsWith('.js') ? await minifyChunk(asset.source) : asset.source
  )
}

/**
 * ncc minifies the entry file only; the chunks it splits off (the AWS SDK, @actions/core and the
 * report, loaded after the inputs are valid) are minified here. With compression, because webpack
 * keeps what a module declares but nobody uses (most of the Bedrock client's schemas, for one)
 * and leaves its removal to the minifier: the SDK chunk shrinks by a quarter, and with it the
 * time V8 spends compiling it during the OIDC round trip. Terser's defaults only make changes
 * that keep behaviour; the end-to-end suite runs on this output.
 */
async function minifyChunk(source: string | Buffer): Promise<string> {
  const result = await minify(String(source), { module: true, compress: true, mangle: true })
  if (result.code === undefined) throw new Error('terser returned no code')
  return result.code
}
console.log(`dist/: ${readdirSync(out).join(', ')}`)
