/**
 * Everything cdpack knows about image references, in one place: the grammar of
 * `[domain/]path[:tag][@digest]` (distribution/reference; ../shared/oracles/IMAGE_REFERENCE.md
 * restates it), Docker Hub normalisation, registry hosts and the sha256 digest form.
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
/** A sha256 digest as registries and tools print it (lowercase hex only). */
export const SHA256_DIGEST = 'sha256:[a-f0-9]{64}';
const sha256DigestRe = new RegExp(`^${SHA256_DIGEST}$`);

/** Docker Hub's name in normalised references. */
export const DOCKER_HUB = 'docker.io';

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

/** Parses a reference with Docker's registry split but no Docker Hub normalisation (`nginx` has no domain). */
export function parseReference(text: string): ParseResult {
  const m = referenceRe.exec(text);
  if (!m) {
    if (referenceRe.test(text.toLowerCase())) return { ok: false, reason: 'repository name must be lowercase' };
    return { ok: false, reason: 'invalid reference format' };
  }
  const name = m[1] as string;
  const { domain, path } = splitDomain(name);
  if (path.length > 255) return { ok: false, reason: 'repository name must not be more than 255 characters' };
  const digest = m[3];
  if (digest !== undefined && !sha256DigestRe.test(digest)) {
    return { ok: false, reason: `digest '${digest}' must be sha256: followed by 64 lowercase hex digits` };
  }
  return { ok: true, ref: { name, domain, path, tag: m[2], digest } };
}

/**
 * Docker's split of a name into registry and path: the first component is a registry host only
 * when it is `localhost` or holds a `.`, a `:` or an upper-case letter (`team/web` is Docker Hub's).
 */
function splitDomain(name: string): { domain: string | undefined; path: string } {
  const slash = name.indexOf('/');
  const first = name.slice(0, Math.max(slash, 0));
  const isHost =
    slash > 0 && domainRe.test(first) && (first === 'localhost' || /[.:]/.test(first) || first !== first.toLowerCase());
  return isHost ? { domain: first, path: name.slice(slash + 1) } : { domain: undefined, path: name };
}

/**
 * The registry a domain as written stands for: none, `docker.io` and `index.docker.io` are Docker Hub
 * (`docker.io`). As in distribution/reference, other Docker hosts (`registry-1.docker.io`) are names
 * of their own.
 */
export function normalizeRegistry(domain: string | undefined): string {
  return domain === undefined || domain === 'index.docker.io' ? DOCKER_HUB : domain;
}

/** The repository path on its registry: Docker Hub's one-component names live under `library/`. */
function normalizePath(registry: string, path: string): string {
  return registry === DOCKER_HUB && !path.includes('/') ? `library/${path}` : path;
}

/** A reference as a registry sees it: `nginx:1` is `docker.io/library/nginx:1`. */
export interface NormalizedReference {
  /** Registry host[:port], `docker.io` for Docker Hub. */
  registry: string;
  /** Repository path, `library/nginx` for Docker Hub's official images. */
  path: string;
  /** `registry/path`. */
  name: string;
  tag: string | undefined;
  digest: string | undefined;
}

export type NormalizeResult = { ok: true; ref: NormalizedReference } | { ok: false; reason: string };

/** Parses and normalises a reference the way `docker pull` reads it (ParseNormalizedNamed). */
export function normalizeReference(text: string): NormalizeResult {
  // An image ID, not a name: Docker refuses to read it as `docker.io/library/<hex>`.
  if (/^[a-f0-9]{64}$/.test(text)) return { ok: false, reason: 'cannot specify 64-byte hexadecimal strings' };
  const parsed = parseReference(text);
  if (!parsed.ok) return parsed;
  const { domain, path, tag, digest } = parsed.ref;
  const registry = normalizeRegistry(domain);
  const fullPath = normalizePath(registry, path);
  return { ok: true, ref: { registry, path: fullPath, name: `${registry}/${fullPath}`, tag, digest } };
}

/**
 * `nginx` → `docker.io/library/nginx`; `registry.example.com/web` unchanged. Takes any text (a name
 * found in a file may be templated), splitting it as Docker does.
 */
export function normalizeName(name: string): string {
  const { domain, path } = splitDomain(name);
  const registry = normalizeRegistry(domain);
  return `${registry}/${normalizePath(registry, path)}`;
}

/** The registry of a reference (`docker.io` when it names none, or cannot be parsed). */
export function registryOf(reference: string): string {
  const parsed = parseReference(reference);
  return normalizeRegistry(parsed.ok ? parsed.ref.domain : undefined);
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

/** The digest a tool printed (surrounding white space ignored), or undefined when it is not a sha256 digest. */
export function digestIn(text: string): string | undefined {
  const d = text.trim();
  return isValidDigest(d) ? d : undefined;
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
  return normalizeRegistry(domain) === DOCKER_HUB ? 'registry-1.docker.io' : domain;
}

/** Hosts that credential stores use for Docker Hub besides `docker.io` (`docker login` writes `https://index.docker.io/v1/`). */
const dockerHubAuthHosts = ['index.docker.io', 'registry-1.docker.io', 'registry.hub.docker.com'];

/** The registry a Docker-format auth key (`https://index.docker.io/v1/`, `ghcr.io`) holds credentials for. */
export function registryOfAuthKey(key: string): string {
  const host = key.replace(/^[a-z]+:\/\//, '').replace(/\/.*$/, '');
  return dockerHubAuthHosts.includes(host) ? DOCKER_HUB : host;
}
