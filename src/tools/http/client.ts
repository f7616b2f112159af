/**
 * The in-process HTTP(S) client every API adapter uses (registry, scanner downloads, Kubernetes,
 * Argo CD): keep-alive agents, per-client TLS (extra CA, client certificate, server name, or no
 * verification), proxies from the environment the way curl reads them (see ./proxy), connect and
 * idle timeouts, cancellation by AbortSignal, streamed request and response bodies, redirects
 * followed for GET/HEAD (credentials are dropped when a redirect leaves the original host).
 */
import { readFileSync } from 'node:fs';
import {
  type ClientRequest,
  Agent as HttpAgent,
  request as httpRequest,
  type IncomingHttpHeaders,
  type IncomingMessage,
} from 'node:http';
import { Agent as HttpsAgent, request as httpsRequest } from 'node:https';
import type { Readable } from 'node:stream';
import { rootCertificates } from 'node:tls';
import { CdpackError } from '../../core/errors';
import { type Env, type ProxyEndpoint, proxyFor } from './proxy';
import { TunnelAgent } from './tunnel';

export type RequestBody = Buffer | Readable;

export interface HttpRequest {
  method: string;
  url: string;
  headers?: Record<string, string>;
  body?: RequestBody;
  /** Cancels the request (and the reading of its response body): NetworkError with code 'ABORTED'. */
  signal?: AbortSignal;
  /** Overrides the client's connect timeout for this request. */
  connectTimeoutMs?: number;
  /** Overrides the client's idle timeout for this request (0: none, e.g. for a long watch). */
  idleTimeoutMs?: number;
}

export interface HttpResponse {
  status: number;
  headers: IncomingHttpHeaders;
  /** The final URL (after redirects). */
  url: string;
  /** The body as a stream; read it, or call `discard()`. */
  body: IncomingMessage;
  buffer(): Promise<Buffer>;
  text(): Promise<string>;
  discard(): Promise<void>;
}

type Pem = string | Buffer;

export interface HttpClientOptions {
  /** Verify server certificates (default true). Same as `rejectUnauthorized`. */
  tlsVerify?: boolean | undefined;
  rejectUnauthorized?: boolean | undefined;
  /** PEM file with extra CA certificates. */
  caFile?: string | undefined;
  /** PEM CA certificate(s), with or instead of `caFile`. */
  ca?: Pem | Pem[] | undefined;
  /** Trust the system's CAs next to `ca`/`caFile` (default true; a cluster CA alone: false). */
  systemCa?: boolean | undefined;
  /** Client certificate and key (PEM) for mutual TLS. */
  cert?: Pem | undefined;
  key?: Pem | undefined;
  /** The name to verify the server certificate against (and send as SNI) instead of the URL's host. */
  servername?: string | undefined;
  /** Most redirects followed for one GET/HEAD (default 5). */
  maxRedirects?: number | undefined;
  /** A proxy URL that overrides the environment (kubeconfig `proxy-url`); no_proxy does not apply to it. */
  proxy?: string | undefined;
  /** Where HTTPS_PROXY, http_proxy, NO_PROXY… are read (the job's environment); none when absent. */
  env?: Env | undefined;
  /** Longest wait for a connection (TCP, or the proxy's tunnel); default 30 s. */
  connectTimeoutMs?: number | undefined;
  /** Longest time without a byte either way once connected; default 120 s, 0 for none. */
  idleTimeoutMs?: number | undefined;
}

/** A network failure (no HTTP answer at all), with the node error code when there is one. */
export class NetworkError extends CdpackError {
  override name = 'NetworkError';
  constructor(
    readonly url: string,
    readonly code: string | undefined,
    detail: string,
  ) {
    super(`${new URL(url).host}: ${detail}`);
  }
}

const tlsTrustCodes = new Set([
  'SELF_SIGNED_CERT_IN_CHAIN',
  'DEPTH_ZERO_SELF_SIGNED_CERT',
  'UNABLE_TO_VERIFY_LEAF_SIGNATURE',
  'UNABLE_TO_GET_ISSUER_CERT_LOCALLY',
  'UNABLE_TO_GET_ISSUER_CERT',
  'CERT_HAS_EXPIRED',
  'ERR_TLS_CERT_ALTNAME_INVALID',
]);

