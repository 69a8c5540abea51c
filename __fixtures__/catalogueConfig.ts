import type { Config } from '../src/inputs/config.js'
import { aliasRef } from './catalogueRefs.js'

/** A valid Config for model tests: sonnet + haiku in us-east-1, verify invoke. */
export function modelConfig(overrides: Partial<Config> = {}): Config {
  return {
    region: 'us-east-1',
    partition: 'aws',
    roleToAssume: 'arn:aws:iam::123456789012:role/claude-code',
    roleSource: { kind: 'github-oidc', reason: 'the job has the GitHub OIDC request variables' },
    roleChaining: 'auto',
    audience: 'sts.amazonaws.com',
    roleSessionName: 'gh-123-1',
    roleDurationSeconds: 3600,
    model: aliasRef('sonnet'),
    smallFastModel: aliasRef('haiku'),
    inferenceProfilePrefix: 'us',
    inferenceProfilePrefixExplicit: false,
    verify: 'invoke',
    pinFamilies: false,
    failOnError: true,
    allowedAccountIds: [],
    disablePromptCaching: false,
    exportCredentials: true,
    outputCredentials: false,
    maskAwsAccountId: false,
    jobSummary: true,
    refreshCredentials: true,
    endpoints: {},
    requireActorPermission: 'write',
    allowedBots: [],
    scrubAgentCredentials: true,
    usageReport: 'auto',
    usageReportWaitSeconds: 60,
    ...overrides
  }
}
