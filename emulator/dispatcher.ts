// The request pipeline shared by both protocols: read, classify, record, apply faults, answer.
import { authenticate, claimedAuth, type AuthScheme } from './auth.ts'
import { awsJsonErrorReply, jsonTarget, parseJsonBody, type JsonService } from './awsJson.ts'
import { handleCloudWatchLogs } from './cloudWatchLogs.ts'
import { handleCloudWatchMetrics } from './cloudWatchMetrics.ts'
import { InvocationLog, requestMetadataOf } from './invocationLog.ts'
import { handleLoggingConfiguration } from './loggingConfig.ts'
import type { ObservabilityCall } from './observabilityCall.ts'
import { handlePriceList } from './priceList.ts'
import { PromptCache } from './promptCache.ts'
import { handleServiceQuotas } from './serviceQuotas.ts'
import type { BedrockCall } from './bedrockCall.ts'
import { handleControlPlane, type ControlPlaneOperation } from './controlPlane.ts'
import { CredentialStore, principalPolicy } from './credentials.ts'
import {
  awsError,
  errorReply,
  jsonErrorReply,
  serverError,
  throttlingError,
  type AwsError,
  type ErrorStyle
} from './errors.ts'
import { exceptionEvent, firstEventMessage } from './eventStream.ts'
import { FaultTable } from './faults.ts'
import { githubErrorReply, githubServerError, handleGitHub, rateLimitError } from './github.ts'
import { RateLimiter } from './rateLimits.ts'
import * as ids from './identifiers.ts'
import { createSigningKey, handleTokenRequest, jwks } from './oidc.ts'
import { jsonReply, type Reply } from './reply.ts'
import { classify, stsParams, UNKNOWN_OPERATION, type Route, type Service } from './routes.ts'
import { handleRuntime, type RuntimeOperation } from './runtime.ts'
import type { FaultSpec, Scenario } from './scenario.ts'
import type { SignedRequest } from './sigv4.ts'
import { RunnerCredentialService } from './runnerCredentials.ts'
import { handleSts } from './sts.ts'
import {
  connectionOpenedAt,
  destroyConnection,
  writerOf,
  type AnyRequest,
  type AnyResponse
} from './transport.ts'

export interface RecordedRequest {
  /** ms since the emulator started. */
  at: number
  service: Service
  operation: string
  method: string
  path: string
  query: Record<string, string>
  /** SigV4 credential-scope region. */
  region?: string
  accessKeyId?: string
  auth: AuthScheme
  /** 0 while unanswered, and for hang/drop faults. */
  status: number
  errorCode?: string
  /** The fault applied, if any (a terminal fault wins over 'latency'). */
  fault?: FaultSpec['kind']
  /** Throttled by the scenario's `rateLimits` (recorded with fault 'throttle'). */
  rateLimited?: true
  durationMs: number
  httpVersion: '1.1' | '2.0'
  startedAt: number
  endedAt: number
  /** When the connection it came on was accepted (epoch ms, like startedAt). */
  connectionOpenedAt: number
}

const CONTROL_PLANE = new Set<string>([
  'ListFoundationModels',
  'GetFoundationModel',
  'GetFoundationModelAvailability',
  'GetUseCaseForModelAccess',
  'ListInferenceProfiles',
  'GetInferenceProfile'
])

const styleOf = (service: Service): ErrorStyle => (service === 'sts' ? 'query' : 'json')

/** Served on the runner's host or link-local address, not across the network. */
const LOCAL_SERVICES = new Set<Service>(['imds', 'container'])

const JSON_HANDLERS: Record<
  JsonService,
  (operation: string, call: ObservabilityCall) => Reply | AwsError
> = {
  logs: handleCloudWatchLogs,
  monitoring: handleCloudWatchMetrics,
  servicequotas: handleServiceQuotas,
  pricing: handlePriceList
}

const isJsonService = (service: Service): service is JsonService => service in JSON_HANDLERS

/** Runtime answers that never reached a model: Bedrock logs no invocation for them. */
const NOT_INVOKED = new Set([
  'AccessDeniedException',
  'UnrecognizedClientException',
  'InvalidSignatureException',
  'ExpiredTokenException',
  'MissingAuthenticationTokenException',
  'UnknownOperationException'
])

