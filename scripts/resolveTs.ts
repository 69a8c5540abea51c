// Lets the project's scripts import src/ directly under Node's type stripping: src/ spells its
// relative imports the NodeNext way (`./x.js`), which on disk is `./x.ts`.
// Used as `node --import ./scripts/resolveTs.ts scripts/<script>.ts`.
import { registerHooks } from 'node:module'

registerHooks({
  resolve(specifier, context, nextResolve) {
    try {
      return nextResolve(specifier, context)
    } catch (error) {
      if (/^\.{1,2}\//.test(specifier) && specifier.endsWith('.js')) {
        return nextResolve(`${specifier.slice(0, -3)}.ts`, context)
      }
      throw error
    }
  }
})
