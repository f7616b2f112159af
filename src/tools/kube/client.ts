/**
 * A small Kubernetes API client (KubeApi) over the kube transport: JSON GET/LIST/PATCH, pod logs, and
 * watches that resume from the last resourceVersion and re-list on 410 Gone. Credentials come from a
 * KubeConnection (config.ts); every secret is handed to `setSecret` before any request or log line.
 */
import { readFileSync } from 'node:fs';
import type { Log } from '../../core/log';
import { type RetryVerdict, realSleep, retry } from '../../core/retry';
import { parseRetryAfter } from '../registry/retryable';
import type { Env, KubeConnection } from './config';
import { KubeApiError, KubeConfigError, safeText } from './errors';
import { type ExecCredential, ExecCredentialProvider, maskMultiline, type RunPlugin } from './exec-credential';
import { proxyForServer } from './proxy';
import { isAborted, KubeTransport, NetworkError, type TransportResponse } from './transport';
import type { KubeApi, KubeList, KubeObject, PatchType, RequestOptions, WatchEvent } from './types';

export interface KubeClientOptions {
  /** The platform's environment (PATH and HOME for exec plugins, proxy variables). */
  env: Env;
  /** Masks a secret in every later log line; called for each token, password, client key and plugin answer. */
  setSecret: (value: string) => void;
  log?: Log;
  /** Attempts per request, the first included (default 5), and the waits between them. */
  retry?: { attempts?: number; baseDelayMs?: number; maxDelayMs?: number; sleep?: (ms: number) => Promise<void> };
  /** A request (not a watch) with no bytes moving for this long fails (default 60 s). */
  idleTimeoutMs?: number;
  connectTimeoutMs?: number;
  /** Runs exec credential plugins (tests may replace it). */
  runPlugin?: RunPlugin;
  /** Most consecutive watch reconnections without an event before giving up (default 10). */
  maxWatchReconnects?: number;
}

const patchContentTypes: Record<PatchType, string> = {
  strategic: 'application/strategic-merge-patch+json',
  merge: 'application/merge-patch+json',
  json: 'application/json-patch+json',
};

const transientNetworkCodes = new Set(['ECONNRESET', 'ETIMEDOUT', 'EPIPE', 'ECONNABORTED', 'EAI_AGAIN']);

function isRetryableStatus(status: number): boolean {
  return status === 429 || (status >= 500 && status <= 599 && status !== 501);
}

/** A retryable API answer, carrying the server's Retry-After. */
class RetryableAnswer extends Error {
  constructor(
    readonly error: KubeApiError,
    readonly waitMs: number | undefined,
  ) {
    super(error.message);
  }
}

function isTransientNetwork(e: unknown): e is NetworkError {
  return e instanceof NetworkError && transientNetworkCodes.has(e.code ?? '');
}

/** Reads the Status object of a failed answer into a KubeApiError (message sanitised and capped). */
export function apiError(status: number, body: string, method: string, path: string): KubeApiError {
  let reason = '';
  let message = '';
  try {
    const s = JSON.parse(body) as { kind?: string; reason?: unknown; message?: unknown };
    if (typeof s.reason === 'string') reason = s.reason;
    if (typeof s.message === 'string') message = s.message;
  } catch {
    // not a Status object (a proxy's page, say): show its start only
    message = body.trim().slice(0, 200);
  }
  return new KubeApiError(status, safeText(reason, 60), safeText(message), method, path);
}

function queryString(query: RequestOptions['query']): string {
  const params = new URLSearchParams();
  for (const [k, v] of Object.entries(query ?? {})) if (v !== undefined) params.set(k, String(v));
  const s = params.toString();
  return s ? `?${s}` : '';
}

interface SendOptions {
  query?: RequestOptions['query'];
  signal?: AbortSignal;
  body?: Buffer;
  contentType?: string;
  accept: string;
  idleTimeoutMs?: number;
}