/** True for a TLS handshake answered by a plain-HTTP server. */
export function isPlainHttpAnswer(e: unknown): boolean {
  return e instanceof NetworkError && (e.code === 'EPROTO' || e.code === 'ERR_SSL_WRONG_VERSION_NUMBER');
}

function describeNetworkError(e: NodeJS.ErrnoException): string {
  const code = e.code ?? '';
  if (tlsTrustCodes.has(code)) {
    return `TLS certificate not trusted (${code}: ${e.message}); give the server's CA certificate (ca-file) or turn off tls-verify`;
  }
  return code && !e.message.includes(code) ? `${code}: ${e.message}` : e.message;
}

/** An error raised by us on a request (timeout, abort), carrying the code NetworkError will show. */
class RequestCancelled extends Error {
  constructor(
    message: string,
    readonly code: 'ETIMEDOUT' | 'ABORTED',
  ) {
    super(message);
  }
}

function collect(stream: Readable): Promise<Buffer> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    stream.on('data', (b: Buffer) => chunks.push(b));
    stream.on('end', () => resolve(Buffer.concat(chunks)));
    stream.on('error', reject);
  });
}

const DEFAULT_CONNECT_TIMEOUT_MS = 30_000;
const DEFAULT_IDLE_TIMEOUT_MS = 120_000;

export class HttpClient {
  private readonly httpAgent = new HttpAgent({ keepAlive: true, maxSockets: 16 });
  private readonly httpsAgent: HttpsAgent;
  /** Proxy agents by proxy, created on first use. */
  private readonly proxyAgents = new Map<string, { http: HttpAgent; https: TunnelAgent }>();
  private readonly tls: Record<string, unknown>;
  private readonly maxRedirects: number;
  private readonly connectTimeoutMs: number;
  private readonly idleTimeoutMs: number;

  constructor(private readonly options: HttpClientOptions = {}) {
    const extra: Pem[] = [
      ...(options.caFile ? [readFileSync(options.caFile, 'utf8')] : []),
      ...(options.ca === undefined ? [] : Array.isArray(options.ca) ? options.ca : [options.ca]),
    ];
    const ca = extra.length ? [...(options.systemCa === false ? [] : rootCertificates), ...extra] : undefined;
    this.tls = {
      rejectUnauthorized: options.rejectUnauthorized ?? options.tlsVerify !== false,
      ...(ca ? { ca } : {}),
      ...(options.cert ? { cert: options.cert } : {}),
      ...(options.key ? { key: options.key } : {}),
      ...(options.servername ? { servername: options.servername } : {}),
    };
    this.httpsAgent = new HttpsAgent({ keepAlive: true, maxSockets: 16, ...this.tls });
    this.maxRedirects = options.maxRedirects ?? 5;
    this.connectTimeoutMs = options.connectTimeoutMs ?? DEFAULT_CONNECT_TIMEOUT_MS;
    this.idleTimeoutMs = options.idleTimeoutMs ?? DEFAULT_IDLE_TIMEOUT_MS;
  }

  async request(req: HttpRequest): Promise<HttpResponse> {
    let url = req.url;
    let headers = { ...req.headers };
    const followRedirects = req.method === 'GET' || req.method === 'HEAD';
    for (let hop = 0; ; hop++) {
      const res = await this.once({ ...req, url, headers });
      const location = res.headers.location;
      if (!followRedirects || !location || ![301, 302, 303, 307, 308].includes(res.status)) return res;
      await res.discard();
      if (hop >= this.maxRedirects) throw new NetworkError(req.url, undefined, `too many redirects for ${req.url}`);
      const next = new URL(location, url);
      if (next.host !== new URL(url).host) {
        headers = Object.fromEntries(Object.entries(headers).filter(([k]) => k.toLowerCase() !== 'authorization'));
      }
      url = next.href;
    }
  }

  private agentsFor(proxy: ProxyEndpoint): { http: HttpAgent; https: TunnelAgent } {
    const key = `${proxy.display} ${proxy.authorization ?? ''}`;
    let agents = this.proxyAgents.get(key);
    if (!agents) {
      agents = {
        http: new HttpAgent({ keepAlive: true, maxSockets: 16 }),
        https: new TunnelAgent({
          keepAlive: true,
          maxSockets: 16,
          ...this.tls,
          proxy,
          connectTimeoutMs: this.connectTimeoutMs,
        }),
      };
      this.proxyAgents.set(key, agents);
    }
    return agents;
  }

