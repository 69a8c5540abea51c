import { homedir } from 'node:os'
import path from 'node:path'
import { clientAuthFor } from '../aws/clientAuth.js'
import { createAwsClients } from '../aws/clients.js'
import { DEFAULT_RETRY_BUDGET } from '../aws/retryPolicy.js'
import { timeoutsFromEnv } from '../aws/timeouts.js'
import { startCapacityLookup, type CapacityLookup } from '../capacity/capacityLookup.js'
import { modelsForCapacity } from '../capacity/capacityModels.js'
import { capacityMode, capacityRegions } from '../capacity/capacityMode.js'
import { quotaCacheRoot } from '../capacity/quotaCachePath.js'
import { quotaCodeCache } from '../capacity/quotaCodeCache.js'
import { runChecks } from '../checks/runChecks.js'
import { rewordReport, spellInputError } from '../cli/inputSpelling.js'
import { UsageError } from '../cli/usageError.js'
import { obtainCredentials } from '../credentials/obtainCredentials.js'
import { diagnoseChainError, personalCredentialSource } from '../credentials/personalCredentials.js'
import { profileName, readSharedProfile, type SharedProfile } from '../credentials/sharedProfile.js'
import type { Config } from '../inputs/config.js'
import { InputError } from '../inputs/inputError.js'
import { readConfig } from '../inputs/readConfig.js'
import { loadCatalogue } from '../models/catalogue.js'
import { assembleReport, verifiedRouting } from '../report/assembleReport.js'
import { inputChecks, stoppedReport } from '../report/inputChecks.js'
import { redactReport, redactText } from '../report/redactReport.js'
import { renderSummary } from '../report/renderSummary.js'
import { reportObject } from '../report/reportJson.js'
import { renderSummaryForTerminal } from '../report/summaryForTerminal.js'
import type { CheckResult, Report } from '../report/types.js'
import { readClaudeSettings, SettingsFileError, type ClaudeSettings } from './claudeSettings.js'
import { configuredNow, findConflicts, type ConfigurationConflict } from './configuredNow.js'
import { doctorHelp, doctorSpelling, parseDoctorFlags, type DoctorOptions } from './doctorFlags.js'
import { inDoctorTerms } from './doctorTerms.js'
import { planSettings, renderSettingsDiff, writeSettingsFile } from './writeSettings.js'

/** Exit codes: the contract's `doctor` entry. */
const READY = 0
const NOT_READY = 1
const USAGE = 2

/**
 * Inputs that only make sense in a GitHub job. The doctor sets them so the engine does what a
 * person's machine needs: no renewing profile written, nothing exported, no actor check, and
 * Claude Code's Bash tool keeps the person's own credentials.
 */
const DOCTOR_INPUTS: Readonly<Record<string, string>> = {
  'refresh-credentials': 'false',
  'job-summary': 'false',
  'require-actor-permission': 'none',
  'scrub-agent-credentials': 'false',
  'request-metadata': 'false',
  'usage-report': 'false'
}

export interface DoctorIo {
  readonly env: NodeJS.ProcessEnv
  readonly stdout: (text: string) => void
  readonly stderr: (text: string) => void
  /** Colour for headings: only on a terminal. */
  readonly color: boolean
}

const processIo = (): DoctorIo => ({
  env: process.env,
  stdout: (text) => process.stdout.write(text),
  stderr: (text) => process.stderr.write(text),
  color: process.stdout.isTTY
})

/**
 * `setup-claude-bedrock doctor`: the action's own checks with a person's credentials.
 * @returns the exit code: 0 ready, 1 not ready, 2 bad flags.
 */
