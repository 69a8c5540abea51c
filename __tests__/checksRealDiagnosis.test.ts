import { beforeEach, describe, expect, it } from '@jest/globals'
import {
  GetFoundationModelAvailabilityCommand,
  ListFoundationModelsCommand
} from '@aws-sdk/client-bedrock'
import { ACCOUNT, SONNET_4_5, usEast1 } from '../__fixtures__/catalogues.js'
import {
  awsError,
  clientsFor,
  onProbes,
  mockRegion,
  type RegionMocks
} from '../__fixtures__/catalogueClients.js'
import { modelConfig } from '../__fixtures__/catalogueConfig.js'
import { profileIdRef } from '../__fixtures__/catalogueRefs.js'
import { verifyModels } from '../src/checks/verifyModels.js'

/** The model checks with the real diagnosis: every failure carries a specific cause and fix. */
let us: RegionMocks
beforeEach(() => {
  us = mockRegion(usEast1)
})

const principal = {
  arn: `arn:aws:sts::${ACCOUNT}:assumed-role/claude-code/gh-123-1`,
  accountId: ACCOUNT
}
const config = modelConfig({ model: profileIdRef(`us.${SONNET_4_5}`) })

describe('verifyModels with the real diagnosis', () => {
  it.each([
    [
      'AccessDeniedException',
      403,
      `User: ${principal.arn} is not authorized to perform: bedrock:InvokeModel on resource: arn:aws:bedrock:us-east-1:${ACCOUNT}:inference-profile/us.${SONNET_4_5} because no identity-based policy allows the bedrock:InvokeModel action`,
      /bedrock:InvokeModel/
    ],
    [
      'AccessDeniedException',
      403,
      "You don't have access to the model with the specified model ID.",
      /access/i
    ],
    [
      'ResourceNotFoundException',
      404,
      'Model use case details have not been submitted for this account. Fill out the Anthropic use case details form before using the model. If you have already filled out the form, try again in 15 minutes.',
      /use case/i
    ],
    [
      'ThrottlingException',
      429,
      'Too many requests, please wait before trying again.',
      /Cross-Region InvokeModel tokens per minute for[\s\S]*aws service-quotas list-service-quotas --service-code bedrock --region us-east-1/
    ]
  ] as const)('%s (%s): %s', async (name, status, message, fixPattern) => {
    onProbes(us.runtime).rejects(awsError(name, status, message, 'req-real'))
    const result = await verifyModels(config, clientsFor({ 'us-east-1': us }), principal)
    const invoke = result.checks.find((check) => check.id === 'model-invoke:main')
    expect(invoke?.status).toBe('fail')
    expect(invoke?.cause?.length).toBeGreaterThan(10)
    expect(invoke?.fix).toMatch(fixPattern)
    expect(invoke?.awsError).toMatchObject({ code: name, requestId: 'req-real' })
  })

  it('a denied listing names the missing permission', async () => {
    us.bedrock
      .on(ListFoundationModelsCommand)
      .rejects(
        awsError(
          'AccessDeniedException',
          403,
          `User: ${principal.arn} is not authorized to perform: bedrock:ListFoundationModels`
        )
      )
    const result = await verifyModels(config, clientsFor({ 'us-east-1': us }), principal)
    const reachable = result.checks.find((check) => check.id === 'bedrock-reachable:us-east-1')
    expect(reachable?.status).toBe('fail')
    expect(`${reachable?.cause} ${reachable?.fix}`).toContain('bedrock:ListFoundationModels')
  })

  it('an availability AccessDenied stays a warning', async () => {
    us.bedrock
      .on(GetFoundationModelAvailabilityCommand)
      .rejects(
        awsError(
          'AccessDeniedException',
          403,
          `User: ${principal.arn} is not authorized to perform: bedrock:GetFoundationModelAvailability`
        )
      )
    const result = await verifyModels(config, clientsFor({ 'us-east-1': us }), principal)
    expect(result.checks.find((check) => check.id === 'model-access:main')?.status).toBe('warn')
  })
})
