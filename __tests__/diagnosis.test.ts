import { describe, expect, it } from '@jest/globals'
import { diagnoseAwsError, isTransient } from '../src/diagnosis/diagnose.js'
import type { DiagnosisContext } from '../src/diagnosis/types.js'

/** An error shaped exactly as AWS SDK v3 throws a service exception. */
function sdkError(name: string, message: string, status: number, extra: object = {}): Error {
  return Object.assign(new Error(message), {
    name,
    $fault: status >= 500 ? 'server' : 'client',
    $metadata: { httpStatusCode: status, requestId: 'r-1', attempts: 1, totalRetryDelay: 0 },
    ...extra
  })
}

/** STS (awsQuery) errors also carry the wire code and type. */
function stsError(code: string, message: string, status: number): Error {
  return sdkError(code, message, status, {
    Code: code,
    Type: 'Sender',
    Error: { Type: 'Sender', Code: code, Message: message }
  })
}

/** A Node socket error as the SDK's http handler rejects with it. */
function socketError(code: string, message: string, extra: object = {}): Error {
  return Object.assign(new Error(message), { code, syscall: 'connect', ...extra })
}

const PRINCIPAL = 'arn:aws:sts::123456789012:assumed-role/claude-code/gh-123-1'
const PROFILE_ID = 'us.anthropic.claude-sonnet-4-5-20250929-v1:0'
const BASE_ID = 'anthropic.claude-sonnet-4-5-20250929-v1:0'
const PROFILE_ARN = `arn:aws:bedrock:us-east-1:123456789012:inference-profile/${PROFILE_ID}`
const FM_ARNS = ['us-east-1', 'us-east-2', 'us-west-2'].map(
  (region) => `arn:aws:bedrock:${region}::foundation-model/${BASE_ID}`
)

const converse: DiagnosisContext = {
  operation: 'InvokeModel',
  region: 'us-east-1',
  partition: 'aws',
  roleArn: 'arn:aws:iam::123456789012:role/claude-code',
  principalArn: PRINCIPAL,
  accountId: '123456789012',
  modelId: PROFILE_ID,
  profileArn: PROFILE_ARN,
  foundationModelArns: FM_ARNS
}

const GLOBAL_ID = `global.${BASE_ID}`
const globalInvoke: DiagnosisContext = {
  ...converse,
  modelId: GLOBAL_ID,
  profileArn: `arn:aws:bedrock:us-east-1:123456789012:inference-profile/${GLOBAL_ID}`
}

const assume: DiagnosisContext = {
  operation: 'AssumeRoleWithWebIdentity',
  region: 'us-east-1',
  partition: 'aws',
  roleArn: 'arn:aws:iam::123456789012:role/gh/claude-code',
  audience: 'sts.amazonaws.com',
  durationSeconds: 7200,
  claims: {
    sub: 'repo:My-Org/My-Repo:environment:prod',
    aud: 'sts.amazonaws.com',
    repository: 'My-Org/My-Repo'
  }
}

interface Case {
  readonly name: string
  readonly error: unknown
  readonly ctx: DiagnosisContext
  readonly code: string
  readonly cause: readonly (string | RegExp)[]
  readonly fix: readonly (string | RegExp)[]
  readonly transient: boolean
}

