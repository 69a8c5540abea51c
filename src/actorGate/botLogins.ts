import { invalidValue } from '../inputs/valueMessage.js'

/** GitHub Apps act as `<app-slug>[bot]` (github-actions[bot], dependabot[bot], renovate[bot]). */
export function isBotLogin(login: string): boolean {
  return /\[bot\]$/i.test(login)
}

const BOT_LOGIN = /^[A-Za-z0-9](?:[A-Za-z0-9-]{0,98}[A-Za-z0-9])?\[bot\]$/

export const ALLOWED_BOTS_FORM =
  'comma-separated bot logins, each ending in [bot] (e.g. dependabot[bot], renovate[bot])'

/**
 * `allowed-bots`, lower-cased (GitHub logins are case-insensitive). A name without `[bot]` is
 * refused rather than guessed at: `dependabot` could be a person's login.
 */
export function parseAllowedBots(input: string, value: string | undefined): readonly string[] {
  if (value === undefined) return []
  const logins = value
    .split(',')
    .map((item) => item.trim())
    .filter((item) => item !== '')
  const bad = logins.filter((login) => !BOT_LOGIN.test(login))
  if (bad.length > 0) {
    const why = `not a bot login: ${bad.map((login) => JSON.stringify(login.slice(0, 60))).join(', ')}`
    throw invalidValue(input, ALLOWED_BOTS_FORM, value, why)
  }
  return [...new Set(logins.map((login) => login.toLowerCase()))]
}
