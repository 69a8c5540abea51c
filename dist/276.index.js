export const id = 276;
export const ids = [276];
export const modules = {

/***/ 1969:
/***/ ((__unused_webpack___webpack_module__, __webpack_exports__, __webpack_require__) => {


// EXPORTS
__webpack_require__.d(__webpack_exports__, {
  G: () => (/* binding */ createAwsClients)
});

// EXTERNAL MODULE: ./node_modules/@aws-sdk/client-bedrock/dist-es/BedrockClient.js + 8 modules
var BedrockClient = __webpack_require__(2026);
// EXTERNAL MODULE: ./node_modules/@aws-sdk/client-bedrock-runtime/dist-es/BedrockRuntimeClient.js + 15 modules
var BedrockRuntimeClient = __webpack_require__(9981);
// EXTERNAL MODULE: ./node_modules/@aws-sdk/client-sts/dist-es/STSClient.js + 8 modules
var STSClient = __webpack_require__(4928);
;// CONCATENATED MODULE: ./build/aws/endpoints.js
const ENDPOINT_ENV = {
    sts: 'AWS_ENDPOINT_URL_STS',
    bedrock: 'AWS_ENDPOINT_URL_BEDROCK',
    'bedrock-runtime': 'AWS_ENDPOINT_URL_BEDROCK_RUNTIME'
};
function configuredEndpoint(service, config) {
    if (service === 'sts')
        return config.endpoints.sts;
    if (service === 'bedrock')
        return config.endpoints.bedrock;
    return config.endpoints.bedrockRuntime;
}
function dnsSuffix(partition) {
    return partition === 'aws-cn' ? 'amazonaws.com.cn' : 'amazonaws.com';
}
/**
 * The endpoint a client will talk to: the input, else the SDK's own AWS_ENDPOINT_URL_* variables,
 * else AWS's regional host. `explicit` says whether the client must be told (the SDK resolves the
 * rest itself); the URL is also what proxy selection and error messages need.
 */
function endpointFor(service, region, config, env) {
    const input = configuredEndpoint(service, config);
    if (input !== undefined)
        return { url: new URL(input), explicit: true };
    const fromEnv = env[ENDPOINT_ENV[service]] ?? env.AWS_ENDPOINT_URL;
    if (fromEnv !== undefined && fromEnv !== '')
        return { url: new URL(fromEnv), explicit: false };
    return {
        url: new URL(`https://${service}.${region}.${dnsSuffix(config.partition)}`),
        explicit: false
    };
}

// EXTERNAL MODULE: ./node_modules/@smithy/node-http-handler/dist-es/node-http-handler.js + 5 modules
var node_http_handler = __webpack_require__(3291);
// EXTERNAL MODULE: ./build/aws/agents.js + 1 modules
var agents = __webpack_require__(638);
;// CONCATENATED MODULE: ./build/aws/requestHandler.js


/**
 * Every attempt ends by the run's deadline: an attempt started just before it cannot run for a
 * whole response timeout past it. The SDK passes no per-request timeout of its own.
 */
class DeadlineHttpHandler extends node_http_handler/* NodeHttpHandler */.$ {
    responseMs;
    deadline;
    now;
    constructor(options, responseMs, deadline, now) {
        super(options);
        this.responseMs = responseMs;
        this.deadline = deadline;
        this.now = now;
    }
    handle(request, options = {}) {
        const left = Math.max(1, this.deadline - this.now());
        return super.handle(request, { ...options, requestTimeout: Math.min(this.responseMs, left) });
    }
}
/**
 * HTTP/1.1 with keep-alive for every client, including the runtime one (whose SDK default is
 * HTTP/2): one transport means one place for timeouts and proxies, and HTTP/2 cannot be tunnelled
 * through the HTTP proxies corporate runners use. Converse needs nothing HTTP/2 offers.
 */
function createRequestHandler(target, env, timeouts, runDeadline = Number.POSITIVE_INFINITY, now = Date.now) {
    const { httpAgent, httpsAgent } = (0,agents/* agentsFor */.m)(target, env, { keepAlive: true, maxSockets: 16 });
    return new DeadlineHttpHandler({
        connectionTimeout: timeouts.connectMs,
        requestTimeout: timeouts.responseMs,
        throwOnRequestTimeout: true,
        httpAgent,
        httpsAgent
    }, timeouts.responseMs, runDeadline, now);
}

// EXTERNAL MODULE: ./build/aws/retryPolicy.js
var retryPolicy = __webpack_require__(5230);
;// CONCATENATED MODULE: ./build/aws/clients.js






/**
 * One client per service and region, created on first use and shared, so concurrent checks reuse
 * connections. Every client gets the same retry budget, timeouts and proxy rules.
 */
function createAwsClients(settings) {
    const { config, env, auth } = settings;
    const cache = new Map();
    const retryStrategy = new retryPolicy/* BudgetedRetryStrategy */.Og(settings.retry);
    function common(service, region) {
        const endpoint = endpointFor(service, region, config, env);
        return {
            region,
            retryStrategy,
            requestHandler: createRequestHandler(endpoint.url, env, settings.timeouts, settings.retry.runDeadline),
            ...(endpoint.explicit ? { endpoint: endpoint.url.toString() } : {})
        };
    }
    // An API key stands in for SigV4 on Bedrock only when there are no AWS credentials; the runtime
    // always uses it when given, because that is what Claude Code will send.
    function bedrockAuth(preferApiKey) {
        if (auth.apiKey !== undefined && (preferApiKey || auth.credentials === undefined)) {
            return { token: { token: auth.apiKey }, authSchemePreference: ['httpBearerAuth'] };
        }
        return {
            ...(auth.credentials !== undefined ? { credentials: auth.credentials } : {}),
            authSchemePreference: ['sigv4']
        };
    }
    function memo(key, create) {
        const existing = cache.get(key);
        if (existing !== undefined)
            return existing;
        const client = create();
        cache.set(key, client);
        return client;
    }
    return {
        sts: () => memo('sts', () => {
            const base = common('sts', config.region);
            return new STSClient/* STSClient */.i({
                ...base,
                ...(auth.credentials !== undefined ? { credentials: auth.credentials } : {})
            });
        }),
        bedrock: (region) => memo(`bedrock:${region}`, () => new BedrockClient/* BedrockClient */.e({ ...common('bedrock', region), ...bedrockAuth(false) })),
        runtime: (region) => memo(`runtime:${region}`, () => new BedrockRuntimeClient/* BedrockRuntimeClient */.m({ ...common('bedrock-runtime', region), ...bedrockAuth(true) })),
        destroy: () => {
            for (const client of cache.values())
                client.destroy();
            cache.clear();
        }
    };
}


/***/ }),

/***/ 5916:
/***/ ((__unused_webpack___webpack_module__, __webpack_exports__, __webpack_require__) => {


// EXPORTS
__webpack_require__.d(__webpack_exports__, {
  W: () => (/* binding */ oidcCredentialSource)
});

// EXTERNAL MODULE: ./node_modules/@aws-sdk/client-sts/dist-es/commands/AssumeRoleWithWebIdentityCommand.js
var AssumeRoleWithWebIdentityCommand = __webpack_require__(4107);
// EXTERNAL MODULE: ./build/diagnosis/diagnose.js + 11 modules
var diagnose = __webpack_require__(866);
// EXTERNAL MODULE: ./build/credentials/credentialError.js
var credentialError = __webpack_require__(9444);
// EXTERNAL MODULE: ./build/credentials/oidcToken.js
var oidcToken = __webpack_require__(2799);
;// CONCATENATED MODULE: ./build/credentials/tokenClaims.js
/**
 * Decodes the payload of a JWT without verifying it: we only display claims, the trust decision is
 * STS's. Returns only the whitelisted claims so nothing else of the token can leak into messages.
 */
function decodeTokenClaims(jwt) {
    const payload = jwt.split('.')[1];
    if (payload === undefined)
        return {};
    try {
        const json = JSON.parse(Buffer.from(payload, 'base64url').toString('utf8'));
        const pick = (key) => {
            const value = json[key];
            if (typeof value === 'string')
                return { [key]: value };
            if (Array.isArray(value) && value.every((v) => typeof v === 'string'))
                return { [key]: value.join(',') };
            return {};
        };
        return {
            ...pick('sub'),
            ...pick('aud'),
            ...pick('repository'),
            ...pick('ref'),
            ...pick('job_workflow_ref'),
            ...pick('environment')
        };
    }
    catch {
        return {};
    }
}

;// CONCATENATED MODULE: ./build/credentials/assumeRoleWithOidc.js





/** STS's "couldn't retrieve verification key" is transient; AWS asks for a retry with a fresh token. */
const IDP_COMMUNICATION_ATTEMPTS = 3;
function isIdpCommunicationError(error) {
    return (0,diagnose/* describeAwsError */.Pp)(error).code === 'IDPCommunicationError';
}
/** Assumes `role-to-assume` with the job's GitHub OIDC token (AssumeRoleWithWebIdentity). */
function oidcCredentialSource(deps) {
    const { config } = deps;
    const roleArn = config.roleToAssume;
    if (roleArn === undefined)
        throw new Error('oidcCredentialSource needs role-to-assume');
    async function assumeOnce(token) {
        const response = await deps.sts().send(new AssumeRoleWithWebIdentityCommand/* AssumeRoleWithWebIdentityCommand */.W({
            RoleArn: roleArn,
            RoleSessionName: config.roleSessionName,
            WebIdentityToken: token,
            DurationSeconds: config.roleDurationSeconds
        }));
        const issued = response.Credentials;
        if (issued?.AccessKeyId === undefined ||
            issued.SecretAccessKey === undefined ||
            issued.SessionToken === undefined) {
            throw new Error('AssumeRoleWithWebIdentity returned no credentials');
        }
        // Masked before anything else can print them.
        deps.setSecret(issued.AccessKeyId);
        deps.setSecret(issued.SecretAccessKey);
        deps.setSecret(issued.SessionToken);
        return {
            origin: 'oidc',
            credentials: {
                accessKeyId: issued.AccessKeyId,
                secretAccessKey: issued.SecretAccessKey,
                sessionToken: issued.SessionToken,
                ...(issued.Expiration !== undefined ? { expiration: issued.Expiration } : {})
            }
        };
    }
    return {
        origin: 'oidc',
        async obtain() {
            for (let attempt = 1;; attempt++) {
                // @actions/core's getIDToken masks the token itself, before returning it.
                const token = await (0,oidcToken/* fetchOidcToken */.D)(config.audience, deps.env, deps.getIdToken);
                try {
                    return await assumeOnce(token);
                }
                catch (error) {
                    if (isIdpCommunicationError(error) && attempt < IDP_COMMUNICATION_ATTEMPTS) {
                        await deps.sleep(500 * 2 ** (attempt - 1));
                        continue;
                    }
                    throw new credentialError/* CredentialError */.o((0,diagnose/* diagnoseAwsError */.U3)(error, {
                        operation: 'AssumeRoleWithWebIdentity',
                        region: config.region,
                        partition: config.partition,
                        roleArn,
                        claims: decodeTokenClaims(token),
                        audience: config.audience,
                        durationSeconds: config.roleDurationSeconds
                    }));
                }
            }
        }
    };
}


/***/ }),

/***/ 866:
/***/ ((__unused_webpack___webpack_module__, __webpack_exports__, __webpack_require__) => {


// EXPORTS
__webpack_require__.d(__webpack_exports__, {
  Pp: () => (/* reexport */ describeAwsError),
  U3: () => (/* binding */ diagnoseAwsError)
});

// UNUSED EXPORTS: isTransient, trustPolicyCondition

// EXTERNAL MODULE: ./build/policy/statements.js
var statements = __webpack_require__(3285);
;// CONCATENATED MODULE: ./build/diagnosis/recognizer.js
function codeBlock(language, body) {
    return ['```' + language, body, '```'].join('\n');
}
function jsonBlock(value) {
    return codeBlock('json', JSON.stringify(value, null, 2));
}
/** The model the failed call concerned, for sentences; the id as the user would recognise it. */
function modelLabel(ctx) {
    return ctx.modelId !== undefined ? `\`${ctx.modelId}\`` : 'the model';
}
/** `arn:aws:iam::123:role/path/name` → `name`, for CLI commands that take a role name. */
function roleNameOf(roleArn) {
    const match = roleArn === undefined
        ? null
        : /^arn:[^:]+:iam::\d{12}:role\/(?:.*\/)?([\w+=,.@-]+)$/.exec(roleArn);
    return match?.[1];
}
function accountOf(ctx) {
    return (ctx.accountId ??
        /^arn:[^:]+:(?:iam|sts)::(\d{12}):/.exec(ctx.roleArn ?? ctx.principalArn ?? '')?.[1]);
}

;// CONCATENATED MODULE: ./build/diagnosis/accessDeniedErrors.js


const ARN = /^arn:aws[a-z-]*:[a-z0-9-]+:[a-z0-9-]*:(\d{12})?:[A-Za-z0-9_+=,.@:/*-]+$/;
const ACTION = /^[a-z0-9-]+:[A-Za-z0-9*]+$/;
function parseDenial(message) {
    const action = /is not authorized to perform: (\S+)/.exec(message)?.[1];
    const resource = /on resource: (\S+?)\.?(?=\s|$)/.exec(message)?.[1];
    if (action === undefined ||
        !ACTION.test(action) ||
        resource === undefined ||
        !ARN.test(resource)) {
        return undefined;
    }
    const principal = /User: (\S+) is not authorized/.exec(message)?.[1];
    const noAllow = /because no ([A-Za-z -]+?) allows/.exec(message)?.[1];
    const deny = /with an explicit deny in an? ([A-Za-z -]+)(?::\s*(\S+?))?\.?(?=\s|$)/.exec(message);
    const policyArn = deny?.[2];
    return {
        ...(principal !== undefined && ARN.test(principal) ? { principal } : {}),
        action,
        resource,
        kind: deny !== null ? 'explicit-deny' : 'no-allow',
        policyType: (deny?.[1] ?? noAllow ?? 'identity-based policy').trim(),
        ...(policyArn !== undefined && ARN.test(policyArn) ? { policyArn } : {})
    };
}
function regionOfArn(arn) {
    const region = arn.split(':')[3];
    return region === undefined || region === '' ? undefined : region;
}
function isInvoke(action) {
    return statements/* INVOKE_ACTIONS */.xq.includes(action);
}
/** Who to give the permission to, in the words of the IAM console. */
function principalLabel(principal) {
    if (principal === undefined)
        return 'the calling identity';
    const role = /:assumed-role\/([^/]+)\//.exec(principal)?.[1];
    if (role !== undefined)
        return `the role \`${role}\``;
    const user = /:user\/(?:.*\/)?([^/]+)$/.exec(principal)?.[1];
    if (user !== undefined) {
        return user.startsWith('BedrockAPIKey')
            ? `the IAM user \`${user}\` behind the Bedrock API key`
            : `the IAM user \`${user}\``;
    }
    return `\`${principal}\``;
}
function capitalised(text) {
    return text.charAt(0).toUpperCase() + text.slice(1);
}
/** For invoke, the profile and every destination region's foundation model, or routing fails at random. */
function statementFor(denial, ctx) {
    if (!isInvoke(denial.action)) {
        return {
            Sid: 'AllowDeniedCall',
            Effect: 'Allow',
            Action: [denial.action],
            Resource: [denial.resource]
        };
    }
    const resources = [
        denial.resource,
        ...(ctx.profileArn !== undefined ? [ctx.profileArn] : []),
        ...(ctx.foundationModelArns ?? [])
    ];
    return (0,statements/* invokeStatement */.oI)(resources, 'InvokeClaudeModel');
}
function destinationRegions(ctx) {
    return (0,statements/* uniqueSorted */.pj)((ctx.foundationModelArns ?? []).flatMap((arn) => regionOfArn(arn) ?? []));
}
/** The geographic prefix a user in `region` would pick instead of `global.`. */
function geographyFor(region) {
    if (region.startsWith('us-gov-'))
        return 'us-gov';
    if (region.startsWith('us-'))
        return 'us';
    if (region.startsWith('eu-'))
        return 'eu';
    if (region.startsWith('ap-'))
        return 'apac';
    return undefined;
}
function scpDenial(denial, ctx) {
    const region = regionOfArn(denial.resource) ?? ctx.region;
    const destinations = destinationRegions(ctx);
    const routing = destinations.length > 1
        ? ` The inference profile routes to ${destinations.join(', ')}; every request Bedrock sends to ${region} fails.`
        : '';
    const geography = geographyFor(ctx.region);
    const usesGlobal = /[:/]global\./.test(ctx.profileArn ?? '') || (ctx.modelId ?? '').startsWith('global.');
    const profileAdvice = !usesGlobal
        ? `pick a model or \`aws-region\` whose inference profile routes only to regions the SCP allows (compare the profile's regions: \`aws bedrock get-inference-profile --region ${ctx.region} --inference-profile-identifier ${ctx.modelId ?? 'PROFILE_ID'}\`)`
        : geography !== undefined
            ? `set \`inference-profile-prefix: ${geography}\` (a geographic profile) instead of \`global\`, which routes to any commercial region`
            : 'pick a geographic profile (`inference-profile-prefix`) instead of `global`, which routes to any commercial region';
    return {
        cause: `A service control policy of your AWS Organization denies \`${denial.action}\` in ${region} (resource \`${denial.resource}\`${denial.policyArn !== undefined ? `, policy \`${denial.policyArn}\`` : ''}).${routing}`,
        fix: [
            `Ask the Organizations administrator to exempt \`bedrock:InvokeModel\` and \`bedrock:InvokeModelWithResponseStream\` in ${region} from the region-deny SCP (e.g. add them to the NotAction list of its deny statement).`,
            `Or use a profile whose destination regions are all allowed: ${profileAdvice}.`
        ].join('\n'),
        transient: false
    };
}
function explicitDeny(denial) {
    return {
        cause: `An explicit Deny in ${/^[aeiou]/i.test(denial.policyType) ? 'an' : 'a'} ${denial.policyType}${denial.policyArn !== undefined ? ` (\`${denial.policyArn}\`)` : ''} blocks \`${denial.action}\` on \`${denial.resource}\` for ${principalLabel(denial.principal)}. A Deny overrides every Allow.`,
        fix: `Remove or narrow the Deny statement in that ${denial.policyType} so it no longer matches \`${denial.action}\` on \`${denial.resource}\` (use the IAM policy simulator or CloudTrail's denial context to find it).`,
        transient: false
    };
}
function missingAllow(denial, ctx) {
    const statement = statementFor(denial, ctx);
    const where = {
        'identity-based policy': `Add this statement to a permissions policy of ${principalLabel(denial.principal)}:`,
        'permissions boundary': `The permissions boundary of ${principalLabel(denial.principal)} must allow it too: add this statement to the boundary policy:`,
        'session policy': 'The session policy passed when these credentials were created must allow it: add this statement there (or create the session without a session policy):',
        'service control policy': 'An allow-list service control policy must allow it: ask the Organizations administrator to add this statement to the SCP:',
        'resource control policy': 'A resource control policy must allow it: ask the Organizations administrator to add this statement to the RCP:'
    };
    return {
        cause: `${capitalised(principalLabel(denial.principal))} is not allowed \`${denial.action}\` on \`${denial.resource}\`: no ${denial.policyType} allows it.`,
        fix: [
            where[denial.policyType] ??
                `Add this statement to the ${denial.policyType} that governs the call:`,
            jsonBlock(statement),
            ...(isInvoke(denial.action)
                ? [
                    'A cross-region profile needs the profile ARN and the foundation-model ARN in every destination region.'
                ]
                : [])
        ].join('\n'),
        transient: false
    };
}
function isAccessDenied(info) {
    return info.code === 'AccessDeniedException' || info.code === 'AccessDenied';
}
/** IAM / SCP denials of a Bedrock call, parsed from the exact resource IAM evaluated. */
const iamDenied = (info, ctx) => {
    if (!isAccessDenied(info))
        return undefined;
    const denial = parseDenial(info.message);
    if (denial === undefined)
        return undefined;
    if (denial.kind === 'explicit-deny') {
        return denial.policyType === 'service control policy'
            ? scpDenial(denial, ctx)
            : explicitDeny(denial);
    }
    return missingAllow(denial, ctx);
};
/** Used when the denial names no resource: the check still knows what it was calling. */
const genericDenied = (info, ctx) => {
    if (!isAccessDenied(info) || !/not authorized|access denied/i.test(info.message))
        return undefined;
    const resources = [
        ...(ctx.profileArn !== undefined ? [ctx.profileArn] : []),
        ...(ctx.foundationModelArns ?? [])
    ];
    const invoke = ctx.operation === 'Converse' && resources.length > 0;
    return {
        cause: `${ctx.operation} was denied in ${ctx.region}${ctx.principalArn !== undefined ? ` for \`${ctx.principalArn}\`` : ''}.`,
        fix: invoke
            ? [
                'Allow the model in the identity policy:',
                jsonBlock((0,statements/* invokeStatement */.oI)(resources, 'InvokeClaudeModel'))
            ].join('\n')
            : `Allow \`bedrock:${ctx.operation}\` in the identity policy, and check no SCP or permissions boundary denies it. CloudTrail shows the denied request:\n${codeBlock('sh', `aws cloudtrail lookup-events --region ${ctx.region} --lookup-attributes AttributeKey=EventName,AttributeValue=${ctx.operation}`)}`,
        transient: false
    };
};

