/**
 * A small HTTP(S) client over node:http/https for the registry client: keep-alive agents, a
 * custom CA or no verification, streamed request and response bodies, redirects followed for
 * GET/HEAD (credentials are dropped when the redirect leaves the original host).
 */
import { readFileSync } from 'node:fs';
import { Agent as HttpAgent, request as httpRequest, type IncomingHttpHeaders, type IncomingMessage } from 'node:http';
import { Agent as HttpsAgent, request as httpsRequest } from 'node:https';
import type { Readable } from 'node:stream';
import { rootCertificates } from 'node:tls';
import { CdpackError } from '../../core/errors';

export type RequestBody = Buffer | Readable;

export interface HttpRequest {
  method: string;
  url: string;
  headers?: Record<string, string>;
  body?: RequestBody;
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

export interface HttpClientOptions {
  /** Verify server certificates (default true). */
  tlsVerify?: boolean;
  /** PEM file with extra CA certificates, trusted on top of the system's. */
  caFile?: string;
  /** Most redirects followed for one GET/HEAD (default 5). */
  maxRedirects?: number;
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
    return `TLS certificate not trusted (${code}: ${e.message}); give the registry's CA certificate (ca-file) or turn off tls-verify`;
  }
  return code && !e.message.includes(code) ? `${code}: ${e.message}` : e.message;
}

function collect(stream: Readable): Promise<Buffer> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    stream.on('data', (b: Buffer) => chunks.push(b));
    stream.on('end', () => resolve(Buffer.concat(chunks)));
    stream.on('error', reject);
  });
}

export class HttpClient {
  private readonly httpAgent = new HttpAgent({ keepAlive: true, maxSockets: 16 });
  private readonly httpsAgent: HttpsAgent;
  private readonly maxRedirects: number;

  constructor(options: HttpClientOptions = {}) {
    const ca = options.caFile ? [...rootCertificates, readFileSync(options.caFile, 'utf8')] : undefined;
    this.httpsAgent = new HttpsAgent({
      keepAlive: true,
      maxSockets: 16,
      rejectUnauthorized: options.tlsVerify !== false,
      ...(ca ? { ca } : {}),
    });
    this.maxRedirects = options.maxRedirects ?? 5;
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

  private once(req: HttpRequest): Promise<HttpResponse> {
    const target = new URL(req.url);
    const isHttps = target.protocol === 'https:';
    const headers: Record<string, string> = { 'user-agent': 'cdpack', ...req.headers };
    if (Buffer.isBuffer(req.body)) headers['content-length'] = String(req.body.length);
    return new Promise((resolve, reject) => {
      const onError = (e: NodeJS.ErrnoException) => {
        if (req.body && !Buffer.isBuffer(req.body)) req.body.destroy();
        reject(new NetworkError(req.url, e.code, describeNetworkError(e)));
      };
      const r = (isHttps ? httpsRequest : httpRequest)(
        target,
        { method: req.method, headers, agent: isHttps ? this.httpsAgent : this.httpAgent },
        (res) => {
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
      r.on('error', onError);
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
  }
}
