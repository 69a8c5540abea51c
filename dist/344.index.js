export const id = 344;
export const ids = [344];
export const modules = {

/***/ 4344:
/***/ ((__unused_webpack___webpack_module__, __webpack_exports__, __webpack_require__) => {

// ESM COMPAT FLAG
__webpack_require__.r(__webpack_exports__);

// EXPORTS
__webpack_require__.d(__webpack_exports__, {
  createAwsClients: () => (/* reexport */ clients/* createAwsClients */.G),
  obtainCredentials: () => (/* reexport */ obtainCredentials),
  proveIdentity: () => (/* reexport */ proveIdentity),
  verifyModels: () => (/* reexport */ verifyModels)
});

// EXTERNAL MODULE: ./build/aws/clients.js + 2 modules
var clients = __webpack_require__(1969);
// EXTERNAL MODULE: ./build/diagnosis/diagnose.js + 11 modules
var diagnose = __webpack_require__(866);
// EXTERNAL MODULE: ./node_modules/@smithy/core/dist-cjs/index.js
var dist_cjs = __webpack_require__(402);
// EXTERNAL MODULE: ./node_modules/@aws-sdk/client-bedrock/dist-es/BedrockClient.js + 8 modules
var BedrockClient = __webpack_require__(2026);
// EXTERNAL MODULE: ./node_modules/@smithy/core/dist-cjs/submodules/client/index.js
var client = __webpack_require__(2658);
// EXTERNAL MODULE: ./node_modules/@smithy/core/dist-cjs/submodules/endpoints/index.js
var endpoints = __webpack_require__(2085);
// EXTERNAL MODULE: ./node_modules/@aws-sdk/client-bedrock/dist-es/endpoint/EndpointParameters.js
var EndpointParameters = __webpack_require__(4570);
;// CONCATENATED MODULE: ./node_modules/@aws-sdk/client-bedrock/dist-es/commandBuilder.js



const command = (0,client.makeBuilder)(EndpointParameters/* commonParams */.S, "AmazonBedrockControlPlaneService", "BedrockClient", endpoints.getEndpointPlugin);
const _ep0 = {};
const _mw0 = (Command, cs, config, o) => [];

// EXTERNAL MODULE: ./node_modules/@aws-sdk/client-bedrock/dist-es/schemas/schemas_0.js + 2 modules
var schemas_0 = __webpack_require__(9828);
;// CONCATENATED MODULE: ./node_modules/@aws-sdk/client-bedrock/dist-es/commands/ListInferenceProfilesCommand.js


class ListInferenceProfilesCommand extends command(_ep0, _mw0, "ListInferenceProfiles", schemas_0/* ListInferenceProfiles$ */.Clq) {
}

;// CONCATENATED MODULE: ./node_modules/@aws-sdk/client-bedrock/dist-es/pagination/ListInferenceProfilesPaginator.js



const paginateListInferenceProfiles = (0,dist_cjs.createPaginator)(BedrockClient/* BedrockClient */.e, ListInferenceProfilesCommand, "nextToken", "nextToken", "maxResults");

;// CONCATENATED MODULE: ./node_modules/@aws-sdk/client-bedrock/dist-es/commands/ListFoundationModelsCommand.js


class ListFoundationModelsCommand extends command(_ep0, _mw0, "ListFoundationModels", schemas_0/* ListFoundationModels$ */.Qoe) {
}

;// CONCATENATED MODULE: ./node_modules/@aws-sdk/client-bedrock/dist-es/commands/GetInferenceProfileCommand.js


class GetInferenceProfileCommand extends command(_ep0, _mw0, "GetInferenceProfile", schemas_0/* GetInferenceProfile$ */.hai) {
}

;// CONCATENATED MODULE: ./build/models/catalogue.js

/** A control-plane call failed; keeps which one, so the diagnosis can name the missing permission. */
class CatalogueLoadError extends Error {
    operation;
    cause;
    constructor(operation, cause) {
        super(`${operation} failed: ${cause instanceof Error ? cause.message : String(cause)}`);
        this.name = 'CatalogueLoadError';
        this.operation = operation;
        this.cause = cause;
    }
}
async function tagged(operation, work) {
    try {
        return await work();
    }
    catch (error) {
        throw new CatalogueLoadError(operation, error);
    }
}
/** The API's largest page: the service default is small, and every further page is a round trip. */
const PROFILES_PAGE_SIZE = 1000;
async function listSystemProfiles(client) {
    const profiles = [];
    for await (const page of paginateListInferenceProfiles({ client }, { typeEquals: 'SYSTEM_DEFINED', maxResults: PROFILES_PAGE_SIZE })) {
        profiles.push(...(page.inferenceProfileSummaries ?? []));
    }
    return profiles;
}
/** Both listings run at once: they are independent and each costs a round trip. */
async function loadCatalogue(client, region) {
    const [models, profiles] = await Promise.all([
        tagged('ListFoundationModels', () => client.send(new ListFoundationModelsCommand({ byProvider: 'Anthropic' }))),
        tagged('ListInferenceProfiles', () => listSystemProfiles(client))
    ]);
    return { region, foundationModels: models.modelSummaries ?? [], profiles };
}
/** Fetches one application inference profile by ARN (its `models` name the foundation model). */
async function loadApplicationProfile(client, arn) {
    const response = await tagged('GetInferenceProfile', () => client.send(new GetInferenceProfileCommand({ inferenceProfileIdentifier: arn })));
    // The same fields as a listed profile, without the response metadata.
    return {
        inferenceProfileName: response.inferenceProfileName,
        description: response.description,
        createdAt: response.createdAt,
        updatedAt: response.updatedAt,
        inferenceProfileArn: response.inferenceProfileArn,
        models: response.models,
        inferenceProfileId: response.inferenceProfileId,
        status: response.status,
        type: response.type
    };
}
/** A catalogue that also knows `profile` (an application profile fetched on demand). */
function withProfile(catalogue, profile) {
    return { ...catalogue, profiles: [...catalogue.profiles, profile] };
}

// EXTERNAL MODULE: ./build/inputs/config.js
var config = __webpack_require__(6940);
;// CONCATENATED MODULE: ./build/models/bedrockArn.js
/** `arn:{partition}:bedrock:{region}::foundation-model/{modelId}`: foundation models have no account. */
function foundationModelArn(partition, region, modelId) {
    return `arn:${partition}:bedrock:${region}::foundation-model/${modelId}`;
}
/** Reads any Bedrock ARN; undefined when the text is not one. */
function parseBedrockArn(arn) {
    const match = /^arn:([^:]+):bedrock:([^:]*):([^:]*):([^/]+)\/(.+)$/.exec(arn);
    if (!match)
        return undefined;
    const [, partition = '', region = '', accountId = '', resourceType = '', resourceId = ''] = match;
    return { partition, region, accountId, resourceType, resourceId };
}

;// CONCATENATED MODULE: ./build/models/modelId.js
/**
 * Reading Anthropic model ids as Bedrock spells them. Two styles coexist:
 * version first (`anthropic.claude-3-7-sonnet-20250219-v1:0`) and family first
 * (`anthropic.claude-sonnet-4-5-20250929-v1:0`, `anthropic.claude-opus-4-6-v1`, `anthropic.claude-opus-5`).
 * Nothing here knows a list of models or families: both come from the ids themselves.
 */
const DATE = /^\d{8}$/;
const NUMBER = /^\d{1,3}$/;
const REVISION = /^v(\d+)$/;
const WORD = /^[a-z]+$/;
/** Splits a base model id (`anthropic.claude-...`), no profile prefix, no `[1m]`. */
function parseModelId(modelId) {
    const name = modelId.slice(modelId.indexOf('.') + 1);
    const [main = '', ...colonParts] = name.toLowerCase().split(':');
    let family;
    const version = [];
    let date = 0;
    const revision = [];
    for (const part of main.split('-')) {
        const rev = REVISION.exec(part);
        if (rev)
            revision.push(Number(rev[1]));
        else if (DATE.test(part))
            date = Number(part);
        else if (NUMBER.test(part))
            version.push(Number(part));
        else if (WORD.test(part) && part !== 'claude' && family === undefined)
            family = part;
    }
    // `v1:0` carries its minor revision after the colon; other suffixes (`:28k`, `:200k`) are variants.
    const minor = colonParts[0];
    if (minor !== undefined && NUMBER.test(minor))
        revision.push(Number(minor));
    return { family, version, date, revision };
}
/** Family word of a base model id, or undefined. */
function modelFamily(modelId) {
    return parseModelId(modelId).family;
}
function compareNumberLists(a, b) {
    for (let i = 0; i < Math.max(a.length, b.length); i++) {
        const diff = (a[i] ?? 0) - (b[i] ?? 0);
        if (diff !== 0)
            return diff;
    }
    return 0;
}
/** Sort comparator: newest first (highest version, then latest date, then highest revision). */
function newestFirst(a, b) {
    const pa = parseModelId(a);
    const pb = parseModelId(b);
    return (compareNumberLists(pb.version, pa.version) ||
        pb.date - pa.date ||
        compareNumberLists(pb.revision, pa.revision) ||
        // Ids are ASCII: code-unit order is stable and avoids setting up ICU collation at start-up.
        (a < b ? -1 : a > b ? 1 : 0));
}
/** Splits `us.anthropic.claude-...` into its geography prefix and base model id. */
function splitProfileId(profileId) {
    const match = /^([a-z][a-z-]*)\.(anthropic\..+)$/.exec(profileId);
    return match?.[1] !== undefined && match[2] !== undefined
        ? { prefix: match[1], baseModelId: match[2] }
        : undefined;
}

;// CONCATENATED MODULE: ./build/models/catalogueQueries.js



function findFoundationModel(catalogue, modelId) {
    return catalogue.foundationModels.find((model) => model.modelId === modelId);
}
/**
 * `inferenceTypesSupported` holds `INFERENCE_PROFILE` for models that only run through a profile;
 * the SDK's enum predates that value, so compare as strings.
 */
function supportsOnDemand(model) {
    return (model?.inferenceTypesSupported ?? []).some((type) => String(type) === 'ON_DEMAND');
}
/** Lifecycle of a base model; a model only reachable through profiles is not listed, so ACTIVE. */
function lifecycleOf(catalogue, modelId) {
    const lifecycle = findFoundationModel(catalogue, modelId)?.modelLifecycle;
    if (lifecycle?.status !== 'LEGACY')
        return { status: 'ACTIVE' };
    return {
        status: 'LEGACY',
        ...(lifecycle.legacyTime ? { legacyTime: lifecycle.legacyTime } : {}),
        ...(lifecycle.endOfLifeTime ? { endOfLifeTime: lifecycle.endOfLifeTime } : {})
    };
}
/** Preferred prefix first, then `global`, then the other known geographies, then unknown ones. */
function prefixRank(prefix, preferredPrefix) {
    if (prefix === preferredPrefix)
        return 0;
    if (prefix === 'global')
        return 1;
    const known = config/* PROFILE_PREFIXES */.L.indexOf(prefix);
    return known >= 0 ? 2 + known : 2 + config/* PROFILE_PREFIXES */.L.length;
}
function systemProfiles(catalogue) {
    return catalogue.profiles.filter((profile) => profile.type !== 'APPLICATION');
}
/** System profiles that serve `baseModelId`, best prefix first. */
function profilesForModel(catalogue, baseModelId, preferredPrefix) {
    const matching = systemProfiles(catalogue).flatMap((profile) => {
        const split = splitProfileId(profile.inferenceProfileId ?? '');
        return split?.baseModelId === baseModelId ? [{ profile, prefix: split.prefix }] : [];
    });
    return matching
        .sort((a, b) => prefixRank(a.prefix, preferredPrefix) - prefixRank(b.prefix, preferredPrefix) ||
        (a.prefix < b.prefix ? -1 : a.prefix > b.prefix ? 1 : 0))
        .map(({ profile }) => profile);
}
function findProfileById(catalogue, profileId) {
    return catalogue.profiles.find((profile) => profile.inferenceProfileId === profileId);
}
function findProfileByArn(catalogue, arn) {
    return catalogue.profiles.find((profile) => profile.inferenceProfileArn === arn);
}
/** Every base model id the region knows of: listed models plus those only reachable via a profile. */
function knownModelIds(catalogue) {
    const ids = new Set();
    for (const model of catalogue.foundationModels)
        if (model.modelId)
            ids.add(model.modelId);
    for (const profile of systemProfiles(catalogue)) {
        const split = splitProfileId(profile.inferenceProfileId ?? '');
        if (split)
            ids.add(split.baseModelId);
    }
    return [...ids];
}
/** Family words present in the region, sorted, for "did you mean" fixes. */
function familiesOffered(catalogue) {
    const families = new Set();
    for (const id of knownModelIds(catalogue)) {
        const family = modelFamily(id);
        if (family)
            families.add(family);
    }
    return [...families].sort();
}
/** Foundation-model ARNs a profile routes to, and their regions (where IAM must allow the model). */
function profileDestinations(profile) {
    const foundationModelArns = (profile.models ?? []).flatMap((model) => model.modelArn ? [model.modelArn] : []);
    // A global profile also lists a region-less ARN (`arn:aws:bedrock:::foundation-model/...`).
    const destinationRegions = [
        ...new Set(foundationModelArns.flatMap((arn) => parseBedrockArn(arn)?.region || []))
    ];
    return { foundationModelArns, destinationRegions };
}

;// CONCATENATED MODULE: ./build/models/resolveModel.js



/** The action input a role's model comes from, so fixes name what to edit. */
function modelInputName(role) {
    return role === 'main' ? 'model' : 'small-fast-model';
}
function exportIdOf(ref, lookupId) {
    return ref.oneMillionContext ? `${lookupId}[1m]` : lookupId;
}
function viaProfile(lookup, profile, foundationModelId, invokeId) {
    const { foundationModelArns, destinationRegions } = profileDestinations(profile);
    return {
        role: lookup.role,
        ref: lookup.ref,
        region: lookup.catalogue.region,
        exportId: exportIdOf(lookup.ref, invokeId),
        invokeId,
        arn: profile.inferenceProfileArn ?? invokeId,
        type: profile.type === 'APPLICATION' ? 'application-inference-profile' : 'system-inference-profile',
        family: modelFamily(foundationModelId) ?? '',
        foundationModelId,
        foundationModelArns,
        destinationRegions,
        lifecycle: lifecycleOf(lookup.catalogue, foundationModelId)
    };
}
function viaFoundationModel(lookup, modelId, invokeId) {
    const { catalogue, partition } = lookup;
    const arn = foundationModelArn(partition, catalogue.region, modelId);
    return {
        role: lookup.role,
        ref: lookup.ref,
        region: catalogue.region,
        exportId: exportIdOf(lookup.ref, invokeId),
        invokeId,
        arn,
        type: 'foundation-model',
        family: modelFamily(modelId) ?? '',
        foundationModelId: modelId,
        foundationModelArns: [arn],
        destinationRegions: [catalogue.region],
        lifecycle: lifecycleOf(catalogue, modelId)
    };
}
/** How an alias would call `modelId`: its best profile, else on demand, else not at all. */
function callableCandidate(lookup, modelId) {
    const [profile] = profilesForModel(lookup.catalogue, modelId, lookup.preferredPrefix);
    if (profile?.inferenceProfileId)
        return viaProfile(lookup, profile, modelId, profile.inferenceProfileId);
    if (supportsOnDemand(findFoundationModel(lookup.catalogue, modelId))) {
        return viaFoundationModel(lookup, modelId, modelId);
    }
    return undefined;
}
/** Callable models of a family, newest first, ACTIVE ones only unless there are none. */
function familyCandidates(lookup, family) {
    const callable = knownModelIds(lookup.catalogue)
        .filter((id) => modelFamily(id) === family)
        .sort(newestFirst)
        .flatMap((id) => callableCandidate(lookup, id) ?? []);
    const active = callable.filter((model) => model.lifecycle.status === 'ACTIVE');
    return active.length > 0 ? active : callable;
}
function failure(cause, fix) {
    return { ok: false, cause, fix };
}
function resolved(model) {
    return { ok: true, candidates: [model] };
}
function resolvedAny(candidates) {
    const [first, ...rest] = candidates;
    return first ? { ok: true, candidates: [first, ...rest] } : undefined;
}
function offeredFamiliesText(catalogue) {
    const families = familiesOffered(catalogue);
    return families.length > 0
        ? `Claude families offered in ${catalogue.region}: ${families.join(', ')}.`
        : `Bedrock lists no Claude model in ${catalogue.region}: choose another \`aws-region\`.`;
}
/** Fix for an id the region does not offer: the same model under other prefixes, else its family. */
function closestIdsFix(lookup, wantedId, baseModelId) {
    const input = modelInputName(lookup.role);
    const sameModel = profilesForModel(lookup.catalogue, baseModelId, lookup.preferredPrefix).flatMap((profile) => profile.inferenceProfileId ?? []);
    if (supportsOnDemand(findFoundationModel(lookup.catalogue, baseModelId)))
        sameModel.push(baseModelId);
    const alternatives = sameModel.filter((id) => id !== wantedId);
    if (alternatives.length > 0) {
        return `Set \`${input}\` to an id offered in ${lookup.catalogue.region}: ${alternatives.map((id) => `\`${id}\``).join(', ')}.`;
    }
    const family = modelFamily(baseModelId);
    const familyIds = family ? familyCandidates(lookup, family).map((model) => model.invokeId) : [];
    if (familyIds.length > 0) {
        return `Set \`${input}\` to \`${family}\` (the newest available) or one of: ${familyIds
            .slice(0, 3)
            .map((id) => `\`${id}\``)
            .join(', ')}.`;
    }
    return `Set \`${input}\` to a family alias such as \`sonnet\`. ${offeredFamiliesText(lookup.catalogue)}`;
}
function notOffered(lookup, wantedId, baseModelId) {
    const cause = baseModelId.startsWith('anthropic.')
        ? `\`${wantedId}\` is not offered in ${lookup.catalogue.region}`
        : `\`${wantedId}\` is not a Claude model offered in ${lookup.catalogue.region} (Claude Code needs an Anthropic model)`;
    return failure(cause, closestIdsFix(lookup, wantedId, baseModelId));
}
function resolveAlias(lookup, family) {
    const { catalogue } = lookup;
    const known = knownModelIds(catalogue).filter((id) => modelFamily(id) === family);
    if (known.length === 0) {
        return failure(`No Claude ${family} model is offered in ${catalogue.region}`, `Set \`${modelInputName(lookup.role)}\` to another family or choose another \`aws-region\`. ${offeredFamiliesText(catalogue)}`);
    }
    return (resolvedAny(familyCandidates(lookup, family)) ??
        failure(`Claude ${family} models are listed in ${catalogue.region}, but none can be called on demand or through an inference profile`, `Choose a region where Bedrock offers an inference profile for Claude ${family}, or another family. ${offeredFamiliesText(catalogue)}`));
}
/** A base model id (or its foundation-model ARN, passed as `invokeId`). */
function resolveBaseModel(lookup, modelId, invokeId) {
    const { catalogue } = lookup;
    const model = findFoundationModel(catalogue, modelId);
    if (supportsOnDemand(model))
        return resolved(viaFoundationModel(lookup, modelId, invokeId));
    const profileIds = profilesForModel(catalogue, modelId, lookup.preferredPrefix).flatMap((profile) => profile.inferenceProfileId ?? []);
    if (!model && profileIds.length === 0)
        return notOffered(lookup, invokeId, modelId);
    const [best, ...others] = profileIds;
    return failure(`\`${modelId}\` has no on-demand throughput in ${catalogue.region}: it can only be called through an inference profile`, best
        ? `Set \`${modelInputName(lookup.role)}: ${best}\` (the inference profile for this model${others.length > 0 ? `; also offered: ${others.map((id) => `\`${id}\``).join(', ')}` : ''}).`
        : `No inference profile for this model is offered in ${catalogue.region}: choose another region or model. ${offeredFamiliesText(catalogue)}`);
}
function resolveProfile(lookup, profileId, baseModelId, invokeId) {
    const profile = findProfileById(lookup.catalogue, profileId);
    if (!profile)
        return notOffered(lookup, profileId, baseModelId);
    return resolved(viaProfile(lookup, profile, baseModelId, invokeId));
}
function resolveApplicationProfile(lookup, arn) {
    const profile = findProfileByArn(lookup.catalogue, arn);
    if (!profile) {
        return failure(`Application inference profile \`${arn}\` was not found in ${lookup.catalogue.region}`, `Check the ARN with \`aws bedrock get-inference-profile --inference-profile-identifier ${arn}\`, or set \`${modelInputName(lookup.role)}\` to a system profile id.`);
    }
    const firstModelArn = profile.models?.find((model) => model.modelArn)?.modelArn;
    const modelId = firstModelArn ? parseBedrockArn(firstModelArn)?.resourceId : undefined;
    if (!modelId) {
        return failure(`Application inference profile \`${arn}\` names no foundation model`, `Recreate the application profile from a Claude system inference profile or foundation model.`);
    }
    return resolved(viaProfile(lookup, profile, modelId, arn));
}
/**
 * An ARN is called by Claude Code against `AWS_REGION`; Bedrock does not accept an ARN from
 * another region there, so a mismatch is a configuration error, not something to paper over.
 */
