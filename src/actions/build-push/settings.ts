import { parseCacheSpec } from '../../core/build/cache';
import { buildArgKeyRe, labelKeyRe, parseKeyValues } from '../../core/build/labels';
import { parseTagRules, type TagRule } from '../../core/build/tags';
import type { BuilderName, CacheSpec } from '../../core/build/types';
import { InputError } from '../../core/errors';
import { type ImageReference, normalizeRegistry, parseReference } from '../../core/image/reference';
import { parseBoolean, parseList, type RawInputs } from '../../inputs/read';

export interface Settings {
  /** Repository as given, e.g. `registry.example.com/team/app`. */
  image: string;
  imageRef: ImageReference;
  tagRules: TagRule[];
  context: string;
  /** undefined: `<context>/Dockerfile`. */
  file: string | undefined;
  target: string | undefined;
  platforms: string[];
  buildArgs: Record<string, string>;
  labels: Record<string, string>;
  push: boolean;
  builder: BuilderName | 'auto';
  /** Registry host to log in to (`docker.io` for Docker Hub). */
  registry: string;
  username: string;
  password: string;
  cacheFrom: CacheSpec[];
  cacheTo: CacheSpec | undefined;
  tlsVerify: boolean;
  caFile: string | undefined;
  buildahStorage: 'temp' | 'default';
  /** Promote mode: the image to copy instead of building. */
  source: string | undefined;
}

const platformRe = /^[a-z0-9]+\/[a-z0-9_]+(?:\/[a-z0-9]+)?$/;
const registryRe =
  /^(?:[a-zA-Z0-9](?:[a-zA-Z0-9-]*[a-zA-Z0-9])?(?:\.[a-zA-Z0-9](?:[a-zA-Z0-9-]*[a-zA-Z0-9])?)*|\[[0-9a-fA-F:]+\])(?::\d{1,5})?$/;

/**
 * Typed settings from inputs that readInputs has already defaulted and checked (required, options,
 * type), so a bad value fails before anything is built or pushed.
 */
export function parseSettings(raw: RawInputs): Settings {
  const get = (name: string) => (raw[name] ?? '').trim();
  const opt = (name: string) => get(name) || undefined;

  const image = get('image');
  const parsed = parseReference(image);
  if (!parsed.ok) throw new InputError('image', `'${image}' is not an image repository (${parsed.reason})`);
  if (parsed.ref.tag || parsed.ref.digest) {
    throw new InputError('image', `give the repository without tag or digest (got '${image}'); put tags in 'tags'`);
  }

  const platforms = parseList(raw.platforms ?? '');
  for (const p of platforms) {
    if (!platformRe.test(p)) throw new InputError('platforms', `'${p}' is not os/arch[/variant], e.g. linux/arm64`);
  }
  if (new Set(platforms).size !== platforms.length) throw new InputError('platforms', 'lists a platform twice');

  const registry = get('registry') || normalizeRegistry(parsed.ref.domain);
  if (!registryRe.test(registry)) {
    throw new InputError('registry', `'${registry}' is not a registry host[:port] (no scheme, no path)`);
  }
  const username = get('username');
  const password = raw.password ?? '';
  if (username && !password) throw new InputError('password', `is required with 'username'`);
  if (password && !username) throw new InputError('username', `is required with 'password'`);

  const cacheTo = opt('cache-to');

  const source = opt('source');
  const push = parseBoolean('push', get('push'));
  if (source) {
    const s = parseReference(source);
    if (!s.ok) throw new InputError('source', `'${source}' is not an image reference (${s.reason})`);
    if (!s.ref.tag && !s.ref.digest) {
      throw new InputError('source', `'${source}' needs a tag or, better, a digest (repo@sha256:…)`);
    }
    if (!push) throw new InputError('push', 'promote mode (source) always pushes; remove push: false');
  }

  return {
    image,
    imageRef: parsed.ref,
    tagRules: parseTagRules(raw.tags ?? ''),
    context: get('context'),
    file: opt('file'),
    target: opt('target'),
    platforms,
    buildArgs: parseKeyValues('build-args', raw['build-args'] ?? '', buildArgKeyRe),
    labels: parseKeyValues('labels', raw.labels ?? '', labelKeyRe),
    push,
    builder: get('builder') as Settings['builder'],
    registry,
    username,
    password,
    cacheFrom: cacheList(raw['cache-from'] ?? '').map((e) => parseCacheSpec('cache-from', e)),
    cacheTo: cacheTo ? parseCacheSpec('cache-to', cacheTo) : undefined,
    tlsVerify: parseBoolean('tls-verify', get('tls-verify')),
    caFile: opt('ca-file'),
    buildahStorage: get('buildah-storage') as Settings['buildahStorage'],
    source,
  };
}

/** cache-from entries are one per line, since a `type=registry,ref=…` spec holds commas. */
function cacheList(text: string): string[] {
  return text
    .split('\n')
    .map((l) => l.trim())
    .filter((l) => l !== '');
}
