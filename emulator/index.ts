// The local AWS + GitHub emulator: GitHub's OIDC token endpoint and REST API, STS, the Bedrock
// control plane and runtime on one 127.0.0.1 port, speaking HTTP/1.1 and h2c. See emulator/README.md.
import { Dispatcher, type RecordedRequest } from './dispatcher.ts'
import { GITHUB_API_PREFIX } from './github.ts'
import type { InvocationLog } from './invocationLog.ts'
import { signIdToken, type TokenSpec } from './oidc.ts'
import { loadScenario, type Scenario } from './scenario.ts'
import { listen } from './transport.ts'

export type { RecordedRequest } from './dispatcher.ts'
export type { InvocationLog, InvocationRecord } from './invocationLog.ts'
export type { FaultSpec, GitHubSpec, Scenario } from './scenario.ts'
export type { TokenSpec } from './oidc.ts'
export { listScenarios, loadScenario } from './scenario.ts'

export interface Emulator {
  /** http://127.0.0.1:PORT */
  readonly url: string
  /** Every request, in arrival order (entries fill in as answers go out). */
  readonly requests: RecordedRequest[]
  /** What Claude Code's tools returned, as it sent the results back to the model (scenario.toolCalls). */
  readonly toolResults: string[]
  /**
   * Bedrock model invocation logging: `records` is what the account's log group holds (one
   * ModelInvocationLog record per runtime call, in Bedrock's delivered shape), `entries` every
   * call answered (CloudWatch metrics count them all).
   */
  readonly invocationLog: InvocationLog
  /** Every secret it issued or accepts: keys, session tokens, OIDC tokens, request token, API keys. */
  readonly issuedSecrets: () => string[]
  /**
   * What a GitHub runner (with id-token: write) plus endpoint overrides would have in its env: the
   * OIDC request variables, the REST API's URL, the scenario's actors, and the `github-token`
   * input's default (the job's token) as the runner sets it.
   */
  runnerEnv(): Record<string, string>
  /**
   * A self-hosted runner without GitHub OIDC: `runnerEnv()` without the OIDC request variables, plus
   * what points the SDK's default chain at the scenario's instance profile (IMDSv2) or container
   * credentials endpoint.
   */
  selfHostedEnv(source: 'instance-metadata' | 'container'): Record<string, string>
  /** A signed OIDC token of any issuer (for web-identity token files); STS checks it like GitHub's. */
  mintIdToken(spec: TokenSpec): string
  /** Swap behaviour between runs; resets fault counters. Issued credentials stay valid. */
  setScenario(scenario: Scenario): void
  clearRequests(): void
  /** Stops listening and destroys every connection, hung ones included. */
  close(): Promise<void>
  /** Called after each request is answered (or dropped). */
  onRequest?: (record: RecordedRequest) => void
}

export async function startEmulator(
  options: { scenario?: Scenario | string; port?: number } = {}
): Promise<Emulator> {
  const scenario =
    typeof options.scenario === 'object'
      ? structuredClone(options.scenario)
      : loadScenario(options.scenario ?? 'default')
  const dispatcher = new Dispatcher(scenario)
  const listener = await listen(options.port ?? 0, dispatcher.handle)
  const url = `http://127.0.0.1:${listener.port}`

  const emulator: Emulator = {
    url,
    requests: dispatcher.requests,
    toolResults: dispatcher.toolResults,
    invocationLog: dispatcher.invocationLog,
    issuedSecrets: () => dispatcher.issuedSecrets(),
    runnerEnv: () => ({
      ACTIONS_ID_TOKEN_REQUEST_URL: `${url}/oidc/token?api-version=2.0`,
      ACTIONS_ID_TOKEN_REQUEST_TOKEN: dispatcher.requestToken,
      GITHUB_API_URL: `${url}${GITHUB_API_PREFIX}`,
      GITHUB_REPOSITORY: dispatcher.scenario.github.repository,
      GITHUB_ACTOR: dispatcher.scenario.github.actor,
      GITHUB_TRIGGERING_ACTOR:
        dispatcher.scenario.github.triggeringActor ?? dispatcher.scenario.github.actor,
      'INPUT_GITHUB-TOKEN': dispatcher.scenario.github.token,
      AWS_ENDPOINT_URL_STS: url,
      AWS_ENDPOINT_URL_BEDROCK: url,
      AWS_ENDPOINT_URL_BEDROCK_RUNTIME: url,
      AWS_ENDPOINT_URL_CLOUDWATCH_LOGS: url,
      AWS_ENDPOINT_URL_CLOUDWATCH: url,
      AWS_ENDPOINT_URL_SERVICE_QUOTAS: url,
      AWS_ENDPOINT_URL_PRICING: url
    }),
    selfHostedEnv: (source) => {
      // Everything a runner has (GitHub's API, the endpoint overrides) but the OIDC request variables.
      const runner: Record<string, string> = emulator.runnerEnv()
      delete runner.ACTIONS_ID_TOKEN_REQUEST_URL
      delete runner.ACTIONS_ID_TOKEN_REQUEST_TOKEN
      if (source === 'instance-metadata') {
        return {
          ...runner,
          AWS_EC2_METADATA_DISABLED: 'false',
          AWS_EC2_METADATA_SERVICE_ENDPOINT: url
        }
      }
      return {
        ...runner,
        AWS_CONTAINER_CREDENTIALS_FULL_URI: `${url}/container-credentials/v1/credentials`,
        AWS_CONTAINER_AUTHORIZATION_TOKEN:
          dispatcher.scenario.containerCredentials?.authorizationToken ?? ''
      }
    },
    mintIdToken: (spec) => {
      const token = signIdToken(dispatcher.key, spec)
      dispatcher.rememberSecret(token)
      return token
    },
    setScenario: (next) => dispatcher.setScenario(structuredClone(next)),
    clearRequests: () => {
      dispatcher.requests.length = 0
      dispatcher.toolResults.length = 0
    },
    close: async () => {
      dispatcher.close()
      await listener.close()
    }
  }
  dispatcher.onRequest = (record) => emulator.onRequest?.(record)
  return emulator
}
