/**
 * Which image names reach a kustomization's `images:` transformer, as its resources write them.
 * Kustomize matches `images[].name` textually (no Docker Hub normalisation: `nginx` and
 * `docker.io/library/nginx` are different names, see KUSTOMIZE_IMAGES.md §3), so an entry only
 * takes effect when its name is the form the manifests use. Only local resources inside the
 * repository are followed; anything else (remote bases, Helm charts) leaves the answer partial.
 */
import { posix } from 'node:path';
import { isMap, isScalar, isSeq, type Node, parseAllDocuments } from 'yaml';
import { splitImage } from '../image/reference';

export const KUSTOMIZATION_FILES = ['kustomization.yaml', 'kustomization.yml', 'Kustomization'];

/** Reads repo-relative tracked files; unreadable ones come back undefined. */
export type ReadFiles = (paths: string[]) => Promise<(string | undefined)[]>;

/** Kustomizations (and resource files) followed at most, so a huge tree cannot stall a run. */
const MAX_FILES = 500;

export function isKustomizationPath(path: string): boolean {
  return KUSTOMIZATION_FILES.includes(posix.basename(path));
}

/**
 * For each kustomization path, the image names its resources write (`nginx` for `nginx:1.25`),
 * plus the `newName`s that nested kustomizations produce.
 */
export async function imageNamesReaching(
  kustomizations: string[],
  tracked: readonly string[],
  read: ReadFiles,
): Promise<Map<string, string[]>> {
  const trackedSet = new Set(tracked);
  const texts = new Map<string, string | undefined>();
  const load = async (paths: string[]) => {
    const wanted = [...new Set(paths)].filter((p) => !texts.has(p));
    if (wanted.length === 0) return;
    const got = await read(wanted);
    for (const [i, p] of wanted.entries()) texts.set(p, got[i]);
  };

  // All kustomizations are walked together, one read per level, so a repository of many overlays
  // costs a few reads, not a few per overlay.
  const walks = kustomizations.map((root) => ({
    root,
    names: new Set<string>(),
    seen: new Set<string>(),
    frontier: [root],
  }));
  while (walks.some((w) => w.frontier.length > 0)) {
    await load(walks.flatMap((w) => w.frontier));
    for (const walk of walks) {
      const next: string[] = [];
      for (const path of walk.frontier) {
        if (walk.seen.has(path) || walk.seen.size >= MAX_FILES) continue;
        walk.seen.add(path);
        const text = texts.get(path);
        if (text === undefined) continue;
        if (isKustomizationPath(path)) {
          next.push(...localInputs(path, text, trackedSet, walk.names, path !== walk.root));
        } else collectImages(text, walk.names);
      }
      walk.frontier = next;
    }
  }
  return new Map(walks.map((w) => [w.root, [...w.names]]));
}

/** The local resource files and kustomization files a kustomization pulls in; newNames go to `names`. */
function localInputs(path: string, text: string, tracked: Set<string>, names: Set<string>, nested: boolean): string[] {
  const root = firstMap(text);
  if (!root) return [];
  const dir = posix.dirname(path);
  const found: string[] = [];
  for (const field of ['resources', 'bases', 'components']) {
    const list = root[field];
    if (!Array.isArray(list)) continue;
    for (const entry of list) {
      if (typeof entry !== 'string' || /^[a-z]+:\/\/|^git@|\?ref=/.test(entry)) continue;
      const p = posix.normalize(posix.join(dir, entry));
      if (p.startsWith('../')) continue;
      if (tracked.has(p)) found.push(p);
      else {
        const k = KUSTOMIZATION_FILES.map((f) => posix.join(p, f)).find((f) => tracked.has(f));
        if (k) found.push(k);
      }
    }
  }
  // Nested kustomizations' `images:` rename images before this one sees them.
  if (nested && Array.isArray(root.images)) {
    for (const image of root.images) {
      const newName = (image as Record<string, unknown> | null)?.newName;
      if (typeof newName === 'string' && newName) names.add(newName);
    }
  }
  return found;
}

function firstMap(text: string): Record<string, unknown> | undefined {
  try {
    for (const doc of parseAllDocuments(text)) {
      if (doc.errors.length > 0) return undefined;
      const value = doc.toJS({ maxAliasCount: 1000 }) as unknown;
      if (value && typeof value === 'object' && !Array.isArray(value)) return value as Record<string, unknown>;
    }
  } catch {
    // not readable as YAML: contributes nothing
  }
  return undefined;
}

/** Image names in `containers`/`initContainers` at any depth and in image volumes (`volumes[].image.reference`). */
function collectImages(text: string, names: Set<string>): void {
  let docs: ReturnType<typeof parseAllDocuments>;
  try {
    docs = parseAllDocuments(text);
  } catch {
    return;
  }
  if (!Array.isArray(docs)) return;
  const walk = (node: unknown, depth: number): void => {
    if (depth > 64) return;
    if (isMap(node)) {
      for (const pair of node.items) {
        const key = isScalar(pair.key) ? String(pair.key.value) : '';
        const value = pair.value as Node | null;
        if ((key === 'containers' || key === 'initContainers') && isSeq(value)) {
          for (const item of value.items) add(isMap(item) ? item.get('image') : undefined);
        } else if (key === 'volumes' && isSeq(value)) {
          for (const item of value.items) {
            const image = isMap(item) ? item.get('image') : undefined;
            add(isMap(image) ? image.get('reference') : undefined);
          }
        }
        walk(value, depth + 1);
      }
    } else if (isSeq(node)) for (const item of node.items) walk(item, depth + 1);
  };
  const add = (value: unknown) => {
    if (typeof value === 'string' && value) names.add(splitImage(value).name);
  };
  for (const doc of docs) if (doc.errors.length === 0) walk(doc.contents, 0);
}
