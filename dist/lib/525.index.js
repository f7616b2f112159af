export const id = 525;
export const ids = [525];
export const modules = {

/***/ 9525:
/***/ ((__unused_webpack_module, __webpack_exports__, __webpack_require__) => {

// ESM COMPAT FLAG
__webpack_require__.r(__webpack_exports__);

// EXPORTS
__webpack_require__.d(__webpack_exports__, {
  buildPushAction: () => (/* binding */ buildPushAction)
});

// EXTERNAL MODULE: ./src/core/errors.ts
var errors = __webpack_require__(4296);
;// CONCATENATED MODULE: ./src/core/build/labels.ts

const OCI = 'org.opencontainers.image';
/** The default `org.opencontainers.image.*` labels; the source label only when the URL is known. */
function defaultLabels(facts) {
    return {
        ...(facts.sourceUrl ? { [`${OCI}.source`]: facts.sourceUrl } : {}),
        [`${OCI}.revision`]: facts.commit,
        [`${OCI}.created`]: facts.created,
        [`${OCI}.version`]: facts.version,
    };
}
/**
 * The creation time: SOURCE_DATE_EPOCH (seconds) when set, so rebuilding the same commit gives
 * the same labels, else `now`.
 */
function createdTime(sourceDateEpoch, now) {
    const epoch = sourceDateEpoch?.trim();
    if (!epoch)
        return now.toISOString().replace(/\.\d{3}Z$/, 'Z');
    if (!/^\d{1,12}$/.test(epoch)) {
        throw new errors/* CdpackError */.xd(`SOURCE_DATE_EPOCH is '${sourceDateEpoch}', expected seconds since 1970 (digits only)`);
    }
    return new Date(Number(epoch) * 1000).toISOString().replace(/\.\d{3}Z$/, 'Z');
}
/**
 * `KEY=VALUE` per line (the value may hold `=` and commas) for `labels` and `build-args`.
 * Blank lines and `#` comments are ignored; a later key replaces an earlier one.
 */
function parseKeyValues(input, text, keyRe) {
    const result = {};
    for (const line of text.split('\n')) {
        const trimmed = line.trim();
        if (trimmed === '' || trimmed.startsWith('#'))
            continue;
        const eq = trimmed.indexOf('=');
        const key = eq < 0 ? trimmed : trimmed.slice(0, eq).trim();
        if (eq < 0)
            throw new errors/* InputError */.dz(input, `'${trimmed}' is not KEY=VALUE`);
        if (!keyRe.test(key))
            throw new errors/* InputError */.dz(input, `'${key}' is not a valid key`);
        result[key] = trimmed.slice(eq + 1).trim();
    }
    return result;
}
const labelKeyRe = /^[A-Za-z0-9][A-Za-z0-9._/-]*$/;
const buildArgKeyRe = /^[A-Za-z_][A-Za-z0-9_]*$/;

// EXTERNAL MODULE: ./src/core/image/reference.ts
var reference = __webpack_require__(7600);
;// CONCATENATED MODULE: ./src/core/build/semver.ts
const ident = '[0-9A-Za-z-]+';
const semverRe = new RegExp(`^[vV]?(0|[1-9]\\d*)\\.(0|[1-9]\\d*)\\.(0|[1-9]\\d*)(?:-(${ident}(?:\\.${ident})*))?(?:\\+${ident}(?:\\.${ident})*)?$`);
/** Parses SemVer 2.0 with an optional leading `v`; build metadata (`+…`) is dropped. */
function parseSemver(tag) {
    const m = semverRe.exec(tag);
    if (!m)
        return undefined;
    return { major: Number(m[1]), minor: Number(m[2]), patch: Number(m[3]), prerelease: m[4], raw: tag };
}
/** `1.2.3` or `1.2.3-rc.1`. */
function versionString(v) {
    return `${v.major}.${v.minor}.${v.patch}${v.prerelease ? `-${v.prerelease}` : ''}`;
}

;// CONCATENATED MODULE: ./src/core/build/tags.ts



const attributes = {
    sha: [],
    'short-sha': ['length'],
    branch: [],
    semver: ['pattern'],
    pr: [],
    raw: ['value'],
};
const placeholderRe = /\{\{\s*([a-z]+)\s*\}\}/g;
const placeholders = ['version', 'major', 'minor', 'patch', 'raw'];
/**
 * The `tags` input: one entry per line; a line starting with `type=` is one rule (its commas
 * separate attributes), any other line may hold several comma-separated plain tags.
 */
function parseTagRules(text) {
    const rules = [];
    for (const line of text.split('\n').map((l) => l.trim())) {
        if (line === '' || line.startsWith('#'))
            continue;
        if (line.startsWith('type='))
            rules.push(parseRule(line));
        else {
            for (const tag of line.split(',').map((t) => t.trim())) {
                if (tag !== '')
                    rules.push({ type: 'plain', text: tag, value: tag, prefix: '', suffix: '' });
            }
        }
    }
    return rules;
}
function parseRule(text) {
    const fields = new Map();
    for (const part of text.split(',')) {
        const eq = part.indexOf('=');
        const key = (eq < 0 ? part : part.slice(0, eq)).trim();
        if (eq < 0 || key === '')
            throw new errors/* InputError */.dz('tags', `'${text}': expected key=value pairs, got '${part}'`);
        if (fields.has(key))
            throw new errors/* InputError */.dz('tags', `'${text}': '${key}' given twice`);
        fields.set(key, part.slice(eq + 1).trim());
    }
    const type = fields.get('type');
    if (!(type in attributes)) {
        throw new errors/* InputError */.dz('tags', `'${text}': unknown type '${type}'; expected one of ${Object.keys(attributes).join(', ')}`);
    }
    const allowed = ['type', 'prefix', 'suffix', ...attributes[type]];
    for (const key of fields.keys()) {
        if (!allowed.includes(key)) {
            throw new errors/* InputError */.dz('tags', `'${text}': type=${type} takes ${allowed.slice(1).join(', ')}, not '${key}'`);
        }
    }
    const rule = {
        type: type,
        text,
        prefix: fields.get('prefix') ?? '',
        suffix: fields.get('suffix') ?? '',
    };
    if (type === 'raw') {
        rule.value = fields.get('value') ?? '';
        if (rule.value === '')
            throw new errors/* InputError */.dz('tags', `'${text}': type=raw needs value=<tag>`);
    }
    if (type === 'short-sha') {
        const length = fields.get('length') ?? '7';
        if (!/^\d+$/.test(length) || Number(length) < 4 || Number(length) > 39) {
            throw new errors/* InputError */.dz('tags', `'${text}': length must be a whole number from 4 to 39, got '${length}'`);
        }
        rule.length = Number(length);
    }
    if (type === 'semver' && fields.has('pattern')) {
        const pattern = fields.get('pattern');
        const names = [...pattern.matchAll(placeholderRe)].map((m) => m[1]);
        const unknown = names.find((n) => !placeholders.includes(n));
        if (names.length === 0 || unknown) {
            throw new errors/* InputError */.dz('tags', `'${text}': pattern needs placeholders among ${placeholders.map((p) => `{{${p}}}`).join(', ')}${unknown ? `, not {{${unknown}}}` : ''}`);
        }
        rule.pattern = pattern;
    }
    return rule;
}
/** A branch name in tag grammar: other characters become `-`, no leading `.` or `-`, at most `max`. */
function sanitizeTag(name, max = 128) {
    return name
        .replace(/[^A-Za-z0-9_.-]/g, '-')
        .replace(/^[.-]+/, '')
        .slice(0, max);
}
/**
 * Evaluates the rules. The full commit SHA tag always comes first. Rules that do not apply
 * (type=branch on a tag build, …) produce nothing and say so; every produced tag is checked
 * against the OCI tag grammar, so a bad one fails before anything is built.
 */
function computeTags(rules, ctx, log) {
    const tags = [ctx.commit];
    const semver = ctx.gitTag ? parseSemver(ctx.gitTag) : undefined;
    const add = (rule, tag, derived) => {
        const full = `${rule.prefix}${tag}${rule.suffix}`;
        if (derived && full === 'latest') {
            log.warn(`tags: '${rule.text}' would produce 'latest', which is only pushed when listed explicitly; skipped`);
            return;
        }
        if (!(0,reference/* isValidTag */.r_)(full)) {
            throw new errors/* InputError */.dz('tags', `'${rule.text}' gives '${full}', not a valid tag (1-128 of [A-Za-z0-9_.-], not starting with '.' or '-')`);
        }
        if (!tags.includes(full))
            tags.push(full);
    };
    const skip = (rule, why) => log.info(`tags: '${rule.text}' skipped: ${why}`);
    for (const rule of rules) {
        switch (rule.type) {
            case 'plain':
            case 'raw':
                add(rule, rule.value, false);
                break;
            case 'sha':
                add(rule, ctx.commit, false);
                break;
            case 'short-sha':
                add(rule, ctx.commit.slice(0, rule.length ?? 7), false);
                break;
            case 'branch': {
                if (!ctx.branch) {
                    skip(rule, 'not a branch build');
                    break;
                }
                const room = 128 - rule.prefix.length - rule.suffix.length;
                const tag = sanitizeTag(ctx.branch, Math.max(room, 1));
                if (tag === '')
                    skip(rule, `branch '${ctx.branch}' has no character usable in a tag`);
                else
                    add(rule, tag, true);
                break;
            }
            case 'pr':
                if (ctx.pullRequest === undefined)
                    skip(rule, 'not a pull/merge request build');
                else
                    add(rule, `pr-${ctx.pullRequest}`, true);
                break;
            case 'semver':
                if (!ctx.gitTag)
                    skip(rule, 'not a git tag build');
                else if (!semver)
                    skip(rule, `git tag '${ctx.gitTag}' is not a semantic version (v1.2.3)`);
                else
                    for (const tag of semverTags(semver, rule.pattern))
                        add(rule, tag, true);
                break;
        }
    }
    return { tags, version: semver ? versionString(semver) : undefined };
}
/**
 * Without a pattern: `1.2.3`, plus `1.2` and `1` for a release (not a pre-release, and no bare
 * `0` for 0.x). A pattern that drops the pre-release part gives nothing for pre-releases, so an
 * `-rc` never moves a `1.2` tag.
 */
function semverTags(v, pattern) {
    if (!pattern) {
        if (v.prerelease)
            return [versionString(v)];
        return [versionString(v), `${v.major}.${v.minor}`, ...(v.major > 0 ? [String(v.major)] : [])];
    }
    const names = [...pattern.matchAll(placeholderRe)].map((m) => m[1]);
    if (v.prerelease && !names.includes('version') && !names.includes('raw'))
        return [];
    if (v.major === 0 && names.every((n) => n === 'major'))
        return [];
    const values = {
        version: versionString(v),
        major: String(v.major),
        minor: String(v.minor),
        patch: String(v.patch),
        raw: v.raw,
    };
    return [pattern.replace(placeholderRe, (_, name) => values[name])];
}

// EXTERNAL MODULE: ./src/core/text/markdown.ts
var markdown = __webpack_require__(8970);
// EXTERNAL MODULE: ./src/inputs/build-push.ts
var build_push = __webpack_require__(6666);
// EXTERNAL MODULE: ./src/inputs/read.ts
var read = __webpack_require__(4245);
// EXTERNAL MODULE: ./src/tools/process/temp.ts
var process_temp = __webpack_require__(4867);
// EXTERNAL MODULE: external "node:fs"
var external_node_fs_ = __webpack_require__(3024);
// EXTERNAL MODULE: external "node:fs/promises"
var promises_ = __webpack_require__(1455);
// EXTERNAL MODULE: external "node:path"
var external_node_path_ = __webpack_require__(6760);
;// CONCATENATED MODULE: ./src/core/build/builder.ts
/** `auto`: buildx when it works, else the Docker engine when a daemon answers, else buildah. */
async function selectBuilder(requested, probes) {
    if (requested !== 'auto')
        return { builder: requested, reason: 'requested' };
    if (await probes.buildx())
        return { builder: 'buildx', reason: "'docker buildx version' works" };
    if (await probes.dockerDaemon()) {
        return { builder: 'docker', reason: "no buildx, and 'docker info' reaches a Docker daemon" };
    }
    return { builder: 'buildah', reason: 'no buildx and no Docker daemon' };
}

;// CONCATENATED MODULE: ./src/tools/builders/auth.ts





/**
 * Creates the dir (mode 700) under `parent`; it is removed even when the job is cancelled. The user's CLI plugins, buildx builders and contexts
 * are linked in from `userConfigDir`, so a temporary DOCKER_CONFIG still finds the buildx plugin and
 * the builder set up earlier in the job; their credentials are not.
 */
async function createAuthDir(parent, userConfigDir) {
    const { dir, dispose } = await (0,process_temp/* temporaryDir */.F)(parent, 'cdpack-auth-');
    const configFile = (0,external_node_path_.join)(dir, 'config.json');
    await (0,promises_.writeFile)(configFile, '{"auths":{}}\n', { mode: 0o600 });
    if (userConfigDir) {
        for (const name of ['cli-plugins', 'buildx', 'contexts']) {
            const from = (0,external_node_path_.join)(userConfigDir, name);
            if ((0,external_node_fs_.existsSync)(from))
                await (0,promises_.symlink)(from, (0,external_node_path_.join)(dir, name));
        }
    }
    return { dir, configFile, dispose };
}
/**
 * Credentials an earlier login stored for `host` (docker login, buildah/podman login), read
 * from Docker-format auth files in order; credential helpers are not consulted.
 */
function storedCredentials(files, host, read) {
    const wanted = (0,reference/* registryOfAuthKey */.i8)(host);
    for (const file of files) {
        let auths;
        try {
            const text = read(file);
            auths = text ? JSON.parse(text).auths : undefined;
        }
        catch {
            continue;
        }
        for (const [key, entry] of Object.entries(auths ?? {})) {
            if ((0,reference/* registryOfAuthKey */.i8)(key) !== wanted || !entry?.auth)
                continue;
            const decoded = Buffer.from(entry.auth, 'base64').toString('utf8');
            const colon = decoded.indexOf(':');
            if (colon > 0)
                return { username: decoded.slice(0, colon), password: decoded.slice(colon + 1) };
        }
    }
    return undefined;
}

// EXTERNAL MODULE: ./src/tools/exec.ts
var exec = __webpack_require__(2122);
// EXTERNAL MODULE: ./src/tools/process/cleanup.ts
var cleanup = __webpack_require__(5825);
// EXTERNAL MODULE: external "node:child_process"
var external_node_child_process_ = __webpack_require__(1421);
;// CONCATENATED MODULE: ./src/tools/process/mounts.ts


/** Mount points at or under `dir` in this mount namespace, deepest first (Linux; none elsewhere). */
function mountsUnder(dir, mountinfo) {
    let text = mountinfo;
    if (text === undefined) {
        try {
            text = (0,external_node_fs_.readFileSync)('/proc/self/mountinfo', 'utf8');
        }
        catch {
            return [];
        }
    }
    const root = dir.replace(/\/+$/, '');
    return text
        .split('\n')
        .map((line) => line.split(' ')[4])
        .filter((p) => Boolean(p))
        .map((p) => p.replace(/\\([0-7]{3})/g, (_, octal) => String.fromCharCode(Number.parseInt(octal, 8))))
        .filter((p) => p === root || p.startsWith(`${root}/`))
        .sort((a, b) => b.length - a.length);
}
/**
 * Unmounts what a killed tool left mounted under `dir` (buildah's overlay store and layer mounts),
 * so the dir can be removed. Synchronous: it runs while the process stops on a signal.
 */
function unmountUnder(dir) {
    for (const point of mountsUnder(dir)) {
        const r = (0,external_node_child_process_.spawnSync)('umount', [point], { stdio: 'ignore', timeout: 10_000 });
        if (r.status !== 0)
            (0,external_node_child_process_.spawnSync)('umount', ['-l', point], { stdio: 'ignore', timeout: 10_000 });
    }
}

// EXTERNAL MODULE: ./src/tools/tail.ts
var tail = __webpack_require__(3369);
;// CONCATENATED MODULE: ./src/tools/builders/failure.ts


/** A build tool's registry step that failed, with what the registry answered when we can tell. */
class RegistryToolError extends errors/* CdpackError */.xd {
    kind;
    name = 'RegistryToolError';
    constructor(kind, message) {
        super(message);
        this.kind = kind;
    }
}
/** Tells registry answers apart in buildah/docker/buildx error output. */
function classifyRegistryFailure(output) {
    if (/\b429\b|toomanyrequests|too many requests/i.test(output))
        return 'rate-limited';
    if (/(?:status(?: code)?:? ?|HTTP\/[\d.]+ |HTTP status: )5\d\d\b|internal server error|bad gateway|service unavailable|gateway time-?out/i.test(output))
        return 'server';
    if (/\b401\b|unauthorized|authentication required|invalid username\/password|incorrect username or password/i.test(output))
        return 'unauthorized';
    if (/\b403\b|forbidden|requested access to the resource is denied|\bdenied:/i.test(output))
        return 'forbidden';
    return 'other';
}
/** Seconds from a `Retry-After: N` (or "retry after N s") that a tool printed, if any. */
function retryAfterSeconds(output) {
    const m = /retry[- ]after:?\s*(\d{1,5})/i.exec(output);
    return m ? Number(m[1]) : undefined;
}
/** A clear message for a failed registry step: what failed, on which registry, and what to check. */
function registryError(what, registry, output) {
    const kind = classifyRegistryFailure(output);
    const hint = {
        unauthorized: `authentication failed (401) at ${registry}: check username/password, or log in first`,
        forbidden: `access denied (403) at ${registry}: the credentials lack push/pull rights on this repository`,
        'rate-limited': `${registry} kept answering 429 Too Many Requests (rate limit)`,
        server: `${registry} kept answering with a server error (5xx)`,
        other: `${registry}`,
    }[kind];
    return new RegistryToolError(kind, `${what} failed: ${hint}: ${(0,tail/* tail */.R)(output)}`);
}
/** The registry a tool's error names (`docker://host/…`, `https://host/v2/…`, `… in host/repo`), if any. */
function registryInOutput(output) {
    const m = /docker:\/\/([^/\s"']+)\//.exec(output) ??
        /https?:\/\/([^/\s"']+)\/v2\//.exec(output) ??
        /\bin ([a-z0-9.-]+(?::\d+)?)\/[a-z0-9]/i.exec(output);
    return m?.[1];
}

// EXTERNAL MODULE: ./src/core/retry.ts
var retry = __webpack_require__(7253);
;// CONCATENATED MODULE: ./src/tools/builders/registry-step.ts


/** A build tool's registry step (push, login) re-runs a whole command: 4 attempts, waits from up to 2 s. */
const registryStepRetryDefaults = { attempts: 4, baseDelayMs: 2000, maxDelayMs: 60_000 };
/** A registry step of a build tool that exited non-zero; its output says why. */
class ToolStepFailed extends Error {
    output;
    constructor(output) {
        super('registry step failed');
        this.output = output;
    }
}
/**
 * Runs a registry step (push, login) with core/retry until it succeeds; retries only 429 and 5xx
 * answers, waiting Retry-After when the tool shows it. Other failures throw at once.
 */
function retryRegistryStep(what, registry, step, options, log) {
    return (0,retry/* retry */.L5)(what, async () => {
        const result = await step();
        if (result.code !== 0)
            throw new ToolStepFailed(`${result.stderr}\n${result.stdout}`);
        return result;
    }, options, {
        judge(error) {
            if (!(error instanceof ToolStepFailed))
                return { retry: false };
            const kind = classifyRegistryFailure(error.output);
            if (kind !== 'rate-limited' && kind !== 'server')
                return { retry: false };
            const after = retryAfterSeconds(error.output);
            return {
                retry: true,
                reason: `${registry} answered ${kind === 'rate-limited' ? '429 Too Many Requests' : 'a server error'}`,
                ...(after !== undefined ? { waitMs: after * 1000 } : {}),
            };
        },
        fail: (error, attempts) => error instanceof ToolStepFailed
            ? registryError(attempts > 1 ? `${what} (after ${attempts} attempts)` : what, registry, error.output)
            : error,
        log,
    });
}

;// CONCATENATED MODULE: ./src/tools/builders/buildah.ts











function buildahPaths(o) {
    const temp = o.storage === 'temp';
    return {
        root: temp ? (0,external_node_path_.join)(o.workDir, 'storage') : undefined,
        runroot: temp ? (0,external_node_path_.join)(o.workDir, 'run') : undefined,
        authFile: o.authDir ? (0,external_node_path_.join)(o.authDir, 'config.json') : undefined,
        certDir: o.caFile ? (0,external_node_path_.join)(o.workDir, 'certs') : undefined,
    };
}
function buildahGlobalArgs(p) {
    return p.root && p.runroot ? ['--root', p.root, '--runroot', p.runroot] : [];
}
/** Flags every registry-touching command takes: TLS (always explicit), auth file, CA dir. */
function buildahRegistryArgs(p, tlsVerify) {
    return [
        `--tls-verify=${tlsVerify}`,
        ...(p.authFile ? ['--authfile', p.authFile] : []),
        ...(p.certDir ? ['--cert-dir', p.certDir] : []),
    ];
}
/** A single cache-from/cache-to registry ref, as buildah 1.28 takes only one of each. */
function cacheRef(req, which) {
    const specs = which === 'cacheFrom' ? req.cacheFrom : req.cacheTo ? [req.cacheTo] : [];
    for (const s of specs) {
        if (!s.ref)
            throw new errors/* InputError */.dz(s.input, `'${s.text}': buildah uses registry caches only (an image reference)`);
    }
    if (specs.length > 1)
        throw new errors/* InputError */.dz('cache-from', 'buildah takes one cache source; list a single reference');
    const ref = specs[0]?.ref;
    // buildah keeps one tag per layer key in the cache repository, so a tag given for buildx is dropped.
    const parsed = ref ? (0,reference/* parseReference */.F2)(ref) : undefined;
    return parsed?.ok ? parsed.ref.name : ref;
}
/**
 * `buildah bud`: several platforms build into a manifest list named after the first ref, one
 * platform (or none) into an image tagged with every ref.
 */
function buildahBudArgs(req, p, o) {
    const from = cacheRef(req, 'cacheFrom');
    const to = cacheRef(req, 'cacheTo');
    const args = [...buildahGlobalArgs(p), 'bud', '--isolation', o.isolation, '--file', req.file];
    if (req.target)
        args.push('--target', req.target);
    if (req.platforms.length)
        args.push('--platform', req.platforms.join(','));
    for (const [k, v] of Object.entries(req.buildArgs))
        args.push('--build-arg', `${k}=${v}`);
    for (const [k, v] of Object.entries(req.labels))
        args.push('--label', `${k}=${v}`);
    args.push(...buildahRegistryArgs(p, o.tlsVerify));
    if (from || to)
        args.push('--layers');
    if (from)
        args.push('--cache-from', from);
    if (to)
        args.push('--cache-to', to);
    if (req.platforms.length > 1)
        args.push('--manifest', req.refs[0]);
    else
        for (const ref of req.refs)
            args.push('--tag', ref);
    args.push(req.context);
    return args;
}
/** Pushes one ref: `buildah push` for an image, `buildah manifest push --all` for a list. */
function buildahPushArgs(req, ref, digestFile, p, tlsVerify) {
    const list = req.platforms.length > 1;
    const source = list ? req.refs[0] : ref;
    return [
        ...buildahGlobalArgs(p),
        ...(list ? ['manifest', 'push', '--all'] : ['push']),
        '--digestfile',
        digestFile,
        ...buildahRegistryArgs(p, tlsVerify),
        source,
        `docker://${ref}`,
    ];
}
function buildahLoginArgs(p, tlsVerify, registry, username) {
    return [
        ...buildahGlobalArgs(p),
        'login',
        ...buildahRegistryArgs(p, tlsVerify),
        '--username',
        username,
        '--password-stdin',
        registry,
    ];
}
/** The daemonless builder. */
async function createBuildah(o) {
    const p = buildahPaths(o);
    const tmp = (0,external_node_path_.join)(o.workDir, 'tmp');
    await (0,promises_.mkdir)(tmp, { recursive: true });
    if (p.certDir && o.caFile) {
        await (0,promises_.mkdir)(p.certDir, { recursive: true });
        await (0,promises_.copyFile)(o.caFile, (0,external_node_path_.join)(p.certDir, 'ca.crt'));
    }
    // A buildah killed on a signal leaves its store mounted: unmount it so the store can be removed.
    const forgetStore = p.root
        ? (0,cleanup/* onCleanup */.Ki)(() => {
            for (const dir of [p.root, p.runroot]) {
                if (!dir)
                    continue;
                unmountUnder(dir);
                (0,external_node_fs_.rmSync)(dir, { recursive: true, force: true });
            }
        })
        : () => { };
    // buildah stages layers in TMPDIR (default /var/tmp): keep them in our work dir.
    const run = (args, stdin) => (0,exec/* execTool */.w)('buildah', args, {
        env: { ...o.env, TMPDIR: tmp },
        // Output streams to the step's log line by line as buildah prints it.
        output: { log: o.log },
        ...(stdin !== undefined ? { stdin } : {}),
    });
    return {
        name: 'buildah',
        async login(registry, username, password) {
            await retryRegistryStep(`buildah login to ${registry}`, registry, () => run(buildahLoginArgs(p, o.tlsVerify, registry, username), password), o.retry, o.log);
        },
        async logout(registry) {
            if (!p.authFile)
                return;
            await run([...buildahGlobalArgs(p), 'logout', '--authfile', p.authFile, registry]);
        },
        async build(req) {
            const bud = await o.log.group(`buildah bud ${req.refs[0]}`, () => run(buildahBudArgs(req, p, o)));
            if (bud.code !== 0) {
                const out = `${bud.stderr}\n${bud.stdout}`;
                if (classifyRegistryFailure(out) !== 'other')
                    throw registryError('buildah bud (pulling a base image)', registryInOutput(out) ?? 'the registry', out);
                throw new errors/* CdpackError */.xd(`buildah bud failed (exit ${bud.code}): ${(0,tail/* tail */.R)(out, 6)}`);
            }
            if (!req.push)
                return { digest: undefined };
            let digest;
            for (const [i, ref] of req.refs.entries()) {
                const file = (0,external_node_path_.join)(o.workDir, `digest-${i}`);
                await (0,promises_.rm)(file, { force: true });
                const registry = (0,reference/* registryOf */.Fv)(ref);
                await retryRegistryStep(`buildah push ${ref}`, registry, () => run(buildahPushArgs(req, ref, file, p, o.tlsVerify)), o.retry, o.log);
                const text = await (0,promises_.readFile)(file, 'utf8').catch(() => '');
                const pushed = (0,reference/* digestIn */.s)(text);
                // buildah manifest push can exit 0 without pushing (plain HTTP with TLS verification on).
                if (!pushed) {
                    throw new errors/* CdpackError */.xd(`buildah push ${ref} reported success but no digest ('${text.trim()}'); is ${registry} plain HTTP? set tls-verify: false`);
                }
                if (digest && pushed !== digest) {
                    throw new errors/* CdpackError */.xd(`buildah pushed ${ref} as ${pushed}, but ${req.refs[0]} as ${digest}`);
                }
                digest = pushed;
                o.log.info(`pushed ${ref} (${pushed})`);
            }
            return { digest };
        },
        async dispose() {
            let removed = true;
            if (p.root) {
                // Layers under the temp store may still be mounted by an interrupted build.
                await run([...buildahGlobalArgs(p), 'umount', '--all']).catch(() => undefined);
                await (0,promises_.rm)(p.root, { recursive: true, force: true }).catch((e) => {
                    removed = false;
                    // Stopping on a signal: the registered cleanup unmounts and removes it; no warning needed.
                    if (!(0,cleanup/* stoppingSignal */.v$)())
                        o.log.warn(`could not remove buildah storage ${p.root}: ${e.message}`);
                });
            }
            if (p.runroot)
                await (0,promises_.rm)(p.runroot, { recursive: true, force: true }).catch(() => undefined);
            await (0,promises_.rm)(tmp, { recursive: true, force: true }).catch(() => undefined);
            // A store still there stays registered: the stop handler or the exit hook unmounts and removes it.
            if (removed)
                forgetStore();
        },
    };
}

;// CONCATENATED MODULE: ./src/tools/builders/docker-cli.ts


/** The docker CLI that both the engine and buildx builders drive, logged in through a private DOCKER_CONFIG. */
function dockerCli(o) {
    const env = o.authDir ? { DOCKER_CONFIG: o.authDir } : {};
    // Output streams to the step's log line by line as the tool prints it.
    const run = (args, stdin) => (0,exec/* execTool */.w)('docker', args, { env, output: { log: o.log }, ...(stdin !== undefined ? { stdin } : {}) });
    return {
        run,
        async login(registry, username, password) {
            await retryRegistryStep(`docker login ${registry}`, registry, () => run(['login', '--username', username, '--password-stdin', registry], password), o.retry, o.log);
        },
        async logout(registry) {
            await run(['logout', registry]);
        },
    };
}

;// CONCATENATED MODULE: ./src/tools/builders/buildx.ts








/** A cache entry as buildx takes it; registry caches default to mode=max for cache-to (all stages). */
function buildxCacheArg(spec, tlsVerify) {
    if (!spec.ref)
        return spec.text;
    const mode = spec.mode ?? (spec.input === 'cache-to' ? 'max' : undefined);
    return [
        'type=registry',
        `ref=${spec.ref}`,
        ...(mode ? [`mode=${mode}`] : []),
        ...(tlsVerify ? [] : ['registry.insecure=true']),
    ].join(',');
}
/** `docker buildx build …`: pushes an image (or an index for several platforms) and writes metadata. */
function buildxBuildArgs(req, metadataFile, tlsVerify) {
    const args = ['buildx', 'build', '--file', req.file];
    if (req.target)
        args.push('--target', req.target);
    if (req.platforms.length)
        args.push('--platform', req.platforms.join(','));
    for (const [k, v] of Object.entries(req.buildArgs))
        args.push('--build-arg', `${k}=${v}`);
    for (const [k, v] of Object.entries(req.labels))
        args.push('--label', `${k}=${v}`);
    for (const ref of req.refs)
        args.push('--tag', ref);
    for (const c of req.cacheFrom)
        args.push('--cache-from', buildxCacheArg(c, tlsVerify));
    if (req.cacheTo)
        args.push('--cache-to', buildxCacheArg(req.cacheTo, tlsVerify));
    args.push('--metadata-file', metadataFile);
    if (req.push)
        args.push('--output', `type=image,push=true${tlsVerify ? '' : ',registry.insecure=true'}`);
    else if (req.platforms.length <= 1)
        args.push('--load');
    args.push(req.context);
    return args;
}
/** `containerimage.digest` from buildx's --metadata-file. */
function parseBuildxMetadata(text) {
    try {
        const meta = JSON.parse(text);
        const d = meta['containerimage.digest'];
        return typeof d === 'string' ? (0,reference/* digestIn */.s)(d) : undefined;
    }
    catch {
        return undefined;
    }
}
/** BuildKit through the buildx plugin: multi-platform, registry caches, one command builds and pushes. */
function createBuildx(o) {
    const cli = dockerCli(o);
    const run = cli.run;
    return {
        name: 'buildx',
        login: cli.login,
        logout: cli.logout,
        async build(req) {
            if (o.caFile)
                o.log.warn('ca-file: BuildKit trusts registry CAs from its own config (buildkitd.toml), not per build');
            const metadataFile = (0,external_node_path_.join)(o.workDir, 'buildx-metadata.json');
            await (0,promises_.rm)(metadataFile, { force: true });
            const args = buildxBuildArgs(req, metadataFile, o.tlsVerify);
            const registry = (0,reference/* registryOf */.Fv)(req.refs[0]);
            // Build and push are one command here, so a rate-limited push re-runs it (from the build cache).
            await o.log.group(`docker buildx build ${req.refs[0]}`, () => retryRegistryStep('docker buildx build --push', registry, async () => {
                const result = await run(args);
                if (result.code !== 0 && classifyRegistryFailure(`${result.stderr}\n${result.stdout}`) === 'other') {
                    throw new errors/* CdpackError */.xd(`docker buildx build failed (exit ${result.code}): ${(0,tail/* tail */.R)(result.stderr, 6)}`);
                }
                return result;
            }, o.retry, o.log));
            if (!req.push)
                return { digest: undefined };
            const digest = parseBuildxMetadata(await (0,promises_.readFile)(metadataFile, 'utf8').catch(() => ''));
            if (!digest)
                throw new errors/* CdpackError */.xd('docker buildx build pushed but its metadata file holds no containerimage.digest');
            return { digest };
        },
        async dispose() { },
    };
}

;// CONCATENATED MODULE: ./src/tools/builders/docker.ts







/** `docker buildx version` works (the plugin is installed and runs). */
async function buildxAvailable() {
    return (0,exec/* execTool */.w)('docker', ['buildx', 'version']).then((r) => r.code === 0, () => false);
}
/** `docker info` reaches a daemon. */
async function dockerDaemonAvailable() {
    return (0,exec/* execTool */.w)('docker', ['info', '--format', '{{.ServerVersion}}']).then((r) => r.code === 0 && r.stdout.trim() !== '', () => false);
}
function registryRefs(specs, builder) {
    return specs.map((s) => {
        if (!s.ref)
            throw new errors/* InputError */.dz(s.input, `'${s.text}': builder ${builder} uses registry caches only (an image reference)`);
        return s.ref;
    });
}
/** `docker build` on the engine: one platform at most, the image tagged with every ref. */
function dockerBuildArgs(req) {
    if (req.platforms.length > 1) {
        throw new errors/* InputError */.dz('platforms', `builder 'docker' (the engine's builder) builds one platform, got ${req.platforms.join(',')}; use builder buildx or buildah for several`);
    }
    const args = ['build', '--file', req.file];
    if (req.target)
        args.push('--target', req.target);
    if (req.platforms[0])
        args.push('--platform', req.platforms[0]);
    for (const [k, v] of Object.entries(req.buildArgs))
        args.push('--build-arg', `${k}=${v}`);
    for (const [k, v] of Object.entries(req.labels))
        args.push('--label', `${k}=${v}`);
    for (const ref of registryRefs(req.cacheFrom, 'docker'))
        args.push('--cache-from', ref);
    for (const ref of req.refs)
        args.push('--tag', ref);
    args.push(req.context);
    return args;
}
/** The digest `docker push` prints: `<tag>: digest: sha256:… size: N`. */
function parsePushDigest(output) {
    const all = [...output.matchAll(new RegExp(`digest: (${reference/* SHA256_DIGEST */.fu})`, 'g'))].map((m) => m[1]);
    return all[all.length - 1];
}
/** The Docker engine's own builder, then `docker push` for each ref. */
function createDockerEngine(o) {
    const cli = dockerCli(o);
    const run = cli.run;
    const push = async (ref) => {
        const registry = (0,reference/* registryOf */.Fv)(ref);
        const r = await retryRegistryStep(`docker push ${ref}`, registry, () => run(['push', ref]), o.retry, o.log);
        const digest = parsePushDigest(r.stdout);
        if (!digest)
            throw new errors/* CdpackError */.xd(`docker push ${ref} printed no digest: ${(0,tail/* tail */.R)(r.stdout)}`);
        return digest;
    };
    return {
        name: 'docker',
        async login(registry, username, password) {
            if (!o.tlsVerify)
                o.log.info(`tls-verify: false: the Docker daemon must list ${registry} in insecure-registries`);
            await cli.login(registry, username, password);
        },
        logout: cli.logout,
        async build(req) {
            const args = dockerBuildArgs(req);
            if (o.caFile)
                o.log.warn('ca-file: the Docker engine trusts registry CAs from its certs.d directory, not per build');
            for (const ref of registryRefs(req.cacheFrom, 'docker')) {
                // The engine's builder only uses cache images that are present locally.
                const pulled = await run(['pull', ref]);
                o.log.info(pulled.code === 0 ? `cache image ${ref} pulled` : `cache image ${ref} not available; building without it`);
            }
            const built = await o.log.group(`docker build ${req.refs[0]}`, () => run(args));
            if (built.code !== 0) {
                const out = `${built.stderr}\n${built.stdout}`;
                if (classifyRegistryFailure(out) !== 'other')
                    throw registryError('docker build (pulling a base image)', registryInOutput(out) ?? 'the registry', out);
                throw new errors/* CdpackError */.xd(`docker build failed (exit ${built.code}): ${(0,tail/* tail */.R)(out, 6)}`);
            }
            if (!req.push)
                return { digest: undefined };
            let digest;
            for (const ref of req.refs) {
                const pushed = await push(ref);
                if (digest && pushed !== digest)
                    throw new errors/* CdpackError */.xd(`docker pushed ${ref} as ${pushed}, but ${req.refs[0]} as ${digest}`);
                digest = pushed;
                o.log.info(`pushed ${ref} (${pushed})`);
            }
            const cacheTo = req.cacheTo ? registryRefs([req.cacheTo], 'docker')[0] : undefined;
            if (cacheTo) {
                // No cache export on this builder: the image itself becomes the next build's cache-from.
                const tagged = await run(['tag', req.refs[0], cacheTo]);
                if (tagged.code !== 0)
                    throw new errors/* CdpackError */.xd(`docker tag ${cacheTo} failed: ${(0,tail/* tail */.R)(tagged.stderr)}`);
                await push(cacheTo);
            }
            return { digest };
        },
        async dispose() { },
    };
}

;// CONCATENATED MODULE: ./src/actions/build-push/build.ts









/**
 * Picks the builder, logs in through a temporary auth dir when credentials are given, builds and
 * pushes; logs out and removes the credentials and temporary storage whatever happens.
 */
async function buildAndPush(platform, settings, request, workDir, retry = registryStepRetryDefaults) {
    const choice = await selectBuilder(settings.builder, {
        buildx: buildxAvailable,
        dockerDaemon: dockerDaemonAvailable,
    });
    platform.info(`builder: ${choice.builder} (${choice.reason})`);
    const env = platform.env;
    const login = settings.username !== '';
    const auth = login
        ? await createAuthDir(workDir, env.DOCKER_CONFIG || (env.HOME ? (0,external_node_path_.join)(env.HOME, '.docker') : undefined))
        : undefined;
    let builder;
    let loggedIn = false;
    try {
        const builderDir = (0,external_node_path_.join)(workDir, choice.builder);
        await (0,promises_.mkdir)(builderDir, { recursive: true });
        const options = {
            log: platform,
            workDir: builderDir,
            authDir: auth?.dir,
            caFile: settings.caFile,
            tlsVerify: settings.tlsVerify,
            retry,
        };
        builder =
            choice.builder === 'buildah'
                ? await createBuildah({
                    ...options,
                    storage: settings.buildahStorage,
                    isolation: env.BUILDAH_ISOLATION || 'chroot',
                    // buildah push fails on a DOCKER_CONFIG without config.json ("checking authfile").
                    env: env.DOCKER_CONFIG && !(0,external_node_fs_.existsSync)((0,external_node_path_.join)(env.DOCKER_CONFIG, 'config.json'))
                        ? { DOCKER_CONFIG: undefined }
                        : {},
                })
                : choice.builder === 'docker'
                    ? createDockerEngine(options)
                    : createBuildx(options);
        if (login) {
            await builder.login(settings.registry, settings.username, settings.password);
            loggedIn = true;
            platform.info(`logged in to ${settings.registry} as ${settings.username}`);
        }
        const { digest } = await builder.build(request);
        return { builder: choice.builder, digest };
    }
    finally {
        if (builder && loggedIn)
            await builder.logout(settings.registry).catch(() => undefined);
        await builder?.dispose().catch(() => undefined);
        await auth?.dispose();
    }
}

// EXTERNAL MODULE: ./src/core/text/control.ts
var control = __webpack_require__(5778);
// EXTERNAL MODULE: ./src/tools/files.ts
var files = __webpack_require__(4688);
;// CONCATENATED MODULE: ./src/actions/build-push/paths.ts





/**
 * A relative `context`, `file` or `ca-file` is the repository's choice: it must resolve (symlinks followed)
 * inside the workspace, since the context is sent to the builder and can end up in the image. An absolute path
 * is the workflow author's explicit choice (a context prepared elsewhere, the runner's CA bundle) and is allowed
 * anywhere, as scan's file inputs. Either way the path must exist and be of the right kind.
 */
async function resolveBuildPaths(settings, workspace) {
    // A promote (`source`) builds nothing: only ca-file is used.
    const building = settings.source === undefined;
    const context = building ? await confined('context', settings.context, workspace, 'directory') : '';
    const file = !building
        ? ''
        : settings.file
            ? await confined('file', settings.file, workspace, 'file')
            : (0,external_node_path_.join)(context, 'Dockerfile');
    const caFile = settings.caFile ? await confined('ca-file', settings.caFile, workspace, 'file') : undefined;
    return { context, file, caFile };
}
async function confined(input, value, workspace, kind) {
    if ((0,external_node_path_.isAbsolute)(value)) {
        await mustBe(input, value, value, kind);
        return value;
    }
    const path = await (0,files/* resolveInside */.LI)(workspace, value);
    if (!path) {
        throw new errors/* InputError */.dz(input, `'${(0,control/* excerpt */.Kb)(value)}' resolves outside the workspace (symlinks followed); a relative path must stay inside it, give an absolute path for one elsewhere`);
    }
    await mustBe(input, value, path, kind);
    return (0,external_node_path_.resolve)(path);
}
async function mustBe(input, value, path, kind) {
    const found = await (0,promises_.stat)(path).catch(() => undefined);
    if (!found)
        throw new errors/* InputError */.dz(input, `'${(0,control/* excerpt */.Kb)(value)}' does not exist`);
    if (kind === 'file' ? !found.isFile() : !found.isDirectory()) {
        throw new errors/* InputError */.dz(input, `'${(0,control/* excerpt */.Kb)(value)}' is not a ${kind}`);
    }
}

// EXTERNAL MODULE: ./src/tools/registry/client.ts + 1 modules
var client = __webpack_require__(5128);
;// CONCATENATED MODULE: ./src/actions/build-push/registry.ts




/** Docker-format auth files a previous login step may have written, in buildah's lookup order. */
function authFiles(env) {
    return [
        env.REGISTRY_AUTH_FILE,
        env.XDG_RUNTIME_DIR ? (0,external_node_path_.join)(env.XDG_RUNTIME_DIR, 'containers/auth.json') : undefined,
        env.DOCKER_CONFIG ? (0,external_node_path_.join)(env.DOCKER_CONFIG, 'config.json') : undefined,
        env.HOME ? (0,external_node_path_.join)(env.HOME, '.docker/config.json') : undefined,
    ].filter((f) => Boolean(f));
}
/**
 * The in-process OCI client (digest check, promote) with the action's credentials for its
 * registry, else those an earlier login step stored; TLS choice and CA as for the build.
 */
function registryClient(settings, platform) {
    const read = (file) => {
        try {
            return (0,external_node_fs_.readFileSync)(file, 'utf8');
        }
        catch {
            return undefined;
        }
    };
    return new client/* RegistryClient */.bP({
        credentials: (host) => {
            if (settings.username && host === settings.registry) {
                return { username: settings.username, password: settings.password };
            }
            const stored = storedCredentials(authFiles(platform.env), host, read);
            if (stored)
                platform.setSecret(stored.password);
            return stored;
        },
        tlsVerify: settings.tlsVerify,
        caFile: settings.caFile,
        env: platform.env,
        log: platform,
    });
}
function digestLookup(client) {
    return async (ref) => (await client.headManifest(ref)).digest;
}
/** Promote mode: copies `source` (manifest or index, with its blobs) to every ref, no rebuild. */
async function promoteImage(client, source, refs, platform) {
    const { promote } = await __webpack_require__.e(/* import() */ 787).then(__webpack_require__.bind(__webpack_require__, 1787));
    const result = await promote({ client, source, destinations: refs, log: platform });
    return result.digest;
}

;// CONCATENATED MODULE: ./src/core/build/cache.ts


/**
 * A `cache-from`/`cache-to` entry: a plain image reference, or `type=registry,ref=…[,mode=…]`.
 * Other `type=` specs (gha, local, s3…) are kept as written; only buildx can use them.
 */
function parseCacheSpec(input, text) {
    if (!text.includes('='))
        return { input, ref: checkRef(input, text, text), mode: undefined, text };
    const fields = new Map();
    for (const part of text.split(',')) {
        const eq = part.indexOf('=');
        if (eq < 1)
            throw new errors/* InputError */.dz(input, `'${text}': expected key=value pairs, got '${part}'`);
        fields.set(part.slice(0, eq).trim(), part.slice(eq + 1).trim());
    }
    if (fields.get('type') !== 'registry')
        return { input, ref: undefined, mode: undefined, text };
    const ref = fields.get('ref');
    if (!ref)
        throw new errors/* InputError */.dz(input, `'${text}': type=registry needs ref=<image reference>`);
    const mode = fields.get('mode');
    if (mode !== undefined && mode !== 'min' && mode !== 'max') {
        throw new errors/* InputError */.dz(input, `'${text}': mode must be min or max, got '${mode}'`);
    }
    return { input, ref: checkRef(input, text, ref), mode, text };
}
function checkRef(input, text, ref) {
    const parsed = (0,reference/* parseReference */.F2)(ref);
    if (!parsed.ok)
        throw new errors/* InputError */.dz(input, `'${text}': '${ref}' is not an image reference (${parsed.reason})`);
    if (parsed.ref.digest)
        throw new errors/* InputError */.dz(input, `'${text}': a cache reference takes a tag, not a digest`);
    return ref;
}

;// CONCATENATED MODULE: ./src/actions/build-push/settings.ts






const platformRe = /^[a-z0-9]+\/[a-z0-9_]+(?:\/[a-z0-9]+)?$/;
const registryRe = /^(?:[a-zA-Z0-9](?:[a-zA-Z0-9-]*[a-zA-Z0-9])?(?:\.[a-zA-Z0-9](?:[a-zA-Z0-9-]*[a-zA-Z0-9])?)*|\[[0-9a-fA-F:]+\])(?::\d{1,5})?$/;
/**
 * Typed settings from inputs that readInputs has already defaulted and checked (required, options,
 * type), so a bad value fails before anything is built or pushed.
 */
function parseSettings(raw) {
    const get = (name) => (raw[name] ?? '').trim();
    const opt = (name) => get(name) || undefined;
    const image = get('image');
    const parsed = (0,reference/* parseReference */.F2)(image);
    if (!parsed.ok)
        throw new errors/* InputError */.dz('image', `'${image}' is not an image repository (${parsed.reason})`);
    if (parsed.ref.tag || parsed.ref.digest) {
        throw new errors/* InputError */.dz('image', `give the repository without tag or digest (got '${image}'); put tags in 'tags'`);
    }
    const platforms = (0,read/* parseList */.E1)(raw.platforms ?? '');
    for (const p of platforms) {
        if (!platformRe.test(p))
            throw new errors/* InputError */.dz('platforms', `'${p}' is not os/arch[/variant], e.g. linux/arm64`);
    }
    if (new Set(platforms).size !== platforms.length)
        throw new errors/* InputError */.dz('platforms', 'lists a platform twice');
    const registry = get('registry') || (0,reference/* normalizeRegistry */.l5)(parsed.ref.domain);
    if (!registryRe.test(registry)) {
        throw new errors/* InputError */.dz('registry', `'${registry}' is not a registry host[:port] (no scheme, no path)`);
    }
    const username = get('username');
    const password = raw.password ?? '';
    if (username && !password)
        throw new errors/* InputError */.dz('password', `is required with 'username'`);
    if (password && !username)
        throw new errors/* InputError */.dz('username', `is required with 'password'`);
    const cacheTo = opt('cache-to');
    const source = opt('source');
    const push = (0,read/* parseBoolean */.yG)('push', get('push'));
    if (source) {
        const s = (0,reference/* parseReference */.F2)(source);
        if (!s.ok)
            throw new errors/* InputError */.dz('source', `'${source}' is not an image reference (${s.reason})`);
        if (!s.ref.tag && !s.ref.digest) {
            throw new errors/* InputError */.dz('source', `'${source}' needs a tag or, better, a digest (repo@sha256:…)`);
        }
        if (!push)
            throw new errors/* InputError */.dz('push', 'promote mode (source) always pushes; remove push: false');
    }
    return {
        image,
        imageRef: parsed.ref,
        tagRules: parseTagRules(raw.tags ?? ''),
        context: get('context'),
        file: opt('file'),
        target: opt('target'),
        platforms,
        buildArgs: parseKeyValues('build-args', raw['build-args'] ?? '', buildArgKeyRe),
        labels: parseKeyValues('labels', raw.labels ?? '', labelKeyRe),
        push,
        builder: get('builder'),
        registry,
        username,
        password,
        cacheFrom: cacheList(raw['cache-from'] ?? '').map((e) => parseCacheSpec('cache-from', e)),
        cacheTo: cacheTo ? parseCacheSpec('cache-to', cacheTo) : undefined,
        tlsVerify: (0,read/* parseBoolean */.yG)('tls-verify', get('tls-verify')),
        caFile: opt('ca-file'),
        buildahStorage: get('buildah-storage'),
        source,
    };
}
/** cache-from entries are one per line, since a `type=registry,ref=…` spec holds commas. */
function cacheList(text) {
    return text
        .split('\n')
        .map((l) => l.trim())
        .filter((l) => l !== '');
}

;// CONCATENATED MODULE: ./src/core/build/context.ts

const shaRe = /^(?:[0-9a-f]{40}|[0-9a-f]{64})$/;
/** Checks a commit SHA from `origin`; names the variable when it is malformed. */
function checkSha(sha, origin) {
    const s = sha.trim().toLowerCase();
    if (!shaRe.test(s))
        throw new errors/* CdpackError */.xd(`${origin} is '${sha}', not a full commit SHA (40 or 64 hex digits)`);
    return s;
}
const nonEmpty = (v) => (v && v.trim() !== '' ? v.trim() : undefined);
/**
 * The commit, ref and repository URL from GitHub Actions or GitLab CI variables. `event` is the
 * parsed GITHUB_EVENT_PATH payload: on pull requests GITHUB_SHA is the merge commit, so the
 * PR's head SHA is taken from there instead.
 */
function readSourceContext(env, event) {
    if (nonEmpty(env.GITHUB_SHA))
        return github(env, event);
    if (nonEmpty(env.CI_COMMIT_SHA))
        return gitlab(env);
    return {
        commit: undefined,
        commitOrigin: 'git rev-parse HEAD',
        branch: undefined,
        gitTag: undefined,
        pullRequest: undefined,
        sourceUrl: undefined,
    };
}
function github(env, event) {
    const ref = env.GITHUB_REF ?? '';
    const pr = pullRequestOf(event);
    const prEvent = (env.GITHUB_EVENT_NAME ?? '').startsWith('pull_request');
    let commit = checkSha(env.GITHUB_SHA, 'GITHUB_SHA');
    let commitOrigin = 'GITHUB_SHA';
    if (prEvent && pr?.headSha) {
        commit = checkSha(pr.headSha, 'pull_request.head.sha in GITHUB_EVENT_PATH');
        commitOrigin = 'pull_request.head.sha';
    }
    const prFromRef = /^refs\/pull\/(\d+)\//.exec(ref)?.[1];
    const server = nonEmpty(env.GITHUB_SERVER_URL) ?? 'https://github.com';
    const repo = nonEmpty(env.GITHUB_REPOSITORY);
    return {
        commit,
        commitOrigin,
        branch: ref.startsWith('refs/heads/') ? ref.slice('refs/heads/'.length) : undefined,
        gitTag: ref.startsWith('refs/tags/') ? ref.slice('refs/tags/'.length) : undefined,
        pullRequest: prEvent ? (pr?.number ?? (prFromRef ? Number(prFromRef) : undefined)) : undefined,
        sourceUrl: repo ? `${server.replace(/\/+$/, '')}/${repo}` : undefined,
    };
}
function pullRequestOf(event) {
    if (!event || typeof event !== 'object')
        return undefined;
    const pr = event.pull_request;
    if (!pr || typeof pr !== 'object')
        return undefined;
    return {
        ...(typeof pr.head?.sha === 'string' ? { headSha: pr.head.sha } : {}),
        ...(typeof pr.number === 'number' ? { number: pr.number } : {}),
    };
}
function gitlab(env) {
    // Set only in merged-results pipelines, where CI_COMMIT_SHA is the synthetic merge commit.
    const mrHead = nonEmpty(env.CI_MERGE_REQUEST_SOURCE_BRANCH_SHA);
    const gitTag = nonEmpty(env.CI_COMMIT_TAG);
    const mr = nonEmpty(env.CI_MERGE_REQUEST_IID);
    const branch = gitTag || mr ? undefined : (nonEmpty(env.CI_COMMIT_BRANCH) ?? nonEmpty(env.CI_COMMIT_REF_NAME));
    return {
        commit: mrHead
            ? checkSha(mrHead, 'CI_MERGE_REQUEST_SOURCE_BRANCH_SHA')
            : checkSha(env.CI_COMMIT_SHA, 'CI_COMMIT_SHA'),
        commitOrigin: mrHead ? 'CI_MERGE_REQUEST_SOURCE_BRANCH_SHA' : 'CI_COMMIT_SHA',
        branch,
        gitTag,
        pullRequest: mr && /^\d+$/.test(mr) ? Number(mr) : undefined,
        sourceUrl: nonEmpty(env.CI_PROJECT_URL),
    };
}

// EXTERNAL MODULE: ./src/tools/git.ts
var tools_git = __webpack_require__(615);
;// CONCATENATED MODULE: ./src/actions/build-push/source.ts





/**
 * The commit being built: from the platform's variables (the PR head on GitHub pull requests),
 * else from `git rev-parse HEAD` in the workspace, with the branch and a tag on HEAD from git too.
 */
async function detectSource(platform) {
    const env = platform.env;
    const context = readSourceContext(env, await readEvent(platform));
    if (context.commit)
        return { ...context, commit: context.commit };
    const git = new tools_git/* Git */.TU(platform.workspace, undefined);
    let commit;
    try {
        commit = checkSha(await git.revParse('HEAD'), 'git rev-parse HEAD');
    }
    catch (error) {
        throw new errors/* CdpackError */.xd(`no commit SHA: neither GITHUB_SHA nor CI_COMMIT_SHA is set, and git rev-parse HEAD failed in ${platform.workspace}: ${error.message}`);
    }
    const branch = (await git.run(['rev-parse', '--abbrev-ref', 'HEAD'], 'git rev-parse --abbrev-ref HEAD').catch(() => undefined))?.stdout.trim();
    const tags = (await git.run(['tag', '--points-at', 'HEAD'], 'git tag --points-at HEAD').catch(() => undefined))?.stdout
        .split('\n')
        .map((t) => t.trim())
        .filter(Boolean);
    const gitTag = tags?.find((t) => parseSemver(t)) ?? tags?.[0];
    return {
        ...context,
        commit,
        branch: branch && branch !== 'HEAD' && !gitTag ? branch : undefined,
        gitTag,
    };
}
/** The GitHub event payload (GITHUB_EVENT_PATH), which holds the pull request's head SHA. */
async function readEvent(platform) {
    const path = platform.env.GITHUB_EVENT_PATH;
    if (!path || !platform.env.GITHUB_SHA)
        return undefined;
    try {
        return JSON.parse(await (0,promises_.readFile)(path, 'utf8'));
    }
    catch (error) {
        platform.warn(`could not read the event payload ${path}: ${error.message}`);
        return undefined;
    }
}

;// CONCATENATED MODULE: ./src/actions/build-push/verify.ts


/**
 * Checks that the registry serves `digest` for every pushed ref. An empty, malformed or
 * different digest fails the step: the output must be what a later pull by digest gets.
 */
async function verifyDigest(refs, digest, lookup, log) {
    if (!digest || !(0,reference/* isValidDigest */.fH)(digest)) {
        throw new errors/* CdpackError */.xd(`the push reported no valid digest ('${digest ?? ''}'); refusing to succeed without one`);
    }
    for (const ref of refs) {
        let seen;
        try {
            seen = await lookup(ref);
        }
        catch (error) {
            throw new errors/* CdpackError */.xd(`could not check the digest of ${ref} at the registry: ${error.message}`);
        }
        if (seen !== digest) {
            throw new errors/* CdpackError */.xd(`the registry serves ${ref} as ${seen || '(no digest)'}, but the push reported ${digest}`);
        }
    }
    log.info(`registry confirms ${digest} for ${refs.length} tag(s)`);
    return digest;
}

;// CONCATENATED MODULE: ./src/actions/build-push/action.ts












/** build-push on any platform: inputs → tags and labels → build and push (or promote) → verified digest. */
async function buildPushAction(platform) {
    const parsed = parseSettings((0,read/* readInputs */.Ko)(build_push/* buildPush */.h, platform));
    const paths = await resolveBuildPaths(parsed, platform.workspace);
    const settings = { ...parsed, caFile: paths.caFile };
    if (settings.password) {
        platform.setSecret(Buffer.from(`${settings.username}:${settings.password}`).toString('base64'));
    }
    const source = await detectSource(platform);
    platform.info(`commit ${source.commit} (from ${source.commitOrigin})`);
    const { tags, version } = computeTags(settings.tagRules, source, platform);
    const refs = tags.map((t) => `${settings.image}:${t}`);
    const labels = {
        ...defaultLabels({
            sourceUrl: source.sourceUrl,
            commit: source.commit,
            created: createdTime(platform.env.SOURCE_DATE_EPOCH, new Date()),
            version: version ?? tags[1] ?? source.commit,
        }),
        ...settings.labels,
    };
    platform.info(`tags: ${tags.join(', ')}`);
    const temp = await (0,process_temp/* temporaryDir */.F)(platform.tempDir, 'cdpack-build-');
    const workDir = temp.dir;
    const client = registryClient(settings, platform);
    try {
        let builder = 'promote';
        let digest;
        if (settings.source) {
            const from = settings.source;
            digest = await platform.group(`Promote ${from} to ${refs.length} tag(s)`, () => promoteImage(client, from, refs, platform));
        }
        else {
            const result = await buildAndPush(platform, settings, buildRequest(settings, paths, refs, labels), workDir);
            builder = result.builder;
            digest = result.digest;
        }
        if (settings.push)
            digest = await verifyDigest(refs, digest, digestLookup(client), platform);
        const imageRef = digest ? `${settings.image}@${digest}` : '';
        platform.setOutput('digest', digest ?? '');
        platform.setOutput('image-ref', imageRef);
        platform.setOutput('tags', JSON.stringify(refs));
        platform.setOutput('metadata', JSON.stringify({
            builder,
            image: settings.image,
            tags: refs,
            digest: digest ?? null,
            imageRef: imageRef || null,
            commit: source.commit,
            commitOrigin: source.commitOrigin,
            version: version ?? null,
            labels,
            platforms: settings.platforms,
            pushed: settings.push,
            source: settings.source ?? null,
        }));
        await platform.summary(summary(settings, refs, digest, builder));
    }
    finally {
        client.close();
        await temp.dispose();
    }
}
function buildRequest(settings, paths, refs, labels) {
    return {
        context: paths.context,
        file: paths.file,
        target: settings.target,
        platforms: settings.platforms,
        buildArgs: settings.buildArgs,
        labels,
        refs,
        push: settings.push,
        cacheFrom: settings.cacheFrom,
        cacheTo: settings.cacheTo,
        tlsVerify: settings.tlsVerify,
    };
}
function summary(settings, refs, digest, builder) {
    const how = settings.source ? `Promoted ${(0,markdown/* markdownCode */.D9)(settings.source)}` : `Built with ${builder}`;
    return [
        '### cdpack build-push',
        '',
        `${how}${settings.push ? '' : ' (not pushed)'}.`,
        '',
        '| Image | Digest |',
        '| --- | --- |',
        ...refs.map((r) => `| ${(0,markdown/* markdownCode */.D9)(r)} | ${digest ? (0,markdown/* markdownCode */.D9)(digest) : '—'} |`),
        '',
    ].join('\n');
}


/***/ }),

/***/ 4325:
/***/ ((__unused_webpack_module, __webpack_exports__, __webpack_require__) => {

/* harmony export */ __webpack_require__.d(__webpack_exports__, {
/* harmony export */   a: () => (/* binding */ silentLog)
/* harmony export */ });
const silentLog = {
    info() { },
    warn() { },
    debug() { },
    group: (_title, fn) => fn(),
};


/***/ }),

/***/ 7253:
/***/ ((__unused_webpack_module, __webpack_exports__, __webpack_require__) => {

/* harmony export */ __webpack_require__.d(__webpack_exports__, {
/* harmony export */   EY: () => (/* binding */ backoffDelay),
/* harmony export */   L5: () => (/* binding */ retry),
/* harmony export */   uk: () => (/* binding */ realSleep)
/* harmony export */ });
const realSleep = (ms) => new Promise((resolve) => setTimeout(resolve, ms));
/**
 * The wait before attempt `attempt + 1`: "full jitter" exponential backoff, a random wait in
 * [0, min(maxDelayMs, baseDelayMs·2^(attempt-1))]. Clients that failed together spread out instead
 * of retrying in step (20 pipelines racing for one GitOps branch, a rate-limited registry).
 */
function backoffDelay(attempt, options) {
    const ceiling = Math.min(options.maxDelayMs, options.baseDelayMs * 2 ** (attempt - 1));
    return Math.round((options.random ?? Math.random)() * ceiling);
}
/**
 * Runs `attempt` until it returns, fails for good, or the attempts are spent. A wait the other side
 * asked for (Retry-After) is honoured as asked, capped; otherwise `backoffDelay`. Every retry is logged.
 */
async function retry(what, attempt, options, hooks) {
    const sleep = options.sleep ?? realSleep;
    for (let n = 1;; n++) {
        try {
            return await attempt(n);
        }
        catch (error) {
            const verdict = hooks.judge(error);
            if (!verdict.retry || n >= options.attempts)
                throw hooks.fail ? hooks.fail(error, n) : error;
            const wait = verdict.waitMs !== undefined ? Math.min(verdict.waitMs, options.maxDelayMs) : backoffDelay(n, options);
            hooks.log?.warn(`${what}: ${verdict.reason}; retrying in ${Math.ceil(wait / 1000)} s (attempt ${n + 1} of ${options.attempts})`);
            await sleep(wait);
        }
    }
}


/***/ }),

/***/ 5128:
/***/ ((__unused_webpack_module, __webpack_exports__, __webpack_require__) => {


// EXPORTS
__webpack_require__.d(__webpack_exports__, {
  bP: () => (/* binding */ RegistryClient),
  $$: () => (/* binding */ isIndexMediaType),
  hu: () => (/* binding */ parseTarget)
});

// UNUSED EXPORTS: MediaTypes, sha256Digest

// EXTERNAL MODULE: external "node:crypto"
var external_node_crypto_ = __webpack_require__(7598);
// EXTERNAL MODULE: ./src/core/errors.ts
var errors = __webpack_require__(4296);
// EXTERNAL MODULE: ./src/core/image/reference.ts
var reference = __webpack_require__(7600);
// EXTERNAL MODULE: ./src/core/log.ts
var log = __webpack_require__(4325);
// EXTERNAL MODULE: ./src/tools/http/client.ts + 1 modules
var client = __webpack_require__(3821);
// EXTERNAL MODULE: ./src/tools/registry/retryable.ts
var registry_retryable = __webpack_require__(3277);
;// CONCATENATED MODULE: ./src/tools/registry/auth.ts
/**
 * Registry authentication: Basic, and the Bearer token flow of the distribution token spec
 * (`WWW-Authenticate: Bearer realm=…,service=…,scope=…` → GET realm?service=…&scope=… with the
 * user's Basic credentials, if any → a token). Tokens are cached per host and scope set and are
 * never logged.
 */


/**
 * Parses a `WWW-Authenticate` value into its challenges: `Bearer realm="…",service="…"`,
 * `Basic realm="…"`, several separated by commas; quoted values may hold commas.
 */
function parseWwwAuthenticate(header) {
    const challenges = [];
    let i = 0;
    const skip = (re) => {
        while (i < header.length && re.test(header[i]))
            i++;
    };
    while (i < header.length) {
        skip(/[\s,]/);
        const scheme = /^[A-Za-z0-9!#$%&'*+.^_`|~-]+/.exec(header.slice(i))?.[0];
        if (!scheme)
            break;
        i += scheme.length;
        const challenge = { scheme: scheme.toLowerCase(), params: {} };
        challenges.push(challenge);
        for (;;) {
            skip(/[\s,]/);
            const m = /^([A-Za-z0-9!#$%&'*+.^_`|~-]+)\s*=\s*/.exec(header.slice(i));
            if (!m?.[1])
                break;
            i += m[0].length;
            let value = '';
            if (header[i] === '"') {
                i++;
                while (i < header.length && header[i] !== '"') {
                    if (header[i] === '\\')
                        i++;
                    value += header[i] ?? '';
                    i++;
                }
                i++;
            }
            else {
                const token = /^[^\s,]*/.exec(header.slice(i))?.[0] ?? '';
                value = token;
                i += token.length;
            }
            challenge.params[m[1].toLowerCase()] = value;
        }
    }
    return challenges;
}
/** Merges scopes per repository and formats them in a stable order. */
function formatScopes(scopes) {
    const byRepo = new Map();
    for (const s of scopes) {
        const set = byRepo.get(s.repository) ?? new Set();
        for (const a of s.actions)
            set.add(a);
        byRepo.set(s.repository, set);
    }
    return [...byRepo.entries()]
        .sort(([a], [b]) => a.localeCompare(b))
        .map(([repo, actions]) => `repository:${repo}:${[...actions].sort().join(',')}`);
}
/** `repository:a/b:pull,push` → a Scope (other resource types are ignored). */
function parseScope(text) {
    return text
        .split(' ')
        .map((s) => /^repository:(.+):([a-z*,]+)$/.exec(s))
        .flatMap((m) => (m?.[1] && m[2] ? [{ repository: m[1], actions: m[2].split(',') }] : []));
}
/** One registry host's auth state, keyed by the API host; `registry` is the name for credentials. */
class Authenticator {
    http;
    options;
    challenges = new Map();
    tokens = new Map();
    pending = new Map();
    now;
    constructor(http, options = {}) {
        this.http = http;
        this.options = options;
        this.now = options.now ?? Date.now;
    }
    /**
     * Records the challenge of a 401 answer. Returns true when the host now has a usable scheme
     * (so the request is worth repeating with an Authorization header).
     */
    learn(apiHost, wwwAuthenticate) {
        const challenges = parseWwwAuthenticate(wwwAuthenticate ?? '');
        const chosen = challenges.find((c) => c.scheme === 'bearer') ?? challenges.find((c) => c.scheme === 'basic');
        if (!chosen)
            return false;
        this.challenges.set(apiHost, chosen);
        return true;
    }
    /** The scheme a host asked for, once known. */
    scheme(apiHost) {
        return this.challenges.get(apiHost)?.scheme;
    }
    /** Drops the cached token for these scopes (after the registry refused it). */
    forget(apiHost, scopes) {
        this.tokens.delete(this.cacheKey(apiHost, scopes));
    }
    /** The Authorization header for a request needing `scopes`, or undefined when the host asked for none. */
    async header(apiHost, registry, scopes) {
        const challenge = this.challenges.get(apiHost);
        if (!challenge)
            return undefined;
        const creds = this.options.credentials?.(registry);
        if (challenge.scheme === 'basic') {
            if (!creds)
                return undefined;
            return `Basic ${Buffer.from(`${creds.username}:${creds.password}`).toString('base64')}`;
        }
        const token = await this.bearerToken(apiHost, registry, challenge, scopes, creds);
        return `Bearer ${token}`;
    }
    cacheKey(apiHost, scopes) {
        return `${apiHost} ${formatScopes(scopes).join(' ')}`;
    }
    async bearerToken(apiHost, registry, challenge, scopes, creds) {
        const key = this.cacheKey(apiHost, scopes);
        const cached = this.tokens.get(key);
        if (cached && cached.expiresAt > this.now())
            return cached.token;
        let pending = this.pending.get(key);
        if (!pending) {
            pending = this.fetchToken(registry, challenge, scopes, creds).finally(() => this.pending.delete(key));
            this.pending.set(key, pending);
        }
        const fresh = await pending;
        this.tokens.set(key, fresh);
        return fresh.token;
    }
    async fetchToken(registry, challenge, scopes, creds) {
        const realm = challenge.params.realm;
        if (!realm)
            throw new errors/* CdpackError */.xd(`${registry}: Bearer challenge without a realm`);
        const url = new URL(realm);
        if (challenge.params.service)
            url.searchParams.set('service', challenge.params.service);
        const wanted = formatScopes([...parseScope(challenge.params.scope ?? ''), ...scopes]);
        for (const s of wanted)
            url.searchParams.append('scope', s);
        const headers = {};
        if (creds)
            headers.authorization = `Basic ${Buffer.from(`${creds.username}:${creds.password}`).toString('base64')}`;
        const who = creds ? `as '${creds.username}'` : 'anonymously';
        this.options.log?.debug(`${registry}: token from ${url.host} ${who} for ${wanted.join(' ') || '(no scope)'}`);
        const what = `login to ${registry} (token service ${url.host})`;
        const body = await (0,registry_retryable/* retryRegistryCall */.Gh)(what, async () => {
            const res = await this.http.request({ method: 'GET', url: url.href, headers });
            if (res.status === 200)
                return res.text();
            const text = await res.text().catch(() => '');
            const retryable = (0,registry_retryable/* retryableAnswer */.bG)(res);
            if (retryable)
                throw retryable;
            const hint = res.status === 401 || res.status === 403
                ? creds
                    ? '; check the username and password'
                    : '; no credentials were given for this registry'
                : '';
            throw new errors/* CdpackError */.xd(`${what} ${who} refused (HTTP ${res.status})${hint}${errorSummary(text)}`);
        }, this.options.retry ?? registry_retryable/* registryRetryDefaults */.yt, this.options.log);
        let parsed;
        try {
            parsed = JSON.parse(body);
        }
        catch {
            throw new errors/* CdpackError */.xd(`${what}: the answer is not JSON`);
        }
        const token = parsed.token ?? parsed.access_token;
        if (!token)
            throw new errors/* CdpackError */.xd(`${what}: the answer has no token`);
        // The spec's default lifetime is 60 s; renew a little early.
        const lifetime = typeof parsed.expires_in === 'number' && parsed.expires_in > 0 ? parsed.expires_in : 60;
        return { token, expiresAt: this.now() + Math.max(lifetime - 10, 1) * 1000 };
    }
}
/** `: CODE message` from a registry/token error body, or ''. Never echoes anything but codes and messages. */
function errorSummary(body) {
    try {
        const json = JSON.parse(body);
        const first = json.errors?.[0];
        if (first)
            return `: ${[first.code, first.message].filter(Boolean).join(' ')}`;
        if (typeof json.details === 'string')
            return `: ${json.details}`;
    }
    catch {
        // not JSON
    }
    return '';
}

;// CONCATENATED MODULE: ./src/tools/registry/client.ts
/**
 * An in-process OCI Distribution API client: manifests (HEAD/GET/PUT), blob existence, cross-
 * repository mount and streamed blob upload, with Basic/Bearer auth and bounded retries.
 * The scheme of each host is learned from a `GET /v2/` ping (https; plain http only for loopback
 * hosts or with tls-verify off, the way docker and skopeo treat insecure registries).
 */







const MediaTypes = {
    ociManifest: 'application/vnd.oci.image.manifest.v1+json',
    ociIndex: 'application/vnd.oci.image.index.v1+json',
    dockerManifest: 'application/vnd.docker.distribution.manifest.v2+json',
    dockerManifestList: 'application/vnd.docker.distribution.manifest.list.v2+json',
};
const manifestAccept = [
    MediaTypes.ociIndex,
    MediaTypes.ociManifest,
    MediaTypes.dockerManifestList,
    MediaTypes.dockerManifest,
].join(', ');
function isIndexMediaType(mediaType) {
    return mediaType === MediaTypes.ociIndex || mediaType === MediaTypes.dockerManifestList;
}
function sha256Digest(data) {
    return `sha256:${(0,external_node_crypto_.createHash)('sha256').update(data).digest('hex')}`;
}
/** Parses `host/path[:tag][@digest]`; names without a registry are Docker Hub's. */
function parseTarget(ref) {
    const parsed = (0,reference/* normalizeReference */.tO)(ref);
    if (!parsed.ok)
        throw new errors/* CdpackError */.xd(`invalid image reference '${ref}': ${parsed.reason}`);
    const { registry, path, name, tag, digest } = parsed.ref;
    return { registry, apiHost: (0,reference/* registryApiHost */.Mb)(registry), path, reference: digest ?? tag, name };
}
function shortDigest(digest) {
    return digest.length > 19 ? `${digest.slice(0, 19)}…` : digest;
}
function isLoopbackHost(apiHost) {
    const host = apiHost.replace(/:\d+$/, '');
    return host === 'localhost' || host === '[::1]' || /^127\.\d+\.\d+\.\d+$/.test(host);
}
function headerValue(res, name) {
    const v = res.headers[name];
    return Array.isArray(v) ? v[0] : v;
}
class RegistryClient {
    options;
    http;
    auth;
    log;
    retryOptions;
    bases = new Map();
    constructor(options = {}) {
        this.options = options;
        this.http = new client/* HttpClient */.Qq({ tlsVerify: options.tlsVerify, caFile: options.caFile, env: options.env });
        this.log = options.log ?? log/* silentLog */.a;
        this.retryOptions = { ...registry_retryable/* registryRetryDefaults */.yt, ...options.retry };
        this.auth = new Authenticator(this.http, {
            credentials: options.credentials,
            log: this.log,
            retry: this.retryOptions,
        });
    }
    /** Closes idle keep-alive connections. */
    close() {
        this.http.close();
    }
    /** A pull-scoped request for a manifest by tag or digest, accepting any of the manifest and index types. */
    readManifest(ref, method, accept) {
        const t = parseTarget(ref);
        return this.send(t, {
            method,
            path: `/v2/${t.path}/manifests/${t.reference ?? 'latest'}`,
            headers: { accept: manifestAccept },
            scopes: [{ repository: t.path, actions: ['pull'] }],
            what: `pull of ${ref}`,
            accept,
        });
    }
    /** Digest, media type and size of a manifest or index, by HEAD (GET when the registry omits the digest). */
    async headManifest(ref) {
        const res = await this.readManifest(ref, 'HEAD', [200]);
        await res.discard();
        const digest = headerValue(res, 'docker-content-digest');
        const mediaType = headerValue(res, 'content-type')?.split(';')[0]?.trim();
        const size = Number(headerValue(res, 'content-length'));
        if (digest && mediaType && Number.isFinite(size) && mediaType !== 'application/json') {
            return { digest, mediaType, size };
        }
        const m = await this.getManifest(ref);
        return { digest: m.digest, mediaType: m.mediaType, size: m.size };
    }
    /** Whether a manifest exists (HEAD answering 200 rather than 404). */
    async manifestExists(ref) {
        const res = await this.readManifest(ref, 'HEAD', [200, 404]);
        await res.discard();
        return res.status === 200;
    }
    /** The exact bytes of a manifest or index; the digest is computed from them (and checked when the ref has one). */
    async getManifest(ref) {
        const t = parseTarget(ref);
        const res = await this.readManifest(ref, 'GET', [200]);
        const bytes = await res.buffer();
        const digest = sha256Digest(bytes);
        if (t.reference?.startsWith('sha256:') && t.reference !== digest) {
            throw new errors/* CdpackError */.xd(`pull of ${ref}: the registry returned a manifest with digest ${digest}`);
        }
        let mediaType = headerValue(res, 'content-type')?.split(';')[0]?.trim() ?? '';
        if (!mediaType || mediaType === 'application/json' || mediaType === 'text/plain') {
            try {
                const json = JSON.parse(bytes.toString('utf8'));
                mediaType = json.mediaType ?? (json.manifests ? MediaTypes.ociIndex : MediaTypes.ociManifest);
            }
            catch {
                throw new errors/* CdpackError */.xd(`pull of ${ref}: the manifest is not JSON`);
            }
        }
        return { digest, mediaType, size: bytes.length, bytes };
    }
    /** Uploads manifest bytes under a tag or digest; returns the digest (checked against the bytes). */
    async putManifest(ref, bytes, mediaType) {
        const t = parseTarget(ref);
        if (!t.reference)
            throw new errors/* CdpackError */.xd(`push of ${ref}: a tag or digest is needed`);
        const res = await this.send(t, {
            method: 'PUT',
            path: `/v2/${t.path}/manifests/${t.reference}`,
            headers: { 'content-type': mediaType },
            body: () => bytes,
            scopes: [{ repository: t.path, actions: ['pull', 'push'] }],
            what: `push to ${t.name} (manifest ${t.reference})`,
            accept: [200, 201],
        });
        await res.discard();
        const digest = sha256Digest(bytes);
        const reported = headerValue(res, 'docker-content-digest');
        if (reported && reported !== digest) {
            throw new errors/* CdpackError */.xd(`push to ${t.name}: the registry stored digest ${reported}, expected ${digest}`);
        }
        return digest;
    }
    async blobExists(repoRef, digest) {
        const t = parseTarget(repoRef);
        const res = await this.send(t, {
            method: 'HEAD',
            path: `/v2/${t.path}/blobs/${digest}`,
            scopes: [{ repository: t.path, actions: ['pull'] }],
            what: `pull of blob ${shortDigest(digest)} from ${t.name}`,
            accept: [200, 404],
        });
        await res.discard();
        return res.status === 200;
    }
    /**
     * Cross-repository mount within one registry. 201: mounted. 202: the registry refused (e.g. no
     * pull access on the source) and opened an upload session instead, handed back for reuse.
     */
    async mountBlob(repoRef, digest, fromRepoRef) {
        const t = parseTarget(repoRef);
        const from = parseTarget(fromRepoRef);
        if (from.apiHost !== t.apiHost) {
            throw new errors/* CdpackError */.xd(`mount of ${shortDigest(digest)}: ${from.name} and ${t.name} are on different registries`);
        }
        const query = new URLSearchParams({ mount: digest, from: from.path });
        const res = await this.send(t, {
            method: 'POST',
            path: `/v2/${t.path}/blobs/uploads/?${query}`,
            headers: { 'content-length': '0' },
            scopes: [
                { repository: t.path, actions: ['pull', 'push'] },
                { repository: from.path, actions: ['pull'] },
            ],
            what: `push to ${t.name} (mount of blob ${shortDigest(digest)} from ${from.path})`,
            accept: [201, 202],
        });
        await res.discard();
        if (res.status === 201)
            return { mounted: true };
        return { mounted: false, uploadUrl: headerValue(res, 'location') };
    }
    /** A blob's content as a stream (redirects to storage are followed). */
    async openBlob(repoRef, digest) {
        return this.openBlobOnce(parseTarget(repoRef), digest, true);
    }
    async openBlobOnce(t, digest, retry) {
        const res = await this.send(t, {
            method: 'GET',
            path: `/v2/${t.path}/blobs/${digest}`,
            scopes: [{ repository: t.path, actions: ['pull'] }],
            what: `pull of blob ${shortDigest(digest)} from ${t.name}`,
            accept: [200],
            retry,
        });
        const length = Number(headerValue(res, 'content-length'));
        return { stream: res.body, size: Number.isFinite(length) ? length : undefined };
    }
    /**
     * Uploads a blob in one streamed PUT (POST to open a session, or `uploadUrl` from a refused
     * mount for the first attempt). `open` is called once per attempt so a retry re-reads the source.
     */
    async uploadBlob(repoRef, digest, size, open, uploadUrl) {
        const t = parseTarget(repoRef);
        const what = `push to ${t.name} (blob ${shortDigest(digest)})`;
        const scopes = [{ repository: t.path, actions: ['pull', 'push'] }];
        await (0,registry_retryable/* retryRegistryCall */.Gh)(what, async (attempt) => {
            let location = attempt === 1 ? uploadUrl : undefined;
            if (!location) {
                const started = await this.send(t, {
                    method: 'POST',
                    path: `/v2/${t.path}/blobs/uploads/`,
                    headers: { 'content-length': '0' },
                    scopes,
                    what,
                    accept: [202],
                    retry: false,
                });
                await started.discard();
                location = headerValue(started, 'location');
                if (!location)
                    throw new errors/* CdpackError */.xd(`${what}: the registry gave no upload location`);
            }
            const base = await this.base(t);
            const url = new URL(location, base);
            url.searchParams.set('digest', digest);
            const res = await this.send(t, {
                method: 'PUT',
                path: url.href,
                headers: { 'content-type': 'application/octet-stream', 'content-length': String(size) },
                body: open,
                scopes,
                what,
                accept: [201, 204],
                retry: false,
            });
            await res.discard();
        }, this.retryOptions, this.log);
    }
    /** Streams a blob from one repository to another (any registries), never holding it in memory. */
    async copyBlob(fromRepoRef, toRepoRef, digest, size, uploadUrl) {
        const from = parseTarget(fromRepoRef);
        await this.uploadBlob(toRepoRef, digest, size, async () => (await this.openBlobOnce(from, digest, false)).stream, uploadUrl);
    }
    /** The base URL of a host (`https://host` or `http://host`), pinging `/v2/` once to learn scheme and auth. */
    base(t) {
        let p = this.bases.get(t.apiHost);
        if (!p) {
            p = this.ping(t);
            this.bases.set(t.apiHost, p);
            p.catch(() => this.bases.delete(t.apiHost));
        }
        return p;
    }
    async ping(t) {
        const attempt = (scheme) => (0,registry_retryable/* retryRegistryCall */.Gh)(`connection to ${t.registry}`, async () => {
            const res = await this.http.request({ method: 'GET', url: `${scheme}://${t.apiHost}/v2/` });
            await res.discard();
            if (res.status === 401)
                this.auth.learn(t.apiHost, headerValue(res, 'www-authenticate'));
            else {
                const retryable = (0,registry_retryable/* retryableAnswer */.bG)(res);
                if (retryable)
                    throw retryable;
            }
            return `${scheme}://${t.apiHost}`;
        }, this.retryOptions, this.log);
        try {
            return await attempt('https');
        }
        catch (e) {
            if (!(0,client/* isPlainHttpAnswer */.xQ)(e))
                throw e;
            if (this.options.tlsVerify !== false && !isLoopbackHost(t.apiHost)) {
                throw new errors/* CdpackError */.xd(`${t.registry} answers plain http, not https; set tls-verify to false to allow that`);
            }
            this.log.debug(`${t.registry}: plain http`);
            return attempt('http');
        }
    }
    async send(t, o) {
        const once = async () => {
            const base = await this.base(t);
            const url = new URL(o.path, base);
            // Credentials only go to the registry itself, never to a host an upload location points at.
            const sameHost = url.host === new URL(base).host;
            for (let round = 1;; round++) {
                const headers = { ...o.headers };
                const authorization = sameHost ? await this.auth.header(t.apiHost, t.registry, o.scopes) : undefined;
                if (authorization)
                    headers.authorization = authorization;
                const body = o.body ? await o.body() : undefined;
                const res = await this.http.request({ method: o.method, url: url.href, headers, body });
                if (o.accept.includes(res.status))
                    return res;
                if (body && !Buffer.isBuffer(body))
                    body.destroy();
                if (res.status === 401 && round === 1 && sameHost) {
                    const challenge = headerValue(res, 'www-authenticate');
                    const insufficient = /error="?insufficient_scope/.test(challenge ?? '');
                    const sameBasic = authorization?.startsWith('Basic ') && this.auth.scheme(t.apiHost) === 'basic';
                    if (!insufficient && !sameBasic && this.auth.learn(t.apiHost, challenge)) {
                        this.auth.forget(t.apiHost, o.scopes);
                        await res.discard();
                        continue;
                    }
                }
                throw await this.failure(t, o, res);
            }
        };
        return o.retry === false ? once() : (0,registry_retryable/* retryRegistryCall */.Gh)(o.what, once, this.retryOptions, this.log);
    }
    async failure(t, o, res) {
        const text = o.method === 'HEAD' ? '' : await res.text().catch(() => '');
        const detail = errorSummary(text);
        const retryable = (0,registry_retryable/* retryableAnswer */.bG)(res, detail.replace(/^: /, ''));
        if (retryable)
            return retryable;
        if (res.status === 401) {
            const creds = this.options.credentials?.(t.registry);
            const challenge = parseWwwAuthenticate(headerValue(res, 'www-authenticate') ?? '')[0];
            if (challenge?.params.error === 'insufficient_scope') {
                const who = creds
                    ? `the user '${creds.username}' lacks this access`
                    : `no credentials were given for ${t.registry}`;
                return new errors/* CdpackError */.xd(`${o.what} denied (HTTP 401 insufficient_scope)${detail}; ${who}`);
            }
            const hint = creds
                ? `check the username and password for ${t.registry}`
                : `no credentials were given for ${t.registry}`;
            return new errors/* CdpackError */.xd(`${o.what} failed: authentication required (HTTP 401)${detail}; ${hint}`);
        }
        if (res.status === 403)
            return new errors/* CdpackError */.xd(`${o.what} denied (HTTP 403)${detail}`);
        if (res.status === 404)
            return new errors/* CdpackError */.xd(`${o.what} failed: not found (HTTP 404)${detail}`);
        return new errors/* CdpackError */.xd(`${o.what} failed: HTTP ${res.status}${detail}`);
    }
}


/***/ }),

/***/ 3277:
/***/ ((__unused_webpack_module, __webpack_exports__, __webpack_require__) => {

/* harmony export */ __webpack_require__.d(__webpack_exports__, {
/* harmony export */   Gh: () => (/* binding */ retryRegistryCall),
/* harmony export */   bG: () => (/* binding */ retryableAnswer),
/* harmony export */   mu: () => (/* binding */ parseRetryAfter),
/* harmony export */   yt: () => (/* binding */ registryRetryDefaults)
/* harmony export */ });
/* unused harmony exports RetryableStatus, isRetryableStatus */
/* harmony import */ var _core_errors__WEBPACK_IMPORTED_MODULE_0__ = __webpack_require__(4296);
/* harmony import */ var _core_retry__WEBPACK_IMPORTED_MODULE_2__ = __webpack_require__(7253);
/* harmony import */ var _http_client__WEBPACK_IMPORTED_MODULE_1__ = __webpack_require__(3821);
/**
 * Which registry answers are worth retrying — 429 (`toomanyrequests`), 5xx and transient network
 * errors — and how long the registry asked us to wait (`Retry-After`, seconds or an HTTP date).
 * The loop itself is core/retry's.
 */



/** Registry calls: 5 attempts, jittered waits from up to 1 s doubling to at most 60 s. */
const registryRetryDefaults = { attempts: 5, baseDelayMs: 1000, maxDelayMs: 60_000 };
/** Thrown by an attempt whose answer is worth retrying. */
class RetryableStatus extends Error {
    status;
    retryAfterMs;
    detail;
    name = 'RetryableStatus';
    constructor(status, 
    /** Wait asked by the server, in ms. */
    retryAfterMs, 
    /** Error code and message of the registry's error body, when it gave one. */
    detail) {
        super(`HTTP ${status}${detail ? ` ${detail}` : ''}`);
        this.status = status;
        this.retryAfterMs = retryAfterMs;
        this.detail = detail;
    }
}
function isRetryableStatus(status) {
    return status === 429 || (status >= 500 && status <= 599 && status !== 501);
}
const transientNetworkCodes = new Set(['ECONNRESET', 'ETIMEDOUT', 'EPIPE', 'ECONNABORTED', 'EAI_AGAIN']);
/** `Retry-After` as milliseconds from `now`: delta-seconds or an HTTP date; undefined when absent or unreadable. */
function parseRetryAfter(value, now = Date.now()) {
    const text = (Array.isArray(value) ? value[0] : value)?.trim();
    if (!text)
        return undefined;
    if (/^\d+$/.test(text))
        return Number(text) * 1000;
    if (!/^[A-Za-z]{3},/.test(text))
        return undefined;
    const date = Date.parse(text);
    if (Number.isNaN(date))
        return undefined;
    return Math.max(0, date - now);
}
/** The retryable failure an HTTP answer stands for (429, 5xx, with the wait it asked), else undefined. */
function retryableAnswer(res, detail = '') {
    return isRetryableStatus(res.status)
        ? new RetryableStatus(res.status, parseRetryAfter(res.headers['retry-after']), detail)
        : undefined;
}
function retryable(e) {
    return e instanceof RetryableStatus || (e instanceof _http_client__WEBPACK_IMPORTED_MODULE_1__/* .NetworkError */ .Dr && transientNetworkCodes.has(e.code ?? ''));
}
function reasonOf(e) {
    return e instanceof RetryableStatus ? e.message : `network error (${e.message})`;
}
/**
 * Runs a registry call with core/retry; once the attempts are spent the error names `what`, the
 * last status and the number of attempts. Other errors pass through at once.
 */
function retryRegistryCall(what, attempt, options, log) {
    return (0,_core_retry__WEBPACK_IMPORTED_MODULE_2__/* .retry */ .L5)(what, attempt, options, {
        judge: (e) => retryable(e)
            ? {
                retry: true,
                reason: reasonOf(e),
                ...(e instanceof RetryableStatus && e.retryAfterMs !== undefined ? { waitMs: e.retryAfterMs } : {}),
            }
            : { retry: false },
        fail(e, attempts) {
            if (!retryable(e))
                return e;
            const hint = e instanceof RetryableStatus && e.status === 429 ? ' (rate limited: toomanyrequests)' : '';
            return new _core_errors__WEBPACK_IMPORTED_MODULE_0__/* .CdpackError */ .xd(`${what} failed: ${reasonOf(e)}${hint} after ${attempts} attempts`);
        },
        ...(log ? { log } : {}),
    });
}


/***/ })

};
