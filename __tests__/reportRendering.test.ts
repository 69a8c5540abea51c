import { redactReport, redactText, valuesToRedact } from '../src/report/redactReport.js'
import { renderFailureMessage, renderLogLines } from '../src/report/renderLog.js'
import { renderSummary, renderSummaryForTerminal } from '../src/report/renderSummary.js'
import { reportJson, reportObject } from '../src/report/reportJson.js'
import type { CheckResult, Report } from '../src/report/types.js'

const ACCOUNT = '123456789012'
const MAIN_ID = 'us.anthropic.claude-sonnet-4-5-20250929-v1:0'
const ACCESS_KEY_ID = 'ASIAEXAMPLEKEYID4321'
const SECRET_KEY = 'wJalrXUtnFEMI/K7MDENG+bPxRfiCYEXAMPLEKEY'
const SESSION_TOKEN = 'IQoJb3JpZ2luX2VjEXAMPLE//////////wEaCXVzLWVhc3QtMSJHMEUCIQ=='
const API_KEY = 'ABSKQmVkcm9ja0FQSUtleS1leGFtcGxl'

const passCheck: CheckResult = {
  id: 'model-access:main',
  title: 'Model access: main model',
  status: 'pass',
  detail: `Invoked \`${MAIN_ID}\` (1 token)`
}
const skipCheck: CheckResult = {
  id: 'allowed-account',
  title: 'Allowed accounts',
  status: 'skip',
  detail: 'No `allowed-account-ids` given'
}
const failCheck: CheckResult = {
  id: 'model-invoke:main',
  title: 'Model invocation: main model',
  status: 'fail',
  detail: 'InvokeModel was denied',
  cause: 'The role may not call `bedrock:InvokeModel` on the profile.',
  fix: 'Attach this statement:\n```json\n{\n  "Effect": "Allow"\n}\n```',
  awsError: { code: 'AccessDeniedException', message: 'not authorized', requestId: 'req-42' }
}
const secondFailCheck: CheckResult = {
  id: 'allowed-account',
  title: 'Allowed accounts',
  status: 'fail',
  detail: `Account ${ACCOUNT} is not allowed`
}
const warnCheck: CheckResult = {
  id: 'lifecycle:small',
  title: 'Lifecycle: small model',
  status: 'warn',
  detail: 'LEGACY',
  cause: 'The model reaches end of life on 2026-12-01.',
  fix: 'Set `small-fast-model: haiku`.'
}

function makeReport(checks: readonly CheckResult[], overrides: Partial<Report> = {}): Report {
  return {
    passed: checks.every((check) => check.status !== 'fail'),
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
    checks,
    models: [
      {
        role: 'main',
        asked: 'sonnet',
        region: 'us-east-1',
        resolvedId: MAIN_ID,
        type: 'system-inference-profile',
        destinationRegions: ['us-east-1', 'us-east-2', 'us-west-2'],
        lifecycle: 'ACTIVE'
      }
    ],
    exported: [
      { name: 'CLAUDE_CODE_USE_BEDROCK', value: '1', secret: false },
      { name: 'ANTHROPIC_MODEL', value: MAIN_ID, secret: false },
      { name: 'AWS_ACCESS_KEY_ID', value: ACCESS_KEY_ID, secret: true },
      { name: 'AWS_SECRET_ACCESS_KEY', value: SECRET_KEY, secret: true },
      { name: 'AWS_SESSION_TOKEN', value: SESSION_TOKEN, secret: true },
      { name: 'AWS_BEARER_TOKEN_BEDROCK', value: API_KEY, secret: true }
    ],
    iamPolicy: `{\n  "Resource": "arn:aws:bedrock:us-east-1:${ACCOUNT}:inference-profile/${MAIN_ID}"\n}`,
    durationMs: 4210,
    ...overrides
  }
}

/** Everything a run writes, as one string per channel. */
function allRenderings(report: Report): Record<string, string> {
  const summary = renderSummary(report)
  return {
    json: reportJson(report),
    log: renderLogLines(report)
      .map((line) => `${line.title ?? ''} ${line.text}`)
      .join('\n'),
    failure: renderFailureMessage(report),
    summary,
    terminal: renderSummaryForTerminal(summary)
  }
}