const cases: readonly Case[] = [
  {
    name: 'no OIDC provider',
    error: stsError(
      'InvalidIdentityToken',
      'No OpenIDConnect provider found in your account for https://token.actions.githubusercontent.com',
      400
    ),
    ctx: assume,
    code: 'InvalidIdentityToken',
    cause: ['account 123456789012', 'no IAM OIDC identity provider'],
    fix: [
      'aws iam create-open-id-connect-provider --url https://token.actions.githubusercontent.com --client-id-list sts.amazonaws.com',
      'arn:aws:iam::123456789012:oidc-provider/token.actions.githubusercontent.com'
    ],
    transient: false
  },
  {
    name: 'incorrect token audience',
    error: stsError('InvalidIdentityToken', 'Incorrect token audience', 400),
    ctx: { ...assume, audience: 'my-aud', claims: { ...assume.claims, aud: 'my-aud' } },
    code: 'InvalidIdentityToken',
    cause: ['`my-aud`', 'not a client id'],
    fix: ['add-client-id-to-open-id-connect-provider', '--client-id my-aud', '`audience` input'],
    transient: false
  },
  {
    name: 'trust policy mismatch names claims and the matching condition',
    error: stsError('AccessDenied', 'Not authorized to perform sts:AssumeRoleWithWebIdentity', 403),
    ctx: assume,
    code: 'AccessDenied',
    cause: [
      /^STS refused AssumeRoleWithWebIdentity for role `arn:aws:iam::123456789012:role\/gh\/claude-code`: check the role name and account first/,
      'the role does not exist',
      'sub=`repo:My-Org/My-Repo:environment:prod`',
      'aud=`sts.amazonaws.com`',
      'repository=`My-Org/My-Repo`'
    ],
    fix: [
      /"token\.actions\.githubusercontent\.com:aud": "sts\.amazonaws\.com"/,
      /^1\. Check the role name and account in `role-to-assume`/,
      // The narrowest condition: the token's own sub (its environment form), exactly.
      /"token\.actions\.githubusercontent\.com:sub": "repo:My-Org\/My-Repo:environment:prod"/,
      'case-sensitively',
      '`prod` environment',
      'aws iam get-role --role-name claude-code'
    ],
    transient: false
  },
  {
    name: 'IDP rejected claim',
    error: stsError('IDPRejectedClaim', 'Token rejected', 403),
    ctx: assume,
    code: 'IDPRejectedClaim',
    cause: ['STS rejected the token', 'sub=`repo:My-Org/My-Repo:environment:prod`'],
    fix: ['token.actions.githubusercontent.com:sub'],
    transient: false
  },
  {
    name: 'IDP communication error',
    error: stsError(
      'IDPCommunicationError',
      "Couldn't retrieve verification key from your identity provider,  please reference AssumeRoleWithWebIdentity documentation for requirements",
      400
    ),
    ctx: assume,
    code: 'IDPCommunicationError',
    cause: ['signing keys'],
    fix: ['fresh token'],
    transient: true
  },
  {
    name: 'expired OIDC token on assume',
    error: sdkError(
      'ExpiredTokenException',
      'Token expired: current date/time 1700000000 must be before the expiration date/time1699999000',
      400,
      { Code: 'ExpiredTokenException' }
    ),
    ctx: assume,
    code: 'ExpiredTokenException',
    cause: ['GitHub OIDC token expired'],
    fix: ['fresh token', 'clock'],
    transient: true
  },
  {
    name: 'duration above MaxSessionDuration',
    error: stsError(
      'ValidationError',
      'The requested DurationSeconds exceeds the MaxSessionDuration set for this role.',
      400
    ),
    ctx: assume,
    code: 'ValidationError',
    cause: ['`role-duration-seconds` (7200 s)', 'MaxSessionDuration'],
    fix: [
      'aws iam update-role --role-name claude-code --max-session-duration 7200',
      'Lower `role-duration-seconds`',
      'session shorter than the job'
    ],
    transient: false
  },
  {
    name: 'STS region disabled',
    error: stsError(
      'RegionDisabledException',
      'STS is not activated in this region for account:123456789012. Your account administrator can activate STS in this region using the IAM Console.',
      403
    ),
    ctx: { ...assume, region: 'ap-east-1' },
    code: 'RegionDisabledException',
    cause: ['not activated in ap-east-1'],
    fix: ['Activate', 'ap-east-1', '`sts-endpoint`'],
    transient: false
  },
  {
    name: 'STS throttling',
    error: stsError('Throttling', 'Rate exceeded', 400),
    ctx: assume,
    code: 'Throttling',
    cause: ['STS throttled'],
    fix: ['stagger'],
    transient: true
  },
  {
    name: 'missing identity-based allow on the profile',
    error: sdkError(
      'AccessDeniedException',
      `User: ${PRINCIPAL} is not authorized to perform: bedrock:InvokeModel on resource: ${PROFILE_ARN} because no identity-based policy allows the bedrock:InvokeModel action`,
      403
    ),
    ctx: converse,
    code: 'AccessDeniedException',
    cause: ['The role `claude-code`', `\`${PROFILE_ARN}\``, 'no identity-based policy'],
    fix: [
      /"bedrock:InvokeModel",\s*"bedrock:InvokeModelWithResponseStream"/,
      `"${PROFILE_ARN}"`,
      ...FM_ARNS.map((arn) => `"${arn}"`),
      'every destination region'
    ],
    transient: false
  },
  {
    name: 'missing allow on a read-only call keeps that exact action and resource',
    error: sdkError(
      'AccessDeniedException',
      `User: ${PRINCIPAL} is not authorized to perform: bedrock:ListInferenceProfiles on resource: arn:aws:bedrock:us-east-1:123456789012:inference-profile/* because no identity-based policy allows the bedrock:ListInferenceProfiles action`,
      403
    ),
    ctx: { ...converse, operation: 'ListInferenceProfiles' },
    code: 'AccessDeniedException',
    cause: ['`bedrock:ListInferenceProfiles`'],
    fix: [
      /"Action": \[\s*"bedrock:ListInferenceProfiles"\s*\]/,
      '"arn:aws:bedrock:us-east-1:123456789012:inference-profile/*"'
    ],
    transient: false
  },
  {
    name: 'permissions boundary without the allow',
    error: sdkError(
      'AccessDeniedException',
      `User: ${PRINCIPAL} is not authorized to perform: bedrock:InvokeModel on resource: ${FM_ARNS[2]} because no permissions boundary allows the bedrock:InvokeModel action`,
      403
    ),
    ctx: converse,
    code: 'AccessDeniedException',
    cause: ['no permissions boundary allows'],
    fix: ['permissions boundary', `"${FM_ARNS[2]}"`],
    transient: false
  },
  {
    name: 'SCP denies a destination region',
    error: sdkError(
      'AccessDeniedException',
      `User: ${PRINCIPAL} is not authorized to perform: bedrock:InvokeModel on resource: ${FM_ARNS[2]} with an explicit deny in a service control policy`,
      403
    ),
    ctx: globalInvoke,
    code: 'AccessDeniedException',
    cause: ['service control policy', 'in us-west-2', 'us-east-1, us-east-2, us-west-2'],
    fix: [
      'exempt `bedrock:InvokeModel` and `bedrock:InvokeModelWithResponseStream` in us-west-2',
      '`inference-profile-prefix: us`',
      'instead of `global`'
    ],
    transient: false
  },
  {
    name: 'SCP deny naming the policy ARN',
    error: sdkError(
      'AccessDeniedException',
      `User: ${PRINCIPAL} is not authorized to perform: bedrock:InvokeModel on resource: arn:aws:bedrock:eu-north-1::foundation-model/${BASE_ID} with an explicit deny in a service control policy: arn:aws:organizations::111122223333:policy/o-abc123/service_control_policy/p-xyz789`,
      403
    ),
    ctx: { ...globalInvoke, region: 'eu-west-1' },
    code: 'AccessDeniedException',
    cause: ['in eu-north-1', 'p-xyz789'],
    fix: ['in eu-north-1', '`inference-profile-prefix: eu`'],
    transient: false
  },
  {
    name: 'SCP deny on a geographic profile points at its regions',
    error: sdkError(
      'AccessDeniedException',
      `User: ${PRINCIPAL} is not authorized to perform: bedrock:InvokeModel on resource: ${FM_ARNS[1]} with an explicit deny in a service control policy`,
      403
    ),
    ctx: converse,
    code: 'AccessDeniedException',
    cause: ['in us-east-2'],
    fix: [
      'in us-east-2',
      `aws bedrock get-inference-profile --region us-east-1 --inference-profile-identifier ${PROFILE_ID}`
    ],
    transient: false
  },
  {
    name: 'explicit deny in an identity policy',
    error: sdkError(
      'AccessDeniedException',
      `User: ${PRINCIPAL} is not authorized to perform: bedrock:InvokeModel on resource: ${PROFILE_ARN} with an explicit deny in an identity-based policy`,
      403
    ),
    ctx: converse,
    code: 'AccessDeniedException',
    cause: ['explicit Deny in an identity-based policy', 'the role `claude-code`'],
    fix: ['Remove or narrow the Deny'],
    transient: false
  },
  {
    name: 'API key user without the allow',
    error: sdkError(
      'AccessDeniedException',
      `User: arn:aws:iam::123456789012:user/BedrockAPIKey_abc is not authorized to perform: bedrock:InvokeModel on resource: ${PROFILE_ARN} because no identity-based policy allows the bedrock:InvokeModel action`,
      403
    ),
    ctx: { ...converse, authMethod: 'api-key' },
    code: 'AccessDeniedException',
    cause: ['IAM user `BedrockAPIKey_abc` behind the Bedrock API key'],
    fix: ['BedrockAPIKey_abc', `"${PROFILE_ARN}"`],
    transient: false
  },
  {
    name: 'base model id without on-demand throughput',
    error: sdkError(
      'ValidationException',
      `Invocation of model ID ${BASE_ID} with on-demand throughput isn’t supported. Retry your request with the ID or ARN of an inference profile that contains this model.`,
      400
    ),
    ctx: { ...converse, modelId: BASE_ID, suggestedProfileId: PROFILE_ID },
    code: 'ValidationException',
    cause: [`\`${BASE_ID}\``, 'inference profile'],
    fix: [`\`model: ${PROFILE_ID}\``],
    transient: false
  },
  {
    name: 'invalid model identifier',
    error: sdkError('ValidationException', 'The provided model identifier is invalid.', 400),
    ctx: { ...converse, modelId: 'eu.anthropic.claude-sonnet-4-5-20250929-v1:0' },
    code: 'ValidationException',
    cause: ['us-east-1', '`aws`', '`eu.anthropic.claude-sonnet-4-5-20250929-v1:0`'],
    fix: ['aws bedrock list-inference-profiles --region us-east-1', 'list-foundation-models'],
    transient: false
  },
  {
    name: 'inference profile not found',
    error: sdkError('ResourceNotFoundException', 'Inference profile not found', 404),
    ctx: {
      ...converse,
      operation: 'GetInferenceProfile',
      region: 'us-gov-west-1',
      partition: 'aws-us-gov'
    },
    code: 'ResourceNotFoundException',
    cause: ['us-gov-west-1', '`aws-us-gov`'],
    fix: ['aws bedrock list-inference-profiles --region us-gov-west-1'],
    transient: false
  },
  {
    name: 'model access not granted',
    error: sdkError(
      'AccessDeniedException',
      "You don't have access to the model with the specified model ID.",
      403
    ),
    ctx: converse,
    code: 'AccessDeniedException',
    cause: ['Model access', 'not granted'],
    fix: [
      '"aws-marketplace:Subscribe"',
      `create-foundation-model-agreement --region us-east-1 --model-id ${BASE_ID}`,
      // The availability API takes the foundation-model id, never the profile id.
      /get-foundation-model-availability --region us-east-1 --model-id anthropic\.claude-sonnet-4-5-20250929-v1:0`/
    ],
    transient: false
  },
  {
    name: 'model not available for the account (record may read ready)',
    error: sdkError(
      'AccessDeniedException',
      `${BASE_ID} is not available for this account. You can explore other available models on Amazon Bedrock. For additional access options, contact AWS Sales at https://aws.amazon.com/contact-us/sales-support/`,
      403
    ),
    ctx: converse,
    code: 'AccessDeniedException',
    cause: ['not available for this account', 'No IAM change fixes it'],
    fix: ['AWS account team', 'family alias'],
    transient: false
  },
  {
    name: 'use-case form, the other wording',
    error: sdkError(
      'ValidationException',
      'You have not filled out the required use-case form for this model. Complete the form at https://us-east-1.console.aws.amazon.com/bedrock/ before requesting access.',
      400
    ),
    ctx: converse,
    code: 'ValidationException',
    cause: ['use-case details form has not been submitted', 'not the role'],
    fix: ['put-use-case-for-model-access --region us-east-1'],
    transient: false
  },
  {
    name: 'Marketplace actions missing',
    error: sdkError(
      'AccessDeniedException',
      'Model access is denied due to IAM user or service role is not authorized to perform the required AWS Marketplace actions (aws-marketplace:ViewSubscriptions, aws-marketplace:Subscribe) to enable access to this model. Refer to the Amazon Bedrock documentation for further details. Your AWS Marketplace subscription for this model cannot be completed at this time. If you recently fixed this issue, try again after 15 minutes.',
      403
    ),
    ctx: converse,
    code: 'AccessDeniedException',
    cause: ['Marketplace subscription'],
    fix: [
      '"aws-marketplace:Subscribe"',
      '"aws-marketplace:ViewSubscriptions"',
      '"aws:CalledViaLast": "bedrock.amazonaws.com"',
      '15 minutes'
    ],
    transient: false
  },
  {
    name: 'use case form not submitted',
    error: sdkError(
      'ResourceNotFoundException',
      'Model use case details have not been submitted for this account. Fill out the Anthropic use case details form before using the model. If you have already filled out the form, try again in 15 minutes.',
      404
    ),
    ctx: converse,
    code: 'ResourceNotFoundException',
    cause: ["Anthropic's use-case details form has not been submitted for this AWS account"],
    fix: ['submit the use case details', "organization's management account"],
    transient: false
  },
  {
    name: 'legacy model not used recently',
    error: sdkError(
      'AccessDeniedException',
      'Access denied. This Model is marked by provider as Legacy and you have not been actively using the model in the last 30 days. Please upgrade to an active model on Amazon Bedrock',
      403
    ),
    ctx: { ...converse, modelId: 'us.anthropic.claude-3-5-sonnet-20240620-v1:0' },
    code: 'AccessDeniedException',
    cause: ['Legacy', '`us.anthropic.claude-3-5-sonnet-20240620-v1:0`'],
    fix: ['newer model', '`sonnet`'],
    transient: false
  },
  {
    name: 'model end of life',
    error: sdkError(
      'ResourceNotFoundException',
      'This model version has reached the end of its life. Please refer to the AWS documentation for more details.',
      404
    ),
    ctx: converse,
    code: 'ResourceNotFoundException',
    cause: ['end of life'],
    fix: ['newer model', 'ACTIVE'],
    transient: false
  },
  {
    name: 'Bedrock throttling',
    error: sdkError(
      'ThrottlingException',
      'Too many requests, please wait before trying again.',
      429
    ),
    ctx: converse,
    code: 'ThrottlingException',
    cause: ['throttled', 'tokens-per-minute'],
    fix: [
      'Cross-Region InvokeModel tokens per minute for',
      'aws service-quotas list-service-quotas --service-code bedrock --region us-east-1'
    ],
    transient: true
  },
  {
    name: 'daily token quota',
    error: sdkError(
      'ServiceQuotaExceededException',
      'Too many tokens per day, please wait before trying again.',
      429
    ),
    ctx: converse,
    code: 'ServiceQuotaExceededException',
    cause: ['daily token quota'],
    fix: ['Model invocation max tokens per day', 'list-service-quotas'],
    transient: false
  },
  {
    name: 'Bedrock unavailable',
    error: sdkError(
      'ServiceUnavailableException',
      'Bedrock is unable to process your request.',
      503
    ),
    ctx: converse,
    code: 'ServiceUnavailableException',
    cause: ['Bedrock failed on its side', 'HTTP 503'],
    fix: ['AWS Health Dashboard'],
    transient: true
  },
  {
    name: 'internal server error',
    error: sdkError('InternalServerException', 'Internal server error', 500),
    ctx: converse,
    code: 'InternalServerException',
    cause: ['HTTP 500'],
    fix: ['Retried'],
    transient: true
  },
  {
    name: 'unknown access key (SigV4)',
    error: sdkError(
      'UnrecognizedClientException',
      'The security token included in the request is invalid.',
      403
    ),
    ctx: converse,
    code: 'UnrecognizedClientException',
    cause: ['does not recognise the access key', 'partition'],
    fix: ['AWS_SESSION_TOKEN'],
    transient: false
  },
  {
    name: 'invalid Bedrock API key',
    error: sdkError(
      'UnrecognizedClientException',
      'The security token included in the request is invalid.',
      403
    ),
    ctx: { ...converse, authMethod: 'api-key' },
    code: 'UnrecognizedClientException',
    cause: ['`bedrock-api-key`', 'invalid, revoked or expired'],
    fix: ['Generate a new key', 'pass it as `bedrock-api-key`', '`role-to-assume`'],
    transient: false
  },
  {
    name: "Bedrock's bearer rejection of a short-term key on the runtime",
    error: sdkError(
      'AccessDeniedException',
      'Authentication failed: Please make sure your API Key is valid.',
      403
    ),
    ctx: {
      ...converse,
      bedrockAuth: { controlPlane: 'sigv4', runtime: 'api-key' },
      apiKeyForm: {
        kind: 'short-term',
        region: 'us-east-1',
        issuedAt: new Date('2026-11-30T08:00:00Z'),
        expiresAt: new Date('2026-11-30T20:00:00Z')
      }
    },
    code: 'AccessDeniedException',
    cause: [
      'did not accept the `bedrock-api-key` for InvokeModel in us-east-1',
      'short-term key was made for us-east-1',
      '2026-11-30T20:00:00.000Z',
      'session that made it ends'
    ],
    fix: ['Generate a new key'],
    transient: false
  },
  {
    name: "Bedrock's bearer rejection of a long-term key names the key's account",
    error: sdkError(
      'AccessDeniedException',
      'Authentication failed: Please make sure your API Key is valid.',
      403
    ),
    ctx: {
      ...converse,
      operation: 'ListInferenceProfiles',
      bedrockAuth: { controlPlane: 'api-key', runtime: 'api-key' },
      apiKeyForm: { kind: 'long-term', accountId: '210987654321' }
    },
    code: 'AccessDeniedException',
    cause: ['ListInferenceProfiles', 'IAM user of account 210987654321', 'deactivated'],
    fix: ['Generate a new key'],
    transient: false
  },
  {
    name: "Bedrock's bearer format rejection",
    error: sdkError(
      'AccessDeniedException',
      'Invalid API Key format: Must start with pre-defined prefix',
      403
    ),
    ctx: { ...converse, bedrockAuth: { controlPlane: 'api-key', runtime: 'api-key' } },
    code: 'AccessDeniedException',
    cause: ['not being a Bedrock API key at all', 'ABSK…', 'bedrock-api-key-…'],
    fix: ['holds the Bedrock key itself, whole'],
    transient: false
  },
  {
    name: 'an unrecognised token on a control-plane call signed with SigV4 is about AWS keys, not the API key',
    error: sdkError(
      'UnrecognizedClientException',
      'The security token included in the request is invalid.',
      403
    ),
    ctx: {
      ...converse,
      operation: 'ListFoundationModels',
      bedrockAuth: { controlPlane: 'sigv4', runtime: 'api-key' }
    },
    code: 'UnrecognizedClientException',
    cause: ['does not recognise the access key'],
    fix: ['AWS_ACCESS_KEY_ID'],
    transient: false
  },
  {
    name: 'unknown key on STS',
    error: stsError(
      'InvalidClientTokenId',
      'The security token included in the request is invalid.',
      403
    ),
    ctx: { ...converse, operation: 'GetCallerIdentity', authMethod: 'api-key' },
    code: 'InvalidClientTokenId',
    cause: ['GetCallerIdentity', 'does not recognise the access key'],
    fix: ['AWS_ACCESS_KEY_ID'],
    transient: false
  },
  {
    name: 'signature mismatch',
    error: stsError(
      'SignatureDoesNotMatch',
      'The request signature we calculated does not match the signature you provided. Check your AWS Secret Access Key and signing method. Consult the service documentation for details.',
      403
    ),
    ctx: { ...converse, operation: 'GetCallerIdentity' },
    code: 'SignatureDoesNotMatch',
    cause: ['signature', 'does not match'],
    fix: ['AWS_SECRET_ACCESS_KEY'],
    transient: false
  },
  {
    name: 'signature expired (clock skew)',
    error: sdkError(
      'InvalidSignatureException',
      'Signature expired: 20240101T000000Z is now earlier than 20240101T001000Z (20240101T000500Z - 5 min.)',
      403
    ),
    ctx: converse,
    code: 'InvalidSignatureException',
    cause: ['clock'],
    fix: ['NTP'],
    transient: false
  },
  {
    name: 'expired session on a signed STS call',
    error: stsError('ExpiredToken', 'The security token included in the request is expired', 403),
    ctx: { ...converse, operation: 'GetCallerIdentity' },
    code: 'ExpiredToken',
    cause: ['have expired'],
    fix: ['role-duration-seconds', 'update-role --max-session-duration'],
    transient: false
  },
  {
    name: 'expired session on Bedrock',
    error: sdkError(
      'ExpiredTokenException',
      'The security token included in the request is expired',
      403
    ),
    ctx: converse,
    code: 'ExpiredTokenException',
    cause: ['InvokeModel', 'have expired'],
    fix: ['fresh credentials'],
    transient: false
  },
  {
    name: 'no credentials in the environment',
    error: Object.assign(new Error('Could not load credentials from any providers'), {
      name: 'CredentialsProviderError',
      tryNextLink: false
    }),
    ctx: { ...converse, operation: 'GetCallerIdentity' },
    code: 'CredentialsProviderError',
    cause: ['No AWS credentials'],
    fix: ['`role-to-assume`', 'configure-aws-credentials'],
    transient: false
  },
  {
    name: 'connection refused names the custom endpoint host only',
    error: socketError('ECONNREFUSED', 'connect ECONNREFUSED 10.0.0.5:443', {
      address: '10.0.0.5',
      port: 443
    }),
    ctx: {
      ...converse,
      endpoint: 'https://user:pw@vpce-123.bedrock-runtime.us-east-1.vpce.amazonaws.com/x'
    },
    code: 'ECONNREFUSED',
    cause: ['vpce-123.bedrock-runtime.us-east-1.vpce.amazonaws.com', 'refused'],
    fix: ['HTTPS_PROXY', 'NO_PROXY', 'VPC endpoint', '`bedrock-runtime-endpoint`'],
    transient: true
  },
  {
    name: 'DNS failure names the host from the socket error',
    error: socketError(
      'ENOTFOUND',
      'getaddrinfo ENOTFOUND bedrock-runtime.us-east-1.amazonaws.com',
      {
        hostname: 'bedrock-runtime.us-east-1.amazonaws.com',
        syscall: 'getaddrinfo'
      }
    ),
    ctx: converse,
    code: 'ENOTFOUND',
    cause: ['bedrock-runtime.us-east-1.amazonaws.com', 'did not resolve'],
    fix: ['NO_PROXY'],
    transient: true
  },
  {
    name: 'connection reset',
    error: socketError('ECONNRESET', 'socket hang up'),
    ctx: converse,
    code: 'ECONNRESET',
    cause: ['reset'],
    fix: ['HTTPS_PROXY'],
    transient: true
  },
  {
    name: 'SDK socket timeout',
    error: Object.assign(
      new Error('@smithy/node-http-handler - the request socket timed out after 5000 ms'),
      {
        name: 'TimeoutError'
      }
    ),
    ctx: converse,
    code: 'TimeoutError',
    cause: ['timed out'],
    fix: ['VPC endpoint'],
    transient: true
  },
  {
    name: 'aborted by our deadline',
    error: Object.assign(new Error('The operation was aborted'), { name: 'AbortError' }),
    ctx: converse,
    code: 'AbortError',
    cause: ['aborted', 'time budget'],
    fix: ['HTTPS_PROXY'],
    transient: false
  },
  {
    name: 'happy-eyeballs AggregateError',
    error: Object.assign(
      new AggregateError([socketError('ECONNREFUSED', 'connect ECONNREFUSED ::1:4566')], ''),
      {
        code: 'ECONNREFUSED'
      }
    ),
    ctx: { ...converse, operation: 'AssumeRoleWithWebIdentity', endpoint: 'http://127.0.0.1:4566' },
    code: 'ECONNREFUSED',
    cause: ['127.0.0.1:4566'],
    fix: ['`sts-endpoint`'],
    transient: true
  },
  {
    name: 'malformed response',
    error: Object.assign(
      new SyntaxError(
        'Unexpected token < in JSON at position 0\n  Deserialization error: to see the raw response, inspect the hidden field {error}.$response on this object.'
      ),
      {
        $response: { statusCode: 200, headers: {}, body: '<html>' },
        $metadata: { httpStatusCode: 200 }
      }
    ),
    ctx: converse,
    code: 'SyntaxError',
    cause: ['could not be parsed', 'proxy error page'],
    fix: ['HTTPS_PROXY'],
    transient: true
  },
  {
    name: 'TLS interception',
    error: socketError('SELF_SIGNED_CERT_IN_CHAIN', 'self-signed certificate in certificate chain'),
    ctx: converse,
    code: 'SELF_SIGNED_CERT_IN_CHAIN',
    cause: ['TLS verification failed'],
    fix: ['NODE_EXTRA_CA_CERTS'],
    transient: false
  },
  {
    name: 'HTTP/2 not spoken by a gateway',
    error: socketError('ERR_HTTP2_ERROR', 'Protocol error'),
    ctx: converse,
    code: 'ERR_HTTP2_ERROR',
    cause: ['HTTP/2'],
    fix: ['`bedrock-runtime-endpoint`'],
    transient: false
  },
  {
    name: 'proxy authentication required',
    error: sdkError('UnknownError', 'Proxy Authentication Required', 407),
    ctx: converse,
    code: 'UnknownError',
    cause: ['HTTP 407'],
    fix: ['HTTPS_PROXY'],
    transient: false
  },
  {
    name: 'unknown AWS error keeps code, message and request id',
    error: sdkError('ConflictException', 'Something odd happened', 409),
    ctx: converse,
    code: 'ConflictException',
    cause: [
      'InvokeModel failed in us-east-1',
      'ConflictException',
      'HTTP 409',
      'request id r-1',
      'Something odd happened'
    ],
    fix: ['`ConflictException`', 'request id r-1'],
    transient: false
  },
  {
    name: 'global profile denied by a region SCP on the region-less ARN (routed outside the allowed regions)',
    error: sdkError(
      'AccessDeniedException',
      `User: ${PRINCIPAL} is not authorized to perform: bedrock:InvokeModelWithResponseStream on resource: arn:aws:bedrock:::foundation-model/${BASE_ID} with an explicit deny in a service control policy`,
      403
    ),
    ctx: {
      ...globalInvoke,
      operation: 'InvokeModelWithResponseStream',
      geographicProfileId: PROFILE_ID
    },
    code: 'AccessDeniedException',
    cause: [
      `\`${GLOBAL_ID}\` is a global inference profile`,
      'outside the regions your policies allow',
      `arn:aws:bedrock:::foundation-model/${BASE_ID}`,
      '`aws:RequestedRegion` = `unspecified`',
      'explicit Deny in a service control policy'
    ],
    fix: [`\`inference-profile-prefix: us\``, `\`${PROFILE_ID}\``, 'unspecified'],
    transient: false
  },
  {
    name: 'global profile: no identity policy allows the region-less ARN',
    error: sdkError(
      'AccessDeniedException',
      `User: ${PRINCIPAL} is not authorized to perform: bedrock:InvokeModel on resource: arn:aws:bedrock:::foundation-model/${BASE_ID} because no identity-based policy allows the bedrock:InvokeModel action`,
      403
    ),
    ctx: { ...globalInvoke, geographicProfileId: PROFILE_ID },
    code: 'AccessDeniedException',
    cause: ['global inference profile', 'no identity-based policy allowing it'],
    fix: [
      `\`inference-profile-prefix: us\``,
      `"arn:aws:bedrock:::foundation-model/${BASE_ID}"`,
      '"bedrock:InvokeModelWithResponseStream"'
    ],
    transient: false
  },
  {
    name: 'global profile denied where the region has no geographic profile of the model',
    error: sdkError(
      'AccessDeniedException',
      `User: ${PRINCIPAL} is not authorized to perform: bedrock:InvokeModel on resource: arn:aws:bedrock:::foundation-model/${BASE_ID} with an explicit deny in an identity-based policy`,
      403
    ),
    ctx: globalInvoke,
    code: 'AccessDeniedException',
    cause: ['explicit Deny in an identity-based policy'],
    fix: ['lists no geographic profile', 'narrow the Deny'],
    transient: false
  },
  {
    name: 'the stream denied while InvokeModel is allowed: names the streaming action',
    error: sdkError(
      'AccessDeniedException',
      `User: ${PRINCIPAL} is not authorized to perform: bedrock:InvokeModelWithResponseStream on resource: ${PROFILE_ARN} because no identity-based policy allows the bedrock:InvokeModelWithResponseStream action`,
      403
    ),
    ctx: { ...converse, operation: 'InvokeModelWithResponseStream' },
    code: 'AccessDeniedException',
    cause: ['`bedrock:InvokeModelWithResponseStream`', PROFILE_ARN],
    fix: ['"bedrock:InvokeModel"', '"bedrock:InvokeModelWithResponseStream"', `"${FM_ARNS[2]}"`],
    transient: false
  },
  {
    name: 'LEGACY "Access denied" inside a 404 on the stream',
    error: sdkError(
      'ResourceNotFoundException',
      'Access denied. This Model is marked by provider as Legacy and you have not been actively using the model in the last 30 days. Please upgrade to an active model on Amazon Bedrock',
      404
    ),
    ctx: { ...converse, operation: 'InvokeModelWithResponseStream' },
    code: 'ResourceNotFoundException',
    cause: ['marked Legacy', '30 days'],
    fix: ['family alias'],
    transient: false
  },
  {
    name: 'model stream error inside the stream (no HTTP status): Bedrock side, retried',
    error: Object.assign(new Error('Model stream error: the model failed mid-answer.'), {
      name: 'ModelStreamErrorException',
      $fault: 'client',
      $metadata: {},
      originalStatusCode: 500,
      originalMessage: 'upstream model error'
    }),
    ctx: { ...converse, operation: 'InvokeModelWithResponseStream' },
    code: 'ModelStreamErrorException',
    cause: ['Bedrock failed on its side for InvokeModelWithResponseStream'],
    fix: ['Retried with backoff'],
    transient: true
  }
]

