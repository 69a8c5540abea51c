import { renderOptionalStatement } from '../policy/optionalStatement.js'
import { authoredBlocks, renderAuthoredCell } from './authoredMarkdown.js'
import { countStatuses, plural, STATUS_EMOJI } from './checkStatus.js'
import { escapeTableCell, escapeText, inlineCode, tableCellCode } from './escapeMarkdown.js'
import { fencedBlock, foldedBlock, markdownTable } from './markdownBlocks.js'
import { REDACTED, redactReport } from './redactReport.js'
import { reportJson } from './reportJson.js'
import type { CheckResult, ModelRow, Report } from './types.js'

export { renderSummaryForTerminal } from './summaryForTerminal.js'

// Every piece of text below that did not come from this file goes through an escaping helper:
// checks and fixes through the authored-markdown renderer, ids and values as code spans.

const CREDENTIAL_SOURCE: Readonly<Record<Report['credentialSource'], string>> = {
  oidc: 'GitHub OIDC token, `AssumeRoleWithWebIdentity`',
  'web-identity-file': 'token in `web-identity-token-file`, `AssumeRoleWithWebIdentity`',
  'role-chaining': "role chaining, `AssumeRole` signed by the runner's own credentials",
  environment: 'credentials already in the environment',
  'api-key': 'Bedrock API key (`AWS_BEARER_TOKEN_BEDROCK`)',
  none: 'none'
}

export function formatDuration(ms: number): string {
  const safe = Number.isFinite(ms) && ms > 0 ? ms : 0
  if (safe < 1000) return `${Math.round(safe)} ms`
  if (safe < 60_000) return `${(safe / 1000).toFixed(1)} s`
  const seconds = Math.round(safe / 1000)
  return `${Math.floor(seconds / 60)} min ${seconds % 60} s`
}

function statusSection(report: Report): string {
  const counts = countStatuses(report.checks)
  const failed = report.checks.filter((check) => check.status === 'fail')
  const main = report.models.find((model) => model.role === 'main')
  const target =
    main?.resolvedId === undefined
      ? `Claude Code is set up for Bedrock in ${inlineCode(report.region)}`
      : `Claude Code can use ${inlineCode(main.resolvedId)} in ${inlineCode(main.region)}`
  // What was resolved, without claiming it works: the headline of runs that made no model call.
  const resolved =
    main?.resolvedId === undefined
      ? `Claude Code is set up for Bedrock in ${inlineCode(report.region)}`
      : `${inlineCode(main.resolvedId)} in ${inlineCode(main.region)} is exported for Claude Code`
  const warnings = counts.warn > 0 ? ` (${plural(counts.warn, 'warning')})` : ''
  const lines: string[] = []
  if (failed.length > 0 || !report.passed) {
    const titles = failed.map((check) => escapeText(check.title)).join(', ')
    const what =
      failed.length > 0
        ? `${plural(failed.length, 'check')} failed (${titles})`
        : 'the report did not pass'
    lines.push(`❌ **Not ready:** ${what}`)
    if (!report.failOnError) {
      lines.push(
        'The step did not fail because `fail-on-error` is `false`; its `passed` output is `false`.'
      )
    }
  } else if (report.verify === 'none') {
    lines.push(`☑️ **Resolved, not verified:** ${resolved}${warnings}`)
    lines.push(
      '`verify: none`: the models were resolved and exported without any access check or model call; a green run does not prove the agent step will work.'
    )
  } else if (report.verify === 'access') {
    lines.push(`☑️ **Access checked, no model call:** ${resolved}${warnings}`)
    lines.push(
      "`verify: access`: Bedrock's model access (agreement, entitlement, region) was checked without calling any model, so whether this role may invoke the models (IAM, SCPs) and whether they answer was not tested; a green run does not prove the agent step will work. `verify: invoke` (the default) makes the 1-token calls Claude Code makes."
    )
  } else if (counts.warn > 0) {
    lines.push(`⚠️ **Ready with warnings:** ${target} (${plural(counts.warn, 'warning')})`)
  } else {
    lines.push(`✅ **Ready:** ${target}`)
  }
  return lines.join('\n\n')
}