;// CONCATENATED MODULE: ./build/diagnosis/redact.js
/**
 * AWS error messages are untrusted text that we put into logs, the job summary and the report.
 * Some services echo request material back (SignatureDoesNotMatch can quote the canonical request,
 * which carries the session token), so anything shaped like a credential is cut out before the
 * text goes anywhere, and the text is made one bounded line so it cannot forge workflow commands.
 */
const MAX_MESSAGE_CHARS = 600;
/** Everything from here on in a signature error is the request AWS computed: never show it. */
const CANONICAL_REQUEST_MARKERS = ['The Canonical String for this request', 'The String-to-Sign'];
const SECRET_PATTERNS = [
    // JWTs (the GitHub OIDC token).
    /eyJ[A-Za-z0-9_-]{4,}\.[A-Za-z0-9_-]{4,}\.[A-Za-z0-9_-]*/g,
    // Long-term and temporary access key ids.
    /\b(?:AKIA|ASIA|ABIA|ACCA)[A-Z0-9]{12,}\b/g,
    // Bedrock API keys (`ABSK…`, base64 after the prefix).
    /\bABSK[A-Za-z0-9+/=]{8,}/g,
    // `Authorization: …`, `X-Amz-Security-Token: …` style echoes.
    /\b(authorization|x-amz-security-token|x-amz-signature|signature)\s*[:=]\s*\S+/gi
];
/** 40+ characters of base64 with mixed case and a digit: secret keys, session tokens, signatures. */
const LONG_OPAQUE_RUN = /[A-Za-z0-9+/=_-]{40,}/g;
function looksOpaque(run) {
    return /[a-z]/.test(run) && /[A-Z]/.test(run) && /[0-9]/.test(run);
}
function redactSecrets(text) {
    let out = text;
    for (const marker of CANONICAL_REQUEST_MARKERS) {
        const at = out.indexOf(marker);
        if (at >= 0)
            out = `${out.slice(0, at).trimEnd()} [request details omitted]`;
    }
    for (const pattern of SECRET_PATTERNS) {
        out = out.replace(pattern, (_match, label) => typeof label === 'string' ? `${label}: [redacted]` : '[redacted]');
    }
    return out.replace(LONG_OPAQUE_RUN, (run) => (looksOpaque(run) ? '[redacted]' : run));
}
/** One line, no control characters, bounded length, no credentials. */
function sanitizeAwsMessage(text) {
    const oneLine = text
        // Control characters are exactly what we strip here.
        // eslint-disable-next-line no-control-regex
        .replace(/[\u0000-\u001f\u007f-\u009f\u2028\u2029]+/g, ' ')
        .replace(/\s{2,}/g, ' ')
        .trim();
    const redacted = redactSecrets(oneLine);
    return redacted.length > MAX_MESSAGE_CHARS
        ? `${redacted.slice(0, MAX_MESSAGE_CHARS - 1)}…`
        : redacted;
}

