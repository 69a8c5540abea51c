import type { ModelRef } from './modelRef.js'

/** The families Claude Code switches between (`/model`, subagents' `model:`, the Haiku slot). */
export const PINNED_FAMILIES = ['opus', 'sonnet', 'haiku'] as const
export type PinnedFamily = (typeof PINNED_FAMILIES)[number]

/** `main` and `small` come from inputs; a pinned family is resolved for `pin-families`. */
export type ModelRole = 'main' | 'small' | PinnedFamily

export type ResolvedModelType =
  'system-inference-profile' | 'application-inference-profile' | 'foundation-model'

export interface ModelLifecycle {
  readonly status: 'ACTIVE' | 'LEGACY'
  readonly legacyTime?: Date
  readonly endOfLifeTime?: Date
}

/** A model the user asked for, resolved against what Bedrock lists in `region`. */
export interface ResolvedModel {
  readonly role: ModelRole
  readonly ref: ModelRef
  readonly region: string
  /** What goes into ANTHROPIC_MODEL & co: the lookup id plus `[1m]` when it was asked for. */
  readonly exportId: string
  /** The id sent to Bedrock: a profile id, an application-profile ARN, or a base model id. */
  readonly invokeId: string
  /** ARN of the profile, or of the foundation model when invoked directly. */
  readonly arn: string
  readonly type: ResolvedModelType
  /** Lower-case family word: `sonnet`, `opus`, `haiku`, ... */
  readonly family: string
  /** The underlying foundation model id (base id, no prefix). */
  readonly foundationModelId: string
  /** One foundation-model ARN per destination region (a single one when invoked directly). */
  readonly foundationModelArns: readonly string[]
  readonly destinationRegions: readonly string[]
  readonly lifecycle: ModelLifecycle
  /** When an alias skipped newer candidates this role cannot use: why (shown to the user). */
  readonly fallbackNote?: string
}