describe('reportJson', () => {
  test('has exactly the contract shape, plus cause when present', () => {
    const parsed: unknown = JSON.parse(reportJson(makeReport([passCheck, failCheck, skipCheck])))
    expect(parsed).toEqual({
      passed: false,
      checks: [
        { id: passCheck.id, title: passCheck.title, status: 'pass', detail: passCheck.detail },
        {
          id: failCheck.id,
          title: failCheck.title,
          status: 'fail',
          detail: failCheck.detail,
          cause: failCheck.cause,
          fix: failCheck.fix
        },
        { id: skipCheck.id, title: skipCheck.title, status: 'skip', detail: skipCheck.detail }
      ]
    })
  })

  test('leaves out the AWS error payload and everything that is not a check', () => {
    const json = reportJson(makeReport([failCheck]))
    expect(json).not.toContain('req-42')
    expect(json).not.toContain('not authorized')
    expect(json).not.toContain('exported')
    expect(json).not.toContain('ANTHROPIC_MODEL')
  })

  test('is one line by default and indented when pretty', () => {
    const report = makeReport([passCheck])
    expect(reportJson(report)).not.toContain('\n')
    expect(reportJson(report, { pretty: true })).toContain('\n  "checks": [\n')
    expect(JSON.parse(reportJson(report, { pretty: true }))).toEqual(reportObject(report))
  })

  test('passed comes from the report', () => {
    expect(reportObject(makeReport([passCheck], { passed: false })).passed).toBe(false)
  })
})

