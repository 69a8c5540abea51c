/**
 * What an error says, for a sentence: its message; else (an `Error('')`, an aborted request, a
 * thrown value that is not an Error) its name and code, so a failure never reads as a blank.
 *
 * @returns one line, never empty
 */
export function errorText(error: unknown): string {
  if (error instanceof Error || (typeof error === 'object' && error !== null)) {
    const fields = error as { message?: unknown; name?: unknown; code?: unknown }
    const message = typeof fields.message === 'string' ? oneLine(fields.message) : ''
    if (message !== '') return message
    const name = typeof fields.name === 'string' && fields.name !== '' ? fields.name : 'an error'
    const code = typeof fields.code === 'string' && fields.code !== '' ? ` ${fields.code}` : ''
    return `${name}${code} without a message`
  }
  const text = oneLine(String(error))
  return text === '' || error === undefined ? `${typeof error} thrown without a message` : text
}

function oneLine(text: string): string {
  return text.replace(/\s+/g, ' ').trim()
}
