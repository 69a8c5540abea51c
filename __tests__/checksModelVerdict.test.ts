// The reconciliation of a model's availability record with Bedrock's answers to its model calls,
// at the unit level and with the real diagnosis: every record state × every call outcome gives
// one story (one cause, one fix) for the model.
import { describe, expect, it } from '@jest/globals'
import type { GetFoundationModelAvailabilityResponse } from '@aws-sdk/client-bedrock'
import { modelAccessCheck, type UseCaseState } from '../src/checks/modelAccess.js'
import { modelInvokeCheck, type ProbeOutcomes } from '../src/checks/modelInvoke.js'
import { reconcileModelEvidence } from '../src/checks/modelVerdict.js'
import type { ResolvedModel } from '../src/models/resolvedModel.js'

const FM = 'anthropic.claude-sonnet-4-6'
const MODEL: ResolvedModel = {
  role: 'main',
  ref: { kind: 'alias', raw: 'sonnet', family: 'sonnet' } as unknown as ResolvedModel['ref'],
  region: 'us-east-1',
  exportId: `us.${FM}`,
  invokeId: `us.${FM}`,
  arn: `arn:aws:bedrock:us-east-1:123456789012:inference-profile/us.${FM}`,
  type: 'system-inference-profile',
  family: 'sonnet',
  foundationModelId: FM,
  foundationModelArns: ['us-east-1', 'us-east-2', 'us-west-2'].map(
    (r) => `arn:aws:bedrock:${r}::foundation-model/${FM}`
  ),
  destinationRegions: ['us-east-1', 'us-east-2', 'us-west-2'],
  lifecycle: { status: 'ACTIVE' }
}
const BASE = { region: 'us-east-1', partition: 'aws' as const, accountId: '123456789012' }
const READY: GetFoundationModelAvailabilityResponse = {
  modelId: FM,
  agreementAvailability: { status: 'AVAILABLE' },
  authorizationStatus: 'AUTHORIZED',
  entitlementAvailability: 'AVAILABLE',
  regionAvailability: 'AVAILABLE'
}

function sdkError(name: string, message: string, status: number): Error {
  return Object.assign(new Error(message), {
    name,
    $fault: 'client',
    $metadata: { httpStatusCode: status, requestId: 'req-1' }
  })
}

const REFUSALS = {
  useCase: sdkError(
    'ResourceNotFoundException',
    'Model use case details have not been submitted for this account. Fill out the Anthropic use case details form before using the model.',
    404
  ),
  noAccess: sdkError(
    'AccessDeniedException',
    "You don't have access to the model with the specified model ID.",
    403
  ),
  marketplace: sdkError(
    'AccessDeniedException',
    'Model access is denied due to IAM user or service role is not authorized to perform the required AWS Marketplace actions (aws-marketplace:ViewSubscriptions, aws-marketplace:Subscribe) to enable access to this model.',
    403
  ),
  notForAccount: sdkError(
    'AccessDeniedException',
    `${FM} is not available for this account. You can explore other available models on Amazon Bedrock.`,
    403
  ),
  iam: sdkError(
    'AccessDeniedException',
    `User: arn:aws:sts::123456789012:assumed-role/claude-code/s is not authorized to perform: bedrock:InvokeModel on resource: ${MODEL.arn} because no identity-based policy allows the bedrock:InvokeModel action`,
    403
  ),
  throttled: sdkError('ThrottlingException', 'Too many requests, please wait.', 429)
} as const

type Call = 'pass' | keyof typeof REFUSALS | 'none'

interface Case {
  readonly name: string
  readonly record: Partial<GetFoundationModelAvailabilityResponse>
  readonly useCase?: UseCaseState
  readonly call: Call
  readonly access: string
  readonly invoke: string
  readonly story?: RegExp
}

