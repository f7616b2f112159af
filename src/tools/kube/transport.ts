/**
 * The one place the Kubernetes client touches the network: HTTPS with the cluster's CA (or none verified),
 * TLS server name, client certificates (per request: an exec plugin may hand out a new one), an HTTP
 * CONNECT proxy, connect/idle timeouts, AbortSignal, and a line reader for watch streams.
 * Kept small so it can move onto the project's shared HTTP layer without touching the client.
 */
import { Agent as HttpAgent, request as httpRequest, type IncomingHttpHeaders, type IncomingMessage } from 'node:http';
import { Agent as HttpsAgent, request as httpsRequest } from 'node:https';
import type { Socket } from 'node:net';
import { connect as tlsConnect } from 'node:tls';
import { NetworkError } from '../registry/http';

export { NetworkError };

export interface TransportOptions {
  /** PEM bundle trusted instead of the system roots. */
  ca?: string;
  insecureSkipTlsVerify?: boolean;
  /** SNI and certificate name to check instead of the URL's host. */
  servername?: string;
  /** http://host:port of a proxy (CONNECT for https servers). */
  proxyUrl?: string;
  connectTimeoutMs?: number;
  /** A request with no bytes moving for this long fails (watches pass their own). */
  idleTimeoutMs?: number;
}

export interface TransportRequest {
  method: string;
  url: string;
  headers: Record<string, string>;
  body?: Buffer;
  signal?: AbortSignal;
  /** Client certificate and key (PEM) for this request. */
  clientCertificate?: { cert: string; key: string };
  idleTimeoutMs?: number;
}

export interface TransportResponse {
  status: number;
  headers: IncomingHttpHeaders;
  text(): Promise<string>;
  /** The body line by line (newline-delimited JSON of a watch); throws when the connection drops. */
  lines(): AsyncGenerator<string>;
  discard(): void;
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

function describe(e: NodeJS.ErrnoException): string {
  const code = e.code ?? '';
  if (tlsTrustCodes.has(code)) {
    return `the API server's TLS certificate is not trusted (${code}); check the cluster's certificate-authority in the kubeconfig`;
  }
  return code && !e.message.includes(code) ? `${code}: ${e.message}` : e.message;
}

/** An aborted request (the caller's signal): not a network failure, never retried. */
export class AbortedError extends Error {
  override name = 'AbortError';
}

export class KubeTransport {
  private readonly httpsAgent: HttpsAgent;
  private readonly httpAgent = new HttpAgent({ keepAlive: true, maxSockets: 32 });
  private readonly proxy: URL | undefined;

  constructor(private readonly options: TransportOptions = {}) {
    this.httpsAgent = new HttpsAgent({
      keepAlive: true,
      maxSockets: 32,
      rejectUnauthorized: options.insecureSkipTlsVerify !== true,
      ...(options.ca ? { ca: options.ca } : {}),
    });
    this.proxy = options.proxyUrl ? new URL(options.proxyUrl) : undefined;
    if (this.proxy && this.proxy.protocol !== 'http:' && this.proxy.protocol !== 'https:') {
      throw new Error(`proxy-url '${this.proxy.protocol}' proxies are not supported (expected http:// or https://)`);
    }
  }

  request(req: TransportRequest): Promise<TransportResponse> {
    const target = new URL(req.url);
    const isHttps = target.protocol === 'https:';
    const headers: Record<string, string> = { 'user-agent': 'cdpack', ...req.headers };
    if (req.body) headers['content-length'] = String(req.body.length);
    if (req.signal?.aborted) return Promise.reject(new AbortedError('aborted'));
    return new Promise((resolve, reject) => {
      const tls = {
        ...(this.options.servername ? { servername: this.options.servername } : {}),
        ...(req.clientCertificate ? { cert: req.clientCertificate.cert, key: req.clientCertificate.key } : {}),
      };
      let settled = false;
      const fail = (e: Error) => {
        if (settled) return;
        settled = true;
        reject(e);
      };
      const proxyOptions = this.proxy ? this.viaProxy(target, isHttps, headers) : {};
      const r = (isHttps ? httpsRequest : httpRequest)(
        target,
        {
          method: req.method,
          headers,
          agent: isHttps ? this.httpsAgent : this.httpAgent,
          ...(isHttps ? tls : {}),
          ...proxyOptions,
        },
        (res) => {
          settled = true;
          resolve(wrapResponse(res, req));
        },
      );
      const onAbort = () => r.destroy(new AbortedError('aborted'));
      req.signal?.addEventListener('abort', onAbort, { once: true });
      r.on('close', () => req.signal?.removeEventListener('abort', onAbort));
      r.on('error', (e: NodeJS.ErrnoException) => {
        if (e instanceof AbortedError || req.signal?.aborted) fail(new AbortedError('aborted'));
        else fail(new NetworkError(req.url, e.code, describe(e)));
      });
      const connectTimeout = this.options.connectTimeoutMs ?? 30_000;
      r.on('socket', (socket: Socket) => {
        if (!socket.connecting) return;
        const timer = setTimeout(() => {
          r.destroy(Object.assign(new Error(`no connection within ${connectTimeout / 1000} s`), { code: 'ETIMEDOUT' }));
        }, connectTimeout);
        socket.once('connect', () => clearTimeout(timer));
        socket.once('close', () => clearTimeout(timer));
      });
      const idle = req.idleTimeoutMs ?? this.options.idleTimeoutMs ?? 60_000;
      r.setTimeout(idle, () => {
        r.destroy(Object.assign(new Error(`no data for ${Math.round(idle / 1000)} s`), { code: 'ETIMEDOUT' }));
      });
      r.end(req.body);
    });
  }