/** Services that are not AWS APIs: a fault answers them with plain JSON, as the OIDC endpoint. */
const NOT_AWS = new Set<Service>(['oidc', 'imds', 'container'])

/** The error a fault answers with: the kind's usual error, then the fault's own overrides. */
function faultError(fault: FaultSpec, style: ErrorStyle): AwsError | undefined {
  const base =
    fault.kind === 'throttle'
      ? throttlingError(style)
      : fault.kind === 'status'
        ? serverError(style, fault.status ?? 503)
        : fault.kind === 'error'
          ? awsError(400, 'ValidationException', 'Injected error')
          : undefined
  if (!base) return undefined
  return {
    status: fault.status ?? base.status,
    code: fault.code ?? base.code,
    message: fault.message ?? base.message,
    ...(fault.retryAfterSeconds === undefined ? {} : { retryAfterSeconds: fault.retryAfterSeconds })
  }
}

/**
 * The streamed answer with the fault's error delivered inside the stream: the first event
 * (`message_start`) and then the exception event, the way Bedrock reports errors met while
 * streaming. An answer that is already an HTTP error stays one (that failure comes first).
 */
function inStreamFaultReply(fault: FaultSpec, reply: Reply): Reply {
  const error = faultError(fault, 'json')
  if (!error || reply.status !== 200) return reply
  const fields: Record<string, unknown> = { message: error.message }
  if (error.code === 'ModelStreamErrorException') {
    fields['originalStatusCode'] = fault.status ?? 500
    fields['originalMessage'] = error.message
  }
  const body = Buffer.concat([firstEventMessage(reply.body), exceptionEvent(error.code, fields)])
  return { ...reply, body, errorCode: error.code }
}

/** GitHub's own forms: a spent rate limit for `throttle`, its 5xx, or the fault's status and message. */
function githubFaultReply(fault: FaultSpec): Reply | undefined {
  if (fault.kind === 'throttle')
    return githubErrorReply(rateLimitError(fault.retryAfterSeconds ?? 3600))
  if (fault.kind === 'status') return githubErrorReply(githubServerError(fault.status ?? 503))
  if (fault.kind !== 'error') return undefined
  return githubErrorReply({
    status: fault.status ?? 422,
    message: fault.message ?? 'Injected error'
  })
}

function faultReply(fault: FaultSpec, service: Service, requestId: string): Reply | undefined {
  if (fault.inStream) return undefined
  if (service === 'github') return githubFaultReply(fault)
  const style = styleOf(service)
  const error = faultError(fault, style)
  if (!error) return undefined
  if (!NOT_AWS.has(service)) return errorReply(style, error, requestId)
  const reply = jsonReply(error.status, { message: error.message }, retryAfter(error))
  return { ...reply, errorCode: error.code }
}

const retryAfter = (error: AwsError): Record<string, string> =>
  error.retryAfterSeconds === undefined ? {} : { 'retry-after': String(error.retryAfterSeconds) }

/** Half the body: never parses as XML, JSON or an event stream. */
function corrupt(body: Buffer): Buffer {
  const half = body.subarray(0, Math.max(1, Math.floor(body.length / 2)))
  return Buffer.concat([half, Buffer.from('<\u0000{')])
}

async function readBody(request: AnyRequest): Promise<Buffer> {
  const chunks: Buffer[] = []
  for await (const chunk of request) chunks.push(chunk as Buffer)
  return Buffer.concat(chunks)
}

export class Dispatcher {
  scenario: Scenario
  readonly requests: RecordedRequest[] = []
  /** Tool results Claude Code sent back to the model, in arrival order (scripted tool calls). */
  readonly toolResults: string[] = []
  /** Model invocation logging: every runtime call answered (see invocationLog.ts). */
  readonly invocationLog = new InvocationLog()
  readonly promptCache = new PromptCache()
  readonly store = new CredentialStore()
  readonly key = createSigningKey()
  requestToken: string
  onRequest?: (record: RecordedRequest) => void
  private readonly secrets = new Set<string>()
  private readonly runnerCredentials = new RunnerCredentialService(this.store, (secret) =>
    this.secrets.add(secret)
  )
  private readonly faults: FaultTable
  private readonly rateLimits: RateLimiter
  private readonly startedAt = Date.now()
  private readonly timers = new Set<NodeJS.Timeout>()
  private closed = false

