/**
 * Secrets to mask, collected before @actions/core is loaded (the inputs are read and the OIDC
 * token requested first, while it loads) and handed to it the moment it is. Nothing can print
 * before then, because every line of output goes through @actions/core, so no secret is ever
 * printed unmasked.
 */
export class MaskQueue {
  private pending: string[] = []
  private mask: ((secret: string) => void) | undefined

  /** Masks `secret` now if @actions/core is connected, else as soon as it is. */
  readonly add = (secret: string): void => {
    if (secret === '') return
    if (this.mask !== undefined) this.mask(secret)
    else this.pending.push(secret)
  }

  /** Issues every pending mask, in order, and every later one at once. */
  connect(mask: (secret: string) => void): void {
    this.mask = mask
    const pending = this.pending
    this.pending = []
    for (const secret of pending) mask(secret)
  }
}
