import {
  INVOKE_ACTIONS,
  invokeSidFor,
  invokeStatement,
  policyDocument,
  uniqueSorted
} from '../policy/statements.js'
import type { IamStatement } from '../policy/types.js'
import { codeBlock, jsonBlock } from './recognizer.js'
import type { Finding, Recognizer } from './recognizer.js'
import type { AwsErrorInfo, DiagnosisContext } from './types.js'

/**
 * IAM's denial sentence: "User: P is not authorized to perform: A on resource: R because no
 * identity-based policy allows the A action" or "… with an explicit deny in a service control
 * policy[: policy-arn]". Every part is checked against a strict shape before we reuse it in a fix.
 */
interface Denial {
  readonly principal?: string
  readonly action: string
  readonly resource: string
  readonly kind: 'no-allow' | 'explicit-deny'
  /** "identity-based policy", "permissions boundary", "service control policy", … */
  readonly policyType: string
  readonly policyArn?: string
}

const ARN = /^arn:aws[a-z-]*:[a-z0-9-]+:[a-z0-9-]*:(\d{12})?:[A-Za-z0-9_+=,.@:/*-]+$/
const ACTION = /^[a-z0-9-]+:[A-Za-z0-9*]+$/

function parseDenial(message: string): Denial | undefined {
  const action = /is not authorized to perform: (\S+)/.exec(message)?.[1]
  const resource = /on resource: (\S+?)\.?(?=\s|$)/.exec(message)?.[1]
  if (
    action === undefined ||
    !ACTION.test(action) ||
    resource === undefined ||
    !ARN.test(resource)
  ) {
    return undefined
  }
  const principal = /User: (\S+) is not authorized/.exec(message)?.[1]
  const noAllow = /because no ([A-Za-z -]+?) allows/.exec(message)?.[1]
  const deny = /with an explicit deny in an? ([A-Za-z -]+)(?::\s*(\S+?))?\.?(?=\s|$)/.exec(message)
  const policyArn = deny?.[2]
  return {
    ...(principal !== undefined && ARN.test(principal) ? { principal } : {}),
    action,
    resource,
    kind: deny !== null ? 'explicit-deny' : 'no-allow',
    policyType: (deny?.[1] ?? noAllow ?? 'identity-based policy').trim(),
    ...(policyArn !== undefined && ARN.test(policyArn) ? { policyArn } : {})
  }
}

function regionOfArn(arn: string): string | undefined {
  const region = arn.split(':')[3]
  return region === undefined || region === '' ? undefined : region
}

function isInvoke(action: string): boolean {
  return (INVOKE_ACTIONS as readonly string[]).includes(action)
}

/** Who to give the permission to, in the words of the IAM console. */
function principalLabel(principal: string | undefined): string {
  if (principal === undefined) return 'the calling identity'
  const role = /:assumed-role\/([^/]+)\//.exec(principal)?.[1]
  if (role !== undefined) return `the role \`${role}\``
  const user = /:user\/(?:.*\/)?([^/]+)$/.exec(principal)?.[1]
  if (user !== undefined) {
    return user.startsWith('BedrockAPIKey')
      ? `the IAM user \`${user}\` behind the Bedrock API key`
      : `the IAM user \`${user}\``
  }
  return `\`${principal}\``
}

function capitalised(text: string): string {
  return text.charAt(0).toUpperCase() + text.slice(1)
}

/** For invoke, the profile and every destination region's foundation model, or routing fails at random. */
function statementFor(denial: Denial, ctx: DiagnosisContext): IamStatement {
  if (!isInvoke(denial.action)) {
    return {
      Sid: 'AllowDeniedCall',
      Effect: 'Allow',
      Action: [denial.action],
      Resource: [denial.resource]
    }
  }
  const resources = [
    denial.resource,
    ...(ctx.profileArn !== undefined ? [ctx.profileArn] : []),
    ...(ctx.foundationModelArns ?? [])
  ]
  return invokeStatement(resources, invokeSidFor(ctx.modelId ?? denial.resource))
}

function destinationRegions(ctx: DiagnosisContext): string[] {
  return uniqueSorted((ctx.foundationModelArns ?? []).flatMap((arn) => regionOfArn(arn) ?? []))
}

/** The geographic prefix a user in `region` would pick instead of `global.`. */
function geographyFor(region: string): string | undefined {
  if (region.startsWith('us-gov-')) return 'us-gov'
  if (region.startsWith('us-')) return 'us'
  if (region.startsWith('eu-')) return 'eu'
  if (region.startsWith('ap-')) return 'apac'
  return undefined
}

function scpDenial(denial: Denial, ctx: DiagnosisContext): Finding {
  const region = regionOfArn(denial.resource) ?? ctx.region
  const destinations = destinationRegions(ctx)
  const routing =
    destinations.length > 1
      ? ` The inference profile routes to ${destinations.join(', ')}; every request Bedrock sends to ${region} fails.`
      : ''
  const geography = geographyFor(ctx.region)
  const usesGlobal =
    /[:/]global\./.test(ctx.profileArn ?? '') || (ctx.modelId ?? '').startsWith('global.')
  const profileAdvice = !usesGlobal
    ? `pick a model or \`aws-region\` whose inference profile routes only to regions the SCP allows (compare the profile's regions: \`aws bedrock get-inference-profile --region ${ctx.region} --inference-profile-identifier ${ctx.modelId ?? 'PROFILE_ID'}\`)`
    : geography !== undefined
      ? `set \`inference-profile-prefix: ${geography}\` (a geographic profile) instead of \`global\`, which routes to any commercial region`
      : 'pick a geographic profile (`inference-profile-prefix`) instead of `global`, which routes to any commercial region'
  return {
    cause: `A service control policy of your AWS Organization denies \`${denial.action}\` in ${region} (resource \`${denial.resource}\`${denial.policyArn !== undefined ? `, policy \`${denial.policyArn}\`` : ''}).${routing}`,
    fix: [
      `Ask the Organizations administrator to exempt \`bedrock:InvokeModel\` and \`bedrock:InvokeModelWithResponseStream\` in ${region} from the region-deny SCP (e.g. add them to the NotAction list of its deny statement).`,
      `Or use a profile whose destination regions are all allowed: ${profileAdvice}.`
    ].join('\n'),
    transient: false
  }
}