describe('renderLogLines', () => {
  test('a passing report: one info line per check, then the counts', () => {
    const lines = renderLogLines(makeReport([passCheck, skipCheck]))
    expect(lines).toEqual([
      { level: 'info', text: `✅ PASS Model access: main model: Invoked \`${MAIN_ID}\` (1 token)` },
      { level: 'info', text: '⏭️ SKIP Allowed accounts: No `allowed-account-ids` given' },
      {
        level: 'info',
        text: 'Claude Code on Amazon Bedrock: Ready. 1 passed, 0 warnings, 0 failed, 1 skipped.'
      }
    ])
  })

  test('a failed check with fail-on-error is an error with cause, fix and AWS error indented', () => {
    const [line] = renderLogLines(makeReport([failCheck]))
    expect(line?.level).toBe('error')
    expect(line?.title).toBe('Model invocation: main model')
    expect(line?.text).toBe(
      [
        '❌ FAIL Model invocation: main model: InvokeModel was denied',
        '    Cause: The role may not call `bedrock:InvokeModel` on the profile.',
        '    Fix:   Attach this statement:',
        '           {',
        '             "Effect": "Allow"',
        '           }',
        '    AWS:   AccessDeniedException (request id req-42)'
      ].join('\n')
    )
  })

  test('without fail-on-error a failed check is a warning and the result says why', () => {
    const lines = renderLogLines(makeReport([failCheck, secondFailCheck], { failOnError: false }))
    expect(lines.slice(0, 2).map((line) => line.level)).toEqual(['warning', 'warning'])
    expect(lines.at(-1)?.text).toMatch(
      /^Claude Code on Amazon Bedrock: Not ready \(fail-on-error is false/
    )
    expect(lines.at(-1)?.text).toContain('0 passed, 0 warnings, 2 failed, 0 skipped.')
  })

  test('a warning is a warning annotation, and the result is ready with warnings', () => {
    const lines = renderLogLines(makeReport([passCheck, warnCheck]))
    expect(lines[1]).toEqual({
      level: 'warning',
      title: 'Lifecycle: small model',
      text: [
        '⚠️ WARN Lifecycle: small model: LEGACY',
        '    Cause: The model reaches end of life on 2026-12-01.',
        '    Fix:   Set `small-fast-model: haiku`.'
      ].join('\n')
    })
    expect(lines.at(-1)?.text).toBe(
      'Claude Code on Amazon Bedrock: Ready with warnings. 1 passed, 1 warning, 0 failed, 0 skipped.'
    )
  })

  test('verify access and none say what was proven in the result line, never Ready', () => {
    const access = renderLogLines(makeReport([passCheck], { verify: 'access' }))
    expect(access.at(-1)?.text).toBe(
      'Claude Code on Amazon Bedrock: Access checked, no model call (verify: access). 1 passed, 0 warnings, 0 failed, 0 skipped.'
    )
    const none = renderLogLines(makeReport([passCheck], { verify: 'none' }))
    expect(none.at(-1)?.text).toMatch(/: Resolved, not verified \(verify: none\)\./)
  })

  test('quoted text cannot issue workflow commands', () => {
    const hostile: CheckResult = {
      ...failCheck,
      detail: 'x\n::add-mask::everything',
      cause: 'oops\n::stop-commands::pause',
      fix: 'see ##[error]forged'
    }
    const text = renderLogLines(makeReport([hostile]))
      .map((line) => line.text)
      .join('\n')
    expect(text).not.toMatch(/^\s*::/m)
    expect(text).not.toContain('##[')
  })
})

describe('renderFailureMessage', () => {
  test('one "<title>: <cause>" line per failed check, the detail when there is no cause', () => {
    const message = renderFailureMessage(
      makeReport([passCheck, failCheck, warnCheck, secondFailCheck])
    )
    expect(message).toBe(
      [
        'Model invocation: main model: The role may not call `bedrock:InvokeModel` on the profile.',
        `Allowed accounts: Account ${ACCOUNT} is not allowed`
      ].join('\n')
    )
  })

  test('a multi-line cause stays on its line', () => {
    const message = renderFailureMessage(makeReport([{ ...failCheck, cause: 'first\nsecond' }]))
    expect(message).toBe('Model invocation: main model: first second')
  })

  test('empty when the report passed; a general line when it failed without a failed check', () => {
    expect(renderFailureMessage(makeReport([passCheck, warnCheck]))).toBe('')
    expect(renderFailureMessage(makeReport([passCheck], { passed: false }))).toBe(
      'Claude Code on Amazon Bedrock is not ready.'
    )
  })
})

describe('secrets and the account id', () => {
  const secrets = [ACCESS_KEY_ID, SECRET_KEY, SESSION_TOKEN, API_KEY]

  test('valuesToRedact: the secret exported values, longest first; the account only when masked', () => {
    const report = makeReport([passCheck])
    expect(valuesToRedact(report)).toEqual([SESSION_TOKEN, SECRET_KEY, API_KEY, ACCESS_KEY_ID])
    expect(valuesToRedact({ ...report, maskAccountId: true })).toContain(ACCOUNT)
  })

  test('redactText replaces every occurrence', () => {
    expect(redactText('a-x-b-x', ['x'])).toBe('a-***-b-***')
  })

  test('redactReport leaves the original alone and keeps dates', () => {
    const report = makeReport([{ ...passCheck, detail: `token ${SESSION_TOKEN}` }])
    const redacted = redactReport(report)
    expect(redacted.checks[0]?.detail).toBe('token ***')
    expect(report.checks[0]?.detail).toBe(`token ${SESSION_TOKEN}`)
    expect(redacted.credentialsExpiration).toEqual(report.credentialsExpiration)
  })

  // Even a check that quoted a secret by mistake must not carry it into any channel.
  const leaky: CheckResult = {
    ...failCheck,
    detail: `Signed with ${ACCESS_KEY_ID}`,
    cause: `Token ${SESSION_TOKEN} was rejected`,
    fix: `Rotate \`${SECRET_KEY}\`\n\`\`\`\n${API_KEY}\n\`\`\``
  }

  test.each(['json', 'log', 'failure', 'summary', 'terminal'])(
    'no secret value appears in the %s rendering',
    (channel) => {
      const rendered = allRenderings(makeReport([passCheck, leaky, warnCheck]))[channel] ?? ''
      expect(rendered).not.toBe('')
      for (const secret of secrets) expect(rendered).not.toContain(secret)
    }
  )

  test.each(['json', 'log', 'failure', 'summary', 'terminal'])(
    'with mask-aws-account-id the account appears in no %s rendering',
    (channel) => {
      const report = makeReport([passCheck, secondFailCheck], { maskAccountId: true })
      const rendered = allRenderings(report)[channel] ?? ''
      expect(rendered).toContain('***')
      expect(rendered).not.toContain(ACCOUNT)
    }
  )

  test('without masking the account is shown', () => {
    expect(renderSummary(makeReport([passCheck]))).toContain(`\`${ACCOUNT}\``)
  })
})
