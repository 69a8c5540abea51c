import type { ModelRole, PinnedFamily } from '../models/resolvedModel.js'

/** Stable ids and human titles of the model checks, in one place so the report stays consistent. */

function roleLabel(role: ModelRole): string {
  if (role === 'main') return 'Main model'
  if (role === 'small') return 'Small model'
  return `${role.charAt(0).toUpperCase()}${role.slice(1)} family`
}

export const checkNames = {
  bedrockReachable: (region: string) => ({
    id: `bedrock-reachable:${region}`,
    title: `Bedrock reachable in ${region}`
  }),
  modelResolves: (role: ModelRole) => ({
    id: `model-resolves:${role}`,
    title: `${roleLabel(role)} resolves`
  }),
  modelFallback: (role: ModelRole) => ({
    id: `model-fallback:${role}`,
    title: `${roleLabel(role)} uses an older version`
  }),
  /** The same version through another profile (e.g. `us.` after a denied `global.`): never "older". */
  modelProfileFallback: (role: ModelRole, prefix: string | undefined) => ({
    id: `model-fallback:${role}`,
    title:
      prefix === undefined
        ? `${roleLabel(role)} uses the same version on demand`
        : `${roleLabel(role)} uses the \`${prefix}.\` profile of the same version`
  }),
  outputLimit: (role: ModelRole) => ({
    id: `output-limit:${role}`,
    title: `${roleLabel(role)} output limit`
  }),
  modelAccess: (role: ModelRole) => ({
    id: `model-access:${role}`,
    title: `${roleLabel(role)} access`
  }),
  modelInvoke: (role: ModelRole) => ({
    id: `model-invoke:${role}`,
    title: `${roleLabel(role)} answers (InvokeModel + stream, 1 token)`
  }),
  modelGeography: (role: ModelRole) => ({
    id: `model-geography:${role}`,
    title: `${roleLabel(role)} stays in the region's geography`
  }),
  familyPinned: (family: PinnedFamily) => ({
    id: `model-family:${family}`,
    title: `${roleLabel(family)} pinned (subagents, /model)`
  })
} as const