class KubeClient implements KubeApi {
  readonly namespace: string;
  readonly description: string;
  requestCount = 0;
  private readonly transport: KubeTransport;
  private readonly exec: ExecCredentialProvider | undefined;
  private readonly server: string;
  /** kubectl sends no credentials to an http:// server; neither do we. */
  private readonly sendsCredentials: boolean;
  private tokenFileCache: { value: string; readAt: number } | undefined;
  private closed = false;
  /** The connections of running watches, so that close() ends them. */
  private readonly watches = new Set<AbortController>();

  constructor(
    private readonly config: KubeConnection,
    private readonly options: KubeClientOptions,
  ) {
    this.namespace = config.namespace;
    this.server = config.cluster.server;
    const url = new URL(this.server);
    this.description = `context '${safeText(config.contextName, 100)}' (${safeText(`${url.origin}${url.pathname}`.replace(/\/$/, ''), 200)})`;
    this.sendsCredentials = url.protocol === 'https:';
    const { user, cluster } = config;
    if (user.token) options.setSecret(user.token);
    if (user.password) options.setSecret(user.password);
    if (user.username !== undefined) {
      options.setSecret(Buffer.from(`${user.username}:${user.password ?? ''}`).toString('base64'));
    }
    if (user.clientKey) maskMultiline(options.setSecret, user.clientKey);
    const proxyUrl = cluster.proxyUrl ?? proxyForServer(this.server, options.env);
    const proxyPassword = proxyUrl ? passwordOf(proxyUrl) : undefined;
    if (proxyPassword) options.setSecret(proxyPassword);
    if (
      !this.sendsCredentials &&
      (user.token || user.tokenFile || user.username !== undefined || user.exec || user.clientKey)
    ) {
      options.log?.warn(
        `${this.description}: the server is plain http://, so its credentials are not sent (kubectl does the same); use https`,
      );
    }
    this.transport = new KubeTransport({
      ...(cluster.certificateAuthority ? { ca: cluster.certificateAuthority } : {}),
      insecureSkipTlsVerify: cluster.insecureSkipTlsVerify,
      ...(cluster.tlsServerName ? { servername: cluster.tlsServerName } : {}),
      ...(proxyUrl ? { proxyUrl } : {}),
      ...(options.connectTimeoutMs ? { connectTimeoutMs: options.connectTimeoutMs } : {}),
      ...(options.idleTimeoutMs ? { idleTimeoutMs: options.idleTimeoutMs } : {}),
    });
    this.exec = user.exec
      ? new ExecCredentialProvider(user.exec, {
          env: options.env,
          cluster,
          setSecret: options.setSecret,
          ...(options.runPlugin ? { run: options.runPlugin } : {}),
          ...(options.log ? { log: options.log } : {}),
        })
      : undefined;
  }

  /** How often the exec plugin ran (tests check the cache). */
  get execRuns(): number {
    return this.exec?.runs ?? 0;
  }

  async get<T extends KubeObject>(path: string, options: RequestOptions = {}): Promise<T> {
    return JSON.parse(await this.call('GET', path, { ...options, accept: 'application/json' })) as T;
  }

  async list<T extends KubeObject>(path: string, options: RequestOptions = {}): Promise<KubeList<T>> {
    const list = JSON.parse(await this.call('GET', path, { ...options, accept: 'application/json' })) as KubeList<T>;
    list.items ??= [];
    list.metadata ??= {};
    return list;
  }

  async patch<T extends KubeObject>(
    path: string,
    type: PatchType,
    body: unknown,
    options: RequestOptions = {},
  ): Promise<T> {
    const text = await this.call('PATCH', path, {
      ...options,
      accept: 'application/json',
      contentType: patchContentTypes[type],
      body: Buffer.from(JSON.stringify(body)),
    });
    return JSON.parse(text) as T;
  }

