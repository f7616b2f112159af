export const id = 930;
export const ids = [930];
export const modules = {

/***/ 9930:
/***/ ((__unused_webpack_module, __webpack_exports__, __webpack_require__) => {

// ESM COMPAT FLAG
__webpack_require__.r(__webpack_exports__);

// EXPORTS
__webpack_require__.d(__webpack_exports__, {
  verifyRolloutAction: () => (/* binding */ verifyRolloutAction)
});

// EXTERNAL MODULE: ./src/core/errors.ts
var errors = __webpack_require__(4296);
// EXTERNAL MODULE: ./src/core/rollout/duration.ts
var duration = __webpack_require__(1125);
// EXTERNAL MODULE: ./src/core/rollout/revision.ts
var rollout_revision = __webpack_require__(1432);
// EXTERNAL MODULE: ./src/core/rollout/sanitize.ts
var sanitize = __webpack_require__(3634);
;// CONCATENATED MODULE: ./src/core/rollout/smoke.ts
/** Smoke checks after a rollout: an HTTP status and optionally a body substring or /regex/, with retries. */


/** `/regex/` (flags allowed after the closing slash) or a plain substring. */
function parseBodyMatcher(input, text) {
    if (text === '')
        return undefined;
    const m = /^\/(.+)\/([dgimsuvy]*)$/s.exec(text);
    if (!m)
        return { kind: 'substring', text };
    try {
        return { kind: 'regex', re: new RegExp(m[1], m[2].replace(/[gy]/g, '')) };
    }
    catch (e) {
        throw new errors/* InputError */.dz(input, `'${text}' is not a valid regular expression (${e.message})`);
    }
}
/** undefined when the response meets the expectation, else why not (sanitised). */
function smokeMismatch(response, expect) {
    if (response.status !== expect.status)
        return `answered HTTP ${response.status}, expected ${expect.status}`;
    const b = expect.body;
    if (!b)
        return undefined;
    const ok = b.kind === 'substring' ? response.body.includes(b.text) : b.re.test(response.body);
    if (ok)
        return undefined;
    const shown = b.kind === 'substring' ? JSON.stringify(b.text) : String(b.re);
    return `body does not match ${(0,sanitize/* sanitizeLine */.g)(shown, 120)} (starts: ${(0,sanitize/* sanitizeLine */.g)(JSON.stringify(response.body.slice(0, 120)), 160)})`;
}
/** Checks one URL until it passes or the attempts are spent; resolves to the last failure, or undefined on success. */
async function runSmokeCheck(url, options) {
    const attempts = options.retries + 1;
    let failure;
    for (let n = 1; n <= attempts; n++) {
        try {
            failure = smokeMismatch(await options.fetch(url), options.expect);
        }
        catch (e) {
            failure = (0,sanitize/* sanitizeLine */.g)(e instanceof Error ? e.message : String(e));
        }
        if (failure === undefined) {
            options.log?.(`smoke ${url}: ok (attempt ${n} of ${attempts})`);
            return undefined;
        }
        options.log?.(`smoke ${url}: ${failure} (attempt ${n} of ${attempts})`);
        if (n < attempts)
            await options.sleep(options.intervalMs);
    }
    return `smoke check ${url}: ${failure}`;
}

// EXTERNAL MODULE: ./src/core/rollout/workload.ts
var workload = __webpack_require__(5420);
// EXTERNAL MODULE: ./src/core/text/markdown.ts
var markdown = __webpack_require__(8970);
// EXTERNAL MODULE: ./src/inputs/read.ts
var read = __webpack_require__(4245);
// EXTERNAL MODULE: ./src/inputs/verify-rollout.ts
var verify_rollout = __webpack_require__(7172);
// EXTERNAL MODULE: ./src/tools/http/client.ts + 1 modules
var client = __webpack_require__(3821);
// EXTERNAL MODULE: ./src/actions/kube-connection.ts + 3 modules
var kube_connection = __webpack_require__(5541);
// EXTERNAL MODULE: ./src/core/rollout/argo-rollout.ts
var argo_rollout = __webpack_require__(60);
;// CONCATENATED MODULE: ./src/core/rollout/diagnosis.ts
/**
 * Why a rollout did not land, from the new revision's pods: waiting/terminated reasons, the scheduler's message,
 * recent Warning events and the last log lines of crashing containers. Everything from the API is sanitised.
 */

const obj = (v) => (v && typeof v === 'object' ? v : {});
const arr = (v) => (Array.isArray(v) ? v.map(obj) : []);
/** What the workload's own spec says about a stuck rollout. */
function workloadNotes(kind, object) {
    const spec = obj(obj(object).spec);
    if (kind === 'Deployment' && spec.paused === true) {
        return [
            'the Deployment is paused (spec.paused: true): it does not roll out until resumed (kubectl rollout resume)',
        ];
    }
    return [];
}
/** Reasons that explain a stuck rollout on their own. */
const waitingReasons = new Set([
    'ImagePullBackOff',
    'ErrImagePull',
    'CrashLoopBackOff',
    'CreateContainerConfigError',
    'CreateContainerError',
    'InvalidImageName',
    'RunContainerError',
]);
function podProblems(pods) {
    const problems = [];
    for (const pod of pods) {
        const p = obj(pod);
        const name = String(obj(p.metadata).name ?? '');
        const status = obj(p.status);
        const scheduled = arr(status.conditions).find((c) => c.type === 'PodScheduled');
        if (scheduled && scheduled.status === 'False') {
            problems.push({
                pod: name,
                reason: String(scheduled.reason ?? 'Unschedulable'),
                message: String(scheduled.message ?? ''),
                crashing: false,
            });
            continue;
        }
        for (const c of [...arr(status.initContainerStatuses), ...arr(status.containerStatuses)]) {
            const container = String(c.name ?? '');
            const state = obj(c.state);
            const last = obj(c.lastState);
            const waiting = state.waiting ? obj(state.waiting) : undefined;
            const terminated = state.terminated ? obj(state.terminated) : last.terminated ? obj(last.terminated) : undefined;
            const restarts = typeof c.restartCount === 'number' ? c.restartCount : 0;
            if (waiting && waitingReasons.has(String(waiting.reason))) {
                const reason = String(waiting.reason);
                const lastExit = terminated ? exitText(terminated) : '';
                problems.push({
                    pod: name,
                    container,
                    reason,
                    message: [String(waiting.message ?? ''), lastExit].filter(Boolean).join('; '),
                    crashing: reason === 'CrashLoopBackOff' || (restarts > 0 && terminated !== undefined),
                });
            }
            else if (terminated && (terminated.reason === 'OOMKilled' || terminated.reason === 'Error')) {
                problems.push({
                    pod: name,
                    container,
                    reason: String(terminated.reason),
                    message: exitText(terminated),
                    crashing: true,
                });
            }
        }
    }
    return problems;
}
function exitText(terminated) {
    const parts = [`exit code ${String(terminated.exitCode ?? '?')}`];
    if (terminated.reason)
        parts.push(`last state ${String(terminated.reason)}`);
    if (terminated.message)
        parts.push(String(terminated.message));
    return parts.join(', ');
}
/** The most recent Warning events about `pods`, newest first, one per distinct reason+message. */
function warningEvents(events, pods, limit = 5) {
    const lines = events
        .map(obj)
        .filter((e) => e.type === 'Warning' && pods.has(String(obj(e.involvedObject).name ?? '')))
        .map((e) => ({
        pod: String(obj(e.involvedObject).name),
        reason: String(e.reason ?? ''),
        message: String(e.message ?? ''),
        count: typeof e.count === 'number' ? e.count : 1,
        time: String(e.lastTimestamp ?? e.eventTime ?? obj(e.metadata).creationTimestamp ?? ''),
    }))
        .sort((a, b) => (a.time < b.time ? 1 : a.time > b.time ? -1 : 0));
    const seen = new Set();
    const out = [];
    for (const e of lines) {
        const key = `${e.reason}\u0000${e.message}`;
        if (seen.has(key))
            continue;
        seen.add(key);
        out.push(e);
        if (out.length >= limit)
            break;
    }
    return out;
}
/** A short plain-text diagnosis (each line sanitised, the whole capped). */
function renderDiagnosis(d, options = {}) {
    const maxProblems = options.maxProblems ?? 5;
    const lines = [`${(0,sanitize/* sanitizeLine */.g)(d.workload, 120)}: ${(0,sanitize/* sanitizeLine */.g)(d.failure)}`];
    if (d.lastStatus)
        lines.push(`  last status: ${(0,sanitize/* sanitizeLine */.g)(d.lastStatus.trim())}`);
    for (const note of d.notes ?? [])
        lines.push(`  ${(0,sanitize/* sanitizeLine */.g)(note)}`);
    for (const p of d.problems.slice(0, maxProblems)) {
        const where = p.container ? `pod ${p.pod} container ${p.container}` : `pod ${p.pod}`;
        lines.push(`  ${(0,sanitize/* sanitizeLine */.g)(where, 160)}: ${(0,sanitize/* sanitizeLine */.g)(p.reason, 60)}${p.message ? `: ${(0,sanitize/* sanitizeLine */.g)(p.message)}` : ''}`);
    }
    if (d.problems.length > maxProblems)
        lines.push(`  … and ${d.problems.length - maxProblems} more`);
    if (d.problems.length === 0 && !d.notes?.length) {
        lines.push('  no pod of the new revision reports a waiting or terminated reason');
    }
    for (const e of d.events) {
        const count = e.count > 1 ? ` (x${e.count})` : '';
        lines.push(`  event ${(0,sanitize/* sanitizeLine */.g)(e.pod, 120)}: ${(0,sanitize/* sanitizeLine */.g)(e.reason, 60)}${count}: ${(0,sanitize/* sanitizeLine */.g)(e.message)}`);
    }
    for (const log of d.logs) {
        const tail = (0,sanitize/* tailLines */.o)(log.text, options.logLines ?? 10);
        lines.push(`  last log lines of ${(0,sanitize/* sanitizeLine */.g)(log.source, 160)}:`);
        for (const l of tail)
            lines.push(`    ${l}`);
        if (tail.length === 0)
            lines.push('    (empty)');
    }
    const text = lines.join('\n');
    return text.length > 4000 ? `${text.slice(0, 4000)}\n  … (truncated)` : text;
}

;// CONCATENATED MODULE: ./src/actions/verify-rollout/diagnose.ts
/** Reads what explains a failed rollout from the API (pods of the new revision, events, logs) for the core to render. */




const MAX_LOGS = 2;
const LOG_LINES = 20;
function historyPath(kind, namespace) {
    const ns = encodeURIComponent(namespace);
    return kind === 'Deployment' || kind === 'Rollout'
        ? `/apis/apps/v1/namespaces/${ns}/replicasets`
        : `/apis/apps/v1/namespaces/${ns}/controllerrevisions`;
}
function selectorOf(object) {
    return object.spec?.selector;
}
async function diagnose(api, ref, namespace, object, failure, lastStatus, signal) {
    const ns = encodeURIComponent(namespace);
    const notes = [];
    let pods = [];
    let events = [];
    const logs = [];
    try {
        const selector = selectorOf(object);
        const history = ref.kind === 'StatefulSet'
            ? []
            : (await api.list(historyPath(ref.kind, namespace), {
                signal,
                query: { labelSelector: (0,rollout_revision/* formatSelector */.VH)(selector) },
            })).items;
        const label = ref.kind === 'Rollout' ? (0,argo_rollout/* rolloutPodLabel */.jr)(object) : (0,rollout_revision/* newRevisionPodLabel */.v0)(ref.kind, object, history);
        pods = (await api.list(`/api/v1/namespaces/${ns}/pods`, {
            signal,
            query: { labelSelector: (0,rollout_revision/* formatSelector */.VH)(selector, label ?? {}) },
        })).items;
        events = (await api.list(`/api/v1/namespaces/${ns}/events`, {
            signal,
            query: { fieldSelector: 'involvedObject.kind=Pod,type=Warning' },
        })).items;
    }
    catch (e) {
        notes.push(`diagnosis incomplete: ${(0,sanitize/* sanitizeLine */.g)(e instanceof Error ? e.message : String(e), 200)}`);
    }
    const problems = podProblems(pods);
    for (const p of problems.filter((x) => x.crashing && x.container).slice(0, MAX_LOGS)) {
        const path = `/api/v1/namespaces/${ns}/pods/${encodeURIComponent(p.pod)}/log`;
        const query = { container: p.container, tailLines: LOG_LINES, limitBytes: 16_384 };
        // The previous run's log is the one that explains a crash; a container that never restarted has none.
        const text = await api
            .text(path, { signal, query: { ...query, previous: true } })
            .catch(() => api.text(path, { signal, query }))
            .catch(() => undefined);
        if (text !== undefined)
            logs.push({ source: `${p.pod}/${p.container}`, text });
    }
    const podNames = new Set(problems.map((p) => p.pod));
    const text = renderDiagnosis({
        workload: ref.display,
        failure,
        ...(lastStatus ? { lastStatus } : {}),
        notes: workloadNotes(ref.kind, object),
        problems,
        events: warningEvents(events, podNames),
        logs,
    });
    return notes.length ? `${text}\n  ${notes.join('\n  ')}` : text;
}

;// CONCATENATED MODULE: ./src/core/rollout/argocd.ts
/**
 * The verdict on an Argo CD Application (argoproj.io/v1alpha1), as read from its REST API or from the Kubernetes
 * object: has it applied our commit, in sync and healthy? Pure: the application JSON in, a verdict out.
 */

const MAX_DETAILS = 10;
const argocd_short = (sha) => sha.slice(0, 12);
/** The revision(s) Argo CD last compared/synced: `status.sync.revisions` for multi-source apps, else `revision`. */
function syncedRevisions(app) {
    const sync = app?.status?.sync ?? {};
    if (Array.isArray(sync.revisions) && sync.revisions.length > 0)
        return sync.revisions.map(String);
    return typeof sync.revision === 'string' && sync.revision ? [sync.revision] : [];
}
const isOurs = (revisions, sha) => revisions.length > 0 && revisions.every((r) => r.trim().toLowerCase() === sha);
/** The revisions the current (or last) operation was about. */
function operationRevisions(op) {
    const result = op?.syncResult ?? {};
    if (Array.isArray(result.revisions) && result.revisions.length > 0)
        return result.revisions.map(String);
    if (typeof result.revision === 'string' && result.revision)
        return [result.revision];
    const wanted = op?.operation?.sync ?? {};
    if (Array.isArray(wanted.revisions) && wanted.revisions.length > 0)
        return wanted.revisions.map(String);
    return typeof wanted.revision === 'string' && wanted.revision ? [wanted.revision] : [];
}
function resourceName(r) {
    const kind = String(r?.kind ?? 'resource');
    const ns = r?.namespace ? `${r.namespace}/` : '';
    return `${kind}/${ns}${String(r?.name ?? '?')}`;
}
/** The failing resources' messages: degraded health, failed sync results and hooks. */
function failingResources(app) {
    const lines = [];
    for (const r of Array.isArray(app?.status?.resources) ? app.status.resources : []) {
        const health = r?.health?.status;
        if (health === 'Degraded' || health === 'Missing') {
            lines.push(`${resourceName(r)}: ${health}${r.health.message ? `: ${r.health.message}` : ''}`);
        }
    }
    const results = app?.status?.operationState?.syncResult?.resources;
    for (const r of Array.isArray(results) ? results : []) {
        const failed = r?.status === 'SyncFailed' || r?.hookPhase === 'Failed' || r?.hookPhase === 'Error';
        if (failed)
            lines.push(`${resourceName(r)}: ${r.status ?? r.hookPhase}${r.message ? `: ${r.message}` : ''}`);
    }
    const unique = [...new Set(lines.map((l) => (0,sanitize/* sanitizeLine */.g)(l, 300)))];
    return unique.length > MAX_DETAILS
        ? [...unique.slice(0, MAX_DETAILS), `… and ${unique.length - MAX_DETAILS} more`]
        : unique;
}
/**
 * Done when every synced revision is `sha` (a full, lower-case SHA), sync Synced and health Healthy. Failed at
 * once when, on our revision, health is Degraded, or an operation about our revision (or, when it names none, one
 * started at/after `since`) ended Failed/Error. A degraded app still on an older revision is waited on: that is
 * the previous release, not ours.
 */
function argoAppVerdict(app, sha, since) {
    const sync = String(app?.status?.sync?.status ?? 'Unknown');
    const health = String(app?.status?.health?.status ?? 'Unknown');
    const revisions = syncedRevisions(app);
    const ours = isOurs(revisions, sha);
    const op = app?.status?.operationState;
    const phase = op?.phase ? String(op.phase) : '';
    const shown = revisions.length > 0 ? revisions.map(argocd_short).join(',') : 'none';
    const progress = `sync ${sync}, health ${health}, revision ${shown}${phase ? `, operation ${phase}` : ''}`;
    const verdict = (state, message, details = []) => ({
        state,
        message: (0,sanitize/* sanitizeLine */.g)(message),
        details,
        progress: (0,sanitize/* sanitizeLine */.g)(progress),
    });
    if (phase === 'Failed' || phase === 'Error') {
        const opRevisions = operationRevisions(op);
        const started = Date.parse(String(op?.startedAt ?? ''));
        const about = opRevisions.length > 0 ? isOurs(opRevisions, sha) : since !== undefined && started >= since.getTime();
        if (about) {
            return verdict('failed', `the sync operation ended ${phase}: ${String(op?.message ?? 'no message')}`, failingResources(app));
        }
    }
    if (ours && health === 'Degraded') {
        const message = app?.status?.health?.message ? `: ${app.status.health.message}` : '';
        return verdict('failed', `revision ${argocd_short(sha)} is applied but the application is Degraded${message}`, failingResources(app));
    }
    if (ours && sync === 'Synced' && health === 'Healthy') {
        return verdict('done', `revision ${argocd_short(sha)} is synced and healthy`);
    }
    const why = !ours
        ? `waiting for revision ${argocd_short(sha)} (synced: ${shown})`
        : `revision ${argocd_short(sha)} is applied; sync ${sync}, health ${health}`;
    return verdict('waiting', why);
}

;// CONCATENATED MODULE: ./src/core/rollout/gitops-revision.ts
/** Revisions as GitOps controllers write them, compared as full commit SHAs. */
const SHA_RE = /^(?:[0-9a-f]{40}|[0-9a-f]{64})$/;
/** A full SHA-1 (40) or SHA-256 (64) commit id, lower-cased; undefined for anything else (short SHAs included). */
function parseCommitSha(text) {
    const sha = text.trim().toLowerCase();
    return SHA_RE.test(sha) ? sha : undefined;
}
/**
 * True when a Flux revision names the commit: `main@sha1:<sha>` (Flux ≥ 2.0), the older `main/<sha>`, a bare
 * `sha1:<sha>` / `<sha>`, or a chart version built from the commit (`1.2.3+<first 12 hex>`, reconcileStrategy
 * Revision). Never a prefix match on the full SHA itself.
 */
function fluxRevisionNames(revision, sha) {
    if (typeof revision !== 'string' || revision === '')
        return false;
    const r = revision.trim().toLowerCase();
    const digest = /(?:^|@)(?:sha1|sha256):([0-9a-f]+)$/.exec(r)?.[1] ?? /(?:^|\/)([0-9a-f]{40,64})$/.exec(r)?.[1];
    if (digest !== undefined)
        return digest === sha;
    const chartBuild = /\+([0-9a-f]{12})$/.exec(r)?.[1];
    return chartBuild !== undefined && chartBuild === sha.slice(0, 12);
}

;// CONCATENATED MODULE: ./src/core/rollout/flux.ts


/**
 * Ready=False reasons after which Flux will not get there by itself for this revision (from the Flux API's
 * published reasons: kustomize-controller, helm-controller and fluxcd/pkg/apis/meta). Others (Progressing,
 * DependencyNotReady, ArtifactFailed while the source is being fetched…) are waited on until the timeout.
 */
const TERMINAL_REASONS = new Set([
    // kustomize-controller / meta
    'ReconciliationFailed',
    'HealthCheckFailed',
    'BuildFailed',
    'PruneFailed',
    'ArtifactFailed',
    'InvalidPath',
    // helm-controller v2
    'InstallFailed',
    'UpgradeFailed',
    'TestFailed',
    'RollbackSucceeded',
    'RollbackFailed',
    'UninstallFailed',
    'InitFailed',
    'GetLastReleaseFailed',
    'ValuesError',
]);
function condition(obj, type) {
    const conditions = obj?.status?.conditions;
    return Array.isArray(conditions) ? conditions.find((c) => c?.type === type) : undefined;
}
/** The revision Flux last applied: lastAppliedRevision, or for a HelmRelease v2 the latest deployed snapshot. */
function appliedRevisions(kind, obj) {
    const status = obj?.status ?? {};
    const out = [status.lastAppliedRevision];
    if (kind === 'HelmRelease') {
        const latest = Array.isArray(status.history) ? status.history[0] : undefined;
        if (latest?.status === 'deployed')
            out.push(latest.chartVersion, latest.appVersion);
    }
    return out.filter((r) => typeof r === 'string' && r !== '');
}
function attemptedRevisions(kind, obj) {
    const status = obj?.status ?? {};
    const out = [status.lastAttemptedRevision, ...appliedRevisions(kind, obj)];
    if (kind === 'HelmRelease') {
        const latest = Array.isArray(status.history) ? status.history[0] : undefined;
        out.push(latest?.chartVersion);
    }
    return out.filter((r) => typeof r === 'string' && r !== '');
}
/**
 * Done when the applied revision names `sha` and Ready=True for the current generation. Failed when Ready=False
 * (or Stalled=True) with a terminal reason after an attempt at our revision. Waiting otherwise.
 */
function fluxVerdict(kind, obj, sha) {
    const ready = condition(obj, 'Ready');
    const stalled = condition(obj, 'Stalled');
    const applied = appliedRevisions(kind, obj);
    const appliedOurs = applied.some((r) => fluxRevisionNames(r, sha));
    const attemptedOurs = attemptedRevisions(kind, obj).some((r) => fluxRevisionNames(r, sha));
    const generation = obj?.metadata?.generation;
    const current = generation === undefined ||
        (ready?.observedGeneration ?? obj?.status?.observedGeneration ?? generation) >= generation;
    const readyText = ready ? `Ready=${ready.status}${ready.reason ? ` (${ready.reason})` : ''}` : 'Ready unknown';
    const progress = (0,sanitize/* sanitizeLine */.g)(`${readyText}, applied ${applied[0] ?? 'none'}`);
    const verdict = (state, message) => ({
        state,
        message: (0,sanitize/* sanitizeLine */.g)(message),
        details: [],
        progress,
    });
    const short = sha.slice(0, 12);
    const terminal = (ready?.status === 'False' && TERMINAL_REASONS.has(String(ready.reason))) || stalled?.status === 'True';
    if (terminal && attemptedOurs && current) {
        const c = ready?.status === 'False' ? ready : stalled;
        return verdict('failed', `${String(c?.reason ?? 'Failed')}: ${String(c?.message ?? 'no message')}`);
    }
    if (appliedOurs && ready?.status === 'True' && current) {
        return verdict('done', `revision ${short} is applied and Ready`);
    }
    const detail = ready?.message ? `: ${String(ready.message)}` : '';
    return verdict('waiting', `waiting for revision ${short} (${readyText}${detail})`);
}

;// CONCATENATED MODULE: ./src/tools/argocd/client.ts
/**
 * The Argo CD REST API, as far as verify-rollout needs it: read one Application (optionally asking for a refresh).
 * The token travels only in the Authorization header; errors name the input, never the token or a response body.
 */



class ArgoCdApiError extends errors/* CdpackError */.xd {
    status;
    constructor(status, message) {
        super(message);
        this.status = status;
    }
}
/** The `message` (or `error`) of an Argo CD error body, sanitised and short; '' when there is none. */
function apiMessage(body) {
    try {
        const parsed = JSON.parse(body);
        return (0,sanitize/* sanitizeLine */.g)(parsed.message ?? parsed.error ?? '', 200);
    }
    catch {
        return '';
    }
}
function createArgoCdApi(server, token, options = {}) {
    const base = new URL(server);
    const http = options.http ?? new client/* HttpClient */.Qq({ env: options.env ?? {}, idleTimeoutMs: 30_000 });
    return {
        description: `Argo CD ${base.origin}`,
        async getApplication(name, { appNamespace, refresh, signal }) {
            const url = new URL(`api/v1/applications/${encodeURIComponent(name)}`, base.href.endsWith('/') ? base : `${base.href}/`);
            if (appNamespace)
                url.searchParams.set('appNamespace', appNamespace);
            if (refresh)
                url.searchParams.set('refresh', refresh);
            const res = await http.request({
                method: 'GET',
                url: url.href,
                headers: { authorization: `Bearer ${token}`, accept: 'application/json' },
                ...(signal ? { signal } : {}),
            });
            const body = (await res.buffer()).toString('utf8');
            if (res.status === 200) {
                try {
                    return JSON.parse(body);
                }
                catch {
                    throw new ArgoCdApiError(res.status, `Argo CD answered application '${name}' with something that is not JSON`);
                }
            }
            const detail = apiMessage(body);
            const suffix = detail ? `: ${detail}` : '';
            if (res.status === 401) {
                throw new ArgoCdApiError(401, `Argo CD rejected \`argocd-token\` (401 Unauthorized${suffix}); give a valid API token`);
            }
            if (res.status === 403 || res.status === 404) {
                // Argo CD answers 403 "permission denied" for an application that does not exist, too.
                throw new ArgoCdApiError(res.status, `Argo CD application '${name}'${appNamespace ? ` in namespace '${appNamespace}'` : ''} not found or not readable with \`argocd-token\` (${res.status}${suffix})`);
            }
            throw new ArgoCdApiError(res.status, `Argo CD answered ${res.status} for application '${name}'${suffix}`);
        },
        close() {
            if (!options.http)
                http.close();
        },
    };
}

// EXTERNAL MODULE: external "node:path"
var external_node_path_ = __webpack_require__(6760);
// EXTERNAL MODULE: ./src/core/gitops/update.ts + 9 modules
var update = __webpack_require__(3242);
;// CONCATENATED MODULE: ./src/core/gitops/revert.ts
/**
 * Reverting an update-gitops-tag commit in the config repository: what to write (pure planning), and the same
 * fetch / re-edit / retry loop as the update (never a force push).
 *
 * Per file the commit changed: when the file is still as that commit left it, it is restored whole (a plain
 * revert). When a later commit changed it too, only the lines our commit changed are put back (the image
 * references), and only where they still read as our commit wrote them; a line changed again since is left alone
 * (a newer deploy owns it) and reported.
 */


const splitLines = (text) => text.split('\n');
/** The commit's line changes as (line index, before, after) — update-gitops-tag edits lines in place. */
function lineChanges(before, after) {
    const a = splitLines(before);
    const b = splitLines(after);
    if (a.length !== b.length)
        return undefined;
    return a.flatMap((line, index) => (line === b[index] ? [] : [{ index, before: line, after: b[index] }]));
}
function planFileRevert(input) {
    const { path, before, after, now } = input;
    const plan = (mode, text, restored = [], skipped = []) => ({
        path,
        text,
        mode,
        restored,
        skipped,
    });
    if (before === undefined || after === undefined) {
        throw new errors/* CdpackError */.xd(`${path}: the commit to revert ${before === undefined ? 'added' : 'deleted'} this file; only image edits are reverted`);
    }
    if (now === undefined)
        throw new errors/* CdpackError */.xd(`${path}: deleted on the branch since the commit; nothing to restore into`);
    if (before === after)
        return plan('unchanged', undefined);
    if (now === after)
        return plan('whole-file', before, describe(lineChanges(before, after) ?? []));
    if (now === before)
        return plan('already-reverted', undefined);
    const changes = lineChanges(before, after);
    if (!changes) {
        throw new errors/* CdpackError */.xd(`${path}: changed since the commit to revert, and that commit added or removed lines, so its image edits cannot be restored on their own; revert it by hand`);
    }
    const lines = splitLines(now);
    const restored = [];
    const skipped = [];
    const used = new Set();
    for (const change of changes) {
        const at = findLine(lines, change.after, change.index, used);
        if (at === undefined) {
            // Reverted already, or rewritten by a later commit: either way not ours to change.
            if (findLine(lines, change.before, change.index, used) === undefined)
                skipped.push(`line ${change.index + 1}: ${change.after.trim()}`);
            continue;
        }
        used.add(at);
        lines[at] = change.before;
        restored.push(`line ${at + 1}: ${change.after.trim()} → ${change.before.trim()}`);
    }
    const text = lines.join('\n');
    return text === now ? plan('already-reverted', undefined, [], skipped) : plan('lines', text, restored, skipped);
}
function describe(changes) {
    return changes.map((c) => `line ${c.index + 1}: ${c.after.trim()} → ${c.before.trim()}`);
}
/** The line equal to `text` nearest to `near` (lines may have shifted), not one already used. */
function findLine(lines, text, near, used) {
    let best;
    lines.forEach((line, i) => {
        if (line !== text || used.has(i))
            return;
        if (best === undefined || Math.abs(i - near) < Math.abs(best - near))
            best = i;
    });
    return best;
}
/** `Revert "<subject>"` with git's body, so tools and people recognise it. */
function revertMessage(subject, commit) {
    return `Revert "${subject}"\n\nThis reverts commit ${commit}.\n`;
}
/**
 * Pushes the revert: plan on the current tip, write, commit, push; when the remote moved, refresh and plan again
 * on the new tip (jittered backoff, maxAttempts), as update-gitops-tag does.
 */
async function revertGitopsCommit(repo, commit, source, options, log, timing = update/* realTiming */.$u) {
    for (let attempt = 1; attempt <= options.maxAttempts; attempt++) {
        const tracked = new Set(await repo.trackedFiles());
        const paths = source.files.map((f) => f.path);
        const present = paths.filter((p) => tracked.has(p));
        const texts = await repo.readFiles(present);
        const plans = source.files.map((f) => planFileRevert({ ...f, now: tracked.has(f.path) ? texts[present.indexOf(f.path)] : undefined }));
        const toWrite = plans.filter((p) => p.text !== undefined);
        const result = {
            reverted: toWrite.length > 0,
            commit: '',
            files: plans,
            partial: plans.some((p) => p.mode === 'lines'),
            attempts: attempt,
            reason: '',
        };
        if (toWrite.length === 0) {
            result.reason = `the branch no longer holds the changes of ${commit.slice(0, 12)} (already reverted or changed since)`;
            return result;
        }
        for (const p of toWrite)
            await repo.writeFile(p.path, p.text);
        const push = await repo.commitAndPush(revertMessage(source.subject, commit));
        if (push.pushed) {
            result.commit = push.commit;
            return result;
        }
        if (attempt === options.maxAttempts)
            break;
        const wait = (0,update/* backoffMs */.jo)(attempt, timing.random);
        log.info(`push rejected (${push.reason}); attempt ${attempt}/${options.maxAttempts}, retrying on the new tip in ${wait} ms`);
        await timing.sleep(wait);
        await repo.refresh();
    }
    throw new errors/* CdpackError */.xd(`push of the revert to ${repo.description} was rejected ${options.maxAttempts} times because the remote kept moving; nothing was pushed`);
}

// EXTERNAL MODULE: ./src/tools/git.ts
var tools_git = __webpack_require__(615);
;// CONCATENATED MODULE: ./src/tools/git-commit-source.ts
/**
 * Reads one commit of the config repository for the revert flow: its subject, the files it changed and their
 * texts before and after it. Works in the shallow clone made by cloneConfigRepo (fetches the commit and its
 * parent only).
 */


const commitRe = /^([0-9a-f]{40}|[0-9a-f]{64})$/;
/** The input `revision` must be a full commit id (fetching by abbreviated id is not possible). */
function checkCommitId(input, text) {
    const id = text.trim().toLowerCase();
    if (!commitRe.test(id)) {
        throw new errors/* InputError */.dz(input, `'${text}' is not a full commit id (40 hex digits, from update-gitops-tag's 'commit' output)`);
    }
    return id;
}
async function readCommitSource(dir, auth, commit, description, log) {
    const git = new tools_git/* Git */.TU(dir, auth, undefined, log);
    try {
        await git.run(['fetch', '--quiet', '--no-tags', '--depth', '2', 'origin', commit], 'git fetch', { stderr: 'info' });
    }
    catch (error) {
        const why = error instanceof tools_git/* GitError */.XS ? error.message : String(error);
        throw new errors/* InputError */.dz('revision', `commit ${commit} could not be fetched from ${description} (${why})`);
    }
    const parents = (await git.run(['rev-list', '--parents', '-n', '1', commit], 'git rev-list')).stdout
        .trim()
        .split(' ');
    if (parents.length !== 2) {
        throw new errors/* CdpackError */.xd(`commit ${commit} has ${parents.length - 1} parents; only a single-parent commit (as update-gitops-tag makes) is reverted`);
    }
    const subject = (await git.run(['log', '-1', '--format=%s', commit], 'git log')).stdout.trim();
    const names = (await git.run(['diff-tree', '-r', '-z', '--no-commit-id', '--name-only', '--no-renames', `${commit}^`, commit], 'git diff-tree')).stdout
        .split('\0')
        .filter(Boolean);
    const blob = async (rev, path) => {
        try {
            return (await git.run(['cat-file', 'blob', `${rev}:${path}`], 'git cat-file')).stdout;
        }
        catch {
            return undefined;
        }
    };
    const files = [];
    for (const path of names)
        files.push({ path, before: await blob(`${commit}^`, path), after: await blob(commit, path) });
    return { subject, files };
}

// EXTERNAL MODULE: ./src/tools/git-config-repo.ts
var git_config_repo = __webpack_require__(3807);
// EXTERNAL MODULE: ./src/tools/process/temp.ts
var process_temp = __webpack_require__(4867);
// EXTERNAL MODULE: ./src/actions/config-repo-access.ts + 1 modules
var config_repo_access = __webpack_require__(2020);
;// CONCATENATED MODULE: ./src/actions/verify-rollout/gitops-rollback.ts
/**
 * Rollback for GitOps: push a revert of the config-repo commit (`revision`) with update-gitops-tag's clone and
 * retry loop, then wait until the GitOps controller has applied it. A `kubectl rollout undo` would be undone by
 * the next sync, so with `revision` the rollback goes through the config repository instead.
 */







const MAX_ATTEMPTS = 10;
const IDENTITY = { name: 'cdpack', email: 'cdpack@users.noreply.github.com' };
async function gitopsRollback(platform, settings, waitForApplied) {
    const { remote, auth } = await (0,config_repo_access/* configRepoAccess */.V)(platform, settings);
    const temp = await (0,process_temp/* temporaryDir */.F)(platform.tempDir, 'cdpack-gitops-revert-');
    const dir = temp.dir;
    const notes = [];
    try {
        const repoDir = (0,external_node_path_.join)(dir, 'repo');
        const repo = await (0,git_config_repo/* cloneConfigRepo */.ae)({
            remote: remote.url,
            branch: settings.branch,
            auth,
            identity: IDENTITY,
            dir: repoDir,
            log: platform,
        });
        const source = await readCommitSource(repoDir, auth, settings.revision, remote.shown, platform);
        const result = await revertGitopsCommit(repo, settings.revision, source, { maxAttempts: MAX_ATTEMPTS }, platform);
        for (const file of result.files) {
            for (const line of file.restored)
                platform.info(`${file.path}: ${(0,sanitize/* sanitizeLine */.g)(line)}`);
            for (const line of file.skipped) {
                const note = `${file.path}: ${(0,sanitize/* sanitizeLine */.g)(line)} was changed again by a later commit; left as it is`;
                platform.warn(note);
                notes.push(note);
            }
        }
        if (!result.reverted) {
            notes.push(`GitOps rollback: nothing pushed: ${result.reason}`);
            return { ok: false, commit: '', notes };
        }
        const short = settings.revision.slice(0, 12);
        notes.push(result.partial
            ? `GitOps rollback: reverted ${short} as ${result.commit}; a later commit had changed ${result.files
                .filter((f) => f.mode === 'lines')
                .map((f) => f.path)
                .join(', ')}, so only the image lines of ${short} were restored`
            : `GitOps rollback: reverted ${short} as ${result.commit} on ${remote.shown} (${settings.branch})`);
        platform.info(notes[notes.length - 1]);
        if (!waitForApplied) {
            const note = 'GitOps rollback: not waiting for the revert to be applied (no argocd-app or flux-* to wait on)';
            platform.warn(note);
            notes.push(note);
            return { ok: true, commit: result.commit, notes };
        }
        const applied = await waitForApplied(result.commit);
        if (!applied.ok) {
            notes.push(`GitOps rollback: the revert ${result.commit} was not applied: ${applied.failure}`);
            return { ok: false, commit: result.commit, notes };
        }
        return { ok: true, commit: result.commit, notes };
    }
    finally {
        await temp.dispose();
    }
}

// EXTERNAL MODULE: ./src/tools/kube/errors.ts
var kube_errors = __webpack_require__(210);
// EXTERNAL MODULE: ./src/tools/kube/transport.ts
var transport = __webpack_require__(144);
;// CONCATENATED MODULE: ./src/tools/kube/watch-object.ts
/**
 * Following ONE named object by watch, the part verify-rollout's waits share (workloads and GitOps objects):
 * the by-name field selector, the verdict acted on as soon as it is known, the bounded restart of a watch that
 * the server broke, and an abortable pause.
 */


/** How many times a watch broken by a server error is started again before the wait gives up. */
const MAX_WATCH_RESTARTS = 5;
/** A failure worth starting the watch again from a fresh read (etcd changing leader, a rate limit, a reset). */
function isTransientKubeError(e) {
    return e instanceof transport/* NetworkError */.Dr || (e instanceof kube_errors/* KubeApiError */.W3 && (e.status === 429 || e.status >= 500));
}
/** The wait before restart `restarts + 1`: 200 ms doubling, at most 3 s. */
const restartDelayMs = (restarts) => Math.min(200 * 2 ** restarts, 3000);
/** Resolves after `ms`, or at once when `signal` aborts. */
function pause(ms, signal) {
    return new Promise((resolve) => {
        if (signal.aborted)
            return resolve();
        const timer = setTimeout(resolve, ms);
        signal.addEventListener('abort', () => {
            clearTimeout(timer);
            resolve();
        }, { once: true });
    });
}
/**
 * Watches `name` in `collection` from `resourceVersion` until `events.changed` decides, the object is deleted, or
 * `signal` aborts. Returns as soon as the verdict is known: closing the stream is not waited for.
 */
async function watchObject(api, collection, name, resourceVersion, events, signal) {
    const decided = new AbortController();
    const stop = () => decided.abort();
    signal.addEventListener('abort', stop, { once: true });
    let reached = () => { };
    const verdictReached = new Promise((resolve) => {
        reached = resolve;
    });
    const watching = api.watch(collection, resourceVersion, (event) => {
        if (event.type === 'BOOKMARK' || event.object.metadata?.name !== name)
            return false;
        if (event.type === 'DELETED') {
            events.deleted();
            reached();
            return true;
        }
        const done = events.changed(event.object);
        if (done)
            reached();
        return done;
    }, { signal: decided.signal, query: { fieldSelector: `metadata.name=${name}` } });
    try {
        await Promise.race([watching, verdictReached]);
    }
    finally {
        signal.removeEventListener('abort', stop);
        watching.catch(() => { });
        // Tearing the stream down (TLS socket, reader) takes a few ms: done after the caller has acted on the verdict.
        setImmediate(() => decided.abort());
    }
}

;// CONCATENATED MODULE: ./src/actions/verify-rollout/gitops-wait.ts


/** Logs `progress` when it changed; returns the verdict when it is final. */
function tracker(target, log) {
    let last = '';
    let latest;
    return {
        see(v) {
            latest = v;
            if (v.progress !== last) {
                log.info(`${target}: ${v.progress}`);
                last = v.progress;
            }
            return v.state !== 'waiting';
        },
        outcome(timeoutText, error) {
            if (error !== undefined)
                return { ok: false, target, failure: (0,sanitize/* sanitizeLine */.g)(error), details: [], timedOut: false };
            if (latest?.state === 'done')
                return { ok: true, target, message: latest.message };
            if (latest?.state === 'failed') {
                return { ok: false, target, failure: latest.message, details: latest.details, timedOut: false };
            }
            const why = latest ? ` (last: ${latest.message})` : '';
            return { ok: false, target, failure: `timed out after ${timeoutText}${why}`, details: [], timedOut: true };
        },
    };
}
/**
 * Reads the object through the Kubernetes API, then watches it (by name) until `evaluate` gives a final verdict
 * or `signal` aborts. A failing watch is restarted from a fresh read, a bounded number of times.
 */
async function followKubeObject(api, paths, target, name, evaluate, signal, log, timeoutText) {
    const track = tracker(target, log);
    for (let restarts = 0; !signal.aborted; restarts++) {
        try {
            const current = await api.get(paths.object, { signal });
            if (track.see(evaluate(current)))
                break;
            await watchObject(api, paths.collection, name, current.metadata.resourceVersion ?? '', {
                changed: (o) => track.see(evaluate(o)),
                deleted: () => {
                    throw new Error(`${target} has been deleted`);
                },
            }, signal);
            break;
        }
        catch (e) {
            if (signal.aborted)
                break;
            if (!isTransientKubeError(e) || restarts >= MAX_WATCH_RESTARTS) {
                return track.outcome(timeoutText, e instanceof Error ? e.message : String(e));
            }
            log.debug(`${target}: watch failed (${(0,sanitize/* sanitizeLine */.g)(e instanceof Error ? e.message : String(e))}); reading it again`);
            await pause(restartDelayMs(restarts), signal);
        }
    }
    return track.outcome(timeoutText);
}
const POLL_MIN_MS = 1000;
const POLL_MAX_MS = 5000;
/**
 * Polls the Argo CD REST API (GET, the first with ?refresh=normal when asked). Polling rather than the
 * /api/v1/stream endpoint: a long-lived streamed response is what ingresses and proxies in front of Argo CD
 * buffer or cut, while a GET every few seconds costs Argo CD one cache read. The interval starts at 1 s and
 * grows to 5 s while nothing changes.
 */
async function pollArgoCd(argocd, app, target, refresh, evaluate, signal, log, timeoutText) {
    const track = tracker(target, log);
    let interval = POLL_MIN_MS;
    let failures = 0;
    let lastProgress = '';
    for (let first = true; !signal.aborted; first = false) {
        try {
            const application = await argocd.getApplication(app.name, {
                appNamespace: app.namespace,
                refresh: first && refresh ? 'normal' : undefined,
                signal,
            });
            if (first && refresh)
                log.info(`${target}: refresh requested`);
            failures = 0;
            const verdict = evaluate(application);
            if (track.see(verdict))
                break;
            interval = verdict.progress === lastProgress ? Math.min(interval * 1.5, POLL_MAX_MS) : POLL_MIN_MS;
            lastProgress = verdict.progress;
        }
        catch (e) {
            if (signal.aborted)
                break;
            const status = e.status;
            const retryable = status === undefined ? e instanceof Error && e.name === 'NetworkError' : status === 429 || status >= 500;
            if (!retryable || ++failures > MAX_WATCH_RESTARTS) {
                return track.outcome(timeoutText, e instanceof Error ? e.message : String(e));
            }
            log.debug(`${target}: ${(0,sanitize/* sanitizeLine */.g)(e instanceof Error ? e.message : String(e))}; trying again`);
        }
        await pause(interval, signal);
    }
    return track.outcome(timeoutText);
}

;// CONCATENATED MODULE: ./src/actions/verify-rollout/gitops.ts
/**
 * verify-rollout for GitOps: wait until Argo CD / Flux has applied our config-repo commit (`revision`) and reports
 * it healthy, asking for a refresh/reconcile first when `refresh` is on. Then the smoke checks, like a rollout.
 */









const ARGO_GROUP = '/apis/argoproj.io/v1alpha1';
const FLUX = {
    Kustomization: { base: '/apis/kustomize.toolkit.fluxcd.io/v1', plural: 'kustomizations' },
    HelmRelease: { base: '/apis/helm.toolkit.fluxcd.io/v2', plural: 'helmreleases' },
};
const namespaced = (base, namespace, plural) => `${base}/namespaces/${namespace}/${plural}`;
/** Asks for a refresh/reconcile by annotation (merge patch); a refusal only costs time, so it warns. */
async function annotate(api, path, target, annotations, log) {
    try {
        await api.patch(path, 'merge', { metadata: { annotations } });
        log.info(`${target}: ${Object.keys(annotations).join(', ')} annotated`);
    }
    catch (e) {
        log.warn(`${target}: could not request a refresh (${(0,sanitize/* sanitizeLine */.g)(e instanceof Error ? e.message : String(e))}); waiting for the next poll`);
    }
}
/** Waits for every GitOps object named in `gitops` at once, within `timeoutMs`. */
async function waitForGitOps(gitops, timeoutMs, deps, log) {
    const controller = new AbortController();
    const timer = setTimeout(() => controller.abort(), timeoutMs);
    const signal = controller.signal;
    const timeoutText = (0,duration/* formatDuration */.a)(timeoutMs);
    const since = new Date();
    const closers = [];
    let session;
    const kube = () => {
        if (!session) {
            session = deps.kube();
            closers.push(() => session?.api.close());
        }
        return session;
    };
    const sha = gitops.revision;
    const waits = [];
    try {
        const app = gitops.argocd;
        if (app?.server) {
            const argocd = (deps.argocd ?? ((s, t) => createArgoCdApi(s, t)))(app.server, app.token);
            closers.push(() => argocd.close());
            const target = `Argo CD application ${app.namespace ? `${app.namespace}/` : ''}${app.name}`;
            log.info(`${target}: waiting for revision ${sha} through ${argocd.description}`);
            waits.push(pollArgoCd(argocd, app, target, gitops.refresh, (a) => argoAppVerdict(a, sha, since), signal, log, timeoutText));
        }
        else if (app) {
            const { api, namespace } = kube();
            const ns = app.namespace ?? namespace;
            const target = `application/${app.name}`;
            const collection = namespaced(ARGO_GROUP, ns, 'applications');
            const object = `${collection}/${app.name}`;
            await api.get(object).catch((e) => {
                throw (0,kube_connection/* describeApiError */.g)(e, 'get', `Argo CD ${target}`, ns);
            });
            if (gitops.refresh)
                await annotate(api, object, target, { 'argocd.argoproj.io/refresh': 'normal' }, log);
            waits.push(followKubeObject(api, { object, collection }, target, app.name, (o) => argoAppVerdict(o, sha, since), signal, log, timeoutText));
        }
        const flux = [
            ['Kustomization', gitops.fluxKustomization],
            ['HelmRelease', gitops.fluxHelmRelease],
        ];
        for (const [kind, name] of flux) {
            if (!name)
                continue;
            const { api, namespace } = kube();
            const collection = namespaced(FLUX[kind].base, namespace, FLUX[kind].plural);
            const object = `${collection}/${name}`;
            const target = `${kind.toLowerCase()}/${name}`;
            await api.get(object).catch((e) => {
                throw (0,kube_connection/* describeApiError */.g)(e, 'get', `Flux ${target}`, namespace);
            });
            if (gitops.refresh) {
                await annotate(api, object, target, { 'reconcile.fluxcd.io/requestedAt': new Date().toISOString() }, log);
            }
            waits.push(followKubeObject(api, { object, collection }, target, name, (o) => fluxVerdict(kind, o, sha), signal, log, timeoutText));
        }
        const outcomes = await Promise.all(waits);
        for (const o of outcomes)
            log.info(`${o.target}: ${o.ok ? o.message : o.failure}`);
        return { outcomes, revision: outcomes.every((o) => o.ok) ? sha : '' };
    }
    finally {
        clearTimeout(timer);
        for (const close of closers)
            close();
    }
}
/** The diagnosis lines of the failed outcomes. */
function gitopsDiagnoses(outcomes) {
    return outcomes.flatMap((o) => o.ok ? [] : [`${o.target}: ${o.failure}${o.details.map((d) => `\n  ${d}`).join('')}`]);
}
function gitopsSummaryRows(outcomes) {
    return outcomes.map((o) => `| ${(0,markdown/* escapeMarkdown */.FV)(o.target)} | ${o.ok ? 'applied' : o.timedOut ? 'timed out' : 'failed'} | ${(0,markdown/* escapeMarkdown */.FV)((0,sanitize/* sanitizeLine */.g)(o.ok ? o.message : o.failure, 200))} |`);
}
/** Runs the GitOps wait as the step's first phase; the caller goes on to the workloads only when it returns true. */
async function verifyGitOpsPhase(platform, settings, deps) {
    return platform.group('Wait for the GitOps sync', () => waitForGitOps(settings.gitops, settings.timeoutMs, deps, platform));
}
/** The wait a GitOps rollback uses: the same Argo CD / Flux objects, until they have applied the revert. */
function waitForRevertApplied(settings, deps, log) {
    return async (commit) => {
        const report = await waitForGitOps({ ...settings.gitops, revision: commit }, settings.timeoutMs, deps, log);
        const failures = gitopsDiagnoses(report.outcomes);
        return failures.length === 0 ? { ok: true } : { ok: false, failure: failures[0] ?? 'not applied' };
    };
}
/**
 * The GitOps phase of the step. Returns true when the step is finished (a GitOps failure, or no workloads to wait
 * for after it: smoke checks run and outputs written here); false when the workloads are to be verified next.
 */
async function runGitOpsStep(platform, settings, deps, helpers, started) {
    const report = await verifyGitOpsPhase(platform, settings, deps);
    const diagnoses = gitopsDiagnoses(report.outcomes);
    if (diagnoses.length === 0 && settings.workloads.length > 0)
        return false;
    if (diagnoses.length === 0 && settings.smoke.urls.length > 0) {
        diagnoses.push(...(await platform.group('Smoke checks', helpers.smoke)));
    }
    let result = diagnoses.length === 0 ? 'success' : 'failed';
    if (result === 'failed') {
        platform.info('Diagnosis:');
        for (const line of diagnoses.join('\n').split('\n'))
            platform.info(line);
    }
    let rollbackCommit = '';
    const revert = settings.gitopsRollback;
    if (result === 'failed' && settings.rollback && revert) {
        const outcome = await platform.group('Roll back (revert in the config repository)', () => gitopsRollback(platform, revert, waitForRevertApplied(settings, deps, platform)));
        diagnoses.push(...outcome.notes);
        rollbackCommit = outcome.commit;
        if (outcome.ok)
            result = 'rolled-back';
    }
    const diagnosis = diagnoses.join('\n');
    platform.setOutput('result', result);
    platform.setOutput('rollback-commit', rollbackCommit);
    platform.setOutput('duration', String(Math.round((Date.now() - started) / 100) / 10));
    platform.setOutput('diagnosis', helpers.diagnosisOutput(diagnosis));
    platform.setOutput('revision', report.revision);
    const lines = [
        '### cdpack verify-rollout',
        '',
        `${result === 'success' ? '✅' : '❌'} **${result}**: revision ${(0,markdown/* escapeMarkdown */.FV)(settings.gitops.revision.slice(0, 12))}`,
        '',
        '| GitOps object | Verdict | Detail |',
        '| --- | --- | --- |',
        ...gitopsSummaryRows(report.outcomes),
        '',
    ];
    if (diagnosis)
        lines.push(...(0,markdown/* markdownDiagnosis */.R0)(diagnosis.split('\n')));
    await platform.summary(lines.join('\n'));
    if (result !== 'success') {
        const first = diagnoses[0]?.split('\n')[0] ?? 'the GitOps sync failed';
        platform.fail(`${result === 'rolled-back' ? 'rolled back: ' : ''}${first}`);
    }
    return true;
}

;// CONCATENATED MODULE: ./src/actions/verify-rollout/rollback.ts
/** `kubectl rollout undo` for one workload: read its history, let the core pick the target, send the same patch. */




async function undoRollout(api, ref, namespace, signal) {
    const path = (0,workload/* objectPath */.du)(ref, namespace);
    const object = await api.get(path, { signal });
    const history = (await api.list(historyPath(ref.kind, namespace), {
        signal,
        query: { labelSelector: (0,rollout_revision/* formatSelector */.VH)(selectorOf(object)) },
    })).items;
    const plan = ref.kind === 'Rollout'
        ? (0,argo_rollout/* rolloutUndo */.oR)(object, history)
        : ref.kind === 'Deployment'
            ? (0,rollout_revision/* deploymentRollback */.MM)(object, history)
            : (0,rollout_revision/* controllerRevisionRollback */.c9)(object, history);
    if (plan.action === 'skip')
        return { undone: false, reason: `skipped rollback (${plan.reason})` };
    const patched = await api.patch(path, plan.patchType, plan.body, {
        signal,
        query: { fieldManager: 'cdpack' },
    });
    return { undone: true, revision: plan.revision, object: patched };
}

;// CONCATENATED MODULE: ./src/actions/verify-rollout/gitops-settings.ts
/** The GitOps inputs of verify-rollout (Argo CD, Flux), validated before anything is read. */



const nameRe = /^[a-z0-9]([-a-z0-9.]*[a-z0-9])?$/;
function objectName(input, value) {
    if (!nameRe.test(value) || value.length > 253) {
        throw new errors/* InputError */.dz(input, `'${value}' is not an object name (lowercase RFC 1123 subdomain)`);
    }
    return value;
}
/** undefined when no GitOps object is named. */
function parseGitOpsSettings(raw) {
    const get = (name) => (raw[name] ?? '').trim();
    const app = get('argocd-app');
    const kustomization = get('flux-kustomization');
    const helmRelease = get('flux-helmrelease');
    const server = get('argocd-server');
    const token = get('argocd-token');
    if (!app && !kustomization && !helmRelease) {
        // Without a GitOps object, `revision` still names the commit a `rollback: true` reverts (settings.ts checks it).
        const rollback = (0,read/* parseBoolean */.yG)('rollback', get('rollback') || 'false');
        for (const stray of ['argocd-server', 'argocd-token', ...(rollback ? [] : ['revision'])]) {
            if (get(stray)) {
                throw new errors/* InputError */.dz(stray, stray === 'revision'
                    ? 'needs `argocd-app`, `flux-kustomization` or `flux-helmrelease` (what to wait for), or `rollback: true` (what to revert)'
                    : 'needs `argocd-app`, `flux-kustomization` or `flux-helmrelease`');
            }
        }
        return undefined;
    }
    const revisionText = get('revision');
    if (!revisionText)
        throw new errors/* InputError */.dz('revision', "is required with a GitOps application (update-gitops-tag's `commit` output)");
    const revision = parseCommitSha(revisionText);
    if (!revision)
        throw new errors/* InputError */.dz('revision', `'${revisionText}' is not a full commit SHA (40 or 64 hex digits)`);
    const settings = { revision, refresh: (0,read/* parseBoolean */.yG)('refresh', get('refresh') || 'true') };
    if (app) {
        const [first, second, ...rest] = app.split('/');
        if (rest.length > 0 || first === undefined)
            throw new errors/* InputError */.dz('argocd-app', `'${app}' is not \`name\` or \`namespace/name\``);
        const name = objectName('argocd-app', second ?? first);
        const namespace = second === undefined ? undefined : objectName('argocd-app', first);
        if (server) {
            let url;
            try {
                url = new URL(server);
            }
            catch {
                url = undefined;
            }
            if (!url || !['http:', 'https:'].includes(url.protocol) || url.username || url.password) {
                throw new errors/* InputError */.dz('argocd-server', `expected an http(s) URL without credentials, e.g. https://argocd.example.com`);
            }
            if (!token)
                throw new errors/* InputError */.dz('argocd-token', 'is required with `argocd-server`');
        }
        else if (token) {
            throw new errors/* InputError */.dz('argocd-server', 'is required with `argocd-token` (without both, the Application is read through the Kubernetes API)');
        }
        settings.argocd = { name, namespace, server: server || undefined, token };
    }
    else if (server || token) {
        throw new errors/* InputError */.dz(server ? 'argocd-server' : 'argocd-token', 'needs `argocd-app`');
    }
    if (kustomization)
        settings.fluxKustomization = objectName('flux-kustomization', kustomization);
    if (helmRelease)
        settings.fluxHelmRelease = objectName('flux-helmrelease', helmRelease);
    return settings;
}

;// CONCATENATED MODULE: ./src/actions/verify-rollout/settings.ts







const namespaceRe = /^[a-z0-9]([-a-z0-9]*[a-z0-9])?$/;
function settings_duration(name, text, minMs, maxMs) {
    const ms = (0,duration/* parseGoDuration */.Q)(text);
    if (ms === undefined)
        throw new errors/* InputError */.dz(name, `'${text}' is not a duration: expected e.g. 90s, 5m, 1h30m, 500ms`);
    if (ms < minMs || ms > maxMs)
        throw new errors/* InputError */.dz(name, `'${text}' is out of range (${minMs / 1000}s to ${maxMs / 3_600_000}h)`);
    return ms;
}
/** Validates every input before anything is read from the cluster. */
function parseSettings(raw) {
    const get = (name) => raw[name] ?? '';
    const workloads = (0,workload/* uniqueRefs */.CS)((0,read/* parseList */.E1)(get('workloads')).map((w) => (0,workload/* parseWorkloadRef */.iD)('workloads', w, ['Deployment', 'StatefulSet', 'DaemonSet', 'Rollout'])));
    const gitops = parseGitOpsSettings(raw);
    if (workloads.length === 0 && !gitops) {
        throw new errors/* InputError */.dz('workloads', 'name at least one workload, e.g. deployment/web (or a GitOps application)');
    }
    const namespace = get('namespace');
    if (namespace && (!namespaceRe.test(namespace) || namespace.length > 63)) {
        throw new errors/* InputError */.dz('namespace', `'${namespace}' is not a namespace name (lowercase RFC 1123 label)`);
    }
    const urls = (0,read/* parseList */.E1)(get('smoke-url'));
    for (const url of urls) {
        let parsed;
        try {
            parsed = new URL(url);
        }
        catch {
            parsed = undefined;
        }
        if (!parsed || !['http:', 'https:'].includes(parsed.protocol)) {
            throw new errors/* InputError */.dz('smoke-url', `'${url}' is not an http(s) URL`);
        }
    }
    const rollback = (0,read/* parseBoolean */.yG)('rollback', get('rollback'));
    const revision = get('revision');
    const gitopsRollback = rollback && revision
        ? {
            revision: checkCommitId('revision', revision),
            repository: get('repository'),
            branch: get('branch') || 'main',
            token: get('token'),
            username: get('username') || 'x-access-token',
        }
        : undefined;
    return {
        workloads,
        gitopsRollback,
        kubeconfig: get('kubeconfig'),
        context: get('context'),
        namespace,
        timeoutMs: settings_duration('timeout', get('timeout') || '5m', 1000, 24 * 3_600_000),
        rollback,
        smoke: {
            urls,
            status: (0,read/* parseInteger */.cG)('smoke-status', get('smoke-status') || '200', 100, 599),
            body: parseBodyMatcher('smoke-body', get('smoke-body')),
            retries: (0,read/* parseInteger */.cG)('smoke-retries', get('smoke-retries') || '3', 0, 100),
            intervalMs: settings_duration('smoke-interval', get('smoke-interval') || '5s', 0, 3_600_000),
        },
        gitops,
    };
}

;// CONCATENATED MODULE: ./src/core/rollout/status.ts
/**
 * `kubectl rollout status` verdicts, rule for rule (../shared/oracles/ROLLOUT_STATUS_RULES.md): the message
 * kubectl prints, whether the rollout is done, or the error that stops it.
 */

const status_obj = (v) => (v && typeof v === 'object' ? v : {});
/** Integer fields: missing counts as 0. */
const status_int = (v) => (typeof v === 'number' ? v : 0);
/** `spec.replicas`-like pointers: missing is "not set". */
const optInt = (v) => (typeof v === 'number' ? v : undefined);
function rolloutStatus(kind, object, revision = 0) {
    switch (kind) {
        case 'Deployment':
            return deploymentStatus(object, revision);
        case 'DaemonSet':
            return daemonSetStatus(object);
        case 'StatefulSet':
            return statefulSetStatus(object);
        case 'Rollout':
            return (0,argo_rollout/* argoRolloutStatus */.jo)(object);
    }
}
const fail = (error, done = false) => ({ error, done, message: '' });
function deploymentStatus(object, revision) {
    const o = status_obj(object);
    const meta = status_obj(o.metadata);
    const spec = status_obj(o.spec);
    const status = status_obj(o.status);
    const name = String(meta.name ?? '');
    if (revision > 0) {
        const text = status_obj(meta.annotations)['deployment.kubernetes.io/revision'];
        let running = 0;
        if (typeof text === 'string') {
            if (!/^-?\d+$/.test(text)) {
                return fail(`cannot get the revision of deployment "${name}": strconv.ParseInt: parsing ${JSON.stringify(text)}: invalid syntax`);
            }
            running = Number(text);
        }
        if (running !== revision)
            return fail(`desired revision (${revision}) is different from the running revision (${running})`);
    }
    if (status_int(meta.generation) > status_int(status.observedGeneration)) {
        return { done: false, message: 'Waiting for deployment spec update to be observed...\n' };
    }
    const conditions = Array.isArray(status.conditions) ? status.conditions.map(status_obj) : [];
    if (conditions.some((c) => c.type === 'Progressing' && c.reason === 'ProgressDeadlineExceeded')) {
        return fail(`deployment "${name}" exceeded its progress deadline`);
    }
    const replicas = optInt(spec.replicas);
    const updated = status_int(status.updatedReplicas);
    const prefix = `Waiting for deployment "${name}" rollout to finish: `;
    if (replicas !== undefined && updated < replicas) {
        return { done: false, message: `${prefix}${updated} out of ${replicas} new replicas have been updated...\n` };
    }
    if (status_int(status.replicas) > updated) {
        return {
            done: false,
            message: `${prefix}${status_int(status.replicas) - updated} old replicas are pending termination...\n`,
        };
    }
    if (status_int(status.availableReplicas) < updated) {
        return {
            done: false,
            message: `${prefix}${status_int(status.availableReplicas)} of ${updated} updated replicas are available...\n`,
        };
    }
    return { done: true, message: `deployment "${name}" successfully rolled out\n` };
}
const onlyRollingUpdate = 'rollout status is only available for RollingUpdate strategy type';
function daemonSetStatus(object) {
    const o = status_obj(object);
    const meta = status_obj(o.metadata);
    const status = status_obj(o.status);
    const name = String(meta.name ?? '');
    if (status_obj(status_obj(o.spec).updateStrategy).type !== 'RollingUpdate')
        return fail(onlyRollingUpdate, true);
    if (status_int(meta.generation) > status_int(status.observedGeneration)) {
        return { done: false, message: 'Waiting for daemon set spec update to be observed...\n' };
    }
    const desired = status_int(status.desiredNumberScheduled);
    const updated = status_int(status.updatedNumberScheduled);
    const available = status_int(status.numberAvailable);
    const prefix = `Waiting for daemon set "${name}" rollout to finish: `;
    if (updated < desired)
        return { done: false, message: `${prefix}${updated} out of ${desired} new pods have been updated...\n` };
    if (available < desired)
        return { done: false, message: `${prefix}${available} of ${desired} updated pods are available...\n` };
    return { done: true, message: `daemon set "${name}" successfully rolled out\n` };
}
function statefulSetStatus(object) {
    const o = status_obj(object);
    const meta = status_obj(o.metadata);
    const spec = status_obj(o.spec);
    const status = status_obj(o.status);
    const strategy = status_obj(spec.updateStrategy);
    if (strategy.type !== 'RollingUpdate')
        return fail(onlyRollingUpdate, true);
    const observed = status_int(status.observedGeneration);
    if (observed === 0 || status_int(meta.generation) > observed) {
        return { done: false, message: 'Waiting for statefulset spec update to be observed...\n' };
    }
    const replicas = optInt(spec.replicas);
    const ready = status_int(status.readyReplicas);
    if (replicas !== undefined && ready < replicas) {
        return { done: false, message: `Waiting for ${replicas - ready} pods to be ready...\n` };
    }
    const updated = status_int(status.updatedReplicas);
    if (strategy.rollingUpdate !== undefined && strategy.rollingUpdate !== null) {
        const partition = optInt(status_obj(strategy.rollingUpdate).partition);
        if (replicas !== undefined && partition !== undefined && updated < replicas - partition) {
            return {
                done: false,
                message: `Waiting for partitioned roll out to finish: ${updated} out of ${replicas - partition} new pods have been updated...\n`,
            };
        }
        return { done: true, message: `partitioned roll out complete: ${updated} new pods have been updated...\n` };
    }
    if (status.updateRevision !== status.currentRevision) {
        return {
            done: false,
            message: `waiting for statefulset rolling update to complete ${updated} pods at revision ${String(status.updateRevision ?? '')}...\n`,
        };
    }
    return {
        done: true,
        message: `statefulset rolling update complete ${status_int(status.currentReplicas)} pods at revision ${String(status.currentRevision ?? '')}...\n`,
    };
}
/**
 * A short progress line (`web: 1/3 updated, 0 available`); the caller prints it whenever it changes.
 */
function progressLine(kind, object) {
    const o = status_obj(object);
    const name = String(status_obj(o.metadata).name ?? '');
    const spec = status_obj(o.spec);
    const status = status_obj(o.status);
    switch (kind) {
        case 'Deployment': {
            const want = optInt(spec.replicas) ?? status_int(status.replicas);
            const old = status_int(status.replicas) - status_int(status.updatedReplicas);
            return `${name}: ${status_int(status.updatedReplicas)}/${want} updated, ${status_int(status.availableReplicas)} available${old > 0 ? `, ${old} old` : ''}`;
        }
        case 'StatefulSet': {
            const want = optInt(spec.replicas) ?? status_int(status.replicas);
            return `${name}: ${status_int(status.updatedReplicas)}/${want} updated, ${status_int(status.readyReplicas)} ready`;
        }
        case 'DaemonSet':
            return `${name}: ${status_int(status.updatedNumberScheduled)}/${status_int(status.desiredNumberScheduled)} updated, ${status_int(status.numberAvailable)} available`;
        case 'Rollout':
            return (0,argo_rollout/* argoRolloutProgressLine */.aM)(object);
    }
}

;// CONCATENATED MODULE: ./src/actions/verify-rollout/wait.ts




/**
 * Evaluates `initial` (just read with GET), then each watch event from its resourceVersion, until kubectl would
 * stop: done, an error (progress deadline, unsupported strategy), the object deleted — or `signal` aborts (timeout).
 */
async function waitForRollout(api, ref, namespace, initial, signal, log, timeoutText) {
    let object = initial;
    let lastLine = '';
    let lastStatus;
    /** An Argo Rollout waiting at a pause (canary step or manual): named in the timeout failure. */
    let paused = false;
    let verdict;
    const evaluate = (o) => {
        object = o;
        const v = rolloutStatus(ref.kind, o);
        const line = progressLine(ref.kind, o);
        if (line !== lastLine) {
            log.info((0,sanitize/* sanitizeLine */.g)(line));
            lastLine = line;
        }
        if (v.error !== undefined) {
            verdict = { ok: false, failure: v.error };
            return true;
        }
        lastStatus = v.message;
        paused = 'paused' in v && v.paused === true;
        if (v.done)
            verdict = { ok: true, message: v.message.trim() };
        return v.done;
    };
    let from = initial;
    for (let restarts = 0; !evaluate(from) && !signal.aborted; restarts++) {
        try {
            await watchObject(api, (0,workload/* collectionPath */.yb)(ref.kind, namespace), ref.name, from.metadata.resourceVersion ?? '', {
                changed: evaluate,
                deleted: () => {
                    verdict = { ok: false, failure: 'object has been deleted' };
                },
            }, signal);
            break;
        }
        catch (e) {
            if (signal.aborted)
                break;
            // A watch that fails with a server error (500s while etcd changes leader, 429) is started again from a fresh
            // read, as kubectl's watch helper does; other failures, or too many, end the wait.
            if (!isTransientKubeError(e) || restarts >= MAX_WATCH_RESTARTS) {
                verdict = { ok: false, failure: e instanceof Error ? e.message : String(e) };
                break;
            }
            log.debug(`${ref.display}: watch failed (${e instanceof Error ? e.message : String(e)}); reading it again`);
            await pause(restartDelayMs(restarts), signal);
            try {
                from = await api.get((0,workload/* objectPath */.du)(ref, namespace), { signal });
            }
            catch (again) {
                if (signal.aborted)
                    break;
                verdict = { ok: false, failure: again instanceof Error ? again.message : String(again) };
                break;
            }
        }
    }
    if (verdict?.ok) {
        log.info(`${ref.display}: ${(0,sanitize/* sanitizeLine */.g)(verdict.message)}`);
        return { ok: true, ref, object, message: verdict.message };
    }
    const timedOut = verdict === undefined;
    const failure = verdict?.failure ??
        (paused
            ? `timed out after ${timeoutText} while the ${(lastStatus ?? '').trim()}`
            : `timed out after ${timeoutText} waiting for the rollout to finish`);
    log.info(`${ref.display}: ${(0,sanitize/* sanitizeLine */.g)(failure)}`);
    return { ok: false, ref, object, failure, lastStatus, timedOut };
}

;// CONCATENATED MODULE: ./src/actions/verify-rollout/action.ts

















/** Bounds the requests that gather a diagnosis or undo a rollout after the main wait has ended. */
const AFTERMATH_MS = 60_000;
const SMOKE_REQUEST_MS = 10_000;
/**
 * verify-rollout on any platform: wait for every workload by watch (kubectl's verdicts), run the smoke checks,
 * and on failure diagnose, optionally undo and wait for that too. Outputs are written before the step fails.
 */
async function verifyRolloutAction(platform, deps = { connect: kube_connection/* connectKube */.m }) {
    const settings = parseSettings((0,read/* readInputs */.Ko)(verify_rollout/* verifyRollout */.J, platform));
    const started = Date.now();
    const gitopsDeps = { kube: () => deps.connect(platform, settings) };
    if (settings.gitops) {
        const finished = await runGitOpsStep(platform, settings, gitopsDeps, { smoke: () => smoke(settings, platform, deps), diagnosisOutput }, started);
        if (finished)
            return;
    }
    const { api, namespace } = deps.connect(platform, settings);
    try {
        platform.info(`cluster: ${api.description}, namespace '${namespace}'`);
        const refs = settings.workloads;
        // Every workload must exist before anything is waited for (a typo fails at once, naming the object).
        // These reads count against `timeout` too: an API server that never answers must not hold the step.
        const objects = await withDeadline(settings.timeoutMs, async (signal) => {
            const read = [];
            for (const ref of refs) {
                read.push(await api.get((0,workload/* objectPath */.du)(ref, namespace), { signal }).catch((e) => {
                    if (signal.aborted) {
                        throw new errors/* CdpackError */.xd(`${ref.display}: the API server did not answer within the timeout (${(0,duration/* formatDuration */.a)(settings.timeoutMs)})`);
                    }
                    throw (0,kube_connection/* describeApiError */.g)(e, 'get', ref.display, namespace);
                }));
            }
            return read;
        });
        const outcomes = await platform.group('Wait for the rollout', () => waitAll(api, refs, namespace, objects, settings.timeoutMs, platform));
        const failedOutcomes = outcomes.filter((o) => !o.ok);
        const diagnoses = [];
        let toUndo = failedOutcomes.map((o) => o.ref);
        if (failedOutcomes.length > 0) {
            await withDeadline(AFTERMATH_MS, async (signal) => {
                for (const o of failedOutcomes) {
                    if (o.ok)
                        continue;
                    diagnoses.push(await diagnose(api, o.ref, namespace, o.object, o.failure, o.lastStatus, signal));
                }
            });
        }
        else if (settings.smoke.urls.length > 0) {
            const failures = await platform.group('Smoke checks', () => smoke(settings, platform, deps));
            if (failures.length > 0) {
                diagnoses.push(...failures);
                toUndo = refs; // the release as a whole did not work
            }
        }
        let result = diagnoses.length === 0 ? 'success' : 'failed';
        if (result === 'failed') {
            platform.info('Diagnosis:');
            for (const line of diagnoses.join('\n').split('\n'))
                platform.info(line);
        }
        let undone = false;
        let rollbackCommit = '';
        if (result === 'failed' && settings.rollback) {
            undone = true;
            const gitops = settings.gitopsRollback;
            const rolledBack = gitops
                ? await platform.group('Roll back (revert in the config repository)', async () => {
                    // With Argo CD / Flux named, the revert is waited for like the release was.
                    const wait = deps.waitForApplied ??
                        (settings.gitops
                            ? waitForRevertApplied(settings, gitopsDeps, platform)
                            : undefined);
                    const outcome = await gitopsRollback(platform, gitops, wait);
                    diagnoses.push(...outcome.notes);
                    rollbackCommit = outcome.commit;
                    return outcome.ok;
                })
                : await platform.group('Roll back', () => rollBack(api, toUndo, namespace, settings, platform, diagnoses));
            if (rolledBack)
                result = 'rolled-back';
        }
        // Without a rollback the watched object is current; after one, the revision is read again.
        const revision = undone
            ? await deploymentRevision(api, refs, namespace)
            : String((0,rollout_revision/* revisionOf */.DT)(outcomes.find((o) => o.ref.kind === 'Deployment')?.object) ?? '');
        const diagnosis = diagnoses.join('\n');
        platform.setOutput('result', result);
        platform.setOutput('duration', String(Math.round((Date.now() - started) / 100) / 10));
        platform.setOutput('diagnosis', diagnosisOutput(diagnosis));
        platform.setOutput('revision', revision);
        platform.setOutput('rollback-commit', rollbackCommit);
        await platform.summary(summary(result, outcomes, diagnosis, namespace));
        if (result !== 'success') {
            const first = diagnoses[0]?.split('\n')[0] ?? 'the rollout failed';
            platform.fail(`${result === 'rolled-back' ? 'rolled back: ' : ''}${first}`);
        }
    }
    finally {
        api.close();
    }
}
/**
 * Outputs are single lines on every platform: the diagnosis's lines joined with ' | ', capped because GitLab
 * refuses a dotenv report over 5 KB (the full text is in the log and the step summary).
 */
const DIAGNOSIS_OUTPUT_MAX = 1500;
function diagnosisOutput(diagnosis) {
    const line = diagnosis
        .split('\n')
        .map((l) => l.trim())
        .filter(Boolean)
        .join(' | ');
    return line.length > DIAGNOSIS_OUTPUT_MAX ? `${line.slice(0, DIAGNOSIS_OUTPUT_MAX - 1)}…` : line;
}
async function waitAll(api, refs, namespace, objects, timeoutMs, platform) {
    return withDeadline(timeoutMs, (signal) => Promise.all(refs.map((ref, i) => waitForRollout(api, ref, namespace, objects[i], signal, platform, (0,duration/* formatDuration */.a)(timeoutMs)))));
}
async function withDeadline(ms, fn) {
    const controller = new AbortController();
    const timer = setTimeout(() => controller.abort(), ms);
    try {
        return await fn(controller.signal);
    }
    finally {
        clearTimeout(timer);
    }
}
/** Undo each workload and wait for it; true only when every one was undone and rolled out. */
async function rollBack(api, refs, namespace, settings, platform, diagnoses) {
    let all = true;
    for (const ref of refs) {
        try {
            const undo = await withDeadline(AFTERMATH_MS, (signal) => undoRollout(api, ref, namespace, signal));
            if (!undo.undone) {
                platform.warn(`${ref.display}: ${undo.reason}`);
                diagnoses.push(`${ref.display}: ${undo.reason}`);
                all = false;
                continue;
            }
            platform.info(`${ref.display}: rolled back to revision ${undo.revision}; waiting for that rollout`);
            const [outcome] = await waitAll(api, [ref], namespace, [undo.object], settings.timeoutMs, platform);
            if (!outcome?.ok) {
                diagnoses.push(`${ref.display}: the rollback did not finish: ${outcome?.ok === false ? outcome.failure : ''}`);
                all = false;
            }
        }
        catch (e) {
            const message = (0,sanitize/* sanitizeLine */.g)(e instanceof Error ? e.message : String(e));
            platform.warn(`${ref.display}: rollback failed: ${message}`);
            diagnoses.push(`${ref.display}: rollback failed: ${message}`);
            all = false;
        }
    }
    return all;
}
async function smoke(settings, platform, deps) {
    const http = deps.fetch ? undefined : new client/* HttpClient */.Qq();
    const fetch = deps.fetch ??
        (async (url) => {
            let timer;
            const timeout = new Promise((_, reject) => {
                timer = setTimeout(() => reject(new Error(`no answer within ${SMOKE_REQUEST_MS / 1000} s`)), SMOKE_REQUEST_MS);
            });
            try {
                return await Promise.race([
                    (async () => {
                        const res = await http.request({ method: 'GET', url });
                        const body = (await res.buffer()).subarray(0, 1_000_000).toString('utf8');
                        return { status: res.status, body };
                    })(),
                    timeout,
                ]);
            }
            finally {
                clearTimeout(timer);
            }
        });
    const sleep = deps.sleep ?? ((ms) => new Promise((r) => setTimeout(r, ms)));
    try {
        const failures = [];
        for (const url of settings.smoke.urls) {
            const failure = await runSmokeCheck(url, {
                expect: { status: settings.smoke.status, ...(settings.smoke.body ? { body: settings.smoke.body } : {}) },
                retries: settings.smoke.retries,
                intervalMs: settings.smoke.intervalMs,
                fetch,
                sleep,
                log: (line) => platform.info(line),
            });
            if (failure)
                failures.push(failure);
        }
        return failures;
    }
    finally {
        http?.close();
    }
}
/** The first Deployment's revision as it is now (after any rollback); '' when there is none or it cannot be read. */
async function deploymentRevision(api, refs, namespace) {
    const first = refs.find((r) => r.kind === 'Deployment');
    if (!first)
        return '';
    try {
        const object = await withDeadline(AFTERMATH_MS, (signal) => api.get((0,workload/* objectPath */.du)(first, namespace), { signal }));
        return String((0,rollout_revision/* revisionOf */.DT)(object) ?? '');
    }
    catch {
        return '';
    }
}
function summary(result, outcomes, diagnosis, namespace) {
    const icon = { success: '✅', failed: '❌', 'rolled-back': '↩️' }[result];
    const rows = outcomes.map((o) => `| ${(0,markdown/* escapeMarkdown */.FV)(o.ref.display)} | ${o.ok ? 'rolled out' : o.ok === false && o.timedOut ? 'timed out' : 'failed'} | ${(0,markdown/* escapeMarkdown */.FV)((0,sanitize/* sanitizeLine */.g)(o.ok ? o.message : o.failure, 200))} |`);
    const lines = [
        '### cdpack verify-rollout',
        '',
        `${icon} **${result}** in namespace ${(0,markdown/* escapeMarkdown */.FV)(namespace)}`,
        '',
        '| Workload | Verdict | Detail |',
        '| --- | --- | --- |',
        ...rows,
        '',
    ];
    if (diagnosis)
        lines.push(...(0,markdown/* markdownDiagnosis */.R0)(diagnosis.split('\n')));
    return lines.join('\n');
}


/***/ })

};