function regionMismatch(lookup, arn, arnRegion) {
    const region = lookup.catalogue.region;
    if (arnRegion === region)
        return undefined;
    const regionInput = lookup.role === 'main' ? 'aws-region' : 'small-fast-model-region';
    return failure(`\`${arn}\` is in ${arnRegion}, but this model is called in ${region}`, `Set \`${regionInput}: ${arnRegion}\`, or use an ARN from ${region}.`);
}
/**
 * Resolves what the user asked for against one region's catalogue. Pure: every fact comes from
 * `catalogue` (which must already hold any application profile the ref names).
 * For an alias the candidates are the newest callable ACTIVE version first, then older ACTIVE
 * ones (tried in turn when the role cannot use the newest); LEGACY only when nothing is ACTIVE.
 */
function resolveModel(ref, role, catalogue, preferredPrefix, partition) {
    const lookup = { ref, role, catalogue, preferredPrefix, partition };
    switch (ref.kind) {
        case 'alias':
            return resolveAlias(lookup, ref.family.toLowerCase());
        case 'base-model-id':
            return resolveBaseModel(lookup, ref.modelId, ref.modelId);
        case 'inference-profile-id':
            return resolveProfile(lookup, ref.profileId, ref.baseModelId, ref.profileId);
        case 'inference-profile-arn': {
            const baseModelId = ref.profileId.slice(ref.profileId.indexOf('.') + 1);
            return (regionMismatch(lookup, ref.arn, ref.region) ??
                resolveProfile(lookup, ref.profileId, baseModelId, ref.arn));
        }
        case 'foundation-model-arn':
            return (regionMismatch(lookup, ref.arn, ref.region) ??
                resolveBaseModel(lookup, ref.modelId, ref.arn));
        case 'application-inference-profile-arn':
            return (regionMismatch(lookup, ref.arn, ref.region) ?? resolveApplicationProfile(lookup, ref.arn));
    }
}
/**
 * The newest ACTIVE model of `model`'s family, called the way `model` is (same profile prefix when
 * it is a profile), when it is newer than `model`: what a LEGACY warning should suggest.
 */
