/**
 * Argo CD `Application` (and `ApplicationSet` templates): in `spec.source` and each of
 * `spec.sources[]`, the `kustomize.images` overrides, `helm.parameters` and `helm.valuesObject`.
 */
import { isMap, isSeq, type Node, type YAMLMap } from 'yaml';
import { splitImage } from '../image/reference';
import { editHelmValues } from './helm';
import { editTagDigest, matchesImage, nextReference } from './match';
import type { ImageUpdate } from './types';
import type { YamlSource } from './yaml-source';

export function isArgoApplication(kind: string | undefined, apiVersion: string | undefined): boolean {
  return (kind === 'Application' || kind === 'ApplicationSet') && !!apiVersion?.startsWith('argoproj.io/');
}

export function editArgoApplication(src: YamlSource, root: YAMLMap, update: ImageUpdate): void {
  let spec = src.get(root, 'spec');
  if (src.str(src.get(root, 'kind')) === 'ApplicationSet') spec = src.get(src.get(spec, 'template'), 'spec');
  const sources: Node[] = [];
  const single = src.get(spec, 'source');
  if (single) sources.push(single);
  const many = src.get(spec, 'sources');
  if (isSeq(many)) for (const item of many.items) sources.push(src.resolve(item) as Node);
  for (const source of sources) {
    if (!isMap(source)) continue;
    const images = src.get(src.get(source, 'kustomize'), 'images');
    if (isSeq(images)) for (const item of images.items) editOverride(src, src.site(item), update);
    const helm = src.get(source, 'helm');
    const parameters = src.get(helm, 'parameters');
    if (isSeq(parameters)) editParameters(src, parameters.items, update);
    const values = src.get(helm, 'valuesObject');
    if (values) editHelmValues(src, values, update, 'argocd');
  }
}

/** `registry/web:1.2` or `name=newName:tag`: the image may match on either side of `=`. */
function editOverride(src: YamlSource, node: Node | undefined, update: ImageUpdate): void {
  const value = src.stringValue(node);
  if (value === undefined || !src.editable(node) || src.isClaimed(node)) return;
  const eq = value.indexOf('=');
  const left = eq >= 0 ? value.slice(0, eq + 1) : '';
  const { name } = splitImage(value.slice(eq + 1));
  if (!matchesImage(name, update) && !(left && matchesImage(splitImage(left.slice(0, -1)).name, update))) return;
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
function editParameters(src: YamlSource, items: unknown[], update: ImageUpdate): void {
  const params = new Map<string, YAMLMap>();
  for (const item of items) {
    const p = src.resolve(item);
    const name = src.stringValue(src.get(p, 'name'));
    if (isMap(p) && name !== undefined) params.set(name, p);
  }
  const value = (name: string) => {
    const p = params.get(name);
    return p && src.pair(p, 'value') ? src.get(p, 'value') : undefined;
  };
  const prefixes: [string, string][] = []; // [prefix, tag suffix]
  if (update.key) {
    const dot = update.key.lastIndexOf('.');
    prefixes.push([update.key.slice(0, dot + 1), update.key.slice(dot + 1)]);
  } else {
    for (const name of params.keys()) {
      if (name.endsWith('repository')) prefixes.push([name.slice(0, -'repository'.length), 'tag']);
      else if (name.endsWith('Repository')) prefixes.push([name.slice(0, -'Repository'.length), 'Tag']);
    }
  }
  for (const [prefix, tagName] of prefixes) {
    const upper = tagName[0] === 'T';
    const repository = src.stringValue(value(`${prefix}${upper ? 'Repository' : 'repository'}`));
    const registry = src.stringValue(value(`${prefix}${upper ? 'Registry' : 'registry'}`));
    const full = registry && repository ? `${registry}/${repository}` : repository;
    if (update.key ? full !== undefined && !matchesImage(full, update) : !matchesImage(full, update)) continue;
    const tag = value(`${prefix}${tagName}`);
    const digestName = `${prefix}${upper ? 'Digest' : 'digest'}`;
    const name = full ?? update.image;
    if (!editTagDigest(src, 'argocd', name, tag, value(digestName), update) && tag && update.tag === undefined) {
      src.miss(
        src.line(tag.range?.[0] ?? 0),
        `helm parameter '${prefix}${tagName}' is for ${name} but there is no '${digestName}' parameter for a digest-only update: add one that the chart reads, or give 'tag' as well`,
      );
    }
  }
}
