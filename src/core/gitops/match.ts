/** Matching and rewriting helpers shared by the target rules. */
import type { Node, YAMLMap } from 'yaml';
import { formatReference, sameRepository, splitImage } from '../image/reference';
import type { ImageUpdate, TargetKind } from './types';
import type { YamlSource } from './yaml-source';

export function matchesImage(name: string | undefined, update: ImageUpdate): boolean {
  return !!name && sameRepository(name, update.image);
}

/** The new reference for a name as written: tag only drops the old digest, digest only the old tag. */
export function nextReference(name: string, update: ImageUpdate): string {
  return formatReference(name, update.tag, update.digest);
}

/** A scalar holding a whole reference (`registry/web:1.2`): rewrite it when its repository matches. */
export function editReference(src: YamlSource, kind: TargetKind, node: Node | undefined, update: ImageUpdate): boolean {
  const value = src.stringValue(node);
  if (value === undefined || !src.editable(node) || src.isClaimed(node)) return false;
  const { name } = splitImage(value);
  if (!matchesImage(name, update)) return false;
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
export function repositoryOf(
  src: YamlSource,
  map: YAMLMap,
  repoKey = 'repository',
  registryKey = 'registry',
): string | undefined {
  const repository = src.stringValue(src.get(map, repoKey));
  if (repository === undefined) return undefined;
  const registry = src.stringValue(src.get(map, registryKey));
  return registry ? `${registry.replace(/\/+$/, '')}/${repository}` : repository;
}

/**
 * Sets a separate tag scalar (and digest scalar, when there is one). With a tag only, a non-empty
 * digest is cleared to "": charts render `repo@digest` whenever it is set, which would keep the
 * old image. A digest-only update without a digest field has nothing to write: no target (the
 * caller explains). previous/next are image references, `name:tag[@digest]`, as for every target.
 */
export function editTagDigest(
  src: YamlSource,
  kind: TargetKind,
  name: string,
  tagNode: Node | undefined,
  digestNode: Node | undefined,
  update: ImageUpdate,
): boolean {
  if (!src.editable(tagNode) || src.isClaimed(tagNode)) return false;
  const digest = src.editable(digestNode) && !src.isClaimed(digestNode) ? digestNode : undefined;
  if (update.tag === undefined && !digest) return false;
  src.claim(tagNode);
  if (digest) src.claim(digest);
  const oldTag = src.str(tagNode) ?? '';
  const oldDigest = digest ? (src.str(digest) ?? '') : '';
  const newTag = update.tag ?? oldTag;
  const newDigest = digest ? (update.digest ?? '') : '';
  src.target(
    kind,
    src.line(tagNode.range?.[0] ?? 0),
    formatReference(name, oldTag, oldDigest),
    formatReference(name, newTag, newDigest),
  );
  src.setScalar(tagNode, newTag);
  if (digest) src.setScalar(digest, newDigest);
  return true;
}
