#!/usr/bin/env node
import { createRequire as __WEBPACK_EXTERNAL_createRequire } from "module";
/******/ var __webpack_modules__ = ({

/***/ 486:
/***/ ((module, __unused_webpack___webpack_exports__, __nccwpck_require__) => {

__nccwpck_require__.a(module, async (__webpack_handle_async_dependencies__, __webpack_async_result__) => { try {
/* harmony import */ var _main__WEBPACK_IMPORTED_MODULE_0__ = __nccwpck_require__(8714);

process.exitCode = await (0,_main__WEBPACK_IMPORTED_MODULE_0__/* .main */ .i)(process.argv.slice(2), process.env);

__webpack_async_result__();
} catch(e) { __webpack_async_result__(e); } }, 1);

/***/ }),

/***/ 8714:
/***/ ((__unused_webpack_module, __webpack_exports__, __nccwpck_require__) => {


// EXPORTS
__nccwpck_require__.d(__webpack_exports__, {
  i: () => (/* binding */ main)
});

// EXTERNAL MODULE: ./src/inputs/build-push.ts
var build_push = __nccwpck_require__(6666);
// EXTERNAL MODULE: ./src/inputs/scan.ts
var scan = __nccwpck_require__(7728);
// EXTERNAL MODULE: ./src/inputs/update-gitops-tag.ts
var update_gitops_tag = __nccwpck_require__(2188);
;// CONCATENATED MODULE: ./src/actions/catalog.ts



/**
 * Every action by its CLI sub-command name. Bodies are imported lazily so that the CLI and the
 * Marketplace dispatcher load only the step they run.
 */
const actions = {
    'build-push': { spec: build_push/* buildPush */.h, run: async (p) => (await __nccwpck_require__.e(/* import() */ 400).then(__nccwpck_require__.bind(__nccwpck_require__, 2400))).buildPushAction(p) },
    scan: { spec: scan/* scan */.S, run: async (p) => (await Promise.all(/* import() */[__nccwpck_require__.e(815), __nccwpck_require__.e(237)]).then(__nccwpck_require__.bind(__nccwpck_require__, 8237))).scanAction(p) },
    'update-gitops-tag': {
        spec: update_gitops_tag/* updateGitopsTag */.C,
        run: async (p) => (await Promise.all(/* import() */[__nccwpck_require__.e(815), __nccwpck_require__.e(204)]).then(__nccwpck_require__.bind(__nccwpck_require__, 5204))).updateGitopsTagAction(p),
    },
};

;// CONCATENATED MODULE: ./src/actions/run-action.ts
/** Runs an action body and turns any error into a failed step with a readable message. */
async function runAction(platform, body) {
    try {
        await body(platform);
    }
    catch (error) {
        const message = error instanceof Error ? error.message : String(error);
        const where = error && typeof error === 'object' && 'file' in error ? error : undefined;
        if (where?.file)
            platform.error(message, { file: where.file, ...(where.line ? { line: where.line } : {}) });
        if (!(error instanceof Error) || error.name === 'Error' || error.name === 'TypeError') {
            platform.debug(error instanceof Error ? (error.stack ?? message) : message);
        }
        platform.fail(message);
    }
}

// EXTERNAL MODULE: external "node:fs"
var external_node_fs_ = __nccwpck_require__(3024);
;// CONCATENATED MODULE: external "node:os"
const external_node_os_namespaceObject = __WEBPACK_EXTERNAL_createRequire(import.meta.url)("node:os");
;// CONCATENATED MODULE: ./src/platform/masker.ts
/** Replaces every registered secret (and its base64 forms in auth headers) with `***`. */
class Masker {
    secrets = new Set();
    add(value) {
        const trimmed = value.trim();
        if (trimmed.length < 3)
            return; // masking 1-2 characters would shred every log line
        this.secrets.add(trimmed);
        for (const line of trimmed.split(/\r?\n/))
            if (line.trim().length >= 3)
                this.secrets.add(line.trim());
    }
    mask(text) {
        let out = text;
        // Longest first, so a secret that contains another is replaced whole.
        for (const secret of [...this.secrets].sort((a, b) => b.length - a.length))
            out = out.split(secret).join('***');
        return out;
    }
}

;// CONCATENATED MODULE: ./src/platform/cli.ts



/** `CDPACK_<INPUT>`, upper-cased, hyphens as underscores: the env fallback and dotenv key. */
function envName(name) {
    return `CDPACK_${name.toUpperCase().replace(/-/g, '_')}`;
}
/** A terminal or a GitLab job: inputs from flags then CDPACK_* env, outputs as name=value lines. */
function cliPlatform(spec, options) {
    const { env, out, err } = options;
    const masker = new Masker();
    const say = (m) => masker.mask(m);
    const gitlab = env.GITLAB_CI === 'true';
    let sectionId = 0;
    let failed = false;
    if (options.dotenv)
        (0,external_node_fs_.writeFileSync)(options.dotenv, '');
    const where = (w) => (w ? `${w.file}${w.line ? `:${w.line}` : ''}: ` : '');
    return {
        name: 'cli',
        env,
        tempDir: env.RUNNER_TEMP || env.CDPACK_TEMP || (0,external_node_os_namespaceObject.tmpdir)(),
        workspace: env.CI_PROJECT_DIR || process.cwd(),
        input(name) {
            const value = options.flags[name] ?? env[envName(name)] ?? '';
            return value !== '' ? value : (spec.inputs[name]?.default ?? '');
        },
        setOutput(name, value) {
            if (value.includes('\n'))
                throw new Error(`output '${name}' must be a single line`);
            out(`${name}=${value}`);
            if (options.dotenv)
                (0,external_node_fs_.appendFileSync)(options.dotenv, `${envName(name)}=${value}\n`);
        },
        setSecret: (value) => masker.add(value),
        info: (m) => err(say(m)),
        debug: (m) => {
            if (env.CDPACK_DEBUG === 'true' || env.CI_DEBUG_TRACE === 'true')
                err(`debug: ${say(m)}`);
        },
        warn: (m, w) => err(`warning: ${where(w)}${say(m)}`),
        error: (m, w) => err(`error: ${where(w)}${say(m)}`),
        async group(title, fn) {
            const id = `cdpack_${++sectionId}`;
            const now = () => Math.floor(Date.now() / 1000);
            err(gitlab ? `\x1b[0Ksection_start:${now()}:${id}[collapsed=true]\r\x1b[0K${say(title)}` : `== ${say(title)}`);
            try {
                return await fn();
            }
            finally {
                if (gitlab)
                    err(`\x1b[0Ksection_end:${now()}:${id}\r\x1b[0K`);
            }
        },
        async summary(markdown) {
            err(say(markdown));
        },
        fail(m) {
            failed = true;
            err(`error: ${say(m)}`);
        },
        get failed() {
            return failed;
        },
    };
}

;// CONCATENATED MODULE: ./src/cli/args.ts
/**
 * `--name value`, `--name=value`; a boolean input given bare (`--dry-run`) means true.
 * Unknown flags are errors that list the known ones.
 */
function parseArgs(spec, argv) {
    const flags = {};
    let dotenv;
    let help = false;
    for (let i = 0; i < argv.length; i++) {
        const arg = argv[i];
        if (arg === '--help' || arg === '-h') {
            help = true;
            continue;
        }
        if (!arg.startsWith('--'))
            throw new Error(`unexpected argument '${arg}'; inputs are given as --<input> <value>`);
        const eq = arg.indexOf('=');
        const name = arg.slice(2, eq > 0 ? eq : undefined);
        const input = spec.inputs[name];
        if (name !== 'dotenv' && !input) {
            throw new Error(`unknown option '--${name}' for ${spec.name}; known: ${Object.keys(spec.inputs).join(', ')}, dotenv`);
        }
        let value;
        if (eq > 0)
            value = arg.slice(eq + 1);
        else if (input?.type === 'boolean' && (argv[i + 1] === undefined || argv[i + 1].startsWith('--')))
            value = 'true';
        else {
            const next = argv[i + 1];
            if (next === undefined)
                throw new Error(`option '--${name}' needs a value`);
            value = next;
            i++;
        }
        if (name === 'dotenv')
            dotenv = value;
        else
            flags[name] = value;
    }
    return { flags, dotenv, help };
}
/** `cdpack <action> --help`, generated from the action's spec. */
function actionHelp(spec) {
    const width = Math.max(...Object.keys(spec.inputs).map((n) => n.length)) + 4;
    const lines = [
        `cdpack ${spec.name} [--<input> <value>]... [--dotenv <file>]`,
        '',
        spec.description,
        '',
        'Inputs (also read from CDPACK_<INPUT>):',
    ];
    for (const [name, input] of Object.entries(spec.inputs)) {
        const extra = [input.required ? 'required' : '', input.default !== undefined ? `default: ${input.default}` : '']
            .filter(Boolean)
            .join('; ');
        lines.push(`  --${name.padEnd(width)}${input.description}${extra ? ` (${extra})` : ''}`);
    }
    lines.push('', 'Outputs (printed as name=value; --dotenv writes CDPACK_<NAME>=value):');
    for (const [name, output] of Object.entries(spec.outputs))
        lines.push(`  ${name.padEnd(width + 2)}${output.description}`);
    return lines.join('\n');
}

;// CONCATENATED MODULE: ./src/cli/main.ts




const usage = `usage: cdpack <action> [--<input> <value>]... [--dotenv <file>]

Actions:
${Object.values(actions)
    .map((a) => `  ${a.spec.name.padEnd(20)}${a.spec.description}`)
    .join('\n')}

Run 'cdpack <action> --help' for its inputs and outputs.`;
/** The CLI: `cdpack <action> --flag …`; returns the exit code. */
async function main(argv, env) {
    const [name, ...rest] = argv;
    const out = (line) => process.stdout.write(`${line}\n`);
    const err = (line) => process.stderr.write(`${line}\n`);
    if (!name || name === '--help' || name === '-h' || name === 'help') {
        out(usage);
        return name ? 0 : 1;
    }
    const entry = actions[name];
    if (!entry) {
        err(`error: unknown action '${name}'\n\n${usage}`);
        return 1;
    }
    let parsed;
    try {
        parsed = parseArgs(entry.spec, rest);
    }
    catch (error) {
        err(`error: ${error.message}`);
        return 1;
    }
    if (parsed.help) {
        out(actionHelp(entry.spec));
        return 0;
    }
    for (const name of Object.keys(parsed.flags)) {
        if (entry.spec.inputs[name]?.secret) {
            err(`warning: --${name} on the command line is visible to other processes; prefer the ${envName(name)} variable`);
        }
    }
    const platform = cliPlatform(entry.spec, { flags: parsed.flags, dotenv: parsed.dotenv, env, out, err });
    await runAction(platform, entry.run);
    return platform.failed ? 1 : 0;
}


/***/ }),

/***/ 6666:
/***/ ((__unused_webpack_module, __webpack_exports__, __nccwpck_require__) => {

/* harmony export */ __nccwpck_require__.d(__webpack_exports__, {
/* harmony export */   h: () => (/* binding */ buildPush)
/* harmony export */ });
const buildPush = {
    name: 'build-push',
    title: 'cdpack build-push',
    description: 'Build an image once, tag it by commit SHA (plus branch, semver and raw tag rules), push it and report the verified digest; or promote an existing image to new tags without rebuilding. Builds with buildx, the Docker engine or buildah.',
    inputs: {
        image: {
            description: 'Image repository without tag, e.g. registry.example.com/team/app (OCI reference grammar).',
            required: true,
        },
        tags: {
            description: 'Extra tags, one per line (plain tags may also be comma-separated). The full commit SHA tag is always added. Rules: type=short-sha[,length=N], type=branch, type=semver[,pattern={{major}}.{{minor}}], type=pr, type=raw,value=TAG; each takes prefix= and suffix=. `latest` only when listed explicitly.',
        },
        context: { description: 'Build context directory, relative to the workspace.', default: '.' },
        file: { description: 'Dockerfile path, relative to the workspace. Default: <context>/Dockerfile.' },
        target: { description: 'Build stage to stop at (multi-stage Dockerfiles).' },
        platforms: {
            description: 'Target platforms, e.g. linux/amd64,linux/arm64 (several: buildx or buildah push an index).',
            type: 'list',
        },
        'build-args': { description: 'Build arguments, one KEY=VALUE per line.' },
        labels: {
            description: 'Extra labels, one KEY=VALUE per line; they override the default org.opencontainers.image.* labels.',
        },
        push: { description: 'Push the image (false: build only).', default: 'true', type: 'boolean' },
        builder: {
            description: 'auto: buildx when `docker buildx` works, else the Docker engine when a daemon answers, else buildah.',
            default: 'auto',
            options: ['auto', 'buildx', 'docker', 'buildah'],
        },
        registry: { description: 'Registry to log in to. Default: the registry of `image` (docker.io when none).' },
        username: { description: 'Registry user name; with `password`, login happens in a temporary config.' },
        password: { description: 'Registry password or token (passed on stdin only).', secret: true },
        'cache-from': {
            description: 'Registry cache sources, one per line: image references, or type=registry,ref=… (buildx also takes other type=… specs).',
        },
        'cache-to': {
            description: 'Registry cache destination: an image reference, or type=registry,ref=…[,mode=max].',
        },
        'tls-verify': {
            description: 'Verify the registry TLS certificate and require HTTPS (false allows plain HTTP).',
            default: 'true',
            type: 'boolean',
        },
        'ca-file': {
            description: 'PEM CA certificate to trust for the registry (buildah and the digest check; Docker engines use their certs.d).',
        },
        'buildah-storage': {
            description: 'buildah only: temp (a fresh store under the temp dir, removed afterwards) or default.',
            default: 'temp',
            options: ['temp', 'default'],
        },
        source: {
            description: 'Promote mode: copy this existing image (ideally repo@sha256:…) to `image` with the computed tags, without building.',
        },
    },
    outputs: {
        digest: { description: 'Digest of the pushed manifest or index (sha256:…), checked against the registry.' },
        'image-ref': { description: 'The pushed image by digest: <image>@sha256:….' },
        tags: { description: 'JSON list of the full tag references pushed (or built, with push: false).' },
        metadata: { description: 'JSON: builder, image, tags, digest, commit, labels, platforms, pushed, source.' },
    },
};


/***/ }),

/***/ 7728:
/***/ ((__unused_webpack_module, __webpack_exports__, __nccwpck_require__) => {

/* harmony export */ __nccwpck_require__.d(__webpack_exports__, {
/* harmony export */   S: () => (/* binding */ scan)
/* harmony export */ });
const scan = {
    name: 'scan',
    title: 'cdpack scan',
    description: 'Scan an image with Trivy or Grype (or evaluate an existing report) and gate on severity, with an allowlist that expires; writes SARIF for GitHub code scanning and a GitLab container-scanning report that agree with the gate.',
    inputs: {
        image: {
            description: 'Image to scan, best by digest (e.g. the `image` output of build-push). Required unless `report` is given.',
        },
        scanner: { description: 'Scanner to run.', default: 'trivy', options: ['trivy', 'grype'] },
        'scanner-version': {
            description: "Scanner version: used from the tool cache or PATH when present, else downloaded and checksum-verified. Default: the pinned version (trivy 0.69.3, grype 0.110.0). 'path' uses whatever is on PATH.",
        },
        'severity-threshold': {
            description: 'Fail when a counted finding is at or above this severity; `none` never fails.',
            default: 'high',
            options: ['critical', 'high', 'medium', 'low', 'none'],
        },
        'ignore-unfixed': {
            description: 'Do not count findings that have no fixed version yet (they are still reported, as suppressed).',
            default: 'true',
            type: 'boolean',
        },
        'ignore-file': {
            description: 'Allowlist: a YAML list of {id, package?, reason, expires?: YYYY-MM-DD}, or a plain .trivyignore. Expired entries stop suppressing; entries that match nothing are reported as stale.',
        },
        report: {
            description: 'Path to an existing Trivy or Grype JSON report to evaluate instead of running a scanner (format detected).',
        },
        'sarif-file': {
            description: 'Write SARIF 2.1.0 for GitHub code scanning here (kept within GitHub upload limits).',
        },
        'gitlab-report-file': {
            description: 'Write a GitLab container-scanning report here (artifacts:reports:container_scanning).',
            gitlabDefault: 'gl-container-scanning-report.json',
        },
        'summary-limit': {
            description: 'Most findings listed in the step summary.',
            default: '20',
            type: 'number',
        },
        offline: {
            description: 'Use the cached vulnerability DB as is and download nothing (scanner or DB).',
            default: 'false',
            type: 'boolean',
        },
        'cache-dir': {
            description: 'Directory for the scanner DB and downloaded scanners, reused between runs (cache it). Default: RUNNER_TOOL_CACHE/cdpack on GitHub, else .cdpack-cache in the workspace.',
        },
    },
    outputs: {
        verdict: { description: '`pass` or `fail`.' },
        critical: { description: 'Counted critical findings (after suppression).' },
        high: { description: 'Counted high findings (after suppression).' },
        medium: { description: 'Counted medium findings (after suppression).' },
        low: { description: 'Counted low findings (after suppression).' },
        unknown: { description: 'Counted findings of unknown severity (after suppression).' },
        suppressed: { description: 'Findings not counted: allowlisted or (with ignore-unfixed) without a fix.' },
        'sarif-file': { description: 'Path of the SARIF file written; empty when none.' },
        'gitlab-report-file': { description: 'Path of the GitLab report written; empty when none.' },
    },
    gitlab: { reports: { container_scanning: 'gl-container-scanning-report.json' } },
};


/***/ }),

/***/ 2188:
/***/ ((__unused_webpack_module, __webpack_exports__, __nccwpck_require__) => {

/* harmony export */ __nccwpck_require__.d(__webpack_exports__, {
/* harmony export */   C: () => (/* binding */ updateGitopsTag)
/* harmony export */ });
const updateGitopsTag = {
    name: 'update-gitops-tag',
    title: 'cdpack update-gitops-tag',
    description: 'Bump an image tag and/or digest in a GitOps config repository (kustomize, manifests, Helm values, Argo CD, Flux markers) in one commit, format-preserving, retrying when the remote moves.',
    inputs: {
        repository: {
            description: 'Config repository: an https or ssh git URL, or a local path. Default: the workspace repository (its origin remote).',
        },
        branch: { description: 'Branch to update.', default: 'main' },
        token: {
            description: 'Token for HTTPS remotes, sent as an Authorization header (never in the URL, .git/config, argv or logs).',
            githubDefault: '${{ github.token }}',
            secret: true,
        },
        username: {
            description: 'User name paired with `token` in Basic auth (GitHub: x-access-token, GitLab: oauth2 or gitlab-ci-token).',
            default: 'x-access-token',
        },
        files: {
            description: 'Files to edit: paths or globs (`*`, `**`, `?`) relative to the repository root, newline- or comma-separated.',
            required: true,
            type: 'list',
        },
        image: {
            description: 'Image repository to match, e.g. registry.example.com/team/web (without tag or digest).',
            required: true,
        },
        tag: { description: 'New tag (OCI tag grammar). At least one of tag and digest is required.' },
        digest: { description: 'New digest, sha256: followed by 64 hex digits.' },
        key: {
            description: 'YAML path of the tag in Helm values files, e.g. image.tag or web.image.tag. Default: any mapping whose repository matches `image`.',
        },
        'commit-message': {
            description: 'Commit message template; {image}, {tag}, {digest}, {files}, {version} (tag, digest or tag@digest) and {ref} (image:tag@digest) are replaced.',
            default: 'chore(deploy): set {image} to {version}',
        },
        'author-name': { description: 'Commit author name.', default: 'cdpack' },
        'author-email': { description: 'Commit author email.', default: 'cdpack@users.noreply.github.com' },
        'max-attempts': {
            description: 'Push attempts when the remote moves (re-applies the edit on the new tip each time).',
            default: '10',
            type: 'number',
        },
        'dry-run': {
            description: 'Compute and show the change, but do not commit or push.',
            default: 'false',
            type: 'boolean',
        },
    },
    outputs: {
        changed: { description: 'true when a commit was pushed (or, with dry-run, would be).' },
        commit: { description: 'SHA of the pushed commit; empty when nothing changed.' },
        files: { description: 'JSON list of the changed files.' },
        previous: { description: 'JSON map of changed file to the image reference(s) it held before.' },
    },
};


/***/ }),

/***/ 181:
/***/ ((module) => {

module.exports = __WEBPACK_EXTERNAL_createRequire(import.meta.url)("buffer");

/***/ }),

/***/ 1421:
/***/ ((module) => {

module.exports = __WEBPACK_EXTERNAL_createRequire(import.meta.url)("node:child_process");

/***/ }),

/***/ 7598:
/***/ ((module) => {

module.exports = __WEBPACK_EXTERNAL_createRequire(import.meta.url)("node:crypto");

/***/ }),

/***/ 3024:
/***/ ((module) => {

module.exports = __WEBPACK_EXTERNAL_createRequire(import.meta.url)("node:fs");

/***/ }),

/***/ 1455:
/***/ ((module) => {

module.exports = __WEBPACK_EXTERNAL_createRequire(import.meta.url)("node:fs/promises");

/***/ }),

/***/ 7067:
/***/ ((module) => {

module.exports = __WEBPACK_EXTERNAL_createRequire(import.meta.url)("node:http");

/***/ }),

/***/ 4708:
/***/ ((module) => {

module.exports = __WEBPACK_EXTERNAL_createRequire(import.meta.url)("node:https");

/***/ }),

/***/ 6760:
/***/ ((module) => {

module.exports = __WEBPACK_EXTERNAL_createRequire(import.meta.url)("node:path");

/***/ }),

/***/ 1692:
/***/ ((module) => {

module.exports = __WEBPACK_EXTERNAL_createRequire(import.meta.url)("node:tls");

/***/ }),

/***/ 8522:
/***/ ((module) => {

module.exports = __WEBPACK_EXTERNAL_createRequire(import.meta.url)("node:zlib");

/***/ }),

/***/ 932:
/***/ ((module) => {

module.exports = __WEBPACK_EXTERNAL_createRequire(import.meta.url)("process");

/***/ })

/******/ });
/************************************************************************/
/******/ // The module cache
/******/ var __webpack_module_cache__ = {};
/******/ 
/******/ // The require function
/******/ function __nccwpck_require__(moduleId) {
/******/ 	// Check if module is in cache
/******/ 	var cachedModule = __webpack_module_cache__[moduleId];
/******/ 	if (cachedModule !== undefined) {
/******/ 		return cachedModule.exports;
/******/ 	}
/******/ 	// Create a new module (and put it into the cache)
/******/ 	var module = __webpack_module_cache__[moduleId] = {
/******/ 		// no module.id needed
/******/ 		// no module.loaded needed
/******/ 		exports: {}
/******/ 	};
/******/ 
/******/ 	// Execute the module function
/******/ 	var threw = true;
/******/ 	try {
/******/ 		__webpack_modules__[moduleId](module, module.exports, __nccwpck_require__);
/******/ 		threw = false;
/******/ 	} finally {
/******/ 		if(threw) delete __webpack_module_cache__[moduleId];
/******/ 	}
/******/ 
/******/ 	// Return the exports of the module
/******/ 	return module.exports;
/******/ }
/******/ 
/******/ // expose the modules object (__webpack_modules__)
/******/ __nccwpck_require__.m = __webpack_modules__;
/******/ 
/************************************************************************/
/******/ /* webpack/runtime/asset-relocator-loader */
/******/ if (typeof __nccwpck_require__ !== 'undefined') __nccwpck_require__.ab = decodeURIComponent(new URL('.', import.meta.url).pathname).slice(import.meta.url.match(/^file:\/\/\/\w:/) ? 1 : 0, -1) + "/";
/******/ 
/******/ /* webpack/runtime/async module */
/******/ (() => {
/******/ 	var webpackQueues = typeof Symbol === "function" ? Symbol("webpack queues") : "__webpack_queues__";
/******/ 	var webpackExports = typeof Symbol === "function" ? Symbol("webpack exports") : "__webpack_exports__";
/******/ 	var webpackError = typeof Symbol === "function" ? Symbol("webpack error") : "__webpack_error__";
/******/ 	var resolveQueue = (queue) => {
/******/ 		if(queue && queue.d < 1) {
/******/ 			queue.d = 1;
/******/ 			queue.forEach((fn) => (fn.r--));
/******/ 			queue.forEach((fn) => (fn.r-- ? fn.r++ : fn()));
/******/ 		}
/******/ 	}
/******/ 	var wrapDeps = (deps) => (deps.map((dep) => {
/******/ 		if(dep !== null && typeof dep === "object") {
/******/ 			if(dep[webpackQueues]) return dep;
/******/ 			if(dep.then) {
/******/ 				var queue = [];
/******/ 				queue.d = 0;
/******/ 				dep.then((r) => {
/******/ 					obj[webpackExports] = r;
/******/ 					resolveQueue(queue);
/******/ 				}, (e) => {
/******/ 					obj[webpackError] = e;
/******/ 					resolveQueue(queue);
/******/ 				});
/******/ 				var obj = {};
/******/ 				obj[webpackQueues] = (fn) => (fn(queue));
/******/ 				return obj;
/******/ 			}
/******/ 		}
/******/ 		var ret = {};
/******/ 		ret[webpackQueues] = x => {};
/******/ 		ret[webpackExports] = dep;
/******/ 		return ret;
/******/ 	}));
/******/ 	__nccwpck_require__.a = (module, body, hasAwait) => {
/******/ 		var queue;
/******/ 		hasAwait && ((queue = []).d = -1);
/******/ 		var depQueues = new Set();
/******/ 		var exports = module.exports;
/******/ 		var currentDeps;
/******/ 		var outerResolve;
/******/ 		var reject;
/******/ 		var promise = new Promise((resolve, rej) => {
/******/ 			reject = rej;
/******/ 			outerResolve = resolve;
/******/ 		});
/******/ 		promise[webpackExports] = exports;
/******/ 		promise[webpackQueues] = (fn) => (queue && fn(queue), depQueues.forEach(fn), promise["catch"](x => {}));
/******/ 		module.exports = promise;
/******/ 		body((deps) => {
/******/ 			currentDeps = wrapDeps(deps);
/******/ 			var fn;
/******/ 			var getResult = () => (currentDeps.map((d) => {
/******/ 				if(d[webpackError]) throw d[webpackError];
/******/ 				return d[webpackExports];
/******/ 			}))
/******/ 			var promise = new Promise((resolve) => {
/******/ 				fn = () => (resolve(getResult));
/******/ 				fn.r = 0;
/******/ 				var fnQueue = (q) => (q !== queue && !depQueues.has(q) && (depQueues.add(q), q && !q.d && (fn.r++, q.push(fn))));
/******/ 				currentDeps.map((dep) => (dep[webpackQueues](fnQueue)));
/******/ 			});
/******/ 			return fn.r ? promise : getResult();
/******/ 		}, (err) => ((err ? reject(promise[webpackError] = err) : outerResolve(exports)), resolveQueue(queue)));
/******/ 		queue && queue.d < 0 && (queue.d = 0);
/******/ 	};
/******/ })();
/******/ 
/******/ /* webpack/runtime/compat get default export */
/******/ (() => {
/******/ 	// getDefaultExport function for compatibility with non-harmony modules
/******/ 	__nccwpck_require__.n = (module) => {
/******/ 		var getter = module && module.__esModule ?
/******/ 			() => (module['default']) :
/******/ 			() => (module);
/******/ 		__nccwpck_require__.d(getter, { a: getter });
/******/ 		return getter;
/******/ 	};
/******/ })();
/******/ 
/******/ /* webpack/runtime/define property getters */
/******/ (() => {
/******/ 	// define getter functions for harmony exports
/******/ 	__nccwpck_require__.d = (exports, definition) => {
/******/ 		for(var key in definition) {
/******/ 			if(__nccwpck_require__.o(definition, key) && !__nccwpck_require__.o(exports, key)) {
/******/ 				Object.defineProperty(exports, key, { enumerable: true, get: definition[key] });
/******/ 			}
/******/ 		}
/******/ 	};
/******/ })();
/******/ 
/******/ /* webpack/runtime/ensure chunk */
/******/ (() => {
/******/ 	__nccwpck_require__.f = {};
/******/ 	// This file contains only the entry chunk.
/******/ 	// The chunk loading function for additional chunks
/******/ 	__nccwpck_require__.e = (chunkId) => {
/******/ 		return Promise.all(Object.keys(__nccwpck_require__.f).reduce((promises, key) => {
/******/ 			__nccwpck_require__.f[key](chunkId, promises);
/******/ 			return promises;
/******/ 		}, []));
/******/ 	};
/******/ })();
/******/ 
/******/ /* webpack/runtime/get javascript chunk filename */
/******/ (() => {
/******/ 	// This function allow to reference async chunks
/******/ 	__nccwpck_require__.u = (chunkId) => {
/******/ 		// return url for filenames based on template
/******/ 		return "" + chunkId + ".index.js";
/******/ 	};
/******/ })();
/******/ 
/******/ /* webpack/runtime/hasOwnProperty shorthand */
/******/ (() => {
/******/ 	__nccwpck_require__.o = (obj, prop) => (Object.prototype.hasOwnProperty.call(obj, prop))
/******/ })();
/******/ 
/******/ /* webpack/runtime/make namespace object */
/******/ (() => {
/******/ 	// define __esModule on exports
/******/ 	__nccwpck_require__.r = (exports) => {
/******/ 		if(typeof Symbol !== 'undefined' && Symbol.toStringTag) {
/******/ 			Object.defineProperty(exports, Symbol.toStringTag, { value: 'Module' });
/******/ 		}
/******/ 		Object.defineProperty(exports, '__esModule', { value: true });
/******/ 	};
/******/ })();
/******/ 
/******/ /* webpack/runtime/import chunk loading */
/******/ (() => {
/******/ 	// no baseURI
/******/ 	
/******/ 	// object to store loaded and loading chunks
/******/ 	// undefined = chunk not loaded, null = chunk preloaded/prefetched
/******/ 	// [resolve, Promise] = chunk loading, 0 = chunk loaded
/******/ 	var installedChunks = {
/******/ 		792: 0
/******/ 	};
/******/ 	
/******/ 	var installChunk = (data) => {
/******/ 		var {ids, modules, runtime} = data;
/******/ 		// add "modules" to the modules object,
/******/ 		// then flag all "ids" as loaded and fire callback
/******/ 		var moduleId, chunkId, i = 0;
/******/ 		for(moduleId in modules) {
/******/ 			if(__nccwpck_require__.o(modules, moduleId)) {
/******/ 				__nccwpck_require__.m[moduleId] = modules[moduleId];
/******/ 			}
/******/ 		}
/******/ 		if(runtime) runtime(__nccwpck_require__);
/******/ 		for(;i < ids.length; i++) {
/******/ 			chunkId = ids[i];
/******/ 			if(__nccwpck_require__.o(installedChunks, chunkId) && installedChunks[chunkId]) {
/******/ 				installedChunks[chunkId][0]();
/******/ 			}
/******/ 			installedChunks[ids[i]] = 0;
/******/ 		}
/******/ 	
/******/ 	}
/******/ 	
/******/ 	__nccwpck_require__.f.j = (chunkId, promises) => {
/******/ 			// import() chunk loading for javascript
/******/ 			var installedChunkData = __nccwpck_require__.o(installedChunks, chunkId) ? installedChunks[chunkId] : undefined;
/******/ 			if(installedChunkData !== 0) { // 0 means "already installed".
/******/ 	
/******/ 				// a Promise means "currently loading".
/******/ 				if(installedChunkData) {
/******/ 					promises.push(installedChunkData[1]);
/******/ 				} else {
/******/ 					if(true) { // all chunks have JS
/******/ 						// setup Promise in chunk cache
/******/ 						var promise = import("./" + __nccwpck_require__.u(chunkId)).then(installChunk, (e) => {
/******/ 							if(installedChunks[chunkId] !== 0) installedChunks[chunkId] = undefined;
/******/ 							throw e;
/******/ 						});
/******/ 						var promise = Promise.race([promise, new Promise((resolve) => (installedChunkData = installedChunks[chunkId] = [resolve]))])
/******/ 						promises.push(installedChunkData[1] = promise);
/******/ 					}
/******/ 				}
/******/ 			}
/******/ 	};
/******/ 	
/******/ 	// no prefetching
/******/ 	
/******/ 	// no preloaded
/******/ 	
/******/ 	// no external install chunk
/******/ 	
/******/ 	// no on chunks loaded
/******/ })();
/******/ 
/************************************************************************/
/******/ 
/******/ // startup
/******/ // Load entry module and return exports
/******/ // This entry module used 'module' so it can't be inlined
/******/ var __webpack_exports__ = __nccwpck_require__(486);
/******/ __webpack_exports__ = await __webpack_exports__;
/******/ 
