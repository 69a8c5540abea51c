/** An IAM identity-based policy, shaped exactly as IAM's JSON grammar wants it. */
export interface IamStatement {
  readonly Sid: string
  readonly Effect: 'Allow'
  readonly Action: readonly string[]
  /** `*` for actions without resource-level permissions, else exact ARNs. */
  readonly Resource: '*' | readonly string[]
  readonly Condition?: Readonly<
    Record<string, Readonly<Record<string, string | readonly string[]>>>
  >
}

export interface IamPolicyDocument {
  readonly Version: '2012-10-17'
  readonly Statement: readonly IamStatement[]
}
