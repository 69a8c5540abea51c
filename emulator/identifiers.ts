// Random and derived identifiers in the shapes AWS uses.
import { createHash, randomBytes, randomInt, randomUUID } from 'node:crypto'

const UPPER_ALNUM = 'ABCDEFGHIJKLMNOPQRSTUVWXYZ234567'
const SECRET_CHARS = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/'

function randomString(alphabet: string, length: number): string {
  let text = ''
  for (let i = 0; i < length; i++) text += alphabet[randomInt(alphabet.length)]
  return text
}

export const requestId = (): string => randomUUID()

/** Temporary credentials' key id: ASIA + 16 characters. */
export const temporaryAccessKeyId = (): string => `ASIA${randomString(UPPER_ALNUM, 16)}`

export const secretAccessKey = (): string => randomString(SECRET_CHARS, 40)

/** Session tokens are long opaque base64; real ones start with the same IQoJb3JpZ2luX2Vj prefix. */
export const sessionToken = (): string => `IQoJb3JpZ2luX2Vj${randomBytes(300).toString('base64')}`

/** A role's unique id (AROA...), stable for a role name so GetCallerIdentity is repeatable. */
export function roleId(account: string, roleName: string): string {
  const digest = createHash('sha256').update(`${account}/${roleName}`).digest()
  let id = 'AROA'
  for (let i = 0; i < 17; i++) id += UPPER_ALNUM[(digest[i] ?? 0) % UPPER_ALNUM.length]
  return id
}

export const opaqueId = (bytes: number): string => randomBytes(bytes).toString('base64url')