const cases: readonly Case[] = [
  { name: 'ready, answered', record: {}, call: 'pass', access: 'pass', invoke: 'pass' },
  {
    name: 'NOT_AUTHORIZED, form missing, no call',
    record: { authorizationStatus: 'NOT_AUTHORIZED' },
    useCase: { state: 'missing' },
    call: 'none',
    access: 'fail',
    invoke: 'skip',
    story: /use-case details form has not been submitted/
  },
  {
    name: 'NOT_AUTHORIZED, form unreadable, no call: possibilities in order',
    record: { authorizationStatus: 'NOT_AUTHORIZED' },
    useCase: { state: 'unknown', why: 'the role may not call `bedrock:GetUseCaseForModelAccess`' },
    call: 'none',
    access: 'fail',
    invoke: 'skip',
    story:
      /in order of likelihood:\n1\. Anthropic's use-case details form.*\n2\. The account is restricted/
  },
  {
    name: 'NOT_AUTHORIZED, form missing, call refused for the form',
    record: { authorizationStatus: 'NOT_AUTHORIZED' },
    useCase: { state: 'missing' },
    call: 'useCase',
    access: 'fail',
    invoke: 'fail',
    story: /use-case details form has not been submitted/
  },
  {
    name: 'NOT_AUTHORIZED, form unreadable, call names the form: the call decides',
    record: { authorizationStatus: 'NOT_AUTHORIZED' },
    useCase: { state: 'unknown', why: 'x' },
    call: 'useCase',
    access: 'fail',
    invoke: 'fail',
    story: /^Anthropic's use-case details form has not been submitted/
  },
  {
    name: 'PENDING, call refused "no access": the same subscription, not yet done',
    record: { agreementAvailability: { status: 'PENDING' } },
    call: 'noAccess',
    access: 'fail',
    invoke: 'fail',
    story: /still being set up .*refuses calls until it completes/
  },
  {
    name: 'PENDING, call answered: warns that calls may be refused later',
    record: { agreementAvailability: { status: 'PENDING' } },
    call: 'pass',
    access: 'warn',
    invoke: 'pass',
    story: /still being set up/
  },
  {
    name: 'PENDING, call refused for want of the Marketplace actions: that same subscription',
    record: { agreementAvailability: { status: 'PENDING' } },
    call: 'marketplace',
    access: 'fail',
    invoke: 'fail',
    story: /could not complete the AWS Marketplace subscription/
  },
  {
    name: 'PENDING, call refused by IAM: the record keeps its own (account) story',
    record: { agreementAvailability: { status: 'PENDING' } },
    call: 'iam',
    access: 'warn',
    invoke: 'fail'
  },
  {
    name: 'NOT_AVAILABLE, call answered: first call subscribing',
    record: { agreementAvailability: { status: 'NOT_AVAILABLE' } },
    call: 'pass',
    access: 'warn',
    invoke: 'pass',
    story: /still being set up/
  },
  {
    name: 'NOT_AUTHORIZED, call answered: the record lags, the call proves',
    record: { authorizationStatus: 'NOT_AUTHORIZED' },
    useCase: { state: 'submitted' },
    call: 'pass',
    access: 'pass',
    invoke: 'pass'
  },
  {
    name: 'agreement ERROR (Marketplace), call refused (Marketplace)',
    record: {
      agreementAvailability: {
        status: 'ERROR',
        errorMessage: 'not authorized to perform the required AWS Marketplace actions'
      }
    },
    call: 'marketplace',
    access: 'fail',
    invoke: 'fail',
    story: /could not complete the AWS Marketplace subscription/
  },
  {
    name: 'ready record, call refused for the account: the call decides, the record lags',
    record: {},
    call: 'notForAccount',
    access: 'fail',
    invoke: 'fail',
    story: /not available for this account/
  },
  {
    name: 'ready record, call refused by IAM: two layers, no contradiction',
    record: {},
    call: 'iam',
    access: 'pass',
    invoke: 'fail',
    story: /not allowed `bedrock:InvokeModel`/
  },
  {
    name: 'NOT_AVAILABLE, call throttled: separate problems keep their own stories',
    record: { agreementAvailability: { status: 'NOT_AVAILABLE' } },
    call: 'throttled',
    access: 'fail',
    invoke: 'fail'
  }
]

/** Both of Claude Code's calls answered (no error) or refused the same way. */
function bothProbes(error: Error | undefined): ProbeOutcomes {
  const outcome =
    error === undefined ? { ok: true as const } : { ok: false as const, error, inStream: false }
  return { InvokeModel: outcome, InvokeModelWithResponseStream: outcome }
}

describe('reconcileModelEvidence: an unreadable record', () => {
  it('a failed availability call beside an answered model call is only a warning', () => {
    const access = modelAccessCheck(
      MODEL,
      { ok: false, error: sdkError('ResourceNotFoundException', 'Model not found', 404) },
      BASE,
      'invoke'
    )
    expect(access.check.status).toBe('fail')
    const verdict = reconcileModelEvidence({ foundationModelId: FM, region: 'us-east-1' }, access, [
      modelInvokeCheck(MODEL, bothProbes(undefined), BASE)
    ])
    expect(verdict.access.status).toBe('warn')
    expect(verdict.access.detail).toContain('the model call succeeded')
  })
})

describe('reconcileModelEvidence', () => {
  it.each(cases)('$name', ({ record, useCase, call, access, invoke, story }) => {
    const accessAssessed = modelAccessCheck(
      MODEL,
      { ok: true, availability: { ...READY, ...record } },
      BASE,
      call === 'none' ? 'access' : 'invoke',
      useCase
    )
    const invokeAssessed =
      call === 'none'
        ? {
            check: { id: 'model-invoke:main', title: 't', status: 'skip' as const, detail: 's' },
            blocksRole: false
          }
        : modelInvokeCheck(MODEL, bothProbes(call === 'pass' ? undefined : REFUSALS[call]), BASE)
    const verdict = reconcileModelEvidence(
      { foundationModelId: FM, region: 'us-east-1' },
      accessAssessed,
      [invokeAssessed]
    )
    const checks = [verdict.access, ...verdict.invokes]
    expect(checks.map((c) => c.status)).toEqual([access, invoke])
    const failing = checks.filter((c) => c.status === 'fail' || c.status === 'warn')
    for (const c of failing) {
      expect(c.cause).toBeTruthy()
      expect(c.fix).toBeTruthy()
    }
    if (story !== undefined) {
      // Every failing check carries the same story, and it is the expected one.
      expect(new Set(failing.map((c) => `${c.cause}|${c.fix}`)).size).toBe(1)
      expect(failing[0]?.cause).toMatch(story)
    }
    // The account-level record never tells an IAM story.
    expect(verdict.access.cause ?? '').not.toMatch(/IAM policy, permissions boundary or SCP/)
    expect(verdict.access.fix ?? '').not.toMatch(/"bedrock:InvokeModel"/)
  })
})