  /** Where one request goes: directly, through a tunnel (https) or as an absolute-form request (http). */
  private route(target: URL, headers: Record<string, string>) {
    const isHttps = target.protocol === 'https:';
    const proxy = proxyFor(target, { proxy: this.options.proxy, env: this.options.env });
    if (!proxy)
      return {
        send: isHttps ? httpsRequest : httpRequest,
        at: target,
        options: {},
        agent: isHttps ? this.httpsAgent : this.httpAgent,
      };
    const agents = this.agentsFor(proxy);
    if (isHttps) return { send: httpsRequest, at: target, options: {}, agent: agents.https };
    if (proxy.authorization) headers['proxy-authorization'] = proxy.authorization;
    headers.host = target.host;
    return {
      send: httpRequest,
      at: target,
      options: { host: proxy.host, port: proxy.port, path: target.href },
      agent: agents.http,
    };
  }

  private once(req: HttpRequest): Promise<HttpResponse> {
    const target = new URL(req.url);
    const headers: Record<string, string> = { 'user-agent': 'cdpack', ...req.headers };
    if (Buffer.isBuffer(req.body)) headers['content-length'] = String(req.body.length);
    const connectTimeoutMs = req.connectTimeoutMs ?? this.connectTimeoutMs;
    const idleTimeoutMs = req.idleTimeoutMs ?? this.idleTimeoutMs;
    const signal = req.signal;
    return new Promise((resolve, reject) => {
      const fail = (e: NodeJS.ErrnoException) => {
        if (req.body && !Buffer.isBuffer(req.body)) req.body.destroy();
        reject(toNetworkError(req.url, e));
      };
      if (signal?.aborted) {
        fail(new RequestCancelled('the request was cancelled', 'ABORTED'));
        return;
      }
      const route = this.route(target, headers);
      let response: IncomingMessage | undefined;
      // Timeouts and aborts end the response body too once it is being read.
      const cancel = (error: RequestCancelled) => {
        if (response) response.destroy(toNetworkError(req.url, error));
        r.destroy(error);
      };
      const onAbort = () => cancel(new RequestCancelled('the request was cancelled', 'ABORTED'));
      const cleanup = () => signal?.removeEventListener('abort', onAbort);
      const r: ClientRequest = route.send(
        route.at,
        { method: req.method, headers, agent: route.agent, ...route.options },
        (res) => {
          response = res;
          res.once('close', cleanup);
          let consumed = false;
          const read = () => {
            consumed = true;
            return collect(res);
          };
          resolve({
            status: res.statusCode ?? 0,
            headers: res.headers,
            url: req.url,
            body: res,
            buffer: read,
            text: async () => (await read()).toString('utf8'),
            discard: async () => {
              if (consumed) return;
              consumed = true;
              res.resume();
              if (!res.complete) await new Promise<void>((done) => res.on('end', done).on('error', () => done()));
            },
          });
        },
      );
      signal?.addEventListener('abort', onAbort, { once: true });
      r.on('error', (e) => {
        cleanup();
        fail(e);
      });
      r.on('socket', (socket) => {
        if (!socket.connecting) return;
        const timer = setTimeout(
          () => cancel(new RequestCancelled(`no connection within ${connectTimeoutMs} ms`, 'ETIMEDOUT')),
          connectTimeoutMs,
        );
        socket.once('connect', () => clearTimeout(timer));
        socket.once('close', () => clearTimeout(timer));
      });
      if (idleTimeoutMs > 0) {
        r.setTimeout(idleTimeoutMs, () =>
          cancel(new RequestCancelled(`no data for ${idleTimeoutMs} ms; the server stopped answering`, 'ETIMEDOUT')),
        );
      }
      if (req.body === undefined) r.end();
      else if (Buffer.isBuffer(req.body)) r.end(req.body);
      else {
        req.body.on('error', (e) => r.destroy(e));
        req.body.pipe(r);
      }
    });
  }

  close(): void {
    this.httpAgent.destroy();
    this.httpsAgent.destroy();
    for (const agents of this.proxyAgents.values()) {
      agents.http.destroy();
      agents.https.destroy();
    }
  }
}

function toNetworkError(url: string, e: NodeJS.ErrnoException): NetworkError {
  if (e instanceof NetworkError) return e;
  return new NetworkError(url, e.code, describeNetworkError(e));
}
