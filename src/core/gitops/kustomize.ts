/**
 * Kustomize `images:` entries (also Flux Kustomization `spec.images`, same schema). Kustomize
 * renders newTag+digest as `name:tag@digest` and newTag alone without any digest (see
 * KUSTOMIZE_IMAGES.md §5), so a tag-only update removes a `digest:` line and a digest-only update
 * removes a `newTag:` line: otherwise the stale field would keep the old image.
 */
import { isMap, isSeq, type Node, type Pair, type YAMLMap } from 'yaml';
import { formatReference } from '../image/reference';
import { markerField } from './flux';
import { matchesImage } from './match';
import type { ImageUpdate } from './types';
import { renderValue, type YamlSource } from './yaml-source';

/**
 * Edits the matching entries of an `images:` sequence; returns how many matched. `forms` are the
 * names the resources write for this image, when known: an entry's `name` must be one of them
 * textually, as kustomize matches (`docker.io/library/nginx` does not apply to `nginx:1.25`).
 * Matched names are added to `covered`.
 */
export function editKustomizeImages(
  src: YamlSource,
  images: Node | undefined,
  update: ImageUpdate,
  forms?: readonly string[],
  covered = new Set<string>(),
): number {
  if (!isSeq(images)) return 0;
  let matched = 0;
  for (const item of images.items) {
    const entry = src.resolve(item);
    if (isMap(entry) && editEntry(src, entry, update, forms, covered)) matched++;
  }
  return matched;
}

function editEntry(
  src: YamlSource,
  entry: YAMLMap,
  update: ImageUpdate,
  forms: readonly string[] | undefined,
  covered: Set<string>,
): boolean {
  const nameNode = src.get(entry, 'name');
  const newNameNode = src.get(entry, 'newName');
  const name = src.stringValue(nameNode);
  const newName = src.stringValue(newNameNode);
  const byName = forms ? name !== undefined && forms.includes(name) : matchesImage(name, update);
  if (!byName && !matchesImage(newName, update)) {
    if (forms && matchesImage(name, update)) {
      src.miss(
        src.line(nameNode?.range?.[0] ?? 0),
        `images entry '${name}' does not apply: the resources write ${forms.map((f) => `'${f}'`).join(', ')}, and ` +
          'kustomize matches names as written (an entry under that name is added when this kustomization is listed by its exact path)',
      );
    }
    return false;
  }
  if (byName && name) covered.add(name);
  const tagPair = src.pair(entry, 'newTag');
  const digestPair = src.pair(entry, 'digest');
  const tagNode = src.site(tagPair?.value);
  const digestNode = src.site(digestPair?.value);
  // Entries reached twice (through an alias) are edited once.
  if (!src.claim(nameNode ?? entry)) return true;
  src.claim(newNameNode);
  src.claim(tagNode);
  src.claim(digestNode);

  const shown = newName ?? name ?? update.image;
  const oldTag = src.str(tagNode) || undefined;
  const oldDigest = src.str(digestNode) || undefined;
  const at = tagNode?.range?.[0] ?? digestNode?.range?.[0] ?? entry.range?.[0] ?? 0;
  src.target(
    'kustomize',
    src.line(at),
    formatReference(shown, oldTag, oldDigest),
    formatReference(shown, update.tag, update.digest),
  );

  setOrAdd(src, entry, 'newTag', tagPair, tagNode, update.tag);
  setOrAdd(src, entry, 'digest', digestPair, digestNode, update.digest);
  return true;
}

/** Sets the field, adds it when missing, or (value undefined) removes it when it holds something. */
function setOrAdd(
  src: YamlSource,
  entry: YAMLMap,
  key: string,
  pair: Pair | undefined,
  node: Node | undefined,
  value: string | undefined,
): void {
  if (value === undefined) {
    if (!pair || !src.str(node)) return;
    // A Flux setter marker (`# {"$imagepolicy": …}`) or other aliases of the value must survive:
    // empty the value instead (kustomize renders "" as unset).
    if (src.editable(node) && (markerField(src, node) !== undefined || src.aliased(node))) src.setScalar(node, '');
    else removePair(src, entry, pair);
  } else if (!pair) addPair(src, entry, key, value);
  else if (src.editable(node)) src.setScalar(node, value);
}

function addPair(src: YamlSource, map: YAMLMap, key: string, value: string): void {
  const last = map.items[map.items.length - 1];
  const first = map.items[0];
  if (!last || !first) return;
  const lastEnd = endOf(last);
  if (map.flow) {
    src.splice(lastEnd, lastEnd, `, ${key}: ${renderValue(value)}`);
    return;
  }
  const indent = ' '.repeat(src.column(startOf(first)));
  src.insertLinesAfter(src.trimEnd(lastEnd), [`${indent}${key}: ${renderValue(value)}`]);
}