  /** Request options that send the request through the proxy: a CONNECT tunnel for https, an absolute URI for http. */
  private viaProxy(target: URL, isHttps: boolean, headers: Record<string, string>): Record<string, unknown> {
    const proxy = this.proxy as URL;
    const proxyAuth =
      proxy.username || proxy.password
        ? `Basic ${Buffer.from(`${decodeURIComponent(proxy.username)}:${decodeURIComponent(proxy.password)}`).toString('base64')}`
        : undefined;
    const proxyPort = Number(proxy.port || (proxy.protocol === 'https:' ? 443 : 80));
    if (!isHttps) {
      if (proxyAuth) headers['proxy-authorization'] = proxyAuth;
      return { host: proxy.hostname, port: proxyPort, path: target.href, agent: this.httpAgent };
    }
    const options = this.options;
    return {
      agent: false,
      createConnection: (
        connectOptions: { cert?: string; key?: string },
        done: (err: Error | null, s?: Socket) => void,
      ) => {
        const connectReq = (proxy.protocol === 'https:' ? httpsRequest : httpRequest)({
          host: proxy.hostname,
          port: proxyPort,
          method: 'CONNECT',
          path: `${target.hostname}:${target.port || 443}`,
          headers: {
            host: `${target.hostname}:${target.port || 443}`,
            ...(proxyAuth ? { 'proxy-authorization': proxyAuth } : {}),
          },
        });
        connectReq.on('connect', (res, socket) => {
          if (res.statusCode !== 200) {
            socket.destroy();
            done(Object.assign(new Error(`proxy answered ${res.statusCode} to CONNECT`), { code: 'EPROXY' }));
            return;
          }
          const secure = tlsConnect({
            socket,
            servername: options.servername ?? target.hostname,
            rejectUnauthorized: options.insecureSkipTlsVerify !== true,
            ...(options.ca ? { ca: options.ca } : {}),
            ...(connectOptions.cert ? { cert: connectOptions.cert, key: connectOptions.key } : {}),
          });
          done(null, secure);
        });
        connectReq.on('error', (e) => done(e));
        connectReq.end();
        return undefined;
      },
    };
  }

  close(): void {
    this.httpsAgent.destroy();
    this.httpAgent.destroy();
  }
}

function wrapResponse(res: IncomingMessage, req: TransportRequest): TransportResponse {
  const failure = (e: NodeJS.ErrnoException): Error =>
    req.signal?.aborted || e instanceof AbortedError
      ? new AbortedError('aborted')
      : new NetworkError(req.url, e.code ?? 'ECONNRESET', describe(e));
  return {
    status: res.statusCode ?? 0,
    headers: res.headers,
    text: () =>
      new Promise((resolve, reject) => {
        const chunks: Buffer[] = [];
        res.on('data', (b: Buffer) => chunks.push(b));
        res.on('end', () => resolve(Buffer.concat(chunks).toString('utf8')));
        res.on('error', (e) => reject(failure(e)));
        res.on('aborted', () =>
          reject(failure(Object.assign(new Error('connection closed mid-answer'), { code: 'ECONNRESET' }))),
        );
      }),
    async *lines() {
      let rest = '';
      try {
        for await (const chunk of res) {
          rest += (chunk as Buffer).toString('utf8');
          let nl = rest.indexOf('\n');
          while (nl >= 0) {
            const line = rest.slice(0, nl);
            rest = rest.slice(nl + 1);
            if (line.trim()) yield line;
            nl = rest.indexOf('\n');
          }
        }
      } catch (e) {
        throw failure(e as NodeJS.ErrnoException);
      }
      if (!res.complete) {
        throw failure(Object.assign(new Error('the watch connection dropped'), { code: 'ECONNRESET' }));
      }
      if (rest.trim()) yield rest;
    },
    discard: () => {
      res.resume();
    },
  };
}
