import { proxySecrets } from '../aws/proxy.js'
import { MaskQueue } from '../masking/maskQueue.js'
import type { Config } from './config.js'
import { InputError } from './inputError.js'
import { readConfig } from './readConfig.js'
import { runnerInput } from './runnerInput.js'

export interface ActionInputs {
  readonly config: Config
  /** The secrets found so far, queued for masking until @actions/core is loaded. */
  readonly masks: MaskQueue
}

/**
 * Reads and validates the step's inputs. Secrets among them (the Bedrock API key, the GitHub
 * token, proxy credentials) are queued for masking before anything can print, validation messages included.
 *
 * @param getInput  the raw value of a named input; the runner's INPUT_* variables by default.
 * @returns the inputs, or `undefined` when one is invalid: the problems (each naming the input
 *   and the accepted form) are then reported before any network call, in the log, the `passed`
 *   and `report` outputs and the job summary; the step fails unless `fail-on-error` is false.
 * @throws anything that is not an InputError (a bug of ours), after the masks are issued.
 */
export async function readActionInputs(
  env: NodeJS.ProcessEnv,
  getInput: (name: string) => string = runnerInput(env)
): Promise<ActionInputs | undefined> {
  const masks = new MaskQueue()
  masks.add(getInput('bedrock-api-key'))
  masks.add(getInput('github-token'))
  for (const secret of proxySecrets(env)) masks.add(secret)
  try {
    const config = readConfig(getInput, env)
    // A long-term key names its account: masked before anything can print it, when asked.
    if (config.maskAwsAccountId && config.bedrockApiKeyForm?.kind === 'long-term') {
      masks.add(config.bedrockApiKeyForm.accountId)
    }
    return { config, masks }
  } catch (error) {
    const core = await import('@actions/core')
    masks.connect(core.setSecret)
    if (!(error instanceof InputError)) throw error
    const { publishInputError } = await import('../report/publishInputError.js')
    await publishInputError(error, getInput, env)
    return undefined
  }
}