;// CONCATENATED MODULE: ./build/diagnosis/awsErrorInfo.js

/**
 * Names that say nothing about the failure: the SDK's base classes, and what Node puts on system
 * errors whose real identity is in `code` (ECONNREFUSED, ENOTFOUND, ERR_HTTP2_…).
 */
const GENERIC_NAMES = new Set([
    'Error',
    'AggregateError',
    'SystemError',
    'ServiceException',
    'UnknownError',
    'Unknown'
]);
const REQUEST_ID = /^[A-Za-z0-9_:./+=-]{1,128}$/;
function asFields(value) {
    return typeof value === 'object' && value !== null ? value : undefined;
}
function stringField(fields, key) {
    const value = fields?.[key];
    return typeof value === 'string' && value.trim() !== '' ? value.trim() : undefined;
}
/** The error itself, then its `cause` chain (bounded): the SDK and Node sometimes wrap the real one. */
function errorChain(error) {
    const chain = [];
    let current = asFields(error);
    while (current !== undefined && chain.length < 5 && !chain.includes(current)) {
        chain.push(current);
        current = asFields(current['cause']);
    }
    return chain;
}
/** Node system-error code (`ECONNREFUSED`, `ERR_HTTP2_STREAM_ERROR`, …) anywhere in the chain. */
function systemErrorCode(error) {
    for (const fields of errorChain(error)) {
        const code = stringField(fields, 'code');
        if (code !== undefined &&
            /^(E[A-Z0-9_]+|ERR_[A-Z0-9_]+|[A-Z_]*CERT[A-Z_]*|UNABLE_TO_[A-Z_]+)$/.test(code)) {
            return code;
        }
        // Happy-eyeballs connects fail with an AggregateError whose members carry the code.
        const members = fields['errors'];
        if (Array.isArray(members)) {
            const inner = systemErrorCode(members[0]);
            if (inner !== undefined)
                return inner;
        }
    }
    return undefined;
}
/**
 * The SDK names STS's modeled errors after their shapes (`InvalidIdentityTokenException`), while
 * the wire, the AWS docs and users say `InvalidIdentityToken`: diagnose and show the wire code.
 */