  text(path: string, options: RequestOptions = {}): Promise<string> {
    return this.call('GET', path, { ...options, accept: 'text/plain, */*' });
  }

  async watch<T extends KubeObject>(
    path: string,
    resourceVersion: string,
    onEvent: (event: WatchEvent<T>) => boolean | Promise<boolean>,
    options: RequestOptions = {},
  ): Promise<void> {
    const signal = options.signal;
    const maxReconnects = this.options.maxWatchReconnects ?? 10;
    const sleep = this.options.retry?.sleep ?? realSleep;
    let rv = resourceVersion;
    let quietReconnects = 0;
    let relists = 0;
    while (!signal?.aborted && !this.closed) {
      const connection = new AbortController();
      this.watches.add(connection);
      const stop = () => connection.abort();
      signal?.addEventListener('abort', stop, { once: true });
      try {
        // client-go's reflector asks for 5-10 minute watches; the server ends them and we resume.
        const timeoutSeconds = Number(options.query?.timeoutSeconds ?? 300 + Math.floor(Math.random() * 300));
        const query = {
          ...options.query,
          watch: 'true',
          allowWatchBookmarks: 'true',
          timeoutSeconds,
          ...(rv ? { resourceVersion: rv } : {}),
        };
        const outcome = await this.watchOnce<T>(path, query, connection.signal, timeoutSeconds, onEvent, (next) => {
          rv = next;
          quietReconnects = 0;
          relists = 0;
        });
        if (outcome === 'stopped') return;
        if (outcome === 'gone') {
          if (++relists > 5)
            throw new KubeApiError(410, 'Expired', 'the watch kept expiring after re-listing', 'GET', path);
          const listQuery = { ...options.query };
          delete listQuery.timeoutSeconds;
          this.options.log?.debug(
            `watch ${safeText(path, 200)}: resourceVersion ${safeText(rv, 40)} expired (410); re-listing`,
          );
          const list = await this.list<T>(path, { query: listQuery, ...(signal ? { signal } : {}) });
          for (const object of list.items) {
            if (await onEvent({ type: 'ADDED', object })) return;
          }
          rv = list.metadata.resourceVersion ?? '';
          continue;
        }
        // The stream ended cleanly (server timeout): resume at once, backing off only when nothing arrives.
        if (outcome === 'ended-quiet' && ++quietReconnects > 1) await sleep(Math.min(100 * 2 ** quietReconnects, 5000));
      } catch (e) {
        if (signal?.aborted || this.closed || isAborted(e)) return;
        if (!(e instanceof NetworkError) || ++quietReconnects > maxReconnects) throw e;
        this.options.log?.debug(
          `watch ${safeText(path, 200)}: ${safeText(e.message, 200)}; resuming from ${safeText(rv, 40)}`,
        );
        await sleep(Math.min(100 * 2 ** quietReconnects, 5000));
      } finally {
        signal?.removeEventListener('abort', stop);
        this.watches.delete(connection);
        connection.abort();
      }
    }
  }