function explicitDeny(denial: Denial): Finding {
  return {
    cause: `An explicit Deny in ${/^[aeiou]/i.test(denial.policyType) ? 'an' : 'a'} ${denial.policyType}${denial.policyArn !== undefined ? ` (\`${denial.policyArn}\`)` : ''} blocks \`${denial.action}\` on \`${denial.resource}\` for ${principalLabel(denial.principal)}. A Deny overrides every Allow.`,
    fix: `Remove or narrow the Deny statement in that ${denial.policyType} so it no longer matches \`${denial.action}\` on \`${denial.resource}\` (use the IAM policy simulator or CloudTrail's denial context to find it).`,
    transient: false
  }
}

function missingAllow(denial: Denial, ctx: DiagnosisContext): Finding {
  const statement = statementFor(denial, ctx)
  const where: Record<string, string> = {
    'identity-based policy': `Add this policy (or its statement) to the permissions of ${principalLabel(denial.principal)}:`,
    'permissions boundary': `The permissions boundary of ${principalLabel(denial.principal)} must allow it too: add this statement to the boundary policy:`,
    'session policy':
      'The session policy passed when these credentials were created must allow it: add this statement there (or create the session without a session policy):',
    'service control policy':
      'An allow-list service control policy must allow it: ask the Organizations administrator to add this statement to the SCP:',
    'resource control policy':
      'A resource control policy must allow it: ask the Organizations administrator to add this statement to the RCP:'
  }
  return {
    cause: `${capitalised(principalLabel(denial.principal))} is not allowed \`${denial.action}\` on \`${denial.resource}\`: no ${denial.policyType} allows it.`,
    fix: [
      where[denial.policyType] ??
        `Add this statement to the ${denial.policyType} that governs the call:`,
      jsonBlock(policyDocument([statement])),
      ...(isInvoke(denial.action)
        ? [
            'A cross-region profile needs the profile ARN and the foundation-model ARN in every destination region.'
          ]
        : [])
    ].join('\n'),
    transient: false
  }
}

const REGIONLESS_MODEL_ARN = /^arn:aws[a-z-]*:bedrock:::foundation-model\/(.+)$/

/**
 * A `global.` profile denied on the region-less model ARN: Bedrock routed the request to a region
 * the identity policy or an SCP does not allow, and global routing is evaluated with
 * `aws:RequestedRegion` = `unspecified` (AWS: global cross-Region inference). Adding the profile
 * ARN does not help; the geographic profile of the same model, or allowing global routing, does.
 */
