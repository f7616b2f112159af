/**
 * An in-process OCI Distribution API client: manifests (HEAD/GET/PUT), blob existence, cross-
 * repository mount and streamed blob upload, with Basic/Bearer auth and bounded retries.
 * The scheme of each host is learned from a `GET /v2/` ping (https; plain http only for loopback
 * hosts or with tls-verify off, the way docker and skopeo treat insecure registries).
 */
import { createHash } from 'node:crypto';
import type { Readable } from 'node:stream';
import { CdpackError } from '../../core/errors';
import { normalizeReference, registryApiHost } from '../../core/image/reference';
import { type Log, silentLog } from '../../core/log';
import type { RetryOptions } from '../../core/retry';
import { HttpClient, type HttpResponse, isPlainHttpAnswer, type RequestBody } from '../http/client';
import type { Env } from '../http/proxy';
import { Authenticator, type CredentialsLookup, errorSummary, parseWwwAuthenticate, type Scope } from './auth';
import { registryRetryDefaults, retryableAnswer, retryRegistryCall } from './retryable';

export const MediaTypes = {
  ociManifest: 'application/vnd.oci.image.manifest.v1+json',
  ociIndex: 'application/vnd.oci.image.index.v1+json',
  dockerManifest: 'application/vnd.docker.distribution.manifest.v2+json',
  dockerManifestList: 'application/vnd.docker.distribution.manifest.list.v2+json',
} as const;

const manifestAccept = [
  MediaTypes.ociIndex,
  MediaTypes.ociManifest,
  MediaTypes.dockerManifestList,
  MediaTypes.dockerManifest,
].join(', ');

export function isIndexMediaType(mediaType: string): boolean {
  return mediaType === MediaTypes.ociIndex || mediaType === MediaTypes.dockerManifestList;
}

export interface RegistryClientOptions {
  /** Credentials per registry host as written in references (`docker.io`, `127.0.0.1:5000`). */
  credentials?: CredentialsLookup;
  /** Verify TLS certificates (default true). false also allows plain http. */
  tlsVerify?: boolean;
  /** PEM file with the CA certificate(s) of the registries, trusted on top of the system's. */
  caFile?: string;
  /** The job's environment: HTTPS_PROXY, NO_PROXY… (see tools/http/proxy). */
  env?: Env;
  log?: Log;
  /**
   * Retries of 429/5xx/transient network errors, over `registryRetryDefaults` (5 attempts, jittered
   * waits up to 60 s); `sleep` and `random` are injectable for tests.
   */
  retry?: Partial<RetryOptions>;
}

/** Where a reference points: registry as written, API host, repository path, tag or digest. */
export interface RepositoryTarget {
  registry: string;
  apiHost: string;
  path: string;
  /** Tag or digest; undefined for a bare repository. */
  reference: string | undefined;
  /** `registry/path`, for messages. */
  name: string;
}

export interface ManifestDescriptor {
  digest: string;
  mediaType: string;
  size: number;
}

export interface Manifest extends ManifestDescriptor {
  bytes: Buffer;
}

export type MountResult = { mounted: true } | { mounted: false; uploadUrl: string | undefined };

export function sha256Digest(data: Buffer): string {
  return `sha256:${createHash('sha256').update(data).digest('hex')}`;
}

/** Parses `host/path[:tag][@digest]`; names without a registry are Docker Hub's. */
export function parseTarget(ref: string): RepositoryTarget {
  const parsed = normalizeReference(ref);
  if (!parsed.ok) throw new CdpackError(`invalid image reference '${ref}': ${parsed.reason}`);
  const { registry, path, name, tag, digest } = parsed.ref;
  return { registry, apiHost: registryApiHost(registry), path, reference: digest ?? tag, name };
}

function shortDigest(digest: string): string {
  return digest.length > 19 ? `${digest.slice(0, 19)}…` : digest;
}

function isLoopbackHost(apiHost: string): boolean {
  const host = apiHost.replace(/:\d+$/, '');
  return host === 'localhost' || host === '[::1]' || /^127\.\d+\.\d+\.\d+$/.test(host);
}

function headerValue(res: HttpResponse, name: string): string | undefined {
  const v = res.headers[name];
  return Array.isArray(v) ? v[0] : v;
}

interface SendOptions {
  method: string;
  /** `/v2/…` or an absolute URL (an upload location). */
  path: string;
  headers?: Record<string, string>;
  body?: () => Promise<RequestBody> | RequestBody;
  scopes: Scope[];
  /** What the request does, for errors: `push to host/app (manifest v1)`. */
  what: string;
  /** Statuses handed back to the caller; anything else becomes an error. */
  accept: number[];
  /** false: no retry loop here (the caller retries a larger unit). */
  retry?: boolean;
}

