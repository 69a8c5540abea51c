import {
  accessNotGrantedStory,
  marketplaceStory,
  notAvailableForAccountStory,
  useCaseStory,
  type AccessStory,
  type StorySubject
} from './modelAccessStories.js'
import { codeBlock, modelLabel } from './recognizer.js'
import type { Finding, Recognizer } from './recognizer.js'
import type { DiagnosisContext } from './types.js'

/** The commands that show what this region really offers: the answer to every "which id?" question. */
function listCommands(ctx: DiagnosisContext): string {
  return codeBlock(
    'sh',
    [
      `aws bedrock list-inference-profiles --region ${ctx.region} --query "inferenceProfileSummaries[?contains(inferenceProfileId, 'anthropic')].inferenceProfileId"`,
      `aws bedrock list-foundation-models --region ${ctx.region} --by-provider anthropic --query "modelSummaries[].[modelId,modelLifecycle.status]"`
    ].join('\n')
  )
}

const MOVE_TO_NEWER =
  'Move to a newer model: set `model` (or `small-fast-model`) to a family alias (`sonnet`, `opus`, `haiku`) so the action picks the newest ACTIVE version, or to an ACTIVE id from:'

/** The subject of a model-call error, named by its foundation-model id as the account-level APIs take it. */
function storySubject(ctx: DiagnosisContext): StorySubject {
  const fromArn = ctx.foundationModelArns?.[0]?.split('foundation-model/')[1]
  const fromId = (ctx.modelId ?? 'MODEL_ID').replace(/^(us|eu|apac|jp|au|us-gov|global)\./, '')
  return { foundationModelId: fromArn ?? fromId, region: ctx.region }
}

function fromStory(story: AccessStory): Finding {
  return { cause: story.cause, fix: story.fix, transient: false, accessKind: story.kind }
}

const marketplace: Recognizer = (info, ctx) => {
  if (!/AccessDenied/.test(info.code) || !/marketplace/i.test(info.message)) return undefined
  return fromStory(marketplaceStory(storySubject(ctx)))
}

/** Bedrock words it two ways: "use case details have not been submitted", "required use-case form". */
const useCaseMissing: Recognizer = (info, ctx) => {
  if (!/use case details|use-case form/i.test(info.message)) return undefined
  return fromStory(useCaseStory(storySubject(ctx)))
}

const noModelAccess: Recognizer = (info, ctx) => {
  if (!/AccessDenied/.test(info.code) || !/don.t have access to the model/i.test(info.message))
    return undefined
  return fromStory(accessNotGrantedStory(storySubject(ctx)))
}

/** Seen for newer models on accounts Bedrock has not enabled them for, whatever the availability record says. */
const notAvailableForAccount: Recognizer = (info, ctx) => {
  if (!/is not available for this account/i.test(info.message)) return undefined
  return fromStory(notAvailableForAccountStory(storySubject(ctx)))
}

const legacyOrEndOfLife: Recognizer = (info, ctx) => {
  const legacy = /marked by provider as Legacy/i.test(info.message)
  const endOfLife = /end of (its )?life/i.test(info.message)
  if (!legacy && !endOfLife) return undefined
  return {
    cause: endOfLife
      ? `${modelLabel(ctx)} has reached its end of life on Bedrock and can no longer be invoked.`
      : `${modelLabel(ctx)} is marked Legacy by its provider and this account has not used it in the last 30 days, so Bedrock refuses it.`,
    fix: [MOVE_TO_NEWER, listCommands(ctx)].join('\n'),
    transient: false,
    // Whatever the availability record says, this account cannot call the model.
    accessKind: endOfLife ? 'end-of-life' : 'legacy-not-used'
  }
}

const onDemandUnsupported: Recognizer = (info, ctx) => {
  if (!/^Validation/.test(info.code) || !/on-demand throughput/i.test(info.message))
    return undefined
  const profile = ctx.suggestedProfileId
  return {
    cause: `${modelLabel(ctx)} is a base model id, but this model has no on-demand throughput: Bedrock serves it only through an inference profile.`,
    fix:
      profile !== undefined
        ? `Use the inference profile id instead: \`model: ${profile}\` (or a family alias such as \`sonnet\`, which the action resolves to a profile).`
        : [
            'Use an inference profile id (geography prefix + base id, e.g. `us.…`) or a family alias such as `sonnet`. The profiles offered here:',
            listCommands(ctx)
          ].join('\n'),
    transient: false
  }
}

const MODEL_OPERATIONS: readonly DiagnosisContext['operation'][] = [
  'GetFoundationModel',
  'GetFoundationModelAvailability',
  'GetInferenceProfile',
  'InvokeModel',
  'InvokeModelWithResponseStream'
]

const unknownModel: Recognizer = (info, ctx) => {
  const invalidId =
    /^Validation/.test(info.code) &&
    /model identifier is invalid|invalid model identifier|(model|inference profile)\b.*\b(not found|does not exist)/i.test(
      info.message
    )
  const notFound =
    info.code === 'ResourceNotFoundException' && MODEL_OPERATIONS.includes(ctx.operation)
  if (!invalidId && !notFound) return undefined
  return {
    cause: `Bedrock in ${ctx.region} (partition \`${ctx.partition}\`) does not offer ${modelLabel(ctx)}: a typo, a profile prefix for another geography (e.g. \`eu.\` called from a \`us-\` region), or a model not available in this region or partition.`,
    fix: [
      'Use an id Bedrock lists here (or a family alias such as `sonnet`), or set `aws-region` to a region that offers the model:',
      listCommands(ctx)
    ].join('\n'),
    transient: false
  }
}

/** Order matters: the use-case and end-of-life messages come as ResourceNotFound too. */
export const modelRecognizers: readonly Recognizer[] = [
  marketplace,
  useCaseMissing,
  noModelAccess,
  notAvailableForAccount,
  legacyOrEndOfLife,
  onDemandUnsupported,
  unknownModel
]
