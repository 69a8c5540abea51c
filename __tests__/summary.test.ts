import {
  formatDuration,
  renderSummary,
  renderSummaryForTerminal
} from '../src/report/renderSummary.js'
import { displayWidth } from '../src/report/summaryForTerminal.js'
import type { CheckResult, Report } from '../src/report/types.js'

const ACCOUNT = '123456789012'
const MAIN_ID = 'us.anthropic.claude-sonnet-4-5-20250929-v1:0'
const SMALL_ID = 'us.anthropic.claude-haiku-4-5-20251001-v1:0'
const SECRET_KEY = 'wJalrXUtnFEMI/K7MDENG+bPxRfiCYEXAMPLEKEY'
const ZWSP = '\u200b'

const IAM_FIX = [
  'Attach this statement to the role `claude-code`:',
  '```json',
  '{',
  '  "Effect": "Allow",',
  '  "Action": ["bedrock:InvokeModel", "bedrock:InvokeModelWithResponseStream"],',
  `  "Resource": ["arn:aws:bedrock:us-east-1:${ACCOUNT}:inference-profile/${MAIN_ID}"]`,
  '}',
  '```'
].join('\n')

const checks = {
  identity: {
    id: 'identity',
    title: 'Identity',
    status: 'pass',
    detail: `Account \`${ACCOUNT}\``
  },
  invoke: {
    id: 'model-invoke:main',
    title: 'Model invocation: main model',
    status: 'pass',
    detail: `Invoked \`${MAIN_ID}\``
  },
  skipped: {
    id: 'allowed-account',
    title: 'Allowed accounts',
    status: 'skip',
    detail: 'No `allowed-account-ids` given'
  },
  denied: {
    id: 'model-invoke:main',
    title: 'Model invocation: main model',
    status: 'fail',
    detail: 'AccessDeniedException from InvokeModel',
    cause: 'The role `claude-code` may not call `bedrock:InvokeModel` on the profile.',
    fix: IAM_FIX,
    awsError: { code: 'AccessDeniedException', message: 'denied', requestId: 'req-7' }
  },
  foreignAccount: {
    id: 'allowed-account',
    title: 'Allowed accounts',
    status: 'fail',
    detail: `Account \`${ACCOUNT}\` is not in allowed-account-ids`,
    cause: 'The credentials belong to another account.',
    fix: 'Add the account to `allowed-account-ids`, or use the right role.'
  },
  legacy: {
    id: 'lifecycle:small',
    title: 'Lifecycle: small model',
    status: 'warn',
    detail: 'LEGACY since 2026-06-01',
    cause: 'The model reaches end of life on 2026-12-01.',
    fix: 'Set `small-fast-model: haiku` to get the newest Haiku.'
  }
} satisfies Record<string, CheckResult>

function makeReport(list: readonly CheckResult[], overrides: Partial<Report> = {}): Report {
  return {
    passed: list.every((check) => check.status !== 'fail'),
    failOnError: true,
    region: 'us-east-1',
    verify: 'invoke',
    credentialSource: 'oidc',
    identity: {
      accountId: ACCOUNT,
      arn: `arn:aws:sts::${ACCOUNT}:assumed-role/claude-code/gh-1-1`,
      userId: 'AROAEXAMPLE:gh-1-1'
    },
    maskAccountId: false,
    credentialsExpiration: new Date('2026-11-25T18:00:00Z'),
    checks: list,
    models: [
      {
        role: 'main',
        asked: 'sonnet',
        region: 'us-east-1',
        resolvedId: MAIN_ID,
        type: 'system-inference-profile',
        destinationRegions: ['us-east-1', 'us-east-2', 'us-west-2'],
        lifecycle: 'ACTIVE'
      },
      {
        role: 'small',
        asked: 'haiku',
        region: 'us-east-1',
        resolvedId: SMALL_ID,
        type: 'system-inference-profile',
        destinationRegions: ['us-east-1', 'us-west-2'],
        lifecycle: 'ACTIVE',
        note: 'Skipped `claude-haiku-5`: not authorized'
      }
    ],
    exported: [
      { name: 'CLAUDE_CODE_USE_BEDROCK', value: '1', secret: false },
      { name: 'ANTHROPIC_MODEL', value: MAIN_ID, secret: false },
      { name: 'AWS_SECRET_ACCESS_KEY', value: SECRET_KEY, secret: true }
    ],
    iamPolicy: '{\n  "Version": "2012-10-17",\n  "Statement": []\n}',
    durationMs: 4210,
    ...overrides
  }
}