export async function doctorMain(
  argv: readonly string[],
  io: DoctorIo = processIo()
): Promise<number> {
  const { env } = io
  const defaultSettings = path.join(homedir(), '.claude', 'settings.json')
  // --json always prints the report object, even when the run stops before any check: a script
  // that parses stdout gets JSON, and the exit code says which way it stopped.
  const wantsJson = argv.includes('--json')
  const facts = (region?: string) =>
    ({
      failOnError: true,
      region: region || env.AWS_REGION || env.AWS_DEFAULT_REGION || 'not set',
      verify: 'invoke'
    }) as const
  const stopped = (code: number, message: string, checks: readonly CheckResult[]): number => {
    const report = stoppedReport(checks, facts())
    if (wantsJson) io.stdout(`${JSON.stringify(reportObject(report), null, 2)}\n`)
    io.stderr(`setup-claude-bedrock doctor: ${message}\n`)
    return code
  }
  const usage = (message: string, title = 'Doctor flags'): number =>
    stopped(USAGE, message, [
      { id: 'usage', title, status: 'fail', detail: 'Nothing was checked.', cause: message }
    ])
  let options: DoctorOptions
  try {
    options = parseDoctorFlags(argv, defaultSettings)
  } catch (error) {
    if (!(error instanceof UsageError)) throw error
    return usage(error.message)
  }
  if (options.help) {
    io.stdout(`${doctorHelp(defaultSettings)}\n`)
    return READY
  }
  // The settings file is a file the person named (or the default one): read before any call, so a
  // file that cannot be merged into stops the run at once, not after every check.
  let settings: ClaudeSettings
  try {
    settings = readClaudeSettings(options.writeSettings ?? defaultSettings)
  } catch (error) {
    if (!(error instanceof SettingsFileError)) throw error
    return usage(error.message, 'Claude Code settings file')
  }

  // Every credential lookup of the run (the checks' own, and the one that signs AssumeRole for
  // --role-to-assume) then uses the chosen profile, as `aws --profile` would.
  if (options.profile !== undefined) env.AWS_PROFILE = options.profile
  const profile = await readSharedProfile(profileName(options.profile, env))
  let config: Config
  try {
    config = readConfig(doctorInputs(options, profile, env), env)
  } catch (error) {
    if (!(error instanceof InputError)) throw error
    // A profile that does not exist has no region either: say what is really wrong.
    if (options.profile !== undefined && !profile.exists) {
      const { cause, fix } = diagnoseChainError(error, profile, true)
      return stopped(NOT_READY, `${cause}\n${fix}`, [
        { id: 'credentials', title: 'Credentials', status: 'fail', detail: cause, cause, fix }
      ])
    }
    const message = spellInputError(error, doctorSpelling)
    // A guard's refusal (allowed-account-ids against the role's or the key's account) is "not
    // ready", as the same guard is after GetCallerIdentity; only mistyped flags are exit 2.
    if (error.problems.every((problem) => problem.policy === true)) {
      const refused = rewordReport(
        stoppedReport(inputChecks(error), facts(options.inputs['aws-region'] ?? profile.region)),
        inDoctorTerms
      )
      if (options.json || options.printEnv) return stopped(NOT_READY, message, refused.checks)
      io.stdout(renderForTerminal(refused, io.color))
      return NOT_READY
    }
    return usage(message)
  }
  config = withDoctorRoleReason(config)

  const secrets = new Set<string>()
  if (config.bedrockApiKey !== undefined) secrets.add(config.bedrockApiKey)
  const { report, conflicts } = await check(config, profile, options, settings, env, secrets)
  // The engine's messages name the action's inputs; the person typed the doctor's flags.
  const shown = rewordReport(
    redactReport({ ...report, checks: [...report.checks, ...conflicts] }),
    inDoctorTerms
  )

  // The person's own credentials are not in the report's exports: redact them on the way out too.
  const secretValues = [...secrets].filter((s) => s !== '').sort((a, b) => b.length - a.length)
  const stdout = (text: string): void => io.stdout(redactText(text, secretValues))
  if (options.json) stdout(`${JSON.stringify(reportObject(shown), null, 2)}\n`)
  else if (options.printEnv && shown.passed) stdout(printEnv(shown, options.profile))
  else if (options.printEnv) {
    // Half a set of exports would leave the shell's older ANTHROPIC_MODEL and friends in place
    // under `eval "$(… --print-env)"`: a not-ready run prints no export line at all.
    io.stderr(redactText(renderForTerminal(shown, io.color), secretValues))
    io.stderr('Not ready: no export lines printed; fix the failures above and run again.\n')
  } else stdout(renderForTerminal(shown, io.color))

  if (options.writeSettings !== undefined) {
    if (!report.passed) {
      io.stderr(
        `Not written: ${settings.path} gets only a verified configuration; fix the failures above first.\n`
      )
    } else {
      const plan = planSettings({
        settings,
        verified: report.exported,
        ...(profile.exists && (options.profile !== undefined || env.AWS_PROFILE !== undefined)
          ? { profile: profile.name }
          : {}),
        ...(profile.sso ? { awsAuthRefresh: `aws sso login --profile ${profile.name}` } : {})
      })
      let backup: string | undefined
      try {
        backup = writeSettingsFile(settings, plan)
      } catch (error) {
        io.stderr(`Cannot write ${settings.path}: ${(error as Error).message}\n`)
        return NOT_READY
      }
      const lines = [
        `Wrote ${settings.path}${backup !== undefined ? ` (the old one is ${backup})` : ''}:`,
        ...renderSettingsDiff(plan).map((line) => `  ${line}`),
        ...plan.refused.map((line) => `Note: ${line}`)
      ]
      ;(options.json || options.printEnv ? io.stderr : io.stdout)(`${lines.join('\n')}\n`)
    }
  }
  return report.passed ? READY : NOT_READY
}

