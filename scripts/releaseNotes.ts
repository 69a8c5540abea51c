// The release workflow's gate and notes: `node scripts/releaseNotes.ts vX.Y.Z` prints that
// version's section of CHANGELOG.md, after checking that package.json declares the same version.
// Exits 1 with a workflow error annotation when either is not so.
import { readFileSync } from 'node:fs'
import path from 'node:path'
import { fileURLToPath } from 'node:url'
import { changelogSection } from './release/changelogSection.ts'

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..')
const tag = process.argv[2] ?? ''
const fail = (file: string, message: string): never => {
  // stderr: stdout is the notes. The runner reads workflow commands on both streams.
  console.error(`::error file=${file}::${message}`)
  process.exit(1)
}

if (!/^v\d+\.\d+\.\d+$/.test(tag)) fail('package.json', `"${tag}" is not a release tag vX.Y.Z.`)
const version = tag.slice(1)
const declared = (
  JSON.parse(readFileSync(path.join(root, 'package.json'), 'utf8')) as { version?: string }
).version
if (declared !== version) {
  fail('package.json', `package.json says version ${declared}; the tag says ${version}.`)
}
const notes = changelogSection(readFileSync(path.join(root, 'CHANGELOG.md'), 'utf8'), version)
if (notes === undefined) {
  fail('CHANGELOG.md', `CHANGELOG.md has no section "## [${version}]" with notes.`)
}
process.stdout.write(`${notes}\n`)
