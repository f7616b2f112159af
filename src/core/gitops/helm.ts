/**
 * Helm values: either the scalar at an explicit dotted `key` (`web.image.tag`), or every mapping
 * whose `repository` (optionally behind a `registry`) matches and that has a `tag` field.
 */
import { isMap, isSeq, type Node } from 'yaml';
import { FileError } from '../errors';
import { formatReference, splitImage } from '../image/reference';
import { editReference, editTagDigest, matchesImage, repositoryOf } from './match';
import type { ImageUpdate, TargetKind } from './types';
import type { YamlSource } from './yaml-source';

export function editHelmValues(src: YamlSource, root: Node, update: ImageUpdate, kind: TargetKind = 'helm'): void {
  if (update.key) editByKey(src, root, update.key, update, kind);
  else walk(src, root, update, kind, '');
}

function walk(src: YamlSource, node: Node, update: ImageUpdate, kind: TargetKind, path: string): void {
  if (isMap(node)) {
    const repository = repositoryOf(src, node);
    if (src.pair(node, 'tag') && matchesImage(repository, update)) {
      const tag = src.get(node, 'tag');
      if (!editTagDigest(src, kind, repository as string, tag, src.get(node, 'digest'), update)) {
        noDigestField(src, tag ?? node, path, repository as string, update);
      }
    }
    for (const pair of node.items) {
      const value = src.resolve(pair.value);
      const key = src.str(src.resolve(pair.key)) ?? '';
      if (value) walk(src, value, update, kind, path ? `${path}.${key}` : key);
    }
  } else if (isSeq(node)) {
    node.items.forEach((item, i) => {
      const value = src.resolve(item);
      if (value) walk(src, value, update, kind, `${path}[${i}]`);
    });
  }
}

/** A digest-only update reached a mapping that names the image but has no digest to set: say why. */
function noDigestField(src: YamlSource, at: Node, path: string, name: string, update: ImageUpdate): void {
  if (update.tag !== undefined || src.isClaimed(at)) return;
  const where = path || '(top level)';
  const digestKey = path ? `${path}.digest` : 'digest';
  src.miss(
    src.line(at.range?.[0] ?? 0),
    `'${where}' names ${name} but has no digest field for a digest-only update: add one that the chart reads ` +
      `(e.g. ${digestKey}) and give key: ${digestKey}, or give 'tag' as well`,
  );
}

function editByKey(src: YamlSource, root: Node, key: string, update: ImageUpdate, kind: TargetKind): void {
  const segments = parseKey(key);
  let parent: Node | undefined;
  let node: Node | undefined = root;
  for (const segment of segments) {
    parent = node;
    if (isMap(node)) node = src.get(node, segment);
    else if (isSeq(node) && /^\d+$/.test(segment)) node = src.site(node.items[Number(segment)]);
    else return;
    if (!node) return;
  }
  if (isMap(node) || isSeq(node)) {
    const what = isMap(node) ? 'a mapping' : 'a sequence';
    throw new FileError(src.path, src.line(node.range?.[0] ?? 0), `key '${key}' resolves to ${what}, not a scalar`);
  }
  // A sibling repository must name the image; without one the key alone decides.
  const repository = isMap(parent) ? repositoryOf(src, parent) : undefined;
  if (repository !== undefined && !matchesImage(repository, update)) return;
  const name = repository ?? update.image;
  const leaf = segments[segments.length - 1] ?? '';
  if (/digest$/i.test(leaf)) {
    if (!src.editable(node) || !src.claim(node)) return;
    const previous = src.str(node) ?? '';
    const next = update.digest ?? ''; // tag only: a set digest would keep pinning the old image
    src.target(
      kind,
      src.line(node.range?.[0] ?? 0),
      formatReference(name, undefined, previous),
      formatReference(name, undefined, next),
    );
    src.setScalar(node, next);
    return;
  }
  // `image: registry/web:1.2` addressed directly: rewrite the whole reference.
  const value = src.stringValue(node);
  if (value && /[/:@]/.test(value) && matchesImage(splitImage(value).name, update)) {
    editReference(src, kind, node, update);
    return;
  }
  if (!editTagDigest(src, kind, name, node, isMap(parent) ? src.get(parent, 'digest') : undefined, update)) {
    noDigestField(src, node, segments.slice(0, -1).join('.'), name, update);
  }
}

/** `a.b[0].c` → ['a', 'b', '0', 'c']; `\.` keeps a literal dot inside a key. */
export function parseKey(key: string): string[] {
  const segments: string[] = [];
  let current = '';
  for (let i = 0; i < key.length; i++) {
    const c = key[i] as string;
    if (c === '\\' && key[i + 1] === '.') {
      current += '.';
      i++;
    } else if (c === '.') {
      segments.push(current);
      current = '';
    } else if (c === '[') {
      const close = key.indexOf(']', i);
      if (close < 0) {
        current += c;
        continue;
      }
      if (current) segments.push(current);
      segments.push(key.slice(i + 1, close));
      current = '';
      i = close;
      if (key[i + 1] === '.') i++;
    } else current += c;
  }
  if (current || segments.length === 0) segments.push(current);
  return segments;
}