function checksSection(report: Report): string {
  if (report.checks.length === 0) return ''
  const rows = report.checks.map((check) => [
    STATUS_EMOJI[check.status],
    escapeTableCell(check.title),
    renderAuthoredCell(check.detail)
  ])
  return markdownTable(['', 'Check', 'Result'], rows)
}

/** `**Cause:**` in front of the first paragraph, or on its own line before a list or code. */
function labelled(label: string, text: string): string {
  const blocks = authoredBlocks(text)
  const first = blocks[0]
  if (first === undefined) return ''
  if (first.kind === 'paragraph') {
    return [
      `**${label}:** ${first.markdown}`,
      ...blocks.slice(1).map((block) => block.markdown)
    ].join('\n\n')
  }
  return [`**${label}:**`, ...blocks.map((block) => block.markdown)].join('\n\n')
}

function fixEntry(checks: readonly CheckResult[]): string {
  const [check] = checks
  if (check === undefined) return ''
  const titles = checks.map((c) => escapeText(c.title)).join(', ')
  const parts = [`#### ${STATUS_EMOJI[check.status]} ${titles}`]
  if (check.cause !== undefined) parts.push(labelled('Cause', check.cause))
  if (check.fix !== undefined) parts.push(labelled('Fix', check.fix))
  const errors = checks.flatMap((c) => (c.awsError === undefined ? [] : [c.awsError]))
  for (const awsError of errors.slice(0, 1)) {
    const requestId =
      awsError.requestId === undefined ? '' : `, request id ${inlineCode(awsError.requestId)}`
    parts.push(`<sub>AWS error ${inlineCode(awsError.code)}${requestId}</sub>`)
  }
  return parts.filter((part) => part !== '').join('\n\n')
}

/**
 * One entry per story: checks that share a cause and a fix (a model's access check and its model
 * call, reconciled) are listed together under one heading, so the fix appears once.
 */
function fixesSection(report: Report): string {
  const groups = new Map<string, CheckResult[]>()
  for (const check of report.checks) {
    if (check.status !== 'fail' && check.status !== 'warn') continue
    const key =
      check.cause !== undefined && check.fix !== undefined
        ? JSON.stringify([check.status, check.cause, check.fix])
        : check.id
    groups.set(key, [...(groups.get(key) ?? []), check])
  }
  const entries = [...groups.values()].map(fixEntry)
  return entries.length === 0 ? '' : ['### What to fix', ...entries].join('\n\n')
}

function modelRow(model: ModelRow): string[] {
  const resolved =
    model.resolvedId === undefined ? '_not resolved_' : tableCellCode(model.resolvedId)
  const destinations =
    model.destinationRegions.length === 0
      ? ''
      : ` → ${model.destinationRegions.map((region) => escapeTableCell(region)).join(', ')}`
  return [
    escapeTableCell(model.role),
    `${tableCellCode(model.asked)} → ${resolved}`,
    model.type === undefined ? '—' : escapeTableCell(model.type),
    `${tableCellCode(model.region)}${destinations}`,
    model.lifecycle === undefined ? '—' : escapeTableCell(model.lifecycle),
    model.note === undefined ? '' : renderAuthoredCell(model.note)
  ]
}

function modelsSection(report: Report): string {
  if (report.models.length === 0) return ''
  const headers = ['Role', 'Asked → resolved', 'Type', 'Region → destinations', 'Lifecycle', 'Note']
  return ['### Models', markdownTable(headers, report.models.map(modelRow))].join('\n\n')
}

function expirySuffix(expiration: Date | undefined): string {
  if (expiration === undefined || Number.isNaN(expiration.getTime())) return ''
  return `, expire ${inlineCode(expiration.toISOString())}`
}

function identitySection(report: Report): string {
  const why =
    report.credentialSourceNote !== undefined ? ` (${escapeText(report.credentialSourceNote)})` : ''
  const credentials = `- **Credentials:** ${CREDENTIAL_SOURCE[report.credentialSource]}${why}${expirySuffix(report.credentialsExpiration)}`
  const identity = report.identity
  if (identity === undefined) {
    const why =
      report.credentialSource === 'api-key'
        ? 'none: a Bedrock API key has no AWS identity to show'
        : 'not established'
    const lines = [`- **AWS identity:** ${why}`, credentials, ...attributionLines(report)]
    return ['### Identity', lines.join('\n')].join('\n\n')
  }
  // The redacted copy already holds `***` wherever the account appeared (the ARN included); the
  // account line says so explicitly rather than relying on it.
  const account = report.maskAccountId ? inlineCode(REDACTED) : inlineCode(identity.accountId)
  const lines = [
    `- **Account:** ${account}`,
    `- **Principal:** ${inlineCode(identity.arn)}`,
    credentials,
    `- **Region:** ${inlineCode(report.region)}`,
    ...attributionLines(report)
  ]
  return ['### Identity', lines.join('\n')].join('\n\n')
}

