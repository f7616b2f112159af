export const id = 612;
export const ids = [612];
export const modules = {

/***/ 7604:
/***/ ((__unused_webpack_module, __webpack_exports__, __webpack_require__) => {

// ESM COMPAT FLAG
__webpack_require__.r(__webpack_exports__);

// EXPORTS
__webpack_require__.d(__webpack_exports__, {
  updateGitopsTagAction: () => (/* binding */ updateGitopsTagAction)
});

// EXTERNAL MODULE: external "node:path"
var external_node_path_ = __webpack_require__(6760);
// EXTERNAL MODULE: ./src/core/gitops/update.ts + 9 modules
var update = __webpack_require__(3242);
// EXTERNAL MODULE: ./src/core/rollout/sanitize.ts
var sanitize = __webpack_require__(3634);
// EXTERNAL MODULE: ./src/core/text/markdown.ts
var markdown = __webpack_require__(8970);
// EXTERNAL MODULE: ./src/inputs/read.ts
var read = __webpack_require__(4245);
// EXTERNAL MODULE: ./src/inputs/update-gitops-tag.ts
var update_gitops_tag = __webpack_require__(2188);
// EXTERNAL MODULE: ./src/tools/git-config-repo.ts
var git_config_repo = __webpack_require__(3807);
// EXTERNAL MODULE: ./src/tools/process/temp.ts
var process_temp = __webpack_require__(4867);
// EXTERNAL MODULE: ./src/actions/config-repo-access.ts + 1 modules
var config_repo_access = __webpack_require__(2020);
// EXTERNAL MODULE: ./src/core/errors.ts
var errors = __webpack_require__(4296);
// EXTERNAL MODULE: ./src/core/gitops/merge-request.ts
var merge_request = __webpack_require__(2684);
// EXTERNAL MODULE: ./src/core/image/reference.ts
var reference = __webpack_require__(7600);
// EXTERNAL MODULE: ./src/core/text/control.ts
var control = __webpack_require__(5778);
// EXTERNAL MODULE: ./src/core/text/url-credentials.ts
var url_credentials = __webpack_require__(4409);
;// CONCATENATED MODULE: ./src/actions/update-gitops-tag/settings.ts






/**
 * Typed settings from inputs that readInputs has already defaulted and checked (required, options,
 * type), so a bad value fails before anything is cloned or pushed.
 */
function parseSettings(raw) {
    const get = (name) => raw[name] ?? '';
    const image = get('image');
    const parsed = (0,reference/* parseReference */.F2)(image);
    if (!parsed.ok)
        throw new errors/* InputError */.dz('image', `'${image}' is not an image repository (${parsed.reason})`);
    if (parsed.ref.tag || parsed.ref.digest) {
        throw new errors/* InputError */.dz('image', `give the repository without tag or digest (got '${image}'); use 'tag' and 'digest'`);
    }
    const tag = get('tag') || undefined;
    const digest = get('digest') || undefined;
    if (!tag && !digest)
        throw new errors/* InputError */.dz('tag', "give 'tag', 'digest' or both");
    if (tag && !(0,reference/* isValidTag */.r_)(tag)) {
        throw new errors/* InputError */.dz('tag', `'${tag}' is not a valid tag: 1-128 of [A-Za-z0-9_.-], not starting with '.' or '-'`);
    }
    if (digest && !(0,reference/* isValidDigest */.fH)(digest)) {
        throw new errors/* InputError */.dz('digest', `'${digest}' is not a digest: expected sha256: followed by 64 lowercase hex digits`);
    }
    const branch = get('branch');
    if (!(0,merge_request/* isValidBranchName */.eB)(branch))
        throw new errors/* InputError */.dz('branch', `'${branch}' is not a valid branch name`);
    const files = (0,read/* parseList */.E1)(get('files'));
    if (files.length === 0)
        throw new errors/* InputError */.dz('files', 'list at least one path or glob');
    const mergeRequest = get('mode') === 'merge-request' ? parseMergeRequest(get, { image, files, targetBranch: branch }) : undefined;
    const key = get('key') || undefined;
    if (key && !/^[^.\s]+(\.[^.\s]+)*$/.test(key)) {
        throw new errors/* InputError */.dz('key', `'${key}' is not a dotted YAML path such as image.tag`);
    }
    return {
        repository: checkRepository(get('repository')),
        branch,
        token: get('token'),
        username: get('username'),
        files,
        image,
        tag,
        digest,
        key,
        commitMessage: get('commit-message'),
        authorName: get('author-name'),
        authorEmail: get('author-email'),
        maxAttempts: (0,read/* parseInteger */.cG)('max-attempts', get('max-attempts'), 1, 100),
        dryRun: (0,read/* parseBoolean */.yG)('dry-run', get('dry-run')),
        mergeRequest,
    };
}
function parseMergeRequest(get, job) {
    const sourceBranch = get('source-branch') || (0,merge_request/* defaultSourceBranch */.VR)(job);
    if (!(0,merge_request/* isValidBranchName */.eB)(sourceBranch)) {
        throw new errors/* InputError */.dz('source-branch', `'${sourceBranch}' is not a valid branch name`);
    }
    if (sourceBranch === job.targetBranch) {
        throw new errors/* InputError */.dz('source-branch', `'${sourceBranch}' is the target branch ('branch'); the request needs a branch of its own that cdpack may rewrite`);
    }
    return {
        sourceBranch,
        autoMerge: (0,read/* parseBoolean */.yG)('auto-merge', get('auto-merge')),
        forge: get('forge'),
        apiUrl: get('api-url'),
        project: get('project'),
    };
}
const REPOSITORY_SCHEMES = ['https:', 'http:', 'ssh:'];
/**
 * The shape of `repository`, so a bad value fails here naming the input rather than inside git: an https, http
 * or ssh URL with a host, an scp-like `user@host:path`, or a local path ('' is the workspace). Remote helpers
 * (`ext::…`) and option-like values are refused; whether a path exists is checked when it is resolved.
 */
function checkRepository(value) {
    const shown = (0,control/* excerpt */.Kb)((0,url_credentials/* redactCredentials */.U)(value).shown, 80);
    if (value.startsWith('-'))
        throw new errors/* InputError */.dz('repository', `'${shown}' must not start with '-'`);
    if (/^[a-z][a-z0-9+.-]*::/i.test(value)) {
        throw new errors/* InputError */.dz('repository', `'${shown}' is a git remote-helper address; give an https, http or ssh URL`);
    }
    if (!/^[a-z][a-z0-9+.-]*:\/\//i.test(value))
        return value; // scp-like address or local path
    let url;
    try {
        url = new URL(value);
    }
    catch {
        url = undefined;
    }
    // WHATWG URL reads `https:///path` as host `path`: an authority must follow `//` itself.
    const hasAuthority = /^[a-z][a-z0-9+.-]*:\/\/[^/?#]/i.test(value);
    if (!url || !hasAuthority || !REPOSITORY_SCHEMES.includes(url.protocol) || url.hostname === '') {
        throw new errors/* InputError */.dz('repository', `'${shown}' is not a repository URL: expected https://host/path, http://host/path, ssh://host/path, user@host:path or a local path`);
    }
    return value;
}

;// CONCATENATED MODULE: ./src/actions/update-gitops-tag/action.ts










/** update-gitops-tag on any platform: read inputs → clone → edit/commit/push → outputs. */
async function updateGitopsTagAction(platform) {
    const settings = parseSettings((0,read/* readInputs */.Ko)(update_gitops_tag/* updateGitopsTag */.C, platform));
    const { remote, auth } = await (0,config_repo_access/* configRepoAccess */.V)(platform, settings);
    const mergeRequest = settings.mergeRequest;
    // Merge-request mode (and its API client) loads only when asked for: the push path starts as fast as before.
    // Where the request goes is checked here, before anything is cloned or pushed.
    const flow = mergeRequest
        ? await (await __webpack_require__.e(/* import() */ 660).then(__webpack_require__.bind(__webpack_require__, 8279))).prepareMergeRequest(platform, { ...settings, mergeRequest }, remote.url)
        : undefined;
    const temp = await (0,process_temp/* temporaryDir */.F)(platform.tempDir, 'cdpack-gitops-');
    const dir = temp.dir;
    try {
        const repo = await platform.group(`Clone ${remote.shown} (${settings.branch})`, () => (0,git_config_repo/* cloneConfigRepo */.ae)({
            remote: remote.url,
            branch: settings.branch,
            auth,
            identity: { name: settings.authorName, email: settings.authorEmail },
            dir: (0,external_node_path_.join)(dir, 'repo'),
            log: platform,
            ...(mergeRequest ? { pushBranch: mergeRequest.sourceBranch } : {}),
        }));
        const result = await platform.group(updateTitle(settings.image, settings.files), () => (0,update/* updateGitopsTag */.CY)(repo, settings, platform));
        const pushedTo = mergeRequest?.sourceBranch ?? settings.branch;
        report(platform, result, settings.dryRun, pushedTo);
        const published = flow && result.commit
            ? await platform.group(`Merge request ${pushedTo} → ${settings.branch}`, () => flow.publish(result))
            : undefined;
        if (published)
            platform.info(`${published.action} ${published.request.url}`);
        platform.setOutput('changed', String(result.changed));
        platform.setOutput('commit', result.commit);
        platform.setOutput('files', JSON.stringify(result.files));
        platform.setOutput('previous', JSON.stringify(result.previous));
        platform.setOutput('merge-request-url', published?.request.url ?? '');
        platform.setOutput('merge-request-number', published ? String(published.request.number) : '');
        await platform.summary(summaryTable(result, remote.shown, pushedTo, published));
    }
    finally {
        flow?.close();
        await temp.dispose();
    }
}
function report(platform, result, dryRun, branch) {
    if (result.diff)
        platform.info(result.diff.trimEnd());
    if (result.commit)
        platform.info(`pushed ${result.commit} to ${branch} after ${result.attempts} attempt(s)`);
    else if (!result.changed || dryRun)
        platform.info(`no commit: ${result.reason}`);
}
function summaryTable(result, remote, branch, published) {
    const rows = result.edits.flatMap((e) => e.targets.map((t) => `| ${(0,markdown/* markdownCode */.D9)(e.path)}:${t.line} | ${(0,markdown/* escapeMarkdown */.FV)(t.kind)} | ${t.previous ? (0,markdown/* markdownCode */.D9)(t.previous) : '(added)'} | ${(0,markdown/* markdownCode */.D9)(t.next)} |`));
    const head = result.commit
        ? `Pushed ${(0,markdown/* markdownCode */.D9)(result.commit.slice(0, 12))} to ${(0,markdown/* escapeMarkdown */.FV)(remote)} ${(0,markdown/* markdownCode */.D9)(branch)}.`
        : `No commit: ${(0,markdown/* escapeMarkdown */.FV)(result.reason)}.`;
    const request = published
        ? `${published.action === 'opened' ? 'Opened' : 'Updated'} ${(0,markdown/* markdownLink */.iQ)(`request ${published.request.number}`, published.request.url)} into ${(0,markdown/* markdownCode */.D9)(published.request.targetBranch)}.`
        : '';
    return [
        '### cdpack update-gitops-tag',
        '',
        head,
        '',
        ...(request ? [request, ''] : []),
        '| Place | Kind | Before | After |',
        '| --- | --- | --- | --- |',
        ...rows,
        '',
    ].join('\n');
}
/** The group title: a few files by name and a count of the rest, each part capped (inputs may be long). */
function updateTitle(image, files) {
    const shown = files.slice(0, 3).map((f) => (0,sanitize/* sanitizeLine */.g)(f, 80));
    const more = files.length > shown.length ? ` and ${files.length - shown.length} more` : '';
    return `Update ${(0,sanitize/* sanitizeLine */.g)(image, 120)} in ${shown.join(', ')}${more}`;
}


/***/ }),

/***/ 2684:
/***/ ((__unused_webpack_module, __webpack_exports__, __webpack_require__) => {

/* harmony export */ __webpack_require__.d(__webpack_exports__, {
/* harmony export */   NX: () => (/* binding */ planRequest),
/* harmony export */   T9: () => (/* binding */ requestText),
/* harmony export */   VR: () => (/* binding */ defaultSourceBranch),
/* harmony export */   eB: () => (/* binding */ isValidBranchName)
/* harmony export */ });
/* harmony import */ var node_crypto__WEBPACK_IMPORTED_MODULE_0__ = __webpack_require__(7598);
/* harmony import */ var node_crypto__WEBPACK_IMPORTED_MODULE_0___default = /*#__PURE__*/__webpack_require__.n(node_crypto__WEBPACK_IMPORTED_MODULE_0__);
/* harmony import */ var _text_control__WEBPACK_IMPORTED_MODULE_1__ = __webpack_require__(5778);
/* harmony import */ var _text_markdown__WEBPACK_IMPORTED_MODULE_2__ = __webpack_require__(8970);
/* harmony import */ var _update__WEBPACK_IMPORTED_MODULE_3__ = __webpack_require__(3242);




/** A git branch name git accepts (check-ref-format, roughly) that cannot be read as an option. */
function isValidBranchName(name) {
    return (
    // biome-ignore lint/suspicious/noControlCharactersInRegex: control characters are not allowed in ref names
    /^(?!-)(?!.*\.\.)(?!.*\/\/)(?!.*@\{)[^\s~^:?*[\\\x00-\x1f\x7f]+(?<![/.])$/.test(name) && !name.endsWith('.lock'));
}
/** GitLab's and GitHub's title limits are 255 and 256 characters. */
const TITLE_MAX = 255;
/** Rows listed in the request's table; the rest are counted. GitHub caps a body at 65,536 characters. */
const ROWS_MAX = 100;
/**
 * The branch cdpack owns for one job: the same on every run of that job (so a later run finds and
 * updates its request), different for jobs that bump the same image in other files or into
 * another branch (staging and prod must not overwrite each other's request). Readable part: the
 * image path without its registry; the hash covers target branch, image and the sorted files.
 */
function defaultSourceBranch(update) {
    const slash = update.image.indexOf('/');
    const host = slash < 0 ? '' : update.image.slice(0, slash);
    // Same rule as image references: a first part with a dot or colon (or localhost) is a registry.
    const path = /[.:]/.test(host) || host === 'localhost' ? update.image.slice(slash + 1) : update.image;
    const slug = path
        .toLowerCase()
        .replace(/[^a-z0-9._-]+/g, '-')
        .replace(/\.{2,}/g, '.')
        .replace(/^[-.]+|[-.]+$/g, '')
        .slice(0, 60)
        .replace(/[-.]+$/, '') || 'image';
    const identity = JSON.stringify([update.targetBranch, update.image, [...update.files].sort()]);
    const hash = (0,node_crypto__WEBPACK_IMPORTED_MODULE_0__.createHash)('sha256').update(identity).digest('hex').slice(0, 8);
    return `cdpack/${slug}-${hash}`;
}
/**
 * Title and description of the request. Everything in the body that comes from inputs or the
 * repository (paths, references) is escaped Markdown, so a file name cannot add links, HTML or rows.
 */
function requestText(input) {
    const version = (0,_update__WEBPACK_IMPORTED_MODULE_3__/* .versionOf */ .E4)(input.update);
    const firstLine = input.commitMessage.split('\n').find((line) => line.trim() !== '') ?? '';
    let title = (0,_text_control__WEBPACK_IMPORTED_MODULE_1__/* .escapeControlLine */ .HZ)(firstLine.trim()) || `Set ${input.update.image} to ${version}`;
    if (title.length > TITLE_MAX)
        title = `${title.slice(0, TITLE_MAX - 1)}…`;
    const places = input.edits.flatMap((e) => e.targets.filter((t) => t.previous !== t.next).map((t) => ({ path: e.path, ...t })));
    const rows = places
        .slice(0, ROWS_MAX)
        .map((p) => `| ${(0,_text_markdown__WEBPACK_IMPORTED_MODULE_2__/* .markdownCode */ .D9)(p.path)}:${p.line} | ${(0,_text_markdown__WEBPACK_IMPORTED_MODULE_2__/* .escapeMarkdown */ .FV)(p.kind)} | ${p.previous ? (0,_text_markdown__WEBPACK_IMPORTED_MODULE_2__/* .markdownCode */ .D9)(p.previous) : '(added)'} | ${(0,_text_markdown__WEBPACK_IMPORTED_MODULE_2__/* .markdownCode */ .D9)(p.next)} |`);
    if (places.length > ROWS_MAX)
        rows.push(`| … and ${places.length - ROWS_MAX} more | | | |`);
    const by = input.runUrl ? ` by ${(0,_text_markdown__WEBPACK_IMPORTED_MODULE_2__/* .markdownLink */ .iQ)('this run', input.runUrl)}` : '';
    const body = [
        `Sets ${(0,_text_markdown__WEBPACK_IMPORTED_MODULE_2__/* .markdownCode */ .D9)(input.update.image)} to ${(0,_text_markdown__WEBPACK_IMPORTED_MODULE_2__/* .markdownCode */ .D9)(version)} in ${(0,_text_markdown__WEBPACK_IMPORTED_MODULE_2__/* .markdownCode */ .D9)(input.targetBranch)}.`,
        '',
        '| Place | Kind | Before | After |',
        '| --- | --- | --- | --- |',
        ...rows,
        '',
        `Opened or updated${by} with cdpack update-gitops-tag. cdpack owns the branch ${(0,_text_markdown__WEBPACK_IMPORTED_MODULE_2__/* .markdownCode */ .D9)(input.sourceBranch)}: ` +
            `every run rewrites it from the tip of ${(0,_text_markdown__WEBPACK_IMPORTED_MODULE_2__/* .markdownCode */ .D9)(input.targetBranch)}, so commits pushed to it by hand are replaced.`,
        '',
    ].join('\n');
    return { title, body };
}
/**
 * Open a request, or update the one already open from `source` into `target`. The forge's list is
 * filtered again here (it is an answer from the network, and a filter we did not write). With
 * several, the oldest is the one cdpack keeps updating.
 */
function planRequest(open, source, target, text) {
    const ours = open
        .filter((r) => r.sourceBranch === source && r.targetBranch === target)
        .sort((a, b) => a.number - b.number);
    const [request, ...others] = ours;
    if (!request)
        return { action: 'open' };
    const textChanged = request.title !== text.title || normalize(request.body) !== normalize(text.body);
    return { action: 'update', request, textChanged, others };
}
/** Forges store descriptions with CRLF or trimmed: compare what a reader sees. */
function normalize(text) {
    return text.replace(/\r\n/g, '\n').trim();
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


/***/ })

};