function newerActiveAlternative(model, catalogue, preferredPrefix, partition) {
    if (!model.family)
        return undefined;
    const prefix = model.type === 'system-inference-profile'
        ? model.invokeId.slice(0, Math.max(0, model.invokeId.indexOf('.anthropic.')))
        : preferredPrefix;
    const lookup = {
        ref: model.ref,
        role: model.role,
        catalogue,
        preferredPrefix: prefix || preferredPrefix,
        partition
    };
    const [newest] = familyCandidates(lookup, model.family);
    if (!newest || newest.lifecycle.status !== 'ACTIVE')
        return undefined;
    return newestFirst(newest.foundationModelId, model.foundationModelId) < 0
        ? newest.invokeId
        : undefined;
}

;// CONCATENATED MODULE: ./build/checks/checkNames.js
/** Stable ids and human titles of the model checks, in one place so the report stays consistent. */
function roleLabel(role) {
    return role === 'main' ? 'Main model' : 'Small model';
}
const checkNames = {
    bedrockReachable: (region) => ({
        id: `bedrock-reachable:${region}`,
        title: `Bedrock reachable in ${region}`
    }),
    modelResolves: (role) => ({
        id: `model-resolves:${role}`,
        title: `${roleLabel(role)} resolves`
    }),
    modelFallback: (role) => ({
        id: `model-fallback:${role}`,
        title: `${roleLabel(role)} uses an older version`
    }),
    modelAccess: (role) => ({
        id: `model-access:${role}`,
        title: `${roleLabel(role)} access`
    }),
    modelInvoke: (role) => ({
        id: `model-invoke:${role}`,
        title: `${roleLabel(role)} answers (1-token call)`
    })
};

