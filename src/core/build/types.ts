export type BuilderName = 'buildx' | 'docker' | 'buildah';

/** A cache location: a registry ref, or (buildx only) any other `type=…` spec as written. */
export interface CacheSpec {
  /** The input it came from, for messages. */
  input: 'cache-from' | 'cache-to';
  /** Image reference of a registry cache; undefined for non-registry buildx specs. */
  ref: string | undefined;
  /** `mode=` of a registry cache-to (buildx), when given. */
  mode: string | undefined;
  /** The entry as written. */
  text: string;
}

/** One build, in the same terms for every builder. */
export interface BuildRequest {
  /** Absolute context directory. */
  context: string;
  /** Absolute Dockerfile path. */
  file: string;
  target: string | undefined;
  /** `os/arch[/variant]`; empty: the builder's own platform. */
  platforms: string[];
  buildArgs: Record<string, string>;
  labels: Record<string, string>;
  /** Full tag references (`registry/repo:tag`), the commit SHA tag first. */
  refs: string[];
  push: boolean;
  cacheFrom: CacheSpec[];
  cacheTo: CacheSpec | undefined;
  tlsVerify: boolean;
}
