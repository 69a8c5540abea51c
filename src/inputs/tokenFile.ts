import { readFileSync } from 'node:fs'
import { jwtShapeProblem } from '../credentials/tokenClaims.js'
import { invalidValue } from './valueMessage.js'

/**
 * `web-identity-token-file`: the file must be readable and hold a JWT now, checked locally before
 * any network call (STS answers a non-token with InvalidIdentityToken, the same code as an
 * untrusted token, which sent users to their trust policy). The content is never shown nor masked:
 * it is not a token, and masking a short value would blank that word across the job's log. The
 * credential step reads the file again (issuers rotate it in place) and checks it the same way.
 *
 * @param path the input's value, a file path
 * @param accepted the input's accepted form, for the message
 * @throws InputError naming the input when the file cannot be read, is empty or holds no JWT
 */
export function parseTokenFile(input: string, path: string, accepted: string): string {
  let content: string
  try {
    content = readFileSync(path, 'utf8').trim()
  } catch (error) {
    const reason = (error as NodeJS.ErrnoException).code ?? String(error)
    throw invalidValue(input, accepted, path, `the file cannot be read (${reason})`)
  }
  if (content === '') throw invalidValue(input, accepted, path, 'the file is empty')
  const problem = jwtShapeProblem(content)
  if (problem !== undefined) {
    throw invalidValue(input, accepted, path, `the file does not hold a JWT: ${problem}`)
  }
  return path
}