;// CONCATENATED MODULE: ./build/checks/diagnosedCheck.js
/** The cause, fix and AWS error fields of a check that failed on an AWS error. */
function diagnosedFields(diagnosis) {
    const { awsError } = diagnosis;
    return {
        cause: diagnosis.cause,
        fix: diagnosis.fix,
        ...(awsError
            ? {
                awsError: {
                    code: awsError.code,
                    message: awsError.message,
                    ...(awsError.requestId ? { requestId: awsError.requestId } : {})
                }
            }
            : {})
    };
}
/** The AWS error name (`AccessDeniedException`, ...) of an SDK error, or undefined. */
function awsErrorName(error) {
    if (typeof error !== 'object' || error === null)
        return undefined;
    const name = error.name;
    return typeof name === 'string' ? name : undefined;
}
function awsErrorMessage(error) {
    if (typeof error !== 'object' || error === null)
        return '';
    const message = error.message;
    return typeof message === 'string' ? message : '';
}

;// CONCATENATED MODULE: ./build/checks/bedrockReachable.js




/** Loads a region's catalogue; never rejects, so callers can start it early and await it later. */
async function fetchCatalogue(client, region) {
    try {
        return { ok: true, catalogue: await loadCatalogue(client, region) };
    }
    catch (error) {
        return error instanceof CatalogueLoadError
            ? { ok: false, operation: error.operation, error: error.cause }
            : { ok: false, operation: 'ListFoundationModels', error };
    }
}
function bedrockReachableCheck(region, outcome, base) {
    const names = checkNames.bedrockReachable(region);
    if (outcome.ok) {
        const { foundationModels, profiles } = outcome.catalogue;
        return {
            ...names,
            status: 'pass',
            detail: `Listed ${foundationModels.length} Anthropic models and ${profiles.length} inference profiles in ${region}`
        };
    }
    const diagnosis = (0,diagnose/* diagnoseAwsError */.U3)(outcome.error, {
        ...base,
        region,
        operation: outcome.operation
    });
    return {
        ...names,
        status: 'fail',
        detail: `${outcome.operation} failed in ${region}`,
        ...diagnosedFields(diagnosis)
    };
}

;// CONCATENATED MODULE: ./node_modules/@aws-sdk/client-bedrock/dist-es/commands/GetFoundationModelAvailabilityCommand.js


class GetFoundationModelAvailabilityCommand extends command(_ep0, _mw0, "GetFoundationModelAvailability", schemas_0/* GetFoundationModelAvailability$ */.eW5) {
}

;// CONCATENATED MODULE: ./build/checks/modelAccess.js




async function fetchAvailability(client, foundationModelId) {
    try {
        const response = await client.send(new GetFoundationModelAvailabilityCommand({ modelId: foundationModelId }));
        // Only the answer's fields: the response metadata has no place in a check.
        const availability = {
            modelId: response.modelId,
            agreementAvailability: response.agreementAvailability,
            authorizationStatus: response.authorizationStatus,
            entitlementAvailability: response.entitlementAvailability,
            regionAvailability: response.regionAvailability
        };
        return { ok: true, availability };
    }
    catch (error) {
        return { ok: false, error };
    }
}
function invokeStatement(model) {
    const resources = [...new Set([model.arn, ...model.foundationModelArns])];
    return JSON.stringify({
        Effect: 'Allow',
        Action: ['bedrock:InvokeModel', 'bedrock:InvokeModelWithResponseStream'],
        Resource: resources
    });
}
const MARKETPLACE_FIX = 'allow the role `aws-marketplace:ViewSubscriptions` and `aws-marketplace:Subscribe` ' +
    '(condition `aws:CalledViaLast = bedrock.amazonaws.com`) so its first call subscribes';
