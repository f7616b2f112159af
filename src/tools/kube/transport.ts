/**
 * The Kubernetes client's view of the shared HTTP layer (tools/http): one HttpClient per client
 * certificate (an exec plugin may hand out a new one), the cluster's CA alone (not the system's, as
 * kubectl), its TLS server name and proxy, and a line reader for watch streams.
 */
import { HttpClient, NetworkError } from '../http/client';
import { lines } from '../http/lines';

export { NetworkError };

export interface TransportOptions {
  /** PEM bundle trusted instead of the system roots. */
  ca?: string;
  insecureSkipTlsVerify?: boolean;
  /** SNI and certificate name to check instead of the URL's host. */
  servername?: string;
  /** The proxy to use (already chosen by kubectl's rules, see ./proxy). */
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
  headers: Record<string, string | string[] | undefined>;
  text(): Promise<string>;
  /** The body line by line (newline-delimited JSON of a watch); throws NetworkError when the connection drops. */
  lines(): AsyncGenerator<string>;
  discard(): void;
}

/** True for a failure caused by the caller's AbortSignal. */
export function isAborted(e: unknown): boolean {
  return e instanceof NetworkError && e.code === 'ABORTED';
}

export class KubeTransport {
  /** By client certificate ('' for none). */
  private readonly clients = new Map<string, HttpClient>();

  constructor(private readonly options: TransportOptions = {}) {}

  private clientFor(cert?: { cert: string; key: string }): HttpClient {
    const key = cert ? `${cert.cert}\n${cert.key}` : '';
    let client = this.clients.get(key);
    if (!client) {
      const o = this.options;
      client = new HttpClient({
        rejectUnauthorized: o.insecureSkipTlsVerify !== true,
        ...(o.ca ? { ca: o.ca, systemCa: false } : {}),
        ...(o.servername ? { servername: o.servername } : {}),
        ...(o.proxyUrl ? { proxy: o.proxyUrl } : {}),
        ...(cert ? { cert: cert.cert, key: cert.key } : {}),
        ...(o.connectTimeoutMs ? { connectTimeoutMs: o.connectTimeoutMs } : {}),
        idleTimeoutMs: o.idleTimeoutMs ?? 60_000,
        // The API server does not redirect; a redirect elsewhere must not carry credentials anyway.
        maxRedirects: 0,
      });
      this.clients.set(key, client);
    }
    return client;
  }

  async request(req: TransportRequest): Promise<TransportResponse> {
    const res = await this.clientFor(req.clientCertificate).request({
      method: req.method,
      url: req.url,
      headers: req.headers,
      ...(req.body ? { body: req.body } : {}),
      ...(req.signal ? { signal: req.signal } : {}),
      ...(req.idleTimeoutMs !== undefined ? { idleTimeoutMs: req.idleTimeoutMs } : {}),
    });
    const dropped = (e: unknown): NetworkError => {
      if (e instanceof NetworkError) return e;
      const code = (e as NodeJS.ErrnoException).code;
      return new NetworkError(
        req.url,
        code === 'ERR_STREAM_PREMATURE_CLOSE' || !code ? 'ECONNRESET' : code,
        'the connection dropped mid-answer',
      );
    };
    return {
      status: res.status,
      headers: res.headers,
      text: async () => {
        try {
          const text = await res.text();
          if (!res.body.complete) throw dropped(new Error('incomplete'));
          return text;
        } catch (e) {
          throw dropped(e);
        }
      },
      async *lines() {
        try {
          yield* lines(res.body);
        } catch (e) {
          throw dropped(e);
        }
        if (!res.body.complete) throw dropped(new Error('incomplete'));
      },
      discard: () => {
        res.body.destroy();
      },
    };
  }

  close(): void {
    for (const client of this.clients.values()) client.close();
    this.clients.clear();
  }
}
