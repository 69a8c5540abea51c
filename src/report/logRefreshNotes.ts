import * as core from '@actions/core'
import type { RefreshOutcome } from '../refresh/setUpRefresh.js'

/**
 * Details for whoever wonders how later steps renew their credentials: one folded group in the
 * log, printed after the at-a-glance lines. Nothing when no renewing profile was set up.
 */
export function logRefreshNotes(refresh: RefreshOutcome | undefined): void {
  if (refresh === undefined || refresh.notes.length === 0) return
  core.startGroup('How later steps renew their credentials')
  for (const note of refresh.notes) core.info(note)
  core.endGroup()
}