export class RegistryClient {
  private readonly http: HttpClient;
  private readonly auth: Authenticator;
  private readonly log: Log;
  private readonly retryOptions: RetryOptions;
  private readonly bases = new Map<string, Promise<string>>();

  constructor(private readonly options: RegistryClientOptions = {}) {
    this.http = new HttpClient({ tlsVerify: options.tlsVerify, caFile: options.caFile, env: options.env });
    this.log = options.log ?? silentLog;
    this.retryOptions = { ...registryRetryDefaults, ...options.retry };
    this.auth = new Authenticator(this.http, {
      credentials: options.credentials,
      log: this.log,
      retry: this.retryOptions,
    });
  }

  /** Closes idle keep-alive connections. */
  close(): void {
    this.http.close();
  }

  /** A pull-scoped request for a manifest by tag or digest, accepting any of the manifest and index types. */
  private readManifest(ref: string, method: 'HEAD' | 'GET', accept: number[]): Promise<HttpResponse> {
    const t = parseTarget(ref);
    return this.send(t, {
      method,
      path: `/v2/${t.path}/manifests/${t.reference ?? 'latest'}`,
      headers: { accept: manifestAccept },
      scopes: [{ repository: t.path, actions: ['pull'] }],
      what: `pull of ${ref}`,
      accept,
    });
  }

  /** Digest, media type and size of a manifest or index, by HEAD (GET when the registry omits the digest). */
  async headManifest(ref: string): Promise<ManifestDescriptor> {
    const res = await this.readManifest(ref, 'HEAD', [200]);
    await res.discard();
    const digest = headerValue(res, 'docker-content-digest');
    const mediaType = headerValue(res, 'content-type')?.split(';')[0]?.trim();
    const size = Number(headerValue(res, 'content-length'));
    if (digest && mediaType && Number.isFinite(size) && mediaType !== 'application/json') {
      return { digest, mediaType, size };
    }
    const m = await this.getManifest(ref);
    return { digest: m.digest, mediaType: m.mediaType, size: m.size };
  }

  /** Whether a manifest exists (HEAD answering 200 rather than 404). */
  async manifestExists(ref: string): Promise<boolean> {
    const res = await this.readManifest(ref, 'HEAD', [200, 404]);
    await res.discard();
    return res.status === 200;
  }

  /** The exact bytes of a manifest or index; the digest is computed from them (and checked when the ref has one). */
  async getManifest(ref: string): Promise<Manifest> {
    const t = parseTarget(ref);
    const res = await this.readManifest(ref, 'GET', [200]);
    const bytes = await res.buffer();
    const digest = sha256Digest(bytes);
    if (t.reference?.startsWith('sha256:') && t.reference !== digest) {
      throw new CdpackError(`pull of ${ref}: the registry returned a manifest with digest ${digest}`);
    }
    let mediaType = headerValue(res, 'content-type')?.split(';')[0]?.trim() ?? '';
    if (!mediaType || mediaType === 'application/json' || mediaType === 'text/plain') {
      try {
        const json = JSON.parse(bytes.toString('utf8')) as { mediaType?: string; manifests?: unknown };
        mediaType = json.mediaType ?? (json.manifests ? MediaTypes.ociIndex : MediaTypes.ociManifest);
      } catch {
        throw new CdpackError(`pull of ${ref}: the manifest is not JSON`);
      }
    }
    return { digest, mediaType, size: bytes.length, bytes };
  }

  /** Uploads manifest bytes under a tag or digest; returns the digest (checked against the bytes). */
  async putManifest(ref: string, bytes: Buffer, mediaType: string): Promise<string> {
    const t = parseTarget(ref);
    if (!t.reference) throw new CdpackError(`push of ${ref}: a tag or digest is needed`);
    const res = await this.send(t, {
      method: 'PUT',
      path: `/v2/${t.path}/manifests/${t.reference}`,
      headers: { 'content-type': mediaType },
      body: () => bytes,
      scopes: [{ repository: t.path, actions: ['pull', 'push'] }],
      what: `push to ${t.name} (manifest ${t.reference})`,
      accept: [200, 201],
    });
    await res.discard();
    const digest = sha256Digest(bytes);
    const reported = headerValue(res, 'docker-content-digest');
    if (reported && reported !== digest) {
      throw new CdpackError(`push to ${t.name}: the registry stored digest ${reported}, expected ${digest}`);
    }
    return digest;
  }

