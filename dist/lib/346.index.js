export const id = 346;
export const ids = [346];
export const modules = {

/***/ 4688:
/***/ ((__unused_webpack_module, __webpack_exports__, __webpack_require__) => {

/* harmony export */ __webpack_require__.d(__webpack_exports__, {
/* harmony export */   LI: () => (/* binding */ resolveInside),
/* harmony export */   UO: () => (/* binding */ isWithin),
/* harmony export */   XS: () => (/* binding */ readTextCapped),
/* harmony export */   yq: () => (/* binding */ FileTooLargeError),
/* harmony export */   z3: () => (/* binding */ formatBytes)
/* harmony export */ });
/* harmony import */ var node_fs_promises__WEBPACK_IMPORTED_MODULE_0__ = __webpack_require__(1455);
/* harmony import */ var node_fs_promises__WEBPACK_IMPORTED_MODULE_0___default = /*#__PURE__*/__webpack_require__.n(node_fs_promises__WEBPACK_IMPORTED_MODULE_0__);
/* harmony import */ var node_path__WEBPACK_IMPORTED_MODULE_1__ = __webpack_require__(6760);
/* harmony import */ var node_path__WEBPACK_IMPORTED_MODULE_1___default = /*#__PURE__*/__webpack_require__.n(node_path__WEBPACK_IMPORTED_MODULE_1__);


/** Whether `target` is `root` or lies below it (both absolute and already resolved). */
function isWithin(root, target) {
    const rel = (0,node_path__WEBPACK_IMPORTED_MODULE_1__.relative)(root, target);
    return rel === '' || (rel !== '..' && !rel.startsWith(`..${node_path__WEBPACK_IMPORTED_MODULE_1__.sep}`) && !(0,node_path__WEBPACK_IMPORTED_MODULE_1__.isAbsolute)(rel));
}
/**
 * The real path of `path` with every symlink resolved, also for a file that does not exist yet
 * (its nearest existing directory is resolved). A dangling symlink resolves to nothing: where it
 * points cannot be checked, and writing through it would create a file wherever it points.
 */
async function realPathOf(path) {
    try {
        return await (0,node_fs_promises__WEBPACK_IMPORTED_MODULE_0__.realpath)(path);
    }
    catch (error) {
        const code = error.code;
        if (code !== 'ENOENT' && code !== 'ENOTDIR')
            throw error;
        const link = await (0,node_fs_promises__WEBPACK_IMPORTED_MODULE_0__.lstat)(path).catch(() => undefined);
        if (link?.isSymbolicLink())
            return undefined;
        const parent = (0,node_path__WEBPACK_IMPORTED_MODULE_1__.dirname)(path);
        if (parent === path)
            return path;
        const realParent = await realPathOf(parent);
        return realParent === undefined ? undefined : (0,node_path__WEBPACK_IMPORTED_MODULE_1__.join)(realParent, (0,node_path__WEBPACK_IMPORTED_MODULE_1__.basename)(path));
    }
}
/**
 * Resolves `path` (relative to `root`, or absolute) with symlinks followed, and returns it when
 * the result stays inside `root`; `undefined` when a `..`, a symlink or a dangling symlink
 * leads out. Repository content chooses relative paths and symlinks, so whatever reads or writes
 * a file named by them must check here first.
 */
async function resolveInside(root, path) {
    const realRoot = (await realPathOf((0,node_path__WEBPACK_IMPORTED_MODULE_1__.resolve)(root))) ?? (0,node_path__WEBPACK_IMPORTED_MODULE_1__.resolve)(root);
    const full = (0,node_path__WEBPACK_IMPORTED_MODULE_1__.resolve)(root, path);
    const real = await realPathOf(full);
    return real !== undefined && isWithin(realRoot, real) ? full : undefined;
}
/** A file larger than the limit we read into memory. */
class FileTooLargeError extends Error {
    file;
    limit;
    name = 'FileTooLargeError';
    constructor(file, limit) {
        super(`${file} is larger than ${formatBytes(limit)}`);
        this.file = file;
        this.limit = limit;
    }
}
function formatBytes(bytes) {
    const mib = bytes / (1024 * 1024);
    return mib >= 1 ? `${Number.isInteger(mib) ? mib : mib.toFixed(1)} MiB` : `${bytes} bytes`;
}
/**
 * Reads a UTF-8 text file of at most `limit` bytes. The size is checked before the content is
 * held in memory, and the read itself stops after `limit` bytes, so a special file that
 * reports size 0 (`/proc/…`), a FIFO or `/dev/zero` cannot grow it either.
 */
async function readTextCapped(file, limit) {
    const handle = await (0,node_fs_promises__WEBPACK_IMPORTED_MODULE_0__.open)(file, 'r');
    try {
        const stat = await handle.stat();
        if (stat.isDirectory())
            throw Object.assign(new Error(`${file} is a directory`), { code: 'EISDIR' });
        if (stat.size > limit)
            throw new FileTooLargeError(file, limit);
        const chunks = [];
        let total = 0;
        const buffer = Buffer.alloc(Math.min(limit + 1, 1024 * 1024));
        for (;;) {
            const { bytesRead } = await handle.read(buffer, 0, buffer.length, null);
            if (bytesRead === 0)
                break;
            total += bytesRead;
            if (total > limit)
                throw new FileTooLargeError(file, limit);
            chunks.push(Buffer.from(buffer.subarray(0, bytesRead)));
        }
        return Buffer.concat(chunks, total).toString('utf8');
    }
    finally {
        await handle.close();
    }
}


/***/ }),

/***/ 615:
/***/ ((__unused_webpack_module, __webpack_exports__, __webpack_require__) => {

/* harmony export */ __webpack_require__.d(__webpack_exports__, {
/* harmony export */   TU: () => (/* binding */ Git),
/* harmony export */   XS: () => (/* binding */ GitError),
/* harmony export */   f4: () => (/* binding */ trackedPaths)
/* harmony export */ });
/* unused harmony exports remoteLines, classifyGitFailure */
/* harmony import */ var node_fs_promises__WEBPACK_IMPORTED_MODULE_0__ = __webpack_require__(1455);
/* harmony import */ var node_fs_promises__WEBPACK_IMPORTED_MODULE_0___default = /*#__PURE__*/__webpack_require__.n(node_fs_promises__WEBPACK_IMPORTED_MODULE_0__);
/* harmony import */ var node_path__WEBPACK_IMPORTED_MODULE_1__ = __webpack_require__(6760);
/* harmony import */ var node_path__WEBPACK_IMPORTED_MODULE_1___default = /*#__PURE__*/__webpack_require__.n(node_path__WEBPACK_IMPORTED_MODULE_1__);
/* harmony import */ var _core_errors__WEBPACK_IMPORTED_MODULE_2__ = __webpack_require__(4296);
/* harmony import */ var _core_text_control__WEBPACK_IMPORTED_MODULE_3__ = __webpack_require__(5778);
/* harmony import */ var _exec__WEBPACK_IMPORTED_MODULE_4__ = __webpack_require__(2122);





/** A git command that failed, classified so callers can decide (retry, or explain). */
class GitError extends _core_errors__WEBPACK_IMPORTED_MODULE_2__/* .CdpackError */ .xd {
    kind;
    stderr;
    remoteLines;
    refusal;
    name = 'GitError';
    constructor(kind, message, stderr, 
    /** What the server's hooks printed (`remote:` lines), sanitised for a message. */
    remoteLines = [], 
    /** The reason git gives for a refused ref, e.g. `pre-receive hook declined`. */
    refusal) {
        super(message);
        this.kind = kind;
        this.stderr = stderr;
        this.remoteLines = remoteLines;
        this.refusal = refusal;
    }
}
/** `remote: …` lines of git's stderr: what the server side printed, hooks included. */
const REMOTE_LINE = /^remote: ?([^\n]*)$/;
/**
 * The server's own words, for an error message: `remote:` lines with colour codes removed,
 * control characters escaped, at most 10 lines of 300 characters. They come from the server,
 * so they are shown as text and never used to decide anything.
 */
function remoteLines(stderr) {
    // git's side-band ends a line at CR as well as LF (and pads it with spaces): so do we.
    return stderr
        .split(/\r\n|\r|\n/)
        .map((line) => REMOTE_LINE.exec(line)?.[1])
        .filter((line) => line !== undefined)
        .map((line) => 
    // biome-ignore lint/suspicious/noControlCharactersInRegex: colour codes from the server
    (0,_core_text_control__WEBPACK_IMPORTED_MODULE_3__/* .escapeControlLine */ .HZ)(line.replace(/\x1b\[[0-9;]*[A-Za-z]/g, '')).trim())
        .filter((line) => line !== '')
        .slice(0, 10)
        .map((line) => (line.length > 300 ? `${line.slice(0, 299)}…` : line));
}
function withoutRemoteLines(text) {
    return text
        .split('\n')
        .filter((line) => !REMOTE_LINE.test(line))
        .join('\n');
}
/** A refused ref's reason when the server took the objects but would not update the ref for a reason not a race. */
function refusalOf(text) {
    const m = /\[remote rejected\][^\n(]*\(([^)\n]*)\)/i.exec(text);
    if (!m)
        return undefined;
    const why = m[1] ?? '';
    // A lock or compare-and-swap failure on the server is a concurrent push: a race after all.
    if (/cannot lock ref|failed to lock|incorrect old value|stale info|failed to update ref/i.test(why))
        return undefined;
    return why || 'rejected by the server';
}
/**
 * Reads git's output (stderr, and stdout where `push --porcelain` reports refs) to tell auth
 * failures, a missing branch, a lost race and a refused push apart. `remote:` lines are left
 * out: hook output is the server's text and must not steer a retry.
 */
function classifyGitFailure(output) {
    const stderr = withoutRemoteLines(output);
    if (refusalOf(stderr) !== undefined)
        return 'refused';
    if (/returned error: 403|HTTP 403|403 Forbidden/i.test(stderr))
        return 'auth-403';
    if (/returned error: 401|Authentication failed|could not read (Username|Password)|Permission denied \(publickey/i.test(stderr))
        return 'auth-401';
    if (/Remote branch .* not found|couldn't find remote ref/i.test(stderr))
        return 'branch-missing';
    if (/\[rejected\]|\[remote rejected\]|non-fast-forward|fetch first|failed to push some refs|cannot lock ref|stale info/i.test(stderr))
        return 'rejected';
    if (/Repository not found|returned error: 404|does not appear to be a git repository|not found/i.test(stderr))
        return 'not-found';
    return 'other';
}
/**
 * Tracing that would print what travels in the environment: GIT_TRACE2_ENV_VARS names env vars
 * whose values trace2 writes out (GIT_CONFIG_VALUE_0 holds the Authorization header), and
 * GIT_TRACE2_CONFIG_PARAMS config keys (http.extraHeader). Unset for every git run; curl traces
 * (GIT_TRACE_CURL, GIT_CURL_VERBOSE) stay available, with GIT_TRACE_REDACT forced on.
 */
const LEAKY_TRACE_ENV = [
    'GIT_TRACE2',
    'GIT_TRACE2_EVENT',
    'GIT_TRACE2_PERF',
    'GIT_TRACE2_ENV_VARS',
    'GIT_TRACE2_CONFIG_PARAMS',
    'GIT_TRACE_REDACT',
];
/**
 * Runs git in one directory. Credentials travel only as environment-only config
 * (GIT_CONFIG_COUNT/KEY/VALUE), so they never reach argv, the URL or .git/config, nor
 * (see LEAKY_TRACE_ENV) git's own output, which streams line by line to `log` when one is given.
 */
class Git {
    cwd;
    auth;
    identity;
    log;
    constructor(cwd, auth, identity, log) {
        this.cwd = cwd;
        this.auth = auth;
        this.identity = identity;
        this.log = log;
    }
    env() {
        const env = {
            ...Object.fromEntries(LEAKY_TRACE_ENV.map((k) => [k, undefined])),
            GIT_TRACE_REDACT: '1',
            GIT_TERMINAL_PROMPT: '0',
            GCM_INTERACTIVE: 'never',
            GIT_ASKPASS: '',
            SSH_ASKPASS: '',
            LC_ALL: 'C',
        };
        if (this.auth) {
            env.GIT_CONFIG_COUNT = '1';
            env.GIT_CONFIG_KEY_0 = 'http.extraHeader';
            env.GIT_CONFIG_VALUE_0 = `Authorization: ${this.auth.header}`;
        }
        if (this.identity) {
            env.GIT_AUTHOR_NAME = this.identity.name;
            env.GIT_AUTHOR_EMAIL = this.identity.email;
            env.GIT_COMMITTER_NAME = this.identity.name;
            env.GIT_COMMITTER_EMAIL = this.identity.email;
        }
        return env;
    }
    /**
     * Runs `git args…`; throws a classified GitError when it fails. stderr streams to the log as it
     * comes (the platform masks secrets and escapes control characters) and is also kept whole for
     * the classification, which reads the captured text, not the log.
     */
    async run(args, what, options = {}) {
        const result = await (0,_exec__WEBPACK_IMPORTED_MODULE_4__/* .execTool */ .w)('git', args, {
            cwd: this.cwd,
            env: this.env(),
            ...(options.stdin !== undefined ? { stdin: options.stdin } : {}),
            ...(this.log ? { output: { log: this.log, stdout: 'none', stderr: options.stderr ?? 'debug' } } : {}),
        });
        if (result.code !== 0) {
            const output = `${result.stderr}\n${result.stdout}`;
            const detail = result.stderr.trim().split('\n').slice(-3).join(' | ');
            const kind = classifyGitFailure(output);
            const refusal = kind === 'refused' ? refusalOf(withoutRemoteLines(output)) : undefined;
            throw new GitError(kind, `${what} failed: ${detail}`, result.stderr, remoteLines(result.stderr), refusal);
        }
        return result;
    }
    async revParse(ref) {
        return (await this.run(['rev-parse', '--verify', ref], `git rev-parse ${ref}`)).stdout.trim();
    }
}
/**
 * Paths under `path` (relative to `dir`) that the repository holding `dir` tracks: committed
 * content, which a pull/merge request controls. An empty list when `dir` is in no repository.
 * Throws when git cannot answer (git missing while `dir` has a `.git`, a symlink on the way, an
 * unreadable index): the caller must then not trust the path. The checkout may be owned by
 * another user (a container job), so safe.directory is waived for this read-only query, with
 * fsmonitor (a command run from config) switched off.
 */
async function trackedPaths(dir, path) {
    let result;
    try {
        result = await (0,_exec__WEBPACK_IMPORTED_MODULE_4__/* .execTool */ .w)('git', ['-c', 'safe.directory=*', '-c', 'core.fsmonitor=false', 'ls-files', '-z', '--', path], {
            cwd: dir,
            // The path is a name, never a pattern (a cache-dir of `:(exclude)x` must not list everything else).
            env: {
                GIT_TERMINAL_PROMPT: '0',
                LC_ALL: 'C',
                GIT_LITERAL_PATHSPECS: '1',
                GIT_DIR: undefined,
                GIT_WORK_TREE: undefined,
            },
        });
    }
    catch (error) {
        if (error instanceof _exec__WEBPACK_IMPORTED_MODULE_4__/* .ToolNotFoundError */ .M && !(await exists((0,node_path__WEBPACK_IMPORTED_MODULE_1__.join)(dir, '.git'))))
            return [];
        throw error;
    }
    if (result.code === 0)
        return result.stdout.split('\0').filter(Boolean);
    if (/not a git repository/i.test(result.stderr))
        return [];
    throw new _core_errors__WEBPACK_IMPORTED_MODULE_2__/* .CdpackError */ .xd(`git ls-files failed: ${(0,_core_text_control__WEBPACK_IMPORTED_MODULE_3__/* .escapeControlLine */ .HZ)(result.stderr.trim().split('\n').slice(-2).join(' | '))}`);
}
async function exists(path) {
    return (0,node_fs_promises__WEBPACK_IMPORTED_MODULE_0__.lstat)(path).then(() => true, () => false);
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


/***/ }),

/***/ 3369:
/***/ ((__unused_webpack_module, __webpack_exports__, __webpack_require__) => {

/* harmony export */ __webpack_require__.d(__webpack_exports__, {
/* harmony export */   R: () => (/* binding */ tail)
/* harmony export */ });
/**
 * The last few meaningful lines of a tool's output, on one line, for an error message: blank lines
 * dropped, each line trimmed, joined by ` | `; `(no output)` when there is none.
 */
function tail(output, lines = 3) {
    const last = output
        .split('\n')
        .map((l) => l.trim())
        .filter((l) => l !== '')
        .slice(-lines);
    return last.length > 0 ? last.join(' | ') : '(no output)';
}


/***/ })

};