/** The action's inputs, from the flags, the person's API key and profile region, and DOCTOR_INPUTS. */
function doctorInputs(
  options: DoctorOptions,
  profile: SharedProfile,
  env: NodeJS.ProcessEnv
): (name: string) => string {
  const inputs: Record<string, string> = { ...options.inputs, ...DOCTOR_INPUTS }
  // Region: the flag, then AWS_REGION / AWS_DEFAULT_REGION (readConfig's own order), then the profile.
  const regionInEnv = (env.AWS_REGION ?? '') !== '' || (env.AWS_DEFAULT_REGION ?? '') !== ''
  if (inputs['aws-region'] === undefined && !regionInEnv && profile.region !== undefined) {
    inputs['aws-region'] = profile.region
  }
  if ((env.AWS_BEARER_TOKEN_BEDROCK ?? '') !== '') {
    inputs['bedrock-api-key'] = env.AWS_BEARER_TOKEN_BEDROCK ?? ''
  }
  // A person's role is assumed from their own credentials, never with a GitHub token.
  if (inputs['role-to-assume'] !== undefined) inputs['role-chaining'] = 'true'
  return (name) => inputs[name] ?? ''
}

/**
 * The engine says why it assumed the role as a job would ("role-chaining is true"); the doctor sets
 * that input itself, so the reason is the flag the person gave.
 */
function withDoctorRoleReason(config: Config): Config {
  if (config.roleSource === undefined) return config
  return {
    ...config,
    roleSource: {
      ...config.roleSource,
      reason: '`--role-to-assume` was given (the doctor never uses a GitHub OIDC token)'
    }
  }
}

interface Checked {
  readonly report: Report
  readonly conflicts: readonly CheckResult[]
}

/** The action's engine (credentials → checks → report), then the Claude Code configuration's conflicts. */
async function check(
  config: Config,
  profile: SharedProfile,
  options: DoctorOptions,
  settings: ClaudeSettings,
  env: NodeJS.ProcessEnv,
  secrets: Set<string>
): Promise<Checked> {
  const startedAt = Date.now()
  const clientSettings = {
    config,
    env,
    retry: { ...DEFAULT_RETRY_BUDGET, runDeadline: startedAt + DEFAULT_RETRY_BUDGET.runMs },
    timeouts: timeoutsFromEnv(env)
  }
  const bootstrap = createAwsClients({ ...clientSettings, auth: {} })
  const opened = [bootstrap]
  try {
    const setSecret = (value: string): void => void secrets.add(value)
    const credentials = await obtainCredentials({
      config,
      env,
      sts: bootstrap.sts,
      getIdToken: () => Promise.reject(new Error('the doctor never uses a GitHub OIDC token')),
      setSecret,
      sleep: (ms) => new Promise((resolve) => setTimeout(resolve, ms)),
      ambient: personalCredentialSource(profile, options.profile !== undefined, setSecret, env)
    })
    const clients = createAwsClients({
      ...clientSettings,
      auth: clientAuthFor(config, credentials.obtained)
    })
    opened.push(clients)
    const capacity = capacityLookup(config, credentials, clients, env)
    const [checked, offered] = await Promise.all([
      runChecks(config, credentials, clients, env, () => clients, {
        onModelCandidate: (model) => capacity?.observe(model)
      }),
      credentials.check.status === 'fail' ? undefined : offeredIn(clients, config.region)
    ])
    const settled = await capacity?.settle(modelsForCapacity(checked.models))
    const report = assembleReport({
      config,
      credentials,
      ...checked,
      capacityFor: settled?.checks,
      quotasFor: settled?.quotas,
      durationMs: Date.now() - startedAt
    })
    const verified = Object.fromEntries(
      report.exported.filter((v) => !v.secret).map((v) => [v.name, v.value])
    )
    const conflicts = findConflicts(configuredNow(env, settings.env), {
      region: config.region,
      offered: (id) => offered?.(id),
      verified,
      verifiedHow: config.verify === 'none' ? 'resolved, not verified' : 'verified now',
      pinFamilies: config.pinFamilies,
      ...(profile.exists && (options.profile !== undefined || env.AWS_PROFILE !== undefined)
        ? { profile: profile.name }
        : {}),
      settingsPath: settings.path,
      routing: verifiedRouting(config, env)
    })
    return { report, conflicts: conflicts.map(conflictCheck) }
  } finally {
    for (const clients of opened) clients.destroy()
  }
}