/** A copy without some optional fields (exactOptionalPropertyTypes forbids setting them to undefined). */
function withoutFields(report: Report, ...keys: readonly (keyof Report)[]): Report {
  const copy: Record<string, unknown> = { ...report }
  for (const key of keys) delete copy[key]
  return copy as unknown as Report
}

const passing = makeReport([checks.identity, checks.invoke, checks.skipped])
const failing = makeReport([checks.identity, checks.denied, checks.foreignAccount, checks.legacy], {
  exported: [{ name: 'AWS_REGION', value: 'us-east-1', secret: false }]
})

describe('renderSummary: status line', () => {
  test('ready: names the model and the region', () => {
    const summary = renderSummary(passing)
    expect(summary).toMatch(/^## Claude Code on Amazon Bedrock\n\n/)
    expect(summary).toContain(`✅ **Ready:** Claude Code can use \`${MAIN_ID}\` in \`us-east-1\``)
    expect(summary).not.toContain('What to fix')
  })

  test('ready with warnings', () => {
    const summary = renderSummary(makeReport([checks.invoke, checks.legacy]))
    expect(summary).toContain(
      `⚠️ **Ready with warnings:** Claude Code can use \`${MAIN_ID}\` in \`us-east-1\` (1 warning)`
    )
  })

  test('not ready: counts and names the failed checks', () => {
    const summary = renderSummary(failing)
    expect(summary).toContain(
      '❌ **Not ready:** 2 checks failed (Model invocation: main model, Allowed accounts)'
    )
    expect(summary).not.toContain('did not fail')
  })

  test('without fail-on-error it says the step did not fail and passed is false', () => {
    const summary = renderSummary({ ...failing, failOnError: false })
    expect(summary).toContain('❌ **Not ready:**')
    expect(summary).toContain(
      'The step did not fail because `fail-on-error` is `false`; its `passed` output is `false`.'
    )
  })

  test('verify none says resolved, not verified, in the headline and never Ready', () => {
    const summary = renderSummary(makeReport([], { verify: 'none' }))
    const headline = summary.split('\n\n')[1] ?? ''
    expect(headline).toContain('**Resolved, not verified:**')
    expect(summary).not.toContain('Ready')
    expect(summary).toContain('without any access check or model call')
  })

  test('verify none never says Claude Code can use the model', () => {
    const summary = renderSummary(makeReport([], { verify: 'none' }))
    expect(summary).toContain(
      `☑️ **Resolved, not verified:** \`${MAIN_ID}\` in \`us-east-1\` is exported for Claude Code`
    )
    expect(summary).not.toContain('can use')
  })

  test('verify access says what was proven: access checked, no model call; never Ready', () => {
    const summary = renderSummary(
      makeReport([checks.identity, checks.skipped], { verify: 'access' })
    )
    const headline = summary.split('\n\n')[1] ?? ''
    expect(headline).toBe(
      `☑️ **Access checked, no model call:** \`${MAIN_ID}\` in \`us-east-1\` is exported for Claude Code`
    )
    expect(summary).not.toContain('Ready')
    expect(summary).not.toContain('can use')
    expect(summary).toContain('whether this role may invoke the models (IAM, SCPs)')
    const warned = renderSummary(makeReport([checks.legacy], { verify: 'access' }))
    expect(warned).toContain('**Access checked, no model call:**')
    expect(warned).toContain('(1 warning)')
  })

  test('verify none with a failure is still Not ready', () => {
    const failed = { ...checks.invoke, status: 'fail' as const, cause: 'x', fix: 'y' }
    const summary = renderSummary(makeReport([failed], { verify: 'none', passed: false }))
    expect(summary).toContain('❌ **Not ready:**')
    expect(summary).not.toContain('Resolved, not verified')
  })

  test('without a resolved main model it names the region only', () => {
    const summary = renderSummary(makeReport([checks.invoke], { models: [] }))
    expect(summary).toContain('✅ **Ready:** Claude Code is set up for Bedrock in `us-east-1`')
  })
})

describe('renderSummary: sections', () => {
  test('a checks table with one row per check', () => {
    const summary = renderSummary(passing)
    expect(summary).toContain('|  | Check | Result |\n| --- | --- | --- |\n')
    expect(summary).toContain(`| ✅ | Identity | Account \`${ACCOUNT}\` |`)
    expect(summary).toContain('| ⏭️ | Allowed accounts | No `allowed-account-ids` given |')
  })

  test('what to fix: cause and fix for each failure and warning, IAM JSON as a fenced block', () => {
    const summary = renderSummary(failing)
    const fixes = summary.slice(summary.indexOf('### What to fix'), summary.indexOf('### Models'))
    expect(fixes).toContain('#### ❌ Model invocation: main model')
    expect(fixes).toContain(
      '**Cause:** The role `claude-code` may not call `bedrock:InvokeModel` on the profile.'
    )
    expect(fixes).toContain(
      '**Fix:** Attach this statement to the role `claude-code`:\n\n```json\n{\n'
    )
    expect(fixes).toContain(`inference-profile/${MAIN_ID}"]\n}\n\`\`\``)
    expect(fixes).toContain('<sub>AWS error `AccessDeniedException`, request id `req-7`</sub>')
    expect(fixes).toContain('#### ❌ Allowed accounts')
    expect(fixes).toContain('#### ⚠️ Lifecycle: small model')
    expect(fixes).not.toContain('Identity')
  })

  test('models table: asked → resolved, type, regions, lifecycle, note', () => {
    const summary = renderSummary(passing)
    expect(summary).toContain(
      `| main | \`sonnet\` → \`${MAIN_ID}\` | system-inference-profile | \`us-east-1\` → us-east-1, us-east-2, us-west-2 | ACTIVE |  |`
    )
    expect(summary).toContain('| Skipped `claude-haiku-5`: not authorized |')
  })

  test('an unresolved model says so', () => {
    const summary = renderSummary(
      makeReport([], {
        models: [{ role: 'main', asked: 'opus', region: 'eu-west-1', destinationRegions: [] }]
      })
    )
    expect(summary).toContain('| main | `opus` → _not resolved_ | — | `eu-west-1` | — |  |')
  })

  test('identity: account, principal, credential source and expiry', () => {
    const summary = renderSummary(passing)
    expect(summary).toContain(`- **Account:** \`${ACCOUNT}\``)
    expect(summary).toContain(
      `- **Principal:** \`arn:aws:sts::${ACCOUNT}:assumed-role/claude-code/gh-1-1\``
    )
    expect(summary).toContain(
      '- **Credentials:** GitHub OIDC token, `AssumeRoleWithWebIdentity`, expire `2026-11-25T18:00:00.000Z`'
    )
  })

  test('identity with a Bedrock API key only', () => {
    const summary = renderSummary({
      ...withoutFields(passing, 'identity', 'credentialsExpiration'),
      credentialSource: 'api-key'
    })
    expect(summary).toContain(
      '- **AWS identity:** none: a Bedrock API key has no AWS identity to show'
    )
    expect(summary).toContain('- **Credentials:** Bedrock API key (`AWS_BEARER_TOKEN_BEDROCK`)\n')
  })

  test('masked account: `***` for the account and inside the ARN', () => {
    const summary = renderSummary({ ...passing, maskAccountId: true })
    expect(summary).toContain('- **Account:** `***`')
    expect(summary).toContain('- **Principal:** `arn:aws:sts::***:assumed-role/claude-code/gh-1-1`')
    expect(summary).not.toContain(ACCOUNT)
  })

  test('exported variables: names and values, secrets as ***', () => {
    const summary = renderSummary(passing)
    expect(summary).toContain('| Variable | Value |')
    expect(summary).toContain(`| \`ANTHROPIC_MODEL\` | \`${MAIN_ID}\` |`)
    expect(summary).toContain('| `AWS_SECRET_ACCESS_KEY` | `***` |')
    expect(summary).not.toContain(SECRET_KEY)
    expect(summary).not.toContain('was not exported')
  })

  test('says when Claude Code will not use Bedrock', () => {
    expect(renderSummary(failing)).toContain(
      '`CLAUDE_CODE_USE_BEDROCK` was not exported: Claude Code in later steps will not use Bedrock.'
    )
    expect(renderSummary(makeReport([checks.foreignAccount], { exported: [] }))).toContain(
      'Nothing was exported.'
    )
  })

  test('policy and report JSON folded, then the run duration', () => {
    const summary = renderSummary(passing)
    expect(summary).toContain(
      '<details><summary>Least-privilege IAM policy for the resolved models (iam-policy output)</summary>\n\n```json\n{\n  "Version": "2012-10-17",'
    )
    expect(summary).toMatch(
      /<details><summary>Report JSON \(report output\)<\/summary>\n\n```json\n\{\n {2}"passed": true,/
    )
    expect(summary.trimEnd()).toMatch(/<sub>Finished in 4\.2 s with `verify: invoke`\.<\/sub>$/)
  })

  test('no policy section without a policy', () => {
    expect(renderSummary(withoutFields(passing, 'iamPolicy'))).not.toContain('Least-privilege')
  })
})

describe('renderSummary: untrusted text is escaped', () => {
  const hostile = '</details><script>alert(1)</script> | `tick` @octocat\n# heading'
  const report = makeReport(
    [
      {
        ...checks.denied,
        title: `Model ${hostile}`,
        detail: hostile,
        cause: hostile,
        fix: `Run \`${hostile}\``
      }
    ],
    {
      models: [
        {
          role: 'main',
          asked: hostile,
          region: 'us-east-1',
          resolvedId: hostile,
          type: hostile,
          destinationRegions: [hostile],
          lifecycle: hostile,
          note: hostile
        }
      ],
      exported: [{ name: 'ANTHROPIC_MODEL', value: hostile, secret: false }]
    }
  )
  const summary = renderSummary(report)

  // Removes our own code (fences and spans) so what is left is what GitHub parses as markup.
  function outsideCode(markdown: string): string {
    return markdown
      .replace(/^(`{3,})[^\n]*\n[\s\S]*?\n\1$/gm, '')
      .replace(/(`+)[^`][\s\S]*?\1/g, '')
  }

  test('no raw HTML from the input survives outside code', () => {
    const markup = outsideCode(summary)
    expect(markup).not.toContain('<script')
    // Only our three folded sections open and close (policy, optional statement, report JSON).
    expect(markup.match(/<\/details>/g)).toHaveLength(3)
    expect(markup.match(/<details>/g)).toHaveLength(3)
  })

  test('table rows keep their column count', () => {
    const rows = summary.split('\n').filter((line) => line.startsWith('| '))
    // Three tables (checks 3 columns, models 6, exports 2), each a header, a rule and one row:
    // the hostile text must neither add a column nor swallow a row.
    const cellCounts = rows.map((row) => row.split(/(?<!\\)\|/).length - 2)
    expect(cellCounts).toEqual([3, 3, 3, 6, 6, 6, 2, 2, 2])
  })

  test('mentions are defused outside code and headings cannot be injected', () => {
    const markup = outsideCode(summary)
    expect(markup).not.toMatch(/(?<![A-Za-z0-9_])@octocat/)
    expect(markup).toContain(`@${ZWSP}octocat`)
    expect(summary).not.toMatch(/^# heading/m)
  })

  test('the heading, the cause and the table cells show the text escaped', () => {
    expect(summary).toContain(
      '#### ❌ Model &lt;/details&gt;&lt;script&gt;alert(1)&lt;/script&gt; \\| \\`tick\\`'
    )
    expect(summary).toContain('**Cause:** &lt;/details&gt;&lt;script&gt;')
    expect(summary).toContain(
      '| `ANTHROPIC_MODEL` | ``</details><script>alert(1)</script> \\| `tick` @octocat # heading`` |'
    )
    expect(summary).toContain(
      '| &lt;/details&gt;&lt;script&gt;alert(1)&lt;/script&gt; \\| `tick` @\u200boctocat<br># heading |'
    )
  })
})

describe('renderSummaryForTerminal', () => {
  const terminal = renderSummaryForTerminal(renderSummary(failing))

  test('drops markup and keeps emoji and text', () => {
    expect(terminal).not.toMatch(/<\/?(details|summary|sub|br)>/)
    expect(terminal).not.toContain('**')
    expect(terminal).toContain(
      '❌ Not ready: 2 checks failed (Model invocation: main model, Allowed accounts)'
    )
    expect(terminal).toContain(
      'Cause: The role claude-code may not call bedrock:InvokeModel on the profile.'
    )
    expect(terminal).toContain('▸ Report JSON (report output)')
  })

  test('headings are underlined', () => {
    expect(terminal).toMatch(/^Claude Code on Amazon Bedrock\n═{29}$/m)
    expect(terminal).toMatch(/^What to fix\n─{11}$/m)
  })

  test('tables are aligned columns', () => {
    const lines = terminal.split('\n')
    const header = lines.findIndex((line) => /^Variable\s+Value$/.test(line))
    expect(header).toBeGreaterThan(-1)
    expect(lines[header + 1]).toMatch(/^─+ {2}─+$/)
    expect(lines[header + 2]).toBe('AWS_REGION  us-east-1')
    const checkRows = lines.filter((line) => /^(✅|❌|⚠️|⏭️) {2}/.test(line))
    expect(checkRows).toHaveLength(4)
    // Where the Result column starts: after the first run of two or more blanks past the title.
    const resultColumn = checkRows.map((row) =>
      displayWidth(/^\S+ {2}.+? {2,}(?=\S)/.exec(row)?.[0] ?? '')
    )
    expect(resultColumn[0]).toBeGreaterThan(10)
    expect(new Set(resultColumn).size).toBe(1)
  })

  test('code blocks are kept verbatim and indented', () => {
    expect(terminal).toContain('    {\n      "Effect": "Allow",')
    expect(terminal).toContain('      "Version": "2012-10-17",')
  })

  test('escapes and entities are undone; table pipes too', () => {
    const markdown = renderSummary(
      makeReport([{ ...checks.invoke, detail: 'a | b <c> & `d|e` \\ f' }])
    )
    expect(renderSummaryForTerminal(markdown)).toContain('a | b <c> & d|e \\ f')
  })

  test('terminal escape sequences in the input do not reach the terminal', () => {
    expect(renderSummaryForTerminal('text \u001b[2J done')).toBe('text [2J done\n')
  })
})

describe('displayWidth', () => {
  test.each([
    ['abc', 3],
    ['✅', 2],
    ['⚠️', 2],
    ['→', 1],
    [`a${ZWSP}b`, 2],
    ['日本', 4]
  ])('%s is %i columns', (text, width) => {
    expect(displayWidth(text)).toBe(width)
  })
})

describe('formatDuration', () => {
  test.each([
    [0, '0 ms'],
    [850, '850 ms'],
    [4210, '4.2 s'],
    [65_400, '1 min 5 s'],
    [-5, '0 ms'],
    [Number.NaN, '0 ms']
  ])('%d ms → %s', (ms, text) => {
    expect(formatDuration(ms)).toBe(text)
  })
})