const STS_SHAPE_TO_WIRE_CODE = {
    InvalidIdentityTokenException: 'InvalidIdentityToken',
    IDPCommunicationErrorException: 'IDPCommunicationError',
    IDPRejectedClaimException: 'IDPRejectedClaim',
    MalformedPolicyDocumentException: 'MalformedPolicyDocument',
    PackedPolicyTooLargeException: 'PackedPolicyTooLarge'
};
function codeOf(fields) {
    const name = stringField(fields, 'name');
    // awsQuery (STS) errors also carry the wire code as `Code`; restJson ones sometimes `__type`.
    const wireCode = stringField(fields, 'Code') ?? stringField(fields, '__type')?.split('#').pop();
    if (name !== undefined && !GENERIC_NAMES.has(name)) {
        return STS_SHAPE_TO_WIRE_CODE[name] ?? wireCode ?? name;
    }
    if (wireCode !== undefined)
        return wireCode;
    return systemErrorCode(fields) ?? name ?? 'Unknown';
}
function messageOf(error, fields) {
    const raw = stringField(fields, 'message') ??
        stringField(fields, 'Message') ??
        (fields === undefined && error !== undefined ? String(error) : '');
    return sanitizeAwsMessage(raw);
}
/**
 * Only the four facts that are safe to show: code, message, request id, HTTP status. Never the error
 * object itself (its `$response` holds the raw request and response, headers included).
 */
function describeAwsError(error) {
    const fields = asFields(error);
    const metadata = asFields(fields?.['$metadata']);
    const requestId = stringField(metadata, 'requestId') ?? stringField(fields, 'RequestId');
    const status = metadata?.['httpStatusCode'];
    return {
        code: codeOf(fields),
        message: messageOf(error, fields),
        ...(requestId !== undefined && REQUEST_ID.test(requestId) ? { requestId } : {}),
        ...(typeof status === 'number' && Number.isInteger(status) ? { httpStatus: status } : {})
    };
}