describe('diagnoseAwsError', () => {
  it.each(cases)('$name', ({ error, ctx, code, cause, fix, transient }) => {
    const diagnosis = diagnoseAwsError(error, ctx)
    expect(diagnosis.awsError?.code).toBe(code)
    for (const part of cause)
      expect(diagnosis.cause).toEqual(expect.stringMatching(toPattern(part)))
    for (const part of fix) expect(diagnosis.fix).toEqual(expect.stringMatching(toPattern(part)))
    expect(diagnosis.transient).toBe(transient)
    // Retry decisions made from the raw error agree with the diagnosis.
    expect(isTransient(error, ctx.operation)).toBe(transient)
  })

  it('shows a complete, paste-ready trust policy that matches only this token', () => {
    const diagnosis = diagnoseAwsError(
      stsError('AccessDenied', 'Not authorized to perform sts:AssumeRoleWithWebIdentity', 403),
      assume
    )
    const json = /```json\n([\s\S]*?)\n```/.exec(diagnosis.fix)?.[1]
    expect(JSON.parse(json ?? 'null')).toEqual({
      Version: '2012-10-17',
      Statement: [
        {
          Effect: 'Allow',
          Principal: {
            Federated: 'arn:aws:iam::123456789012:oidc-provider/token.actions.githubusercontent.com'
          },
          Action: 'sts:AssumeRoleWithWebIdentity',
          Condition: {
            StringEquals: {
              'token.actions.githubusercontent.com:aud': 'sts.amazonaws.com',
              'token.actions.githubusercontent.com:sub': 'repo:My-Org/My-Repo:environment:prod'
            }
          }
        }
      ]
    })
    expect(diagnosis.fix).not.toContain('repo:My-Org/My-Repo:*')
  })

  it('keeps the request id and HTTP status of the AWS error', () => {
    const diagnosis = diagnoseAwsError(sdkError('ThrottlingException', 'slow down', 429), converse)
    expect(diagnosis.awsError).toEqual({
      code: 'ThrottlingException',
      message: 'slow down',
      requestId: 'r-1',
      httpStatus: 429
    })
  })

  it('diagnoses anything thrown, even a non-Error', () => {
    const diagnosis = diagnoseAwsError('boom', converse)
    expect(diagnosis.awsError).toEqual({ code: 'Unknown', message: 'boom' })
    expect(diagnosis.cause).toContain('InvokeModel failed in us-east-1')
    expect(diagnosis.transient).toBe(false)
  })

  it('does not call an AccessDenied outside AssumeRoleWithWebIdentity a trust problem', () => {
    const diagnosis = diagnoseAwsError(sdkError('AccessDeniedException', 'Access denied', 403), {
      ...converse,
      operation: 'GetFoundationModelAvailability'
    })
    expect(diagnosis.cause).not.toContain('trust')
    expect(diagnosis.fix).toContain('bedrock:GetFoundationModelAvailability')
  })
})