/** The handles that find this job's calls in CloudTrail, invocation logs and the usage report. */
function attributionLines(report: Report): string[] {
  const attribution = report.attribution
  if (attribution === undefined) return []
  const lines: string[] = []
  if (attribution.roleSessionName !== undefined) {
    lines.push(
      `- **Role session name:** ${inlineCode(attribution.roleSessionName)} (unique to this job attempt: \`role-session-name\` output)`
    )
  }
  const metadata = attribution.requestMetadata
  if (metadata !== undefined) {
    const pairs = Object.entries(metadata).map(([key, value]) => inlineCode(`${key}=${value}`))
    lines.push(`- **Request metadata** (invocation logs' \`requestMetadata\`): ${pairs.join(', ')}`)
  }
  if (attribution.note !== undefined)
    lines.push(`- **Request metadata:** ${escapeText(attribution.note)}`)
  return lines
}

function exportsSection(report: Report): string {
  const parts = ['### Environment for later steps']
  if (report.exported.length === 0) {
    parts.push('Nothing was exported.')
  } else {
    const rows = report.exported.map((variable) => [
      tableCellCode(variable.name),
      tableCellCode(variable.secret ? REDACTED : (variable.shown ?? variable.value))
    ])
    parts.push(markdownTable(['Variable', 'Value'], rows))
  }
  if (!report.exported.some((variable) => variable.name === 'CLAUDE_CODE_USE_BEDROCK')) {
    parts.push(
      '`CLAUDE_CODE_USE_BEDROCK` was not exported: Claude Code in later steps will not use Bedrock.'
    )
  }
  return parts.join('\n\n')
}

function foldedSections(original: Report, redacted: Report, withReportJson: boolean): string {
  const sections: string[] = []
  if (redacted.iamPolicy !== undefined) {
    const missing = redacted.iamPolicyMissing ?? []
    if (missing.length > 0) {
      const items = missing.map((m) => `${inlineCode(m.sid)} (${escapeText(m.why)})`).join(', ')
      sections.push(
        `**This role lacks ${missing.length === 1 ? 'this statement' : 'these statements'} of the policy below:** ${items}.`
      )
    }
    sections.push(
      foldedBlock(
        'Least-privilege IAM policy for the resolved models (iam-policy output)',
        fencedBlock(redacted.iamPolicy, 'json')
      )
    )
    sections.push(
      foldedBlock(
        'Optional: the usage report and the capacity check (a separate statement to add to the role, not part of iam-policy)',
        fencedBlock(renderOptionalStatement(), 'json')
      )
    )
  }
  if (withReportJson) {
    sections.push(
      foldedBlock(
        'Report JSON (report output)',
        fencedBlock(reportJson(original, { pretty: true }), 'json')
      )
    )
  }
  return sections.join('\n\n')
}

/**
 * The job summary (GITHUB_STEP_SUMMARY): status first, then what to fix, then the details.
 * `reportJson: false` leaves out the folded copy of the `report` output (the doctor's terminal
 * rendering, where `--json` prints it instead).
 */
export function renderSummary(
  report: Report,
  options: { readonly reportJson?: boolean } = {}
): string {
  const redacted = redactReport(report)
  const sections = [
    '## Claude Code on Amazon Bedrock',
    statusSection(redacted),
    checksSection(redacted),
    fixesSection(redacted),
    modelsSection(redacted),
    identitySection(redacted),
    exportsSection(redacted),
    foldedSections(report, redacted, options.reportJson ?? true),
    `<sub>Finished in ${formatDuration(redacted.durationMs)} with ${inlineCode(`verify: ${redacted.verify}`)}.</sub>`
  ]
  return `${sections.filter((section) => section !== '').join('\n\n')}\n`
}
