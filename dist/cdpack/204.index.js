export const id = 204;
export const ids = [204];
export const modules = {

/***/ 5204:
/***/ ((__unused_webpack_module, __webpack_exports__, __webpack_require__) => {

// ESM COMPAT FLAG
__webpack_require__.r(__webpack_exports__);

// EXPORTS
__webpack_require__.d(__webpack_exports__, {
  updateGitopsTagAction: () => (/* binding */ updateGitopsTagAction)
});

// EXTERNAL MODULE: external "node:fs/promises"
var promises_ = __webpack_require__(1455);
// EXTERNAL MODULE: external "node:path"
var external_node_path_ = __webpack_require__(6760);
// EXTERNAL MODULE: ./src/core/errors.ts
var errors = __webpack_require__(4296);
// EXTERNAL MODULE: ./src/core/image/reference.ts
var reference = __webpack_require__(7600);
// EXTERNAL MODULE: ./node_modules/yaml/dist/index.js
var dist = __webpack_require__(8815);
;// CONCATENATED MODULE: ./src/core/gitops/match.ts

function matchesImage(name, update) {
    return !!name && (0,reference/* sameRepository */.RB)(name, update.image);
}
/** The new reference for a name as written: tag only drops the old digest, digest only the old tag. */
function nextReference(name, update) {
    return (0,reference/* formatReference */.FH)(name, update.tag, update.digest);
}
/** A scalar holding a whole reference (`registry/web:1.2`): rewrite it when its repository matches. */
function editReference(src, kind, node, update) {
    const value = src.stringValue(node);
    if (value === undefined || !src.editable(node) || src.isClaimed(node))
        return false;
    const { name } = (0,reference/* splitImage */.s5)(value);
    if (!matchesImage(name, update))
        return false;
    src.claim(node);
    const next = nextReference(name, update);
    src.target(kind, src.line(node.range?.[0] ?? 0), value, next);
    src.setScalar(node, next);
    return true;
}
/**
 * The repository a Helm-style mapping names: `repository`, prefixed by a non-empty `registry`
 * sibling when there is one (`registry: ghcr.io` + `repository: team/web`).
 */
function repositoryOf(src, map, repoKey = 'repository', registryKey = 'registry') {
    const repository = src.stringValue(src.get(map, repoKey));
    if (repository === undefined)
        return undefined;
    const registry = src.stringValue(src.get(map, registryKey));
    return registry ? `${registry.replace(/\/+$/, '')}/${repository}` : repository;
}
/**
 * Sets a separate tag scalar (and digest scalar, when there is one). With a tag only, a non-empty
 * digest is cleared to "": charts render `repo@digest` whenever it is set, which would keep the
 * old image. A digest-only update without a digest field has nothing to write: no target.
 * previous/next are reported as `tag[@digest]`.
 */
function editTagDigest(src, kind, tagNode, digestNode, update) {
    if (!src.editable(tagNode) || src.isClaimed(tagNode))
        return false;
    const digest = src.editable(digestNode) && !src.isClaimed(digestNode) ? digestNode : undefined;
    if (update.tag === undefined && !digest)
        return false;
    src.claim(tagNode);
    if (digest)
        src.claim(digest);
    const oldTag = src.str(tagNode) ?? '';
    const oldDigest = digest ? (src.str(digest) ?? '') : '';
    const newTag = update.tag ?? oldTag;
    const newDigest = digest ? (update.digest ?? '') : '';
    src.target(kind, src.line(tagNode.range?.[0] ?? 0), tagAndDigest(oldTag, oldDigest), tagAndDigest(newTag, newDigest));
    src.setScalar(tagNode, newTag);
    if (digest)
        src.setScalar(digest, newDigest);
    return true;
}
function tagAndDigest(tag, digest) {
    return digest ? `${tag}@${digest}` : tag;
}

;// CONCATENATED MODULE: ./src/core/gitops/helm.ts
/**
 * Helm values: either the scalar at an explicit dotted `key` (`web.image.tag`), or every mapping
 * whose `repository` (optionally behind a `registry`) matches and that has a `tag` field.
 */




function editHelmValues(src, root, update, kind = 'helm') {
    if (update.key)
        editByKey(src, root, update.key, update, kind);
    else
        walk(src, root, update, kind);
}
function walk(src, node, update, kind) {
    if ((0,dist/* isMap */.jh)(node)) {
        if (src.pair(node, 'tag') && matchesImage(repositoryOf(src, node), update)) {
            editTagDigest(src, kind, src.get(node, 'tag'), src.get(node, 'digest'), update);
        }
        for (const pair of node.items) {
            const value = src.resolve(pair.value);
            if (value)
                walk(src, value, update, kind);
        }
    }
    else if ((0,dist/* isSeq */.oP)(node)) {
        for (const item of node.items) {
            const value = src.resolve(item);
            if (value)
                walk(src, value, update, kind);
        }
    }
}
function editByKey(src, root, key, update, kind) {
    const segments = parseKey(key);
    let parent;
    let node = root;
    for (const segment of segments) {
        parent = node;
        if ((0,dist/* isMap */.jh)(node))
            node = src.get(node, segment);
        else if ((0,dist/* isSeq */.oP)(node) && /^\d+$/.test(segment))
            node = src.resolve(node.items[Number(segment)]);
        else
            return;
        if (!node)
            return;
    }
    if ((0,dist/* isMap */.jh)(node) || (0,dist/* isSeq */.oP)(node)) {
        const what = (0,dist/* isMap */.jh)(node) ? 'a mapping' : 'a sequence';
        throw new errors/* FileError */.f6(src.path, src.line(node.range?.[0] ?? 0), `key '${key}' resolves to ${what}, not a scalar`);
    }
    // A sibling repository must name the image; without one the key alone decides.
    if ((0,dist/* isMap */.jh)(parent)) {
        const repository = repositoryOf(src, parent);
        if (repository !== undefined && !matchesImage(repository, update))
            return;
    }
    const leaf = segments[segments.length - 1] ?? '';
    if (/digest$/i.test(leaf)) {
        if (!src.editable(node) || !src.claim(node))
            return;
        const previous = src.str(node) ?? '';
        const next = update.digest ?? ''; // tag only: a set digest would keep pinning the old image
        src.target(kind, src.line(node.range?.[0] ?? 0), previous, next);
        src.setScalar(node, next);
        return;
    }
    // `image: registry/web:1.2` addressed directly: rewrite the whole reference.
    const value = src.stringValue(node);
    if (value && /[/:@]/.test(value) && matchesImage((0,reference/* splitImage */.s5)(value).name, update)) {
        editReference(src, kind, node, update);
        return;
    }
    editTagDigest(src, kind, node, (0,dist/* isMap */.jh)(parent) ? src.get(parent, 'digest') : undefined, update);
}
/** `a.b[0].c` → ['a', 'b', '0', 'c']; `\.` keeps a literal dot inside a key. */
function parseKey(key) {
    const segments = [];
    let current = '';
    for (let i = 0; i < key.length; i++) {
        const c = key[i];
        if (c === '\\' && key[i + 1] === '.') {
            current += '.';
            i++;
        }
        else if (c === '.') {
            segments.push(current);
            current = '';
        }
        else if (c === '[') {
            const close = key.indexOf(']', i);
            if (close < 0) {
                current += c;
                continue;
            }
            if (current)
                segments.push(current);
            segments.push(key.slice(i + 1, close));
            current = '';
            i = close;
            if (key[i + 1] === '.')
                i++;
        }
        else
            current += c;
    }
    if (current || segments.length === 0)
        segments.push(current);
    return segments;
}

;// CONCATENATED MODULE: ./src/core/gitops/argocd.ts
/**
 * Argo CD `Application` (and `ApplicationSet` templates): in `spec.source` and each of
 * `spec.sources[]`, the `kustomize.images` overrides, `helm.parameters` and `helm.valuesObject`.
 */




function isArgoApplication(kind, apiVersion) {
    return (kind === 'Application' || kind === 'ApplicationSet') && !!apiVersion?.startsWith('argoproj.io/');
}
function editArgoApplication(src, root, update) {
    let spec = src.get(root, 'spec');
    if (src.str(src.get(root, 'kind')) === 'ApplicationSet')
        spec = src.get(src.get(spec, 'template'), 'spec');
    const sources = [];
    const single = src.get(spec, 'source');
    if (single)
        sources.push(single);
    const many = src.get(spec, 'sources');
    if ((0,dist/* isSeq */.oP)(many))
        for (const item of many.items)
            sources.push(src.resolve(item));
    for (const source of sources) {
        if (!(0,dist/* isMap */.jh)(source))
            continue;
        const images = src.get(src.get(source, 'kustomize'), 'images');
        if ((0,dist/* isSeq */.oP)(images))
            for (const item of images.items)
                editOverride(src, src.resolve(item), update);
        const helm = src.get(source, 'helm');
        const parameters = src.get(helm, 'parameters');
        if ((0,dist/* isSeq */.oP)(parameters))
            editParameters(src, parameters.items, update);
        const values = src.get(helm, 'valuesObject');
        if (values)
            editHelmValues(src, values, update, 'argocd');
    }
}
/** `registry/web:1.2` or `name=newName:tag`: the image may match on either side of `=`. */
function editOverride(src, node, update) {
    const value = src.stringValue(node);
    if (value === undefined || !src.editable(node) || src.isClaimed(node))
        return;
    const eq = value.indexOf('=');
    const left = eq >= 0 ? value.slice(0, eq + 1) : '';
    const { name } = (0,reference/* splitImage */.s5)(value.slice(eq + 1));
    if (!matchesImage(name, update) && !(left && matchesImage((0,reference/* splitImage */.s5)(left.slice(0, -1)).name, update)))
        return;
    src.claim(node);
    const next = `${left}${nextReference(name, update)}`;
    src.target('argocd', src.line(node.range?.[0] ?? 0), value, next);
    src.setScalar(node, next);
}
/**
 * `{name, value}` parameters: `X.repository` naming the image selects `X.tag` (and `X.digest`);
 * with an explicit key, the parameter of that name (its `X.repository`, if any, must match).
 */
function editParameters(src, items, update) {
    const params = new Map();
    for (const item of items) {
        const p = src.resolve(item);
        const name = src.stringValue(src.get(p, 'name'));
        if ((0,dist/* isMap */.jh)(p) && name !== undefined)
            params.set(name, p);
    }
    const value = (name) => {
        const p = params.get(name);
        return p && src.pair(p, 'value') ? src.get(p, 'value') : undefined;
    };
    const prefixes = []; // [prefix, tag suffix]
    if (update.key) {
        const dot = update.key.lastIndexOf('.');
        prefixes.push([update.key.slice(0, dot + 1), update.key.slice(dot + 1)]);
    }
    else {
        for (const name of params.keys()) {
            if (name.endsWith('repository'))
                prefixes.push([name.slice(0, -'repository'.length), 'tag']);
            else if (name.endsWith('Repository'))
                prefixes.push([name.slice(0, -'Repository'.length), 'Tag']);
        }
    }
    for (const [prefix, tagName] of prefixes) {
        const upper = tagName[0] === 'T';
        const repository = src.stringValue(value(`${prefix}${upper ? 'Repository' : 'repository'}`));
        const registry = src.stringValue(value(`${prefix}${upper ? 'Registry' : 'registry'}`));
        const full = registry && repository ? `${registry}/${repository}` : repository;
        if (update.key ? full !== undefined && !matchesImage(full, update) : !matchesImage(full, update))
            continue;
        editTagDigest(src, 'argocd', value(`${prefix}${tagName}`), value(`${prefix}${upper ? 'Digest' : 'digest'}`), update);
    }
}

;// CONCATENATED MODULE: ./src/core/gitops/flux.ts
/**
 * Flux image-automation markers: a scalar followed on its line by `# {"$imagepolicy": "ns:policy"}`
 * (whole reference), `...:tag` (tag), `...:digest` (digest) or `...:name` (left alone). A `:tag`
 * or `:digest` scalar is only changed when its mapping names the image: a `repository`/`name`/
 * `newName`/`image` sibling, or a sibling carrying a `:name` marker.
 */



const MARKER = /^[ \t]*#\s*(\{.*\})\s*$/;
/** Cheap test before walking a document. */
function hasMarkers(text) {
    return text.includes('$imagepolicy');
}
function editFluxMarkers(src, root, update) {
    // Markers sit on source lines, so anchored nodes are seen where they are written: no aliases followed.
    if ((0,dist/* isMap */.jh)(root)) {
        for (const pair of root.items) {
            const value = pair.value;
            if (!value)
                continue;
            if ((0,dist/* isScalar */.jn)(value))
                editMarked(src, value, root, update);
            else
                editFluxMarkers(src, value, update);
        }
    }
    else if ((0,dist/* isSeq */.oP)(root)) {
        for (const item of root.items) {
            if ((0,dist/* isScalar */.jn)(item))
                editMarked(src, item, undefined, update);
            else if (item)
                editFluxMarkers(src, item, update);
        }
    }
}
/** The field a marker selects: '' for the whole reference, else `tag`, `name`, `digest`… */
function markerField(src, node) {
    const end = node.range?.[1];
    if (end === undefined || !(0,dist/* isScalar */.jn)(node))
        return undefined;
    const nl = src.text.indexOf('\n', end);
    const m = MARKER.exec(src.text.slice(end, nl < 0 ? src.text.length : nl));
    if (!m)
        return undefined;
    try {
        const policy = JSON.parse(m[1]).$imagepolicy;
        if (typeof policy !== 'string')
            return undefined;
        return policy.split(':')[2] ?? '';
    }
    catch {
        return undefined;
    }
}
function editMarked(src, node, map, update) {
    const field = markerField(src, node);
    if (field === undefined || src.isClaimed(node) || !src.editable(node))
        return;
    if (field === '') {
        editReference(src, 'flux', node, update);
        return;
    }
    if ((field !== 'tag' && field !== 'digest') || !map || !namesImage(src, map, node, update))
        return;
    const value = field === 'tag' ? update.tag : (update.digest ?? ''); // tag only clears a digest
    if (value === undefined)
        return; // digest-only update: a tag marker has nothing to take
    src.claim(node);
    const previous = src.str(node) ?? '';
    src.target('flux', src.line(node.range?.[0] ?? 0), previous, value);
    src.setScalar(node, value);
}
function namesImage(src, map, self, update) {
    for (const pair of map.items) {
        const value = pair.value;
        if (!value || value === self || !(0,dist/* isScalar */.jn)(value))
            continue;
        const text = src.stringValue(value);
        if (markerField(src, value) === 'name' && matchesImage(text, update))
            return true;
    }
    for (const key of ['name', 'newName', 'image']) {
        const text = src.stringValue(src.get(map, key));
        if (text && matchesImage((0,reference/* splitImage */.s5)(text).name, update))
            return true;
    }
    return matchesImage(repositoryOf(src, map), update);
}

;// CONCATENATED MODULE: ./src/core/gitops/yaml-source.ts
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
    lines = new dist/* LineCounter */.HN();
    splices = [];
    /** Start offsets of scalars a rule already handled (aliases reach the same node twice). */
    claimed = new Set();
    anchors = new Map();
    derefs = 0;
    doc;
    constructor(file) {
        this.path = file.path;
        this.text = file.text;
        this.eol = file.text.includes('\r\n') ? '\r\n' : '\n';
        const parsed = (0,dist/* parseAllDocuments */.hR)(file.text, { lineCounter: this.lines, prettyErrors: true });
        this.docs = Array.isArray(parsed) ? parsed : [];
        for (const doc of this.docs) {
            const err = doc.errors[0];
            if (err) {
                const detail = err.message.split('\n')[0]?.replace(/ at line \d+, column \d+:?$/, '') ?? err.code;
                throw new errors/* FileError */.f6(this.path, err.linePos?.[0].line, `YAML syntax error: ${detail}`);
            }
        }
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
        if (!(0,dist/* isAlias */.Vj)(node))
            return (0,dist/* isScalar */.jn)(node) || (0,dist/* isMap */.jh)(node) || (0,dist/* isSeq */.oP)(node) ? node : undefined;
        if (++this.derefs > MAX_ALIAS_DEREFS) {
            throw new errors/* FileError */.f6(this.path, this.line(node.range?.[0] ?? 0), `too many alias dereferences (more than ${MAX_ALIAS_DEREFS}); refusing to expand YAML aliases (alias bomb?)`);
        }
        const candidates = this.anchorsOf().get(node.source) ?? [];
        const at = node.range?.[0] ?? Number.MAX_SAFE_INTEGER;
        // An anchor may be redefined: an alias refers to the latest definition before it.
        let found;
        for (const c of candidates)
            if ((c.range?.[0] ?? 0) < at)
                found = c;
        return found && !(0,dist/* isAlias */.Vj)(found) ? found : undefined;
    }
    anchorsOf() {
        const doc = this.doc;
        if (!doc)
            return new Map();
        let map = this.anchors.get(doc);
        if (!map) {
            const m = new Map();
            (0,dist/* visit */.YR)(doc, {
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
            if ((0,dist/* isScalar */.jn)(k) && String(k.value) === key)
                return pair;
        }
        return undefined;
    }
    /** The (alias-resolved) value at `key`, when `node` is a mapping. */
    get(node, key) {
        return (0,dist/* isMap */.jh)(node) ? this.resolve(this.pair(node, key)?.value) : undefined;
    }
    /** The text of a scalar as a string (`1.10` stays `1.10`; null is ''); undefined for collections. */
    str(node) {
        if (!(0,dist/* isScalar */.jn)(node))
            return undefined;
        if (typeof node.value === 'string')
            return node.value;
        if (node.value === null || node.value === undefined)
            return '';
        return node.source ?? String(node.value);
    }
    /** A non-empty string scalar (an image reference candidate). */
    stringValue(node) {
        return (0,dist/* isScalar */.jn)(node) && typeof node.value === 'string' && node.value !== '' ? node.value : undefined;
    }
    /** Marks a scalar as handled by a rule; false when a rule already handled it. */
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
    /** True when the scalar's text can be rewritten in place (block scalars cannot). */
    editable(node) {
        return (0,dist/* isScalar */.jn)(node) && node.type !== 'BLOCK_LITERAL' && node.type !== 'BLOCK_FOLDED' && !!node.range;
    }
    /** Rewrites a scalar to `value`, keeping its quoting style when it reads back as the same string. */
    setScalar(node, value) {
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
        this.splice(start, end, text);
    }
    splice(start, end, text) {
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
        return (0,dist/* parse */.qg)(value) === value && (0,dist/* parse */.qg)(value, { version: '1.1' }) === value;
    }
    catch {
        return false;
    }
}

;// CONCATENATED MODULE: ./src/core/gitops/kustomize.ts
/**
 * Kustomize `images:` entries (also Flux Kustomization `spec.images`, same schema). Kustomize
 * renders newTag+digest as `name:tag@digest` and newTag alone without any digest (see
 * KUSTOMIZE_IMAGES.md §5), so a tag-only update removes a `digest:` line and a digest-only update
 * removes a `newTag:` line: otherwise the stale field would keep the old image.
 */




/** Edits the matching entries of an `images:` sequence; returns how many matched. */
function editKustomizeImages(src, images, update) {
    if (!(0,dist/* isSeq */.oP)(images))
        return 0;
    let matched = 0;
    for (const item of images.items) {
        const entry = src.resolve(item);
        if ((0,dist/* isMap */.jh)(entry) && editEntry(src, entry, update))
            matched++;
    }
    return matched;
}
function editEntry(src, entry, update) {
    const nameNode = src.get(entry, 'name');
    const newNameNode = src.get(entry, 'newName');
    const name = src.stringValue(nameNode);
    const newName = src.stringValue(newNameNode);
    if (!matchesImage(name, update) && !matchesImage(newName, update))
        return false;
    const tagPair = src.pair(entry, 'newTag');
    const digestPair = src.pair(entry, 'digest');
    const tagNode = src.resolve(tagPair?.value);
    const digestNode = src.resolve(digestPair?.value);
    // Entries reached twice (through an alias) are edited once.
    if (!src.claim(nameNode ?? entry))
        return true;
    src.claim(newNameNode);
    src.claim(tagNode);
    src.claim(digestNode);
    const shown = newName ?? name ?? update.image;
    const oldTag = src.str(tagNode) || undefined;
    const oldDigest = src.str(digestNode) || undefined;
    const at = tagNode?.range?.[0] ?? digestNode?.range?.[0] ?? entry.range?.[0] ?? 0;
    src.target('kustomize', src.line(at), (0,reference/* formatReference */.FH)(shown, oldTag, oldDigest), (0,reference/* formatReference */.FH)(shown, update.tag, update.digest));
    setOrAdd(src, entry, 'newTag', tagPair, tagNode, update.tag);
    setOrAdd(src, entry, 'digest', digestPair, digestNode, update.digest);
    return true;
}
/** Sets the field, adds it when missing, or (value undefined) removes it when it holds something. */
function setOrAdd(src, entry, key, pair, node, value) {
    if (value === undefined) {
        if (pair && src.str(node))
            removePair(src, entry, pair);
    }
    else if (!pair)
        addPair(src, entry, key, value);
    else if (src.editable(node))
        src.setScalar(node, value);
}
function addPair(src, map, key, value) {
    const last = map.items[map.items.length - 1];
    const first = map.items[0];
    if (!last || !first)
        return;
    const lastEnd = endOf(last);
    if (map.flow) {
        src.splice(lastEnd, lastEnd, `, ${key}: ${renderValue(value)}`);
        return;
    }
    const indent = ' '.repeat(src.column(startOf(first)));
    src.insertLinesAfter(src.trimEnd(lastEnd), [`${indent}${key}: ${renderValue(value)}`]);
}
function removePair(src, map, pair) {
    const i = map.items.indexOf(pair);
    const start = startOf(pair);
    const next = map.items[i + 1];
    const prev = map.items[i - 1];
    if (map.flow) {
        if (prev)
            src.splice(endOf(prev), endOf(pair), '');
        else if (next)
            src.splice(start, startOf(next), '');
        return;
    }
    const text = src.text;
    const lineStart = text.lastIndexOf('\n', start - 1) + 1;
    if (text.slice(lineStart, start).trim() === '') {
        // The key owns its line(s): drop them whole, trailing comment included.
        const nl = text.indexOf('\n', src.trimEnd(endOf(pair)));
        src.splice(lineStart, nl < 0 ? text.length : nl + 1, '');
    }
    else if (next) {
        // `- digest: …` shares its line with the dash: pull the next key up onto it.
        src.splice(start, startOf(next), '');
    }
}
function startOf(pair) {
    return pair.key?.range?.[0] ?? 0;
}
function endOf(pair) {
    const value = pair.value;
    return value?.range?.[1] ?? pair.key?.range?.[1] ?? 0;
}
/**
 * Adds `{name, newTag, digest}` for an image the kustomization does not list yet: appended to
 * the `images:` sequence in its own style, or as a new `images:` block at the end of the document.
 */
function addKustomizeImage(src, root, update) {
    const fields = [['name', update.image]];
    if (update.tag !== undefined)
        fields.push(['newTag', update.tag]);
    if (update.digest !== undefined)
        fields.push(['digest', update.digest]);
    const next = (0,reference/* formatReference */.FH)(update.image, update.tag, update.digest);
    const imagesPair = src.pair(root, 'images');
    const images = src.resolve(imagesPair?.value);
    if ((0,dist/* isSeq */.oP)(images) && images.flow) {
        const flow = `{${fields.map(([k, v]) => `${k}: ${renderValue(v)}`).join(', ')}}`;
        const last = images.items[images.items.length - 1];
        const at = last?.range?.[1] ?? (images.range?.[0] ?? 0) + 1;
        src.splice(at, at, last ? `, ${flow}` : flow);
        src.target('kustomize', src.line(at), '', next);
        return;
    }
    if ((0,dist/* isSeq */.oP)(images) && images.items.length > 0) {
        const first = images.items[0];
        const last = images.items[images.items.length - 1];
        const firstStart = first.range?.[0] ?? 0;
        let prefix = src.text.slice(src.text.lastIndexOf('\n', firstStart - 1) + 1, firstStart);
        if (!/^ *- +$/.test(prefix))
            prefix = `${' '.repeat(src.column(images.range?.[0] ?? 0))}- `;
        const anchor = src.trimEnd(last.range?.[1] ?? 0);
        src.insertLinesAfter(anchor, entryLines(fields, prefix));
        src.target('kustomize', src.line(anchor) + 1, '', next);
        return;
    }
    const keyCol = src.column(startOf((imagesPair ?? root.items[0])));
    const prefix = `${' '.repeat(keyCol)}${sequenceIndent(src, root)}- `;
    if (imagesPair) {
        // `images:` / `images: []` / `images: ~` with nothing listed: the entry goes on the next lines.
        const value = imagesPair.value;
        const anchor = value?.range ? value.range[1] : src.trimEnd(startOf(imagesPair) + 'images:'.length);
        if (value?.range && value.range[0] !== value.range[1]) {
            const space = src.text[value.range[0] - 1] === ' ' ? 1 : 0;
            src.splice(value.range[0] - space, value.range[1], '');
        }
        src.insertLinesAfter(anchor, entryLines(fields, prefix));
        src.target('kustomize', src.line(anchor) + 1, '', next);
        return;
    }
    const lastPair = root.items[root.items.length - 1];
    if (root.flow && lastPair) {
        // A flow (JSON-style) root: add a JSON member, which YAML reads the same.
        const json = `{${fields.map(([k, v]) => `${JSON.stringify(k)}: ${JSON.stringify(v)}`).join(', ')}}`;
        const at = endOf(lastPair);
        src.splice(at, at, `, "images": [${json}]`);
        src.target('kustomize', src.line(at), '', next);
        return;
    }
    const anchor = src.trimEnd(root.range?.[1] ?? src.text.length);
    src.insertLinesAfter(anchor, [`${' '.repeat(keyCol)}images:`, ...entryLines(fields, prefix)]);
    src.target('kustomize', src.line(anchor) + 2, '', next);
}
function entryLines(fields, prefix) {
    const pad = ' '.repeat(prefix.length);
    return fields.map(([k, v], i) => `${i === 0 ? prefix : pad}${k}: ${renderValue(v)}`);
}
/** How far the file indents `- ` under a key (`resources:\n  - a.yaml` → 2); 0 when unknown. */
function sequenceIndent(src, root) {
    for (const pair of root.items) {
        const value = pair.value;
        if ((0,dist/* isSeq */.oP)(value) && !value.flow && value.range) {
            const delta = src.column(value.range[0]) - src.column(startOf(pair));
            return ' '.repeat(Math.max(delta, 0));
        }
    }
    return '';
}

;// CONCATENATED MODULE: ./src/core/gitops/manifests.ts
/**
 * Kubernetes workload manifests. Like kustomize's legacy image pass, any `containers` or
 * `initContainers` sequence at any depth counts (so CronJob's jobTemplate and Argo Rollouts are
 * covered without listing paths); `ephemeralContainers` does not.
 */


const WORKLOAD_KINDS = new Set([
    'Deployment',
    'StatefulSet',
    'DaemonSet',
    'ReplicaSet',
    'Job',
    'CronJob',
    'Pod',
    'Rollout',
]);
function editManifest(src, root, update) {
    manifests_walk(src, root, update);
}
function manifests_walk(src, node, update) {
    if ((0,dist/* isMap */.jh)(node)) {
        for (const pair of node.items) {
            const value = src.resolve(pair.value);
            if (!value)
                continue;
            const key = src.str(src.resolve(pair.key));
            if ((key === 'containers' || key === 'initContainers') && (0,dist/* isSeq */.oP)(value)) {
                for (const item of value.items)
                    editReference(src, 'manifest', src.get(src.resolve(item), 'image'), update);
            }
            manifests_walk(src, value, update);
        }
    }
    else if ((0,dist/* isSeq */.oP)(node)) {
        for (const item of node.items) {
            const value = src.resolve(item);
            if (value)
                manifests_walk(src, value, update);
        }
    }
}

;// CONCATENATED MODULE: ./src/core/gitops/edit.ts
/**
 * The format-preserving editor: finds every place a file refers to an image and rewrites only
 * those scalars (plus kustomize `images:` key lines), leaving every other byte as it was.
 */







const KUSTOMIZATION_NAMES = new Set(['kustomization.yaml', 'kustomization.yml', 'Kustomization']);
function editFile(file, update) {
    if (!mayMatch(file, update))
        return { path: file.path, text: file.text, changed: false, targets: [] };
    const src = new YamlSource(file);
    const markers = hasMarkers(file.text);
    let kustomization;
    let kustomizeMatches = 0;
    for (const doc of src.docs) {
        const root = doc.contents;
        if (!(0,dist/* isMap */.jh)(root))
            continue; // empty documents, bare scalars and lists are nothing to edit
        src.use(doc);
        const kind = src.stringValue(src.get(root, 'kind'));
        const apiVersion = src.stringValue(src.get(root, 'apiVersion'));
        if (isKustomization(file.path, kind, apiVersion)) {
            kustomization ??= { doc, root };
            kustomizeMatches += editKustomizeImages(src, src.get(root, 'images'), update);
        }
        else if (kind === 'Kustomization' && apiVersion?.startsWith('kustomize.toolkit.fluxcd.io/')) {
            // Flux's Kustomization carries the same image overrides under spec.images.
            kustomizeMatches += editKustomizeImages(src, src.get(src.get(root, 'spec'), 'images'), update);
        }
        else if (isArgoApplication(kind, apiVersion)) {
            editArgoApplication(src, root, update);
        }
        else {
            // Any Kubernetes object gets kustomize's legacy containers pass (Knative, custom kinds…);
            // anything that is not a workload may also hold Helm-style values (values files, HelmRelease).
            if (kind && apiVersion && kind !== 'CustomResourceDefinition')
                editManifest(src, root, update);
            if (!(kind && WORKLOAD_KINDS.has(kind)))
                editHelmValues(src, root, update);
        }
        if (markers)
            editFluxMarkers(src, root, update);
    }
    if (file.explicit && kustomization && kustomizeMatches === 0) {
        src.use(kustomization.doc);
        addKustomizeImage(src, kustomization.root, update);
    }
    const text = src.result();
    const targets = src.targets.sort((a, b) => a.line - b.line);
    return { path: file.path, text, changed: text !== file.text, targets };
}
function isKustomization(path, kind, apiVersion) {
    const kustomizeApi = !apiVersion || apiVersion.startsWith('kustomize.config.k8s.io/');
    if (kind === 'Kustomization' || kind === 'Component')
        return kustomizeApi;
    return !kind && KUSTOMIZATION_NAMES.has(path.slice(path.lastIndexOf('/') + 1));
}
/**
 * A cheap text test that skips most unrelated files without parsing. Every rule needs the
 * image's last path segment somewhere in the file (Helm `registry`/`repository` splits and Flux
 * `:tag` markers still name the repository), except a key path (Helm `key`, whose repository
 * sibling is optional) and an explicit kustomization, which gets an entry added.
 */
function mayMatch(file, update) {
    if (file.explicit)
        return true;
    const name = update.image.slice(update.image.lastIndexOf('/') + 1);
    if (file.text.includes(name))
        return true;
    return !!update.key && parseKey(update.key).every((s) => /^\d+$/.test(s) || file.text.includes(s));
}

;// CONCATENATED MODULE: ./src/core/gitops/paths.ts


const globChars = /[*?[\]{}]/;
/** Converts a repo-relative glob (`*`, `**`, `?`, `{a,b}`) into an anchored RegExp. */
function globToRegExp(glob) {
    let re = '';
    for (let i = 0; i < glob.length; i++) {
        const c = glob[i];
        if (c === '*') {
            if (glob[i + 1] === '*') {
                // `**/` matches zero or more directories; a trailing `**` matches everything below.
                const slash = glob[i + 2] === '/';
                re += slash ? '(?:.*/)?' : '.*';
                i += slash ? 2 : 1;
            }
            else
                re += '[^/]*';
        }
        else if (c === '?')
            re += '[^/]';
        else if (c === '{') {
            const end = glob.indexOf('}', i);
            if (end < 0)
                throw new errors/* InputError */.dz('files', `unclosed '{' in '${glob}'`);
            re += `(?:${glob
                .slice(i + 1, end)
                .split(',')
                .map((alt) => alt.replace(/[.+^$()|\\[\]]/g, '\\$&'))
                .join('|')})`;
            i = end;
        }
        else
            re += c.replace(/[.+^$()|\\[\]}]/g, '\\$&');
    }
    return new RegExp(`^${re}$`);
}
/** Normalises one pattern and rejects anything that would leave the repository. */
function normalizePattern(pattern) {
    const p = pattern.replace(/\\/g, '/');
    if (external_node_path_.posix.isAbsolute(p) || /^[a-zA-Z]:\//.test(p)) {
        throw new errors/* InputError */.dz('files', `'${pattern}' is absolute; paths are relative to the repository root`);
    }
    const normal = external_node_path_.posix.normalize(p).replace(/^\.\//, '');
    if (normal === '..' || normal.startsWith('../')) {
        throw new errors/* InputError */.dz('files', `'${pattern}' resolves outside the repository`);
    }
    if (normal === '.' || normal === '')
        throw new errors/* InputError */.dz('files', `'${pattern}' names the repository itself, not a file`);
    return normal;
}
/**
 * Resolves `files` against the repository's tracked files. Every literal path must exist and
 * every glob must match at least one file, so a typo fails loudly instead of editing nothing.
 */
function resolveFiles(patterns, tracked) {
    const trackedSet = new Set(tracked);
    const out = new Map();
    for (const pattern of patterns) {
        const normal = normalizePattern(pattern);
        if (!globChars.test(normal)) {
            if (!trackedSet.has(normal))
                throw new errors/* InputError */.dz('files', `'${pattern}' is not a file in the repository`);
            out.set(normal, { path: normal, explicit: true });
            continue;
        }
        const re = globToRegExp(normal);
        const matched = tracked.filter((f) => re.test(f));
        if (matched.length === 0)
            throw new errors/* InputError */.dz('files', `'${pattern}' matches no file in the repository`);
        for (const path of matched)
            if (!out.has(path))
                out.set(path, { path, explicit: false });
    }
    return [...out.values()];
}

;// CONCATENATED MODULE: ./src/core/gitops/update.ts




const realTiming = {
    sleep: (ms) => new Promise((resolve) => setTimeout(resolve, ms)),
    random: Math.random,
};
/** `{version}`: what the image is set to, e.g. `1.2.3`, `sha256:…` or `1.2.3@sha256:…`. */
function versionOf(update) {
    return (0,reference/* formatReference */.FH)('', update.tag, update.digest).replace(/^:/, '');
}
function renderCommitMessage(template, update, files) {
    const values = {
        image: update.image,
        tag: update.tag ?? '',
        digest: update.digest ?? '',
        version: versionOf(update),
        ref: (0,reference/* formatReference */.FH)(update.image, update.tag, update.digest),
        files: files.join(', '),
    };
    return template.replace(/\{(image|tag|digest|version|ref|files)\}/g, (_, name) => values[name] ?? '');
}
/**
 * Full-jitter exponential backoff: a random wait in [0, min(cap, base·2^(n-1))]. Sized so that 20 pipelines
 * racing on one branch all land within the default 10 attempts (the budget grows to about a minute).
 */
function backoffMs(attempt, random, base = 500, cap = 15000) {
    return Math.round(random() * Math.min(cap, base * 2 ** (attempt - 1)));
}
/** Edits every listed file in the current checkout; nothing is written yet. */
async function planEdits(repo, settings) {
    const files = resolveFiles(settings.files, await repo.trackedFiles());
    const texts = await repo.readFiles(files.map((f) => f.path));
    return files.map((file, i) => editFile({ path: file.path, text: texts[i], explicit: file.explicit }, settings));
}
/**
 * Bumps the image in the config repository: edit, commit once, push. When the push is rejected
 * because the remote moved, the edit is re-run on the new tip (not rebased as text), so no
 * concurrent update is lost, with jittered backoff up to maxAttempts.
 */
async function updateGitopsTag(repo, settings, log, timing = realTiming) {
    for (let attempt = 1; attempt <= settings.maxAttempts; attempt++) {
        const edits = await planEdits(repo, settings);
        const matched = edits.filter((e) => e.targets.length > 0);
        if (matched.length === 0) {
            throw new errors/* CdpackError */.xd(`input 'image': no listed file refers to '${settings.image}' (looked in ${edits.map((e) => e.path).join(', ')})`);
        }
        for (const e of edits)
            if (e.targets.length === 0)
                log.warn(`${e.path}: no reference to ${settings.image}`);
        const changed = edits.filter((e) => e.changed);
        const result = {
            changed: changed.length > 0,
            commit: '',
            files: changed.map((e) => e.path),
            previous: previousOf(changed),
            edits,
            reason: '',
            attempts: attempt,
            diff: '',
        };
        if (changed.length === 0) {
            result.reason = `every target already holds ${(0,reference/* formatReference */.FH)(settings.image, settings.tag, settings.digest)}`;
            return result;
        }
        for (const e of changed)
            await repo.writeFile(e.path, e.text);
        result.diff = await repo.diff();
        if (settings.dryRun) {
            result.reason = 'dry-run: nothing committed or pushed';
            return result;
        }
        const message = renderCommitMessage(settings.commitMessage, settings, result.files);
        const push = await repo.commitAndPush(message);
        if (push.pushed) {
            result.commit = push.commit;
            return result;
        }
        if (attempt === settings.maxAttempts)
            break;
        const wait = backoffMs(attempt, timing.random);
        log.info(`push rejected (${push.reason}); attempt ${attempt}/${settings.maxAttempts}, retrying on the new tip in ${wait} ms`);
        await timing.sleep(wait);
        await repo.refresh();
    }
    throw new errors/* CdpackError */.xd(`push to ${repo.description} was rejected ${settings.maxAttempts} times because the remote kept moving; nothing was pushed (raise 'max-attempts')`);
}
function previousOf(edits) {
    const previous = {};
    for (const e of edits) {
        const values = [...new Set(e.targets.filter((t) => t.previous !== t.next).map((t) => t.previous))];
        previous[e.path] = values.join(', ');
    }
    return previous;
}

// EXTERNAL MODULE: ./src/inputs/read.ts
var read = __webpack_require__(4245);
// EXTERNAL MODULE: ./src/inputs/update-gitops-tag.ts
var update_gitops_tag = __webpack_require__(2188);
// EXTERNAL MODULE: ./src/tools/git.ts
var tools_git = __webpack_require__(615);
;// CONCATENATED MODULE: ./src/tools/git-config-repo.ts




/** `https://user:secret@host/x.git` → `https://host/x.git`, for messages. */
function redactUrl(url) {
    return url.replace(/^([a-z][a-z0-9+.-]*:\/\/)[^/@]*@/i, '$1');
}
/** Anchored, escaped gitignore-style patterns that select exactly these paths. */
function sparsePatterns(paths) {
    return paths.map((p) => `/${p.replace(/[\\*?[\]!#]/g, '\\$&')}\n`).join('') || '\n';
}
/** Turns a git failure into a message that names the remote, the branch and what to check. */
function explain(error, remote, branch, action) {
    if (!(error instanceof tools_git/* GitError */.XS))
        return error;
    switch (error.kind) {
        case 'auth-401':
            return new errors/* InputError */.dz('token', `authentication failed (HTTP 401) on ${action} ${remote}: check 'token' and 'username'`);
        case 'auth-403':
            return new errors/* InputError */.dz('token', `access denied (HTTP 403) on ${action} ${remote}: the token lacks permission`);
        case 'branch-missing':
            return new errors/* InputError */.dz('branch', `branch '${branch}' does not exist on ${remote}`);
        case 'not-found':
            return new errors/* InputError */.dz('repository', `${remote} was not found or is not a git repository (${error.message})`);
        default:
            return new errors/* CdpackError */.xd(`${action} ${remote}: ${error.message}`);
    }
}
/** Clones the branch (shallow) into `dir` and returns the ConfigRepo the update flow works on. */
async function cloneConfigRepo(options) {
    const { branch, dir } = options;
    const shown = redactUrl(options.remote);
    const git = new tools_git/* Git */.TU(dir, options.auth, options.identity);
    await (0,promises_.mkdir)(dir, { recursive: true });
    try {
        await new tools_git/* Git */.TU((0,external_node_path_.dirname)(dir), options.auth).run([
            'clone',
            '--quiet',
            '--no-tags',
            '--single-branch',
            '--depth',
            '1',
            '--no-checkout',
            '--branch',
            branch,
            '--',
            options.remote,
            dir,
        ], 'git clone');
        // A sparse checkout writes only the files we edit: a 5,000-file config repo costs no more than its 50 overlays.
        await git.run(['sparse-checkout', 'set', '--no-cone', '--stdin'], 'git sparse-checkout', '\n');
        await git.run(['checkout', '--quiet', branch], 'git checkout');
    }
    catch (error) {
        throw explain(error, shown, branch, 'clone of');
    }
    const root = await (0,promises_.realpath)(dir);
    const written = new Set();
    /** Resolves a repo-relative path and refuses one that a symlink leads out of the repository. */
    async function inside(path) {
        const full = (0,external_node_path_.join)(root, path);
        const real = await (0,promises_.realpath)(full).catch(() => full);
        const rel = (0,external_node_path_.relative)(root, real);
        if (rel.startsWith(`..${external_node_path_.sep}`) || rel === '..')
            throw new errors/* FileError */.f6(path, undefined, 'resolves outside the repository (symlink)');
        return full;
    }
    return {
        description: `${shown} (branch ${branch})`,
        async trackedFiles() {
            const out = await git.run(['ls-files', '-z'], 'git ls-files');
            return out.stdout.split('\0').filter(Boolean);
        },
        async readFiles(paths) {
            await git.run(['sparse-checkout', 'set', '--no-cone', '--stdin'], 'git sparse-checkout', sparsePatterns(paths));
            return Promise.all(paths.map(async (path) => (0,promises_.readFile)(await inside(path), 'utf8')));
        },
        async writeFile(path, text) {
            await (0,promises_.writeFile)(await inside(path), text, 'utf8');
            written.add(path);
        },
        async diff() {
            return (await git.run(['diff', '--no-color', '--no-ext-diff'], 'git diff')).stdout;
        },
        async commitAndPush(message) {
            await git.run(['add', '--', ...written], 'git add');
            await git.run(['commit', '--quiet', '--no-verify', '--file', '-'], 'git commit', message);
            try {
                await git.run(['push', '--porcelain', '--quiet', 'origin', `HEAD:refs/heads/${branch}`], 'git push');
            }
            catch (error) {
                if (error instanceof tools_git/* GitError */.XS && error.kind === 'rejected')
                    return { pushed: false, reason: 'the remote moved' };
                throw explain(error, shown, branch, 'push to');
            }
            return { pushed: true, commit: await git.revParse('HEAD') };
        },
        async refresh() {
            try {
                await git.run(['fetch', '--quiet', '--no-tags', '--depth', '1', 'origin', branch], 'git fetch');
            }
            catch (error) {
                throw explain(error, shown, branch, 'fetch from');
            }
            await git.run(['reset', '--quiet', '--hard', 'FETCH_HEAD'], 'git reset');
            written.clear();
        },
    };
}

// EXTERNAL MODULE: external "node:fs"
var external_node_fs_ = __webpack_require__(3024);
// EXTERNAL MODULE: ./src/tools/exec.ts
var exec = __webpack_require__(2122);
;// CONCATENATED MODULE: ./src/tools/git-remote.ts





const urlLike = /^([a-z][a-z0-9+.-]*:\/\/|[^/\s]+@[^:\s]+:)/i;
/**
 * Turns the `repository` input into something to clone: URLs as given; a bare repository path
 * as is; a working tree (the default: the workspace) by its `origin` remote.
 */
async function resolveRemote(repository, workspace) {
    if (repository && urlLike.test(repository))
        return { url: repository, shown: redactUrl(repository) };
    const path = (0,external_node_path_.resolve)(workspace, repository || '.');
    if (!(0,external_node_fs_.existsSync)(path))
        throw new errors/* InputError */.dz('repository', `'${repository}' is neither a git URL nor an existing path`);
    const bare = await (0,exec/* execTool */.w)('git', ['-C', path, 'rev-parse', '--is-bare-repository']);
    if (bare.code !== 0)
        throw new errors/* InputError */.dz('repository', `'${path}' is not a git repository`);
    if (bare.stdout.trim() === 'true')
        return { url: path, shown: path };
    const origin = await (0,exec/* execTool */.w)('git', ['-C', path, 'remote', 'get-url', 'origin']);
    if (origin.code !== 0) {
        throw new errors/* InputError */.dz('repository', `'${path}' is a working tree without an 'origin' remote; give the remote URL`);
    }
    const url = origin.stdout.trim();
    return { url, shown: redactUrl(url) };
}

;// CONCATENATED MODULE: ./src/actions/update-gitops-tag/settings.ts



/** Validates every input up front, so a bad value fails before anything is cloned or pushed. */
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
    if (!/^(?!-)(?!.*\.\.)(?!.*\/\/)[^\s~^:?*[\\]+(?<![/.])$/.test(branch) || branch.endsWith('.lock')) {
        throw new errors/* InputError */.dz('branch', `'${branch}' is not a valid branch name`);
    }
    const files = (0,read/* parseList */.E1)(get('files'));
    if (files.length === 0)
        throw new errors/* InputError */.dz('files', 'list at least one path or glob');
    const key = get('key') || undefined;
    if (key && !/^[^.\s]+(\.[^.\s]+)*$/.test(key)) {
        throw new errors/* InputError */.dz('key', `'${key}' is not a dotted YAML path such as image.tag`);
    }
    return {
        repository: get('repository'),
        branch,
        token: get('token'),
        username: get('username') || 'x-access-token',
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
    };
}

;// CONCATENATED MODULE: ./src/actions/update-gitops-tag/action.ts








/** update-gitops-tag on any platform: read inputs → clone → edit/commit/push → outputs. */
async function updateGitopsTagAction(platform) {
    const settings = parseSettings((0,read/* readInputs */.Ko)(update_gitops_tag/* updateGitopsTag */.C, platform));
    const remote = await resolveRemote(settings.repository, platform.workspace);
    const auth = settings.token
        ? { header: `Basic ${Buffer.from(`${settings.username}:${settings.token}`).toString('base64')}` }
        : undefined;
    if (auth)
        platform.setSecret(auth.header.slice('Basic '.length));
    const dir = await (0,promises_.mkdtemp)((0,external_node_path_.join)(platform.tempDir, 'cdpack-gitops-'));
    try {
        const repo = await platform.group(`Clone ${remote.shown} (${settings.branch})`, () => cloneConfigRepo({
            remote: remote.url,
            branch: settings.branch,
            auth,
            identity: { name: settings.authorName, email: settings.authorEmail },
            dir: (0,external_node_path_.join)(dir, 'repo'),
        }));
        const result = await platform.group(`Update ${settings.image} in ${settings.files.join(', ')}`, () => updateGitopsTag(repo, settings, platform));
        report(platform, result, settings.dryRun);
        platform.setOutput('changed', String(result.changed));
        platform.setOutput('commit', result.commit);
        platform.setOutput('files', JSON.stringify(result.files));
        platform.setOutput('previous', JSON.stringify(result.previous));
        await platform.summary(summaryTable(result, remote.shown, settings.branch));
    }
    finally {
        await (0,promises_.rm)(dir, { recursive: true, force: true });
    }
}
function report(platform, result, dryRun) {
    if (result.diff)
        platform.info(result.diff.trimEnd());
    if (result.commit)
        platform.info(`pushed ${result.commit} after ${result.attempts} attempt(s)`);
    else if (!result.changed || dryRun)
        platform.info(`no commit: ${result.reason}`);
}
function summaryTable(result, remote, branch) {
    const rows = result.edits.flatMap((e) => e.targets.map((t) => `| \`${e.path}\`:${t.line} | ${t.kind} | \`${t.previous || '(added)'}\` | \`${t.next}\` |`));
    const head = result.commit
        ? `Pushed \`${result.commit.slice(0, 12)}\` to ${remote} \`${branch}\`.`
        : `No commit: ${result.reason}.`;
    return [
        '### cdpack update-gitops-tag',
        '',
        head,
        '',
        '| Place | Kind | Before | After |',
        '| --- | --- | --- | --- |',
        ...rows,
        '',
    ].join('\n');
}


/***/ }),

/***/ 4296:
/***/ ((__unused_webpack_module, __webpack_exports__, __webpack_require__) => {

/* harmony export */ __webpack_require__.d(__webpack_exports__, {
/* harmony export */   dz: () => (/* binding */ InputError),
/* harmony export */   f6: () => (/* binding */ FileError),
/* harmony export */   xd: () => (/* binding */ CdpackError)
/* harmony export */ });
/** An error the user can act on: it names what was wrong and what was expected. */
class CdpackError extends Error {
    name = 'CdpackError';
}
/** A bad value for a named input. The message always starts with the input's name. */
class InputError extends CdpackError {
    input;
    name = 'InputError';
    constructor(input, detail) {
        super(`input '${input}': ${detail}`);
        this.input = input;
    }
}
/** A problem located in a file of the user's repository. */
class FileError extends CdpackError {
    file;
    line;
    name = 'FileError';
    constructor(file, line, detail) {
        super(`${file}${line ? `:${line}` : ''}: ${detail}`);
        this.file = file;
        this.line = line;
    }
}


/***/ }),

/***/ 7600:
/***/ ((__unused_webpack_module, __webpack_exports__, __webpack_require__) => {

/* harmony export */ __webpack_require__.d(__webpack_exports__, {
/* harmony export */   F2: () => (/* binding */ parseReference),
/* harmony export */   FH: () => (/* binding */ formatReference),
/* harmony export */   Mb: () => (/* binding */ registryApiHost),
/* harmony export */   RB: () => (/* binding */ sameRepository),
/* harmony export */   fH: () => (/* binding */ isValidDigest),
/* harmony export */   r_: () => (/* binding */ isValidTag),
/* harmony export */   s5: () => (/* binding */ splitImage)
/* harmony export */ });
/* unused harmony export normalizeName */
/**
 * OCI / Docker image references: `[domain/]path[:tag][@digest]`, per the grammar of
 * distribution/reference (see ../shared/oracles/IMAGE_REFERENCE.md for the rules restated).
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
const sha256DigestRe = /^sha256:[a-f0-9]{64}$/;
/** Parses a reference with the pure grammar (no Docker Hub normalisation). */
function parseReference(text) {
    const m = referenceRe.exec(text);
    if (!m) {
        if (referenceRe.test(text.toLowerCase()))
            return { ok: false, reason: 'repository name must be lowercase' };
        return { ok: false, reason: 'invalid reference format' };
    }
    const name = m[1];
    const slash = name.indexOf('/');
    const first = slash >= 0 ? name.slice(0, slash) : '';
    const hasDomain = slash >= 0 && domainRe.test(first) && looksLikeRegistry(first);
    const path = hasDomain ? name.slice(slash + 1) : name;
    if (path.length > 255)
        return { ok: false, reason: 'repository name must not be more than 255 characters' };
    const digest = m[3];
    if (digest !== undefined && !sha256DigestRe.test(digest)) {
        return { ok: false, reason: `digest '${digest}' must be sha256: followed by 64 lowercase hex digits` };
    }
    return { ok: true, ref: { name, domain: hasDomain ? first : undefined, path, tag: m[2], digest } };
}
/** Docker's rule for whether the first path component is a registry host. */
function looksLikeRegistry(first) {
    return first === 'localhost' || first.includes('.') || first.includes(':') || first !== first.toLowerCase();
}
/** `nginx` → `docker.io/library/nginx`; `registry.example.com/web` unchanged. */
function normalizeName(name) {
    const slash = name.indexOf('/');
    const first = slash >= 0 ? name.slice(0, slash) : '';
    let domainPart = 'docker.io';
    let path = name;
    if (slash >= 0 && looksLikeRegistry(first)) {
        domainPart = first === 'index.docker.io' ? 'docker.io' : first;
        path = name.slice(slash + 1);
    }
    if (domainPart === 'docker.io' && !path.includes('/'))
        path = `library/${path}`;
    return `${domainPart}/${path}`;
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
    return domain === 'docker.io' || domain === 'index.docker.io' ? 'registry-1.docker.io' : domain;
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
/* harmony import */ var _core_errors__WEBPACK_IMPORTED_MODULE_0__ = __webpack_require__(4296);

/**
 * Reads every declared input once: masks secrets first, then checks `required` and `options`.
 * Typed parsing (numbers, lists, grammar) is each action's own `parseSettings`.
 */
function readInputs(spec, platform) {
    const raw = {};
    for (const [name, input] of Object.entries(spec.inputs)) {
        const value = platform.input(name);
        if (input.secret && value)
            platform.setSecret(value);
        raw[name] = input.type === 'list' ? value : value.trim();
    }
    for (const [name, input] of Object.entries(spec.inputs)) {
        const value = raw[name] ?? '';
        if (input.required && value.trim() === '')
            throw new _core_errors__WEBPACK_IMPORTED_MODULE_0__/* .InputError */ .dz(name, 'is required');
        if (input.options && value !== '' && !input.options.includes(value)) {
            throw new _core_errors__WEBPACK_IMPORTED_MODULE_0__/* .InputError */ .dz(name, `expected one of ${input.options.join(', ')}, got '${value}'`);
        }
    }
    return raw;
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
function parseInteger(name, value, min, max) {
    const n = Number(value);
    if (!/^\d+$/.test(value.trim()) || n < min || n > max) {
        throw new _core_errors__WEBPACK_IMPORTED_MODULE_0__/* .InputError */ .dz(name, `expected a whole number from ${min} to ${max}, got '${value}'`);
    }
    return n;
}


/***/ }),

/***/ 2122:
/***/ ((__unused_webpack_module, __webpack_exports__, __webpack_require__) => {

/* harmony export */ __webpack_require__.d(__webpack_exports__, {
/* harmony export */   w: () => (/* binding */ execTool)
/* harmony export */ });
/* harmony import */ var node_child_process__WEBPACK_IMPORTED_MODULE_0__ = __webpack_require__(1421);
/* harmony import */ var node_child_process__WEBPACK_IMPORTED_MODULE_0___default = /*#__PURE__*/__webpack_require__.n(node_child_process__WEBPACK_IMPORTED_MODULE_0__);

/** Runs a program with an argument array (never through a shell) and collects its output. */
function execTool(file, args, options = {}) {
    return new Promise((resolve, reject) => {
        const child = (0,node_child_process__WEBPACK_IMPORTED_MODULE_0__.spawn)(file, args, {
            cwd: options.cwd,
            env: { ...process.env, ...options.env },
            stdio: [options.stdin === undefined ? 'ignore' : 'pipe', 'pipe', 'pipe'],
        });
        const out = [];
        const err = [];
        child.stdout?.on('data', (b) => out.push(b));
        child.stderr?.on('data', (b) => err.push(b));
        child.on('error', (e) => reject(e.code === 'ENOENT' ? new Error(`'${file}' was not found on PATH`) : e));
        child.on('close', (code, signal) => resolve({
            code: code ?? (signal ? 128 : 1),
            stdout: Buffer.concat(out).toString('utf8'),
            stderr: Buffer.concat(err).toString('utf8'),
        }));
        if (child.stdin) {
            // A program may exit before reading its input; that is its answer, not our crash.
            child.stdin.on('error', () => { });
            child.stdin.end(options.stdin);
        }
    });
}


/***/ }),

/***/ 615:
/***/ ((__unused_webpack_module, __webpack_exports__, __webpack_require__) => {

/* harmony export */ __webpack_require__.d(__webpack_exports__, {
/* harmony export */   TU: () => (/* binding */ Git),
/* harmony export */   XS: () => (/* binding */ GitError)
/* harmony export */ });
/* unused harmony export classifyGitFailure */
/* harmony import */ var _core_errors__WEBPACK_IMPORTED_MODULE_0__ = __webpack_require__(4296);
/* harmony import */ var _exec__WEBPACK_IMPORTED_MODULE_1__ = __webpack_require__(2122);


/** A git command that failed, classified so callers can decide (retry, or explain). */
class GitError extends _core_errors__WEBPACK_IMPORTED_MODULE_0__/* .CdpackError */ .xd {
    kind;
    stderr;
    name = 'GitError';
    constructor(kind, message, stderr) {
        super(message);
        this.kind = kind;
        this.stderr = stderr;
    }
}
/** Reads git's stderr to tell auth failures, a missing branch and a rejected push apart. */
function classifyGitFailure(stderr) {
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
 * Runs git in one directory. Credentials travel only as environment-only config
 * (GIT_CONFIG_COUNT/KEY/VALUE), so they never reach argv, the URL or .git/config.
 */
class Git {
    cwd;
    auth;
    identity;
    constructor(cwd, auth, identity) {
        this.cwd = cwd;
        this.auth = auth;
        this.identity = identity;
    }
    env() {
        const env = {
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
    /** Runs `git args…`; throws a classified GitError when it fails. */
    async run(args, what, stdin) {
        const result = await (0,_exec__WEBPACK_IMPORTED_MODULE_1__/* .execTool */ .w)('git', args, { cwd: this.cwd, env: this.env(), ...(stdin ? { stdin } : {}) });
        if (result.code !== 0) {
            const detail = result.stderr.trim().split('\n').slice(-3).join(' | ');
            throw new GitError(classifyGitFailure(result.stderr), `${what} failed: ${detail}`, result.stderr);
        }
        return result;
    }
    async revParse(ref) {
        return (await this.run(['rev-parse', '--verify', ref], `git rev-parse ${ref}`)).stdout.trim();
    }
}


/***/ })

};