/** One problem per field that is not in its good state, most fundamental first. */
function availabilityProblems(model, availability) {
    const id = `\`${model.foundationModelId}\``;
    const region = model.region;
    const problems = [];
    if (availability.regionAvailability === 'NOT_AVAILABLE') {
        problems.push({
            status: 'fail',
            cause: `Bedrock reports ${id} as not available in ${region}`,
            fix: `Use a region where the model is offered, or a cross-region inference profile (e.g. a family alias such as \`${model.family || 'sonnet'}\`).`
        });
    }
    if (availability.authorizationStatus === 'NOT_AUTHORIZED') {
        problems.push({
            status: 'fail',
            cause: `This role is not authorized to use ${id} (IAM policy, permissions boundary or SCP)`,
            fix: `Add to the role's IAM policy: \`${invokeStatement(model)}\`, and check that no SCP denies these regions: ${model.destinationRegions.join(', ') || region}.`
        });
    }
    if (availability.entitlementAvailability === 'NOT_AVAILABLE') {
        problems.push({
            status: 'fail',
            cause: `The account is not entitled to ${id} (no AWS Marketplace subscription)`,
            fix: `Enable the model for the account in the Bedrock console (Model access, ${region}), or ${MARKETPLACE_FIX}.`
        });
    }
    const agreement = availability.agreementAvailability;
    switch (agreement?.status) {
        case 'PENDING':
            problems.push({
                status: 'warn',
                cause: `The subscription to ${id} is in progress; it can take minutes`,
                fix: 'Nothing to change: re-run the job in a few minutes.'
            });
            break;
        case 'NOT_AVAILABLE':
            problems.push({
                status: 'fail',
                cause: `The model agreement for ${id} has not been accepted for this account (model access not granted)`,
                fix: `In the Bedrock console (${region}) open Model access, request access to ${id} and accept the agreement (first use of Anthropic models also asks for the use-case form); or ${MARKETPLACE_FIX}.`
            });
            break;
        case 'ERROR':
            problems.push({
                status: 'fail',
                cause: `The model agreement for ${id} is in an error state${agreement.errorMessage ? `: ${agreement.errorMessage}` : ''}`,
                fix: `Request access to ${id} again in the Bedrock console (Model access, ${region}); contact AWS Support if it stays in error.`
            });
            break;
    }
    return problems;
}
/** Turns a GetFoundationModelAvailability answer (or error) into the `model-access:<role>` check. */
function modelAccessCheck(model, outcome, base, verify) {
    const names = checkNames.modelAccess(model.role);
    if (!outcome.ok)
        return availabilityCallFailed(model, outcome.error, base, verify);
    const problems = availabilityProblems(model, outcome.availability);
    if (problems.length === 0) {
        return {
            check: {
                ...names,
                status: 'pass',
                detail: `\`${model.foundationModelId}\`: agreement accepted, authorized, entitled, available in ${model.region}`
            },
            blocksRole: false
        };
    }
    const status = problems.some((problem) => problem.status === 'fail') ? 'fail' : 'warn';
    return {
        check: {
            ...names,
            status,
            detail: `\`${model.foundationModelId}\`: ${problems.length === 1 ? 'access is not ready' : `${problems.length} access problems`}`,
            cause: problems.map((problem) => problem.cause).join('. '),
            fix: problems.map((problem) => problem.fix).join(' ')
        },
        blocksRole: status === 'fail'
    };
}
function availabilityCallFailed(model, error, base, verify) {
    const names = checkNames.modelAccess(model.role);
    const diagnosis = (0,diagnose/* diagnoseAwsError */.U3)(error, {
        ...base,
        region: model.region,
        operation: 'GetFoundationModelAvailability',
        modelId: model.foundationModelId
    });
    if (awsErrorName(error) === 'AccessDeniedException') {
        // Reading the status is a separate permission from using the model: not a reason to fail.
        return {
            check: {
                ...names,
                status: 'warn',
                detail: verify === 'invoke'
                    ? `Could not read the access status of \`${model.foundationModelId}\`; the 1-token call is the real proof`
                    : `Could not read the access status of \`${model.foundationModelId}\`; access is unproven (verify: ${verify})`,
                ...diagnosedFields(diagnosis),
                cause: 'The role may lack `bedrock:GetFoundationModelAvailability`',
                fix: `Add to the role's IAM policy: \`${JSON.stringify({ Effect: 'Allow', Action: 'bedrock:GetFoundationModelAvailability', Resource: '*' })}\`.`
            },
            blocksRole: false
        };
    }
    return {
        check: {
            ...names,
            status: 'fail',
            detail: `GetFoundationModelAvailability failed for \`${model.foundationModelId}\` in ${model.region}`,
            ...diagnosedFields(diagnosis)
        },
        blocksRole: false
    };
}
/**
 * The availability record can lag behind reality (a first call subscribes the account), so when
 * the 1-token call succeeded an access failure is only a warning.
 */
function reconcileWithInvoke(access, invoke) {
    if (access.status !== 'fail' || invoke.status !== 'pass')
        return access;
    return {
        ...access,
        status: 'warn',
        detail: `${access.detail} (but the 1-token call succeeded, so the model works for this role now)`
    };
}

// EXTERNAL MODULE: ./node_modules/@aws-sdk/client-bedrock-runtime/dist-es/endpoint/EndpointParameters.js
var endpoint_EndpointParameters = __webpack_require__(6323);
;// CONCATENATED MODULE: ./node_modules/@aws-sdk/client-bedrock-runtime/dist-es/commandBuilder.js





const commandBuilder_command = (0,client.makeBuilder)(endpoint_EndpointParameters/* commonParams */.S, "AmazonBedrockFrontendService", "BedrockRuntimeClient", endpoints.getEndpointPlugin);
const commandBuilder_ep0 = {};
const commandBuilder_mw0 = (Command, cs, config, o) => [];
const _mw1 = (Command, cs, config, o) => [
    getEventStreamPlugin(config),
    getWebSocketPlugin(config, {
        headerPrefix: "x-amz-bedrock-",
    }),
];

// EXTERNAL MODULE: ./node_modules/@aws-sdk/client-bedrock-runtime/dist-es/schemas/schemas_0.js + 2 modules
var schemas_schemas_0 = __webpack_require__(1124);
;// CONCATENATED MODULE: ./node_modules/@aws-sdk/client-bedrock-runtime/dist-es/commands/ConverseCommand.js


class ConverseCommand extends commandBuilder_command(commandBuilder_ep0, commandBuilder_mw0, "Converse", schemas_schemas_0/* Converse$ */.ovw) {
}

;// CONCATENATED MODULE: ./build/checks/modelInvoke.js




/** The cheapest proof of `bedrock:InvokeModel`: one user message, one output token. */
async function probeConverse(client, invokeId) {
    try {
        await client.send(new ConverseCommand({
            modelId: invokeId,
            messages: [{ role: 'user', content: [{ text: 'ping' }] }],
            inferenceConfig: { maxTokens: 1 }
        }));
        return { ok: true };
    }
    catch (error) {
        return { ok: false, error };
    }
}
/**
 * Failures that belong to this role or account (IAM, SCP, model access, agreement, Marketplace,
 * the Anthropic use-case form): an older model version may still work. Throttling, outages and
 * invalid ids would fail the same way for every version.
 */
function blocksRole(error) {
    const name = awsErrorName(error);
    if (name === 'AccessDeniedException')
        return true;
    return name === 'ResourceNotFoundException' && /use case/i.test(awsErrorMessage(error));
}
function modelInvokeCheck(model, outcome, base, suggestedProfileId) {
    const names = checkNames.modelInvoke(model.role);
    if (outcome.ok) {
        return {
            check: {
                ...names,
                status: 'pass',
                detail: `\`${model.invokeId}\` answered a 1-token call in ${model.region}`
            },
            blocksRole: false
        };
    }
    const diagnosis = (0,diagnose/* diagnoseAwsError */.U3)(outcome.error, {
        ...base,
        region: model.region,
        operation: 'Converse',
        modelId: model.invokeId,
        foundationModelArns: model.foundationModelArns,
        ...(model.type === 'foundation-model' ? {} : { profileArn: model.arn }),
        ...(suggestedProfileId ? { suggestedProfileId } : {})
    });
    return {
        check: {
            ...names,
            status: 'fail',
            detail: `\`${model.invokeId}\` did not answer a 1-token call in ${model.region}`,
            ...diagnosedFields(diagnosis)
        },
        blocksRole: blocksRole(outcome.error)
    };
}