  constructor(scenario: Scenario) {
    this.scenario = scenario
    this.faults = new FaultTable(scenario.faults)
    this.rateLimits = new RateLimiter(scenario.rateLimits)
    this.requestToken = scenario.oidc.requestToken ?? ids.opaqueId(32)
    this.rememberScenarioSecrets()
  }

  setScenario(scenario: Scenario): void {
    this.scenario = scenario
    this.faults.reset(scenario.faults)
    this.rateLimits.reset(scenario.rateLimits ?? [])
    if (scenario.oidc.requestToken) this.requestToken = scenario.oidc.requestToken
    this.rememberScenarioSecrets()
  }

  rememberSecret(secret: string): void {
    this.secrets.add(secret)
  }

  issuedSecrets(): string[] {
    return [...this.secrets]
  }

  close(): void {
    this.closed = true
    for (const timer of this.timers) clearTimeout(timer)
    this.timers.clear()
  }

  private rememberScenarioSecrets(): void {
    this.secrets.add(this.requestToken)
    this.secrets.add(this.scenario.github.token)
    for (const key of this.scenario.apiKeys) this.secrets.add(key.key)
    const container = this.scenario.containerCredentials?.authorizationToken
    if (container) this.secrets.add(container)
    for (const credential of this.scenario.environmentCredentials) {
      this.secrets.add(credential.accessKeyId)
      this.secrets.add(credential.secretAccessKey)
      if (credential.sessionToken) this.secrets.add(credential.sessionToken)
    }
  }

  private sleep(ms: number): Promise<void> {
    return new Promise((resolve) => {
      const timer = setTimeout(() => {
        this.timers.delete(timer)
        resolve()
      }, ms)
      this.timers.add(timer)
    })
  }

  readonly handle = (request: AnyRequest, response: AnyResponse): void => {
    this.process(request, response).catch(() => {
      if (!response.headersSent && !this.closed) {
        const reply = jsonErrorReply(
          awsError(500, 'InternalFailure', 'The emulator failed to handle the request'),
          ids.requestId()
        )
        writerOf(response).writeHead(reply.status, reply.headers)
        writerOf(response).end(reply.body)
      }
    })
  }

