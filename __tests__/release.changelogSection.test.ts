import { describe, expect, it } from '@jest/globals'
import { changelogSection } from '../scripts/release/changelogSection.ts'

const CHANGELOG = [
  '# Changelog',
  '',
  '## [Unreleased]',
  '',
  '- next',
  '',
  '## [1.10.0] - 2026-12-01',
  '',
  '### Added',
  '',
  '- a',
  '',
  '## [1.1.0] - 2026-11-01',
  '',
  '- old',
  '',
  '[1.10.0]: https://example.com/compare/v1.1.0...v1.10.0'
].join('\n')

describe('changelogSection', () => {
  it('is the text under the version heading, up to the next version', () => {
    expect(changelogSection(CHANGELOG, '1.10.0')).toBe('### Added\n\n- a')
  })

  it('runs to the end of the file for the oldest version', () => {
    expect(changelogSection(CHANGELOG, '1.1.0')).toBe(
      '- old\n\n[1.10.0]: https://example.com/compare/v1.1.0...v1.10.0'
    )
  })

  it('never takes a version for its prefix (1.1.0 is not 1.10.0, 1.1 is not 1.1.0)', () => {
    expect(changelogSection(CHANGELOG, '1.1')).toBeUndefined()
    expect(changelogSection(CHANGELOG.replace('## [1.1.0] - 2026-11-01', ''), '1.1.0')).toBe(
      undefined
    )
  })

  it('is undefined for a version without a section, or with an empty one', () => {
    expect(changelogSection(CHANGELOG, '2.0.0')).toBeUndefined()
    expect(changelogSection('## [2.0.0]\n\n## [1.0.0]\n- x', '2.0.0')).toBeUndefined()
  })

  it('reads a file with Windows line endings', () => {
    expect(changelogSection(CHANGELOG.replace(/\n/g, '\r\n'), '1.10.0')).toBe('### Added\n\n- a')
  })
})
