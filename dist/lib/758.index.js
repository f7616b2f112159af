export const id = 758;
export const ids = [758];
export const modules = {

/***/ 7600:
/***/ ((__unused_webpack_module, __webpack_exports__, __webpack_require__) => {

/* harmony export */ __webpack_require__.d(__webpack_exports__, {
/* harmony export */   F2: () => (/* binding */ parseReference),
/* harmony export */   FH: () => (/* binding */ formatReference),
/* harmony export */   Fv: () => (/* binding */ registryOf),
/* harmony export */   Mb: () => (/* binding */ registryApiHost),
/* harmony export */   Pc: () => (/* binding */ normalizeName),
/* harmony export */   RB: () => (/* binding */ sameRepository),
/* harmony export */   fH: () => (/* binding */ isValidDigest),
/* harmony export */   fu: () => (/* binding */ SHA256_DIGEST),
/* harmony export */   i8: () => (/* binding */ registryOfAuthKey),
/* harmony export */   l5: () => (/* binding */ normalizeRegistry),
/* harmony export */   r_: () => (/* binding */ isValidTag),
/* harmony export */   s: () => (/* binding */ digestIn),
/* harmony export */   s5: () => (/* binding */ splitImage),
/* harmony export */   tO: () => (/* binding */ normalizeReference)
/* harmony export */ });
/* unused harmony export DOCKER_HUB */
/**
 * Everything cdpack knows about image references, in one place: the grammar of
 * `[domain/]path[:tag][@digest]` (distribution/reference; ../shared/oracles/IMAGE_REFERENCE.md
 * restates it), Docker Hub normalisation, registry hosts and the sha256 digest form.
 */
const alnum = '[a-z0-9]+';
const separator = '(?:[._]|__|[-]+)';
const pathComponent = `${alnum}(?:${separator}${alnum})*`;
const domainComponent = '(?:[a-zA-Z0-9]|[a-zA-Z0-9][a-zA-Z0-9-]*[a-zA-Z0-9])';
const ipv6 = '\\[(?:[a-fA-F0-9:]+)\\]';
const host = `(?:${domainComponent}(?:\\.${domainComponent})*|${ipv6})`;
const domain = `${host}(?::[0-9]+)?`;
const tagPattern = '[\\w][\\w.-]{0,127}';
const digestPattern = '[A-Za-z][A-Za-z0-9]*(?:[-_+.][A-Za-z][A-Za-z0-9]*)*:[0-9a-fA-F]{32,}';
const referenceRe = new RegExp(`^((?:${domain}/)?${pathComponent}(?:/${pathComponent})*)(?::(${tagPattern}))?(?:@(${digestPattern}))?$`);
const domainRe = new RegExp(`^${domain}$`);
const tagRe = new RegExp(`^${tagPattern}$`);
/** A sha256 digest as registries and tools print it (lowercase hex only). */
const SHA256_DIGEST = 'sha256:[a-f0-9]{64}';
const sha256DigestRe = new RegExp(`^${SHA256_DIGEST}$`);
/** Docker Hub's name in normalised references. */
const DOCKER_HUB = 'docker.io';
/** Parses a reference with Docker's registry split but no Docker Hub normalisation (`nginx` has no domain). */
function parseReference(text) {
    const m = referenceRe.exec(text);
    if (!m) {
        if (referenceRe.test(text.toLowerCase()))
            return { ok: false, reason: 'repository name must be lowercase' };
        return { ok: false, reason: 'invalid reference format' };
    }
    const name = m[1];
    const { domain, path } = splitDomain(name);
    if (path.length > 255)
        return { ok: false, reason: 'repository name must not be more than 255 characters' };
    const digest = m[3];
    if (digest !== undefined && !sha256DigestRe.test(digest)) {
        return { ok: false, reason: `digest '${digest}' must be sha256: followed by 64 lowercase hex digits` };
    }
    return { ok: true, ref: { name, domain, path, tag: m[2], digest } };
}
/**
 * Docker's split of a name into registry and path: the first component is a registry host only
 * when it is `localhost` or holds a `.`, a `:` or an upper-case letter (`team/web` is Docker Hub's).
 */
function splitDomain(name) {
    const slash = name.indexOf('/');
    const first = name.slice(0, Math.max(slash, 0));
    const isHost = slash > 0 && domainRe.test(first) && (first === 'localhost' || /[.:]/.test(first) || first !== first.toLowerCase());
    return isHost ? { domain: first, path: name.slice(slash + 1) } : { domain: undefined, path: name };
}
/**
 * The registry a domain as written stands for: none, `docker.io` and `index.docker.io` are Docker Hub
 * (`docker.io`). As in distribution/reference, other Docker hosts (`registry-1.docker.io`) are names
 * of their own.
 */
function normalizeRegistry(domain) {
    return domain === undefined || domain === 'index.docker.io' ? DOCKER_HUB : domain;
}
/** The repository path on its registry: Docker Hub's one-component names live under `library/`. */
function normalizePath(registry, path) {
    return registry === DOCKER_HUB && !path.includes('/') ? `library/${path}` : path;
}
/** Parses and normalises a reference the way `docker pull` reads it (ParseNormalizedNamed). */
function normalizeReference(text) {
    // An image ID, not a name: Docker refuses to read it as `docker.io/library/<hex>`.
    if (/^[a-f0-9]{64}$/.test(text))
        return { ok: false, reason: 'cannot specify 64-byte hexadecimal strings' };
    const parsed = parseReference(text);
    if (!parsed.ok)
        return parsed;
    const { domain, path, tag, digest } = parsed.ref;
    const registry = normalizeRegistry(domain);
    const fullPath = normalizePath(registry, path);
    return { ok: true, ref: { registry, path: fullPath, name: `${registry}/${fullPath}`, tag, digest } };
}
/**
 * `nginx` → `docker.io/library/nginx`; `registry.example.com/web` unchanged. Takes any text (a name
 * found in a file may be templated), splitting it as Docker does.
 */
function normalizeName(name) {
    const { domain, path } = splitDomain(name);
    const registry = normalizeRegistry(domain);
    return `${registry}/${normalizePath(registry, path)}`;
}
/** The registry of a reference (`docker.io` when it names none, or cannot be parsed). */
function registryOf(reference) {
    const parsed = parseReference(reference);
    return normalizeRegistry(parsed.ok ? parsed.ref.domain : undefined);
}
/** True when both names denote the same repository (Docker Hub short forms included). */
function sameRepository(a, b) {
    return a === b || normalizeName(a) === normalizeName(b);
}
function isValidTag(tag) {
    return tagRe.test(tag);
}
function isValidDigest(digest) {
    return sha256DigestRe.test(digest);
}
/** The digest a tool printed (surrounding white space ignored), or undefined when it is not a sha256 digest. */
function digestIn(text) {
    const d = text.trim();
    return isValidDigest(d) ? d : undefined;
}
/** Formats `name[:tag][@digest]`. */
function formatReference(name, tag, digest) {
    return `${name}${tag ? `:${tag}` : ''}${digest ? `@${digest}` : ''}`;
}
/**
 * Splits an image string found in a file the way kustomize does: `:` and `@` are only looked
 * for after the first `/`, so a `host:port` prefix is never read as a tag. Unlike
 * parseReference this accepts anything (templated values such as `{{ .Values.tag }}` included).
 */
function splitImage(text) {
    const start = Math.max(text.indexOf('/'), 0);
    const at = text.indexOf('@', start);
    const beforeDigest = at >= 0 ? text.slice(0, at) : text;
    const digest = at >= 0 ? text.slice(at + 1) : undefined;
    const colon = beforeDigest.indexOf(':', start);
    if (colon < 0)
        return { name: beforeDigest, tag: undefined, digest };
    return { name: beforeDigest.slice(0, colon), tag: beforeDigest.slice(colon + 1), digest };
}
/** The host serving a registry's HTTP API: Docker Hub (`docker.io`, `index.docker.io`) answers at `registry-1.docker.io`. */
function registryApiHost(domain) {
    return normalizeRegistry(domain) === DOCKER_HUB ? 'registry-1.docker.io' : domain;
}
/** Hosts that credential stores use for Docker Hub besides `docker.io` (`docker login` writes `https://index.docker.io/v1/`). */
const dockerHubAuthHosts = ['index.docker.io', 'registry-1.docker.io', 'registry.hub.docker.com'];
/** The registry a Docker-format auth key (`https://index.docker.io/v1/`, `ghcr.io`) holds credentials for. */
function registryOfAuthKey(key) {
    const host = key.replace(/^[a-z]+:\/\//, '').replace(/\/.*$/, '');
    return dockerHubAuthHosts.includes(host) ? DOCKER_HUB : host;
}


/***/ }),

/***/ 8970:
/***/ ((__unused_webpack_module, __webpack_exports__, __webpack_require__) => {

/* harmony export */ __webpack_require__.d(__webpack_exports__, {
/* harmony export */   BC: () => (/* binding */ sarifText),
/* harmony export */   D9: () => (/* binding */ markdownCode),
/* harmony export */   FV: () => (/* binding */ escapeMarkdown),
/* harmony export */   R0: () => (/* binding */ markdownDiagnosis),
/* harmony export */   Wb: () => (/* binding */ safeHttpsUrl),
/* harmony export */   iQ: () => (/* binding */ markdownLink)
/* harmony export */ });
/* harmony import */ var _control__WEBPACK_IMPORTED_MODULE_0__ = __webpack_require__(5778);

/**
 * Markdown for step summaries and SARIF `help.markdown` built from untrusted text (report
 * fields, repository paths, registry answers). Every value goes through one of these, so a
 * report cannot add table cells or rows, raw HTML, headings or links of its own.
 */
const HTML = { '&': '&amp;', '<': '&lt;', '>': '&gt;' };
/**
 * Inline text safe anywhere in a Markdown line, including a table cell: one line (line breaks
 * become spaces, other control characters are shown as escapes), `&`, `<`, `>` as entities, and
 * the characters that could start emphasis, a link, an image, code, strikethrough, a new cell or
 * a heading backslash-escaped.
 */
function escapeMarkdown(text) {
    return (0,_control__WEBPACK_IMPORTED_MODULE_0__/* .escapeControlLine */ .HZ)(text.replace(/[ \t]*\r?\n[ \t]*/g, ' '))
        .replace(/[&<>]/g, (c) => HTML[c])
        .replace(/[\\`*_[\]|~!]/g, '\\$&')
        .replace(/^(\s*)#/, '$1\\#');
}
/**
 * An inline code span that shows `text` literally, whatever it holds: the fence is longer than
 * any backtick run inside, `|` is escaped (GFM splits table cells before reading code spans),
 * and control characters and line breaks are shown as escapes.
 */
function markdownCode(text) {
    const line = (0,_control__WEBPACK_IMPORTED_MODULE_0__/* .escapeControlLine */ .HZ)(text).replace(/\|/g, '\\|');
    const longest = Math.max(0, ...(line.match(/`+/g) ?? []).map((run) => run.length));
    const fence = '`'.repeat(longest + 1);
    const pad = line.startsWith('`') || line.endsWith('`') || line === '' ? ' ' : '';
    return `${fence}${pad}${line}${pad}${fence}`;
}
/**
 * The URL when it may become a link: `https://` only, no whitespace or characters that end a
 * Markdown link or table cell or start HTML (`(`, `)`, `|`, `<`, `>`, quotes, backslash,
 * backtick, brackets), and a host the URL parser accepts. Anything else is not a link.
 */
function safeHttpsUrl(url) {
    if (url.length > 2048 || !/^https:\/\/[^\s()|<>"'\\`[\]{}]+$/i.test(url))
        return undefined;
    // biome-ignore lint/suspicious/noControlCharactersInRegex: control characters disqualify a URL
    if (/[\x00-\x1f\x7f-\x9f]/.test(url))
        return undefined;
    try {
        return new URL(url).protocol === 'https:' ? url : undefined;
    }
    catch {
        return undefined;
    }
}
/** `[text](url)` when the URL is a safe https link, else the text alone; the text is always escaped. */
function markdownLink(text, url) {
    const safe = safeHttpsUrl(url);
    return safe ? `[${escapeMarkdown(text)}](${safe})` : escapeMarkdown(text);
}
/**
 * SARIF plain-text messages (`message.text`, `shortDescription.text`…): one logical text with
 * control characters escaped, and `[`, `]`, `\` escaped because SARIF reads `[text](n)` in a
 * plain-text message as an embedded link.
 */
function sarifText(text) {
    return (0,_control__WEBPACK_IMPORTED_MODULE_0__/* .escapeControl */ .hN)(text.replace(/[\\[\]]/g, '\\$&'));
}
/** A `#### Diagnosis` block for a step summary: one escaped line each, kept as lines with `<br>`. */
function markdownDiagnosis(lines) {
    if (lines.length === 0)
        return [];
    return ['#### Diagnosis', '', ...lines.map((line) => `${escapeMarkdown(line.trimStart())}<br>`), ''];
}


/***/ }),

/***/ 4409:
/***/ ((__unused_webpack_module, __webpack_exports__, __webpack_require__) => {

/* harmony export */ __webpack_require__.d(__webpack_exports__, {
/* harmony export */   U: () => (/* binding */ redactCredentials)
/* harmony export */ });
const SCHEME = /^([a-z][a-z0-9+.-]*:\/\/)(.*)$/is;
/** Schemes where a user name alone (`ssh://git@host`) is a login name, not a token. */
const SSH_SCHEMES = /^(ssh|git\+ssh|ssh\+git):\/\/$/i;
function decoded(text) {
    try {
        return decodeURIComponent(text);
    }
    catch {
        return text;
    }
}
function secretsOf(userinfo, userAloneIsSecret) {
    const colon = userinfo.indexOf(':');
    if (colon < 0 && !userAloneIsSecret)
        return [];
    const secret = colon < 0 ? userinfo : userinfo.slice(colon + 1);
    // git and curl split a malformed URL differently (at the first `@`, at the first `/`) and
    // print what they took for the host: every piece of the secret is masked on its own too.
    const whole = [userinfo, secret].flatMap((p) => [p, decoded(p)]);
    const pieces = [secret, decoded(secret)].flatMap((p) => p.split(/[@/?#]/)).filter((p) => p.length >= 4);
    return [...new Set([...whole, ...pieces].filter((p) => p !== ''))];
}
/**
 * Finds the user-info by the last `@` (in a scheme URL, anywhere: a malformed password may hold
 * `/`, `?` or `#`; in the scp form, before the first `/`), so redaction never stops early. It
 * may hide a little more than the user-info in an odd URL; it never shows less.
 */
function redactCredentials(url) {
    const scheme = SCHEME.exec(url);
    if (scheme) {
        const [, prefix = '', rest = ''] = scheme;
        const at = rest.lastIndexOf('@');
        if (at < 0)
            return { shown: url, secrets: [] };
        const secrets = secretsOf(rest.slice(0, at), !SSH_SCHEMES.test(prefix));
        return secrets.length ? { shown: `${prefix}${rest.slice(at + 1)}`, secrets } : { shown: url, secrets };
    }
    const slash = url.indexOf('/');
    const head = slash < 0 ? url : url.slice(0, slash);
    const at = head.lastIndexOf('@');
    if (at < 0)
        return { shown: url, secrets: [] };
    // scp form: `git@host:path` names a login; only `user:secret@` carries a secret.
    const secrets = secretsOf(url.slice(0, at), false);
    return secrets.length ? { shown: url.slice(at + 1), secrets } : { shown: url, secrets };
}


/***/ }),

/***/ 4245:
/***/ ((__unused_webpack_module, __webpack_exports__, __webpack_require__) => {

/* harmony export */ __webpack_require__.d(__webpack_exports__, {
/* harmony export */   E1: () => (/* binding */ parseList),
/* harmony export */   Ko: () => (/* binding */ readInputs),
/* harmony export */   cG: () => (/* binding */ parseInteger),
/* harmony export */   yG: () => (/* binding */ parseBoolean)
/* harmony export */ });
/* unused harmony exports MAX_INPUT_LENGTH, MAX_DOCUMENT_LENGTH */
/* harmony import */ var _core_errors__WEBPACK_IMPORTED_MODULE_0__ = __webpack_require__(4296);
/* harmony import */ var _core_text_url_credentials__WEBPACK_IMPORTED_MODULE_1__ = __webpack_require__(4409);


/**
 * Reads every declared input once, and is the one owner of the spec's generic rules: masks secrets
 * first, applies `default`, then checks `required`, `options` and `type`. Typed parsing (ranges, lists,
 * grammar, rules between inputs) is each action's own `parseSettings`.
 */
function readInputs(spec, source) {
    const raw = {};
    for (const [name, input] of Object.entries(spec.inputs)) {
        const given = source.input(name);
        if (input.secret && given)
            source.setSecret(given);
        else
            for (const secret of credentialsIn(given, input))
                source.setSecret(secret);
        const value = given.trim() === '' ? (input.default ?? '') : given;
        raw[name] = input.type === 'list' ? value : value.trim();
    }
    for (const [name, input] of Object.entries(spec.inputs))
        checkInput(name, input, raw[name] ?? '');
    return raw;
}
/**
 * User-info written into any value (`https://user:token@host/…` or `user:token@host/…` pasted into
 * `image`, `registry`, a list…): messages echo input values, so it is masked before the first log line.
 * Each word is looked at on its own (a list item, a line), as the URL it may be.
 */
function credentialsIn(value, input) {
    if (!value.includes('@'))
        return [];
    const words = value.split(input.type === 'list' ? /[\s,]+/ : /\s+/).filter((w) => w.includes('@'));
    return [...new Set(words.flatMap((word) => (0,_core_text_url_credentials__WEBPACK_IMPORTED_MODULE_1__/* .redactCredentials */ .U)(word).secrets))];
}
/** Longest value of an ordinary input: far above any real one, far below what `spawn` accepts as an argument. */
const MAX_INPUT_LENGTH = 64 * 1024;
/** Longest value of a `document` input (a kubeconfig with embedded certificates, a key, known_hosts). */
const MAX_DOCUMENT_LENGTH = 1024 * 1024;
/** Characters no input holds: C0 controls but tab and line breaks, DEL, C1 controls. */
// biome-ignore lint/suspicious/noControlCharactersInRegex: the rule is about control characters
const CONTROL = /[\u0000-\u0008\u000b\u000c\u000e-\u001f\u007f-\u009f]/;
/**
 * Size and shape rules every input shares: bounded length, no control characters, and one line unless the
 * input is a list (an item per line), a document or declared `multiline`. A newline in a single-line value
 * would forge extra lines in a commit trailer, a log or an output file.
 */
function checkShape(name, input, value) {
    const max = input.document ? MAX_DOCUMENT_LENGTH : MAX_INPUT_LENGTH;
    if (value.length > max) {
        throw new _core_errors__WEBPACK_IMPORTED_MODULE_0__/* .InputError */ .dz(name, `is ${value.length} characters long; at most ${max} are accepted`);
    }
    if (CONTROL.test(value))
        throw new _core_errors__WEBPACK_IMPORTED_MODULE_0__/* .InputError */ .dz(name, 'must not contain control characters');
    const lines = input.document || input.multiline || input.type === 'list';
    if (!lines && /[\r\n]/.test(value))
        throw new _core_errors__WEBPACK_IMPORTED_MODULE_0__/* .InputError */ .dz(name, 'must be a single line (it contains a line break)');
}
function checkInput(name, input, value) {
    checkShape(name, input, value);
    if (value.trim() === '') {
        if (input.required)
            throw new _core_errors__WEBPACK_IMPORTED_MODULE_0__/* .InputError */ .dz(name, 'is required');
        return;
    }
    if (input.options && !input.options.includes(value)) {
        throw new _core_errors__WEBPACK_IMPORTED_MODULE_0__/* .InputError */ .dz(name, `expected one of ${input.options.join(', ')}, got '${value}'`);
    }
    if (input.type === 'boolean')
        parseBoolean(name, value);
    if (input.type === 'number' && !/^\d+$/.test(value)) {
        throw new _core_errors__WEBPACK_IMPORTED_MODULE_0__/* .InputError */ .dz(name, `expected a whole number, got '${value}'`);
    }
}
function parseList(value) {
    return value
        .split(/[\n,]/)
        .map((item) => item.trim())
        .filter((item) => item !== '');
}
function parseBoolean(name, value) {
    const v = value.trim().toLowerCase();
    if (['true', 'yes', '1', 'on'].includes(v))
        return true;
    if (['false', 'no', '0', 'off', ''].includes(v))
        return false;
    throw new _core_errors__WEBPACK_IMPORTED_MODULE_0__/* .InputError */ .dz(name, `expected true or false, got '${value}'`);
}
/** A number within [min, max]; that it is a whole number is readInputs' check (`type: number`). */
function parseInteger(name, value, min, max) {
    const n = Number(value);
    if (!(Number.isInteger(n) && n >= min && n <= max)) {
        throw new _core_errors__WEBPACK_IMPORTED_MODULE_0__/* .InputError */ .dz(name, `expected a whole number from ${min} to ${max}, got '${value}'`);
    }
    return n;
}


/***/ }),

/***/ 2122:
/***/ ((__unused_webpack_module, __webpack_exports__, __webpack_require__) => {

/* harmony export */ __webpack_require__.d(__webpack_exports__, {
/* harmony export */   M: () => (/* binding */ ToolNotFoundError),
/* harmony export */   w: () => (/* binding */ execTool)
/* harmony export */ });
/* harmony import */ var node_child_process__WEBPACK_IMPORTED_MODULE_0__ = __webpack_require__(1421);
/* harmony import */ var node_child_process__WEBPACK_IMPORTED_MODULE_0___default = /*#__PURE__*/__webpack_require__.n(node_child_process__WEBPACK_IMPORTED_MODULE_0__);
/* harmony import */ var node_os__WEBPACK_IMPORTED_MODULE_1__ = __webpack_require__(8161);
/* harmony import */ var node_os__WEBPACK_IMPORTED_MODULE_1___default = /*#__PURE__*/__webpack_require__.n(node_os__WEBPACK_IMPORTED_MODULE_1__);
/* harmony import */ var _core_errors__WEBPACK_IMPORTED_MODULE_2__ = __webpack_require__(4296);
/* harmony import */ var _http_lines__WEBPACK_IMPORTED_MODULE_3__ = __webpack_require__(8903);
/* harmony import */ var _process_cleanup__WEBPACK_IMPORTED_MODULE_4__ = __webpack_require__(5825);
/**
 * Runs a program with an argument array (never through a shell), streams its output line by line to
 * the step's log as it comes, and captures it for parsing.
 *
 * Why not @actions/exec (the design card's choice): its ToolRunner spawns with cwd and env only
 * (no `detached`) and hands back an exit code, never the ChildProcess. Cancelling a job must kill
 * the tool's whole process group (issue 7: buildah/docker kept running, credentials stayed on disk),
 * which needs the child to lead its own group and its pid in our hands. It would also echo the
 * command line to stdout unless silenced. The listeners it offers are the few lines below.
 */





/** The program is not installed (not on PATH). */
class ToolNotFoundError extends _core_errors__WEBPACK_IMPORTED_MODULE_2__/* .CdpackError */ .xd {
    tool;
    name = 'ToolNotFoundError';
    constructor(tool) {
        super(`'${tool}' was not found on PATH`);
        this.tool = tool;
    }
}
function execTool(file, args, options = {}) {
    return new Promise((resolve, reject) => {
        const stopping = (0,_process_cleanup__WEBPACK_IMPORTED_MODULE_4__/* .stoppingSignal */ .v$)();
        if (stopping) {
            reject(new _process_cleanup__WEBPACK_IMPORTED_MODULE_4__/* .StoppingError */ .zf(stopping));
            return;
        }
        const child = (0,node_child_process__WEBPACK_IMPORTED_MODULE_0__.spawn)(file, args, {
            cwd: options.cwd,
            env: { ...process.env, ...options.env },
            stdio: [options.stdin === undefined ? 'ignore' : 'pipe', 'pipe', 'pipe'],
            // Its own process group, so a cancelled job can stop the tool and everything it started.
            detached: true,
        });
        (0,_process_cleanup__WEBPACK_IMPORTED_MODULE_4__/* .trackChild */ .yH)(child);
        const out = [];
        const err = [];
        const flushers = [
            capture(child.stdout, out, options.output?.log, options.output?.stdout ?? 'info'),
            capture(child.stderr, err, options.output?.log, options.output?.stderr ?? 'info'),
        ];
        child.on('error', (e) => reject(e.code === 'ENOENT' ? new ToolNotFoundError(file) : e));
        child.on('close', (code, signal) => {
            for (const flush of flushers)
                flush();
            resolve({
                code: code ?? (signal ? 128 + (node_os__WEBPACK_IMPORTED_MODULE_1__.constants.signals[signal] ?? 0) : 1),
                stdout: Buffer.concat(out).toString('utf8'),
                stderr: Buffer.concat(err).toString('utf8'),
            });
        });
        if (child.stdin) {
            // A program may exit before reading its input; that is its answer, not our crash.
            child.stdin.on('error', () => { });
            child.stdin.end(options.stdin);
        }
    });
}
/** Collects a stream's bytes and, with a log, writes its lines there as they complete; returns the final flush. */
function capture(stream, into, log, level) {
    const emit = log && level !== 'none' ? (line) => line.trim() && log[level](line) : undefined;
    const splitter = emit ? new _http_lines__WEBPACK_IMPORTED_MODULE_3__/* .LineSplitter */ .g3({ maxLineLength: Number.POSITIVE_INFINITY }) : undefined;
    stream?.on('data', (b) => {
        into.push(b);
        if (emit && splitter)
            for (const line of splitter.push(b))
                emit(line);
    });
    return () => {
        if (emit && splitter)
            for (const line of splitter.end())
                emit(line);
    };
}


/***/ }),

/***/ 8903:
/***/ ((__unused_webpack_module, __webpack_exports__, __webpack_require__) => {

/* harmony export */ __webpack_require__.d(__webpack_exports__, {
/* harmony export */   Mn: () => (/* binding */ lines),
/* harmony export */   g3: () => (/* binding */ LineSplitter)
/* harmony export */ });
/* unused harmony export LineTooLongError */
/* harmony import */ var node_string_decoder__WEBPACK_IMPORTED_MODULE_0__ = __webpack_require__(6193);
/* harmony import */ var node_string_decoder__WEBPACK_IMPORTED_MODULE_0___default = /*#__PURE__*/__webpack_require__.n(node_string_decoder__WEBPACK_IMPORTED_MODULE_0__);
/**
 * Text lines out of a byte stream as they arrive (a Kubernetes watch, newline-delimited JSON, a
 * tool's output): lines may span chunks and multi-byte characters may be split between chunks;
 * `\n` and `\r\n` end a line; a last line without a newline still counts.
 */

class LineTooLongError extends Error {
    name = 'LineTooLongError';
}
/** Push chunks in, get the lines they complete; `end()` gives the unterminated rest. */
class LineSplitter {
    decoder = new node_string_decoder__WEBPACK_IMPORTED_MODULE_0__.StringDecoder('utf8');
    max;
    // Pieces of the current line, joined once its end is seen (no quadratic concatenation for long lines).
    pieces = [];
    pending = 0;
    constructor(options = {}) {
        this.max = options.maxLineLength ?? 16 * 1024 * 1024;
    }
    push(chunk) {
        const text = typeof chunk === 'string' ? chunk : this.decoder.write(chunk);
        const out = [];
        let start = 0;
        for (let nl = text.indexOf('\n'); nl !== -1; nl = text.indexOf('\n', start)) {
            this.check(nl - start);
            out.push(this.take(text.slice(start, nl)));
            start = nl + 1;
        }
        this.keep(text.slice(start));
        return out;
    }
    end() {
        this.keep(this.decoder.end());
        return this.pieces.length ? [this.take('')] : [];
    }
    check(more) {
        if (this.pending + more > this.max)
            throw new LineTooLongError(`a line is longer than ${this.max} characters`);
    }
    take(tail) {
        const line = this.pieces.length ? this.pieces.join('') + tail : tail;
        this.pieces = [];
        this.pending = 0;
        return line.endsWith('\r') ? line.slice(0, -1) : line;
    }
    keep(text) {
        if (!text)
            return;
        this.check(text.length);
        this.pending += text.length;
        this.pieces.push(text);
    }
}
async function* lines(stream, options = {}) {
    const splitter = new LineSplitter(options);
    for await (const chunk of stream)
        yield* splitter.push(chunk);
    yield* splitter.end();
}


/***/ }),

/***/ 4867:
/***/ ((__unused_webpack_module, __webpack_exports__, __webpack_require__) => {

/* harmony export */ __webpack_require__.d(__webpack_exports__, {
/* harmony export */   F: () => (/* binding */ temporaryDir)
/* harmony export */ });
/* unused harmony export removeOnStop */
/* harmony import */ var node_fs__WEBPACK_IMPORTED_MODULE_0__ = __webpack_require__(3024);
/* harmony import */ var node_fs__WEBPACK_IMPORTED_MODULE_0___default = /*#__PURE__*/__webpack_require__.n(node_fs__WEBPACK_IMPORTED_MODULE_0__);
/* harmony import */ var node_fs_promises__WEBPACK_IMPORTED_MODULE_1__ = __webpack_require__(1455);
/* harmony import */ var node_fs_promises__WEBPACK_IMPORTED_MODULE_1___default = /*#__PURE__*/__webpack_require__.n(node_fs_promises__WEBPACK_IMPORTED_MODULE_1__);
/* harmony import */ var node_path__WEBPACK_IMPORTED_MODULE_2__ = __webpack_require__(6760);
/* harmony import */ var node_path__WEBPACK_IMPORTED_MODULE_2___default = /*#__PURE__*/__webpack_require__.n(node_path__WEBPACK_IMPORTED_MODULE_2__);
/* harmony import */ var _cleanup__WEBPACK_IMPORTED_MODULE_3__ = __webpack_require__(5825);




/**
 * A fresh directory under `parent` that is removed even when the job is cancelled (see ./cleanup):
 * for anything that may hold credentials or a copy of repository content.
 */
async function temporaryDir(parent, prefix) {
    const dir = await (0,node_fs_promises__WEBPACK_IMPORTED_MODULE_1__.mkdtemp)((0,node_path__WEBPACK_IMPORTED_MODULE_2__.join)(parent, prefix));
    const forget = removeOnStop(dir);
    return {
        dir,
        dispose: async () => {
            await (0,node_fs_promises__WEBPACK_IMPORTED_MODULE_1__.rm)(dir, { recursive: true, force: true });
            forget();
        },
    };
}
/** Registers an existing temporary dir for removal on a signal; call the result once it is removed. */
function removeOnStop(dir) {
    return (0,_cleanup__WEBPACK_IMPORTED_MODULE_3__/* .onCleanup */ .Ki)(() => (0,node_fs__WEBPACK_IMPORTED_MODULE_0__.rmSync)(dir, { recursive: true, force: true }));
}


/***/ })

};