;// CONCATENATED MODULE: ./build/checks/modelCalls.js




/**
 * Every AWS call the model checks make, memoised: when main and small share a region or a model,
 * each call still happens once. Results are outcome records, never rejections, so a call can be
 * started early and awaited later without an unhandled rejection.
 */
class ModelCalls {
    #clients;
    #bedrock = new Map();
    #runtime = new Map();
    #results = new Map();
    constructor(clients) {
        this.#clients = clients;
    }
    #once(key, call) {
        let result = this.#results.get(key);
        if (!result) {
            result = call();
            this.#results.set(key, result);
        }
        return result;
    }
    #bedrockClient(region) {
        let client = this.#bedrock.get(region);
        if (!client) {
            client = this.#clients.bedrock(region);
            this.#bedrock.set(region, client);
        }
        return client;
    }
    #runtimeClient(region) {
        let client = this.#runtime.get(region);
        if (!client) {
            client = this.#clients.runtime(region);
            this.#runtime.set(region, client);
        }
        return client;
    }
    catalogue(region) {
        return this.#once(`catalogue ${region}`, () => fetchCatalogue(this.#bedrockClient(region), region));
    }
    applicationProfile(region, arn) {
        return this.#once(`application-profile ${region} ${arn}`, async () => {
            try {
                return { ok: true, profile: await loadApplicationProfile(this.#bedrockClient(region), arn) };
            }
            catch (error) {
                return { ok: false, error: error instanceof CatalogueLoadError ? error.cause : error };
            }
        });
    }
    availability(region, foundationModelId) {
        return this.#once(`availability ${region} ${foundationModelId}`, () => fetchAvailability(this.#bedrockClient(region), foundationModelId));
    }
    converse(region, invokeId) {
        return this.#once(`converse ${region} ${invokeId}`, () => probeConverse(this.#runtimeClient(region), invokeId));
    }
}

;// CONCATENATED MODULE: ./build/checks/modelResolves.js


function day(date) {
    return date.toISOString().slice(0, 10);
}
function route(model) {
    const regions = model.destinationRegions.join(', ');
    switch (model.type) {
        case 'foundation-model':
            return `foundation model, on demand in ${model.region}`;
        case 'system-inference-profile':
            return regions ? `inference profile, routes to ${regions}` : 'inference profile';
        case 'application-inference-profile':
            return `application inference profile for ${model.foundationModelId}${regions ? `, routes to ${regions}` : ''}`;
    }
}
/** What the user wrote → what it resolved to, e.g. `sonnet → us.anthropic.claude-sonnet-4-6 (...)`. */
function resolutionSummary(model) {
    const asked = model.ref.raw === model.exportId ? '' : `${model.ref.raw} → `;
    return `${asked}${model.exportId} (${route(model)})`;
}
/**
 * A resolved model passes when ACTIVE; LEGACY warns with its dates and, when the region has one,
 * the newer ACTIVE id of the same family (`newerId`).
 */
function modelResolvedCheck(model, newerId) {
    const names = checkNames.modelResolves(model.role);
    const detail = resolutionSummary(model);
    const { lifecycle } = model;
    if (lifecycle.status === 'ACTIVE')
        return { ...names, status: 'pass', detail };
    const since = lifecycle.legacyTime ? ` since ${day(lifecycle.legacyTime)}` : '';
    const end = lifecycle.endOfLifeTime
        ? ` and reaches end of life on ${day(lifecycle.endOfLifeTime)}`
        : '';
    const input = modelInputName(model.role);
    const suggestion = newerId && model.ref.oneMillionContext ? `${newerId}[1m]` : newerId;
    const family = model.family || 'Claude';
    return {
        ...names,
        status: 'warn',
        detail: `${detail}: LEGACY`,
        cause: `\`${model.foundationModelId}\` is LEGACY${since}${end}`,
        fix: suggestion
            ? `Set \`${input}: ${suggestion}\` (the newest ACTIVE ${family} model in ${model.region})${model.family ? `, or \`${input}: ${model.family}\` to follow new releases` : ''}.`
            : `Bedrock offers no newer ACTIVE ${family} model in ${model.region}: move to another family or region before the end-of-life date.`
    };
}
function modelUnresolvedCheck(role, ref, cause, fix) {
    return {
        ...checkNames.modelResolves(role),
        status: 'fail',
        detail: `\`${ref.raw}\` could not be resolved`,
        cause,
        fix
    };
}
/** Resolution could not even start (Bedrock unreachable): the reachability check carries the fix. */
function modelResolutionSkipped(role, reason) {
    return { ...checkNames.modelResolves(role), status: 'skip', detail: reason };
}

;// CONCATENATED MODULE: ./build/checks/skippedChecks.js

const SKIP_REASONS = {
    verifyNone: 'Skipped: `verify: none` (resolution only)',
    verifyAccess: 'Skipped: `verify: access` makes no model call',
    unresolved: 'Skipped: the model did not resolve'
};
function accessSkipped(role, reason) {
    return { ...checkNames.modelAccess(role), status: 'skip', detail: reason };
}
function invokeSkipped(role, reason) {
    return { ...checkNames.modelInvoke(role), status: 'skip', detail: reason };
}

;// CONCATENATED MODULE: ./build/checks/verifyModels.js












