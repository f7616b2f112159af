export const id = 208;
export const ids = [208];
export const modules = {

/***/ 5541:
/***/ ((__unused_webpack_module, __webpack_exports__, __webpack_require__) => {


// EXPORTS
__webpack_require__.d(__webpack_exports__, {
  m: () => (/* binding */ connectKube),
  g: () => (/* binding */ describeApiError)
});

// EXTERNAL MODULE: ./src/core/errors.ts
var errors = __webpack_require__(4296);
// EXTERNAL MODULE: external "node:fs"
var external_node_fs_ = __webpack_require__(3024);
// EXTERNAL MODULE: ./src/core/retry.ts
var retry = __webpack_require__(7253);
// EXTERNAL MODULE: ./src/tools/registry/retryable.ts
var registry_retryable = __webpack_require__(3277);
// EXTERNAL MODULE: ./src/tools/kube/errors.ts
var kube_errors = __webpack_require__(210);
// EXTERNAL MODULE: ./src/tools/kube/exec-credential.ts
var exec_credential = __webpack_require__(848);
// EXTERNAL MODULE: ./src/tools/http/proxy.ts
var http_proxy = __webpack_require__(3188);
;// CONCATENATED MODULE: ./src/tools/kube/proxy.ts
/**
 * The proxy for the API server as kubectl (Go's net/http ProxyFromEnvironment) picks it, which differs
 * from curl's rules in tools/http/proxy: HTTPS_PROXY before https_proxy, HTTP_PROXY honoured for http
 * servers, and loopback hosts never proxied. A kubeconfig `proxy-url` wins over all of it.
 */

function isLoopback(host) {
    return host === 'localhost' || host.endsWith('.localhost') || host === '::1' || /^127\./.test(host);
}
/** The proxy URL for `server` from the environment, or undefined for a direct connection. */
function proxyForServer(server, env) {
    const url = new URL(server);
    const host = url.hostname.replace(/^\[|\]$/g, '').toLowerCase();
    if (isLoopback(host))
        return undefined;
    const proxy = url.protocol === 'https:' ? env.HTTPS_PROXY || env.https_proxy : env.HTTP_PROXY || env.http_proxy;
    if (!proxy)
        return undefined;
    if ((0,http_proxy/* bypassesProxy */.Zt)(url, env.NO_PROXY || env.no_proxy))
        return undefined;
    return proxy;
}

// EXTERNAL MODULE: ./src/tools/kube/transport.ts
var transport = __webpack_require__(144);
;// CONCATENATED MODULE: ./src/tools/kube/client.ts
/**
 * A small Kubernetes API client (KubeApi) over the kube transport: JSON GET/LIST/PATCH, pod logs, and
 * watches that resume from the last resourceVersion and re-list on 410 Gone. Credentials come from a
 * KubeConnection (config.ts); every secret is handed to `setSecret` before any request or log line.
 */







const patchContentTypes = {
    strategic: 'application/strategic-merge-patch+json',
    merge: 'application/merge-patch+json',
    json: 'application/json-patch+json',
};
const transientNetworkCodes = new Set(['ECONNRESET', 'ETIMEDOUT', 'EPIPE', 'ECONNABORTED', 'EAI_AGAIN']);
function isRetryableStatus(status) {
    return status === 429 || (status >= 500 && status <= 599 && status !== 501);
}
/** A retryable API answer, carrying the server's Retry-After. */
class RetryableAnswer extends Error {
    error;
    waitMs;
    constructor(error, waitMs) {
        super(error.message);
        this.error = error;
        this.waitMs = waitMs;
    }
}
function isTransientNetwork(e) {
    return e instanceof transport/* NetworkError */.Dr && transientNetworkCodes.has(e.code ?? '');
}
/** Reads the Status object of a failed answer into a KubeApiError (message sanitised and capped). */
function apiError(status, body, method, path) {
    let reason = '';
    let message = '';
    try {
        const s = JSON.parse(body);
        if (typeof s.reason === 'string')
            reason = s.reason;
        if (typeof s.message === 'string')
            message = s.message;
    }
    catch {
        // not a Status object (a proxy's page, say): show its start only
        message = body.trim().slice(0, 200);
    }
    return new kube_errors/* KubeApiError */.W3(status, (0,kube_errors/* safeText */.Hk)(reason, 60), (0,kube_errors/* safeText */.Hk)(message), method, path);
}
function queryString(query) {
    const params = new URLSearchParams();
    for (const [k, v] of Object.entries(query ?? {}))
        if (v !== undefined)
            params.set(k, String(v));
    const s = params.toString();
    return s ? `?${s}` : '';
}
class KubeClient {
    config;
    options;
    namespace;
    description;
    requestCount = 0;
    transport;
    exec;
    server;
    /** kubectl sends no credentials to an http:// server; neither do we. */
    sendsCredentials;
    tokenFileCache;
    closed = false;
    /** The connections of running watches, so that close() ends them. */
    watches = new Set();
    constructor(config, options) {
        this.config = config;
        this.options = options;
        this.namespace = config.namespace;
        this.server = config.cluster.server;
        const url = new URL(this.server);
        this.description = `context '${(0,kube_errors/* safeText */.Hk)(config.contextName, 100)}' (${(0,kube_errors/* safeText */.Hk)(`${url.origin}${url.pathname}`.replace(/\/$/, ''), 200)})`;
        this.sendsCredentials = url.protocol === 'https:';
        const { user, cluster } = config;
        if (user.token)
            options.setSecret(user.token);
        if (user.password)
            options.setSecret(user.password);
        if (user.username !== undefined) {
            options.setSecret(Buffer.from(`${user.username}:${user.password ?? ''}`).toString('base64'));
        }
        if (user.clientKey)
            (0,exec_credential/* maskMultiline */.w5)(options.setSecret, user.clientKey);
        const proxyUrl = cluster.proxyUrl ?? proxyForServer(this.server, options.env);
        const proxyPassword = proxyUrl ? passwordOf(proxyUrl) : undefined;
        if (proxyPassword)
            options.setSecret(proxyPassword);
        if (!this.sendsCredentials &&
            (user.token || user.tokenFile || user.username !== undefined || user.exec || user.clientKey)) {
            options.log?.warn(`${this.description}: the server is plain http://, so its credentials are not sent (kubectl does the same); use https`);
        }
        this.transport = new transport/* KubeTransport */.BY({
            ...(cluster.certificateAuthority ? { ca: cluster.certificateAuthority } : {}),
            insecureSkipTlsVerify: cluster.insecureSkipTlsVerify,
            ...(cluster.tlsServerName ? { servername: cluster.tlsServerName } : {}),
            ...(proxyUrl ? { proxyUrl } : {}),
            ...(options.connectTimeoutMs ? { connectTimeoutMs: options.connectTimeoutMs } : {}),
            ...(options.idleTimeoutMs ? { idleTimeoutMs: options.idleTimeoutMs } : {}),
        });
        this.exec = user.exec
            ? new exec_credential/* ExecCredentialProvider */.Mz(user.exec, {
                env: options.env,
                cluster,
                setSecret: options.setSecret,
                ...(options.runPlugin ? { run: options.runPlugin } : {}),
                ...(options.log ? { log: options.log } : {}),
            })
            : undefined;
    }
    /** How often the exec plugin ran (tests check the cache). */
    get execRuns() {
        return this.exec?.runs ?? 0;
    }
    async get(path, options = {}) {
        return JSON.parse(await this.call('GET', path, { ...options, accept: 'application/json' }));
    }
    async list(path, options = {}) {
        const list = JSON.parse(await this.call('GET', path, { ...options, accept: 'application/json' }));
        list.items ??= [];
        list.metadata ??= {};
        return list;
    }
    async patch(path, type, body, options = {}) {
        const text = await this.call('PATCH', path, {
            ...options,
            accept: 'application/json',
            contentType: patchContentTypes[type],
            body: Buffer.from(JSON.stringify(body)),
        });
        return JSON.parse(text);
    }
    text(path, options = {}) {
        return this.call('GET', path, { ...options, accept: 'text/plain, */*' });
    }
    async watch(path, resourceVersion, onEvent, options = {}) {
        const signal = options.signal;
        const maxReconnects = this.options.maxWatchReconnects ?? 10;
        const sleep = this.options.retry?.sleep ?? retry/* realSleep */.uk;
        let rv = resourceVersion;
        let quietReconnects = 0;
        let relists = 0;
        while (!signal?.aborted && !this.closed) {
            const connection = new AbortController();
            this.watches.add(connection);
            const stop = () => connection.abort();
            signal?.addEventListener('abort', stop, { once: true });
            try {
                // client-go's reflector asks for 5-10 minute watches; the server ends them and we resume.
                const timeoutSeconds = Number(options.query?.timeoutSeconds ?? 300 + Math.floor(Math.random() * 300));
                const query = {
                    ...options.query,
                    watch: 'true',
                    allowWatchBookmarks: 'true',
                    timeoutSeconds,
                    ...(rv ? { resourceVersion: rv } : {}),
                };
                const outcome = await this.watchOnce(path, query, connection.signal, timeoutSeconds, onEvent, (next) => {
                    rv = next;
                    quietReconnects = 0;
                    relists = 0;
                });
                if (outcome === 'stopped')
                    return;
                if (outcome === 'gone') {
                    if (++relists > 5)
                        throw new kube_errors/* KubeApiError */.W3(410, 'Expired', 'the watch kept expiring after re-listing', 'GET', path);
                    const listQuery = { ...options.query };
                    delete listQuery.timeoutSeconds;
                    this.options.log?.debug(`watch ${(0,kube_errors/* safeText */.Hk)(path, 200)}: resourceVersion ${(0,kube_errors/* safeText */.Hk)(rv, 40)} expired (410); re-listing`);
                    const list = await this.list(path, { query: listQuery, ...(signal ? { signal } : {}) });
                    for (const object of list.items) {
                        if (await onEvent({ type: 'ADDED', object }))
                            return;
                    }
                    rv = list.metadata.resourceVersion ?? '';
                    continue;
                }
                // The stream ended cleanly (server timeout): resume at once, backing off only when nothing arrives.
                if (outcome === 'ended-quiet' && ++quietReconnects > 1)
                    await sleep(Math.min(100 * 2 ** quietReconnects, 5000));
            }
            catch (e) {
                if (signal?.aborted || this.closed || (0,transport/* isAborted */.G4)(e))
                    return;
                if (!(e instanceof transport/* NetworkError */.Dr) || ++quietReconnects > maxReconnects)
                    throw e;
                this.options.log?.debug(`watch ${(0,kube_errors/* safeText */.Hk)(path, 200)}: ${(0,kube_errors/* safeText */.Hk)(e.message, 200)}; resuming from ${(0,kube_errors/* safeText */.Hk)(rv, 40)}`);
                await sleep(Math.min(100 * 2 ** quietReconnects, 5000));
            }
            finally {
                signal?.removeEventListener('abort', stop);
                this.watches.delete(connection);
                connection.abort();
            }
        }
    }
    /** One watch connection: 'stopped' (onEvent said so), 'gone' (410), or how the stream ended. */
    async watchOnce(path, query, signal, timeoutSeconds, onEvent, seen) {
        let res;
        try {
            // Connecting is retried like any request; a drop once the stream runs is the caller's to resume.
            res = await this.withRetries(`WATCH ${(0,kube_errors/* safeText */.Hk)(path, 200)}`, signal, () => this.send('GET', path, { query, signal, accept: 'application/json', idleTimeoutMs: (timeoutSeconds + 60) * 1000 }, true));
        }
        catch (e) {
            if (e instanceof kube_errors/* KubeApiError */.W3 && e.status === 410)
                return 'gone';
            throw e;
        }
        let events = 0;
        for await (const line of res.lines()) {
            let event;
            try {
                event = JSON.parse(line);
            }
            catch {
                throw new transport/* NetworkError */.Dr(this.server + path, 'EBADWATCH', 'the watch stream sent a line that is not JSON');
            }
            const object = (event.object ?? {});
            if (event.type === 'ERROR') {
                const code = Number(object.code ?? 500);
                if (code === 410)
                    return 'gone';
                // An internal error or throttling inside the stream: client-go's reflector starts a new watch.
                if (code === 429 || code >= 500) {
                    throw new transport/* NetworkError */.Dr(this.server + path, 'EWATCHERROR', `the watch stream reported HTTP ${code}`);
                }
                throw new kube_errors/* KubeApiError */.W3(code, (0,kube_errors/* safeText */.Hk)(String(object.reason ?? ''), 60), (0,kube_errors/* safeText */.Hk)(String(object.message ?? '')), 'WATCH', path);
            }
            if (event.type !== 'ADDED' &&
                event.type !== 'MODIFIED' &&
                event.type !== 'DELETED' &&
                event.type !== 'BOOKMARK') {
                continue;
            }
            events++;
            const next = object.metadata?.resourceVersion;
            if (next)
                seen(next);
            if (await onEvent({ type: event.type, object: object }))
                return 'stopped';
        }
        return events ? 'ended' : 'ended-quiet';
    }
    /** Ends open watches (their `watch()` calls return) and closes the connections. */
    close() {
        this.closed = true;
        for (const connection of this.watches)
            connection.abort();
        this.transport.close();
    }
    /** A request with bounded retries on 429/5xx/transient network errors; the body of a 2xx answer. */
    call(method, path, options) {
        return this.withRetries(`${method} ${(0,kube_errors/* safeText */.Hk)(path, 200)}`, options.signal, async () => (await this.send(method, path, options, true)).text());
    }
    withRetries(what, signal, attempt) {
        const policy = this.options.retry ?? {};
        return (0,retry/* retry */.L5)(what, attempt, {
            attempts: policy.attempts ?? 5,
            baseDelayMs: policy.baseDelayMs ?? 500,
            maxDelayMs: policy.maxDelayMs ?? 30_000,
            ...(policy.sleep ? { sleep: policy.sleep } : {}),
        }, {
            judge: (e) => {
                if (signal?.aborted)
                    return { retry: false };
                if (e instanceof RetryableAnswer) {
                    return {
                        retry: true,
                        reason: `HTTP ${e.error.status}${e.error.reason ? ` ${e.error.reason}` : ''}`,
                        ...(e.waitMs !== undefined ? { waitMs: e.waitMs } : {}),
                    };
                }
                if (isTransientNetwork(e))
                    return { retry: true, reason: `network error (${e.message})` };
                return { retry: false };
            },
            fail: (e, attempts) => {
                if (!(e instanceof RetryableAnswer))
                    return e;
                const err = e.error;
                return new kube_errors/* KubeApiError */.W3(err.status, err.reason, `${err.detail || 'no message'} (after ${attempts} attempts)`, err.method, err.path);
            },
            ...(this.options.log ? { log: this.options.log } : {}),
        });
    }
    /**
     * Sends one request with credentials. A 401 while an exec plugin's credential is in use re-runs the
     * plugin once and sends again (its token may have been revoked before its expiry). Non-2xx answers throw.
     */
    async send(method, path, options, retryable = false) {
        const url = `${this.server}${path}${queryString(options.query)}`;
        for (let refreshed = false;; refreshed = true) {
            const headers = { accept: options.accept };
            if (options.contentType)
                headers['content-type'] = options.contentType;
            let clientCertificate;
            let credential;
            if (this.sendsCredentials) {
                const auth = await this.credentials();
                credential = auth.exec;
                if (auth.authorization)
                    headers.authorization = auth.authorization;
                clientCertificate = auth.clientCertificate;
            }
            this.requestCount++;
            const res = await this.transport.request({
                method,
                url,
                headers,
                ...(options.body ? { body: options.body } : {}),
                ...(options.signal ? { signal: options.signal } : {}),
                ...(clientCertificate ? { clientCertificate } : {}),
                ...(options.idleTimeoutMs ? { idleTimeoutMs: options.idleTimeoutMs } : {}),
            });
            if (res.status >= 200 && res.status < 300)
                return res;
            const body = await res.text().catch(() => '');
            if (res.status === 401 && credential && this.exec && !refreshed) {
                this.exec.invalidate(credential);
                this.options.log?.debug('the API server refused the exec plugin credential (401); running the plugin again');
                continue;
            }
            const error = apiError(res.status, body, method, path);
            if (retryable && isRetryableStatus(res.status)) {
                throw new RetryableAnswer(error, (0,registry_retryable/* parseRetryAfter */.mu)(res.headers['retry-after']));
            }
            throw error;
        }
    }
    async credentials() {
        const { user } = this.config;
        const out = {};
        if (user.clientCertificate && user.clientKey)
            out.clientCertificate = { cert: user.clientCertificate, key: user.clientKey };
        const token = this.bearerToken();
        if (token)
            out.authorization = `Bearer ${token}`;
        else if (user.username !== undefined) {
            out.authorization = `Basic ${Buffer.from(`${user.username}:${user.password ?? ''}`).toString('base64')}`;
        }
        if (this.exec) {
            const cred = await this.exec.get();
            out.exec = cred;
            if (cred.token)
                out.authorization = `Bearer ${cred.token}`;
            if (cred.clientCertificate && cred.clientKey) {
                out.clientCertificate = { cert: cred.clientCertificate, key: cred.clientKey };
            }
        }
        return out;
    }
    /** The static token, or the token file's content (re-read after a minute, as client-go does). */
    bearerToken() {
        const { user } = this.config;
        if (!user.tokenFile)
            return user.token;
        const now = Date.now();
        if (!this.tokenFileCache || now - this.tokenFileCache.readAt > 60_000) {
            try {
                const value = readTokenFile(user.tokenFile);
                this.options.setSecret(value);
                this.tokenFileCache = { value, readAt: now };
            }
            catch (e) {
                if (!this.tokenFileCache && !user.token) {
                    throw new kube_errors/* KubeConfigError */.U7(`${this.config.source}: cannot read tokenFile '${(0,kube_errors/* safeText */.Hk)(user.tokenFile, 300)}' (${e.code ?? 'error'})`);
                }
            }
        }
        return this.tokenFileCache?.value ?? user.token;
    }
}
function passwordOf(proxyUrl) {
    try {
        return (decodeURIComponent(new URL(/^[a-z][a-z0-9+.-]*:\/\//i.test(proxyUrl) ? proxyUrl : `http://${proxyUrl}`).password) || undefined);
    }
    catch {
        return undefined;
    }
}
function readTokenFile(path) {
    return (0,external_node_fs_.readFileSync)(path, 'utf8').trim();
}
/** The client the steps use, for a connection resolved by loadKubeConnection. */
function createKubeApi(config, options) {
    return new KubeClient(config, options);
}

// EXTERNAL MODULE: external "node:path"
var external_node_path_ = __webpack_require__(6760);
// EXTERNAL MODULE: ./node_modules/yaml/dist/index.js
var dist = __webpack_require__(8815);
;// CONCATENATED MODULE: ./src/tools/kube/config.ts
/**
 * Kubernetes credentials resolved as kubectl resolves them (client-go clientcmd):
 * the step's `kubeconfig` input (file content, plain or base64) > `KUBECONFIG` (several files, merged) >
 * `~/.kube/config` > the in-cluster service account. Merging follows clientcmd: for clusters, users and
 * contexts the first file to name an entry wins (the whole entry, no field merging); the first file that
 * sets `current-context` wins; relative paths in a file resolve against that file's directory.
 * The environment is a parameter: nothing here reads process.env.
 */




const defaultServiceAccountDir = '/var/run/secrets/kubernetes.io/serviceaccount';
function isRecord(v) {
    return typeof v === 'object' && v !== null && !Array.isArray(v);
}
/** Parses one kubeconfig document. Errors name `origin` and a line, never quote the content (it holds secrets). */
function parseKubeconfig(text, origin, dir) {
    let doc;
    try {
        doc = (0,dist/* parse */.qg)(text, { prettyErrors: false });
    }
    catch (e) {
        const line = e.linePos?.[0]?.line;
        throw new kube_errors/* KubeConfigError */.U7(`${origin}: not a valid kubeconfig (YAML error${line ? ` at line ${line}` : ''})`);
    }
    const file = { origin, dir, clusters: new Map(), users: new Map(), contexts: new Map() };
    if (doc === null || doc === undefined)
        return file;
    if (!isRecord(doc))
        throw new kube_errors/* KubeConfigError */.U7(`${origin}: not a valid kubeconfig (expected a mapping at the top)`);
    if (typeof doc['current-context'] === 'string' && doc['current-context']) {
        file.currentContext = doc['current-context'];
    }
    const sections = [
        ['clusters', 'cluster', file.clusters],
        ['users', 'user', file.users],
        ['contexts', 'context', file.contexts],
    ];
    for (const [key, field, into] of sections) {
        const list = doc[key];
        if (list === undefined || list === null)
            continue;
        if (!Array.isArray(list))
            throw new kube_errors/* KubeConfigError */.U7(`${origin}: '${key}' must be a list`);
        for (const [i, entry] of list.entries()) {
            if (!isRecord(entry) || typeof entry.name !== 'string' || !entry.name) {
                throw new kube_errors/* KubeConfigError */.U7(`${origin}: ${key}[${i}] has no name`);
            }
            const value = entry[field] ?? {};
            if (!isRecord(value))
                throw new kube_errors/* KubeConfigError */.U7(`${origin}: ${key}[${i}] ('${(0,kube_errors/* safeText */.Hk)(entry.name, 100)}'): '${field}' must be a mapping`);
            // clientcmd keeps the first entry of a name.
            if (!into.has(entry.name))
                into.set(entry.name, { origin, dir, value });
        }
    }
    return file;
}
/** Merges files with clientcmd's rules: the first file to set a key (or current-context) wins. */
function mergeKubeconfigs(files) {
    const merged = {
        origin: files.map((f) => f.origin).join(':'),
        dir: files[0]?.dir ?? '.',
        clusters: new Map(),
        users: new Map(),
        contexts: new Map(),
    };
    for (const file of files) {
        merged.currentContext ??= file.currentContext;
        for (const [name, v] of file.clusters)
            if (!merged.clusters.has(name))
                merged.clusters.set(name, v);
        for (const [name, v] of file.users)
            if (!merged.users.has(name))
                merged.users.set(name, v);
        for (const [name, v] of file.contexts)
            if (!merged.contexts.has(name))
                merged.contexts.set(name, v);
    }
    return merged;
}
function isEmpty(file) {
    return !file.currentContext && !file.clusters.size && !file.users.size && !file.contexts.size;
}
/** The kubeconfig input: plain YAML/JSON, or the same base64-encoded. */
function decodeKubeconfigInput(value) {
    const trimmed = value.trim();
    if (/^(\/|\.{1,2}\/|~\/)[^\n]*$/.test(trimmed)) {
        throw new kube_errors/* KubeConfigError */.U7("input 'kubeconfig': this looks like a file path; give the file's content (plain or base64, e.g. from a secret), or point the KUBECONFIG environment variable at the file");
    }
    if (/^[A-Za-z0-9+/=\s_-]+$/.test(trimmed) && !trimmed.includes(':')) {
        const decoded = Buffer.from(trimmed.replace(/\s+/g, ''), 'base64').toString('utf8');
        if (decoded.includes(':') && !decoded.includes('\uFFFD'))
            return decoded;
        throw new kube_errors/* KubeConfigError */.U7("input 'kubeconfig': expected kubeconfig file content (YAML, or the same base64-encoded), got something else");
    }
    return value;
}
/** The KUBECONFIG list as clientcmd reads it: ':'-separated (';' on Windows), empty entries and repeats dropped. */
function kubeconfigPaths(env) {
    const value = env.KUBECONFIG;
    if (value === undefined || value === '')
        return undefined;
    return [...new Set(value.split(external_node_path_.delimiter).filter((p) => p !== ''))];
}
function homeDir(env) {
    return env.HOME || env.USERPROFILE || undefined;
}
function readKubeconfigFile(path) {
    if (!(0,external_node_fs_.existsSync)(path))
        return undefined;
    let text;
    try {
        if ((0,external_node_fs_.statSync)(path).isDirectory())
            throw new kube_errors/* KubeConfigError */.U7(`${path}: is a directory, expected a kubeconfig file`);
        text = (0,external_node_fs_.readFileSync)(path, 'utf8');
    }
    catch (e) {
        if (e instanceof kube_errors/* KubeConfigError */.U7)
            throw e;
        throw new kube_errors/* KubeConfigError */.U7(`${path}: cannot read the kubeconfig (${e.code ?? e})`);
    }
    const abs = (0,external_node_path_.resolve)(path);
    return parseKubeconfig(text, path, (0,external_node_path_.dirname)(abs));
}
/**
 * The kubeconfig files kubectl would read, merged. `undefined` when there are none (or all are empty):
 * then kubectl falls back to in-cluster credentials.
 */
function loadKubeconfigFiles(env) {
    const explicit = kubeconfigPaths(env);
    const home = homeDir(env);
    const paths = explicit ?? (home ? [(0,external_node_path_.join)(home, '.kube', 'config')] : []);
    const files = paths.map((p) => readKubeconfigFile(p)).filter((f) => f !== undefined);
    const merged = mergeKubeconfigs(files);
    if (isEmpty(merged))
        return undefined;
    merged.origin = explicit ? `KUBECONFIG=${explicit.join(external_node_path_.delimiter)}` : (paths[0] ?? '');
    return merged;
}
function resolveIn(dir, path) {
    return (0,external_node_path_.isAbsolute)(path) ? path : (0,external_node_path_.join)(dir, path);
}
function readReferenced(origin, what, dir, path) {
    const full = resolveIn(dir, path);
    try {
        return (0,external_node_fs_.readFileSync)(full, 'utf8');
    }
    catch (e) {
        throw new kube_errors/* KubeConfigError */.U7(`${origin}: cannot read ${what} '${(0,kube_errors/* safeText */.Hk)(full, 300)}' (${e.code ?? 'error'})`);
    }
}
function decodeData(origin, what, data) {
    const text = Buffer.from(data, 'base64').toString('utf8');
    if (!text.includes('-----BEGIN'))
        throw new kube_errors/* KubeConfigError */.U7(`${origin}: ${what} is not base64-encoded PEM`);
    return text;
}
const execApiVersions = ['client.authentication.k8s.io/v1', 'client.authentication.k8s.io/v1beta1'];
function parseExec(origin, userName, dir, raw) {
    const where = `${origin}: user '${(0,kube_errors/* safeText */.Hk)(userName, 100)}': exec`;
    if (!raw.command || typeof raw.command !== 'string')
        throw new kube_errors/* KubeConfigError */.U7(`${where}: 'command' is required`);
    const apiVersion = execApiVersions.find((v) => v === raw.apiVersion);
    if (!apiVersion) {
        throw new kube_errors/* KubeConfigError */.U7(`${where}: apiVersion '${(0,kube_errors/* safeText */.Hk)(String(raw.apiVersion ?? ''), 100)}' is not supported (expected ${execApiVersions.join(' or ')})`);
    }
    let interactiveMode;
    if (raw.interactiveMode === undefined || raw.interactiveMode === '') {
        // v1 requires it; v1beta1 defaults to IfAvailable (as client-go does).
        if (apiVersion === 'client.authentication.k8s.io/v1') {
            throw new kube_errors/* KubeConfigError */.U7(`${where}: interactiveMode must be specified (Never, IfAvailable or Always) for ${apiVersion}`);
        }
        interactiveMode = 'IfAvailable';
    }
    else if (raw.interactiveMode === 'Never' ||
        raw.interactiveMode === 'IfAvailable' ||
        raw.interactiveMode === 'Always') {
        interactiveMode = raw.interactiveMode;
    }
    else {
        throw new kube_errors/* KubeConfigError */.U7(`${where}: invalid interactiveMode '${(0,kube_errors/* safeText */.Hk)(String(raw.interactiveMode), 50)}' (expected Never, IfAvailable or Always)`);
    }
    const args = raw.args ?? [];
    if (!Array.isArray(args) || args.some((a) => typeof a !== 'string')) {
        throw new kube_errors/* KubeConfigError */.U7(`${where}: 'args' must be a list of strings`);
    }
    const env = raw.env ?? [];
    if (!Array.isArray(env) ||
        env.some((e) => !isRecord(e) || typeof e.name !== 'string' || typeof e.value !== 'string')) {
        throw new kube_errors/* KubeConfigError */.U7(`${where}: 'env' must be a list of {name, value} strings`);
    }
    return {
        apiVersion,
        command: raw.command,
        args,
        env,
        interactiveMode,
        provideClusterInfo: raw.provideClusterInfo === true,
        ...(raw.installHint ? { installHint: raw.installHint } : {}),
        baseDir: dir,
    };
}
function resolveUser(name, entry) {
    const { origin, dir, value: u } = entry;
    const where = `${origin}: user '${(0,kube_errors/* safeText */.Hk)(name, 100)}'`;
    const auth = {};
    if (u['auth-provider']) {
        throw new kube_errors/* KubeConfigError */.U7(`${where}: auth-provider '${(0,kube_errors/* safeText */.Hk)(String(u['auth-provider'].name ?? ''), 50)}' is not supported (kubectl removed it too); use an exec credential plugin`);
    }
    if (u.token)
        auth.token = String(u.token);
    if (u.tokenFile)
        auth.tokenFile = resolveIn(dir, u.tokenFile);
    if (u['client-certificate-data'])
        auth.clientCertificate = decodeData(where, 'client-certificate-data', u['client-certificate-data']);
    else if (u['client-certificate'])
        auth.clientCertificate = readReferenced(where, 'client-certificate', dir, u['client-certificate']);
    if (u['client-key-data'])
        auth.clientKey = decodeData(where, 'client-key-data', u['client-key-data']);
    else if (u['client-key'])
        auth.clientKey = readReferenced(where, 'client-key', dir, u['client-key']);
    if (Boolean(auth.clientCertificate) !== Boolean(auth.clientKey)) {
        throw new kube_errors/* KubeConfigError */.U7(`${where}: a client certificate needs both the certificate and the key`);
    }
    if (u.username !== undefined || u.password !== undefined) {
        if (auth.token || auth.tokenFile) {
            throw new kube_errors/* KubeConfigError */.U7(`${where}: username/password or a bearer token may be set, but not both`);
        }
        auth.username = String(u.username ?? '');
        auth.password = String(u.password ?? '');
    }
    if (u.exec)
        auth.exec = parseExec(origin, name, dir, u.exec);
    return auth;
}
function resolveCluster(name, entry) {
    const { origin, dir, value: c } = entry;
    const where = `${origin}: cluster '${(0,kube_errors/* safeText */.Hk)(name, 100)}'`;
    if (!c.server)
        throw new kube_errors/* KubeConfigError */.U7(`${where}: no server`);
    try {
        const url = new URL(c.server);
        if (url.protocol !== 'https:' && url.protocol !== 'http:')
            throw new Error('scheme');
    }
    catch {
        throw new kube_errors/* KubeConfigError */.U7(`${where}: server '${(0,kube_errors/* safeText */.Hk)(c.server, 200)}' is not an http(s) URL`);
    }
    const cluster = {
        server: c.server.replace(/\/+$/, ''),
        insecureSkipTlsVerify: c['insecure-skip-tls-verify'] === true,
        disableCompression: c['disable-compression'] === true,
    };
    if (c['certificate-authority-data']) {
        cluster.certificateAuthority = decodeData(where, 'certificate-authority-data', c['certificate-authority-data']);
    }
    else if (c['certificate-authority']) {
        cluster.certificateAuthority = readReferenced(where, 'certificate-authority', dir, c['certificate-authority']);
    }
    if (cluster.insecureSkipTlsVerify && cluster.certificateAuthority) {
        // client-go refuses this combination too.
        throw new kube_errors/* KubeConfigError */.U7(`${where}: insecure-skip-tls-verify and a certificate authority cannot both be set`);
    }
    if (c['tls-server-name'])
        cluster.tlsServerName = c['tls-server-name'];
    if (c['proxy-url'])
        cluster.proxyUrl = c['proxy-url'];
    const ext = c.extensions?.find((e) => e?.name === 'client.authentication.k8s.io/exec');
    if (ext)
        cluster.execExtension = ext.extension;
    return cluster;
}
/** Picks the context (the override, else current-context) and resolves its cluster and user. */
function selectContext(config, contextOverride, contextInput = 'context') {
    const contextName = contextOverride || config.currentContext;
    if (!contextName) {
        throw new kube_errors/* KubeConfigError */.U7(`${config.origin}: no current-context is set; give the '${contextInput}' input (contexts: ${[...config.contexts.keys()].map((n) => (0,kube_errors/* safeText */.Hk)(n, 60)).join(', ') || 'none'})`);
    }
    const ctx = config.contexts.get(contextName);
    if (!ctx) {
        const known = [...config.contexts.keys()].map((n) => (0,kube_errors/* safeText */.Hk)(n, 60)).join(', ') || 'none';
        const who = contextOverride ? `input '${contextInput}'` : 'current-context';
        throw new kube_errors/* KubeConfigError */.U7(`${who}: context '${(0,kube_errors/* safeText */.Hk)(contextName, 100)}' was not found in ${config.origin} (contexts: ${known})`);
    }
    const clusterName = ctx.value.cluster ?? '';
    const cluster = config.clusters.get(clusterName);
    if (!cluster) {
        throw new kube_errors/* KubeConfigError */.U7(`${ctx.origin}: context '${(0,kube_errors/* safeText */.Hk)(contextName, 100)}' names cluster '${(0,kube_errors/* safeText */.Hk)(clusterName, 100)}', which is not defined`);
    }
    const userName = ctx.value.user ?? '';
    const userEntry = userName ? config.users.get(userName) : undefined;
    if (userName && !userEntry) {
        throw new kube_errors/* KubeConfigError */.U7(`${ctx.origin}: context '${(0,kube_errors/* safeText */.Hk)(contextName, 100)}' names user '${(0,kube_errors/* safeText */.Hk)(userName, 100)}', which is not defined`);
    }
    return {
        source: config.origin,
        contextName,
        clusterName,
        userName,
        namespace: ctx.value.namespace || 'default',
        cluster: resolveCluster(clusterName, cluster),
        user: userEntry ? resolveUser(userName, userEntry) : {},
    };
}
/** In-cluster credentials (the pod's service account), as client-go's InClusterConfig reads them. */
function inClusterConnection(env, serviceAccountDir = defaultServiceAccountDir) {
    const host = env.KUBERNETES_SERVICE_HOST;
    const port = env.KUBERNETES_SERVICE_PORT;
    if (!host || !port)
        return undefined;
    const tokenFile = (0,external_node_path_.join)(serviceAccountDir, 'token');
    if (!(0,external_node_fs_.existsSync)(tokenFile))
        return undefined;
    const hostPart = host.includes(':') ? `[${host}]` : host;
    const caFile = (0,external_node_path_.join)(serviceAccountDir, 'ca.crt');
    let namespace = env.POD_NAMESPACE || '';
    if (!namespace) {
        try {
            namespace = (0,external_node_fs_.readFileSync)((0,external_node_path_.join)(serviceAccountDir, 'namespace'), 'utf8').trim();
        }
        catch {
            // no namespace file: the default namespace
        }
    }
    return {
        source: 'in-cluster service account',
        contextName: 'in-cluster',
        clusterName: 'in-cluster',
        userName: 'service-account',
        namespace: namespace || 'default',
        cluster: {
            server: `https://${hostPart}:${port}`,
            insecureSkipTlsVerify: false,
            disableCompression: false,
            ...((0,external_node_fs_.existsSync)(caFile)
                ? { certificateAuthority: readReferenced('in-cluster', 'ca.crt', serviceAccountDir, 'ca.crt') }
                : {}),
        },
        user: { tokenFile },
    };
}
/**
 * The connection a step uses: the `kubeconfig` input, else KUBECONFIG / ~/.kube/config, else in-cluster.
 * The `context` option overrides current-context.
 */
function loadKubeConnection(options) {
    if (options.kubeconfig !== undefined && options.kubeconfig.trim() !== '') {
        const text = decodeKubeconfigInput(options.kubeconfig);
        const file = parseKubeconfig(text, "input 'kubeconfig'", (0,external_node_path_.resolve)(options.baseDir ?? '.'));
        return selectContext(file, options.context);
    }
    const files = loadKubeconfigFiles(options.env);
    if (files)
        return selectContext(files, options.context);
    const inCluster = inClusterConnection(options.env, options.serviceAccountDir);
    if (inCluster) {
        if (options.context) {
            throw new kube_errors/* KubeConfigError */.U7(`input 'context': no kubeconfig was found (in-cluster service account credentials have no contexts)`);
        }
        return inCluster;
    }
    const where = kubeconfigPaths(options.env)
        ? `KUBECONFIG (${kubeconfigPaths(options.env)?.join(external_node_path_.delimiter)}) names no readable kubeconfig`
        : 'there is no ~/.kube/config';
    throw new kube_errors/* KubeConfigError */.U7(`no Kubernetes credentials: the 'kubeconfig' input is empty, ${where}, and this is not a pod (KUBERNETES_SERVICE_HOST is not set)`);
}

;// CONCATENATED MODULE: ./src/actions/kube-connection.ts
/** The Kubernetes connection of set-image and verify-rollout: kubeconfig/context inputs → a KubeApi. */





const connectKube = (platform, inputs) => {
    // The client masks every credential in the kubeconfig; a base64 kubeconfig is one opaque line, masked whole.
    // (Masking a YAML kubeconfig line by line would also hide ordinary words such as `cluster:` in every log line.)
    const kubeconfig = inputs.kubeconfig.trim();
    if (kubeconfig && !kubeconfig.includes('\n'))
        platform.setSecret(kubeconfig);
    const connection = loadKubeConnection({
        env: platform.env,
        ...(inputs.kubeconfig ? { kubeconfig: inputs.kubeconfig } : {}),
        ...(inputs.context ? { context: inputs.context } : {}),
        baseDir: platform.workspace,
    });
    const api = createKubeApi(connection, { env: platform.env, setSecret: (v) => platform.setSecret(v), log: platform });
    return { api, namespace: inputs.namespace || api.namespace || 'default' };
};
/** An API failure about one object, in words that name it (404, 403 and the rest). */
function describeApiError(e, action, object, namespace) {
    if (e instanceof transport/* NetworkError */.Dr) {
        return new errors/* CdpackError */.xd(`cannot reach the Kubernetes API server to ${action} ${object}: ${e.message}`);
    }
    if (!(e instanceof kube_errors/* KubeApiError */.W3))
        return e instanceof Error ? e : new Error(String(e));
    if (e.status === 404)
        return new errors/* CdpackError */.xd(`${object} not found in namespace '${namespace}' (${action})`);
    if (e.status === 403) {
        return new errors/* CdpackError */.xd(`not allowed to ${action} ${object} in namespace '${namespace}' (RBAC): ${e.detail || e.reason}`);
    }
    if (e.status === 401)
        return new errors/* CdpackError */.xd(`the API server rejected the credentials (${action} ${object}): ${e.detail || e.reason}`);
    return new errors/* CdpackError */.xd(`${action} ${object} in namespace '${namespace}': ${e.message}`);
}


/***/ }),

/***/ 5647:
/***/ ((__unused_webpack_module, __webpack_exports__, __webpack_require__) => {

/* harmony export */ __webpack_require__.d(__webpack_exports__, {
/* harmony export */   AI: () => (/* binding */ renderValue),
/* harmony export */   rC: () => (/* binding */ YamlSource)
/* harmony export */ });
/* unused harmony export MAX_ALIAS_DEREFS */
/* harmony import */ var yaml__WEBPACK_IMPORTED_MODULE_0__ = __webpack_require__(8815);
/* harmony import */ var _errors__WEBPACK_IMPORTED_MODULE_1__ = __webpack_require__(4296);
/**
 * A parsed YAML file that can be edited without re-serialising it: rules look at the AST and
 * record splices (start, end, replacement) against the original text, applied at the end.
 */


/** Alias dereferences allowed per file while walking: a billion-laughs document hits this fast. */
const MAX_ALIAS_DEREFS = 10_000;
class YamlSource {
    path;
    text;
    eol;
    docs;
    targets = [];
    /** Places that refer to the image but cannot take this update, as `path:line: why`. */
    misses = [];
    lines = new yaml__WEBPACK_IMPORTED_MODULE_0__/* .LineCounter */ .HN();
    splices = [];
    writes = [];
    /** Start offsets of scalars a rule already handled (aliases reach the same node twice). */
    claimed = new Set();
    anchors = new Map();
    aliasIndex = new Map();
    derefs = 0;
    doc;
    constructor(file) {
        this.path = file.path;
        this.text = file.text;
        this.eol = file.text.includes('\r\n') ? '\r\n' : '\n';
        // Duplicate keys are checked below in one pass: the parser's own check is quadratic in a map's size.
        const parsed = (0,yaml__WEBPACK_IMPORTED_MODULE_0__/* .parseAllDocuments */ .hR)(file.text, { lineCounter: this.lines, prettyErrors: true, uniqueKeys: false });
        this.docs = Array.isArray(parsed) ? parsed : [];
        for (const doc of this.docs) {
            const err = doc.errors[0];
            if (err) {
                const detail = err.message.split('\n')[0]?.replace(/ at line \d+, column \d+:?$/, '') ?? err.code;
                throw new _errors__WEBPACK_IMPORTED_MODULE_1__/* .FileError */ .f6(this.path, err.linePos?.[0].line, `YAML syntax error: ${detail}`);
            }
            this.checkUniqueKeys(doc);
        }
    }
    checkUniqueKeys(doc) {
        (0,yaml__WEBPACK_IMPORTED_MODULE_0__/* .visit */ .YR)(doc, {
            Map: (_, map) => {
                const seen = new Set();
                for (const pair of map.items) {
                    if (!(0,yaml__WEBPACK_IMPORTED_MODULE_0__/* .isScalar */ .jn)(pair.key))
                        continue;
                    if (seen.has(pair.key.value)) {
                        const line = this.line(pair.key.range?.[0] ?? 0);
                        throw new _errors__WEBPACK_IMPORTED_MODULE_1__/* .FileError */ .f6(this.path, line, 'YAML syntax error: Map keys must be unique');
                    }
                    seen.add(pair.key.value);
                }
            },
        });
    }
    /** Sets the document that aliases are resolved against. */
    use(doc) {
        this.doc = doc;
    }
    line(offset) {
        return this.lines.linePos(offset).line;
    }
    /** Column (0-based) of an offset; a leading byte-order mark takes no column. */
    column(offset) {
        let lineStart = this.text.lastIndexOf('\n', offset - 1) + 1;
        if (lineStart === 0 && this.text.startsWith('\uFEFF'))
            lineStart = 1;
        return offset - lineStart;
    }
    /** Follows an alias to its anchored node, counting dereferences against the alias budget. */
    resolve(node) {
        if (!(0,yaml__WEBPACK_IMPORTED_MODULE_0__/* .isAlias */ .Vj)(node))
            return (0,yaml__WEBPACK_IMPORTED_MODULE_0__/* .isScalar */ .jn)(node) || (0,yaml__WEBPACK_IMPORTED_MODULE_0__/* .isMap */ .jh)(node) || (0,yaml__WEBPACK_IMPORTED_MODULE_0__/* .isSeq */ .oP)(node) ? node : undefined;
        if (++this.derefs > MAX_ALIAS_DEREFS) {
            throw new _errors__WEBPACK_IMPORTED_MODULE_1__/* .FileError */ .f6(this.path, this.line(node.range?.[0] ?? 0), `too many alias dereferences (more than ${MAX_ALIAS_DEREFS}); refusing to expand YAML aliases (alias bomb?)`);
        }
        const candidates = this.anchorsOf().get(node.source) ?? [];
        const at = node.range?.[0] ?? Number.MAX_SAFE_INTEGER;
        // An anchor may be redefined: an alias refers to the latest definition before it.
        let found;
        for (const c of candidates)
            if ((c.range?.[0] ?? 0) < at)
                found = c;
        return found && !(0,yaml__WEBPACK_IMPORTED_MODULE_0__/* .isAlias */ .Vj)(found) ? found : undefined;
    }
    /**
     * Like resolve, but an alias of a scalar is returned as is: writing through it must change
     * only this place, not every other alias of the anchor.
     */
    site(node) {
        const resolved = this.resolve(node);
        return (0,yaml__WEBPACK_IMPORTED_MODULE_0__/* .isAlias */ .Vj)(node) && (0,yaml__WEBPACK_IMPORTED_MODULE_0__/* .isScalar */ .jn)(resolved) ? node : resolved;
    }
    /** The scalar behind a site (no dereference budget: one lookup, no expansion). */
    scalarOf(node) {
        if ((0,yaml__WEBPACK_IMPORTED_MODULE_0__/* .isScalar */ .jn)(node))
            return node;
        if (!(0,yaml__WEBPACK_IMPORTED_MODULE_0__/* .isAlias */ .Vj)(node))
            return undefined;
        const candidates = this.anchorsOf().get(node.source) ?? [];
        const at = node.range?.[0] ?? Number.MAX_SAFE_INTEGER;
        let found;
        for (const c of candidates)
            if ((c.range?.[0] ?? 0) < at)
                found = c;
        return (0,yaml__WEBPACK_IMPORTED_MODULE_0__/* .isScalar */ .jn)(found) ? found : undefined;
    }
    /** Aliases (in text order) that refer to this anchored scalar. */
    aliasesOf(target) {
        const doc = this.doc;
        if (!target.anchor || !doc)
            return [];
        let index = this.aliasIndex.get(doc);
        if (!index) {
            const built = new Map();
            (0,yaml__WEBPACK_IMPORTED_MODULE_0__/* .visit */ .YR)(doc, {
                Alias: (_, alias) => {
                    const scalar = this.scalarOf(alias);
                    if (!scalar)
                        return;
                    const list = built.get(scalar);
                    if (list)
                        list.push(alias);
                    else
                        built.set(scalar, [alias]);
                },
            });
            index = built;
            this.aliasIndex.set(doc, index);
        }
        return index.get(target) ?? [];
    }
    anchorsOf() {
        const doc = this.doc;
        if (!doc)
            return new Map();
        let map = this.anchors.get(doc);
        if (!map) {
            const m = new Map();
            (0,yaml__WEBPACK_IMPORTED_MODULE_0__/* .visit */ .YR)(doc, {
                Node(_, node) {
                    if (!node.anchor)
                        return;
                    const list = m.get(node.anchor);
                    if (list)
                        list.push(node);
                    else
                        m.set(node.anchor, [node]);
                },
            });
            map = m;
            this.anchors.set(doc, map);
        }
        return map;
    }
    /** The pair of `map` whose key is the string `key`. */
    pair(map, key) {
        for (const pair of map.items) {
            const k = this.resolve(pair.key);
            if ((0,yaml__WEBPACK_IMPORTED_MODULE_0__/* .isScalar */ .jn)(k) && String(k.value) === key)
                return pair;
        }
        return undefined;
    }
    /** The value at `key`, when `node` is a mapping: collections resolved, scalars as a site (see site()). */
    get(node, key) {
        return (0,yaml__WEBPACK_IMPORTED_MODULE_0__/* .isMap */ .jh)(node) ? this.site(this.pair(node, key)?.value) : undefined;
    }
    /** The text of a scalar as a string (`1.10` stays `1.10`; null is ''); undefined for collections. */
    str(site) {
        const node = this.scalarOf(site);
        if (!node)
            return undefined;
        if (typeof node.value === 'string')
            return node.value;
        if (node.value === null || node.value === undefined)
            return '';
        return node.source ?? String(node.value);
    }
    /** A non-empty string scalar (an image reference candidate). */
    stringValue(site) {
        const node = this.scalarOf(site);
        return node && typeof node.value === 'string' && node.value !== '' ? node.value : undefined;
    }
    /** Marks a scalar (site) as handled by a rule; false when a rule already handled it. */
    claim(node) {
        const start = node?.range?.[0];
        if (start === undefined || this.claimed.has(start))
            return false;
        this.claimed.add(start);
        return true;
    }
    isClaimed(node) {
        return this.claimed.has(node.range?.[0] ?? -1);
    }
    target(kind, line, previous, next) {
        this.targets.push({ kind, line, previous, next });
    }
    miss(line, why) {
        this.misses.push(`${this.path}:${line}: ${why}`);
    }
    /** True when the scalar's text can be rewritten in place (block scalars cannot). */
    editable(site) {
        const node = this.scalarOf(site);
        return !!node && node.type !== 'BLOCK_LITERAL' && node.type !== 'BLOCK_FOLDED' && !!node.range && !!site?.range;
    }
    /** True when other places alias this scalar (so removing its line would break them). */
    aliased(site) {
        return (0,yaml__WEBPACK_IMPORTED_MODULE_0__/* .isScalar */ .jn)(site) && !!site.anchor && this.aliasesOf(site).length > 0;
    }
    /**
     * Sets a scalar to `value` at this site only. Applied in result(): an alias site becomes a
     * literal; an anchored scalar that others alias is rewritten and its anchor, with the old
     * value, moves to the first alias that keeps it, so nothing else changes.
     */
    setScalar(site, value) {
        const target = this.scalarOf(site);
        if (!target || this.str(target) === value)
            return;
        this.writes.push({ site, target, value });
    }
    /** Rewrites the scalar's own text, keeping its quoting style when it reads back as the same string. */
    rewrite(node, value) {
        if (this.str(node) === value || !node.range)
            return;
        const [start, end] = node.range;
        let text;
        if (node.type === 'QUOTE_DOUBLE')
            text = JSON.stringify(value);
        else if (node.type === 'QUOTE_SINGLE')
            text = `'${value.replaceAll("'", "''")}'`;
        else
            text = renderValue(value);
        // An empty value (`tag:`) sits right after the colon: keep a space before the new text.
        if (start === end && this.text[start - 1] === ':')
            text = ` ${text}`;
        this.splices.push({ start, end, text });
    }
    applyWrites() {
        const byTarget = new Map();
        for (const w of this.writes) {
            const list = byTarget.get(w.target);
            if (list)
                list.push(w);
            else
                byTarget.set(w.target, [w]);
        }
        for (const [target, writes] of byTarget) {
            if (!target.anchor) {
                this.rewrite(target, writes[writes.length - 1].value);
                continue;
            }
            const docOf = this.docs.find((d) => this.contains(d, target));
            if (docOf)
                this.use(docOf);
            const aliases = this.aliasesOf(target);
            const sites = [target, ...aliases];
            const old = this.str(target) ?? '';
            const wanted = (site) => {
                let value = old;
                for (const w of writes)
                    if (w.site === site)
                        value = w.value;
                return value;
            };
            const values = new Set(sites.map(wanted));
            if (values.size === 1) {
                this.rewrite(target, wanted(target)); // every user of the anchor wants the same value
                continue;
            }
            const keeper = sites.find((s) => wanted(s) === old);
            if (keeper !== target)
                this.moveAnchor(target, keeper, wanted(target));
            const keeperAt = keeper?.range?.[0] ?? Number.MAX_SAFE_INTEGER;
            for (const alias of aliases) {
                if (alias === keeper)
                    continue;
                const value = wanted(alias);
                // Unchanged aliases before the anchor's new place cannot refer to it any more.
                if (value !== old)
                    this.literal(alias, renderValue(value));
                else if ((alias.range?.[0] ?? 0) < keeperAt)
                    this.literal(alias, this.sourceOf(target));
            }
        }
    }
    contains(doc, node) {
        const [s, e] = doc.range;
        const at = node.range?.[0] ?? -1;
        return at >= s && at <= e;
    }
    /** `&a value` → `value` at the anchor (rewritten), `*a` → `&a old` at `keeper`. */
    moveAnchor(target, keeper, value) {
        const start = target.range?.[0] ?? 0;
        const at = this.text.lastIndexOf(`&${target.anchor}`, start);
        const between = at >= 0 ? this.text.slice(at + 1 + (target.anchor?.length ?? 0), start) : '';
        if (at < 0 || !/^(?:[ \t]+!\S*)?[ \t]*$/.test(between)) {
            throw new _errors__WEBPACK_IMPORTED_MODULE_1__/* .FileError */ .f6(this.path, this.line(start), `cannot locate the anchor &${target.anchor} to move it`);
        }
        const old = this.sourceOf(target);
        this.splice(at, start, between.trimStart());
        this.rewrite(target, value);
        if (keeper)
            this.literal(keeper, `&${target.anchor} ${old}`);
    }
    /** The scalar's text as written (tag included), when it fits on one line: it will be copied. */
    sourceOf(target) {
        const [start, end] = target.range ?? [0, 0];
        const text = this.text.slice(start, end);
        if (/[\r\n]/.test(text) || start === end) {
            throw new _errors__WEBPACK_IMPORTED_MODULE_1__/* .FileError */ .f6(this.path, this.line(start), `the value of anchor &${target.anchor} is shared with other entries and spans several lines or is empty; ` +
                'it cannot be split without rewriting the file: replace the aliases with literal values');
        }
        const at = this.text.lastIndexOf(`&${target.anchor}`, start);
        const tag = /^[ \t]+(!\S*)[ \t]+$/.exec(this.text.slice(at + 1 + (target.anchor?.length ?? 0), start));
        return tag ? `${tag[1]} ${text}` : text;
    }
    literal(alias, text) {
        const [start, end] = alias.range ?? [0, 0];
        this.splice(start, end, text);
    }
    /** Any edit beyond rewriting a scalar in place (lines added or removed, anchors moved). */
    structural = false;
    splice(start, end, text) {
        this.structural = true;
        this.splices.push({ start, end, text });
    }
    /** Offset of the last non-whitespace character before `offset` (plus one). */
    trimEnd(offset) {
        let i = offset;
        while (i > 0 && /\s/.test(this.text[i - 1]))
            i--;
        return i;
    }
    /** Inserts whole lines after the line holding `offset`, keeping the file's EOL and final-newline state. */
    insertLinesAfter(offset, lines) {
        const nl = this.text.indexOf('\n', offset);
        if (nl >= 0)
            this.splice(nl + 1, nl + 1, lines.map((l) => l + this.eol).join(''));
        else
            this.splice(this.text.length, this.text.length, lines.map((l) => this.eol + l).join(''));
    }
    /** The text with all recorded splices applied. */
    result() {
        this.applyWrites();
        this.writes.length = 0;
        if (this.splices.length === 0)
            return this.text;
        const sorted = [...this.splices].sort((a, b) => a.start - b.start || a.end - b.end);
        let out = '';
        let pos = 0;
        for (const s of sorted) {
            if (s.start < pos)
                continue; // overlapping splice: the first one wins
            out += this.text.slice(pos, s.start) + s.text;
            pos = s.end;
        }
        return out + this.text.slice(pos);
    }
}
/** `value` as a YAML scalar: plain when it reads back as the same string, else double-quoted. */
function renderValue(value) {
    return plainSafe(value) ? value : JSON.stringify(value);
}
/** Plain is safe when the text reads back as this string under both YAML 1.2 and 1.1 (`on`, `1_0`). */
function plainSafe(value) {
    if (!/^[\w][\w./@:+=~-]*$/.test(value) || value.endsWith(':'))
        return false;
    try {
        return (0,yaml__WEBPACK_IMPORTED_MODULE_0__/* .parse */ .qg)(value) === value && (0,yaml__WEBPACK_IMPORTED_MODULE_0__/* .parse */ .qg)(value, { version: '1.1' }) === value;
    }
    catch {
        return false;
    }
}


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

/***/ 60:
/***/ ((__unused_webpack_module, __webpack_exports__, __webpack_require__) => {

/* harmony export */ __webpack_require__.d(__webpack_exports__, {
/* harmony export */   aM: () => (/* binding */ argoRolloutProgressLine),
/* harmony export */   dT: () => (/* binding */ rolloutImagePatch),
/* harmony export */   jo: () => (/* binding */ argoRolloutStatus),
/* harmony export */   jr: () => (/* binding */ rolloutPodLabel),
/* harmony export */   oR: () => (/* binding */ rolloutUndo)
/* harmony export */ });
/* unused harmony exports ROLLOUT_REVISION_ANNOTATION, ROLLOUT_POD_HASH_LABEL */
/* harmony import */ var _revision__WEBPACK_IMPORTED_MODULE_0__ = __webpack_require__(1432);

const obj = (v) => (v && typeof v === 'object' ? v : {});
const int = (v) => (typeof v === 'number' ? v : 0);
const text = (v) => (typeof v === 'string' ? v : '');
const ROLLOUT_REVISION_ANNOTATION = 'rollout.argoproj.io/revision';
const ROLLOUT_POD_HASH_LABEL = 'rollouts-pod-template-hash';
const conditionsOf = (status) => (Array.isArray(status.conditions) ? status.conditions.map(obj) : []);
/**
 * Whether the Rollout has finished: the controller has seen the current spec, nothing aborted or degraded it,
 * phase Healthy (older controllers without `phase`: condition Healthy or Available True) and the stable
 * ReplicaSet is the current pod hash with every desired replica updated and available. A paused Rollout (canary
 * pause step, `kubectl argo rollouts pause`) is not finished: `paused` is set so the caller can say so.
 */
function argoRolloutStatus(object) {
    const o = obj(object);
    const meta = obj(o.metadata);
    const spec = obj(o.spec);
    const status = obj(o.status);
    const name = text(meta.name);
    const conditions = conditionsOf(status);
    const fail = (why) => ({ error: why, done: false, message: '', paused: false });
    // observedGeneration is a string in the CRD; very old controllers wrote a spec hash there (not comparable).
    const observed = String(status.observedGeneration ?? '');
    if (/^\d+$/.test(observed) || observed === '') {
        if (int(meta.generation) > Number(observed || 0)) {
            return { done: false, message: 'Waiting for rollout spec update to be observed...\n', paused: false };
        }
    }
    const invalid = conditions.find((c) => c.type === 'InvalidSpec' && c.status === 'True');
    if (invalid)
        return fail(`rollout "${name}" has an invalid spec: ${text(invalid.message)}`);
    const phase = text(status.phase);
    const message = text(status.message);
    if (status.abort === true) {
        return fail(`rollout "${name}" was aborted${message ? `: ${message}` : ''}`);
    }
    if (phase === 'Degraded') {
        const progressing = conditions.find((c) => c.type === 'Progressing');
        const why = message || text(progressing?.message) || text(progressing?.reason);
        return fail(`rollout "${name}" is degraded${why ? `: ${why}` : ''}`);
    }
    const pauses = Array.isArray(status.pauseConditions) ? status.pauseConditions.map(obj) : [];
    if (phase === 'Paused' || pauses.length > 0 || spec.paused === true) {
        const reasons = pauses.map((p) => text(p.reason)).filter(Boolean);
        const step = stepText(o);
        const why = reasons.length > 0 ? reasons.join(', ') : message || 'paused';
        return { done: false, message: `rollout "${name}" is paused (${why})${step}\n`, paused: true };
    }
    const desired = typeof spec.replicas === 'number' ? spec.replicas : 1;
    const updated = int(status.updatedReplicas);
    const available = int(status.availableReplicas);
    const healthy = phase === 'Healthy' ||
        (phase === '' && conditions.some((c) => (c.type === 'Healthy' || c.type === 'Available') && c.status === 'True'));
    const stable = text(status.stableRS);
    const current = text(status.currentPodHash);
    const prefix = `Waiting for rollout "${name}" to finish: `;
    if (updated < desired) {
        return {
            done: false,
            message: `${prefix}${updated} out of ${desired} new replicas have been updated...\n`,
            paused: false,
        };
    }
    if (available < desired) {
        return {
            done: false,
            message: `${prefix}${available} of ${desired} updated replicas are available...\n`,
            paused: false,
        };
    }
    if (!current || stable !== current) {
        return {
            done: false,
            message: `${prefix}the stable ReplicaSet is not yet the new pod hash${stepText(o)}...\n`,
            paused: false,
        };
    }
    if (!healthy) {
        return {
            done: false,
            message: `${prefix}phase ${phase || 'unknown'}${message ? ` (${message})` : ''}...\n`,
            paused: false,
        };
    }
    return { done: true, message: `rollout "${name}" successfully rolled out\n`, paused: false };
}
/** ` at canary step 2/5` when the Rollout is a canary with steps. */
function stepText(o) {
    const steps = obj(obj(obj(o.spec).strategy).canary).steps;
    const index = obj(o.status).currentStepIndex;
    if (!Array.isArray(steps) || steps.length === 0 || typeof index !== 'number')
        return '';
    return ` at canary step ${Math.min(index + 1, steps.length)}/${steps.length}`;
}
/** `web: Progressing, step 2/5, 1/3 updated, 1 available`. */
function argoRolloutProgressLine(object) {
    const o = obj(object);
    const status = obj(o.status);
    const spec = obj(o.spec);
    const desired = typeof spec.replicas === 'number' ? spec.replicas : 1;
    const steps = obj(obj(spec.strategy).canary).steps;
    const index = status.currentStepIndex;
    const step = Array.isArray(steps) && steps.length > 0 && typeof index === 'number'
        ? `, step ${Math.min(index + 1, steps.length)}/${steps.length}`
        : '';
    return `${text(obj(o.metadata).name)}: ${text(status.phase) || 'Unknown'}${step}, ${int(status.updatedReplicas)}/${desired} updated, ${int(status.availableReplicas)} available`;
}
/**
 * The set-image body for a Rollout: a JSON merge patch (custom resources accept no strategic merge patch), so
 * each changed list is sent whole; `resourceVersion` makes the API server refuse it with 409 if the Rollout
 * changed since it was read, rather than overwrite a concurrent edit of the same list.
 */
function rolloutImagePatch(spec, resourceVersion, changes, changeCause) {
    const podPatch = {};
    for (const list of ['initContainers', 'containers']) {
        const changed = changes.filter((c) => c.list === list && c.previous !== c.image);
        if (changed.length === 0)
            continue;
        podPatch[list] = (spec[list] ?? []).map((c) => {
            const change = changed.find((x) => x.name === c.name);
            return change ? { ...c, image: change.image } : c;
        });
    }
    if (Object.keys(podPatch).length === 0)
        return undefined;
    const metadata = { resourceVersion };
    if (changeCause)
        metadata.annotations = { 'kubernetes.io/change-cause': changeCause };
    return { metadata, spec: { template: { spec: podPatch } } };
}
const revisionOfRs = (rs) => {
    const t = obj(obj(obj(rs).metadata).annotations)[ROLLOUT_REVISION_ANNOTATION];
    return typeof t === 'string' && /^\d+$/.test(t) ? Number(t) : undefined;
};
/**
 * `kubectl argo rollouts undo ROLLOUT`: the template of the ReplicaSet with the highest revision below the
 * current one, without the controller's pod-hash label, as a JSON patch replacing `spec.template` (guarded by a
 * test of resourceVersion). Rollouts that reference a Deployment (`spec.workloadRef`) are skipped.
 */
function rolloutUndo(rollout, replicaSets) {
    const r = obj(rollout);
    const name = text(obj(r.metadata).name);
    if (obj(r.spec).workloadRef !== undefined) {
        return { action: 'skip', reason: `rollout "${name}" uses workloadRef; undo it through the referenced Deployment` };
    }
    const owned = replicaSets
        .filter((rs) => (0,_revision__WEBPACK_IMPORTED_MODULE_0__/* .isControlledBy */ .Q6)(rs, rollout))
        .map((rs) => ({ rs: obj(rs), revision: revisionOfRs(rs) }))
        .filter((x) => x.revision !== undefined)
        .sort((a, b) => b.revision - a.revision);
    const current = revisionOfRs(rollout) ?? owned[0]?.revision;
    const previous = owned.find((x) => current === undefined || x.revision < current);
    if (!previous)
        return { action: 'skip', reason: `rollout "${name}" has no previous revision` };
    const template = structuredClone(obj(obj(previous.rs.spec).template));
    const labels = obj(obj(template.metadata).labels);
    delete labels[ROLLOUT_POD_HASH_LABEL];
    const resourceVersion = text(obj(r.metadata).resourceVersion);
    return {
        action: 'patch',
        patchType: 'json',
        body: [
            { op: 'test', path: '/metadata/resourceVersion', value: resourceVersion },
            { op: 'replace', path: '/spec/template', value: template },
        ],
        revision: previous.revision,
    };
}
/** The label of the current revision's pods, for the diagnosis. */
function rolloutPodLabel(rollout) {
    const hash = text(obj(obj(rollout).status).currentPodHash);
    return hash ? { [ROLLOUT_POD_HASH_LABEL]: hash } : undefined;
}


/***/ }),

/***/ 1125:
/***/ ((__unused_webpack_module, __webpack_exports__, __webpack_require__) => {

/* harmony export */ __webpack_require__.d(__webpack_exports__, {
/* harmony export */   Q: () => (/* binding */ parseGoDuration),
/* harmony export */   a: () => (/* binding */ formatDuration)
/* harmony export */ });
/** Go's time.ParseDuration, for the durations users already write for kubectl (`90s`, `5m`, `1h30m`, `500ms`). */
const unitMs = {
    ns: 1e-6,
    us: 1e-3,
    µs: 1e-3,
    μs: 1e-3,
    ms: 1,
    s: 1000,
    m: 60_000,
    h: 3_600_000,
};
/** Milliseconds, or undefined when `text` is not a Go duration. A bare `0` is allowed, as in Go. */
function parseGoDuration(text) {
    let s = text.trim();
    if (s === '')
        return undefined;
    let sign = 1;
    if (s[0] === '-' || s[0] === '+') {
        if (s[0] === '-')
            sign = -1;
        s = s.slice(1);
    }
    if (s === '0')
        return 0;
    if (s === '')
        return undefined;
    const part = /^(\d+(?:\.\d*)?|\.\d+)(ns|us|µs|μs|ms|s|m|h)/;
    let total = 0;
    while (s !== '') {
        const m = part.exec(s);
        if (!m)
            return undefined;
        total += Number(m[1]) * unitMs[m[2]];
        s = s.slice(m[0].length);
    }
    return sign * total;
}
/** `1h30m0s`-like rendering for log lines (whole seconds; under a second in ms). */
function formatDuration(ms) {
    if (ms < 1000)
        return `${Math.round(ms)}ms`;
    let rest = Math.round(ms / 1000);
    const h = Math.floor(rest / 3600);
    rest -= h * 3600;
    const m = Math.floor(rest / 60);
    const s = rest - m * 60;
    return `${h ? `${h}h` : ''}${h || m ? `${m}m` : ''}${s}s`;
}


/***/ }),

/***/ 1432:
/***/ ((__unused_webpack_module, __webpack_exports__, __webpack_require__) => {

/* harmony export */ __webpack_require__.d(__webpack_exports__, {
/* harmony export */   DT: () => (/* binding */ revisionOf),
/* harmony export */   MM: () => (/* binding */ deploymentRollback),
/* harmony export */   Q6: () => (/* binding */ isControlledBy),
/* harmony export */   VH: () => (/* binding */ formatSelector),
/* harmony export */   c9: () => (/* binding */ controllerRevisionRollback),
/* harmony export */   v0: () => (/* binding */ newRevisionPodLabel),
/* harmony export */   wB: () => (/* binding */ REVISION_ANNOTATION)
/* harmony export */ });
/* unused harmony exports newReplicaSet, sameJson */
/* harmony import */ var _errors__WEBPACK_IMPORTED_MODULE_0__ = __webpack_require__(4296);
/**
 * Revisions of a workload: which pods belong to the new one (for the diagnosis), and what `kubectl rollout undo`
 * restores (the previous ReplicaSet's template for a Deployment, the previous ControllerRevision otherwise).
 */

const obj = (v) => (v && typeof v === 'object' ? v : {});
const meta = (o) => obj(obj(o).metadata);
const str = (v) => obj(v);
const REVISION_ANNOTATION = 'deployment.kubernetes.io/revision';
const POD_TEMPLATE_HASH = 'pod-template-hash';
const CONTROLLER_REVISION_HASH = 'controller-revision-hash';
/** A label selector object (`spec.selector`) as the `labelSelector` query parameter. */
function formatSelector(selector, extra = {}) {
    const s = obj(selector);
    const parts = Object.entries({ ...str(s.matchLabels), ...extra }).map(([k, v]) => `${k}=${v}`);
    for (const e of Array.isArray(s.matchExpressions) ? s.matchExpressions.map(obj) : []) {
        const values = Array.isArray(e.values) ? e.values.map(String).join(',') : '';
        const key = String(e.key);
        if (e.operator === 'In')
            parts.push(`${key} in (${values})`);
        else if (e.operator === 'NotIn')
            parts.push(`${key} notin (${values})`);
        else if (e.operator === 'Exists')
            parts.push(key);
        else if (e.operator === 'DoesNotExist')
            parts.push(`!${key}`);
    }
    return parts.join(',');
}
/** True when `child` names `owner` (by uid) as its controller. */
function isControlledBy(child, owner) {
    const uid = meta(owner).uid;
    const refs = Array.isArray(meta(child).ownerReferences) ? meta(child).ownerReferences : [];
    return uid !== undefined && refs.some((r) => obj(r).controller === true && obj(r).uid === uid);
}
/** `deployment.kubernetes.io/revision` as a number, or undefined when missing or not an integer. */
function revisionOf(object) {
    const text = str(meta(object).annotations)[REVISION_ANNOTATION];
    return text !== undefined && /^\d+$/.test(text) ? Number(text) : undefined;
}
/** The ReplicaSet of the Deployment's current revision (by revision annotation, else the newest). */
function newReplicaSet(deployment, replicaSets) {
    const owned = replicaSets.filter((rs) => isControlledBy(rs, deployment)).map(obj);
    const want = revisionOf(deployment);
    const byRevision = owned.find((rs) => want !== undefined && revisionOf(rs) === want);
    if (byRevision)
        return byRevision;
    return [...owned].sort((a, b) => (revisionOf(b) ?? -1) - (revisionOf(a) ?? -1))[0];
}
/** The label that marks the new revision's pods (`pod-template-hash` or `controller-revision-hash`). */
function newRevisionPodLabel(kind, object, history) {
    if (kind === 'Deployment') {
        const rs = newReplicaSet(object, history);
        const hash = str(meta(obj(obj(rs).spec).template).labels)[POD_TEMPLATE_HASH] ?? str(meta(rs).labels)[POD_TEMPLATE_HASH];
        return hash ? { [POD_TEMPLATE_HASH]: hash } : undefined;
    }
    if (kind === 'StatefulSet') {
        const rev = obj(obj(object).status).updateRevision;
        return typeof rev === 'string' && rev ? { [CONTROLLER_REVISION_HASH]: rev } : undefined;
    }
    const latest = sortedHistory(object, history).at(-1);
    if (!latest)
        return undefined;
    const hash = str(meta(latest).labels)[CONTROLLER_REVISION_HASH] ?? String(meta(latest).name).split('-').at(-1);
    return hash ? { [CONTROLLER_REVISION_HASH]: hash } : undefined;
}
function sortedHistory(object, history) {
    const revisionNumber = (h) => (typeof h.revision === 'number' ? h.revision : 0);
    return history
        .filter((h) => isControlledBy(h, object))
        .map(obj)
        .sort((a, b) => revisionNumber(a) - revisionNumber(b));
}
/** Annotations kept from the Deployment, never copied from the ReplicaSet (kubectl's list). */
const annotationsToSkip = [
    'kubectl.kubernetes.io/last-applied-configuration',
    'deprecated.deployment.rollback.to',
    REVISION_ANNOTATION,
    'deployment.kubernetes.io/revision-history',
    'deployment.kubernetes.io/desired-replicas',
    'deployment.kubernetes.io/max-replicas',
];
/** `kubectl rollout undo deployment/NAME`: the previous ReplicaSet's template, as a JSON patch. */
function deploymentRollback(deployment, replicaSets) {
    const d = obj(deployment);
    const name = String(meta(d).name);
    let latest;
    let previous;
    for (const rs of replicaSets.filter((r) => isControlledBy(r, d)).map(obj)) {
        const rev = revisionOf(rs);
        if (rev === undefined)
            continue;
        if (!latest || rev > latest.rev) {
            previous = latest;
            latest = { rs, rev };
        }
        else if (!previous || rev > previous.rev) {
            previous = { rs, rev };
        }
    }
    if (!previous)
        throw new _errors__WEBPACK_IMPORTED_MODULE_0__/* .CdpackError */ .xd(`no rollout history found for deployment "${name}"`);
    if (obj(d.spec).paused === true) {
        throw new _errors__WEBPACK_IMPORTED_MODULE_0__/* .CdpackError */ .xd(`you cannot rollback a paused deployment; resume it first with 'kubectl rollout resume deployment/${name}' and try again`);
    }
    const template = structuredClone(obj(obj(previous.rs.spec).template));
    const current = obj(obj(d.spec).template);
    if (sameJson(withoutHash(template), withoutHash(current))) {
        return { action: 'skip', reason: `current template already matches revision ${previous.rev}` };
    }
    const cleaned = withoutHash(template);
    const annotations = {};
    const own = str(meta(d).annotations);
    for (const key of annotationsToSkip)
        if (own[key] !== undefined)
            annotations[key] = own[key];
    for (const [k, v] of Object.entries(str(meta(previous.rs).annotations))) {
        if (!annotationsToSkip.includes(k))
            annotations[k] = v;
    }
    return {
        action: 'patch',
        patchType: 'json',
        body: [
            { op: 'replace', path: '/spec/template', value: cleaned },
            { op: 'replace', path: '/metadata/annotations', value: annotations },
        ],
        revision: previous.rev,
    };
}
/** `kubectl rollout undo` for a StatefulSet or DaemonSet: the previous ControllerRevision's data, as sent. */
function controllerRevisionRollback(object, history) {
    const sorted = sortedHistory(object, history);
    if (sorted.length <= 1)
        throw new _errors__WEBPACK_IMPORTED_MODULE_0__/* .CdpackError */ .xd('no last revision to roll back to');
    const target = sorted[sorted.length - 2];
    const data = obj(target.data);
    const revision = typeof target.revision === 'number' ? target.revision : 0;
    const stored = structuredClone(obj(obj(data.spec).template));
    delete stored.$patch;
    if (sameJson(stored, obj(obj(obj(object).spec).template))) {
        return { action: 'skip', reason: `current template already matches revision ${revision}` };
    }
    return { action: 'patch', patchType: 'strategic', body: data, revision };
}
function withoutHash(template) {
    const copy = structuredClone(template);
    const m = obj(copy.metadata);
    const labels = m.labels ? { ...str(m.labels) } : undefined;
    if (labels) {
        delete labels[POD_TEMPLATE_HASH];
        copy.metadata = { ...m, labels };
    }
    return copy;
}
/** Deep equality of JSON values, key order ignored (what Go's semantic equality amounts to for these objects). */
function sameJson(a, b) {
    if (a === b)
        return true;
    if (Array.isArray(a) || Array.isArray(b)) {
        return Array.isArray(a) && Array.isArray(b) && a.length === b.length && a.every((x, i) => sameJson(x, b[i]));
    }
    if (!a || !b || typeof a !== 'object' || typeof b !== 'object')
        return false;
    const ka = Object.keys(a).filter((k) => a[k] !== undefined);
    const kb = Object.keys(b).filter((k) => b[k] !== undefined);
    return ka.length === kb.length && ka.every((k) => sameJson(a[k], b[k]));
}


/***/ }),

/***/ 3634:
/***/ ((__unused_webpack_module, __webpack_exports__, __webpack_require__) => {

/* harmony export */ __webpack_require__.d(__webpack_exports__, {
/* harmony export */   g: () => (/* binding */ sanitizeLine),
/* harmony export */   o: () => (/* binding */ tailLines)
/* harmony export */ });
/* harmony import */ var _text_control__WEBPACK_IMPORTED_MODULE_0__ = __webpack_require__(5778);
/**
 * API content (pod messages, events, logs) is untrusted: control characters escaped (core/text/control), the bidi
 * controls that would reorder what is shown escaped too, lengths capped.
 */

const isBidiControl = (code) => (code >= 0x202a && code <= 0x202e) || (code >= 0x2066 && code <= 0x2069);
/** One line of text: control characters (newlines included) shown as escapes, at most `max` characters. */
function sanitizeLine(text, max = 300) {
    let s = '';
    for (const c of (0,_text_control__WEBPACK_IMPORTED_MODULE_0__/* .escapeControlLine */ .HZ)(String(text ?? ''))) {
        const code = c.charCodeAt(0);
        s += isBidiControl(code) ? `\\u${code.toString(16).padStart(4, '0')}` : c;
        if (s.length > max)
            return `${s.slice(0, max)}…`;
    }
    return s;
}
/** The last `lines` lines of a log, each sanitised. */
function tailLines(text, lines, maxLine = 200) {
    const all = text.replace(/\r?\n$/, '').split(/\r?\n/);
    return (all.length === 1 && all[0] === '' ? [] : all.slice(-lines)).map((l) => sanitizeLine(l, maxLine));
}


/***/ }),

/***/ 5420:
/***/ ((__unused_webpack_module, __webpack_exports__, __webpack_require__) => {

/* harmony export */ __webpack_require__.d(__webpack_exports__, {
/* harmony export */   CS: () => (/* binding */ uniqueRefs),
/* harmony export */   du: () => (/* binding */ objectPath),
/* harmony export */   iD: () => (/* binding */ parseWorkloadRef),
/* harmony export */   yb: () => (/* binding */ collectionPath)
/* harmony export */ });
/* unused harmony export kindInfo */
/* harmony import */ var _errors__WEBPACK_IMPORTED_MODULE_0__ = __webpack_require__(4296);
/**
 * Workload references as kubectl reads them (`deployment/web`, `deploy/web`, `sts/db`, ...) and the API
 * paths of the objects they name.
 */

const kinds = [
    { kind: 'Deployment', resource: 'deployments', group: 'apps', version: 'v1' },
    { kind: 'StatefulSet', resource: 'statefulsets', group: 'apps', version: 'v1' },
    { kind: 'DaemonSet', resource: 'daemonsets', group: 'apps', version: 'v1' },
    { kind: 'CronJob', resource: 'cronjobs', group: 'batch', version: 'v1' },
    // Argo Rollouts' CRD; `ro` is its short name.
    { kind: 'Rollout', resource: 'rollouts', group: 'argoproj.io', version: 'v1alpha1' },
];
/** Every spelling kubectl accepts for these kinds: singular, plural, short name, Kind, and group-qualified forms. */
const aliases = new Map();
for (const [kind, short] of [
    ['Deployment', 'deploy'],
    ['StatefulSet', 'sts'],
    ['DaemonSet', 'ds'],
    ['CronJob', 'cj'],
    ['Rollout', 'ro'],
]) {
    const info = kinds.find((k) => k.kind === kind);
    const singular = kind.toLowerCase();
    for (const name of [singular, info.resource, short]) {
        aliases.set(name, kind);
        aliases.set(`${name}.${info.group}`, kind);
    }
}
/** RFC 1123 subdomain: what the API server accepts as these objects' names. */
const nameRe = /^[a-z0-9]([-a-z0-9]*[a-z0-9])?(\.[a-z0-9]([-a-z0-9]*[a-z0-9])?)*$/;
/** Parses `kind/name`; `allowed` limits the kinds (verify-rollout has no status for CronJob). */
function parseWorkloadRef(input, text, allowed = kinds.map((k) => k.kind)) {
    const slash = text.indexOf('/');
    const expected = allowed.map((k) => `${k.toLowerCase()}/NAME`).join(', ');
    if (slash <= 0 || slash === text.length - 1) {
        throw new _errors__WEBPACK_IMPORTED_MODULE_0__/* .InputError */ .dz(input, `'${text}' is not a workload: expected ${expected}`);
    }
    const kindText = text.slice(0, slash).toLowerCase();
    const name = text.slice(slash + 1);
    const kind = aliases.get(kindText);
    if (!kind || !allowed.includes(kind)) {
        throw new _errors__WEBPACK_IMPORTED_MODULE_0__/* .InputError */ .dz(input, `unknown workload kind '${text.slice(0, slash)}' in '${text}': expected ${expected}`);
    }
    if (name.length > 253 || !nameRe.test(name)) {
        throw new _errors__WEBPACK_IMPORTED_MODULE_0__/* .InputError */ .dz(input, `'${name}' in '${text}' is not a valid object name (lowercase RFC 1123 subdomain)`);
    }
    return { kind, name, display: `${kind.toLowerCase()}/${name}` };
}
function kindInfo(kind) {
    return kinds.find((k) => k.kind === kind);
}
/** `/apis/apps/v1/namespaces/<ns>/deployments` (the collection, for list and watch). */
function collectionPath(kind, namespace) {
    const info = kindInfo(kind);
    return `/apis/${info.group}/${info.version}/namespaces/${encodeURIComponent(namespace)}/${info.resource}`;
}
function objectPath(ref, namespace) {
    return `${collectionPath(ref.kind, namespace)}/${encodeURIComponent(ref.name)}`;
}
/** Distinct references in input order (the same workload twice is one). */
function uniqueRefs(refs) {
    const seen = new Set();
    return refs.filter((r) => {
        if (seen.has(r.display))
            return false;
        seen.add(r.display);
        return true;
    });
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

/***/ 210:
/***/ ((__unused_webpack_module, __webpack_exports__, __webpack_require__) => {

/* harmony export */ __webpack_require__.d(__webpack_exports__, {
/* harmony export */   Hk: () => (/* binding */ safeText),
/* harmony export */   U7: () => (/* binding */ KubeConfigError),
/* harmony export */   W3: () => (/* binding */ KubeApiError),
/* harmony export */   dx: () => (/* binding */ ExecPluginError)
/* harmony export */ });
/* harmony import */ var _core_errors__WEBPACK_IMPORTED_MODULE_0__ = __webpack_require__(4296);
/** Errors of the Kubernetes client, and the one place where text from the API server is made safe to print. */

const maxMessageLength = 500;
/**
 * Text from outside (an API server's Status message, a plugin's stderr) made safe for a log line: control
 * characters escaped, length capped.
 */
function safeText(text, max = maxMessageLength) {
    // biome-ignore lint/suspicious/noControlCharactersInRegex: escaping control characters is the point
    const escaped = text.replace(/[\u0000-\u001f\u007f-\u009f]/g, (c) => c === '\n' ? '\\n' : `\\u${c.charCodeAt(0).toString(16).padStart(4, '0')}`);
    return escaped.length > max ? `${escaped.slice(0, max)}… (${escaped.length - max} more characters)` : escaped;
}
/** An answer of the API server that is not a success: its HTTP status and the Status object's reason and message. */
class KubeApiError extends _core_errors__WEBPACK_IMPORTED_MODULE_0__/* .CdpackError */ .xd {
    status;
    reason;
    detail;
    method;
    path;
    name = 'KubeApiError';
    constructor(status, 
    /** The Status object's `reason` (NotFound, Forbidden, Conflict, Expired, ...), or '' when it gave none. */
    reason, 
    /** The Status object's message, sanitised and capped. */
    detail, method, path) {
        super(`${method} ${safeText(path, 200)}: ${detail || reason || 'no message'} (HTTP ${status}${reason ? ` ${reason}` : ''})`);
        this.status = status;
        this.reason = reason;
        this.detail = detail;
        this.method = method;
        this.path = path;
    }
}
/** A kubeconfig (or in-cluster credential) that cannot be used; names the file or input it came from. */
class KubeConfigError extends _core_errors__WEBPACK_IMPORTED_MODULE_0__/* .CdpackError */ .xd {
    name = 'KubeConfigError';
}
/** An exec credential plugin that failed or answered something unusable. */
class ExecPluginError extends _core_errors__WEBPACK_IMPORTED_MODULE_0__/* .CdpackError */ .xd {
    name = 'ExecPluginError';
}


/***/ }),

/***/ 848:
/***/ ((__unused_webpack_module, __webpack_exports__, __webpack_require__) => {

/* harmony export */ __webpack_require__.d(__webpack_exports__, {
/* harmony export */   Mz: () => (/* binding */ ExecCredentialProvider),
/* harmony export */   w5: () => (/* binding */ maskMultiline)
/* harmony export */ });
/* unused harmony exports resolvePluginCommand, execInfo, parseExecCredential */
/* harmony import */ var node_fs__WEBPACK_IMPORTED_MODULE_0__ = __webpack_require__(3024);
/* harmony import */ var node_fs__WEBPACK_IMPORTED_MODULE_0___default = /*#__PURE__*/__webpack_require__.n(node_fs__WEBPACK_IMPORTED_MODULE_0__);
/* harmony import */ var node_path__WEBPACK_IMPORTED_MODULE_1__ = __webpack_require__(6760);
/* harmony import */ var node_path__WEBPACK_IMPORTED_MODULE_1___default = /*#__PURE__*/__webpack_require__.n(node_path__WEBPACK_IMPORTED_MODULE_1__);
/* harmony import */ var _exec__WEBPACK_IMPORTED_MODULE_2__ = __webpack_require__(2122);
/* harmony import */ var _errors__WEBPACK_IMPORTED_MODULE_3__ = __webpack_require__(210);
/**
 * Exec credential plugins (client.authentication.k8s.io/v1 and v1beta1), as client-go runs them: the
 * command (relative to the kubeconfig's directory when it contains a path separator, else from PATH), its
 * args and env on top of ours, KUBERNETES_EXEC_INFO (with the cluster when provideClusterInfo), never
 * interactive. The answer is validated, every secret in it handed to `setSecret` before anything is logged,
 * and cached until its expirationTimestamp.
 */




function isExecutable(path) {
    try {
        (0,node_fs__WEBPACK_IMPORTED_MODULE_0__.accessSync)(path, node_fs__WEBPACK_IMPORTED_MODULE_0__.constants.X_OK);
        return true;
    }
    catch {
        return false;
    }
}
/** Where client-go would find the plugin: a path with a separator is relative to the kubeconfig; a bare name is looked up on PATH. */
function resolvePluginCommand(exec, env) {
    if (exec.command.includes(node_path__WEBPACK_IMPORTED_MODULE_1__.sep) || exec.command.includes('/')) {
        const full = (0,node_path__WEBPACK_IMPORTED_MODULE_1__.isAbsolute)(exec.command) ? exec.command : (0,node_path__WEBPACK_IMPORTED_MODULE_1__.join)(exec.baseDir, exec.command);
        return isExecutable(full) ? full : undefined;
    }
    for (const dir of (env.PATH ?? '').split(node_path__WEBPACK_IMPORTED_MODULE_1__.delimiter)) {
        if (!dir)
            continue;
        const full = (0,node_path__WEBPACK_IMPORTED_MODULE_1__.join)(dir, exec.command);
        if (isExecutable(full))
            return full;
    }
    return undefined;
}
/** The KUBERNETES_EXEC_INFO value: always `interactive: false` (CI has no terminal), the cluster when asked for. */
function execInfo(exec, cluster) {
    const spec = { interactive: false };
    if (exec.provideClusterInfo) {
        const c = { server: cluster.server };
        if (cluster.tlsServerName)
            c['tls-server-name'] = cluster.tlsServerName;
        if (cluster.insecureSkipTlsVerify)
            c['insecure-skip-tls-verify'] = true;
        if (cluster.certificateAuthority) {
            c['certificate-authority-data'] = Buffer.from(cluster.certificateAuthority).toString('base64');
        }
        if (cluster.proxyUrl)
            c['proxy-url'] = cluster.proxyUrl;
        if (cluster.disableCompression)
            c['disable-compression'] = true;
        if (cluster.execExtension !== undefined)
            c.config = cluster.execExtension;
        spec.cluster = c;
    }
    return JSON.stringify({ apiVersion: exec.apiVersion, kind: 'ExecCredential', spec });
}
/** Masks a secret whole and, when it spans lines (a PEM key), each line too: logs show text line by line. */
function maskMultiline(setSecret, secret) {
    setSecret(secret);
    if (!secret.includes('\n'))
        return;
    for (const raw of secret.split('\n')) {
        const line = raw.trim();
        if (line.length >= 8 && !line.startsWith('-----'))
            setSecret(line);
    }
}
function pluginName(exec) {
    return `exec plugin '${(0,_errors__WEBPACK_IMPORTED_MODULE_3__/* .safeText */ .Hk)(exec.command, 200)}'`;
}
/**
 * Reads a plugin's stdout. Every secret in it goes to `setSecret` first, so that no later error or log
 * line can show it; errors never quote the output.
 */
function parseExecCredential(stdout, exec, setSecret) {
    const name = pluginName(exec);
    let doc;
    try {
        doc = JSON.parse(stdout);
    }
    catch {
        if (stdout.trim())
            setSecret(stdout.trim());
        throw new _errors__WEBPACK_IMPORTED_MODULE_3__/* .ExecPluginError */ .dx(`${name}: its output is not an ExecCredential (not JSON)`);
    }
    const d = (typeof doc === 'object' && doc !== null ? doc : {});
    const status = d.status;
    for (const secret of [status?.token, status?.clientKeyData, status?.clientCertificateData]) {
        if (typeof secret === 'string' && secret)
            maskMultiline(setSecret, secret);
    }
    if (d.kind !== 'ExecCredential')
        throw new _errors__WEBPACK_IMPORTED_MODULE_3__/* .ExecPluginError */ .dx(`${name}: its output is not an ExecCredential (kind '${(0,_errors__WEBPACK_IMPORTED_MODULE_3__/* .safeText */ .Hk)(String(d.kind ?? ''), 60)}')`);
    if (d.apiVersion !== exec.apiVersion) {
        throw new _errors__WEBPACK_IMPORTED_MODULE_3__/* .ExecPluginError */ .dx(`${name}: it answered apiVersion '${(0,_errors__WEBPACK_IMPORTED_MODULE_3__/* .safeText */ .Hk)(String(d.apiVersion ?? ''), 80)}', the kubeconfig asks for '${exec.apiVersion}'`);
    }
    if (typeof status !== 'object' || status === null)
        throw new _errors__WEBPACK_IMPORTED_MODULE_3__/* .ExecPluginError */ .dx(`${name}: its ExecCredential has no status`);
    const token = typeof status.token === 'string' && status.token ? status.token : undefined;
    const cert = typeof status.clientCertificateData === 'string' && status.clientCertificateData
        ? status.clientCertificateData
        : undefined;
    const key = typeof status.clientKeyData === 'string' && status.clientKeyData ? status.clientKeyData : undefined;
    if (Boolean(cert) !== Boolean(key)) {
        throw new _errors__WEBPACK_IMPORTED_MODULE_3__/* .ExecPluginError */ .dx(`${name}: it returned only ${cert ? 'clientCertificateData' : 'clientKeyData'}; a client certificate needs both`);
    }
    if (!token && !cert)
        throw new _errors__WEBPACK_IMPORTED_MODULE_3__/* .ExecPluginError */ .dx(`${name}: it returned neither a token nor a client certificate and key`);
    const credential = {};
    if (token)
        credential.token = token;
    if (cert && key) {
        credential.clientCertificate = cert;
        credential.clientKey = key;
    }
    if (status.expirationTimestamp !== undefined && status.expirationTimestamp !== null) {
        const at = typeof status.expirationTimestamp === 'string' ? Date.parse(status.expirationTimestamp) : Number.NaN;
        if (Number.isNaN(at))
            throw new _errors__WEBPACK_IMPORTED_MODULE_3__/* .ExecPluginError */ .dx(`${name}: expirationTimestamp is not an RFC 3339 time`);
        credential.expiresAt = at;
    }
    return credential;
}
/** Runs the plugin on demand and caches its answer until it expires or the server rejects it. */
class ExecCredentialProvider {
    exec;
    options;
    cached;
    pending;
    /** How often the plugin ran (tests check the cache). */
    runs = 0;
    constructor(exec, options) {
        this.exec = exec;
        this.options = options;
    }
    /** The cached credential while it is valid, else a fresh one (concurrent callers share one run). */
    get() {
        const now = (this.options.now ?? Date.now)();
        if (this.cached && (this.cached.expiresAt === undefined || this.cached.expiresAt > now)) {
            return Promise.resolve(this.cached);
        }
        this.pending ??= this.runPlugin().finally(() => {
            this.pending = undefined;
        });
        return this.pending;
    }
    /** Forgets the cached credential (after a 401 with it). */
    invalidate(credential) {
        if (this.cached === credential)
            this.cached = undefined;
    }
    async runPlugin() {
        const { exec, options } = this;
        const name = pluginName(exec);
        if (exec.interactiveMode === 'Always') {
            throw new _errors__WEBPACK_IMPORTED_MODULE_3__/* .ExecPluginError */ .dx(`${name}: interactiveMode is Always, but this step runs without a terminal; use a plugin (or its options) that runs with interactiveMode Never or IfAvailable`);
        }
        const file = resolvePluginCommand(exec, options.env);
        if (!file) {
            const hint = exec.installHint ? `; ${(0,_errors__WEBPACK_IMPORTED_MODULE_3__/* .safeText */ .Hk)(exec.installHint, 400)}` : '';
            throw new _errors__WEBPACK_IMPORTED_MODULE_3__/* .ExecPluginError */ .dx(`${name}: executable not found${hint}`);
        }
        const env = { ...options.env };
        for (const { name: key, value } of exec.env)
            env[key] = value;
        env.KUBERNETES_EXEC_INFO = execInfo(exec, options.cluster);
        const run = options.run ??
            ((f, a, o) => (0,_exec__WEBPACK_IMPORTED_MODULE_2__/* .execTool */ .w)(f, a, {
                ...o,
                ...(options.log ? { output: { log: options.log, stdout: 'none', stderr: 'debug' } } : {}),
            }));
        this.runs++;
        let result;
        try {
            result = await run(file, exec.args, { env });
        }
        catch (e) {
            throw new _errors__WEBPACK_IMPORTED_MODULE_3__/* .ExecPluginError */ .dx(`${name}: could not be started (${(0,_errors__WEBPACK_IMPORTED_MODULE_3__/* .safeText */ .Hk)(e.message, 200)})`);
        }
        if (result.code !== 0) {
            // stdout may hold a partial credential: mask it, never show it.
            if (result.stdout.trim())
                options.setSecret(result.stdout.trim());
            const stderr = result.stderr.trim();
            throw new _errors__WEBPACK_IMPORTED_MODULE_3__/* .ExecPluginError */ .dx(`${name}: exited with code ${result.code}${stderr ? `: ${(0,_errors__WEBPACK_IMPORTED_MODULE_3__/* .safeText */ .Hk)(stderr.slice(-400), 400)}` : ''}`);
        }
        // The whole answer too (its secrets are masked one by one below; its other lines are ordinary words).
        if (result.stdout.trim())
            options.setSecret(result.stdout.trim());
        const credential = parseExecCredential(result.stdout, exec, options.setSecret);
        this.cached = credential;
        return credential;
    }
}


/***/ }),

/***/ 144:
/***/ ((__unused_webpack_module, __webpack_exports__, __webpack_require__) => {

/* harmony export */ __webpack_require__.d(__webpack_exports__, {
/* harmony export */   BY: () => (/* binding */ KubeTransport),
/* harmony export */   Dr: () => (/* reexport safe */ _http_client__WEBPACK_IMPORTED_MODULE_0__.Dr),
/* harmony export */   G4: () => (/* binding */ isAborted)
/* harmony export */ });
/* harmony import */ var _http_client__WEBPACK_IMPORTED_MODULE_0__ = __webpack_require__(3821);
/* harmony import */ var _http_lines__WEBPACK_IMPORTED_MODULE_1__ = __webpack_require__(8903);
/**
 * The Kubernetes client's view of the shared HTTP layer (tools/http): one HttpClient per client
 * certificate (an exec plugin may hand out a new one), the cluster's CA alone (not the system's, as
 * kubectl), its TLS server name and proxy, and a line reader for watch streams.
 */



/** True for a failure caused by the caller's AbortSignal. */
function isAborted(e) {
    return e instanceof _http_client__WEBPACK_IMPORTED_MODULE_0__/* .NetworkError */ .Dr && e.code === 'ABORTED';
}
class KubeTransport {
    options;
    /** By client certificate ('' for none). */
    clients = new Map();
    constructor(options = {}) {
        this.options = options;
    }
    clientFor(cert) {
        const key = cert ? `${cert.cert}\n${cert.key}` : '';
        let client = this.clients.get(key);
        if (!client) {
            const o = this.options;
            client = new _http_client__WEBPACK_IMPORTED_MODULE_0__/* .HttpClient */ .Qq({
                rejectUnauthorized: o.insecureSkipTlsVerify !== true,
                ...(o.ca ? { ca: o.ca, systemCa: false } : {}),
                ...(o.servername ? { servername: o.servername } : {}),
                ...(o.proxyUrl ? { proxy: o.proxyUrl } : {}),
                ...(cert ? { cert: cert.cert, key: cert.key } : {}),
                ...(o.connectTimeoutMs ? { connectTimeoutMs: o.connectTimeoutMs } : {}),
                idleTimeoutMs: o.idleTimeoutMs ?? 60_000,
                // The API server does not redirect; a redirect elsewhere must not carry credentials anyway.
                maxRedirects: 0,
            });
            this.clients.set(key, client);
        }
        return client;
    }
    async request(req) {
        const res = await this.clientFor(req.clientCertificate).request({
            method: req.method,
            url: req.url,
            headers: req.headers,
            ...(req.body ? { body: req.body } : {}),
            ...(req.signal ? { signal: req.signal } : {}),
            ...(req.idleTimeoutMs !== undefined ? { idleTimeoutMs: req.idleTimeoutMs } : {}),
        });
        const dropped = (e) => {
            if (e instanceof _http_client__WEBPACK_IMPORTED_MODULE_0__/* .NetworkError */ .Dr)
                return e;
            const code = e.code;
            return new _http_client__WEBPACK_IMPORTED_MODULE_0__/* .NetworkError */ .Dr(req.url, code === 'ERR_STREAM_PREMATURE_CLOSE' || !code ? 'ECONNRESET' : code, 'the connection dropped mid-answer');
        };
        return {
            status: res.status,
            headers: res.headers,
            text: async () => {
                try {
                    const text = await res.text();
                    if (!res.body.complete)
                        throw dropped(new Error('incomplete'));
                    return text;
                }
                catch (e) {
                    throw dropped(e);
                }
            },
            async *lines() {
                try {
                    yield* (0,_http_lines__WEBPACK_IMPORTED_MODULE_1__/* .lines */ .Mn)(res.body);
                }
                catch (e) {
                    throw dropped(e);
                }
                if (!res.body.complete)
                    throw dropped(new Error('incomplete'));
            },
            discard: () => {
                res.body.destroy();
            },
        };
    }
    close() {
        for (const client of this.clients.values())
            client.close();
        this.clients.clear();
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