  /** One watch connection: 'stopped' (onEvent said so), 'gone' (410), or how the stream ended. */
  private async watchOnce<T extends KubeObject>(
    path: string,
    query: Record<string, string | number | boolean | undefined>,
    signal: AbortSignal,
    timeoutSeconds: number,
    onEvent: (event: WatchEvent<T>) => boolean | Promise<boolean>,
    seen: (resourceVersion: string) => void,
  ): Promise<'stopped' | 'gone' | 'ended' | 'ended-quiet'> {
    let res: TransportResponse;
    try {
      // Connecting is retried like any request; a drop once the stream runs is the caller's to resume.
      res = await this.withRetries(`WATCH ${safeText(path, 200)}`, signal, () =>
        this.send(
          'GET',
          path,
          { query, signal, accept: 'application/json', idleTimeoutMs: (timeoutSeconds + 60) * 1000 },
          true,
        ),
      );
    } catch (e) {
      if (e instanceof KubeApiError && e.status === 410) return 'gone';
      throw e;
    }
    let events = 0;
    for await (const line of res.lines()) {
      let event: { type?: string; object?: Record<string, unknown> };
      try {
        event = JSON.parse(line);
      } catch {
        throw new NetworkError(this.server + path, 'EBADWATCH', 'the watch stream sent a line that is not JSON');
      }
      const object = (event.object ?? {}) as KubeObject & { code?: number; reason?: string; message?: string };
      if (event.type === 'ERROR') {
        const code = Number(object.code ?? 500);
        if (code === 410) return 'gone';
        // An internal error or throttling inside the stream: client-go's reflector starts a new watch.
        if (code === 429 || code >= 500) {
          throw new NetworkError(this.server + path, 'EWATCHERROR', `the watch stream reported HTTP ${code}`);
        }
        throw new KubeApiError(
          code,
          safeText(String(object.reason ?? ''), 60),
          safeText(String(object.message ?? '')),
          'WATCH',
          path,
        );
      }
      if (
        event.type !== 'ADDED' &&
        event.type !== 'MODIFIED' &&
        event.type !== 'DELETED' &&
        event.type !== 'BOOKMARK'
      ) {
        continue;
      }
      events++;
      const next = object.metadata?.resourceVersion;
      if (next) seen(next);
      if (await onEvent({ type: event.type, object: object as T })) return 'stopped';
    }
    return events ? 'ended' : 'ended-quiet';
  }

  /** Ends open watches (their `watch()` calls return) and closes the connections. */
  close(): void {
    this.closed = true;
    for (const connection of this.watches) connection.abort();
    this.transport.close();
  }

  /** A request with bounded retries on 429/5xx/transient network errors; the body of a 2xx answer. */
  private call(method: string, path: string, options: SendOptions): Promise<string> {
    return this.withRetries(`${method} ${safeText(path, 200)}`, options.signal, async () =>
      (await this.send(method, path, options, true)).text(),
    );
  }

  private withRetries<T>(what: string, signal: AbortSignal | undefined, attempt: () => Promise<T>): Promise<T> {
    const policy = this.options.retry ?? {};
    return retry(
      what,
      attempt,
      {
        attempts: policy.attempts ?? 5,
        baseDelayMs: policy.baseDelayMs ?? 500,
        maxDelayMs: policy.maxDelayMs ?? 30_000,
        ...(policy.sleep ? { sleep: policy.sleep } : {}),
      },
      {
        judge: (e): RetryVerdict => {
          if (signal?.aborted) return { retry: false };
          if (e instanceof RetryableAnswer) {
            return {
              retry: true,
              reason: `HTTP ${e.error.status}${e.error.reason ? ` ${e.error.reason}` : ''}`,
              ...(e.waitMs !== undefined ? { waitMs: e.waitMs } : {}),
            };
          }
          if (isTransientNetwork(e)) return { retry: true, reason: `network error (${e.message})` };
          return { retry: false };
        },
        fail: (e, attempts) => {
          if (!(e instanceof RetryableAnswer)) return e;
          const err = e.error;
          return new KubeApiError(
            err.status,
            err.reason,
            `${err.detail || 'no message'} (after ${attempts} attempts)`,
            err.method,
            err.path,
          );
        },
        ...(this.options.log ? { log: this.options.log } : {}),
      },
    );
  }