function toPattern(part: string | RegExp): RegExp {
  return typeof part === 'string' ? new RegExp(part.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')) : part
}

describe('rate limits are told apart from model quotas', () => {
  const herd = (name: string, status: number): Error =>
    Object.assign(sdkError(name, 'Too many requests, please wait before trying again.', status), {
      $metadata: { httpStatusCode: status, requestId: 'r-9', attempts: 12, totalRetryDelay: 43_150 }
    })
  const controlPlane = [
    'ListFoundationModels',
    'ListInferenceProfiles',
    'GetInferenceProfile',
    'GetFoundationModelAvailability',
    'GetFoundationModel'
  ] as const

  it.each(controlPlane)(
    'a throttled %s names the API, the herd, the wait and the fix',
    (operation) => {
      const diagnosis = diagnoseAwsError(herd('ThrottlingException', 429), {
        operation,
        region: 'us-west-2',
        partition: 'aws'
      })
      expect(diagnosis.cause).toContain(`throttled ${operation} in us-west-2`)
      expect(diagnosis.cause).toContain('many jobs')
      expect(diagnosis.cause).toContain('tried 12 times and waited 43.2 s')
      expect(diagnosis.fix).toContain('`concurrency:`')
      expect(diagnosis.fix).toContain('`strategy.max-parallel`')
      expect(diagnosis.fix).toContain(`contains(QuotaName, '${operation}')`)
      expect(diagnosis.fix).toContain('--region us-west-2')
      expect(`${diagnosis.cause} ${diagnosis.fix}`).not.toMatch(/token|per minute/i)
      expect(diagnosis.transient).toBe(true)
      expect(diagnosis.awsError).toMatchObject({ attempts: 12, retryDelayMs: 43_150 })
    }
  )

  it.each(['AssumeRoleWithWebIdentity', 'GetCallerIdentity'] as const)(
    'a throttled STS %s says STS limits cannot be raised',
    (operation) => {
      const diagnosis = diagnoseAwsError(
        Object.assign(stsError('Throttling', 'Rate exceeded', 400), {
          $metadata: { httpStatusCode: 400, attempts: 9, totalRetryDelay: 40_000 }
        }),
        { ...assume, operation }
      )
      expect(diagnosis.cause).toContain(`STS throttled ${operation}`)
      expect(diagnosis.cause).toContain('tried 9 times and waited 40 s')
      expect(diagnosis.fix).toContain('`concurrency:`')
      expect(diagnosis.fix).toContain('cannot be raised')
      expect(`${diagnosis.cause} ${diagnosis.fix}`).not.toMatch(/token|per minute/i)
    }
  )

  it('runtime throttling keeps the model-quota diagnosis, in tokens: the runtime has no request rate', () => {
    const diagnosis = diagnoseAwsError(herd('ThrottlingException', 429), converse)
    expect(diagnosis.cause).toContain('tokens-per-minute quota for this model')
    expect(diagnosis.fix).toContain('Cross-Region InvokeModel tokens per minute for')
    expect(`${diagnosis.cause} ${diagnosis.fix}`).not.toMatch(
      /requests?[- ]per[- ]minute|request-rate/i
    )
  })

  it('a model id called on demand names the on-demand quota', () => {
    const onDemand: DiagnosisContext = { ...converse }
    delete (onDemand as { profileArn?: string }).profileArn
    const diagnosis = diagnoseAwsError(herd('ThrottlingException', 429), onDemand)
    expect(diagnosis.fix).toContain('"On-demand InvokeModel tokens per minute for …"')
  })

  it('a call that was not retried says so', () => {
    const diagnosis = diagnoseAwsError(sdkError('ThrottlingException', 'Too many requests', 429), {
      operation: 'ListFoundationModels',
      region: 'us-east-1',
      partition: 'aws'
    })
    expect(diagnosis.cause).toContain('The call was not retried')
  })
})

describe('errors inside the response stream', () => {
  it('a stream cut off before message_stop is a transient Bedrock-side failure', () => {
    const cut = Object.assign(new Error('The response stream ended after 2 event(s)'), {
      name: 'IncompleteResponseStream'
    })
    const diagnosis = diagnoseAwsError(cut, {
      ...converse,
      operation: 'InvokeModelWithResponseStream'
    })
    expect(diagnosis.cause).toBe(
      'Bedrock failed on its side for InvokeModelWithResponseStream in us-east-1.'
    )
    expect(diagnosis.transient).toBe(true)
    expect(isTransient(cut)).toBe(true)
  })

  /** The same modelled error as the SDK throws it from an exception event: no HTTP metadata. */
  const inStream = (name: string, message: string): Error =>
    Object.assign(new Error(message), { name, $fault: 'client', $metadata: {} })

  it.each([
    ['ThrottlingException', 'Too many tokens, please wait before trying again.', 429],
    ['ValidationException', 'The provided model identifier is invalid.', 400],
    ['ServiceUnavailableException', 'Bedrock is unable to process your request.', 503]
  ])('%s reaches the same cause and fix as over HTTP', (name, message, status) => {
    const ctx: DiagnosisContext = { ...converse, operation: 'InvokeModelWithResponseStream' }
    const overHttp = diagnoseAwsError(sdkError(name, message, status), ctx)
    const fromStream = diagnoseAwsError(inStream(name, message), ctx)
    // The same sentence; only the HTTP status an exception event does not have is left out.
    expect(fromStream.cause).toBe(overHttp.cause.replace(` (HTTP ${status})`, ''))
    expect(fromStream.fix).toBe(overHttp.fix)
    expect(fromStream.transient).toBe(overHttp.transient)
  })
})
