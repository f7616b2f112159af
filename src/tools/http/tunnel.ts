/**
 * An https agent that reaches its servers through an http proxy's CONNECT tunnel; connections are
 * pooled (keep-alive) like a direct agent's. TLS runs end to end inside the tunnel: the proxy sees
 * only the target host and port.
 */
import { request as httpRequest } from 'node:http';
import { type AgentOptions, Agent as HttpsAgent, type RequestOptions } from 'node:https';
import type { Duplex } from 'node:stream';
import { type ConnectionOptions, connect as tlsConnect } from 'node:tls';
import type { ProxyEndpoint } from './proxy';

/** A failure of the proxy itself (refused CONNECT, no answer), with a node-style code. */
export class ProxyConnectError extends Error {
  constructor(
    message: string,
    readonly code: string,
  ) {
    super(message);
  }
}

export interface TunnelAgentOptions extends AgentOptions {
  proxy: ProxyEndpoint;
  /** Longest wait for the proxy to open the tunnel. */
  connectTimeoutMs: number;
}

type Callback = (error: Error | null, socket: Duplex) => void;

export class TunnelAgent extends HttpsAgent {
  private readonly proxy: ProxyEndpoint;
  private readonly tunnelTimeoutMs: number;

  constructor({ proxy, connectTimeoutMs, ...options }: TunnelAgentOptions) {
    super(options);
    this.proxy = proxy;
    this.tunnelTimeoutMs = connectTimeoutMs;
  }

  // Node's Agent accepts an asynchronous createConnection: return nothing, call back with the socket.
  override createConnection(options: RequestOptions, callback?: Callback): undefined {
    this.openTunnel(options as ConnectionOptions, callback ?? (() => {}));
    return undefined;
  }

  private openTunnel(options: ConnectionOptions, callback: Callback): void {
    const authority = `${options.host?.includes(':') ? `[${options.host}]` : options.host}:${options.port}`;
    const connect = httpRequest({
      host: this.proxy.host,
      port: this.proxy.port,
      method: 'CONNECT',
      path: authority,
      agent: false,
      headers: {
        host: authority,
        ...(this.proxy.authorization ? { 'proxy-authorization': this.proxy.authorization } : {}),
      },
    });
    let done = false;
    const finish = (error: Error | null, socket?: Duplex) => {
      if (done) return;
      done = true;
      clearTimeout(timer);
      callback(error, socket as Duplex);
    };
    const timer = setTimeout(() => {
      const error = new ProxyConnectError(
        `proxy ${this.proxy.display} did not open a tunnel to ${authority} in ${this.tunnelTimeoutMs} ms`,
        'ETIMEDOUT',
      );
      connect.destroy(error);
      finish(error);
    }, this.tunnelTimeoutMs);
    connect.once('connect', (res, socket) => {
      if (res.statusCode !== 200) {
        socket.destroy();
        finish(
          new ProxyConnectError(
            `proxy ${this.proxy.display} refused the tunnel to ${authority}: HTTP ${res.statusCode}${res.statusCode === 407 ? ' (proxy authentication required: check the user-info of the proxy URL)' : ''}`,
            'EPROXY',
          ),
        );
        return;
      }
      finish(null, tlsConnect({ ...options, socket }));
    });
    connect.once('error', (error) => finish(error));
    connect.end();
  }
}