  async blobExists(repoRef: string, digest: string): Promise<boolean> {
    const t = parseTarget(repoRef);
    const res = await this.send(t, {
      method: 'HEAD',
      path: `/v2/${t.path}/blobs/${digest}`,
      scopes: [{ repository: t.path, actions: ['pull'] }],
      what: `pull of blob ${shortDigest(digest)} from ${t.name}`,
      accept: [200, 404],
    });
    await res.discard();
    return res.status === 200;
  }

  /**
   * Cross-repository mount within one registry. 201: mounted. 202: the registry refused (e.g. no
   * pull access on the source) and opened an upload session instead, handed back for reuse.
   */
  async mountBlob(repoRef: string, digest: string, fromRepoRef: string): Promise<MountResult> {
    const t = parseTarget(repoRef);
    const from = parseTarget(fromRepoRef);
    if (from.apiHost !== t.apiHost) {
      throw new CdpackError(`mount of ${shortDigest(digest)}: ${from.name} and ${t.name} are on different registries`);
    }
    const query = new URLSearchParams({ mount: digest, from: from.path });
    const res = await this.send(t, {
      method: 'POST',
      path: `/v2/${t.path}/blobs/uploads/?${query}`,
      headers: { 'content-length': '0' },
      scopes: [
        { repository: t.path, actions: ['pull', 'push'] },
        { repository: from.path, actions: ['pull'] },
      ],
      what: `push to ${t.name} (mount of blob ${shortDigest(digest)} from ${from.path})`,
      accept: [201, 202],
    });
    await res.discard();
    if (res.status === 201) return { mounted: true };
    return { mounted: false, uploadUrl: headerValue(res, 'location') };
  }

  /** A blob's content as a stream (redirects to storage are followed). */
  async openBlob(repoRef: string, digest: string): Promise<{ stream: Readable; size: number | undefined }> {
    return this.openBlobOnce(parseTarget(repoRef), digest, true);
  }

  private async openBlobOnce(
    t: RepositoryTarget,
    digest: string,
    retry: boolean,
  ): Promise<{ stream: Readable; size: number | undefined }> {
    const res = await this.send(t, {
      method: 'GET',
      path: `/v2/${t.path}/blobs/${digest}`,
      scopes: [{ repository: t.path, actions: ['pull'] }],
      what: `pull of blob ${shortDigest(digest)} from ${t.name}`,
      accept: [200],
      retry,
    });
    const length = Number(headerValue(res, 'content-length'));
    return { stream: res.body, size: Number.isFinite(length) ? length : undefined };
  }

  /**
   * Uploads a blob in one streamed PUT (POST to open a session, or `uploadUrl` from a refused
   * mount for the first attempt). `open` is called once per attempt so a retry re-reads the source.
   */
  async uploadBlob(
    repoRef: string,
    digest: string,
    size: number,
    open: () => Promise<RequestBody> | RequestBody,
    uploadUrl?: string,
  ): Promise<void> {
    const t = parseTarget(repoRef);
    const what = `push to ${t.name} (blob ${shortDigest(digest)})`;
    const scopes = [{ repository: t.path, actions: ['pull', 'push'] }];
    await retryRegistryCall(
      what,
      async (attempt) => {
        let location = attempt === 1 ? uploadUrl : undefined;
        if (!location) {
          const started = await this.send(t, {
            method: 'POST',
            path: `/v2/${t.path}/blobs/uploads/`,
            headers: { 'content-length': '0' },
            scopes,
            what,
            accept: [202],
            retry: false,
          });
          await started.discard();
          location = headerValue(started, 'location');
          if (!location) throw new CdpackError(`${what}: the registry gave no upload location`);
        }
        const base = await this.base(t);
        const url = new URL(location, base);
        url.searchParams.set('digest', digest);
        const res = await this.send(t, {
          method: 'PUT',
          path: url.href,
          headers: { 'content-type': 'application/octet-stream', 'content-length': String(size) },
          body: open,
          scopes,
          what,
          accept: [201, 204],
          retry: false,
        });
        await res.discard();
      },
      this.retryOptions,
      this.log,
    );
  }

  /** Streams a blob from one repository to another (any registries), never holding it in memory. */
  async copyBlob(
    fromRepoRef: string,
    toRepoRef: string,
    digest: string,
    size: number,
    uploadUrl?: string,
  ): Promise<void> {
    const from = parseTarget(fromRepoRef);
    await this.uploadBlob(
      toRepoRef,
      digest,
      size,
      async () => (await this.openBlobOnce(from, digest, false)).stream,
      uploadUrl,
    );
  }