  private async process(request: AnyRequest, response: AnyResponse): Promise<void> {
    const startedAt = Date.now()
    const body = await readBody(request)
    const url = request.url ?? '/'
    const queryStart = url.indexOf('?')
    const rawPath = queryStart < 0 ? url : url.slice(0, queryStart)
    const rawQuery = queryStart < 0 ? '' : url.slice(queryStart + 1)
    const query = new URLSearchParams(rawQuery)
    const method = request.method ?? 'GET'
    const target =
      method === 'POST' && rawPath === '/' ? jsonTarget(request.headers['x-amz-target']) : undefined
    const route: Route = target ?? classify(method, rawPath, query, body)
    const claim = claimedAuth(request.headers)
    const record: RecordedRequest = {
      at: startedAt - this.startedAt,
      service: route.service,
      operation: route.operation,
      method,
      path: rawPath,
      query: Object.fromEntries(query),
      ...(claim.region === undefined ? {} : { region: claim.region }),
      ...(claim.accessKeyId === undefined ? {} : { accessKeyId: claim.accessKeyId }),
      auth: claim.scheme,
      status: 0,
      durationMs: 0,
      httpVersion: request.httpVersion === '2.0' ? '2.0' : '1.1',
      startedAt,
      endedAt: startedAt,
      connectionOpenedAt: connectionOpenedAt(request) ?? startedAt
    }
    this.requests.push(record)
    const finish = (status: number, errorCode?: string): void => {
      record.status = status
      if (errorCode) record.errorCode = errorCode
      record.endedAt = Date.now()
      record.durationMs = record.endedAt - startedAt
      this.onRequest?.(record)
    }

    // Instance metadata and the container endpoint are on the runner's own host or link: the
    // scenario's round-trip latency models the way to AWS, not to them.
    const latency = LOCAL_SERVICES.has(route.service) ? 0 : this.scenario.latencyMs
    const plan = this.faults.plan(route.operation, safeDecode(rawPath), latency)
    // An injected fault wins; otherwise the account's rate limit can throttle the request.
    const rateLimited = !plan.fault && !this.rateLimits.admit(route.operation, startedAt)
    const fault: FaultSpec | undefined = rateLimited
      ? { operation: route.operation, kind: 'throttle' }
      : plan.fault
    if (rateLimited) record.rateLimited = true
    if (fault) record.fault = fault.kind
    else if (plan.holdMs > 0) record.fault = 'latency'
    if (fault?.kind === 'hang' || fault?.kind === 'drop') {
      if (plan.holdMs + plan.delayMs > 0) await this.sleep(plan.holdMs + plan.delayMs)
      if (this.closed || fault.kind === 'hang') return
      finish(0)
      destroyConnection(request, response)
      return
    }
    // A request cannot arrive before its connection is set up: that wait counts as a hold.
    const setUpMs = LOCAL_SERVICES.has(route.service) ? 0 : (this.scenario.connectionSetupMs ?? 0)
    const setUpAt = record.connectionOpenedAt + setUpMs
    const holdMs = plan.holdMs + Math.max(0, setUpAt - startedAt)
    if (holdMs > 0) await this.sleep(holdMs)
    if (this.closed) return

    const requestId = ids.requestId()
    const signed: SignedRequest = { method, rawPath, rawQuery, headers: request.headers, body }
    const answered =
      (fault && faultReply(fault, route.service, requestId)) ??
      this.answer(route, signed, query, requestId, startedAt)
    const reply =
      fault?.inStream && route.operation === 'InvokeModelWithResponseStream'
        ? inStreamFaultReply(fault, answered)
        : answered
    reply.headers['x-amzn-requestid'] ??= requestId
    if (route.service === 'bedrock-runtime') this.logInvocation(route, signed, reply, startedAt)
    // The delay is the whole time from request to answer, the emulator's own work included, as
    // with a real server: a benchmark at 200 ms then sees 200 ms round trips, not 200 ms plus
    // however long this process took to build the reply.
    const wait = startedAt + holdMs + plan.delayMs - Date.now()
    if (wait > 0) await this.sleep(wait)
    if (this.closed) return

    if (fault?.kind === 'truncate') {
      // Promise more than is sent, then cut the connection.
      const writer = writerOf(response)
      writer.writeHead(reply.status, {
        ...reply.headers,
        'content-length': String(reply.body.length + 64)
      })
      writer.write(reply.body.subarray(0, Math.floor(reply.body.length / 2)), () =>
        destroyConnection(request, response)
      )
      finish(reply.status, reply.errorCode)
      return
    }
    const payload = fault?.kind === 'malformed' ? corrupt(reply.body) : reply.body
    writerOf(response).writeHead(reply.status, {
      ...reply.headers,
      'content-length': String(payload.length)
    })
    writerOf(response).end(payload)
    finish(reply.status, reply.errorCode)
  }

  /**
   * The invocation-log hook: one record per runtime call that reached a model, whatever answered it
   * (a handler or an injected fault), with the caller, the token counts and the request metadata.
   */
  private logInvocation(route: Route, signed: SignedRequest, reply: Reply, at: number): void {
    if (route.operation === 'CountTokens' || route.operation === UNKNOWN_OPERATION) return
    if (reply.errorCode !== undefined && NOT_INVOKED.has(reply.errorCode)) return
    // A model answered, or Bedrock refused it for capacity (throttling, 5xx): an invocation.
    // Requests that never named a usable model (invalid identifier, malformed body) are not.
    if (reply.invocation === undefined && reply.status !== 429 && reply.status < 500) return
    const principal = this.principalOf(signed)
    if (principal === undefined) return
    const claim = claimedAuth(signed.headers)
    this.invocationLog.record({
      scenario: this.scenario,
      principal,
      region: claim.region ?? this.scenario.defaultRegion,
      requestId: reply.headers['x-amzn-requestid'] ?? ids.requestId(),
      operation: route.operation,
      modelIdentifier: route.label ?? '',
      loggedModelId: reply.invocation?.modelId || (route.label ?? ''),
      ...optional(
        'requestMetadata',
        requestMetadataOf(
          route.operation,
          signed.headers['x-amzn-bedrock-request-metadata'],
          signed.body
        )
      ),
      status: reply.status,
      ...optional('errorCode', reply.errorCode),
      ...optional('usage', reply.invocation?.usage),
      receivedAt: at
    })
  }

