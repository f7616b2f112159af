/**
 * OCI / Docker image references: `[domain/]path[:tag][@digest]`, per the grammar of
 * distribution/reference (see ../shared/oracles/IMAGE_REFERENCE.md for the rules restated).
 */

const alnum = '[a-z0-9]+';
const separator = '(?:[._]|__|[-]+)';
const pathComponent = `${alnum}(?:${separator}${alnum})*`;
const domainComponent = '(?:[a-zA-Z0-9]|[a-zA-Z0-9][a-zA-Z0-9-]*[a-zA-Z0-9])';
const ipv6 = '\\[(?:[a-fA-F0-9:]+)\\]';
const host = `(?:${domainComponent}(?:\\.${domainComponent})*|${ipv6})`;
const domain = `${host}(?::[0-9]+)?`;
const tagPattern = '[\\w][\\w.-]{0,127}';
const digestPattern = '[A-Za-z][A-Za-z0-9]*(?:[-_+.][A-Za-z][A-Za-z0-9]*)*:[0-9a-fA-F]{32,}';

const referenceRe = new RegExp(
  `^((?:${domain}/)?${pathComponent}(?:/${pathComponent})*)(?::(${tagPattern}))?(?:@(${digestPattern}))?$`,
);
const domainRe = new RegExp(`^${domain}$`);
const tagRe = new RegExp(`^${tagPattern}$`);
const sha256DigestRe = /^sha256:[a-f0-9]{64}$/;

export interface ImageReference {
  /** The name as written: optional domain plus path, e.g. `registry.example.com:5000/team/web`. */
  name: string;
  /** Registry host[:port], or undefined when the name has none (Docker Hub). */
  domain: string | undefined;
  /** Repository path within the registry, e.g. `team/web`. */
  path: string;
  tag: string | undefined;
  digest: string | undefined;
}

export type ParseResult = { ok: true; ref: ImageReference } | { ok: false; reason: string };

/** Parses a reference with the pure grammar (no Docker Hub normalisation). */
export function parseReference(text: string): ParseResult {
  const m = referenceRe.exec(text);
  if (!m) {
    if (referenceRe.test(text.toLowerCase())) return { ok: false, reason: 'repository name must be lowercase' };
    return { ok: false, reason: 'invalid reference format' };
  }
  const name = m[1] as string;
  const slash = name.indexOf('/');
  const first = slash >= 0 ? name.slice(0, slash) : '';
  const hasDomain = slash >= 0 && domainRe.test(first) && looksLikeRegistry(first);
  const path = hasDomain ? name.slice(slash + 1) : name;
  if (path.length > 255) return { ok: false, reason: 'repository name must not be more than 255 characters' };
  const digest = m[3];
  if (digest !== undefined && !sha256DigestRe.test(digest)) {
    return { ok: false, reason: `digest '${digest}' must be sha256: followed by 64 lowercase hex digits` };
  }
  return { ok: true, ref: { name, domain: hasDomain ? first : undefined, path, tag: m[2], digest } };
}

/** Docker's rule for whether the first path component is a registry host. */
function looksLikeRegistry(first: string): boolean {
  return first === 'localhost' || first.includes('.') || first.includes(':') || first !== first.toLowerCase();
}

/** `nginx` → `docker.io/library/nginx`; `registry.example.com/web` unchanged. */
export function normalizeName(name: string): string {
  const slash = name.indexOf('/');
  const first = slash >= 0 ? name.slice(0, slash) : '';
  let domainPart = 'docker.io';
  let path = name;
  if (slash >= 0 && looksLikeRegistry(first)) {
    domainPart = first === 'index.docker.io' ? 'docker.io' : first;
    path = name.slice(slash + 1);
  }
  if (domainPart === 'docker.io' && !path.includes('/')) path = `library/${path}`;
  return `${domainPart}/${path}`;
}

/** True when both names denote the same repository (Docker Hub short forms included). */
export function sameRepository(a: string, b: string): boolean {
  return a === b || normalizeName(a) === normalizeName(b);
}

export function isValidTag(tag: string): boolean {
  return tagRe.test(tag);
}

export function isValidDigest(digest: string): boolean {
  return sha256DigestRe.test(digest);
}

/** Formats `name[:tag][@digest]`. */
export function formatReference(name: string, tag?: string, digest?: string): string {
  return `${name}${tag ? `:${tag}` : ''}${digest ? `@${digest}` : ''}`;
}

/**
 * Splits an image string found in a file the way kustomize does: `:` and `@` are only looked
 * for after the first `/`, so a `host:port` prefix is never read as a tag. Unlike
 * parseReference this accepts anything (templated values such as `{{ .Values.tag }}` included).
 */
export function splitImage(text: string): { name: string; tag: string | undefined; digest: string | undefined } {
  const start = Math.max(text.indexOf('/'), 0);
  const at = text.indexOf('@', start);
  const beforeDigest = at >= 0 ? text.slice(0, at) : text;
  const digest = at >= 0 ? text.slice(at + 1) : undefined;
  const colon = beforeDigest.indexOf(':', start);
  if (colon < 0) return { name: beforeDigest, tag: undefined, digest };
  return { name: beforeDigest.slice(0, colon), tag: beforeDigest.slice(colon + 1), digest };
}

/** The host serving a registry's HTTP API: Docker Hub (`docker.io`, `index.docker.io`) answers at `registry-1.docker.io`. */
export function registryApiHost(domain: string): string {
  return domain === 'docker.io' || domain === 'index.docker.io' ? 'registry-1.docker.io' : domain;
}
