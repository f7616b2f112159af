/**
 * Promote: copy an existing manifest or index to other repositories and tags without building.
 * The destination receives the exact source bytes, so its digest equals the source digest.
 * Within one registry every blob (config included) is mounted; across registries blobs are
 * streamed; blobs already present are skipped; an index's children are copied first.
 */
import { CdpackError } from '../../core/errors';
import { type Log, silentLog } from '../../core/log';
import { isIndexMediaType, type Manifest, parseTarget, type RegistryClient, type RepositoryTarget } from './client';

export interface PromoteOptions {
  client: RegistryClient;
  /** An existing reference, ideally by digest. */
  source: string;
  /** Full references with tags (`host/repo:tag`); a reference without a tag is pushed by digest only. */
  destinations: string[];
  log?: Log;
  /** Blobs copied at once (default 4). */
  concurrency?: number;
}

export interface PromoteResult {
  digest: string;
  mediaType: string;
  mounted: number;
  copied: number;
  bytesCopied: number;
  skipped: number;
}

interface Descriptor {
  mediaType?: string;
  digest: string;
  size: number;
  urls?: string[];
}

interface ManifestJson {
  mediaType?: string;
  config?: Descriptor;
  layers?: Descriptor[];
  blobs?: Descriptor[];
  manifests?: Descriptor[];
}

function parseManifestJson(m: Manifest, ref: string): ManifestJson {
  try {
    return JSON.parse(m.bytes.toString('utf8')) as ManifestJson;
  } catch {
    throw new CdpackError(`${ref}: the manifest is not JSON`);
  }
}

/** Layers that registries are not expected to hold (Windows foreign layers with external URLs). */
function isForeign(d: Descriptor): boolean {
  return Boolean(d.urls?.length) && /foreign|nondistributable/.test(d.mediaType ?? '');
}

async function eachLimit<T>(items: T[], limit: number, fn: (item: T) => Promise<void>): Promise<void> {
  let next = 0;
  const workers = Array.from({ length: Math.min(limit, items.length) }, async () => {
    while (next < items.length) {
      const item = items[next++] as T;
      await fn(item);
    }
  });
  await Promise.all(workers);
}

interface DestinationGroup {
  repo: RepositoryTarget;
  references: string[];
}

function groupDestinations(destinations: string[], sourceDigest: string): DestinationGroup[] {
  const groups = new Map<string, DestinationGroup>();
  for (const d of destinations) {
    const t = parseTarget(d);
    if (t.reference?.startsWith('sha256:') && t.reference !== sourceDigest) {
      throw new CdpackError(`destination ${d}: its digest differs from the source's ${sourceDigest}`);
    }
    const group = groups.get(t.name) ?? { repo: t, references: [] };
    const reference = t.reference ?? sourceDigest;
    if (!group.references.includes(reference)) group.references.push(reference);
    groups.set(t.name, group);
  }
  return [...groups.values()];
}

export async function promote(options: PromoteOptions): Promise<PromoteResult> {
  const { client, source } = options;
  const log = options.log ?? silentLog;
  const concurrency = options.concurrency ?? 4;
  if (options.destinations.length === 0) throw new CdpackError('promote: no destination given');
  const src = parseTarget(source);
  const top = await client.getManifest(source);
  const groups = groupDestinations(options.destinations, top.digest);
  const stats = { mounted: 0, copied: 0, bytesCopied: 0, skipped: 0 };
  log.info(`Promoting ${source} (${top.digest}, ${top.mediaType})`);

  for (const group of groups) {
    const dst = group.repo;
    const sameRegistry = dst.apiHost === src.apiHost;
    const seenBlobs = new Set<string>();

    const copyBlob = async (d: Descriptor): Promise<void> => {
      if (seenBlobs.has(d.digest)) return;
      seenBlobs.add(d.digest);
      if (await client.blobExists(dst.name, d.digest)) {
        stats.skipped++;
        log.debug(`${d.digest}: already in ${dst.name}`);
        return;
      }
      let uploadUrl: string | undefined;
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

    const copyTree = async (m: Manifest, ref: string): Promise<void> => {
      const json = parseManifestJson(m, ref);
      if (isIndexMediaType(m.mediaType) || Array.isArray(json.manifests)) {
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
      const blobs = [json.config, ...(json.layers ?? []), ...(json.blobs ?? [])].filter(
        (d): d is Descriptor => d !== undefined && typeof d.digest === 'string' && !isForeign(d),
      );
      await eachLimit(blobs, concurrency, copyBlob);
    };

    await log.group(`Copy to ${dst.name}`, async () => {
      await copyTree(top, source);
      for (const reference of group.references) {
        const sep = reference.startsWith('sha256:') ? '@' : ':';
        const ref = `${dst.name}${sep}${reference}`;
        const digest = await client.putManifest(ref, top.bytes, top.mediaType);
        if (digest !== top.digest) {
          throw new CdpackError(`promote to ${ref}: the registry stored digest ${digest}, expected ${top.digest}`);
        }
        log.info(`${ref} → ${digest}`);
      }
    });
  }
  log.info(
    `Promoted ${top.digest}: ${stats.mounted} blob(s) mounted, ${stats.copied} copied (${stats.bytesCopied} bytes), ${stats.skipped} already present`,
  );
  return { digest: top.digest, mediaType: top.mediaType, ...stats };
}