/** How many versions of an alias to try before reporting the newest one's failure. */
const MAX_ALIAS_ATTEMPTS = 3;
function decisiveCheck(attempt, verify) {
    return verify === 'invoke' ? attempt.invoke : attempt.access;
}
async function verifyCandidate(run, model, catalogue) {
    const { verify, inferenceProfilePrefix } = run.config;
    const base = run.base(model.region);
    // Access and invoke do not depend on each other: both start now.
    const access = run.calls
        .availability(model.region, model.foundationModelId)
        .then((outcome) => modelAccessCheck(model, outcome, base, verify));
    const invoke = verify === 'invoke'
        ? run.calls.converse(model.region, model.invokeId).then((outcome) => {
            const suggested = model.type === 'foundation-model'
                ? profilesForModel(catalogue, model.foundationModelId, inferenceProfilePrefix)[0]
                    ?.inferenceProfileId
                : undefined;
            return modelInvokeCheck(model, outcome, base, suggested);
        })
        : Promise.resolve({
            check: invokeSkipped(model.role, SKIP_REASONS.verifyAccess),
            blocksRole: false
        });
    const [accessResult, invokeResult] = await Promise.all([access, invoke]);
    return {
        model,
        access: reconcileWithInvoke(accessResult.check, invokeResult.check),
        invoke: invokeResult.check,
        blocksRole: verify === 'invoke' ? invokeResult.blocksRole : accessResult.blocksRole
    };
}
function fallbackCheck(role, skipped, chosen, verify) {
    const newest = skipped[0];
    const reason = newest ? decisiveCheck(newest, verify) : undefined;
    const ids = skipped.map((attempt) => attempt.model.foundationModelId);
    const subject = ids.length === 1
        ? `${ids[0]} is newer but this role cannot use it`
        : `${ids.join(', ')} are newer but this role cannot use them`;
    return {
        ...checkNames.modelFallback(role),
        status: 'warn',
        detail: `${subject}: ${(reason?.cause ?? 'access denied').replace(/\.$/, '')}; using ${chosen.model.exportId}`,
        ...(reason?.cause ? { cause: reason.cause } : {}),
        fix: `${reason?.fix ? `${reason.fix} ` : ''}To keep this version and stop trying newer ones, set \`${modelInputName(role)}: ${chosen.model.exportId}\`.`,
        ...(reason?.awsError ? { awsError: reason.awsError } : {})
    };
}
/** Tries candidates newest first; an explicit id has one candidate, so it never falls back. */
async function verifyCandidates(run, plan, candidates, catalogue) {
    const { verify, inferenceProfilePrefix, partition } = run.config;
    const attempts = [];
    for (const model of candidates.slice(0, plan.ref.kind === 'alias' ? MAX_ALIAS_ATTEMPTS : 1)) {
        const attempt = await verifyCandidate(run, model, catalogue);
        attempts.push(attempt);
        if (!attempt.blocksRole)
            break;
    }
    const usableIndex = attempts.findIndex((attempt) => !attempt.blocksRole);
    const [newest] = attempts;
    if (!newest)
        throw new Error('resolveModel returned no candidate');
    const chosen = attempts[usableIndex] ?? newest;
    const skipped = usableIndex > 0 ? attempts.slice(0, usableIndex) : [];
    const fallback = skipped.length > 0 ? fallbackCheck(plan.role, skipped, chosen, verify) : undefined;
    const model = fallback
        ? { ...chosen.model, fallbackNote: fallback.detail }
        : chosen.model;
    const newer = newerActiveAlternative(model, catalogue, inferenceProfilePrefix, partition);
    let { access, invoke } = chosen;
    if (usableIndex < 0 && attempts.length > 1) {
        // Every version failed for this role: report the newest, and say the older ones fail too.
        const others = attempts
            .slice(1)
            .map((attempt) => attempt.model.exportId)
            .join(', ');
        const note = ` (older versions fail too: ${others})`;
        if (verify === 'invoke')
            invoke = { ...invoke, detail: invoke.detail + note };
        else
            access = { ...access, detail: access.detail + note };
    }
    return {
        checks: [modelResolvedCheck(model, newer), ...(fallback ? [fallback] : []), access, invoke],
        model
    };
}
function notResolved(role, resolves) {
    return {
        checks: [
            resolves,
            accessSkipped(role, SKIP_REASONS.unresolved),
            invokeSkipped(role, SKIP_REASONS.unresolved)
        ]
    };
}
async function verifyRole(run, plan) {
    const { role, ref, region } = plan;
    const { config, calls } = run;
    // Started before awaiting the catalogue: the two calls are independent.
    const applicationProfile = ref.kind === 'application-inference-profile-arn' && ref.region === region
        ? calls.applicationProfile(region, ref.arn)
        : undefined;
    const catalogueOutcome = await calls.catalogue(region);
    if (!catalogueOutcome.ok) {
        return notResolved(role, modelResolutionSkipped(role, `Skipped: Bedrock is not reachable in ${region}`));
    }
    let catalogue = catalogueOutcome.catalogue;
    if (applicationProfile) {
        const outcome = await applicationProfile;
        if (!outcome.ok) {
            const diagnosis = (0,diagnose/* diagnoseAwsError */.U3)(outcome.error, {
                ...run.base(region),
                operation: 'GetInferenceProfile',
                modelId: ref.raw,
                profileArn: ref.kind === 'application-inference-profile-arn' ? ref.arn : ref.raw
            });
            return notResolved(role, {
                ...modelUnresolvedCheck(role, ref, diagnosis.cause, diagnosis.fix),
                ...diagnosedFields(diagnosis)
            });
        }
        catalogue = withProfile(catalogue, outcome.profile);
    }
    const resolution = resolveModel(ref, role, catalogue, config.inferenceProfilePrefix, config.partition);
    if (!resolution.ok)
        return notResolved(role, modelUnresolvedCheck(role, ref, resolution.cause, resolution.fix));
    if (config.verify === 'none') {
        const [model] = resolution.candidates;
        return {
            checks: [
                modelResolvedCheck(model, newerActiveAlternative(model, catalogue, config.inferenceProfilePrefix, config.partition)),
                accessSkipped(role, SKIP_REASONS.verifyNone),
                invokeSkipped(role, SKIP_REASONS.verifyNone)
            ],
            model
        };
    }
    return verifyCandidates(run, plan, resolution.candidates, catalogue);
}
/**
 * Resolves and verifies the main and small models. Round trips on the critical path: the
 * catalogue of each distinct region (its two listings concurrently, regions concurrently, an
 * application profile alongside), then access and invoke of both models at once. Alias fallback
 * adds one more round per older version tried, only when the role cannot use the newer one.
 */
async function verifyModels(config, clients, principal) {
    const run = {
        config,
        calls: new ModelCalls(clients),
        base: (region) => ({
            region,
            partition: config.partition,
            ...(config.roleToAssume ? { roleArn: config.roleToAssume } : {}),
            ...(principal ? { principalArn: principal.arn, accountId: principal.accountId } : {})
        })
    };
    const plans = [
        { role: 'main', ref: config.model, region: config.region },
        {
            role: 'small',
            ref: config.smallFastModel,
            region: config.smallFastModelRegion ?? config.region
        }
    ];
    const regions = [...new Set(plans.map((plan) => plan.region))];
    const [reachable, [main, small]] = await Promise.all([
        Promise.all(regions.map(async (region) => bedrockReachableCheck(region, await run.calls.catalogue(region), run.base(region)))),
        Promise.all(plans.map((plan) => verifyRole(run, plan)))
    ]);
    if (!main || !small)
        throw new Error('both model roles must be verified');
    return {
        checks: [...reachable, ...main.checks, ...small.checks],
        ...(main.model ? { main: main.model } : {}),
        ...(small.model ? { small: small.model } : {})
    };
}

// EXTERNAL MODULE: ./build/credentials/assumeRoleWithOidc.js + 1 modules
var assumeRoleWithOidc = __webpack_require__(5916);
// EXTERNAL MODULE: ./build/credentials/credentialError.js
var credentialError = __webpack_require__(9444);
;// CONCATENATED MODULE: ./build/credentials/environmentCredentials.js

/**
 * Credentials already there: an earlier configure-aws-credentials step, a self-hosted runner's
 * instance or task role, a profile. Resolved once through the SDK's default chain so every later
 * call (and the identity proof) uses exactly these.
 */
function environmentCredentialSource(config, sts, setSecret) {
    return {
        origin: 'environment',
        async obtain() {
            try {
                const resolved = await sts().config.credentials();
                setSecret(resolved.accessKeyId);
                setSecret(resolved.secretAccessKey);
                if (resolved.sessionToken !== undefined)
                    setSecret(resolved.sessionToken);
                return {
                    origin: 'environment',
                    credentials: {
                        accessKeyId: resolved.accessKeyId,
                        secretAccessKey: resolved.secretAccessKey,
                        ...(resolved.sessionToken !== undefined ? { sessionToken: resolved.sessionToken } : {}),
                        ...(resolved.expiration !== undefined ? { expiration: resolved.expiration } : {})
                    }
                };
            }
            catch (error) {
                const reason = error instanceof Error ? error.message : String(error);
                throw new credentialError/* CredentialError */.o({
                    cause: `No AWS credentials: role-to-assume is not set and none were found in the environment (${reason}).`,
                    fix: [
                        'Do one of:',
                        `- set \`role-to-assume\` to an IAM role this repository may assume with GitHub OIDC (and \`permissions: id-token: write\`);`,
                        '- run aws-actions/configure-aws-credentials before this step;',
                        '- pass `bedrock-api-key` from a secret.',
                        `Region in use: ${config.region}.`
                    ].join('\n'),
                    transient: false
                });
            }
        }
    };
}

