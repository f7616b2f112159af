/**
 * Helm values: either the scalar at an explicit dotted `key` (`web.image.tag`), or every mapping
 * whose `repository` (optionally behind a `registry`) matches and that has a `tag` field.
 */
import { isMap, isSeq, type Node } from 'yaml';
import { FileError } from '../errors';
import { splitImage } from '../image/reference';
import { editReference, editTagDigest, matchesImage, repositoryOf } from './match';
import type { ImageUpdate, TargetKind } from './types';
import type { YamlSource } from './yaml-source';

export function editHelmValues(src: YamlSource, root: Node, update: ImageUpdate, kind: TargetKind = 'helm'): void {
  if (update.key) editByKey(src, root, update.key, update, kind);
  else walk(src, root, update, kind);
}

function walk(src: YamlSource, node: Node, update: ImageUpdate, kind: TargetKind): void {
  if (isMap(node)) {
    if (src.pair(node, 'tag') && matchesImage(repositoryOf(src, node), update)) {
      editTagDigest(src, kind, src.get(node, 'tag'), src.get(node, 'digest'), update);
    }
    for (const pair of node.items) {
      const value = src.resolve(pair.value);
      if (value) walk(src, value, update, kind);
    }
  } else if (isSeq(node)) {
    for (const item of node.items) {
      const value = src.resolve(item);
      if (value) walk(src, value, update, kind);
    }
  }
}

function editByKey(src: YamlSource, root: Node, key: string, update: ImageUpdate, kind: TargetKind): void {
  const segments = parseKey(key);
  let parent: Node | undefined;
  let node: Node | undefined = root;
  for (const segment of segments) {
    parent = node;
    if (isMap(node)) node = src.get(node, segment);
    else if (isSeq(node) && /^\d+$/.test(segment)) node = src.resolve(node.items[Number(segment)]);
    else return;
    if (!node) return;
  }
  if (isMap(node) || isSeq(node)) {
    const what = isMap(node) ? 'a mapping' : 'a sequence';
    throw new FileError(src.path, src.line(node.range?.[0] ?? 0), `key '${key}' resolves to ${what}, not a scalar`);
  }
  // A sibling repository must name the image; without one the key alone decides.
  if (isMap(parent)) {
    const repository = repositoryOf(src, parent);
    if (repository !== undefined && !matchesImage(repository, update)) return;
  }
  const leaf = segments[segments.length - 1] ?? '';
  if (/digest$/i.test(leaf)) {
    if (!src.editable(node) || !src.claim(node)) return;
    const previous = src.str(node) ?? '';
    const next = update.digest ?? ''; // tag only: a set digest would keep pinning the old image
    src.target(kind, src.line(node.range?.[0] ?? 0), previous, next);
    src.setScalar(node, next);
    return;
  }
  // `image: registry/web:1.2` addressed directly: rewrite the whole reference.
  const value = src.stringValue(node);
  if (value && /[/:@]/.test(value) && matchesImage(splitImage(value).name, update)) {
    editReference(src, kind, node, update);
    return;
  }
  editTagDigest(src, kind, node, isMap(parent) ? src.get(parent, 'digest') : undefined, update);
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