/**
 * The capacity pre-flight on a person's machine: the quota codes cached in their cache directory
 * (`$XDG_CACHE_HOME` or `~/.cache`), else the whole listing; no post step, so it waits for it.
 */
function capacityLookup(
  config: Config,
  credentials: Awaited<ReturnType<typeof obtainCredentials>>,
  clients: ReturnType<typeof createAwsClients>,
  env: NodeJS.ProcessEnv
): CapacityLookup | undefined {
  if (config.verify === 'none' || credentials.check.status === 'fail') return undefined
  return startCapacityLookup({
    clients,
    regions: capacityRegions(config),
    cache: quotaCodeCache(quotaCacheRoot(env, 'user')),
    options: { maxOutputTokens: config.maxOutputTokens, postStep: false },
    stage: 'doctor',
    mode: capacityMode(config, credentials)
  })
}

/** Whether Bedrock lists a model or profile id in the region; undefined when it cannot be listed. */
async function offeredIn(
  clients: ReturnType<typeof createAwsClients>,
  region: string
): Promise<((id: string) => boolean) | undefined> {
  try {
    const catalogue = await loadCatalogue(clients.bedrock(region), region)
    const ids = new Set([
      ...catalogue.foundationModels.map((m) => m.modelId ?? ''),
      ...catalogue.profiles.map((p) => p.inferenceProfileId ?? '')
    ])
    return (id) => ids.has(id)
  } catch {
    return undefined // The model checks report why listing failed.
  }
}

function conflictCheck(conflict: ConfigurationConflict): CheckResult {
  return {
    id: `claude-code-config:${conflict.name}`,
    title: `Claude Code configuration: ${conflict.name}`,
    status: conflict.severity ?? 'warn',
    detail: conflict.summary ?? conflict.problem,
    cause: conflict.problem,
    fix: conflict.fix
  }
}

/** The job summary as `npm start` shows it, headings in bold on a terminal. */
function renderForTerminal(report: Report, color: boolean): string {
  // The job summary's own sentences (outputs, later steps, `verify: …`) in the doctor's terms too.
  const text = renderSummaryForTerminal(inDoctorTerms(renderSummary(report, { reportJson: false })))
  if (!color) return text
  // A heading is a line followed by its underline (═ or ─).
  return text.replace(/^(.+)\n([═─]+)$/gm, '\x1b[1m$1\x1b[0m\n$2')
}

/** `export` lines for a POSIX shell: the verified, non-secret variables (credentials stay where they are). */
function printEnv(report: Report, profile: string | undefined): string {
  const quote = (value: string): string => `'${value.replace(/'/g, `'\\''`)}'`
  const lines = report.exported
    .filter((variable) => !variable.secret)
    .map((variable) => `export ${variable.name}=${quote(variable.value)}`)
  if (profile !== undefined) lines.push(`export AWS_PROFILE=${quote(profile)}`)
  return `${lines.join('\n')}\n`
}