;// CONCATENATED MODULE: ./build/credentials/obtainCredentials.js



/** Variables that say AWS credentials are configured for the SDK's chain, short of probing instance metadata. */
const CREDENTIAL_HINTS = [
    'AWS_ACCESS_KEY_ID',
    'AWS_PROFILE',
    'AWS_WEB_IDENTITY_TOKEN_FILE',
    'AWS_CONTAINER_CREDENTIALS_FULL_URI',
    'AWS_CONTAINER_CREDENTIALS_RELATIVE_URI'
];
/**
 * Sources in the contract's order: role-to-assume (OIDC); else credentials already in the
 * environment. A Bedrock API key alone needs no AWS credentials, so then the environment is only
 * used when something in it says credentials are there (no slow metadata probe).
 */
async function obtainCredentials(deps) {
    const { config, env } = deps;
    const apiKeyOnly = config.roleToAssume === undefined &&
        config.bedrockApiKey !== undefined &&
        !CREDENTIAL_HINTS.some((name) => (env[name] ?? '') !== '');
    if (apiKeyOnly) {
        return {
            source: 'api-key',
            check: {
                id: 'credentials',
                title: 'Credentials',
                status: 'pass',
                detail: 'Bedrock API key (no AWS credentials needed; Bedrock calls use the key).'
            }
        };
    }
    const source = config.roleToAssume !== undefined
        ? (0,assumeRoleWithOidc/* oidcCredentialSource */.W)(deps)
        : environmentCredentialSource(config, deps.sts, deps.setSecret);
    try {
        const obtained = await source.obtain();
        return { source: source.origin, obtained, check: credentialCheck(obtained, config) };
    }
    catch (error) {
        if (!(error instanceof credentialError/* CredentialError */.o))
            throw error;
        const { diagnosis } = error;
        return {
            source: source.origin,
            check: {
                id: 'credentials',
                title: 'Credentials',
                status: 'fail',
                detail: source.origin === 'oidc'
                    ? `Could not assume ${config.roleToAssume ?? ''} with the GitHub OIDC token.`
                    : 'No usable AWS credentials in the environment.',
                cause: diagnosis.cause,
                fix: diagnosis.fix,
                ...(diagnosis.awsError !== undefined ? { awsError: diagnosis.awsError } : {})
            }
        };
    }
}
/** Below this, a session is likely to end inside the agent step that follows. */
const SHORT_SESSION_MS = 15 * 60 * 1000;
function credentialCheck(obtained, config, now = Date.now()) {
    const expiry = obtained.credentials.expiration;
    const until = expiry !== undefined ? `, valid until ${expiry.toISOString()}` : '';
    const detail = obtained.origin === 'oidc'
        ? `Assumed ${config.roleToAssume ?? ''} with GitHub OIDC (session ${config.roleSessionName}${until}).`
        : `Using the AWS credentials already in the environment${until}.`;
    const left = expiry === undefined ? Infinity : expiry.getTime() - now;
    if (left >= SHORT_SESSION_MS)
        return { id: 'credentials', title: 'Credentials', status: 'pass', detail };
    const minutes = Math.max(0, Math.floor(left / 60_000));
    return {
        id: 'credentials',
        title: 'Credentials',
        status: 'warn',
        detail,
        cause: `The session ends in ${minutes} min (${Math.max(0, Math.round(left / 1000))} s): a longer agent step will fail with ExpiredTokenException.`,
        fix: obtained.origin === 'oidc'
            ? `Raise \`role-duration-seconds\` (now ${config.roleDurationSeconds}) up to the role's MaxSessionDuration (\`aws iam update-role --role-name NAME --max-session-duration 43200\`); role chaining caps sessions at 1 hour. Keep \`refresh-credentials: true\` so \`run: claude\` steps renew the session themselves.`
            : 'Refresh the credentials before this step (e.g. run configure-aws-credentials with a longer `role-duration-seconds`), or use `role-to-assume` here so this action can set up renewing credentials.'
    };
}

// EXTERNAL MODULE: ./node_modules/@aws-sdk/client-sts/dist-es/commandBuilder.js
var commandBuilder = __webpack_require__(635);
// EXTERNAL MODULE: ./node_modules/@aws-sdk/client-sts/dist-es/schemas/schemas_0.js + 2 modules
var dist_es_schemas_schemas_0 = __webpack_require__(5741);
;// CONCATENATED MODULE: ./node_modules/@aws-sdk/client-sts/dist-es/commands/GetCallerIdentityCommand.js


class GetCallerIdentityCommand extends (0,commandBuilder/* command */.G5)(commandBuilder/* _ep0 */.lq, commandBuilder/* _mw0 */.yt, "GetCallerIdentity", dist_es_schemas_schemas_0/* GetCallerIdentity$ */.ef) {
}

;// CONCATENATED MODULE: ./build/credentials/proveIdentity.js


/**
 * GetCallerIdentity with exactly the credentials that will be exported: proves they work and says
 * whose they are, then enforces `allowed-account-ids` before anything is exported.
 */
async function proveIdentity(sts, config) {
    let identity;
    try {
        const response = await sts.send(new GetCallerIdentityCommand({}));
        identity = {
            accountId: response.Account ?? '',
            arn: response.Arn ?? '',
            userId: response.UserId ?? ''
        };
    }
    catch (error) {
        const diagnosis = (0,diagnose/* diagnoseAwsError */.U3)(error, {
            operation: 'GetCallerIdentity',
            region: config.region,
            partition: config.partition,
            ...(config.roleToAssume !== undefined ? { roleArn: config.roleToAssume } : {})
        });
        return {
            checks: [
                {
                    id: 'identity',
                    title: 'AWS identity',
                    status: 'fail',
                    detail: 'GetCallerIdentity failed with these credentials.',
                    cause: diagnosis.cause,
                    fix: diagnosis.fix,
                    ...(diagnosis.awsError !== undefined ? { awsError: diagnosis.awsError } : {})
                }
            ]
        };
    }
    const checks = [
        { id: 'identity', title: 'AWS identity', status: 'pass', detail: `Running as ${identity.arn}` }
    ];
    if (config.allowedAccountIds.length > 0)
        checks.push(allowedAccountCheck(identity, config));
    return { identity, checks };
}
function allowedAccountCheck(identity, config) {
    const allowed = config.allowedAccountIds;
    if (allowed.includes(identity.accountId)) {
        return {
            id: 'allowed-account',
            title: 'Allowed account',
            status: 'pass',
            detail: `Account ${identity.accountId} is in allowed-account-ids.`
        };
    }
    return {
        id: 'allowed-account',
        title: 'Allowed account',
        status: 'fail',
        detail: `Account ${identity.accountId} is not in allowed-account-ids (${allowed.join(', ')}).`,
        cause: `The credentials belong to account ${identity.accountId}, which allowed-account-ids does not list; nothing was exported.`,
        fix: `Use a role in one of ${allowed.join(', ')}, or add ${identity.accountId} to \`allowed-account-ids\` if this account is intended.`
    };
}

;// CONCATENATED MODULE: ./build/sdkModules.js
// Everything that evaluates the AWS SDK, which is most of the bundle. main.ts imports this with
// one dynamic import once the inputs are valid, so an input error exits without paying for it,
// and a real run loads it while the OIDC token request is already on the wire.






/***/ })

};
