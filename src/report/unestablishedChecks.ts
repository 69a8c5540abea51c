import type { CheckResult } from './types.js'

/**
 * When a trust check fails (who started the run, getting the credentials, whose they are, the
 * allowed accounts), nothing is exported: no credentials, no `CLAUDE_CODE_SUBPROCESS_ENV_SCRUB`, no
 * `DISABLE_PROMPT_CACHING`, no renewing profile. A check that passed then vouches for a set-up that
 * later steps never get ("its Bash tool gets no AWS secret key", "`DISABLE_PROMPT_CACHING=1` is
 * exported"), so every pass beyond the trust checks becomes `skip`, naming the check that failed.
 * Failures and warnings stay: they are facts about this runner or these inputs (no bubblewrap, an
 * input that cannot work) that need fixing as well, and saying them now saves a run.
 *
 * `trustCheckIds` are the checks that decide whether anything is exported (TRUST_CHECK_IDS).
 */
export function skipWhatWasNotEstablished(
  checks: readonly CheckResult[],
  trustCheckIds: readonly string[]
): CheckResult[] {
  const failedTrust = checks.find(
    (check) => trustCheckIds.includes(check.id) && check.status === 'fail'
  )
  if (failedTrust === undefined) return [...checks]
  const reason = `Not checked: the ${failedTrust.title} check failed, so nothing was exported for later steps.`
  return checks.map((check) =>
    check.status === 'pass' && !trustCheckIds.includes(check.id)
      ? { id: check.id, title: check.title, status: 'skip', detail: reason }
      : check
  )
}
