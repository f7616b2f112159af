export const id = 528;
export const ids = [528];
export const modules = {

/***/ 6648:
/***/ ((__unused_webpack_module, __webpack_exports__, __webpack_require__) => {

/* harmony export */ __webpack_require__.d(__webpack_exports__, {
/* harmony export */   o: () => (/* binding */ actions)
/* harmony export */ });
/* harmony import */ var _inputs_build_push__WEBPACK_IMPORTED_MODULE_0__ = __webpack_require__(6666);
/* harmony import */ var _inputs_scan__WEBPACK_IMPORTED_MODULE_1__ = __webpack_require__(7728);
/* harmony import */ var _inputs_set_image__WEBPACK_IMPORTED_MODULE_2__ = __webpack_require__(377);
/* harmony import */ var _inputs_update_gitops_tag__WEBPACK_IMPORTED_MODULE_3__ = __webpack_require__(2188);
/* harmony import */ var _inputs_verify_rollout__WEBPACK_IMPORTED_MODULE_4__ = __webpack_require__(7172);





/**
 * Every action by its CLI sub-command name. Bodies are imported lazily so that the CLI and the
 * Marketplace dispatcher load only the step they run.
 */
const actions = {
    'build-push': { spec: _inputs_build_push__WEBPACK_IMPORTED_MODULE_0__/* .buildPush */ .h, run: async (p) => (await Promise.all(/* import() */[__webpack_require__.e(758), __webpack_require__.e(346), __webpack_require__.e(525)]).then(__webpack_require__.bind(__webpack_require__, 9525))).buildPushAction(p) },
    scan: { spec: _inputs_scan__WEBPACK_IMPORTED_MODULE_1__/* .scan */ .S, run: async (p) => (await Promise.all(/* import() */[__webpack_require__.e(815), __webpack_require__.e(758), __webpack_require__.e(346), __webpack_require__.e(521)]).then(__webpack_require__.bind(__webpack_require__, 3521))).scanAction(p) },
    'update-gitops-tag': {
        spec: _inputs_update_gitops_tag__WEBPACK_IMPORTED_MODULE_3__/* .updateGitopsTag */ .C,
        run: async (p) => (await Promise.all(/* import() */[__webpack_require__.e(815), __webpack_require__.e(758), __webpack_require__.e(121), __webpack_require__.e(612)]).then(__webpack_require__.bind(__webpack_require__, 7604))).updateGitopsTagAction(p),
    },
    'set-image': { spec: _inputs_set_image__WEBPACK_IMPORTED_MODULE_2__/* .setImage */ .g, run: async (p) => (await Promise.all(/* import() */[__webpack_require__.e(815), __webpack_require__.e(758), __webpack_require__.e(208), __webpack_require__.e(303)]).then(__webpack_require__.bind(__webpack_require__, 4303))).setImageAction(p) },
    'verify-rollout': {
        spec: _inputs_verify_rollout__WEBPACK_IMPORTED_MODULE_4__/* .verifyRollout */ .J,
        run: async (p) => (await Promise.all(/* import() */[__webpack_require__.e(815), __webpack_require__.e(758), __webpack_require__.e(208), __webpack_require__.e(121), __webpack_require__.e(930)]).then(__webpack_require__.bind(__webpack_require__, 9930))).verifyRolloutAction(p),
    },
};


/***/ }),

/***/ 1737:
/***/ ((__unused_webpack_module, __webpack_exports__, __webpack_require__) => {

/* harmony export */ __webpack_require__.d(__webpack_exports__, {
/* harmony export */   Cs: () => (/* binding */ runAction)
/* harmony export */ });
/* unused harmony exports isBug, failureMessage */
/* harmony import */ var _core_errors__WEBPACK_IMPORTED_MODULE_0__ = __webpack_require__(4296);
/* harmony import */ var _tools_http_proxy__WEBPACK_IMPORTED_MODULE_1__ = __webpack_require__(3188);
/* harmony import */ var _tools_process_cleanup__WEBPACK_IMPORTED_MODULE_2__ = __webpack_require__(5825);



/**
 * True for a failure cdpack did not foresee: not one of its typed errors (CdpackError and its
 * kinds: InputError, GitError, ScannerError, NetworkError, …) and not an operating-system error
 * (ENOSPC, EACCES…, which carry a code). Only these get a stack trace.
 */
function isBug(error) {
    if (error instanceof _core_errors__WEBPACK_IMPORTED_MODULE_0__/* .CdpackError */ .xd)
        return false;
    const code = error && typeof error === 'object' && 'code' in error ? error.code : undefined;
    return !(typeof code === 'string' && /^E[A-Z0-9_]+$/.test(code));
}
/** The message shown for a failure: typed failures about an input name it, as InputError does. */
function failureMessage(error) {
    const message = error instanceof Error ? error.message : String(error);
    const input = error instanceof _core_errors__WEBPACK_IMPORTED_MODULE_0__/* .CdpackError */ .xd && 'input' in error && typeof error.input === 'string' ? error.input : undefined;
    if (input && !message.startsWith(`input '${input}'`))
        return `input '${input}': ${message}`;
    return isBug(error) ? `internal error: ${message}` : message;
}
/** Runs an action body and turns any error into a failed step with a readable message. */
async function runAction(platform, body) {
    for (const secret of (0,_tools_http_proxy__WEBPACK_IMPORTED_MODULE_1__/* .proxySecrets */ .Wm)(platform.env))
        platform.setSecret(secret);
    try {
        await body(platform);
    }
    catch (error) {
        // Stopping on SIGTERM/SIGINT: the signal handler reports it; the killed tool's failure is no news.
        if ((0,_tools_process_cleanup__WEBPACK_IMPORTED_MODULE_2__/* .stoppingSignal */ .v$)())
            return;
        const message = failureMessage(error);
        const where = error && typeof error === 'object' && 'file' in error ? error : undefined;
        if (where?.file)
            platform.error(message, { file: where.file, ...(where.line ? { line: where.line } : {}) });
        if (isBug(error)) {
            platform.info(`This is a bug in cdpack; please report it with this trace:\n${error instanceof Error ? (error.stack ?? message) : message}`);
        }
        platform.fail(message);
    }
}


/***/ }),

/***/ 5778:
/***/ ((__unused_webpack_module, __webpack_exports__, __webpack_require__) => {

/* harmony export */ __webpack_require__.d(__webpack_exports__, {
/* harmony export */   HZ: () => (/* binding */ escapeControlLine),
/* harmony export */   Kb: () => (/* binding */ excerpt),
/* harmony export */   hN: () => (/* binding */ escapeControl),
/* harmony export */   pb: () => (/* binding */ neutraliseWorkflowCommand)
/* harmony export */ });
/**
 * Log-safe text. Repository files, scanner reports, tool output and server responses may carry
 * control characters: a lone CR lets the GitHub runner start a new line (and so a workflow
 * command) in the middle of ours; ESC sequences let a GitLab log hide, overwrite or fake lines
 * (`section_start` markers). Everything we print goes through `escapeControl` first.
 */
const NAMED = { '\r': '\\r', '\b': '\\b', '\f': '\\f', '\v': '\\v', '\0': '\\0' };
// C0 except TAB and LF, DEL, C1 (which includes NEL, U+0085), and the Unicode line/paragraph separators.
// biome-ignore lint/suspicious/noControlCharactersInRegex: matching control characters is the point
const CONTROL = /[\x00-\x08\x0b-\x1f\x7f-\x9f\u2028\u2029]/g;
function visible(c) {
    const named = NAMED[c];
    if (named)
        return named;
    const code = c.charCodeAt(0);
    return code > 0xff ? `\\u${code.toString(16).padStart(4, '0')}` : `\\x${code.toString(16).padStart(2, '0')}`;
}
/**
 * Shows every control character as a visible escape (`\r`, `\x1b`, `\x85`, `\u2028`), keeping
 * LF (the line breaks we split on) and TAB. A CR directly before LF is a Windows line end, not
 * an overwrite, so `\r\n` becomes `\n`.
 */
function escapeControl(text) {
    return text.replace(/\r\n/g, '\n').replace(CONTROL, visible);
}
/** `escapeControl` for one line: LF is escaped too (`\n`). */
function escapeControlLine(text) {
    return escapeControl(text).replace(/\n/g, '\\n');
}
/**
 * A short, log-safe excerpt of an untrusted token for an error message: control characters
 * escaped, at most `max` characters. Never use it on a file that is not the kind we expected.
 */
function excerpt(text, max = 40) {
    const line = escapeControlLine(text);
    return line.length > max ? `${line.slice(0, max - 1)}…` : line;
}
/**
 * Lines the GitHub runner would read as a workflow command: `::name …::` at the start of a
 * line (leading whitespace ignored), or the legacy `##[name …]` anywhere in it.
 */
const COMMAND_START = /^(\s*):/;
const LEGACY_COMMAND = /##\[/g;
/**
 * Neutralises workflow commands in text we did not write (one log line, already split on LF):
 * the first `:` of a leading `::` becomes `\x3a` and `##[` becomes `#\x23[`, so the runner
 * shows the line instead of executing it, and a reader still sees what was there.
 */
function neutraliseWorkflowCommand(line) {
    const out = /^\s*::/.test(line) ? line.replace(COMMAND_START, '$1\\x3a') : line;
    return out.replace(LEGACY_COMMAND, '#\\x23[');
}


/***/ }),

/***/ 6666:
/***/ ((__unused_webpack_module, __webpack_exports__, __webpack_require__) => {

/* harmony export */ __webpack_require__.d(__webpack_exports__, {
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
            gitlabDefault: '$CI_REGISTRY_IMAGE',
        },
        tags: {
            description: 'Extra tags, one per line (plain tags may also be comma-separated). The full commit SHA tag is always added. Rules: type=short-sha[,length=N], type=branch, type=semver[,pattern={{major}}.{{minor}}], type=pr, type=raw,value=TAG; each takes prefix= and suffix=. `latest` only when listed explicitly.',
            multiline: true,
        },
        context: {
            description: 'Build context directory, relative to the workspace (it must stay inside it, symlinks followed); an absolute path is used as given.',
            default: '.',
        },
        file: {
            description: 'Dockerfile path, relative to the workspace (it must stay inside it) or absolute. Default: <context>/Dockerfile.',
        },
        target: { description: 'Build stage to stop at (multi-stage Dockerfiles).' },
        platforms: {
            description: 'Target platforms, e.g. linux/amd64,linux/arm64 (several: buildx or buildah push an index).',
            type: 'list',
        },
        'build-args': { description: 'Build arguments, one KEY=VALUE per line.', multiline: true },
        labels: {
            description: 'Extra labels, one KEY=VALUE per line; they override the default org.opencontainers.image.* labels.',
            multiline: true,
        },
        push: { description: 'Push the image (false: build only).', default: 'true', type: 'boolean' },
        builder: {
            description: 'auto: buildx when `docker buildx` works, else the Docker engine when a daemon answers, else buildah.',
            default: 'auto',
            options: ['auto', 'buildx', 'docker', 'buildah'],
        },
        registry: {
            description: 'Registry to log in to. Default: the registry of `image` (docker.io when none).',
            gitlabDefault: '$CI_REGISTRY',
        },
        username: {
            description: 'Registry user name; with `password`, login happens in a temporary config.',
            gitlabDefault: '$CI_REGISTRY_USER',
        },
        password: {
            description: 'Registry password or token (passed on stdin only).',
            secret: true,
            gitlabDefault: '$CI_REGISTRY_PASSWORD',
        },
        'cache-from': {
            description: 'Registry cache sources, one per line: image references, or type=registry,ref=… (buildx also takes other type=… specs).',
            multiline: true,
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
    gitlab: { stage: 'build' },
};


/***/ }),

/***/ 7728:
/***/ ((__unused_webpack_module, __webpack_exports__, __webpack_require__) => {

/* harmony export */ __webpack_require__.d(__webpack_exports__, {
/* harmony export */   S: () => (/* binding */ scan)
/* harmony export */ });
const scan = {
    name: 'scan',
    title: 'cdpack scan',
    description: 'Scan an image with Trivy or Grype (or evaluate an existing report) and gate on severity, with an allowlist that expires; writes SARIF for GitHub code scanning and a GitLab container-scanning report that agree with the gate.',
    inputs: {
        image: {
            description: 'Image to scan, best by digest (e.g. the `image-ref` output of build-push). Required unless `report` is given.',
            gitlabDefault: '$CDPACK_BUILD_PUSH_IMAGE_REF',
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
    gitlab: { stage: 'test', reports: { container_scanning: 'gl-container-scanning-report.json' } },
};


/***/ }),

/***/ 377:
/***/ ((__unused_webpack_module, __webpack_exports__, __webpack_require__) => {


// EXPORTS
__webpack_require__.d(__webpack_exports__, {
  l: () => (/* binding */ kubeConnectionInputs),
  g: () => (/* binding */ setImage)
});

;// CONCATENATED MODULE: ./src/inputs/set-image-docker.ts
/** set-image's inputs for Docker hosts (`target: compose` and `target: swarm`). */
const dockerHostInputs = {
    target: {
        description: 'Where the image goes: `kubernetes` (workloads through the API), `compose` (a compose project on `host`, over SSH) or `swarm` (swarm services, through the docker CLI here or on `host`).',
        default: 'kubernetes',
        options: ['kubernetes', 'compose', 'swarm'],
    },
    host: {
        description: 'compose, swarm: SSH host name or IP of the Docker host (for swarm a manager node; without it, swarm uses the docker CLI here).',
    },
    port: { description: 'compose, swarm: SSH port.', default: '22', type: 'number' },
    user: { description: 'compose, swarm: SSH user (allowed to run docker on the host).' },
    'ssh-key': {
        description: 'compose, swarm: private key for SSH (OpenSSH or PEM, no passphrase). Written to a 0600 temp file that is removed afterwards.',
        secret: true,
        document: true,
    },
    'known-hosts': {
        description: "compose, swarm: the host's public key(s) in known_hosts format (`ssh-keyscan -p PORT HOST`); a bare `ssh-ed25519 AAAA…` line applies to `host`. Required unless `insecure-ignore-host-key`.",
        document: true,
    },
    'insecure-ignore-host-key': {
        description: 'compose, swarm: connect without checking the host key (warns; open to man-in-the-middle attacks).',
        default: 'false',
        type: 'boolean',
    },
    'compose-file': { description: 'compose: path of the compose file on the host (required for compose).' },
    'project-directory': {
        description: "compose: the project directory on the host (`--project-directory`; its `.env` is the one edited). Default: the compose file's directory.",
    },
    service: {
        description: "compose: service(s) to update (default: every service whose image is in `image`'s repository); swarm: service name(s), required. Newline- or comma-separated.",
        type: 'list',
    },
    'docker-host': {
        description: 'compose, swarm: DOCKER_HOST for the docker CLI, on `host` when given, else here (`unix:///…`, `tcp://…`); `ssh://user@host[:port]` stands for host, user and port (with `ssh-key` and `known-hosts`).',
    },
    timeout: {
        description: 'compose, swarm: longest wait for the new containers to run (and be healthy, with a healthcheck), and again for a rollback; a Go duration (`90s`, `5m`).',
        default: '5m',
    },
};

;// CONCATENATED MODULE: ./src/inputs/set-image.ts

/** Connection inputs shared by the Kubernetes steps. */
const kubeConnectionInputs = {
    kubeconfig: {
        description: 'Kubeconfig content (plain YAML or base64). Default: KUBECONFIG (merged like kubectl), ~/.kube/config, or the in-cluster service account. Its tokens, passwords and keys are masked.',
        document: true,
    },
    context: { description: "Kubeconfig context to use. Default: the kubeconfig's current-context." },
    namespace: { description: "Namespace of the workloads. Default: the context's namespace, else `default`." },
};
const setImage = {
    name: 'set-image',
    title: 'cdpack set-image',
    description: 'Point Kubernetes workloads (Deployment, StatefulSet, DaemonSet, CronJob) at a new image, the same patch as `kubectl set image`, with a change-cause for `kubectl rollout history`; or a docker compose service on a host over SSH, or a swarm service (`target`), waiting for the new containers and rolling back when they do not come up.',
    inputs: {
        image: {
            description: 'New image, by tag or (best) digest, e.g. registry.example.com/team/web@sha256:… (the `image-ref` output of build-push). `latest` and tagless references are refused unless `allow-mutable-tag` is true.',
            required: true,
            gitlabDefault: '$CDPACK_BUILD_PUSH_IMAGE_REF',
        },
        workload: {
            description: 'Workload(s) to update: `deployment/web`, `statefulset/db`, `daemonset/agent`, `cronjob/report`, Argo Rollouts `rollout/web` (kubectl short names `deploy`, `sts`, `ds`, `cj`, `ro` too); newline- or comma-separated. Required for target `kubernetes`.',
            type: 'list',
        },
        container: {
            description: "Container name(s) to update. Default: every container and init container whose image repository equals `image`'s.",
            type: 'list',
        },
        ...kubeConnectionInputs,
        'change-cause': {
            description: 'Text for the `kubernetes.io/change-cause` annotation (shown by `kubectl rollout history`). Default: a line naming the image and the commit/run.',
        },
        'dry-run': {
            description: 'Send the patch as a server-side dry run (dryRun=All): validated by the API server, nothing changed.',
            default: 'false',
            type: 'boolean',
        },
        'allow-mutable-tag': {
            description: 'Accept `latest` and tagless image references.',
            default: 'false',
            type: 'boolean',
        },
        ...dockerHostInputs,
    },
    outputs: {
        changed: {
            description: 'true when a workload was patched; false when all already ran that image (no patch sent).',
        },
        'previous-image': { description: 'Image the (first) updated container ran before.' },
        revision: {
            description: "The Deployment's new `deployment.kubernetes.io/revision` (first Deployment); empty where there is none.",
        },
        workloads: {
            description: 'JSON list: per workload and container, {workload, container, previous, image} (compose/swarm: workload and container are the service).',
        },
        result: {
            description: '`success`, `failed` or `rolled-back` for targets `compose` and `swarm`, which wait for the new containers; empty for `kubernetes` (use verify-rollout).',
        },
    },
};


/***/ }),

/***/ 2188:
/***/ ((__unused_webpack_module, __webpack_exports__, __webpack_require__) => {

/* harmony export */ __webpack_require__.d(__webpack_exports__, {
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
        branch: {
            description: 'Branch to update (merge-request mode: the target branch of the request).',
            default: 'main',
        },
        token: {
            description: 'Token for HTTPS remotes, sent as an Authorization header (never in the URL, .git/config, argv or logs); in merge-request mode also the API token (GitHub: pull-requests and contents write; GitLab: a project or personal access token with `api` scope).',
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
            gitlabDefault: '$CI_REGISTRY_IMAGE',
        },
        tag: {
            description: 'New tag (OCI tag grammar). At least one of tag and digest is required.',
            gitlabDefault: '$CI_COMMIT_SHA',
        },
        digest: {
            description: 'New digest, sha256: followed by 64 hex digits.',
            gitlabDefault: '$CDPACK_BUILD_PUSH_DIGEST',
        },
        key: {
            description: 'YAML path of the tag (or digest, e.g. image.digest) in Helm values files, e.g. image.tag or web.image.tag. Default: any mapping whose repository matches `image`.',
        },
        'commit-message': {
            description: 'Commit message template; {image}, {tag}, {digest}, {files}, {version} (tag, digest or tag@digest) and {ref} (image:tag@digest) are replaced.',
            default: 'chore(deploy): set {image} to {version}',
            multiline: true,
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
        mode: {
            description: '`push`: commit straight to `branch`. `merge-request`: commit to `source-branch` (cut from the tip of `branch`, force-pushed, never `branch` itself) and open a merge/pull request into `branch`, or update the one already open from that branch.',
            default: 'push',
            options: ['push', 'merge-request'],
        },
        'source-branch': {
            description: 'merge-request mode: the branch cdpack owns and rewrites on each run. Default: `cdpack/<image path>-<hash of branch, image, files>`, the same for every run of one job, so a later run updates the same request.',
        },
        'auto-merge': {
            description: 'merge-request mode: ask the forge to merge the request once its checks pass (GitLab: auto-merge when the pipeline succeeds; GitHub: auto-merge, which the repository must allow).',
            default: 'false',
            type: 'boolean',
        },
        forge: {
            description: 'merge-request mode: the API to open the request with. `auto`: from `api-url`, the remote host (github.com, gitlab.*) or the CI platform.',
            default: 'auto',
            options: ['auto', 'github', 'gitlab'],
        },
        'api-url': {
            description: 'merge-request mode: API root, e.g. https://api.github.com, https://ghe.example.com/api/v3 or https://gitlab.example.com/api/v4. Default: GITHUB_API_URL / CI_API_V4_URL when the remote is on that server, else derived from the remote host.',
        },
        project: {
            description: 'merge-request mode: GitHub `owner/repo`, or GitLab project path (`group/sub/project`) or numeric id. Default: from the remote URL, else GITHUB_REPOSITORY / CI_PROJECT_PATH for the workspace repository.',
        },
    },
    outputs: {
        changed: { description: 'true when a commit was pushed (or, with dry-run, would be).' },
        commit: {
            description: 'SHA of the pushed commit (merge-request mode: the tip of the source branch); empty when nothing changed.',
        },
        files: { description: 'JSON list of the changed files.' },
        previous: {
            description: 'JSON map of changed file to the image reference(s) (name:tag[@digest]) it held before, for every kind of target.',
        },
        'merge-request-url': {
            description: 'merge-request mode: web URL of the request opened or updated; empty when nothing changed.',
        },
        'merge-request-number': {
            description: 'merge-request mode: its number (GitLab: the IID, `!N`; GitHub: `#N`); empty when nothing changed.',
        },
    },
};


/***/ }),

/***/ 7172:
/***/ ((__unused_webpack_module, __webpack_exports__, __webpack_require__) => {

/* harmony export */ __webpack_require__.d(__webpack_exports__, {
/* harmony export */   J: () => (/* binding */ verifyRollout)
/* harmony export */ });
/* harmony import */ var _set_image__WEBPACK_IMPORTED_MODULE_0__ = __webpack_require__(377);
/* harmony import */ var _update_gitops_tag__WEBPACK_IMPORTED_MODULE_1__ = __webpack_require__(2188);


const verifyRollout = {
    name: 'verify-rollout',
    title: 'cdpack verify-rollout',
    description: 'Wait for Kubernetes rollouts with the verdicts of `kubectl rollout status`, diagnose failures (image pulls, crash loops, scheduling), run smoke checks, and roll back when asked.',
    inputs: {
        workloads: {
            description: 'Workloads to verify: `deployment/web`, `statefulset/db`, `daemonset/agent`, Argo Rollouts `rollout/web` (short names `deploy`, `sts`, `ds`, `ro` too); newline- or comma-separated. Required unless a GitOps application (`argocd-app`, `flux-kustomization`, `flux-helmrelease`) is given.',
            type: 'list',
        },
        ..._set_image__WEBPACK_IMPORTED_MODULE_0__/* .kubeConnectionInputs */ .l,
        'argocd-app': {
            description: 'Argo CD Application to wait for (`name`, or `namespace/name` for apps in any namespace): until it has synced `revision`, Synced and Healthy. Read through `argocd-server`, else as the Application object through the Kubernetes API.',
        },
        'argocd-server': {
            description: 'Argo CD API server URL (`https://argocd.example.com`); needs `argocd-token`. Without it the Application is read through the Kubernetes API.',
        },
        'argocd-token': {
            description: 'Argo CD API token (sent as Bearer); it needs `get` on the application (the refresh is a GET too).',
            secret: true,
        },
        'flux-kustomization': {
            description: 'Flux Kustomization (in `namespace`) to wait for: until `status.lastAppliedRevision` names `revision` and Ready=True.',
        },
        'flux-helmrelease': {
            description: 'Flux HelmRelease (in `namespace`) to wait for, like `flux-kustomization`.',
        },
        revision: {
            description: "The config-repo commit (full SHA) the GitOps application must apply: `update-gitops-tag`'s `commit` output. Required with `argocd-app` / `flux-*`. With `rollback: true`, a failure reverts this commit in `repository` instead of `kubectl rollout undo`.",
        },
        refresh: {
            description: 'Ask Argo CD to refresh (or Flux to reconcile) right away instead of waiting for its next poll.',
            default: 'true',
            type: 'boolean',
        },
        timeout: {
            description: 'Longest wait for all rollouts, as a Go duration (`90s`, `5m`, `1h30m`).',
            default: '5m',
        },
        rollback: {
            description: 'On failure, undo to the previous revision like `kubectl rollout undo` and wait for it (the step still fails).',
            default: 'false',
            type: 'boolean',
        },
        'smoke-url': {
            description: 'URL(s) checked after the rollouts succeed; a failing check counts as a failed rollout.',
            type: 'list',
        },
        'smoke-status': { description: 'HTTP status the smoke URLs must answer.', default: '200', type: 'number' },
        'smoke-body': { description: 'Text the smoke response body must contain, or `/regex/`.' },
        'smoke-retries': {
            description: 'Further attempts per smoke URL before it counts as failed.',
            default: '3',
            type: 'number',
        },
        'smoke-interval': { description: 'Wait between smoke attempts, as a Go duration.', default: '5s' },
        // The config repository for the GitOps rollback: update-gitops-tag's inputs, same meaning.
        repository: { ..._update_gitops_tag__WEBPACK_IMPORTED_MODULE_1__/* .updateGitopsTag */ .C.inputs.repository },
        branch: { ..._update_gitops_tag__WEBPACK_IMPORTED_MODULE_1__/* .updateGitopsTag */ .C.inputs.branch },
        token: { ..._update_gitops_tag__WEBPACK_IMPORTED_MODULE_1__/* .updateGitopsTag */ .C.inputs.token },
        username: { ..._update_gitops_tag__WEBPACK_IMPORTED_MODULE_1__/* .updateGitopsTag */ .C.inputs.username },
    },
    outputs: {
        result: { description: '`success`, `failed` or `rolled-back`.' },
        duration: { description: 'Seconds spent verifying (rollback included).' },
        diagnosis: { description: 'Why the rollout failed, in short (pods, reasons, events, logs); empty on success.' },
        'rollback-commit': {
            description: 'The revert commit pushed to the config repository by a GitOps rollback; empty otherwise.',
        },
        revision: {
            description: 'Revision of the (first) Deployment after verification (after rollback, the restored one); with GitOps, the applied commit.',
        },
    },
};


/***/ }),

/***/ 436:
/***/ ((__unused_webpack_module, __webpack_exports__, __webpack_require__) => {

/* harmony export */ __webpack_require__.d(__webpack_exports__, {
/* harmony export */   G: () => (/* binding */ Masker)
/* harmony export */ });
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


/***/ }),

/***/ 3188:
/***/ ((__unused_webpack_module, __webpack_exports__, __webpack_require__) => {

/* harmony export */ __webpack_require__.d(__webpack_exports__, {
/* harmony export */   Wm: () => (/* binding */ proxySecrets),
/* harmony export */   Zt: () => (/* binding */ bypassesProxy),
/* harmony export */   iJ: () => (/* binding */ proxyFor)
/* harmony export */ });
/* unused harmony export parseProxyUrl */
/* harmony import */ var node_net__WEBPACK_IMPORTED_MODULE_0__ = __webpack_require__(7030);
/* harmony import */ var node_net__WEBPACK_IMPORTED_MODULE_0___default = /*#__PURE__*/__webpack_require__.n(node_net__WEBPACK_IMPORTED_MODULE_0__);
/* harmony import */ var _core_errors__WEBPACK_IMPORTED_MODULE_1__ = __webpack_require__(4296);
/**
 * Which proxy a request goes through, by curl's documented rules:
 * - `https_proxy`/`HTTPS_PROXY` for https URLs, `http_proxy` for http URLs, `all_proxy`/`ALL_PROXY` for both
 *   when the specific one is unset; the lower-case name wins. Upper-case `HTTP_PROXY` is ignored, as curl
 *   ignores it (a CGI server sets it from a request's `Proxy:` header: "httpoxy").
 * - `no_proxy`/`NO_PROXY`: a comma (or space) separated list. `*` matches every host; `example.com` and
 *   `.example.com` match that host and every name under it; an IP matches exactly, `10.0.0.0/8` by CIDR;
 *   `host:port` limits an entry to one port (an extension over curl, as Go and kubectl have it).
 * - A proxy URL without a scheme is `http://`; without a port, curl's 1080. Only http proxies are supported.
 * An explicit proxy (kubeconfig `proxy-url`) overrides the environment and ignores `no_proxy`, as kubectl does.
 */


const DEFAULT_PROXY_PORT = 1080;
function firstSet(env, ...names) {
    for (const name of names) {
        const value = env[name]?.trim();
        if (value)
            return value;
    }
    return undefined;
}
/** Parses a proxy URL (`[http://][user:pass@]host[:port]`). */
function parseProxyUrl(raw) {
    const withScheme = /^[a-z][a-z0-9+.-]*:\/\//i.test(raw) ? raw : `http://${raw}`;
    let url;
    try {
        url = new URL(withScheme);
    }
    catch {
        throw new _core_errors__WEBPACK_IMPORTED_MODULE_1__/* .CdpackError */ .xd('the proxy URL is not a valid URL (expected http://[user:password@]host[:port])');
    }
    const display = `${url.protocol}//${url.host}`;
    if (url.protocol !== 'http:') {
        throw new _core_errors__WEBPACK_IMPORTED_MODULE_1__/* .CdpackError */ .xd(`proxy ${display}: only http:// proxies are supported`);
    }
    const username = decodeURIComponent(url.username);
    const password = decodeURIComponent(url.password);
    return {
        host: url.hostname.replace(/^\[(.*)\]$/, '$1'),
        port: url.port ? Number(url.port) : DEFAULT_PROXY_PORT,
        authorization: username || password ? `Basic ${Buffer.from(`${username}:${password}`).toString('base64')}` : undefined,
        display: `http://${url.hostname}:${url.port || DEFAULT_PROXY_PORT}`,
    };
}
/** Host without brackets or trailing dot, lower case; port as a number (the scheme's default when absent). */
function hostAndPort(target) {
    const host = target.hostname
        .replace(/^\[(.*)\]$/, '$1')
        .replace(/\.$/, '')
        .toLowerCase();
    const port = target.port ? Number(target.port) : target.protocol === 'https:' ? 443 : 80;
    return { host, port };
}
/** Splits a no_proxy entry into host and optional port (`host:port`, `[v6]:port`, bare IPv6). */
function splitEntry(entry) {
    const bracketed = /^\[([^\]]+)\](?::(\d+))?$/.exec(entry);
    if (bracketed)
        return { host: bracketed[1] ?? '', port: bracketed[2] ? Number(bracketed[2]) : undefined };
    const hostPort = /^([^:]+):(\d+)$/.exec(entry);
    if (hostPort)
        return { host: hostPort[1] ?? '', port: Number(hostPort[2]) };
    return { host: entry, port: undefined };
}
function inCidr(ip, cidr) {
    const [base, bits] = cidr.split('/');
    const family = (0,node_net__WEBPACK_IMPORTED_MODULE_0__.isIP)(base ?? '');
    if (!family || family !== (0,node_net__WEBPACK_IMPORTED_MODULE_0__.isIP)(ip) || !/^\d+$/.test(bits ?? ''))
        return false;
    const list = new node_net__WEBPACK_IMPORTED_MODULE_0__.BlockList();
    const type = family === 4 ? 'ipv4' : 'ipv6';
    try {
        list.addSubnet(base, Number(bits), type);
    }
    catch {
        return false;
    }
    return list.check(ip, type);
}
/** True when `noProxy` exempts the URL from proxying. */
function bypassesProxy(target, noProxy) {
    if (!noProxy)
        return false;
    const { host, port } = hostAndPort(target);
    const hostIsIp = (0,node_net__WEBPACK_IMPORTED_MODULE_0__.isIP)(host) !== 0;
    for (const raw of noProxy.split(/[\s,]+/)) {
        const entry = raw.trim().toLowerCase();
        if (!entry)
            continue;
        if (entry === '*')
            return true;
        const split = splitEntry(entry);
        if (split.port !== undefined && split.port !== port)
            continue;
        const name = split.host.replace(/^\*?\./, '').replace(/\.$/, '');
        if (!name)
            continue;
        if (name.includes('/')) {
            if (hostIsIp && inCidr(host, name))
                return true;
        }
        else if (host === name || (!hostIsIp && host.endsWith(`.${name}`))) {
            return true;
        }
    }
    return false;
}
/** The proxy for one request URL: the explicit one, else the environment's (curl rules), else none. */
function proxyFor(target, options) {
    if (options.proxy)
        return parseProxyUrl(options.proxy);
    const env = options.env ?? {};
    if (bypassesProxy(target, firstSet(env, 'no_proxy', 'NO_PROXY')))
        return undefined;
    const specific = target.protocol === 'https:' ? firstSet(env, 'https_proxy', 'HTTPS_PROXY') : firstSet(env, 'http_proxy');
    const raw = specific ?? firstSet(env, 'all_proxy', 'ALL_PROXY');
    return raw ? parseProxyUrl(raw) : undefined;
}
/**
 * The secrets in the proxy variables' user-info (password as written and decoded, the Basic token),
 * for the platform to mask before the first log line: a tool's error may quote its proxy URL.
 */
function proxySecrets(env) {
    const secrets = new Set();
    for (const name of ['https_proxy', 'HTTPS_PROXY', 'http_proxy', 'HTTP_PROXY', 'all_proxy', 'ALL_PROXY']) {
        const raw = env[name]?.trim();
        if (!raw)
            continue;
        try {
            const url = new URL(/^[a-z][a-z0-9+.-]*:\/\//i.test(raw) ? raw : `http://${raw}`);
            if (!url.password)
                continue;
            secrets.add(url.password);
            secrets.add(decodeURIComponent(url.password));
            const basic = parseProxyUrl(raw).authorization;
            if (basic)
                secrets.add(basic.slice('Basic '.length));
        }
        catch { }
    }
    return [...secrets];
}


/***/ })

};
