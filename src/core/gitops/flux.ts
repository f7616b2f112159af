/**
 * Flux image-automation markers: a scalar followed on its line by `# {"$imagepolicy": "ns:policy"}`
 * (whole reference), `...:tag` (tag), `...:digest` (digest) or `...:name` (left alone). A `:tag`
 * or `:digest` scalar is only changed when its mapping names the image: a `repository`/`name`/
 * `newName`/`image` sibling, or a sibling carrying a `:name` marker.
 */
import { isMap, isScalar, isSeq, type Node, type YAMLMap } from 'yaml';
import { formatReference, splitImage } from '../image/reference';
import { editReference, matchesImage, repositoryOf } from './match';
import type { ImageUpdate } from './types';
import type { YamlSource } from './yaml-source';

const MARKER = /^[ \t]*#\s*(\{.*\})\s*$/;

/** Cheap test before walking a document. */
export function hasMarkers(text: string): boolean {
  return text.includes('$imagepolicy');
}

export function editFluxMarkers(src: YamlSource, root: Node, update: ImageUpdate): void {
  // Markers sit on source lines, so anchored nodes are seen where they are written: no aliases followed.
  if (isMap(root)) {
    for (const pair of root.items) {
      const value = pair.value as Node | null;
      if (!value) continue;
      if (isScalar(value)) editMarked(src, value, root, update);
      else editFluxMarkers(src, value, update);
    }
  } else if (isSeq(root)) {
    for (const item of root.items as Node[]) {
      if (isScalar(item)) editMarked(src, item, undefined, update);
      else if (item) editFluxMarkers(src, item, update);
    }
  }
}

/** The field a marker selects: '' for the whole reference, else `tag`, `name`, `digest`… */
export function markerField(src: YamlSource, node: Node): string | undefined {
  const end = node.range?.[1];
  if (end === undefined || !isScalar(node)) return undefined;
  const nl = src.text.indexOf('\n', end);
  const m = MARKER.exec(src.text.slice(end, nl < 0 ? src.text.length : nl));
  if (!m) return undefined;
  try {
    const policy = (JSON.parse(m[1] as string) as Record<string, unknown>).$imagepolicy;
    if (typeof policy !== 'string') return undefined;
    return policy.split(':')[2] ?? '';
  } catch {
    return undefined;
  }
}

function editMarked(src: YamlSource, node: Node, map: YAMLMap | undefined, update: ImageUpdate): void {
  const field = markerField(src, node);
  if (field === undefined || src.isClaimed(node) || !src.editable(node)) return;
  if (field === '') {
    editReference(src, 'flux', node, update);
    return;
  }
  const name = field === 'tag' || field === 'digest' ? map && imageNamed(src, map, node, update) : undefined;
  if (!name) return;
  const value = field === 'tag' ? update.tag : (update.digest ?? ''); // tag only clears a digest
  if (value === undefined) return; // digest-only update: a tag marker has nothing to take
  src.claim(node);
  const previous = src.str(node) ?? '';
  // previous/next are image references like every target's (`name:tag`, `name@digest`).
  const ref = (v: string) => (field === 'tag' ? formatReference(name, v) : formatReference(name, undefined, v));
  src.target('flux', src.line(node.range?.[0] ?? 0), ref(previous), ref(value));
  src.setScalar(node, value);
}

/** The image name the marked scalar's mapping gives, when it is the image being updated. */
function imageNamed(src: YamlSource, map: YAMLMap, self: Node, update: ImageUpdate): string | undefined {
  for (const pair of map.items) {
    const value = pair.value as Node | null;
    if (!value || value === self || !isScalar(value)) continue;
    const text = src.stringValue(value);
    if (markerField(src, value) === 'name' && matchesImage(text, update)) return text;
  }
  for (const key of ['name', 'newName', 'image']) {
    const text = src.stringValue(src.get(map, key));
    if (text && matchesImage(splitImage(text).name, update)) return splitImage(text).name;
  }
  const repository = repositoryOf(src, map);
  return matchesImage(repository, update) ? repository : undefined;
}