;// CONCATENATED MODULE: ./build/diagnosis/credentialErrors.js
const UNKNOWN_KEY = new Set(['UnrecognizedClientException', 'InvalidClientTokenId']);
const BAD_SIGNATURE = new Set(['InvalidSignatureException', 'SignatureDoesNotMatch']);
const EXPIRED = new Set(['ExpiredToken', 'ExpiredTokenException', 'RequestExpired']);
const NOTHING_SENT = new Set([
    'MissingAuthenticationToken',
    'MissingAuthenticationTokenException',
    'IncompleteSignature',
    'IncompleteSignatureException'
]);
/** Bedrock calls carry the API key when there is one; STS calls always use SigV4. */
function usesApiKey(ctx) {
    return (ctx.authMethod === 'api-key' &&
        !['AssumeRoleWithWebIdentity', 'GetCallerIdentity'].includes(ctx.operation));
}
const API_KEY_FIX = 'Generate a new key (Bedrock console → API keys; a short-term key lasts at most 12 hours and works only in the region it was made for), store it as a repository or environment secret and pass it as `bedrock-api-key`. The IAM user behind a long-term key must also still exist and be active.';
const apiKeyRejected = (info, ctx) => {
    if (!usesApiKey(ctx) ||
        !(UNKNOWN_KEY.has(info.code) || EXPIRED.has(info.code) || NOTHING_SENT.has(info.code))) {
        return undefined;
    }
    const why = EXPIRED.has(info.code) ? 'has expired' : 'is invalid, revoked or expired';
    return {
        cause: `Bedrock rejected the \`bedrock-api-key\` for ${ctx.operation} in ${ctx.region}: the key ${why}.`,
        fix: API_KEY_FIX,
        transient: false
    };
};
const unknownKey = (info, ctx) => {
    if (!UNKNOWN_KEY.has(info.code))
        return undefined;
    return {
        cause: `AWS does not recognise the access key used for ${ctx.operation}: it was deleted or deactivated, belongs to another partition than \`${ctx.partition}\`, or the session token is missing or truncated.`,
        fix: 'Provide valid credentials: prefer `role-to-assume` (OIDC, nothing to rotate). When credentials come from the environment, check the earlier step sets AWS_ACCESS_KEY_ID, AWS_SECRET_ACCESS_KEY and, for temporary credentials, AWS_SESSION_TOKEN from the same, current set, and that the secrets were not rotated.',
        transient: false
    };
};
const badSignature = (info, ctx) => {
    if (!BAD_SIGNATURE.has(info.code))
        return undefined;
    if (/Signature expired|Signature not yet current|too skewed/i.test(info.message)) {
        return {
            cause: `AWS rejected the request signature of ${ctx.operation} because the runner's clock is off.`,
            fix: 'Sync the runner clock (NTP / `chronyc makestep` on self-hosted runners) and re-run.',
            transient: false
        };
    }
    return {
        cause: `The request signature of ${ctx.operation} does not match: the secret access key does not belong to the access key id, or a proxy or custom endpoint changed the request after signing.`,
        fix: 'Make AWS_SECRET_ACCESS_KEY (and AWS_SESSION_TOKEN) come from the same credential set as AWS_ACCESS_KEY_ID, without stray whitespace. With `sts-endpoint`/`bedrock-endpoint`/`bedrock-runtime-endpoint` or a proxy, make sure it forwards the Host header and path unchanged.',
        transient: false
    };
};
const expiredCredentials = (info, ctx) => {
    if (!EXPIRED.has(info.code))
        return undefined;
    return {
        cause: `The AWS credentials used for ${ctx.operation} have expired.`,
        fix: "Obtain fresh credentials right before this step (e.g. use `role-to-assume` here instead of an earlier step). If they expire during the job, the session is shorter than the job: raise `role-duration-seconds` (and the role's MaxSessionDuration with `aws iam update-role --max-session-duration`).",
        transient: false
    };
};
const noCredentials = (info, ctx) => {
    if (!NOTHING_SENT.has(info.code) && info.code !== 'CredentialsProviderError')
        return undefined;
    return {
        cause: `No AWS credentials were available for ${ctx.operation}: none were found in the environment and no \`role-to-assume\` or \`bedrock-api-key\` was given.`,
        fix: 'Set `role-to-assume` (with `permissions: id-token: write`), or run aws-actions/configure-aws-credentials before this step, or pass `bedrock-api-key` from a secret.',
        transient: false
    };
};
const credentialRecognizers = [
    apiKeyRejected,
    unknownKey,
    badSignature,
    expiredCredentials,
    noCredentials
];

;// CONCATENATED MODULE: ./build/diagnosis/modelErrors.js


/** The commands that show what this region really offers: the answer to every "which id?" question. */
function listCommands(ctx) {
    return codeBlock('sh', [
        `aws bedrock list-inference-profiles --region ${ctx.region} --query "inferenceProfileSummaries[?contains(inferenceProfileId, 'anthropic')].inferenceProfileId"`,
        `aws bedrock list-foundation-models --region ${ctx.region} --by-provider anthropic --query "modelSummaries[].[modelId,modelLifecycle.status]"`
    ].join('\n'));
}
const MOVE_TO_NEWER = 'Move to a newer model: set `model` (or `small-fast-model`) to a family alias (`sonnet`, `opus`, `haiku`) so the action picks the newest ACTIVE version, or to an ACTIVE id from:';
const marketplace = (info, ctx) => {
    if (!/AccessDenied/.test(info.code) || !/marketplace/i.test(info.message))
        return undefined;
    return {
        cause: `Bedrock could not complete the AWS Marketplace subscription for ${modelLabel(ctx)}: the caller lacks aws-marketplace:ViewSubscriptions / aws-marketplace:Subscribe (needed on first use of a model), or the subscription is still being processed.`,
        fix: [
            'Add this statement to the role (or user) policy:',
            jsonBlock((0,statements/* marketplaceStatement */.lI)()),
            'Then retry after about 15 minutes: a new subscription takes a while to become active.'
        ].join('\n'),
        transient: false
    };
};
const useCaseMissing = (info, ctx) => {
    if (!/use case details/i.test(info.message))
        return undefined;
    return {
        cause: `The Anthropic use case details form was never submitted for this AWS account, so Bedrock refuses Anthropic models (${modelLabel(ctx)}).`,
        fix: `In the Bedrock console (${ctx.region}) open Model catalog → an Anthropic Claude model → submit the use case details form. It is needed once per account (submitted from the organization's management account it covers member accounts). Retry about 15 minutes after submitting.`,
        transient: false
    };
};
const noModelAccess = (info, ctx) => {
    if (!/AccessDenied/.test(info.code) || !/don.t have access to the model/i.test(info.message))
        return undefined;
    return {
        cause: `Model access for ${modelLabel(ctx)} is not granted in ${ctx.region}: the model agreement was not accepted (or access was removed) for this account.`,
        fix: `Bedrock console (${ctx.region}) → Model access → Modify model access → select the model → accept its terms and request access (Anthropic models also ask for the use case form). \`aws bedrock get-foundation-model-availability --region ${ctx.region} --model-id ${ctx.modelId ?? 'MODEL_ID'}\` shows the agreement and authorization status.`,
        transient: false
    };
};
const legacyOrEndOfLife = (info, ctx) => {
    const legacy = /marked by provider as Legacy/i.test(info.message);
    const endOfLife = /end of (its )?life/i.test(info.message);
    if (!legacy && !endOfLife)
        return undefined;
    return {
        cause: endOfLife
            ? `${modelLabel(ctx)} has reached its end of life on Bedrock and can no longer be invoked.`
            : `${modelLabel(ctx)} is marked Legacy by its provider and this account has not used it in the last 30 days, so Bedrock refuses it.`,
        fix: [MOVE_TO_NEWER, listCommands(ctx)].join('\n'),
        transient: false
    };
};
const onDemandUnsupported = (info, ctx) => {
    if (!/^Validation/.test(info.code) || !/on-demand throughput/i.test(info.message))
        return undefined;
    const profile = ctx.suggestedProfileId;
    return {
        cause: `${modelLabel(ctx)} is a base model id, but this model has no on-demand throughput: Bedrock serves it only through an inference profile.`,
        fix: profile !== undefined
            ? `Use the inference profile id instead: \`model: ${profile}\` (or a family alias such as \`sonnet\`, which the action resolves to a profile).`
            : [
                'Use an inference profile id (geography prefix + base id, e.g. `us.…`) or a family alias such as `sonnet`. The profiles offered here:',
                listCommands(ctx)
            ].join('\n'),
        transient: false
    };
};
const MODEL_OPERATIONS = [
    'GetFoundationModel',
    'GetFoundationModelAvailability',
    'GetInferenceProfile',
    'Converse'
];
const unknownModel = (info, ctx) => {
    const invalidId = /^Validation/.test(info.code) &&
        /model identifier is invalid|invalid model identifier|(model|inference profile)\b.*\b(not found|does not exist)/i.test(info.message);
    const notFound = info.code === 'ResourceNotFoundException' && MODEL_OPERATIONS.includes(ctx.operation);
    if (!invalidId && !notFound)
        return undefined;
    return {
        cause: `Bedrock in ${ctx.region} (partition \`${ctx.partition}\`) does not offer ${modelLabel(ctx)}: a typo, a profile prefix for another geography (e.g. \`eu.\` called from a \`us-\` region), or a model not available in this region or partition.`,
        fix: [
            'Use an id Bedrock lists here (or a family alias such as `sonnet`), or set `aws-region` to a region that offers the model:',
            listCommands(ctx)
        ].join('\n'),
        transient: false
    };
};
/** Order matters: the use-case and end-of-life messages come as ResourceNotFound too. */
const modelRecognizers = [
    marketplace,
    useCaseMissing,
    noModelAccess,
    legacyOrEndOfLife,
    onDemandUnsupported,
    unknownModel
];