function removePair(src: YamlSource, map: YAMLMap, pair: Pair): void {
  const i = map.items.indexOf(pair);
  const start = startOf(pair);
  const next = map.items[i + 1];
  const prev = map.items[i - 1];
  if (map.flow) {
    if (prev) src.splice(endOf(prev), endOf(pair), '');
    else if (next) src.splice(start, startOf(next), '');
    return;
  }
  const text = src.text;
  const lineStart = text.lastIndexOf('\n', start - 1) + 1;
  if (text.slice(lineStart, start).trim() === '') {
    // The key owns its line(s): drop them whole, trailing comment included. On the last line of a
    // file without a final newline, the newline before it goes instead, so none is left dangling.
    const nl = text.indexOf('\n', src.trimEnd(endOf(pair)));
    if (nl >= 0) src.splice(lineStart, nl + 1, '');
    else src.splice(Math.max(text.lastIndexOf(src.eol, lineStart - 1), 0), text.length, '');
  } else if (next) {
    // `- digest: …` shares its line with the dash: pull the next key up onto it.
    src.splice(start, startOf(next), '');
  }
}

function startOf(pair: Pair): number {
  return (pair.key as Node | null)?.range?.[0] ?? 0;
}

function endOf(pair: Pair): number {
  const value = pair.value as Node | null;
  return value?.range?.[1] ?? (pair.key as Node | null)?.range?.[1] ?? 0;
}

/**
 * Adds `{name, newTag, digest}` for an image the kustomization does not list yet: appended to
 * the `images:` sequence in its own style, or as a new `images:` block at the end of the document.
 */
export function addKustomizeImage(
  src: YamlSource,
  root: YAMLMap,
  update: ImageUpdate,
  names: readonly string[] = [update.image],
): void {
  const entries = names.map((name) => {
    const fields: [string, string][] = [['name', name]];
    if (update.tag !== undefined) fields.push(['newTag', update.tag]);
    if (update.digest !== undefined) fields.push(['digest', update.digest]);
    return fields;
  });
  const targets = (line: number) =>
    names.forEach((name, i) => {
      src.target(
        'kustomize',
        line + i * (entries[0]?.length ?? 1),
        '',
        formatReference(name, update.tag, update.digest),
      );
    });
  const imagesPair = src.pair(root, 'images');
  const images = src.resolve(imagesPair?.value);

  if (isSeq(images) && images.flow) {
    const flow = entries
      .map((fields) => `{${fields.map(([k, v]) => `${k}: ${renderValue(v)}`).join(', ')}}`)
      .join(', ');
    const last = images.items[images.items.length - 1] as Node | undefined;
    const at = last?.range?.[1] ?? (images.range?.[0] ?? 0) + 1;
    src.splice(at, at, last ? `, ${flow}` : flow);
    names.forEach((name) => {
      src.target('kustomize', src.line(at), '', formatReference(name, update.tag, update.digest));
    });
    return;
  }
  if (isSeq(images) && images.items.length > 0) {
    const first = images.items[0] as Node;
    const last = images.items[images.items.length - 1] as Node;
    const firstStart = first.range?.[0] ?? 0;
    let prefix = src.text.slice(src.text.lastIndexOf('\n', firstStart - 1) + 1, firstStart);
    if (!/^ *- +$/.test(prefix)) prefix = `${' '.repeat(src.column(images.range?.[0] ?? 0))}- `;
    const anchor = src.trimEnd(last.range?.[1] ?? 0);
    src.insertLinesAfter(
      anchor,
      entries.flatMap((fields) => entryLines(fields, prefix)),
    );
    targets(src.line(anchor) + 1);
    return;
  }
  const keyCol = src.column(startOf((imagesPair ?? root.items[0]) as Pair));
  const prefix = `${' '.repeat(keyCol)}${sequenceIndent(src, root)}- `;
  if (imagesPair) {
    // `images:` / `images: []` / `images: ~` with nothing listed: the entry goes on the next lines.
    const value = imagesPair.value as Node | null;
    const anchor = value?.range ? value.range[1] : src.trimEnd(startOf(imagesPair) + 'images:'.length);
    if (value?.range && value.range[0] !== value.range[1]) {
      const space = src.text[value.range[0] - 1] === ' ' ? 1 : 0;
      src.splice(value.range[0] - space, value.range[1], '');
    }
    src.insertLinesAfter(
      anchor,
      entries.flatMap((fields) => entryLines(fields, prefix)),
    );
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
      src.target('kustomize', src.line(at), '', formatReference(name, update.tag, update.digest));
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

function entryLines(fields: [string, string][], prefix: string): string[] {
  const pad = ' '.repeat(prefix.length);
  return fields.map(([k, v], i) => `${i === 0 ? prefix : pad}${k}: ${renderValue(v)}`);
}

/** How far the file indents `- ` under a key (`resources:\n  - a.yaml` → 2); 0 when unknown. */
function sequenceIndent(src: YamlSource, root: YAMLMap): string {
  for (const pair of root.items) {
    const value = pair.value as Node | null;
    if (isSeq(value) && !value.flow && value.range) {
      const delta = src.column(value.range[0]) - src.column(startOf(pair));
      return ' '.repeat(Math.max(delta, 0));
    }
  }
  return '';
}
