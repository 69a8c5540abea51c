import type { ModelRole } from '../models/resolvedModel.js'

/** Stable ids and human titles of the model checks, in one place so the report stays consistent. */

function roleLabel(role: ModelRole): string {
  return role === 'main' ? 'Main model' : 'Small model'
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
  modelAccess: (role: ModelRole) => ({
    id: `model-access:${role}`,
    title: `${roleLabel(role)} access`
  }),
  modelInvoke: (role: ModelRole) => ({
    id: `model-invoke:${role}`,
    title: `${roleLabel(role)} answers (1-token call)`
  })
} as const