function globalRoutingDenied(denial: Denial, ctx: DiagnosisContext): Finding | undefined {
  const modelId = REGIONLESS_MODEL_ARN.exec(denial.resource)?.[1]
  if (modelId === undefined) return undefined
  const label =
    ctx.modelId !== undefined ? `\`${ctx.modelId}\`` : `the global profile of \`${modelId}\``
  const who =
    denial.kind === 'explicit-deny'
      ? `an explicit Deny in ${/^[aeiou]/i.test(denial.policyType) ? 'an' : 'a'} ${denial.policyType}${denial.policyArn !== undefined ? ` (\`${denial.policyArn}\`)` : ''}`
      : `no ${denial.policyType} allowing it`
  const geographic = ctx.geographicProfileId
  const prefix = geographic?.slice(0, geographic.indexOf('.'))
  const allow =
    denial.kind === 'explicit-deny'
      ? denial.policyType === 'service control policy'
        ? 'ask the Organizations administrator to let the SCP allow `aws:RequestedRegion` = `unspecified` for `bedrock:InvokeModel` and `bedrock:InvokeModelWithResponseStream`'
        : `narrow the Deny in that ${denial.policyType} so it no longer matches the region-less ARN`
      : `add the region-less ARN to the role's Allow:\n${jsonBlock(invokeStatement([denial.resource, ...(ctx.profileArn !== undefined ? [ctx.profileArn] : [])], 'InvokeClaudeGlobally'))}`
  return {
    cause: `${label} is a global inference profile: Bedrock routed the request outside the regions your policies allow. IAM evaluated \`${denial.action}\` on the region-less ARN \`${denial.resource}\` (global routing, \`aws:RequestedRegion\` = \`unspecified\`) and found ${who}.`,
    fix: [
      geographic !== undefined
        ? `Keep requests in this region's geography: set \`inference-profile-prefix: ${prefix}\` (for an alias) or the model to \`${geographic}\`, the geographic profile of the same model in ${ctx.region}.`
        : `${ctx.region} lists no geographic profile of \`${modelId}\`: choose a model or \`aws-region\` that has one, and set \`inference-profile-prefix\` to that geography.`,
      `Or, if requests may be processed in any commercial region, ${allow}`
    ].join('\n'),
    transient: false
  }
}

function isAccessDenied(info: AwsErrorInfo): boolean {
  return info.code === 'AccessDeniedException' || info.code === 'AccessDenied'
}

/** IAM / SCP denials of a Bedrock call, parsed from the exact resource IAM evaluated. */
export const iamDenied: Recognizer = (info, ctx) => {
  if (!isAccessDenied(info)) return undefined
  const denial = parseDenial(info.message)
  if (denial === undefined) return undefined
  const finding =
    globalRoutingDenied(denial, ctx) ??
    (denial.kind === 'explicit-deny'
      ? denial.policyType === 'service control policy'
        ? scpDenial(denial, ctx)
        : explicitDeny(denial)
      : missingAllow(denial, ctx))
  return isInvoke(denial.action) ? { ...finding, accessKind: 'role-denied' } : finding
}

/** Used when the denial names no resource: the check still knows what it was calling. */
export const genericDenied: Recognizer = (info, ctx) => {
  if (!isAccessDenied(info) || !/not authorized|access denied/i.test(info.message)) return undefined
  const resources = [
    ...(ctx.profileArn !== undefined ? [ctx.profileArn] : []),
    ...(ctx.foundationModelArns ?? [])
  ]
  const invoke =
    (ctx.operation === 'InvokeModel' || ctx.operation === 'InvokeModelWithResponseStream') &&
    resources.length > 0
  return {
    cause: `${ctx.operation} was denied in ${ctx.region}${ctx.principalArn !== undefined ? ` for \`${ctx.principalArn}\`` : ''}.`,
    fix: invoke
      ? [
          'Allow the model in the identity policy (a complete policy; its statement id is unique per model):',
          jsonBlock(
            policyDocument([invokeStatement(resources, invokeSidFor(ctx.modelId ?? 'Model'))])
          )
        ].join('\n')
      : `Allow \`bedrock:${ctx.operation}\` in the identity policy, and check no SCP or permissions boundary denies it. CloudTrail shows the denied request:\n${codeBlock('sh', `aws cloudtrail lookup-events --region ${ctx.region} --lookup-attributes AttributeKey=EventName,AttributeValue=${ctx.operation}`)}`,
    transient: false,
    ...(invoke ? { accessKind: 'role-denied' as const } : {})
  }
}
