/**
 * What the user asked for in `model` / `small-fast-model`, classified before any network call.
 * `oneMillionContext` records a trailing `[1m]`: kept on export, ignored for every lookup.
 */
export type ModelRef =
  | { readonly kind: 'alias'; readonly raw: string; readonly family: string; readonly oneMillionContext: boolean }
  | { readonly kind: 'base-model-id'; readonly raw: string; readonly modelId: string; readonly oneMillionContext: boolean }
  | {
      readonly kind: 'inference-profile-id'
      readonly raw: string
      readonly profileId: string
      readonly prefix: string
      readonly baseModelId: string
      readonly oneMillionContext: boolean
    }
  | {
      readonly kind: 'inference-profile-arn'
      readonly raw: string
      readonly arn: string
      readonly region: string
      readonly accountId: string
      readonly profileId: string
      readonly oneMillionContext: boolean
    }
  | {
      readonly kind: 'application-inference-profile-arn'
      readonly raw: string
      readonly arn: string
      readonly region: string
      readonly accountId: string
      readonly oneMillionContext: boolean
    }
  | {
      readonly kind: 'foundation-model-arn'
      readonly raw: string
      readonly arn: string
      readonly region: string
      readonly modelId: string
      readonly oneMillionContext: boolean
    }
