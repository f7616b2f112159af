export const id = 660;
export const ids = [660];
export const modules = {

/***/ 8279:
/***/ ((__unused_webpack_module, __webpack_exports__, __webpack_require__) => {

// ESM COMPAT FLAG
__webpack_require__.r(__webpack_exports__);

// EXPORTS
__webpack_require__.d(__webpack_exports__, {
  prepareMergeRequest: () => (/* binding */ prepareMergeRequest)
});

// EXTERNAL MODULE: ./src/core/errors.ts
var errors = __webpack_require__(4296);
// EXTERNAL MODULE: ./src/core/gitops/merge-request.ts
var merge_request = __webpack_require__(2684);
// EXTERNAL MODULE: ./src/core/text/url-credentials.ts
var url_credentials = __webpack_require__(4409);
;// CONCATENATED MODULE: ./src/core/gitops/request-target.ts


/** Host and repository path of a git remote URL (https, ssh:// or scp form); undefined for a local path. */
function remoteLocation(remote) {
    const shown = (0,url_credentials/* redactCredentials */.U)(remote).shown;
    const clean = (path) => path.replace(/^\/+|\/+$/g, '').replace(/\.git$/, '');
    const scheme = /^(https?|ssh|git\+ssh|ssh\+git):\/\//i.exec(shown)?.[1]?.toLowerCase();
    if (scheme) {
        try {
            const url = new URL(scheme.includes('ssh') ? shown.replace(/^[^:]+:/, 'ssh:') : shown);
            return {
                scheme: scheme.startsWith('http') ? scheme : 'ssh',
                hostname: url.hostname.toLowerCase(),
                host: url.host.toLowerCase(),
                path: clean(decodeURIComponent(url.pathname)),
            };
        }
        catch {
            return undefined;
        }
    }
    const scp = /^(?:[^@/\s]+@)?([^:/\s]+):(?!\/\/)(.+)$/.exec(shown);
    if (scp?.[1] && scp[2] && !/^[a-z]$/i.test(scp[1])) {
        const hostname = scp[1].toLowerCase();
        return { scheme: 'ssh', hostname, host: hostname, path: clean(scp[2]) };
    }
    return undefined;
}
function hostnameOf(url) {
    if (!url)
        return undefined;
    try {
        return new URL(url).hostname.toLowerCase();
    }
    catch {
        return undefined;
    }
}
function detectForge(inputs, remote, env) {
    if (inputs.forge !== 'auto')
        return inputs.forge;
    if (inputs.apiUrl) {
        if (/\/api\/v4\/?$/.test(inputs.apiUrl))
            return 'gitlab';
        if (/\/api\/v3\/?$/.test(inputs.apiUrl) || hostnameOf(inputs.apiUrl) === 'api.github.com')
            return 'github';
    }
    const host = remote?.hostname;
    if (host) {
        if (host === 'github.com' || host.endsWith('.github.com'))
            return 'github';
        if (host === 'gitlab.com' || host.startsWith('gitlab.'))
            return 'gitlab';
        if (host === hostnameOf(env.GITHUB_SERVER_URL))
            return 'github';
        if (host === hostnameOf(env.CI_SERVER_URL))
            return 'gitlab';
    }
    if (env.GITHUB_ACTIONS === 'true')
        return 'github';
    if (env.GITLAB_CI === 'true')
        return 'gitlab';
    throw new errors/* InputError */.dz('forge', "cannot tell whether the config repository is on GitHub or GitLab; set 'forge' to github or gitlab");
}
function defaultApiUrl(forge, remote, env) {
    const platformApi = forge === 'github' ? env.GITHUB_API_URL : env.CI_API_V4_URL;
    const platformServer = forge === 'github' ? (env.GITHUB_SERVER_URL ?? 'https://github.com') : env.CI_SERVER_URL;
    if (platformApi && (!remote || remote.hostname === hostnameOf(platformServer)))
        return platformApi;
    if (remote) {
        if (forge === 'github' && (remote.hostname === 'github.com' || remote.hostname === 'ssh.github.com')) {
            return 'https://api.github.com';
        }
        // An http(s) remote keeps its scheme and port; an ssh remote's API is on https.
        const origin = remote.scheme === 'ssh' ? `https://${remote.hostname}` : `${remote.scheme}://${remote.host}`;
        return `${origin}/api/${forge === 'github' ? 'v3' : 'v4'}`;
    }
    if (forge === 'github')
        return 'https://api.github.com';
    throw new errors/* InputError */.dz('api-url', 'cannot derive the GitLab API URL from a local repository path; give api-url');
}
function checkApiUrl(url) {
    let parsed;
    try {
        parsed = new URL(url);
    }
    catch {
        throw new errors/* InputError */.dz('api-url', `'${(0,url_credentials/* redactCredentials */.U)(url).shown}' is not a URL`);
    }
    if (parsed.protocol !== 'https:' && parsed.protocol !== 'http:') {
        throw new errors/* InputError */.dz('api-url', `expected an http(s) URL, got '${(0,url_credentials/* redactCredentials */.U)(url).shown}'`);
    }
    if (parsed.username || parsed.password) {
        throw new errors/* InputError */.dz('api-url', "must not carry credentials: give the token in 'token'");
    }
    if (parsed.search || parsed.hash)
        throw new errors/* InputError */.dz('api-url', 'expected the API root, without query or fragment');
    return parsed.href.replace(/\/+$/, '');
}
const SEGMENT = '[A-Za-z0-9_.][A-Za-z0-9_.-]*';
const GITHUB_PROJECT = new RegExp(`^${SEGMENT}/${SEGMENT}$`);
const GITLAB_PROJECT = new RegExp(`^(\\d+|${SEGMENT}(/${SEGMENT})+)$`);
function checkProject(forge, project, from) {
    const ok = forge === 'github' ? GITHUB_PROJECT.test(project) : GITLAB_PROJECT.test(project);
    if (!ok) {
        const expected = forge === 'github' ? 'owner/repo' : 'a project path (group/project) or numeric id';
        throw new errors/* InputError */.dz('project', `${from ? `${from} ` : ''}'${project}' is not ${expected}`);
    }
    return project;
}
function defaultProject(forge, apiUrl, remote, inputs, env) {
    if (remote) {
        let path = remote.path;
        // A GitLab served under a path (https://host/gitlab/api/v4) has that prefix in its clone URLs too.
        const prefix = new URL(apiUrl).pathname.replace(/\/api\/v[34]\/?$/, '').replace(/^\/+|\/+$/g, '');
        if (prefix && path.startsWith(`${prefix}/`) && remote.hostname === hostnameOf(apiUrl)) {
            path = path.slice(prefix.length + 1);
        }
        return checkProject(forge, path, `the remote URL's path`);
    }
    const fromPlatform = inputs.workspaceRepository
        ? forge === 'github'
            ? env.GITHUB_REPOSITORY
            : env.CI_PROJECT_PATH
        : undefined;
    if (fromPlatform)
        return checkProject(forge, fromPlatform, 'the platform project');
    throw new errors/* InputError */.dz('project', `cannot tell the project from the repository '${(0,url_credentials/* redactCredentials */.U)(inputs.remoteUrl).shown}'; give ${forge === 'github' ? 'owner/repo' : 'the GitLab project path or id'}`);
}
function resolveRequestTarget(inputs, env) {
    const remote = remoteLocation(inputs.remoteUrl);
    const forge = detectForge(inputs, remote, env);
    const apiUrl = checkApiUrl(inputs.apiUrl || defaultApiUrl(forge, remote, env));
    const project = inputs.project
        ? checkProject(forge, inputs.project, '')
        : defaultProject(forge, apiUrl, remote, inputs, env);
    return { forge, apiUrl, project };
}

// EXTERNAL MODULE: ./src/core/gitops/update.ts + 9 modules
var update = __webpack_require__(3242);
// EXTERNAL MODULE: ./src/core/text/control.ts
var control = __webpack_require__(5778);
;// CONCATENATED MODULE: ./src/tools/merge-requests/types.ts


/**
 * A request's web URL from an API answer, when it is one: http(s), no whitespace or control
 * characters (it goes to outputs, the log and the summary). Anything else becomes ''.
 */
function webUrl(value) {
    // biome-ignore lint/suspicious/noControlCharactersInRegex: control characters disqualify a URL
    return typeof value === 'string' && value.length <= 2048 && /^https?:\/\/[^\s\x00-\x1f\x7f-\x9f]+$/i.test(value)
        ? value
        : '';
}
/** The server's own words from an error body (JSON `message`/`error`/`errors`), log-safe and short. */
function serverMessage(body) {
    let text = '';
    if (typeof body === 'string') {
        try {
            return serverMessage(JSON.parse(body));
        }
        catch {
            text = body.startsWith('<') ? '' : body; // an HTML error page says nothing useful
        }
    }
    else if (body && typeof body === 'object') {
        const o = body;
        const parts = [o.message, o.error, o.errors]
            .filter((p) => p !== undefined && p !== null)
            .map((p) => (typeof p === 'string' ? p : JSON.stringify(p)));
        text = parts.join('; ');
    }
    const line = (0,control/* escapeControlLine */.HZ)(text.trim());
    return line.length > 300 ? `${line.slice(0, 299)}…` : line;
}
/**
 * An API answer we cannot go on from, as an error that names what to fix: 401/403 the `token`,
 * 404 the `project` (when the forge says the project is missing) or else `api-url`.
 */
function apiError(what, api, status, body) {
    const said = serverMessage(body);
    const detail = said ? ` (the server said: ${said})` : '';
    switch (status) {
        case 401:
            return new errors/* InputError */.dz('token', `${what}: ${api} answered 401 Unauthorized${detail}: check 'token'`);
        case 403:
            return new errors/* InputError */.dz('token', `${what}: ${api} answered 403 Forbidden${detail}: the token lacks permission (GitHub: pull-requests: write; GitLab: api scope, Developer role)`);
        case 404:
            if (/project not found/i.test(said)) {
                return new errors/* InputError */.dz('project', `${what}: ${api} answered 404${detail}: check 'project'`);
            }
            return new errors/* InputError */.dz('api-url', `${what}: ${api} answered 404 Not Found${detail}: check 'api-url' and 'project' (and that 'token' can see the project)`);
        default:
            return new errors/* CdpackError */.xd(`${what}: ${api} answered HTTP ${status}${detail}`);
    }
}

;// CONCATENATED MODULE: ./src/tools/merge-requests/github.ts
/**
 * GitHub pull requests through `@actions/github` (Octokit): list, create, update (REST) and
 * auto-merge (GraphQL `enablePullRequestAutoMerge`). Octokit and its HTTP stack are about 1 MB,
 * so they are imported when this adapter is first used, never on update-gitops-tag's push path.
 */


function toMergeRequest(pr) {
    return {
        number: pr.number,
        url: webUrl(pr.html_url),
        title: pr.title,
        body: pr.body ?? '',
        sourceBranch: pr.head.ref,
        targetBranch: pr.base.ref,
        nodeId: pr.node_id,
    };
}
const AUTO_MERGE = `mutation($id: ID!, $sha: GitObjectID) {
  enablePullRequestAutoMerge(input: {pullRequestId: $id, expectedHeadOid: $sha}) {
    pullRequest { autoMergeRequest { enabledAt } }
  }
}`;
async function githubMergeRequests(options) {
    const { getOctokit } = await Promise.all(/* import() */[__webpack_require__.e(119), __webpack_require__.e(413)]).then(__webpack_require__.bind(__webpack_require__, 2413));
    const octokit = getOctokit(options.token, { baseUrl: options.apiUrl, log: quietLog });
    const [owner = '', repo = ''] = options.project.split('/');
    const api = `GitHub API ${options.apiUrl} (repository ${options.project})`;
    /** Runs one Octokit call, turning its failure into an error that names the input to fix. */
    async function call(what, fn) {
        try {
            return await fn();
        }
        catch (error) {
            const e = error;
            if (typeof e.status === 'number')
                throw apiError(what, api, e.status, e.response?.data ?? '');
            if (Array.isArray(e.errors))
                throw new errors/* CdpackError */.xd(`${what}: ${api}: ${serverMessage({ errors: e.errors })}`);
            throw new errors/* CdpackError */.xd(`${what}: ${api}: ${serverMessage(e.message ?? String(error))}`);
        }
    }
    return {
        description: api,
        async listOpen(source, target) {
            const pulls = await call('listing open pull requests', async () => {
                const res = await octokit.rest.pulls.list({
                    owner,
                    repo,
                    state: 'open',
                    head: `${owner}:${source}`,
                    base: target,
                    per_page: 100,
                });
                return res.data;
            });
            if (!Array.isArray(pulls))
                throw new errors/* CdpackError */.xd(`listing open pull requests: ${api} answered with no list`);
            // Only branches of this repository: a fork's branch of the same name is someone else's.
            return pulls
                .filter((pr) => pr.head?.repo?.full_name?.toLowerCase() === options.project.toLowerCase())
                .map(toMergeRequest);
        },
        async open(source, target, text) {
            const pr = await call('opening the pull request', async () => {
                const res = await octokit.rest.pulls.create({
                    owner,
                    repo,
                    head: source,
                    base: target,
                    title: text.title,
                    body: text.body,
                });
                return res.data;
            });
            return toMergeRequest(pr);
        },
        async update(request, text) {
            const pr = await call(`updating pull request #${request.number}`, async () => {
                const res = await octokit.rest.pulls.update({
                    owner,
                    repo,
                    pull_number: request.number,
                    title: text.title,
                    body: text.body,
                });
                return res.data;
            });
            return toMergeRequest(pr);
        },
        async enableAutoMerge(request, sha) {
            const what = `enabling auto-merge on pull request #${request.number}`;
            try {
                await octokit.graphql(AUTO_MERGE, { id: request.nodeId, sha });
                return 'it merges when its required checks pass';
            }
            catch (error) {
                const e = error;
                const said = Array.isArray(e.errors) ? serverMessage({ errors: e.errors.map((x) => x.message) }) : '';
                // Nothing left to wait for (no required checks, or they passed): GitHub refuses auto-merge,
                // and merges at once instead, as `gh pr merge --auto` does.
                if (/clean status/i.test(said)) {
                    await call(`merging pull request #${request.number}`, () => octokit.rest.pulls.merge({ owner, repo, pull_number: request.number, sha }));
                    return 'merged at once: it had no checks to wait for';
                }
                if (/auto.?merge is not allowed|not allowed for this repository/i.test(said)) {
                    throw new errors/* InputError */.dz('auto-merge', `${what}: the repository does not allow auto-merge (Settings → General → Allow auto-merge); the pull request stays open at ${request.url}`);
                }
                if (typeof e.status === 'number')
                    throw apiError(what, api, e.status, e.response?.data ?? '');
                throw new errors/* CdpackError */.xd(`${what}: ${api}: ${said || serverMessage(e.message ?? String(error))}`);
            }
        },
        close() { },
    };
}
/** Octokit's own log would print request details and deprecation notes outside our masking: keep it quiet. */
const quietLog = { debug() { }, info() { }, warn() { }, error() { } };

// EXTERNAL MODULE: ./src/tools/http/client.ts + 1 modules
var client = __webpack_require__(3821);
;// CONCATENATED MODULE: ./src/tools/merge-requests/gitlab.ts
/**
 * GitLab merge requests through the REST API (v4) on our HTTP client: list
 * (`GET /projects/:id/merge_requests?state=opened&source_branch=…`), create (`POST`), update
 * (`PUT …/:iid`) and auto-merge (`PUT …/:iid/merge` with `auto_merge`/`merge_when_pipeline_succeeds`).
 */



function isMergeRequest(value) {
    if (!value || typeof value !== 'object')
        return false;
    const v = value;
    return (typeof v.iid === 'number' &&
        typeof v.web_url === 'string' &&
        typeof v.title === 'string' &&
        typeof v.source_branch === 'string' &&
        typeof v.target_branch === 'string');
}
function gitlab_toMergeRequest(mr) {
    return {
        number: mr.iid,
        url: webUrl(mr.web_url),
        title: mr.title,
        body: mr.description ?? '',
        sourceBranch: mr.source_branch,
        targetBranch: mr.target_branch,
    };
}
/** Merge statuses GitLab reports while it is still computing whether a fresh request can merge. */
const STILL_CHECKING = new Set(['checking', 'unchecked', 'preparing', 'approvals_syncing', 'ci_still_running']);
function gitlabMergeRequests(options) {
    const http = new client/* HttpClient */.Qq({ env: options.env });
    const base = `${options.apiUrl}/projects/${encodeURIComponent(options.project)}/merge_requests`;
    const api = `GitLab API ${options.apiUrl} (project ${options.project})`;
    const sleep = options.sleep ?? ((ms) => new Promise((resolve) => setTimeout(resolve, ms)));
    async function call(what, method, url, body) {
        const res = await http.request({
            method,
            url,
            headers: {
                authorization: `Bearer ${options.token}`,
                accept: 'application/json',
                ...(body === undefined ? {} : { 'content-type': 'application/json' }),
            },
            ...(body === undefined ? {} : { body: Buffer.from(JSON.stringify(body)) }),
        });
        const text = await res.text();
        if (res.status < 200 || res.status > 299)
            throw Object.assign(apiError(what, api, res.status, text), { status: res.status });
        try {
            return JSON.parse(text);
        }
        catch {
            throw new errors/* CdpackError */.xd(`${what}: ${api} answered ${res.status} with a body that is not JSON`);
        }
    }
    async function one(what, method, url, body) {
        const answer = await call(what, method, url, body);
        if (!isMergeRequest(answer))
            throw new errors/* CdpackError */.xd(`${what}: ${api} answered with no merge request in the body`);
        return answer;
    }
    return {
        description: api,
        async listOpen(source, target) {
            const query = new URLSearchParams({
                state: 'opened',
                source_branch: source,
                target_branch: target,
                per_page: '100',
            });
            const answer = await call('listing open merge requests', 'GET', `${base}?${query}`);
            if (!Array.isArray(answer))
                throw new errors/* CdpackError */.xd(`listing open merge requests: ${api} answered with no list`);
            return answer
                .filter(isMergeRequest)
                .filter((mr) => mr.source_project_id === undefined || mr.source_project_id === mr.target_project_id)
                .map(gitlab_toMergeRequest);
        },
        async open(source, target, text) {
            const mr = await one('opening the merge request', 'POST', base, {
                source_branch: source,
                target_branch: target,
                title: text.title,
                description: text.body,
                remove_source_branch: true,
            });
            return gitlab_toMergeRequest(mr);
        },
        async update(request, text) {
            const mr = await one(`updating merge request !${request.number}`, 'PUT', `${base}/${request.number}`, {
                title: text.title,
                description: text.body,
            });
            return gitlab_toMergeRequest(mr);
        },
        async enableAutoMerge(request, sha) {
            const what = `setting auto-merge on merge request !${request.number}`;
            // A fresh request's mergeability is computed in the background: 405/406/422 until it is known.
            for (let attempt = 1;; attempt++) {
                try {
                    const mr = await one(what, 'PUT', `${base}/${request.number}/merge`, {
                        auto_merge: true,
                        merge_when_pipeline_succeeds: true,
                        should_remove_source_branch: true,
                        sha,
                    });
                    return mr.state === 'merged'
                        ? 'merged at once: there was no pipeline to wait for'
                        : 'it merges when its pipeline succeeds';
                }
                catch (error) {
                    const status = error.status;
                    if (status === undefined || ![405, 406, 422].includes(status))
                        throw error;
                    const now = await one(what, 'GET', `${base}/${request.number}`);
                    const state = now.detailed_merge_status ?? '';
                    if (attempt >= 6 || !STILL_CHECKING.has(state)) {
                        throw new errors/* InputError */.dz('auto-merge', `GitLab would not set merge request !${request.number} to merge (${state || `HTTP ${status}`}); it stays open at ${now.web_url}`);
                    }
                    await sleep(500 * 2 ** (attempt - 1));
                }
            }
        },
        close: () => http.close(),
    };
}

;// CONCATENATED MODULE: ./src/tools/merge-requests/index.ts


/** The merge/pull request API of one forge. */
async function mergeRequestApi(forge, options) {
    return forge === 'github' ? githubMergeRequests(options) : gitlabMergeRequests(options);
}

;// CONCATENATED MODULE: ./src/actions/update-gitops-tag/merge-request.ts
/**
 * update-gitops-tag's merge-request mode, loaded only when that mode runs: where the request goes
 * (checked before anything is cloned), then, after the commit is on cdpack's own branch, open the
 * request or update the one already open from that branch, and optionally ask for auto-merge.
 */





/** The CI run that made the change, for the request's description. */
function runUrl(env) {
    if (env.GITHUB_RUN_ID && env.GITHUB_REPOSITORY) {
        return `${env.GITHUB_SERVER_URL ?? 'https://github.com'}/${env.GITHUB_REPOSITORY}/actions/runs/${env.GITHUB_RUN_ID}`;
    }
    return env.CI_JOB_URL || env.CI_PIPELINE_URL || undefined;
}
/**
 * Resolves where the request goes and, unless this is a dry run, lists the open requests once: a
 * wrong token, api-url or project fails here, before anything is cloned or pushed.
 */
async function prepareMergeRequest(platform, settings, remoteUrl) {
    const mr = settings.mergeRequest;
    const target = resolveRequestTarget({
        forge: mr.forge,
        apiUrl: mr.apiUrl,
        project: mr.project,
        remoteUrl,
        workspaceRepository: settings.repository === '',
    }, platform.env);
    if (!settings.token && !settings.dryRun) {
        throw new errors/* InputError */.dz('token', `merge-request mode needs a token for the ${target.forge} API at ${target.apiUrl}`);
    }
    platform.info(`merge-request mode: ${mr.sourceBranch} → ${settings.branch} in ${target.forge} project ${target.project} (${target.apiUrl})`);
    const api = settings.dryRun
        ? undefined
        : await mergeRequestApi(target.forge, {
            apiUrl: target.apiUrl,
            project: target.project,
            token: settings.token,
            env: platform.env,
        });
    try {
        const open = await api?.listOpen(mr.sourceBranch, settings.branch);
        if (open?.length)
            platform.info(`open request from ${mr.sourceBranch}: ${open.map((r) => r.url).join(', ')}`);
    }
    catch (error) {
        api?.close();
        throw error;
    }
    return {
        target,
        async publish(result) {
            if (!api)
                throw new Error('publish called in a dry run');
            const text = (0,merge_request/* requestText */.T9)({
                update: settings,
                commitMessage: (0,update/* renderCommitMessage */.jq)(settings.commitMessage, settings, result.files),
                edits: result.edits,
                sourceBranch: mr.sourceBranch,
                targetBranch: settings.branch,
                runUrl: runUrl(platform.env),
            });
            const published = await openOrUpdate(api, platform, mr.sourceBranch, settings.branch, text);
            if (mr.autoMerge) {
                const outcome = await api.enableAutoMerge(published.request, result.commit);
                platform.info(`auto-merge of ${published.request.url}: ${outcome}`);
            }
            return published;
        },
        close: () => api?.close(),
    };
}
async function openOrUpdate(api, platform, source, target, text) {
    const plan = (0,merge_request/* planRequest */.NX)(await api.listOpen(source, target), source, target, text);
    if (plan.action === 'open') {
        try {
            return { request: await api.open(source, target, text), action: 'opened' };
        }
        catch (error) {
            // Another run may have opened it since we looked: then that one is ours to update.
            const again = (0,merge_request/* planRequest */.NX)(await api.listOpen(source, target), source, target, text);
            if (again.action === 'open')
                throw error;
            return { request: await api.update(again.request, text), action: 'updated' };
        }
    }
    for (const other of plan.others) {
        platform.warn(`${other.url} is another open request from ${source}; cdpack updates ${plan.request.url} only`);
    }
    if (!plan.textChanged)
        return { request: plan.request, action: 'unchanged' };
    return { request: await api.update(plan.request, text), action: 'updated' };
}


/***/ }),

/***/ 3821:
/***/ ((__unused_webpack_module, __webpack_exports__, __webpack_require__) => {


// EXPORTS
__webpack_require__.d(__webpack_exports__, {
  Qq: () => (/* binding */ HttpClient),
  Dr: () => (/* binding */ NetworkError),
  xQ: () => (/* binding */ isPlainHttpAnswer)
});

// EXTERNAL MODULE: external "node:fs"
var external_node_fs_ = __webpack_require__(3024);
// EXTERNAL MODULE: external "node:http"
var external_node_http_ = __webpack_require__(7067);
// EXTERNAL MODULE: external "node:https"
var external_node_https_ = __webpack_require__(4708);
// EXTERNAL MODULE: external "node:tls"
var external_node_tls_ = __webpack_require__(1692);
// EXTERNAL MODULE: ./src/core/errors.ts
var errors = __webpack_require__(4296);
// EXTERNAL MODULE: ./src/tools/http/proxy.ts
var http_proxy = __webpack_require__(3188);
;// CONCATENATED MODULE: ./src/tools/http/tunnel.ts
/**
 * An https agent that reaches its servers through an http proxy's CONNECT tunnel; connections are
 * pooled (keep-alive) like a direct agent's. TLS runs end to end inside the tunnel: the proxy sees
 * only the target host and port.
 */



/** A failure of the proxy itself (refused CONNECT, no answer), with a node-style code. */
class ProxyConnectError extends Error {
    code;
    constructor(message, code) {
        super(message);
        this.code = code;
    }
}
class TunnelAgent extends external_node_https_.Agent {
    proxy;
    tunnelTimeoutMs;
    constructor({ proxy, connectTimeoutMs, ...options }) {
        super(options);
        this.proxy = proxy;
        this.tunnelTimeoutMs = connectTimeoutMs;
    }
    // Node's Agent accepts an asynchronous createConnection: return nothing, call back with the socket.
    createConnection(options, callback) {
        this.openTunnel(options, callback ?? (() => { }));
        return undefined;
    }
    openTunnel(options, callback) {
        const authority = `${options.host?.includes(':') ? `[${options.host}]` : options.host}:${options.port}`;
        const connect = (0,external_node_http_.request)({
            host: this.proxy.host,
            port: this.proxy.port,
            method: 'CONNECT',
            path: authority,
            agent: false,
            headers: {
                host: authority,
                ...(this.proxy.authorization ? { 'proxy-authorization': this.proxy.authorization } : {}),
            },
        });
        let done = false;
        const finish = (error, socket) => {
            if (done)
                return;
            done = true;
            clearTimeout(timer);
            callback(error, socket);
        };
        const timer = setTimeout(() => {
            const error = new ProxyConnectError(`proxy ${this.proxy.display} did not open a tunnel to ${authority} in ${this.tunnelTimeoutMs} ms`, 'ETIMEDOUT');
            connect.destroy(error);
            finish(error);
        }, this.tunnelTimeoutMs);
        connect.once('connect', (res, socket) => {
            if (res.statusCode !== 200) {
                socket.destroy();
                finish(new ProxyConnectError(`proxy ${this.proxy.display} refused the tunnel to ${authority}: HTTP ${res.statusCode}${res.statusCode === 407 ? ' (proxy authentication required: check the user-info of the proxy URL)' : ''}`, 'EPROXY'));
                return;
            }
            finish(null, (0,external_node_tls_.connect)({ ...options, socket }));
        });
        connect.once('error', (error) => finish(error));
        connect.end();
    }
}

;// CONCATENATED MODULE: ./src/tools/http/client.ts
/**
 * The in-process HTTP(S) client every API adapter uses (registry, scanner downloads, Kubernetes,
 * Argo CD): keep-alive agents, per-client TLS (extra CA, client certificate, server name, or no
 * verification), proxies from the environment the way curl reads them (see ./proxy), connect and
 * idle timeouts, cancellation by AbortSignal, streamed request and response bodies, redirects
 * followed for GET/HEAD (credentials are dropped when a redirect leaves the original host).
 */







/** A network failure (no HTTP answer at all), with the node error code when there is one. */
class NetworkError extends errors/* CdpackError */.xd {
    url;
    code;
    name = 'NetworkError';
    constructor(url, code, detail) {
        super(`${new URL(url).host}: ${detail}`);
        this.url = url;
        this.code = code;
    }
}
const tlsTrustCodes = new Set([
    'SELF_SIGNED_CERT_IN_CHAIN',
    'DEPTH_ZERO_SELF_SIGNED_CERT',
    'UNABLE_TO_VERIFY_LEAF_SIGNATURE',
    'UNABLE_TO_GET_ISSUER_CERT_LOCALLY',
    'UNABLE_TO_GET_ISSUER_CERT',
    'CERT_HAS_EXPIRED',
    'ERR_TLS_CERT_ALTNAME_INVALID',
]);
/** True for a TLS handshake answered by a plain-HTTP server. */
function isPlainHttpAnswer(e) {
    return e instanceof NetworkError && (e.code === 'EPROTO' || e.code === 'ERR_SSL_WRONG_VERSION_NUMBER');
}
function describeNetworkError(e) {
    const code = e.code ?? '';
    if (tlsTrustCodes.has(code)) {
        return `TLS certificate not trusted (${code}: ${e.message}); give the server's CA certificate (ca-file) or turn off tls-verify`;
    }
    return code && !e.message.includes(code) ? `${code}: ${e.message}` : e.message;
}
/** An error raised by us on a request (timeout, abort), carrying the code NetworkError will show. */
class RequestCancelled extends Error {
    code;
    constructor(message, code) {
        super(message);
        this.code = code;
    }
}
function collect(stream) {
    return new Promise((resolve, reject) => {
        const chunks = [];
        stream.on('data', (b) => chunks.push(b));
        stream.on('end', () => resolve(Buffer.concat(chunks)));
        stream.on('error', reject);
    });
}
const DEFAULT_CONNECT_TIMEOUT_MS = 30_000;
const DEFAULT_IDLE_TIMEOUT_MS = 120_000;
class HttpClient {
    options;
    httpAgent = new external_node_http_.Agent({ keepAlive: true, maxSockets: 16 });
    httpsAgent;
    /** Proxy agents by proxy, created on first use. */
    proxyAgents = new Map();
    tls;
    maxRedirects;
    connectTimeoutMs;
    idleTimeoutMs;
    constructor(options = {}) {
        this.options = options;
        const extra = [
            ...(options.caFile ? [(0,external_node_fs_.readFileSync)(options.caFile, 'utf8')] : []),
            ...(options.ca === undefined ? [] : Array.isArray(options.ca) ? options.ca : [options.ca]),
        ];
        const ca = extra.length ? [...(options.systemCa === false ? [] : external_node_tls_.rootCertificates), ...extra] : undefined;
        this.tls = {
            rejectUnauthorized: options.rejectUnauthorized ?? options.tlsVerify !== false,
            ...(ca ? { ca } : {}),
            ...(options.cert ? { cert: options.cert } : {}),
            ...(options.key ? { key: options.key } : {}),
            ...(options.servername ? { servername: options.servername } : {}),
        };
        this.httpsAgent = new external_node_https_.Agent({ keepAlive: true, maxSockets: 16, ...this.tls });
        this.maxRedirects = options.maxRedirects ?? 5;
        this.connectTimeoutMs = options.connectTimeoutMs ?? DEFAULT_CONNECT_TIMEOUT_MS;
        this.idleTimeoutMs = options.idleTimeoutMs ?? DEFAULT_IDLE_TIMEOUT_MS;
    }
    async request(req) {
        let url = req.url;
        let headers = { ...req.headers };
        const followRedirects = req.method === 'GET' || req.method === 'HEAD';
        for (let hop = 0;; hop++) {
            const res = await this.once({ ...req, url, headers });
            const location = res.headers.location;
            if (!followRedirects || !location || ![301, 302, 303, 307, 308].includes(res.status))
                return res;
            await res.discard();
            if (hop >= this.maxRedirects)
                throw new NetworkError(req.url, undefined, `too many redirects for ${req.url}`);
            const next = new URL(location, url);
            if (next.host !== new URL(url).host) {
                headers = Object.fromEntries(Object.entries(headers).filter(([k]) => k.toLowerCase() !== 'authorization'));
            }
            url = next.href;
        }
    }
    agentsFor(proxy) {
        const key = `${proxy.display} ${proxy.authorization ?? ''}`;
        let agents = this.proxyAgents.get(key);
        if (!agents) {
            agents = {
                http: new external_node_http_.Agent({ keepAlive: true, maxSockets: 16 }),
                https: new TunnelAgent({
                    keepAlive: true,
                    maxSockets: 16,
                    ...this.tls,
                    proxy,
                    connectTimeoutMs: this.connectTimeoutMs,
                }),
            };
            this.proxyAgents.set(key, agents);
        }
        return agents;
    }
    /** Where one request goes: directly, through a tunnel (https) or as an absolute-form request (http). */
    route(target, headers) {
        const isHttps = target.protocol === 'https:';
        const proxy = (0,http_proxy/* proxyFor */.iJ)(target, { proxy: this.options.proxy, env: this.options.env });
        if (!proxy)
            return {
                send: isHttps ? external_node_https_.request : external_node_http_.request,
                at: target,
                options: {},
                agent: isHttps ? this.httpsAgent : this.httpAgent,
            };
        const agents = this.agentsFor(proxy);
        if (isHttps)
            return { send: external_node_https_.request, at: target, options: {}, agent: agents.https };
        if (proxy.authorization)
            headers['proxy-authorization'] = proxy.authorization;
        headers.host = target.host;
        return {
            send: external_node_http_.request,
            at: target,
            options: { host: proxy.host, port: proxy.port, path: target.href },
            agent: agents.http,
        };
    }
    once(req) {
        const target = new URL(req.url);
        const headers = { 'user-agent': 'cdpack', ...req.headers };
        if (Buffer.isBuffer(req.body))
            headers['content-length'] = String(req.body.length);
        const connectTimeoutMs = req.connectTimeoutMs ?? this.connectTimeoutMs;
        const idleTimeoutMs = req.idleTimeoutMs ?? this.idleTimeoutMs;
        const signal = req.signal;
        return new Promise((resolve, reject) => {
            const fail = (e) => {
                if (req.body && !Buffer.isBuffer(req.body))
                    req.body.destroy();
                reject(toNetworkError(req.url, e));
            };
            if (signal?.aborted) {
                fail(new RequestCancelled('the request was cancelled', 'ABORTED'));
                return;
            }
            const route = this.route(target, headers);
            let response;
            // Timeouts and aborts end the response body too once it is being read.
            const cancel = (error) => {
                if (response)
                    response.destroy(toNetworkError(req.url, error));
                r.destroy(error);
            };
            const onAbort = () => cancel(new RequestCancelled('the request was cancelled', 'ABORTED'));
            const cleanup = () => signal?.removeEventListener('abort', onAbort);
            const r = route.send(route.at, { method: req.method, headers, agent: route.agent, ...route.options }, (res) => {
                response = res;
                res.once('close', cleanup);
                let consumed = false;
                const read = () => {
                    consumed = true;
                    return collect(res);
                };
                resolve({
                    status: res.statusCode ?? 0,
                    headers: res.headers,
                    url: req.url,
                    body: res,
                    buffer: read,
                    text: async () => (await read()).toString('utf8'),
                    discard: async () => {
                        if (consumed)
                            return;
                        consumed = true;
                        res.resume();
                        if (!res.complete)
                            await new Promise((done) => res.on('end', done).on('error', () => done()));
                    },
                });
            });
            signal?.addEventListener('abort', onAbort, { once: true });
            r.on('error', (e) => {
                cleanup();
                fail(e);
            });
            r.on('socket', (socket) => {
                if (!socket.connecting)
                    return;
                const timer = setTimeout(() => cancel(new RequestCancelled(`no connection within ${connectTimeoutMs} ms`, 'ETIMEDOUT')), connectTimeoutMs);
                socket.once('connect', () => clearTimeout(timer));
                socket.once('close', () => clearTimeout(timer));
            });
            if (idleTimeoutMs > 0) {
                r.setTimeout(idleTimeoutMs, () => cancel(new RequestCancelled(`no data for ${idleTimeoutMs} ms; the server stopped answering`, 'ETIMEDOUT')));
            }
            if (req.body === undefined)
                r.end();
            else if (Buffer.isBuffer(req.body))
                r.end(req.body);
            else {
                req.body.on('error', (e) => r.destroy(e));
                req.body.pipe(r);
            }
        });
    }
    close() {
        this.httpAgent.destroy();
        this.httpsAgent.destroy();
        for (const agents of this.proxyAgents.values()) {
            agents.http.destroy();
            agents.https.destroy();
        }
    }
}
function toNetworkError(url, e) {
    if (e instanceof NetworkError)
        return e;
    return new NetworkError(url, e.code, describeNetworkError(e));
}


/***/ })

};