  /** The base URL of a host (`https://host` or `http://host`), pinging `/v2/` once to learn scheme and auth. */
  private base(t: RepositoryTarget): Promise<string> {
    let p = this.bases.get(t.apiHost);
    if (!p) {
      p = this.ping(t);
      this.bases.set(t.apiHost, p);
      p.catch(() => this.bases.delete(t.apiHost));
    }
    return p;
  }

  private async ping(t: RepositoryTarget): Promise<string> {
    const attempt = (scheme: string) =>
      retryRegistryCall(
        `connection to ${t.registry}`,
        async () => {
          const res = await this.http.request({ method: 'GET', url: `${scheme}://${t.apiHost}/v2/` });
          await res.discard();
          if (res.status === 401) this.auth.learn(t.apiHost, headerValue(res, 'www-authenticate'));
          else {
            const retryable = retryableAnswer(res);
            if (retryable) throw retryable;
          }
          return `${scheme}://${t.apiHost}`;
        },
        this.retryOptions,
        this.log,
      );
    try {
      return await attempt('https');
    } catch (e) {
      if (!isPlainHttpAnswer(e)) throw e;
      if (this.options.tlsVerify !== false && !isLoopbackHost(t.apiHost)) {
        throw new CdpackError(`${t.registry} answers plain http, not https; set tls-verify to false to allow that`);
      }
      this.log.debug(`${t.registry}: plain http`);
      return attempt('http');
    }
  }

  private async send(t: RepositoryTarget, o: SendOptions): Promise<HttpResponse> {
    const once = async (): Promise<HttpResponse> => {
      const base = await this.base(t);
      const url = new URL(o.path, base);
      // Credentials only go to the registry itself, never to a host an upload location points at.
      const sameHost = url.host === new URL(base).host;
      for (let round = 1; ; round++) {
        const headers = { ...o.headers };
        const authorization = sameHost ? await this.auth.header(t.apiHost, t.registry, o.scopes) : undefined;
        if (authorization) headers.authorization = authorization;
        const body = o.body ? await o.body() : undefined;
        const res = await this.http.request({ method: o.method, url: url.href, headers, body });
        if (o.accept.includes(res.status)) return res;
        if (body && !Buffer.isBuffer(body)) body.destroy();
        if (res.status === 401 && round === 1 && sameHost) {
          const challenge = headerValue(res, 'www-authenticate');
          const insufficient = /error="?insufficient_scope/.test(challenge ?? '');
          const sameBasic = authorization?.startsWith('Basic ') && this.auth.scheme(t.apiHost) === 'basic';
          if (!insufficient && !sameBasic && this.auth.learn(t.apiHost, challenge)) {
            this.auth.forget(t.apiHost, o.scopes);
            await res.discard();
            continue;
          }
        }
        throw await this.failure(t, o, res);
      }
    };
    return o.retry === false ? once() : retryRegistryCall(o.what, once, this.retryOptions, this.log);
  }

  private async failure(t: RepositoryTarget, o: SendOptions, res: HttpResponse): Promise<Error> {
    const text = o.method === 'HEAD' ? '' : await res.text().catch(() => '');
    const detail = errorSummary(text);
    const retryable = retryableAnswer(res, detail.replace(/^: /, ''));
    if (retryable) return retryable;
    if (res.status === 401) {
      const creds = this.options.credentials?.(t.registry);
      const challenge = parseWwwAuthenticate(headerValue(res, 'www-authenticate') ?? '')[0];
      if (challenge?.params.error === 'insufficient_scope') {
        const who = creds
          ? `the user '${creds.username}' lacks this access`
          : `no credentials were given for ${t.registry}`;
        return new CdpackError(`${o.what} denied (HTTP 401 insufficient_scope)${detail}; ${who}`);
      }
      const hint = creds
        ? `check the username and password for ${t.registry}`
        : `no credentials were given for ${t.registry}`;
      return new CdpackError(`${o.what} failed: authentication required (HTTP 401)${detail}; ${hint}`);
    }
    if (res.status === 403) return new CdpackError(`${o.what} denied (HTTP 403)${detail}`);
    if (res.status === 404) return new CdpackError(`${o.what} failed: not found (HTTP 404)${detail}`);
    return new CdpackError(`${o.what} failed: HTTP ${res.status}${detail}`);
  }
}