;// CONCATENATED MODULE: ./build/diagnosis/transient.js

/** Throttling and AWS-side failures: the same request succeeds a little later. */
const TRANSIENT_CODES = new Set([
    'Throttling',
    'ThrottlingException',
    'TooManyRequestsException',
    'RequestLimitExceeded',
    'ServiceQuotaExceededException',
    'ServiceUnavailable',
    'ServiceUnavailableException',
    'InternalFailure',
    'InternalError',
    'InternalServerException',
    'ModelNotReadyException',
    'ModelTimeoutException',
    'RequestTimeout',
    'RequestTimeoutException',
    'TimeoutError',
    // STS could not fetch GitHub's signing keys: a fresh attempt usually works.
    'IDPCommunicationError'
]);
/** Connection-level failures the SDK itself treats as retryable. */
const TRANSIENT_SYSTEM_CODES = new Set([
    'ECONNRESET',
    'ECONNREFUSED',
    'ECONNABORTED',
    'EPIPE',
    'ETIMEDOUT',
    'EHOSTUNREACH',
    'ENETUNREACH',
    'ENOTFOUND',
    'EAI_AGAIN'
]);
const TRANSIENT_STATUS = new Set([429, 500, 502, 503, 504]);
/** A daily token quota does not refill within any retry budget we have. */
function isDailyQuota(info) {
    return /per day/i.test(info.message);
}
function isMalformedResponse(error, info) {
    const fields = typeof error === 'object' && error !== null ? error : {};
    return (/Deserialization error/i.test(info.message) ||
        (info.code === 'SyntaxError' && '$response' in fields));
}
/**
 * Whether the same call can succeed if simply repeated. Pass the operation when known: an expired
 * OIDC token on AssumeRoleWithWebIdentity is cured by the fresh token a retry fetches, while an
 * expired session on any signed call is not.
 */
function isTransient(error, operation) {
    const info = describeAwsError(error);
    // Our own deadline aborted the call: the budget is spent, repeating it would only spend more.
    if (info.code === 'AbortError')
        return false;
    if ((TRANSIENT_CODES.has(info.code) || info.httpStatus === 429) && isDailyQuota(info))
        return false;
    if (info.code === 'ExpiredTokenException' && operation === 'AssumeRoleWithWebIdentity')
        return true;
    if (TRANSIENT_CODES.has(info.code))
        return true;
    const systemCode = systemErrorCode(error);
    if (systemCode !== undefined && TRANSIENT_SYSTEM_CODES.has(systemCode))
        return true;
    if (systemCode === 'ERR_HTTP2_STREAM_ERROR' && /REFUSED_STREAM/.test(info.message))
        return true;
    if (info.httpStatus !== undefined && TRANSIENT_STATUS.has(info.httpStatus))
        return true;
    return isMalformedResponse(error, info);
}

;// CONCATENATED MODULE: ./build/diagnosis/networkErrors.js


const HOST = /^[A-Za-z0-9.:[\]-]{1,253}$/;
/**
 * Where the call went, for the cause sentence: the configured endpoint's host (never the full URL,
 * which may carry credentials), else what Node recorded on the socket error.
 */
function targetHost(ctx, error) {
    if (ctx.endpoint !== undefined) {
        try {
            return new URL(ctx.endpoint).host;
        }
        catch {
            // Not a URL: fall through to what the socket error says.
        }
    }
    for (const fields of errorChain(error)) {
        const host = fields['hostname'] ?? fields['host'] ?? fields['address'];
        const port = fields['port'];
        if (typeof host === 'string' && HOST.test(host)) {
            return typeof port === 'number' ? `${host}:${port}` : host;
        }
    }
    return undefined;
}
const NETWORK_FIX = 'Check the runner can reach AWS: the proxy settings (HTTPS_PROXY / NO_PROXY), a VPC endpoint and its private DNS, and the custom endpoint inputs (`sts-endpoint`, `bedrock-endpoint`, `bedrock-runtime-endpoint`, AWS_ENDPOINT_URL_*).';
const TLS_CODE = /CERT|UNABLE_TO_(VERIFY|GET)|ERR_TLS/;
/** What each connection failure means, in a few words. */
function whatHappened(code) {
    if (code === 'ECONNREFUSED')
        return 'the connection was refused (nothing listens there, or a firewall rejects it)';
    if (code === 'ENOTFOUND' || code === 'EAI_AGAIN')
        return 'the host name did not resolve (DNS)';
    if (code === 'ETIMEDOUT' ||
        code === 'TimeoutError' ||
        code === 'RequestTimeout' ||
        code === 'RequestTimeoutException') {
        return 'the request timed out';
    }
    if (code === 'ECONNRESET' || code === 'EPIPE' || code === 'ECONNABORTED')
        return 'the connection was reset mid-request';
    if (code === 'EHOSTUNREACH' || code === 'ENETUNREACH')
        return 'the network or host is unreachable';
    return undefined;
}
function at(host) {
    return host !== undefined ? ` to ${host}` : '';
}
function tlsFailure(code, host, ctx) {
    return {
        cause: `TLS verification failed for ${ctx.operation}${at(host)} (${code}): a proxy or gateway presents a certificate Node does not trust.`,
        fix: "Give Node the proxy's CA: set `NODE_EXTRA_CA_CERTS` to the CA bundle path in the job env (self-hosted runners), or exempt AWS hosts in NO_PROXY. Never disable verification.",
        transient: false
    };
}
function http2Failure(code, host, ctx, transient) {
    return {
        cause: `HTTP/2 failed for ${ctx.operation}${at(host)} (${code}). The Bedrock runtime client speaks HTTP/2; a proxy or gateway that only speaks HTTP/1.1 breaks it.`,
        fix: `Make sure \`bedrock-runtime-endpoint\` (or the proxy in front of it) supports HTTP/2, or point it at the regional endpoint. ${NETWORK_FIX}`,
        transient
    };
}
const networkFailure = (info, ctx, error) => {
    const host = targetHost(ctx, error);
    if (info.code === 'AbortError') {
        return {
            cause: `${ctx.operation}${at(host)} was aborted: it did not finish within the action's time budget.`,
            fix: NETWORK_FIX,
            transient: false
        };
    }
    if (info.httpStatus === 407) {
        return {
            cause: `The proxy in front of ${host ?? 'AWS'} requires authentication (HTTP 407).`,
            fix: 'Put the proxy credentials in HTTPS_PROXY (as a secret), or exempt the AWS hosts in NO_PROXY.',
            transient: false
        };
    }
    const code = systemErrorCode(error) ?? info.code;
    if (TLS_CODE.test(code))
        return tlsFailure(code, host, ctx);
    if (code.startsWith('ERR_HTTP2'))
        return http2Failure(code, host, ctx, isTransient(error, ctx.operation));
    if (isMalformedResponse(error, info)) {
        return {
            cause: `The response to ${ctx.operation}${host !== undefined ? ` from ${host}` : ''} could not be parsed: something other than AWS answered (a proxy error page, a captive portal, a misconfigured gateway).`,
            fix: NETWORK_FIX,
            transient: true
        };
    }
    const what = whatHappened(code) ?? (/^E[A-Z]+$/.test(code) ? `the connection failed (${code})` : undefined);
    if (what === undefined)
        return undefined;
    return {
        cause: `${ctx.operation} could not reach AWS${at(host)}: ${what}.`,
        fix: NETWORK_FIX,
        transient: isTransient(error, ctx.operation)
    };
};

;// CONCATENATED MODULE: ./build/diagnosis/serviceErrors.js


