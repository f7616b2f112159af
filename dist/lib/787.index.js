export const id = 787;
export const ids = [787];
export const modules = {

/***/ 1787:
/***/ ((__unused_webpack_module, __webpack_exports__, __webpack_require__) => {

/* harmony export */ __webpack_require__.d(__webpack_exports__, {
/* harmony export */   promote: () => (/* binding */ promote)
/* harmony export */ });
/* harmony import */ var _core_errors__WEBPACK_IMPORTED_MODULE_0__ = __webpack_require__(4296);
/* harmony import */ var _core_log__WEBPACK_IMPORTED_MODULE_1__ = __webpack_require__(4325);
/* harmony import */ var _client__WEBPACK_IMPORTED_MODULE_2__ = __webpack_require__(5128);
/**
 * Promote: copy an existing manifest or index to other repositories and tags without building.
 * The destination receives the exact source bytes, so its digest equals the source digest.
 * Within one registry every blob (config included) is mounted; across registries blobs are
 * streamed; blobs already present are skipped; an index's children are copied first.
 */



function parseManifestJson(m, ref) {
    try {
        return JSON.parse(m.bytes.toString('utf8'));
    }
    catch {
        throw new _core_errors__WEBPACK_IMPORTED_MODULE_0__/* .CdpackError */ .xd(`${ref}: the manifest is not JSON`);
    }
}
/** Layers that registries are not expected to hold (Windows foreign layers with external URLs). */
function isForeign(d) {
    return Boolean(d.urls?.length) && /foreign|nondistributable/.test(d.mediaType ?? '');
}
async function eachLimit(items, limit, fn) {
    let next = 0;
    const workers = Array.from({ length: Math.min(limit, items.length) }, async () => {
        while (next < items.length) {
            const item = items[next++];
            await fn(item);
        }
    });
    await Promise.all(workers);
}
function groupDestinations(destinations, sourceDigest) {
    const groups = new Map();
    for (const d of destinations) {
        const t = (0,_client__WEBPACK_IMPORTED_MODULE_2__/* .parseTarget */ .hu)(d);
        if (t.reference?.startsWith('sha256:') && t.reference !== sourceDigest) {
            throw new _core_errors__WEBPACK_IMPORTED_MODULE_0__/* .CdpackError */ .xd(`destination ${d}: its digest differs from the source's ${sourceDigest}`);
        }
        const group = groups.get(t.name) ?? { repo: t, references: [] };
        const reference = t.reference ?? sourceDigest;
        if (!group.references.includes(reference))
            group.references.push(reference);
        groups.set(t.name, group);
    }
    return [...groups.values()];
}
async function promote(options) {
    const { client, source } = options;
    const log = options.log ?? _core_log__WEBPACK_IMPORTED_MODULE_1__/* .silentLog */ .a;
    const concurrency = options.concurrency ?? 4;
    if (options.destinations.length === 0)
        throw new _core_errors__WEBPACK_IMPORTED_MODULE_0__/* .CdpackError */ .xd('promote: no destination given');
    const src = (0,_client__WEBPACK_IMPORTED_MODULE_2__/* .parseTarget */ .hu)(source);
    const top = await client.getManifest(source);
    const groups = groupDestinations(options.destinations, top.digest);
    const stats = { mounted: 0, copied: 0, bytesCopied: 0, skipped: 0 };
    log.info(`Promoting ${source} (${top.digest}, ${top.mediaType})`);
    for (const group of groups) {
        const dst = group.repo;
        const sameRegistry = dst.apiHost === src.apiHost;
        const seenBlobs = new Set();
        const copyBlob = async (d) => {
            if (seenBlobs.has(d.digest))
                return;
            seenBlobs.add(d.digest);
            if (await client.blobExists(dst.name, d.digest)) {
                stats.skipped++;
                log.debug(`${d.digest}: already in ${dst.name}`);
                return;
            }
            let uploadUrl;
            if (sameRegistry) {
                const mount = await client.mountBlob(dst.name, d.digest, src.name);
                if (mount.mounted) {
                    stats.mounted++;
                    log.debug(`${d.digest}: mounted from ${src.path}`);
                    return;
                }
                uploadUrl = mount.uploadUrl;
                log.info(`${d.digest}: ${dst.registry} refused the mount from ${src.path}; copying it`);
            }
            await client.copyBlob(src.name, dst.name, d.digest, d.size, uploadUrl);
            stats.copied++;
            stats.bytesCopied += d.size;
            log.debug(`${d.digest}: copied (${d.size} bytes)`);
        };
        const copyTree = async (m, ref) => {
            const json = parseManifestJson(m, ref);
            if ((0,_client__WEBPACK_IMPORTED_MODULE_2__/* .isIndexMediaType */ .$$)(m.mediaType) || Array.isArray(json.manifests)) {
                for (const child of json.manifests ?? []) {
                    if (await client.manifestExists(`${dst.name}@${child.digest}`)) {
                        log.debug(`${child.digest}: manifest already in ${dst.name}`);
                        continue;
                    }
                    const childRef = `${src.name}@${child.digest}`;
                    const childManifest = await client.getManifest(childRef);
                    await copyTree(childManifest, childRef);
                    await client.putManifest(`${dst.name}@${child.digest}`, childManifest.bytes, childManifest.mediaType);
                }
                return;
            }
            const blobs = [json.config, ...(json.layers ?? []), ...(json.blobs ?? [])].filter((d) => d !== undefined && typeof d.digest === 'string' && !isForeign(d));
            await eachLimit(blobs, concurrency, copyBlob);
        };
        await log.group(`Copy to ${dst.name}`, async () => {
            await copyTree(top, source);
            for (const reference of group.references) {
                const sep = reference.startsWith('sha256:') ? '@' : ':';
                const ref = `${dst.name}${sep}${reference}`;
                const digest = await client.putManifest(ref, top.bytes, top.mediaType);
                if (digest !== top.digest) {
                    throw new _core_errors__WEBPACK_IMPORTED_MODULE_0__/* .CdpackError */ .xd(`promote to ${ref}: the registry stored digest ${digest}, expected ${top.digest}`);
                }
                log.info(`${ref} → ${digest}`);
            }
        });
    }
    log.info(`Promoted ${top.digest}: ${stats.mounted} blob(s) mounted, ${stats.copied} copied (${stats.bytesCopied} bytes), ${stats.skipped} already present`);
    return { digest: top.digest, mediaType: top.mediaType, ...stats };
}


/***/ })

};
