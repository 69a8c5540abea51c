export const id = 398;
export const ids = [398];
export const modules = {

/***/ 8398:
/***/ ((__unused_webpack___webpack_module__, __webpack_exports__, __webpack_require__) => {


// EXPORTS
__webpack_require__.d(__webpack_exports__, {
  credentialProcessMain: () => (/* binding */ credentialProcessMain)
});

// UNUSED EXPORTS: NESTED_MARKER, runCredentialProcess

// EXTERNAL MODULE: ./build/aws/clients.js + 2 modules
var aws_clients = __webpack_require__(1969);
// EXTERNAL MODULE: ./build/aws/githubIdToken.js
var githubIdToken = __webpack_require__(8709);
// EXTERNAL MODULE: ./build/aws/timeouts.js
var aws_timeouts = __webpack_require__(3100);
// EXTERNAL MODULE: ./build/aws/retryPolicy.js
var retryPolicy = __webpack_require__(5230);
// EXTERNAL MODULE: ./build/credentials/assumeRoleWithOidc.js + 1 modules
var assumeRoleWithOidc = __webpack_require__(5916);
// EXTERNAL MODULE: ./build/credentials/credentialError.js
var credentialError = __webpack_require__(9444);
// EXTERNAL MODULE: ./build/inputs/inputError.js
var inputError = __webpack_require__(3464);
// EXTERNAL MODULE: ./build/refresh/credentialCache.js
var credentialCache = __webpack_require__(1929);
;// CONCATENATED MODULE: ./build/refresh/credentialJson.js
/**
 * `aws`: the AWS `credential_process` format (every AWS SDK and the CLI). `claude`: the `aws sts`
 * output shape, `{"Credentials": {...}}`, which Claude Code's `awsCredentialExport` documents.
 * Claude Code accepts both (see docs/long-running-jobs-evidence.md).
 */
const OUTPUT_FORMATS = ['aws', 'claude'];
function credentialJson(credentials, format) {
    const fields = {
        AccessKeyId: credentials.accessKeyId,
        SecretAccessKey: credentials.secretAccessKey,
        ...(credentials.sessionToken !== undefined ? { SessionToken: credentials.sessionToken } : {}),
        ...(credentials.expiration !== undefined
            ? { Expiration: credentials.expiration.toISOString() }
            : {})
    };
    return JSON.stringify(format === 'aws' ? { Version: 1, ...fields } : { Credentials: fields });
}

// EXTERNAL MODULE: external "node:util"
var external_node_util_ = __webpack_require__(7975);
;// CONCATENATED MODULE: ./build/refresh/credentialProcessArgs.js


class UsageError extends Error {
    constructor(message) {
        super(message);
        this.name = 'UsageError';
    }
}
const USAGE = [
    'usage: node dist/index.js credential-process [--format aws|claude] [--settings FILE]',
    '         [--role-arn ARN] [--region REGION] [--audience AUD] [--session-name NAME]',
    '         [--duration-seconds N] [--sts-endpoint URL] [--cache FILE | --no-cache]',
    'Prints fresh AWS credentials as JSON on stdout (aws: credential_process, claude: {"Credentials":...}).'
].join('\n');
/** Command-line flags and the action inputs they stand for. */
const INPUT_FLAGS = {
    'role-arn': 'role-to-assume',
    region: 'aws-region',
    audience: 'audience',
    'session-name': 'role-session-name',
    'duration-seconds': 'role-duration-seconds',
    'sts-endpoint': 'sts-endpoint'
};
function parseCredentialProcessArgs(argv) {
    let values;
    try {
        values = (0,external_node_util_.parseArgs)({
            args: [...argv],
            strict: true,
            allowPositionals: false,
            options: {
                format: { type: 'string' },
                settings: { type: 'string' },
                cache: { type: 'string' },
                'no-cache': { type: 'boolean' },
                ...Object.fromEntries(Object.keys(INPUT_FLAGS).map((flag) => [flag, { type: 'string' }]))
            }
        }).values;
    }
    catch (error) {
        throw new UsageError(error instanceof Error ? error.message : String(error));
    }
    const format = values.format ?? 'aws';
    if (!OUTPUT_FORMATS.includes(format)) {
        throw new UsageError(`--format must be one of ${OUTPUT_FORMATS.join(', ')}, got "${format}"`);
    }
    if (values.cache !== undefined && values['no-cache'] === true) {
        throw new UsageError('--cache and --no-cache cannot be used together');
    }
    const inputs = {};
    for (const [flag, input] of Object.entries(INPUT_FLAGS)) {
        const value = values[flag];
        if (typeof value === 'string')
            inputs[input] = value;
    }
    if (values.settings === undefined && inputs['role-to-assume'] === undefined) {
        throw new UsageError('give --settings FILE (written by the action) or at least --role-arn');
    }
    return {
        format: format,
        ...(typeof values.settings === 'string' ? { settings: values.settings } : {}),
        inputs,
        ...(typeof values.cache === 'string' ? { cache: values.cache } : {}),
        noCache: values['no-cache'] === true
    };
}

// EXTERNAL MODULE: ./build/refresh/refreshSettings.js
var refreshSettings = __webpack_require__(9926);
;// CONCATENATED MODULE: ./build/refresh/credentialProcess.js











const defaultIo = {
    stdout: (text) => process.stdout.write(text),
    stderr: (text) => process.stderr.write(text),
    now: Date.now
};
/** Set in the helper's own environment: a helper that finds it was started by itself stops. */
const NESTED_MARKER = 'SETUP_CLAUDE_BEDROCK_CREDENTIAL_PROCESS';
/** A credential process may be waited on by an agent's request: a bounded, short total time. */
const RUN_BUDGET_MS = 60_000;
const PREFIX = 'setup-claude-bedrock credential-process';
const MISSING_OIDC_CAUSE = 'cannot renew the AWS credentials: this process has no GitHub OIDC token request variables (ACTIONS_ID_TOKEN_REQUEST_URL, ACTIONS_ID_TOKEN_REQUEST_TOKEN).';
const MISSING_OIDC_FIX = [
    'The job needs `permissions: id-token: write` (never granted to pull requests from forks or Dependabot).',
    "anthropics/claude-code-action removes these variables from Claude Code's environment on purpose; there the",
    "credentials of the setup step are used until they expire: raise `role-duration-seconds` (up to the role's",
    'maximum session duration, at most 43200) so one session covers the job.'
].join('\n');
/**
 * `node dist/index.js credential-process ...`: prints AWS credentials for the role of the setup
 * step, renewed with a fresh GitHub OIDC token when the cached ones are near expiry. Returns the
 * exit code: 0 with JSON on stdout, 1 when no credentials could be had, 2 on a usage error.
 */
async function runCredentialProcess(argv, env, io = defaultIo) {
    const fail = (message, code) => {
        io.stderr(`${PREFIX}: ${message}\n`);
        return code;
    };
    if (env[NESTED_MARKER] === '1') {
        return fail('started by itself (a profile with this credential_process is in use while assuming the role); stopping.', 1);
    }
    let config;
    let cachePath;
    let format;
    try {
        const args = parseCredentialProcessArgs(argv);
        const settings = args.settings !== undefined ? (0,refreshSettings/* readRefreshSettings */.nD)(args.settings) : undefined;
        config = (0,refreshSettings/* configFromInputs */.i7)({ ...settings?.inputs, ...args.inputs }, env);
        cachePath = args.noCache ? undefined : (args.cache ?? settings?.cache);
        format = args.format;
    }
    catch (error) {
        if (error instanceof UsageError)
            return fail(`${error.message}\n${USAGE}`, 2);
        if (error instanceof refreshSettings/* SettingsError */.GN || error instanceof inputError/* InputError */.d)
            return fail(error.message, 2);
        throw error;
    }
    if (config.roleToAssume === undefined)
        return fail(`no role to assume: give --role-arn or a settings file\n${USAGE}`, 2);
    const key = (0,credentialCache/* cacheKey */.k$)(config);
    const cached = cachePath !== undefined ? (0,credentialCache/* readCache */.xe)(cachePath, key) : undefined;
    const print = (credentials) => {
        io.stdout(`${credentialJson(credentials, format)}\n`);
        return 0;
    };
    if (cached !== undefined && (0,credentialCache/* isReusable */.g1)(cached, io.now()))
        return print(cached.credentials);
    try {
        const fresh = await assumeRoleAgain(config, env, io.now);
        if (cachePath !== undefined) {
            try {
                (0,credentialCache/* writeCache */.aR)(cachePath, key, fresh);
            }
            catch (error) {
                io.stderr(`${PREFIX}: warning: could not cache the credentials (${describe(error)}); the next run assumes the role again.\n`);
            }
        }
        return print(fresh.credentials);
    }
    catch (error) {
        const { cause, fix } = explain(error);
        if (cached !== undefined && (0,credentialCache/* isStillValid */.p0)(cached, io.now())) {
            const until = cached.credentials.expiration.toISOString();
            io.stderr(`${PREFIX}: warning: ${cause}\nServing the cached credentials, valid until ${until}.\n${fix}\n`);
            return print(cached.credentials);
        }
        return fail(`${cause}\n${fix}`, 1);
    }
}
async function assumeRoleAgain(config, env, now) {
    const missing = ['ACTIONS_ID_TOKEN_REQUEST_URL', 'ACTIONS_ID_TOKEN_REQUEST_TOKEN'].filter((name) => (env[name] ?? '') === '');
    if (missing.length > 0) {
        throw new credentialError/* CredentialError */.o({
            cause: MISSING_OIDC_CAUSE,
            fix: MISSING_OIDC_FIX,
            transient: false
        });
    }
    const obtainedAt = new Date(now());
    const timeouts = (0,aws_timeouts/* timeoutsFromEnv */.I5)(env);
    const clients = (0,aws_clients/* createAwsClients */.G)({
        config,
        env,
        auth: {},
        retry: { ...retryPolicy/* DEFAULT_RETRY_BUDGET */.tc, runDeadline: now() + RUN_BUDGET_MS },
        timeouts
    });
    try {
        const obtained = await (0,assumeRoleWithOidc/* oidcCredentialSource */.W)({
            config,
            env,
            sts: clients.sts,
            // Not @actions/core's getIDToken: it writes workflow commands to stdout, which must carry the JSON alone.
            getIdToken: (audience) => (0,githubIdToken/* requestGitHubIdToken */.z)(audience, env, { timeouts }),
            // Nothing to mask with: stdout belongs to the consumer, and the runner never sees it.
            setSecret: () => undefined,
            sleep: (ms) => new Promise((resolve) => setTimeout(resolve, ms))
        }).obtain();
        const { credentials } = obtained;
        if (credentials.expiration === undefined)
            throw new Error('STS returned credentials without an expiration');
        return { credentials: { ...credentials, expiration: credentials.expiration }, obtainedAt };
    }
    finally {
        clients.destroy();
    }
}
function explain(error) {
    if (error instanceof credentialError/* CredentialError */.o)
        return { cause: error.diagnosis.cause, fix: error.diagnosis.fix };
    return {
        cause: `could not renew the AWS credentials: ${describe(error)}`,
        fix: 'Retry the step; if it keeps failing, run the setup step again with the same inputs to see the full diagnosis.'
    };
}
function describe(error) {
    return error instanceof Error ? error.message : String(error);
}
/** Entry point of `node dist/index.js credential-process`: the process environment, the exit code. */
async function credentialProcessMain(argv) {
    // The helper needs no ambient credentials; without our profile it can never start itself again.
    delete process.env.AWS_PROFILE;
    const env = { ...process.env };
    process.env[NESTED_MARKER] = '1';
    try {
        process.exitCode = await runCredentialProcess(argv, env);
    }
    catch (error) {
        process.stderr.write(`${PREFIX}: unexpected failure: ${describe(error)}\n`);
        process.exitCode = 1;
    }
}


/***/ })

};