  /**
   * Sends one request with credentials. A 401 while an exec plugin's credential is in use re-runs the
   * plugin once and sends again (its token may have been revoked before its expiry). Non-2xx answers throw.
   */
  private async send(
    method: string,
    path: string,
    options: SendOptions,
    retryable = false,
  ): Promise<TransportResponse> {
    const url = `${this.server}${path}${queryString(options.query)}`;
    for (let refreshed = false; ; refreshed = true) {
      const headers: Record<string, string> = { accept: options.accept };
      if (options.contentType) headers['content-type'] = options.contentType;
      let clientCertificate: { cert: string; key: string } | undefined;
      let credential: ExecCredential | undefined;
      if (this.sendsCredentials) {
        const auth = await this.credentials();
        credential = auth.exec;
        if (auth.authorization) headers.authorization = auth.authorization;
        clientCertificate = auth.clientCertificate;
      }
      this.requestCount++;
      const res = await this.transport.request({
        method,
        url,
        headers,
        ...(options.body ? { body: options.body } : {}),
        ...(options.signal ? { signal: options.signal } : {}),
        ...(clientCertificate ? { clientCertificate } : {}),
        ...(options.idleTimeoutMs ? { idleTimeoutMs: options.idleTimeoutMs } : {}),
      });
      if (res.status >= 200 && res.status < 300) return res;
      const body = await res.text().catch(() => '');
      if (res.status === 401 && credential && this.exec && !refreshed) {
        this.exec.invalidate(credential);
        this.options.log?.debug('the API server refused the exec plugin credential (401); running the plugin again');
        continue;
      }
      const error = apiError(res.status, body, method, path);
      if (retryable && isRetryableStatus(res.status)) {
        throw new RetryableAnswer(error, parseRetryAfter(res.headers['retry-after']));
      }
      throw error;
    }
  }

  private async credentials(): Promise<{
    authorization?: string;
    clientCertificate?: { cert: string; key: string };
    exec?: ExecCredential;
  }> {
    const { user } = this.config;
    const out: { authorization?: string; clientCertificate?: { cert: string; key: string }; exec?: ExecCredential } =
      {};
    if (user.clientCertificate && user.clientKey)
      out.clientCertificate = { cert: user.clientCertificate, key: user.clientKey };
    const token = this.bearerToken();
    if (token) out.authorization = `Bearer ${token}`;
    else if (user.username !== undefined) {
      out.authorization = `Basic ${Buffer.from(`${user.username}:${user.password ?? ''}`).toString('base64')}`;
    }
    if (this.exec) {
      const cred = await this.exec.get();
      out.exec = cred;
      if (cred.token) out.authorization = `Bearer ${cred.token}`;
      if (cred.clientCertificate && cred.clientKey) {
        out.clientCertificate = { cert: cred.clientCertificate, key: cred.clientKey };
      }
    }
    return out;
  }

  /** The static token, or the token file's content (re-read after a minute, as client-go does). */
  private bearerToken(): string | undefined {
    const { user } = this.config;
    if (!user.tokenFile) return user.token;
    const now = Date.now();
    if (!this.tokenFileCache || now - this.tokenFileCache.readAt > 60_000) {
      try {
        const value = readTokenFile(user.tokenFile);
        this.options.setSecret(value);
        this.tokenFileCache = { value, readAt: now };
      } catch (e) {
        if (!this.tokenFileCache && !user.token) {
          throw new KubeConfigError(
            `${this.config.source}: cannot read tokenFile '${safeText(user.tokenFile, 300)}' (${(e as NodeJS.ErrnoException).code ?? 'error'})`,
          );
        }
      }
    }
    return this.tokenFileCache?.value ?? user.token;
  }
}

function passwordOf(proxyUrl: string): string | undefined {
  try {
    return (
      decodeURIComponent(
        new URL(/^[a-z][a-z0-9+.-]*:\/\//i.test(proxyUrl) ? proxyUrl : `http://${proxyUrl}`).password,
      ) || undefined
    );
  } catch {
    return undefined;
  }
}

function readTokenFile(path: string): string {
  return readFileSync(path, 'utf8').trim();
}

/** The client the steps use, for a connection resolved by loadKubeConnection. */
export function createKubeApi(
  config: KubeConnection,
  options: KubeClientOptions,
): KubeApi & { readonly execRuns: number } {
  return new KubeClient(config, options);
}