  private principalOf(signed: SignedRequest) {
    const auth = authenticate(signed, {
      scenario: this.scenario,
      store: this.store,
      service: 'bedrock',
      style: 'json',
      allowBearer: true
    })
    return auth.ok ? auth.principal : undefined
  }

  private answerJson(
    service: JsonService,
    operation: string,
    signed: SignedRequest,
    requestId: string
  ): Reply {
    const auth = authenticate(signed, {
      scenario: this.scenario,
      store: this.store,
      service,
      style: 'json',
      allowBearer: false
    })
    if (!auth.ok) return awsJsonErrorReply(auth.error, requestId)
    const outcome = JSON_HANDLERS[service](operation, {
      scenario: this.scenario,
      log: this.invocationLog,
      region: auth.region ?? this.scenario.defaultRegion,
      principal: auth.principal,
      statements: principalPolicy(auth.principal, this.scenario),
      requestId,
      input: parseJsonBody(signed.body)
    })
    return 'body' in outcome ? outcome : awsJsonErrorReply(outcome, requestId)
  }

  private answer(
    route: Route,
    signed: SignedRequest,
    query: URLSearchParams,
    requestId: string,
    receivedAt: number
  ): Reply {
    const { scenario } = this
    if (route.service === 'github') {
      const authorization = signed.headers['authorization']
      return handleGitHub(
        route.operation,
        signed.rawPath,
        typeof authorization === 'string' ? authorization : '',
        scenario
      )
    }
    if (route.service === 'oidc') {
      if (route.operation === 'GetJwks') return jwks(this.key)
      if (route.operation === UNKNOWN_OPERATION) return jsonReply(404, { message: 'Not Found' })
      const authorization = signed.headers['authorization']
      const { reply, token } = handleTokenRequest(
        this.key,
        scenario,
        this.requestToken,
        typeof authorization === 'string' ? authorization : '',
        query
      )
      if (token) this.secrets.add(token)
      return reply
    }
    if (route.service === 'imds')
      return this.runnerCredentials.imds(signed.method, signed.rawPath, signed.headers, scenario)
    if (route.service === 'container')
      return this.runnerCredentials.container(signed.method, signed.headers, scenario)
    if (route.service === 'sts') {
      return handleSts(signed, stsParams(signed.method, query, signed.body), {
        scenario,
        store: this.store,
        key: this.key,
        requestId,
        rememberSecret: (secret) => this.secrets.add(secret)
      })
    }

    if (isJsonService(route.service)) {
      return this.answerJson(route.service, route.operation, signed, requestId)
    }
    if (route.operation === UNKNOWN_OPERATION) {
      return jsonErrorReply(
        awsError(404, 'UnknownOperationException', 'Unknown operation'),
        requestId
      )
    }
    const auth = authenticate(signed, {
      scenario,
      store: this.store,
      service: 'bedrock',
      style: 'json',
      allowBearer: true
    })
    if (!auth.ok) return jsonErrorReply(auth.error, requestId)
    const call: BedrockCall = {
      scenario,
      requestId,
      region: auth.region ?? scenario.defaultRegion,
      principal: auth.principal,
      statements: principalPolicy(auth.principal, scenario),
      ...(route.label === undefined ? {} : { label: route.label }),
      receivedAt,
      query,
      body: signed.body,
      recordToolResults: (results) => this.toolResults.push(...results),
      promptCache: this.promptCache
    }
    if (route.operation === 'GetModelInvocationLoggingConfiguration') {
      const outcome = handleLoggingConfiguration({
        scenario,
        log: this.invocationLog,
        region: call.region,
        principal: call.principal,
        statements: call.statements,
        requestId,
        input: {}
      })
      return 'body' in outcome ? outcome : jsonErrorReply(outcome, requestId)
    }
    return CONTROL_PLANE.has(route.operation)
      ? handleControlPlane(route.operation as ControlPlaneOperation, call)
      : handleRuntime(route.operation as RuntimeOperation, call)
  }
}

function optional<K extends string, V>(key: K, value: V | undefined): { [P in K]?: V } {
  return (value === undefined ? {} : { [key]: value }) as { [P in K]?: V }
}

function safeDecode(text: string): string {
  try {
    return decodeURIComponent(text)
  } catch {
    return text
  }
}
