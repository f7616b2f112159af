export const id = 121;
export const ids = [121];
export const modules = {

/***/ 2020:
/***/ ((__unused_webpack_module, __webpack_exports__, __webpack_require__) => {


// EXPORTS
__webpack_require__.d(__webpack_exports__, {
  V: () => (/* binding */ configRepoAccess)
});

// EXTERNAL MODULE: ./src/core/text/url-credentials.ts
var url_credentials = __webpack_require__(4409);
// EXTERNAL MODULE: external "node:fs"
var external_node_fs_ = __webpack_require__(3024);
// EXTERNAL MODULE: external "node:path"
var external_node_path_ = __webpack_require__(6760);
// EXTERNAL MODULE: ./src/core/errors.ts
var errors = __webpack_require__(4296);
// EXTERNAL MODULE: ./src/tools/exec.ts
var exec = __webpack_require__(2122);
;// CONCATENATED MODULE: ./src/tools/git-remote.ts





const urlLike = /^([a-z][a-z0-9+.-]*:\/\/|[^/\s]+@[^:\s]+:)/i;
/**
 * Turns the `repository` input into something to clone: URLs as given; a bare repository path
 * as is; a working tree (the default: the workspace) by its `origin` remote (which may carry a
 * job token, as GitLab's checkout does).
 */
async function resolveRemote(repository, workspace) {
    const given = (0,url_credentials/* redactCredentials */.U)(repository);
    if (repository && urlLike.test(repository))
        return { url: repository, ...given };
    const path = (0,external_node_path_.resolve)(workspace, repository || '.');
    if (!(0,external_node_fs_.existsSync)(path))
        throw new errors/* InputError */.dz('repository', `'${given.shown}' is neither a git URL nor an existing path`);
    const bare = await (0,exec/* execTool */.w)('git', ['-C', path, 'rev-parse', '--is-bare-repository']);
    if (bare.code !== 0)
        throw new errors/* InputError */.dz('repository', `'${path}' is not a git repository`);
    if (bare.stdout.trim() === 'true')
        return { url: path, shown: path, secrets: [] };
    const origin = await (0,exec/* execTool */.w)('git', ['-C', path, 'remote', 'get-url', 'origin']);
    if (origin.code !== 0) {
        throw new errors/* InputError */.dz('repository', `'${path}' is a working tree without an 'origin' remote; give the remote URL`);
    }
    const url = origin.stdout.trim();
    return { url, ...(0,url_credentials/* redactCredentials */.U)(url) };
}

;// CONCATENATED MODULE: ./src/actions/config-repo-access.ts


/**
 * The config repository as update-gitops-tag and the GitOps rollback reach it: the remote resolved (the workspace's
 * origin when none is given) and the token as a Basic Authorization header. Credentials found in the URL, however
 * malformed, and the header are masked before the first line that could show them.
 */
async function configRepoAccess(platform, settings) {
    const given = (0,url_credentials/* redactCredentials */.U)(settings.repository).secrets;
    for (const secret of given)
        platform.setSecret(secret);
    const remote = await resolveRemote(settings.repository, platform.workspace);
    for (const secret of remote.secrets)
        if (!given.includes(secret))
            platform.setSecret(secret);
    const auth = settings.token
        ? { header: `Basic ${Buffer.from(`${settings.username}:${settings.token}`).toString('base64')}` }
        : undefined;
    if (auth)
        platform.setSecret(auth.header.slice('Basic '.length));
    return { remote, auth };
}


/***/ }),

/***/ 3242:
/***/ ((__unused_webpack_module, __webpack_exports__, __webpack_require__) => {


// EXPORTS
__webpack_require__.d(__webpack_exports__, {
  jo: () => (/* binding */ backoffMs),
  $u: () => (/* binding */ realTiming),
  jq: () => (/* binding */ renderCommitMessage),
  CY: () => (/* binding */ updateGitopsTag),
  E4: () => (/* binding */ versionOf)
});

// EXTERNAL MODULE: ./src/core/errors.ts
var errors = __webpack_require__(4296);
// EXTERNAL MODULE: ./src/core/image/reference.ts
var reference = __webpack_require__(7600);
// EXTERNAL MODULE: ./src/core/retry.ts
var retry = __webpack_require__(7253);
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
 * old image. A digest-only update without a digest field has nothing to write: no target (the
 * caller explains). previous/next are image references, `name:tag[@digest]`, as for every target.
 */
function editTagDigest(src, kind, name, tagNode, digestNode, update) {
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
    src.target(kind, src.line(tagNode.range?.[0] ?? 0), (0,reference/* formatReference */.FH)(name, oldTag, oldDigest), (0,reference/* formatReference */.FH)(name, newTag, newDigest));
    src.setScalar(tagNode, newTag);
    if (digest)
        src.setScalar(digest, newDigest);
    return true;
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
        walk(src, root, update, kind, '');
}
function walk(src, node, update, kind, path) {
    if ((0,dist/* isMap */.jh)(node)) {
        const repository = repositoryOf(src, node);
        if (src.pair(node, 'tag') && matchesImage(repository, update)) {
            const tag = src.get(node, 'tag');
            if (!editTagDigest(src, kind, repository, tag, src.get(node, 'digest'), update)) {
                noDigestField(src, tag ?? node, path, repository, update);
            }
        }
        for (const pair of node.items) {
            const value = src.resolve(pair.value);
            const key = src.str(src.resolve(pair.key)) ?? '';
            if (value)
                walk(src, value, update, kind, path ? `${path}.${key}` : key);
        }
    }
    else if ((0,dist/* isSeq */.oP)(node)) {
        node.items.forEach((item, i) => {
            const value = src.resolve(item);
            if (value)
                walk(src, value, update, kind, `${path}[${i}]`);
        });
    }
}
/** A digest-only update reached a mapping that names the image but has no digest to set: say why. */
function noDigestField(src, at, path, name, update) {
    if (update.tag !== undefined || src.isClaimed(at))
        return;
    const where = path || '(top level)';
    const digestKey = path ? `${path}.digest` : 'digest';
    src.miss(src.line(at.range?.[0] ?? 0), `'${where}' names ${name} but has no digest field for a digest-only update: add one that the chart reads ` +
        `(e.g. ${digestKey}) and give key: ${digestKey}, or give 'tag' as well`);
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
            node = src.site(node.items[Number(segment)]);
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
    const repository = (0,dist/* isMap */.jh)(parent) ? repositoryOf(src, parent) : undefined;
    if (repository !== undefined && !matchesImage(repository, update))
        return;
    const name = repository ?? update.image;
    const leaf = segments[segments.length - 1] ?? '';
    if (/digest$/i.test(leaf)) {
        if (!src.editable(node) || !src.claim(node))
            return;
        const previous = src.str(node) ?? '';
        const next = update.digest ?? ''; // tag only: a set digest would keep pinning the old image
        src.target(kind, src.line(node.range?.[0] ?? 0), (0,reference/* formatReference */.FH)(name, undefined, previous), (0,reference/* formatReference */.FH)(name, undefined, next));
        src.setScalar(node, next);
        return;
    }
    // `image: registry/web:1.2` addressed directly: rewrite the whole reference.
    const value = src.stringValue(node);
    if (value && /[/:@]/.test(value) && matchesImage((0,reference/* splitImage */.s5)(value).name, update)) {
        editReference(src, kind, node, update);
        return;
    }
    if (!editTagDigest(src, kind, name, node, (0,dist/* isMap */.jh)(parent) ? src.get(parent, 'digest') : undefined, update)) {
        noDigestField(src, node, segments.slice(0, -1).join('.'), name, update);
    }
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
                editOverride(src, src.site(item), update);
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
    const next = nextReference(name, update);
    // previous/next are the image references; `name=` (the override's left side) is kept as written.
    src.target('argocd', src.line(node.range?.[0] ?? 0), value.slice(eq + 1), next);
    src.setScalar(node, `${left}${next}`);
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
        const tag = value(`${prefix}${tagName}`);
        const digestName = `${prefix}${upper ? 'Digest' : 'digest'}`;
        const name = full ?? update.image;
        if (!editTagDigest(src, 'argocd', name, tag, value(digestName), update) && tag && update.tag === undefined) {
            src.miss(src.line(tag.range?.[0] ?? 0), `helm parameter '${prefix}${tagName}' is for ${name} but there is no '${digestName}' parameter for a digest-only update: add one that the chart reads, or give 'tag' as well`);
        }
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
    const name = field === 'tag' || field === 'digest' ? map && imageNamed(src, map, node, update) : undefined;
    if (!name)
        return;
    const value = field === 'tag' ? update.tag : (update.digest ?? ''); // tag only clears a digest
    if (value === undefined)
        return; // digest-only update: a tag marker has nothing to take
    src.claim(node);
    const previous = src.str(node) ?? '';
    // previous/next are image references like every target's (`name:tag`, `name@digest`).
    const ref = (v) => (field === 'tag' ? (0,reference/* formatReference */.FH)(name, v) : (0,reference/* formatReference */.FH)(name, undefined, v));
    src.target('flux', src.line(node.range?.[0] ?? 0), ref(previous), ref(value));
    src.setScalar(node, value);
}
/** The image name the marked scalar's mapping gives, when it is the image being updated. */
function imageNamed(src, map, self, update) {
    for (const pair of map.items) {
        const value = pair.value;
        if (!value || value === self || !(0,dist/* isScalar */.jn)(value))
            continue;
        const text = src.stringValue(value);
        if (markerField(src, value) === 'name' && matchesImage(text, update))
            return text;
    }
    for (const key of ['name', 'newName', 'image']) {
        const text = src.stringValue(src.get(map, key));
        if (text && matchesImage((0,reference/* splitImage */.s5)(text).name, update))
            return (0,reference/* splitImage */.s5)(text).name;
    }
    const repository = repositoryOf(src, map);
    return matchesImage(repository, update) ? repository : undefined;
}

// EXTERNAL MODULE: ./src/core/gitops/yaml-source.ts
var yaml_source = __webpack_require__(5647);
;// CONCATENATED MODULE: ./src/core/gitops/kustomize.ts
/**
 * Kustomize `images:` entries (also Flux Kustomization `spec.images`, same schema). Kustomize
 * renders newTag+digest as `name:tag@digest` and newTag alone without any digest (see
 * KUSTOMIZE_IMAGES.md §5), so a tag-only update removes a `digest:` line and a digest-only update
 * removes a `newTag:` line: otherwise the stale field would keep the old image.
 */





/**
 * Edits the matching entries of an `images:` sequence; returns how many matched. `forms` are the
 * names the resources write for this image, when known: an entry's `name` must be one of them
 * textually, as kustomize matches (`docker.io/library/nginx` does not apply to `nginx:1.25`).
 * Matched names are added to `covered`.
 */
function editKustomizeImages(src, images, update, forms, covered = new Set()) {
    if (!(0,dist/* isSeq */.oP)(images))
        return 0;
    let matched = 0;
    for (const item of images.items) {
        const entry = src.resolve(item);
        if ((0,dist/* isMap */.jh)(entry) && editEntry(src, entry, update, forms, covered))
            matched++;
    }
    return matched;
}
function editEntry(src, entry, update, forms, covered) {
    const nameNode = src.get(entry, 'name');
    const newNameNode = src.get(entry, 'newName');
    const name = src.stringValue(nameNode);
    const newName = src.stringValue(newNameNode);
    const byName = forms ? name !== undefined && forms.includes(name) : matchesImage(name, update);
    if (!byName && !matchesImage(newName, update)) {
        if (forms && matchesImage(name, update)) {
            src.miss(src.line(nameNode?.range?.[0] ?? 0), `images entry '${name}' does not apply: the resources write ${forms.map((f) => `'${f}'`).join(', ')}, and ` +
                'kustomize matches names as written (an entry under that name is added when this kustomization is listed by its exact path)');
        }
        return false;
    }
    if (byName && name)
        covered.add(name);
    const tagPair = src.pair(entry, 'newTag');
    const digestPair = src.pair(entry, 'digest');
    const tagNode = src.site(tagPair?.value);
    const digestNode = src.site(digestPair?.value);
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
        if (!pair || !src.str(node))
            return;
        // A Flux setter marker (`# {"$imagepolicy": …}`) or other aliases of the value must survive:
        // empty the value instead (kustomize renders "" as unset).
        if (src.editable(node) && (markerField(src, node) !== undefined || src.aliased(node)))
            src.setScalar(node, '');
        else
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
        src.splice(lastEnd, lastEnd, `, ${key}: ${(0,yaml_source/* renderValue */.AI)(value)}`);
        return;
    }
    const indent = ' '.repeat(src.column(startOf(first)));
    src.insertLinesAfter(src.trimEnd(lastEnd), [`${indent}${key}: ${(0,yaml_source/* renderValue */.AI)(value)}`]);
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
        // The key owns its line(s): drop them whole, trailing comment included. On the last line of a
        // file without a final newline, the newline before it goes instead, so none is left dangling.
        const nl = text.indexOf('\n', src.trimEnd(endOf(pair)));
        if (nl >= 0)
            src.splice(lineStart, nl + 1, '');
        else
            src.splice(Math.max(text.lastIndexOf(src.eol, lineStart - 1), 0), text.length, '');
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
function addKustomizeImage(src, root, update, names = [update.image]) {
    const entries = names.map((name) => {
        const fields = [['name', name]];
        if (update.tag !== undefined)
            fields.push(['newTag', update.tag]);
        if (update.digest !== undefined)
            fields.push(['digest', update.digest]);
        return fields;
    });
    const targets = (line) => names.forEach((name, i) => {
        src.target('kustomize', line + i * (entries[0]?.length ?? 1), '', (0,reference/* formatReference */.FH)(name, update.tag, update.digest));
    });
    const imagesPair = src.pair(root, 'images');
    const images = src.resolve(imagesPair?.value);
    if ((0,dist/* isSeq */.oP)(images) && images.flow) {
        const flow = entries
            .map((fields) => `{${fields.map(([k, v]) => `${k}: ${(0,yaml_source/* renderValue */.AI)(v)}`).join(', ')}}`)
            .join(', ');
        const last = images.items[images.items.length - 1];
        const at = last?.range?.[1] ?? (images.range?.[0] ?? 0) + 1;
        src.splice(at, at, last ? `, ${flow}` : flow);
        names.forEach((name) => {
            src.target('kustomize', src.line(at), '', (0,reference/* formatReference */.FH)(name, update.tag, update.digest));
        });
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
        src.insertLinesAfter(anchor, entries.flatMap((fields) => entryLines(fields, prefix)));
        targets(src.line(anchor) + 1);
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
        src.insertLinesAfter(anchor, entries.flatMap((fields) => entryLines(fields, prefix)));
        targets(src.line(anchor) + 1);
        return;
    }
    const lastPair = root.items[root.items.length - 1];
    if (root.flow && lastPair) {
        // A flow (JSON-style) root: add a JSON member, which YAML reads the same.
        const json = entries
            .map((fields) => `{${fields.map(([k, v]) => `${JSON.stringify(k)}: ${JSON.stringify(v)}`).join(', ')}}`)
            .join(', ');
        const at = endOf(lastPair);
        src.splice(at, at, `, "images": [${json}]`);
        names.forEach((name) => {
            src.target('kustomize', src.line(at), '', (0,reference/* formatReference */.FH)(name, update.tag, update.digest));
        });
        return;
    }
    const anchor = src.trimEnd(root.range?.[1] ?? src.text.length);
    src.insertLinesAfter(anchor, [
        `${' '.repeat(keyCol)}images:`,
        ...entries.flatMap((fields) => entryLines(fields, prefix)),
    ]);
    targets(src.line(anchor) + 2);
}
function entryLines(fields, prefix) {
    const pad = ' '.repeat(prefix.length);
    return fields.map(([k, v], i) => `${i === 0 ? prefix : pad}${k}: ${(0,yaml_source/* renderValue */.AI)(v)}`);
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
 * covered without listing paths); `ephemeralContainers` does not. Image volumes
 * (`volumes[].image.reference`) are rewritten too, as kustomize's default fieldSpecs do.
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
            else if (key === 'volumes' && (0,dist/* isSeq */.oP)(value)) {
                // Image volumes (`volumes[].image.reference`), which kustomize's default fieldSpecs also rewrite.
                for (const item of value.items) {
                    editReference(src, 'manifest', src.get(src.get(src.resolve(item), 'image'), 'reference'), update);
                }
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
/**
 * Largest file the editor parses: 10 MiB. The YAML AST costs 15-90× the text in memory (dense
 * files of short scalars are the worst: a 10 MiB values file peaks near 900 MB). Real GitOps files
 * are far smaller: a Kubernetes object is capped at ~1.5 MiB by etcd, a Helm release at 1 MiB,
 * and values files and kustomizations are kilobytes; anything larger is not a config file to bump.
 */
const MAX_FILE_BYTES = 10 * 1024 * 1024;
function editFile(file, update) {
    const unchanged = { path: file.path, text: file.text, changed: false, targets: [] };
    if (!mayMatch(file, update))
        return unchanged;
    const bytes = Buffer.byteLength(file.text, 'utf8');
    if (bytes > MAX_FILE_BYTES) {
        const why = `${(bytes / 1048576).toFixed(1)} MiB is over the ${MAX_FILE_BYTES / 1048576} MiB limit for edited files`;
        if (!file.explicit)
            return { ...unchanged, skipped: why };
        throw new errors/* FileError */.f6(file.path, undefined, `${why}; a GitOps file this large is not supported`);
    }
    // A chart's templates render through Helm: a literal image in them is the chart author's, and
    // `{{ … }}` around it would be lost. Skipped when only a glob matched them.
    if (!file.explicit && /(^|\/)templates\//.test(file.path) && GO_TEMPLATE.test(file.text)) {
        return { ...unchanged, skipped: 'a Helm chart template (Go template), matched only by a glob' };
    }
    const { edit, structural } = editParsed(file, update);
    // Scalars rewritten in place read back by construction; lines added or removed and anchors moved
    // are checked by parsing the result (kustomizations are small; big values files rarely get here).
    if (edit.changed && structural)
        assertStillYaml(file.path, edit.text);
    return edit;
}
function editParsed(file, update) {
    let src;
    try {
        src = new yaml_source/* YamlSource */.rC(file);
    }
    catch (error) {
        // Charts' templates (`{{- if … }}`) are not YAML: skip them when only a glob matched them.
        if (error instanceof errors/* FileError */.f6 && !file.explicit && GO_TEMPLATE.test(file.text)) {
            const skipped = 'a Go template (not YAML), matched only by a glob';
            return { edit: { path: file.path, text: file.text, changed: false, targets: [], skipped }, structural: false };
        }
        throw error;
    }
    const edit = applyRules(src, file, update);
    return { edit, structural: src.structural };
}
function applyRules(src, file, update) {
    const markers = hasMarkers(file.text);
    let kustomization;
    let kustomizeMatches = 0;
    // The names the kustomization's resources write for this image, when known (kustomize matches textually).
    const forms = file.imageNames?.filter((name) => (0,reference/* sameRepository */.RB)(name, update.image));
    const kustomizeForms = forms && forms.length > 0 ? forms : undefined;
    const covered = new Set();
    for (const doc of src.docs) {
        const root = doc.contents;
        if (!(0,dist/* isMap */.jh)(root))
            continue; // empty documents, bare scalars and lists are nothing to edit
        src.use(doc);
        const kind = src.stringValue(src.get(root, 'kind'));
        const apiVersion = src.stringValue(src.get(root, 'apiVersion'));
        if (isKustomization(file.path, kind, apiVersion)) {
            kustomization ??= { doc, root };
            kustomizeMatches += editKustomizeImages(src, src.get(root, 'images'), update, kustomizeForms, covered);
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
    // An explicit kustomization gets the entry `kustomize edit set image` would add, under each name
    // the resources write that no entry covers yet.
    const missing = kustomizeForms?.filter((name) => !covered.has(name));
    if (file.explicit && kustomization && (missing ? missing.length > 0 : kustomizeMatches === 0)) {
        src.use(kustomization.doc);
        addKustomizeImage(src, kustomization.root, update, missing);
    }
    const text = src.result();
    const targets = src.targets.sort((a, b) => a.line - b.line);
    const edit = { path: file.path, text, changed: text !== file.text, targets };
    if (src.misses.length > 0)
        edit.misses = [...new Set(src.misses)];
    return edit;
}
/** A last guard before anything is written: the spliced text must still parse (it always should). */
function assertStillYaml(path, text) {
    for (const doc of (0,dist/* parseAllDocuments */.hR)(text, { uniqueKeys: false })) {
        const err = doc.errors[0];
        if (err)
            throw new errors/* FileError */.f6(path, undefined, `internal error: the edit would break the YAML (${err.code}); nothing written`);
    }
}
/** Go template actions, as in Helm chart templates: `{{ .Values.x }}`, `{{- if … }}`. */
const GO_TEMPLATE = /\{\{-?\s*[-.$a-zA-Z/(]/;
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

// EXTERNAL MODULE: external "node:path"
var external_node_path_ = __webpack_require__(6760);
;// CONCATENATED MODULE: ./src/core/gitops/kustomize-inputs.ts
/**
 * Which image names reach a kustomization's `images:` transformer, as its resources write them.
 * Kustomize matches `images[].name` textually (no Docker Hub normalisation: `nginx` and
 * `docker.io/library/nginx` are different names, see KUSTOMIZE_IMAGES.md §3), so an entry only
 * takes effect when its name is the form the manifests use. Only local resources inside the
 * repository are followed; anything else (remote bases, Helm charts) leaves the answer partial.
 */



const KUSTOMIZATION_FILES = ['kustomization.yaml', 'kustomization.yml', 'Kustomization'];
/** Kustomizations (and resource files) followed at most, so a huge tree cannot stall a run. */
const MAX_FILES = 500;
function isKustomizationPath(path) {
    return KUSTOMIZATION_FILES.includes(external_node_path_.posix.basename(path));
}
/**
 * For each kustomization path, the image names its resources write (`nginx` for `nginx:1.25`),
 * plus the `newName`s that nested kustomizations produce.
 */
async function imageNamesReaching(kustomizations, tracked, read) {
    const trackedSet = new Set(tracked);
    const texts = new Map();
    const load = async (paths) => {
        const wanted = [...new Set(paths)].filter((p) => !texts.has(p));
        if (wanted.length === 0)
            return;
        const got = await read(wanted);
        for (const [i, p] of wanted.entries())
            texts.set(p, got[i]);
    };
    // All kustomizations are walked together, one read per level, so a repository of many overlays
    // costs a few reads, not a few per overlay.
    const walks = kustomizations.map((root) => ({
        root,
        names: new Set(),
        seen: new Set(),
        frontier: [root],
    }));
    while (walks.some((w) => w.frontier.length > 0)) {
        await load(walks.flatMap((w) => w.frontier));
        for (const walk of walks) {
            const next = [];
            for (const path of walk.frontier) {
                if (walk.seen.has(path) || walk.seen.size >= MAX_FILES)
                    continue;
                walk.seen.add(path);
                const text = texts.get(path);
                if (text === undefined)
                    continue;
                if (isKustomizationPath(path)) {
                    next.push(...localInputs(path, text, trackedSet, walk.names, path !== walk.root));
                }
                else
                    collectImages(text, walk.names);
            }
            walk.frontier = next;
        }
    }
    return new Map(walks.map((w) => [w.root, [...w.names]]));
}
/** The local resource files and kustomization files a kustomization pulls in; newNames go to `names`. */
function localInputs(path, text, tracked, names, nested) {
    const root = firstMap(text);
    if (!root)
        return [];
    const dir = external_node_path_.posix.dirname(path);
    const found = [];
    for (const field of ['resources', 'bases', 'components']) {
        const list = root[field];
        if (!Array.isArray(list))
            continue;
        for (const entry of list) {
            if (typeof entry !== 'string' || /^[a-z]+:\/\/|^git@|\?ref=/.test(entry))
                continue;
            const p = external_node_path_.posix.normalize(external_node_path_.posix.join(dir, entry));
            if (p.startsWith('../'))
                continue;
            if (tracked.has(p))
                found.push(p);
            else {
                const k = KUSTOMIZATION_FILES.map((f) => external_node_path_.posix.join(p, f)).find((f) => tracked.has(f));
                if (k)
                    found.push(k);
            }
        }
    }
    // Nested kustomizations' `images:` rename images before this one sees them.
    if (nested && Array.isArray(root.images)) {
        for (const image of root.images) {
            const newName = image?.newName;
            if (typeof newName === 'string' && newName)
                names.add(newName);
        }
    }
    return found;
}
function firstMap(text) {
    try {
        for (const doc of (0,dist/* parseAllDocuments */.hR)(text)) {
            if (doc.errors.length > 0)
                return undefined;
            const value = doc.toJS({ maxAliasCount: 1000 });
            if (value && typeof value === 'object' && !Array.isArray(value))
                return value;
        }
    }
    catch {
        // not readable as YAML: contributes nothing
    }
    return undefined;
}
/** Image names in `containers`/`initContainers` at any depth and in image volumes (`volumes[].image.reference`). */
function collectImages(text, names) {
    let docs;
    try {
        docs = (0,dist/* parseAllDocuments */.hR)(text);
    }
    catch {
        return;
    }
    if (!Array.isArray(docs))
        return;
    const walk = (node, depth) => {
        if (depth > 64)
            return;
        if ((0,dist/* isMap */.jh)(node)) {
            for (const pair of node.items) {
                const key = (0,dist/* isScalar */.jn)(pair.key) ? String(pair.key.value) : '';
                const value = pair.value;
                if ((key === 'containers' || key === 'initContainers') && (0,dist/* isSeq */.oP)(value)) {
                    for (const item of value.items)
                        add((0,dist/* isMap */.jh)(item) ? item.get('image') : undefined);
                }
                else if (key === 'volumes' && (0,dist/* isSeq */.oP)(value)) {
                    for (const item of value.items) {
                        const image = (0,dist/* isMap */.jh)(item) ? item.get('image') : undefined;
                        add((0,dist/* isMap */.jh)(image) ? image.get('reference') : undefined);
                    }
                }
                walk(value, depth + 1);
            }
        }
        else if ((0,dist/* isSeq */.oP)(node))
            for (const item of node.items)
                walk(item, depth + 1);
    };
    const add = (value) => {
        if (typeof value === 'string' && value)
            names.add((0,reference/* splitImage */.s5)(value).name);
    };
    for (const doc of docs)
        if (doc.errors.length === 0)
            walk(doc.contents, 0);
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
    // formatReference('', …) starts with the separator of the first part (`:tag` or `@sha256:…`): drop it.
    return (0,reference/* formatReference */.FH)('', update.tag, update.digest).replace(/^[:@]/, '');
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
    return (0,retry/* backoffDelay */.EY)(attempt, { baseDelayMs: base, maxDelayMs: cap, random });
}
/** Edits every listed file in the current checkout; nothing is written yet. */
async function planEdits(repo, settings) {
    const tracked = await repo.trackedFiles();
    const files = resolveFiles(settings.files, tracked);
    const texts = await repo.readFiles(files.map((f) => f.path));
    // Kustomizations also need the image names their resources write. Every read names all files
    // read so far: the checkout only keeps the files of the latest read.
    const paths = files.map((f) => f.path);
    const names = await imageNamesReaching(paths.filter(isKustomizationPath), tracked, async (more) => {
        const all = [...new Set([...paths, ...more])];
        const read = await repo.readFiles(all).catch(() => undefined); // e.g. a symlink out of the repository
        if (!read)
            return more.map(() => undefined);
        paths.splice(0, paths.length, ...all);
        return more.map((p) => read[all.indexOf(p)]);
    });
    return files.map((file, i) => editFile({ path: file.path, text: texts[i], explicit: file.explicit, imageNames: names.get(file.path) }, settings));
}
/**
 * Bumps the image in the config repository: edit, commit once, push. When the push is rejected
 * because the remote moved, the edit is re-run on the new tip (not rebased as text), so no
 * concurrent update is lost, with jittered backoff up to maxAttempts.
 */
async function updateGitopsTag(repo, settings, log, timing = realTiming) {
    for (let attempt = 1; attempt <= settings.maxAttempts; attempt++) {
        const edits = await planEdits(repo, settings);
        reportUnmatched(edits, settings, log);
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
/**
 * Fails when no file refers to the image (saying why when a file names it but cannot take the
 * update); otherwise notes skipped files and warns about files and places left unchanged.
 */
function reportUnmatched(edits, settings, log) {
    const misses = edits.flatMap((e) => e.misses ?? []);
    if (!edits.some((e) => e.targets.length > 0)) {
        if (misses.length > 0)
            throw new errors/* CdpackError */.xd(misses.join('\n'));
        throw new errors/* CdpackError */.xd(`input 'image': no listed file refers to '${settings.image}' (looked in ${edits.map((e) => e.path).join(', ')})`);
    }
    for (const e of edits) {
        if (e.skipped)
            log.info(`${e.path}: skipped: ${e.skipped}`);
        else if (e.targets.length === 0 && !e.misses)
            log.warn(`${e.path}: no reference to ${settings.image}`);
    }
    for (const miss of misses)
        log.warn(miss);
}
function previousOf(edits) {
    const previous = {};
    for (const e of edits) {
        // Added entries (previous '') held nothing before.
        const changed = e.targets.filter((t) => t.previous !== t.next && t.previous !== '');
        const values = [...new Set(changed.map((t) => t.previous))];
        previous[e.path] = values.join(', ');
    }
    return previous;
}


/***/ }),

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

/***/ 3807:
/***/ ((__unused_webpack_module, __webpack_exports__, __webpack_require__) => {

/* harmony export */ __webpack_require__.d(__webpack_exports__, {
/* harmony export */   ae: () => (/* binding */ cloneConfigRepo)
/* harmony export */ });
/* unused harmony exports redactUrl, sparsePatterns */
/* harmony import */ var node_fs_promises__WEBPACK_IMPORTED_MODULE_0__ = __webpack_require__(1455);
/* harmony import */ var node_fs_promises__WEBPACK_IMPORTED_MODULE_0___default = /*#__PURE__*/__webpack_require__.n(node_fs_promises__WEBPACK_IMPORTED_MODULE_0__);
/* harmony import */ var node_path__WEBPACK_IMPORTED_MODULE_1__ = __webpack_require__(6760);
/* harmony import */ var node_path__WEBPACK_IMPORTED_MODULE_1___default = /*#__PURE__*/__webpack_require__.n(node_path__WEBPACK_IMPORTED_MODULE_1__);
/* harmony import */ var _core_errors__WEBPACK_IMPORTED_MODULE_2__ = __webpack_require__(4296);
/* harmony import */ var _core_text_url_credentials__WEBPACK_IMPORTED_MODULE_5__ = __webpack_require__(4409);
/* harmony import */ var _files__WEBPACK_IMPORTED_MODULE_3__ = __webpack_require__(4688);
/* harmony import */ var _git__WEBPACK_IMPORTED_MODULE_4__ = __webpack_require__(615);






/** `https://user:secret@host/x.git` → `https://host/x.git`, for messages (see redactCredentials). */
function redactUrl(url) {
    return (0,_core_text_url_credentials__WEBPACK_IMPORTED_MODULE_5__/* .redactCredentials */ .U)(url).shown;
}
/** Anchored, escaped gitignore-style patterns that select exactly these paths. */
function sparsePatterns(paths) {
    return paths.map((p) => `/${p.replace(/[\\*?[\]!#]/g, '\\$&')}\n`).join('') || '\n';
}
/** Turns a git failure into a message that names the remote, the branch and what to check. */
function explain(error, remote, branch, action) {
    if (!(error instanceof _git__WEBPACK_IMPORTED_MODULE_4__/* .GitError */ .XS))
        return error;
    switch (error.kind) {
        case 'auth-401':
            return new _core_errors__WEBPACK_IMPORTED_MODULE_2__/* .InputError */ .dz('token', `authentication failed (HTTP 401) on ${action} ${remote}: check 'token' and 'username'`);
        case 'auth-403':
            return new _core_errors__WEBPACK_IMPORTED_MODULE_2__/* .InputError */ .dz('token', `access denied (HTTP 403) on ${action} ${remote}: the token lacks permission`);
        case 'branch-missing':
            return new _core_errors__WEBPACK_IMPORTED_MODULE_2__/* .InputError */ .dz('branch', `branch '${branch}' does not exist on ${remote}`);
        case 'refused': {
            const said = error.remoteLines.length ? `; the server said: ${error.remoteLines.join(' / ')}` : '';
            return new _core_errors__WEBPACK_IMPORTED_MODULE_2__/* .CdpackError */ .xd(`${action} ${remote} (branch ${branch}) was refused by the server (${error.refusal ?? 'rejected'})${said}. ` +
                'This is a server rule (a hook, branch protection, push rules or permissions), not a concurrent update, so it was not retried; nothing was pushed');
        }
        case 'not-found':
            return new _core_errors__WEBPACK_IMPORTED_MODULE_2__/* .InputError */ .dz('repository', `${remote} was not found or is not a git repository (${error.message})`);
        default:
            return new _core_errors__WEBPACK_IMPORTED_MODULE_2__/* .CdpackError */ .xd(`${action} ${remote}: ${error.message}`);
    }
}
/**
 * Force-pushes HEAD to a branch cdpack owns, unless that branch already holds the same tree (a
 * rerun with the same change: a new commit would only restart the request's pipeline).
 */
async function pushOwnedBranch(git, pushBranch, shown) {
    const ref = `refs/heads/${pushBranch}`;
    try {
        const listed = await git.run(['ls-remote', '--heads', 'origin', ref], 'git ls-remote');
        const existing = listed.stdout.split(/\s/)[0] ?? '';
        if (/^[0-9a-f]{40,64}$/.test(existing)) {
            await git.run(['fetch', '--quiet', '--no-tags', '--depth', '1', 'origin', ref], 'git fetch');
            const [ours, theirs] = await Promise.all([git.revParse('HEAD^{tree}'), git.revParse('FETCH_HEAD^{tree}')]);
            if (ours === theirs)
                return { pushed: true, commit: await git.revParse('FETCH_HEAD') };
        }
        await git.run(['push', '--porcelain', '--quiet', '--force', 'origin', `HEAD:${ref}`], 'git push', {
            stderr: 'info',
        });
    }
    catch (error) {
        throw explain(error, shown, pushBranch, 'push to');
    }
    return { pushed: true, commit: await git.revParse('HEAD') };
}
/** Clones the branch (shallow) into `dir` and returns the ConfigRepo the update flow works on. */
async function cloneConfigRepo(options) {
    const { branch, dir } = options;
    const shown = redactUrl(options.remote);
    const git = new _git__WEBPACK_IMPORTED_MODULE_4__/* .Git */ .TU(dir, options.auth, options.identity, options.log);
    await (0,node_fs_promises__WEBPACK_IMPORTED_MODULE_0__.mkdir)(dir, { recursive: true });
    try {
        await new _git__WEBPACK_IMPORTED_MODULE_4__/* .Git */ .TU((0,node_path__WEBPACK_IMPORTED_MODULE_1__.dirname)(dir), options.auth, undefined, options.log).run([
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
        ], 'git clone', { stderr: 'info' });
        // A sparse checkout writes only the files we edit: a 5,000-file config repo costs no more than its 50 overlays.
        await git.run(['sparse-checkout', 'set', '--no-cone', '--stdin'], 'git sparse-checkout', { stdin: '\n' });
        await git.run(['checkout', '--quiet', branch], 'git checkout');
    }
    catch (error) {
        throw explain(error, shown, branch, 'clone of');
    }
    const root = await (0,node_fs_promises__WEBPACK_IMPORTED_MODULE_0__.realpath)(dir);
    const written = new Set();
    /** Resolves a repo-relative path and refuses one that a symlink (also a dangling one) leads out of the repository. */
    async function inside(path) {
        const full = await (0,_files__WEBPACK_IMPORTED_MODULE_3__/* .resolveInside */ .LI)(root, path);
        if (!full)
            throw new _core_errors__WEBPACK_IMPORTED_MODULE_2__/* .FileError */ .f6(path, undefined, 'resolves outside the repository (symlink)');
        return full;
    }
    return {
        description: `${shown} (branch ${branch})`,
        async trackedFiles() {
            const out = await git.run(['ls-files', '-z'], 'git ls-files');
            return out.stdout.split('\0').filter(Boolean);
        },
        async readFiles(paths) {
            await git.run(['sparse-checkout', 'set', '--no-cone', '--stdin'], 'git sparse-checkout', {
                stdin: sparsePatterns(paths),
            });
            return Promise.all(paths.map(async (path) => (0,node_fs_promises__WEBPACK_IMPORTED_MODULE_0__.readFile)(await inside(path), 'utf8')));
        },
        async writeFile(path, text) {
            await (0,node_fs_promises__WEBPACK_IMPORTED_MODULE_0__.writeFile)(await inside(path), text, 'utf8');
            written.add(path);
        },
        async diff() {
            return (await git.run(['diff', '--no-color', '--no-ext-diff'], 'git diff')).stdout;
        },
        async commitAndPush(message) {
            await git.run(['add', '--', ...written], 'git add');
            await git.run(['commit', '--quiet', '--no-verify', '--file', '-'], 'git commit', { stdin: message });
            if (options.pushBranch)
                return pushOwnedBranch(git, options.pushBranch, shown);
            try {
                await git.run(['push', '--porcelain', '--quiet', 'origin', `HEAD:refs/heads/${branch}`], 'git push', {
                    stderr: 'info',
                });
            }
            catch (error) {
                if (error instanceof _git__WEBPACK_IMPORTED_MODULE_4__/* .GitError */ .XS && error.kind === 'rejected')
                    return { pushed: false, reason: 'the remote moved' };
                throw explain(error, shown, branch, 'push to');
            }
            return { pushed: true, commit: await git.revParse('HEAD') };
        },
        async refresh() {
            try {
                await git.run(['fetch', '--quiet', '--no-tags', '--depth', '1', 'origin', branch], 'git fetch', {
                    stderr: 'info',
                });
            }
            catch (error) {
                throw explain(error, shown, branch, 'fetch from');
            }
            await git.run(['reset', '--quiet', '--hard', 'FETCH_HEAD'], 'git reset');
            written.clear();
        },
    };
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


/***/ })

};
