// A failing check or a failed run always carries a message that names what failed and why (issue
// 17: a job of a 50-job herd failed and the bench showed an empty message). Planted here: errors
// without a message, an aborted request, a budget that runs out mid-retry, a check left blank.
import { describe, expect, it } from '@jest/globals'
import { diagnoseAwsError } from '../src/diagnosis/diagnose.js'
import { errorText } from '../src/diagnosis/errorText.js'
import { modelConfig } from '../__fixtures__/catalogueConfig.js'
import { assembleReport } from '../src/report/assembleReport.js'
import { explainedCheck } from '../src/report/explainedCheck.js'
import { renderFailureMessage, renderLogLines } from '../src/report/renderLog.js'
import type { CheckResult } from '../src/report/types.js'

const named = (name: string, message: string, extra: object = {}): Error =>
  Object.assign(Object.assign(new Error(message), { name }), extra)

describe('errorText', () => {
  it.each([
    ['a message', new Error('  socket\n hang up '), 'socket hang up'],
    ['an Error without a message', new Error(''), 'Error without a message'],
    ['an aborted request', named('AbortError', ''), 'AbortError without a message'],
    [
      'a system error',
      named('Error', '', { code: 'ECONNRESET' }),
      'Error ECONNRESET without a message'
    ],
    ['a thrown string', 'boom', 'boom'],
    ['a thrown empty string', '', 'string thrown without a message'],
    ['undefined', undefined, 'undefined thrown without a message'],
    ['a plain object', {}, 'an error without a message']
  ])('says something for %s', (_title, error, expected) => {
    expect(errorText(error)).toBe(expected)
  })
})

describe('diagnoses of failures that carry no message', () => {
  const ctx = {
    operation: 'GetFoundationModelAvailability',
    region: 'us-east-1',
    partition: 'aws',
    modelId: 'anthropic.claude-sonnet-4-6'
  } as const
  it.each([
    [
      'an Error without a message',
      new Error(''),
      /GetFoundationModelAvailability failed in us-east-1 \(no error code and no message/
    ],
    [
      'undefined',
      undefined,
      /GetFoundationModelAvailability failed in us-east-1 \(no error code and no message/
    ],
    [
      'an HTTP 400 without a body',
      named('Unknown', '', { $metadata: { httpStatusCode: 400 } }),
      /GetFoundationModelAvailability failed in us-east-1 \(no error code and no message, HTTP 400/
    ],
    [
      'an aborted request',
      named('AbortError', ''),
      /GetFoundationModelAvailability was aborted: it did not finish within the action's time budget/
    ],
    [
      'a timeout without a message',
      named('TimeoutError', ''),
      /GetFoundationModelAvailability could not reach AWS: the request timed out/
    ],
    [
      'throttling until the budget ran out',
      named('ThrottlingException', '', {
        $metadata: { httpStatusCode: 429, attempts: 31, totalRetryDelay: 117_400 }
      }),
      /throttled GetFoundationModelAvailability in us-east-1.*tried 31 times and waited 117\.4 s between attempts, as long as the run's time budget allowed/
    ]
  ])('%s: names the call, the region and what is known', (_title, error, cause) => {
    const diagnosis = diagnoseAwsError(error, ctx)
    expect(diagnosis.cause).toMatch(cause)
    expect(diagnosis.fix.trim()).not.toBe('')
  })
})

describe('explainedCheck', () => {
  const failed = (fields: Partial<CheckResult>): CheckResult => ({
    id: 'model-access:main',
    title: 'Main model access',
    status: 'fail',
    detail: '',
    ...fields
  })

  it('leaves a check that says what and why alone', () => {
    const check = failed({ detail: 'Denied.', cause: 'The role lacks bedrock:InvokeModel.' })
    expect(explainedCheck(check)).toBe(check)
  })

  it('drops a blank cause so the detail speaks', () => {
    expect(
      explainedCheck(failed({ detail: 'GetFoundationModelAvailability failed', cause: ' ' }))
    ).toEqual(failed({ detail: 'GetFoundationModelAvailability failed' }))
  })

  it('names the check and its AWS error when it said nothing at all', () => {
    const check = explainedCheck(
      failed({ detail: ' ', cause: '', awsError: { code: 'ThrottlingException', message: '' } })
    )
    expect(check.detail).toBe('Main model access failed (AWS error ThrottlingException).')
    expect(check.cause).toMatch(/without recording why: a gap in setup-claude-bedrock/)
  })

  it('reaches the log lines and the step error through the one report', () => {
    // A credentials source that failed with an error whose message was empty.
    const report = assembleReport({
      config: modelConfig(),
      credentials: {
        source: 'oidc',
        check: { id: 'credentials', title: 'Credentials', status: 'fail', detail: '', cause: '' }
      },
      durationMs: 10
    })
    expect(renderFailureMessage(report)).toMatch(
      /^Credentials: The check failed without recording why: a gap in setup-claude-bedrock/
    )
    const line = renderLogLines(report).find((entry) => entry.level === 'error')
    expect(line?.title).toBe('Credentials')
    expect(line?.text).toMatch(/FAIL Credentials: Credentials failed\.\n\s+Cause: The check failed/)
  })
})