const THROTTLING = new Set([
    'Throttling',
    'ThrottlingException',
    'TooManyRequestsException',
    'RequestLimitExceeded',
    'ServiceQuotaExceededException'
]);
const SERVER_SIDE = new Set([
    'ServiceUnavailable',
    'ServiceUnavailableException',
    'InternalFailure',
    'InternalError',
    'InternalServerException',
    'ModelNotReadyException',
    'ModelTimeoutException'
]);
function isSts(ctx) {
    return ctx.operation === 'AssumeRoleWithWebIdentity' || ctx.operation === 'GetCallerIdentity';
}
/** Bedrock quotas are named per model and per kind of call; this lists the ones for Claude. */
function quotaCommand(ctx) {
    return codeBlock('sh', `aws service-quotas list-service-quotas --service-code bedrock --region ${ctx.region} --query "Quotas[?contains(QuotaName, 'Claude')].[QuotaName,QuotaCode,Value]" --output table`);
}
const throttled = (info, ctx) => {
    if (!THROTTLING.has(info.code) && info.httpStatus !== 429)
        return undefined;
    if (isSts(ctx)) {
        return {
            cause: `STS throttled ${ctx.operation} in ${ctx.region} (too many concurrent jobs assuming roles in this account).`,
            fix: 'Retried with backoff; if it persists, stagger the jobs (e.g. `concurrency:` or a smaller matrix).',
            transient: true
        };
    }
    if (isDailyQuota(info)) {
        return {
            cause: `The daily token quota for ${modelLabel(ctx)} in ${ctx.region} is used up.`,
            fix: [
                'Wait for the quota to reset or request an increase of "Model invocation max tokens per day" for the model (Service Quotas → Amazon Bedrock). The quotas that apply:',
                quotaCommand(ctx)
            ].join('\n'),
            transient: false
        };
    }
    const kind = ctx.profileArn !== undefined ? 'Cross-region model inference' : 'On-demand model inference';
    return {
        cause: `Bedrock throttled ${ctx.operation} for ${modelLabel(ctx)} in ${ctx.region}: the account's requests- or tokens-per-minute quota is exhausted.`,
        fix: [
            `Retried with backoff. If it keeps happening, request an increase of "${kind} requests per minute" / "${kind} tokens per minute" for the model in Service Quotas → Amazon Bedrock (${ctx.region}), or run fewer jobs at once. The quotas that apply:`,
            quotaCommand(ctx)
        ].join('\n'),
        transient: true
    };
};
const serverSide = (info, ctx) => {
    const status = info.httpStatus ?? 0;
    if (!SERVER_SIDE.has(info.code) && !(status >= 500 && status <= 599))
        return undefined;
    const service = isSts(ctx) ? 'STS' : 'Bedrock';
    return {
        cause: `${service} failed on its side for ${ctx.operation} in ${ctx.region}${status > 0 ? ` (HTTP ${status})` : ''}.`,
        fix: `Retried with backoff; if it persists, re-run the job later and check the AWS Health Dashboard for ${service} in ${ctx.region}.`,
        // 501 and 505 say the endpoint cannot do this at all; the others pass.
        transient: SERVER_SIDE.has(info.code) || [500, 502, 503, 504].includes(status)
    };
};
const serviceRecognizers = [throttled, serverSide];

;// CONCATENATED MODULE: ./build/diagnosis/trustPolicy.js
const GITHUB_OIDC_HOST = 'token.actions.githubusercontent.com';
const GITHUB_OIDC_URL = `https://${GITHUB_OIDC_HOST}`;
const AUD_KEY = 'token.actions.githubusercontent.com:aud';
const SUB_KEY = 'token.actions.githubusercontent.com:sub';
/** Placeholder shown when the token could not be decoded: the user fills in their repository. */
const UNKNOWN_REPOSITORY = 'OWNER/REPO';
/**
 * The trust-policy Condition that matches this job's token: the audience exactly, and any `sub` of
 * the repository (`repo:owner/name:*`, which covers branches, tags, pull requests and
 * environments). A `sub` outside that pattern (a customised subject claim) is added as is, so
 * the condition always matches the token it was built from.
 */
function trustPolicyCondition(claims, audience) {
    const repository = claims.repository ?? /^repo:([^:]+):/.exec(claims.sub ?? '')?.[1];
    const repoPattern = `repo:${repository ?? UNKNOWN_REPOSITORY}:*`;
    const subs = claims.sub === undefined ||
        (repository !== undefined && claims.sub.startsWith(`repo:${repository}:`))
        ? [repoPattern]
        : [repoPattern, claims.sub];
    return { StringEquals: { [AUD_KEY]: audience }, StringLike: { [SUB_KEY]: subs } };
}
/** A complete trust-policy statement for the role, with the account's GitHub OIDC provider. */
function trustPolicyStatement(claims, audience, partition, accountId) {
    return {
        Effect: 'Allow',
        Principal: { Federated: oidcProviderArn(partition, accountId) },
        Action: 'sts:AssumeRoleWithWebIdentity',
        Condition: trustPolicyCondition(claims, audience)
    };
}
function oidcProviderArn(partition, accountId) {
    return `arn:${partition}:iam::${accountId ?? 'ACCOUNT_ID'}:oidc-provider/${GITHUB_OIDC_HOST}`;
}
/** The claims as the cause sentence names them. */
function describeClaims(claims) {
    if (claims === undefined || (claims.sub ?? claims.aud ?? claims.repository) === undefined) {
        return 'the token claims could not be read';
    }
    const show = (value) => value === undefined ? '(absent)' : `\`${value}\``;
    return `sub=${show(claims.sub)}, aud=${show(claims.aud)}, repository=${show(claims.repository)}`;
}
/**
 * Why a condition that looks right still fails: the comparisons are case-sensitive, a job with an
 * `environment:` gets a different `sub` form, and a renamed repository changes every `sub`.
 */
function subjectPitfalls(claims) {
    const sub = claims?.sub ?? '';
    const notes = [
        `IAM compares \`sub\` case-sensitively: \`repo:${claims?.repository ?? 'Owner/Repo'}:…\` must be spelled exactly as GitHub sends it (owner and repository names keep their capitals; a renamed or transferred repository changes \`sub\`).`
    ];
    const environment = /:environment:([^:]+)$/.exec(sub)?.[1];
    if (environment !== undefined) {
        notes.push(`This job runs in the \`${environment}\` environment, so its \`sub\` is \`${sub}\` (the \`environment:\` form has no \`ref:\`): a condition on \`…:ref:refs/heads/…\` never matches it.`);
    }
    else if (sub.endsWith(':pull_request')) {
        notes.push(`Pull-request jobs get \`sub\` = \`${sub}\`, not a \`ref:\` form.`);
    }
    return notes;
}

;// CONCATENATED MODULE: ./build/diagnosis/stsErrors.js


const DEFAULT_AUDIENCE = 'sts.amazonaws.com';
function audienceOf(ctx) {
    return ctx.audience ?? ctx.claims?.aud ?? DEFAULT_AUDIENCE;
}
function roleLabel(ctx) {
    return ctx.roleArn !== undefined ? `role \`${ctx.roleArn}\`` : 'the role';
}
function inAccount(ctx) {
    const account = accountOf(ctx);
    return account !== undefined ? `account ${account}` : "the role's account";
}
const noOidcProvider = (info, ctx) => {
    if (info.code !== 'InvalidIdentityToken' || !/No OpenIDConnect provider/i.test(info.message))
        return undefined;
    return {
        cause: `${inAccount(ctx)} has no IAM OIDC identity provider for ${GITHUB_OIDC_URL}, so STS cannot accept GitHub's token.`,
        fix: [
            `Create the provider once in ${inAccount(ctx)} (the account of \`role-to-assume\`), with audience \`${audienceOf(ctx)}\`:`,
            codeBlock('sh', `aws iam create-open-id-connect-provider --url ${GITHUB_OIDC_URL} --client-id-list ${audienceOf(ctx)}`),
            `Then trust it from the role: \`"Principal": {"Federated": "${oidcProviderArn(ctx.partition, accountOf(ctx))}"}\`.`
        ].join('\n'),
        transient: false
    };
};
const incorrectAudience = (info, ctx) => {
    if (info.code !== 'InvalidIdentityToken' || !/audience/i.test(info.message))
        return undefined;
    const audience = audienceOf(ctx);
    return {
        cause: `The token's audience \`${ctx.claims?.aud ?? audience}\` is not a client id of the ${GITHUB_OIDC_HOST} OIDC provider in ${inAccount(ctx)}.`,
        fix: [
            `Either add the audience to the provider's client ids:`,
            codeBlock('sh', `aws iam add-client-id-to-open-id-connect-provider --open-id-connect-provider-arn ${oidcProviderArn(ctx.partition, accountOf(ctx))} --client-id ${audience}`),
            `or set the \`audience\` input to a client id the provider lists (the default is \`${DEFAULT_AUDIENCE}\`). The role's trust policy must require the same value in \`${GITHUB_OIDC_HOST}:aud\`.`
        ].join('\n'),
        transient: false
    };
};
function trustFix(ctx) {
    const claims = ctx.claims ?? {};
    const lines = [
        `Make the trust policy of ${roleLabel(ctx)} accept this job's token. A statement that matches it:`,
        jsonBlock(trustPolicyStatement(claims, audienceOf(ctx), ctx.partition, accountOf(ctx)))
    ];
    if (claims.sub !== undefined) {
        lines.push(`To allow only this exact job context instead of the whole repository, use \`"StringEquals": {"${GITHUB_OIDC_HOST}:sub": "${claims.sub}"}\`.`);
    }
    lines.push(...subjectPitfalls(ctx.claims).map((note) => `- ${note}`));
    const roleName = roleNameOf(ctx.roleArn);
    lines.push(`- STS answers the same way when the role does not exist: check \`role-to-assume\` names the right account and role.` +
        (roleName !== undefined
            ? ` Compare with: \`aws iam get-role --role-name ${roleName} --query Role.AssumeRolePolicyDocument\``
            : ''));
    return lines.join('\n');
}
const trustMismatch = (info, ctx) => {
    if (ctx.operation !== 'AssumeRoleWithWebIdentity')
        return undefined;
    if (!['AccessDenied', 'AccessDeniedException', 'IDPRejectedClaim', 'InvalidIdentityToken'].includes(info.code)) {
        return undefined;
    }
    const verdict = info.code === 'IDPRejectedClaim' || info.code === 'InvalidIdentityToken'
        ? 'STS rejected the token'
        : "its trust policy does not accept this job's token";
    return {
        cause: `AssumeRoleWithWebIdentity was denied for ${roleLabel(ctx)}: ${verdict} (${describeClaims(ctx.claims)}).`,
        fix: trustFix(ctx),
        transient: false
    };
};
const idpCommunication = (info) => {
    if (info.code !== 'IDPCommunicationError')
        return undefined;
    return {
        cause: `STS could not fetch GitHub's OIDC signing keys from ${GITHUB_OIDC_URL} (a temporary failure between AWS and GitHub).`,
        fix: 'Retry with a fresh token (the action does so within its retry budget); if it persists, re-run the job and check githubstatus.com.',
        transient: true
    };
};
const oidcTokenExpired = (info, ctx) => {
    if (ctx.operation !== 'AssumeRoleWithWebIdentity' ||
        !/^ExpiredToken(Exception)?$/.test(info.code))
        return undefined;
    return {
        cause: 'The GitHub OIDC token expired before STS received it (tokens live a few minutes).',
        fix: "Fetch a fresh token and assume the role again right away (a retry does this). If it keeps happening, the runner's clock may be wrong: sync it (NTP) on self-hosted runners.",
        transient: true
    };
};
function durationFinding(ctx) {
    const asked = ctx.durationSeconds !== undefined ? `${ctx.durationSeconds} s` : 'the requested duration';
    const roleName = roleNameOf(ctx.roleArn) ?? 'ROLE_NAME';
    return {
        cause: `\`role-duration-seconds\` (${asked}) exceeds the MaxSessionDuration of ${roleLabel(ctx)}.`,
        fix: [
            "Lower `role-duration-seconds` to at most the role's maximum (default 3600), or raise the maximum (up to 43200) so the session outlives the job:",
            codeBlock('sh', `aws iam update-role --role-name ${roleName} --max-session-duration ${Math.min(43200, Math.max(3600, ctx.durationSeconds ?? 3600))}`),
            'A session shorter than the job makes Claude Code fail midway with expired credentials.'
        ].join('\n'),
        transient: false
    };
}
const durationTooLong = (info, ctx) => /^Validation(Error|Exception)$/.test(info.code) &&
    /DurationSeconds|MaxSessionDuration/i.test(info.message)
    ? durationFinding(ctx)
    : undefined;
const regionDisabled = (info, ctx) => {
    if (info.code !== 'RegionDisabledException')
        return undefined;
    return {
        cause: `STS is not activated in ${ctx.region} for ${inAccount(ctx)}.`,
        fix: `Activate it: IAM console → Account settings → Security Token Service (STS) → Endpoints → ${ctx.region} → Activate (needs an account administrator). Or point \`sts-endpoint\` at a region where STS is active.`,
        transient: false
    };
};
/** Order matters: specific messages before the catch-all trust mismatch on AssumeRoleWithWebIdentity. */
const stsRecognizers = [
    noOidcProvider,
    incorrectAudience,
    idpCommunication,
    oidcTokenExpired,
    durationTooLong,
    regionDisabled,
    trustMismatch
];

;// CONCATENATED MODULE: ./build/diagnosis/diagnose.js











/**
 * Most specific first. Network failures come before everything (they carry no AWS code); the
 * model-specific AccessDenied messages (Marketplace, model access, Legacy) before the IAM sentence
 * parser; the generic denial and the service-side catch-alls last.
 */
const RECOGNIZERS = [
    networkFailure,
    ...stsRecognizers,
    ...credentialRecognizers,
    ...modelRecognizers,
    iamDenied,
    ...serviceRecognizers,
    genericDenied
];
function describeForHumans(info) {
    const status = info.httpStatus !== undefined ? `, HTTP ${info.httpStatus}` : '';
    const requestId = info.requestId !== undefined ? `, request id ${info.requestId}` : '';
    return `${info.code}${status}${requestId}: ${info.message || '(no message)'}`;
}
function unrecognised(info, ctx, error) {
    const trail = info.requestId !== undefined
        ? ` CloudTrail in ${ctx.region} records the call under request id ${info.requestId}.`
        : '';
    return {
        cause: `${ctx.operation} failed in ${ctx.region} (${describeForHumans(info)}).`,
        fix: `Look up \`${info.code}\` for ${ctx.operation} in the AWS API reference; check the inputs (\`aws-region\`, \`model\`, \`role-to-assume\`) and the role's permissions.${trail} Re-run with step debug logging (ACTIONS_STEP_DEBUG) for the full call sequence.`,
        transient: isTransient(error, ctx.operation)
    };
}
/**
 * Turns any failure of an AWS call into a named cause and the exact fix. Only the error's code,
 * message (redacted, one line), request id and HTTP status are read and kept: never the whole error
 * object, whose `$response` can hold request headers.
 */
function diagnoseAwsError(error, ctx) {
    const awsError = describeAwsError(error);
    for (const recognize of RECOGNIZERS) {
        const finding = recognize(awsError, ctx, error);
        if (finding !== undefined)
            return { ...finding, awsError };
    }
    return { ...unrecognised(awsError, ctx, error), awsError };
}


/***/ })

};
