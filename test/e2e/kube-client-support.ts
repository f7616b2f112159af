/**
 * For the kube client's end-to-end tests: a throwaway PKI (CA, server and client certificates made with
 * openssl) and a small HTTPS server that records what it was asked.
 */
import { execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import type { IncomingMessage, ServerResponse } from 'node:http';
import { createServer, type Server } from 'node:https';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { TLSSocket } from 'node:tls';

export interface Pki {
  dir: string;
  caFile: string;
  caPem: string;
  serverCert: string;
  serverKey: string;
  /** Client certificate (CN=alice, O=dev) signed by the CA. */
  clientCertFile: string;
  clientKeyFile: string;
  clientCertPem: string;
  clientKeyPem: string;
  /** A client certificate from another CA (the server must refuse it). */
  strangerCertPem: string;
  strangerKeyPem: string;
  cleanup(): void;
}

function openssl(args: string[], cwd: string): void {
  execFileSync('openssl', args, { cwd, stdio: 'pipe' });
}

function selfSigned(cwd: string, name: string, subject: string): void {
  openssl(
    [
      'req',
      '-x509',
      '-newkey',
      'ec',
      '-pkeyopt',
      'ec_paramgen_curve:prime256v1',
      '-nodes',
      '-days',
      '2',
      '-subj',
      subject,
      '-keyout',
      `${name}.key`,
      '-out',
      `${name}.crt`,
    ],
    cwd,
  );
}

function signed(cwd: string, name: string, subject: string, ca: string, extensions: string): void {
  openssl(
    [
      'req',
      '-new',
      '-newkey',
      'ec',
      '-pkeyopt',
      'ec_paramgen_curve:prime256v1',
      '-nodes',
      '-subj',
      subject,
      '-keyout',
      `${name}.key`,
      '-out',
      `${name}.csr`,
    ],
    cwd,
  );
  writeFileSync(join(cwd, `${name}.ext`), extensions);
  openssl(
    [
      'x509',
      '-req',
      '-in',
      `${name}.csr`,
      '-CA',
      `${ca}.crt`,
      '-CAkey',
      `${ca}.key`,
      '-CAcreateserial',
      '-days',
      '2',
      '-extfile',
      `${name}.ext`,
      '-out',
      `${name}.crt`,
    ],
    cwd,
  );
}

export function makePki(): Pki {
  const dir = mkdtempSync(join(tmpdir(), 'kube-pki-'));
  selfSigned(dir, 'ca', '/CN=test-kube-ca');
  signed(
    dir,
    'server',
    '/CN=kube-apiserver',
    'ca',
    'subjectAltName=IP:127.0.0.1,DNS:kube.test\nextendedKeyUsage=serverAuth\n',
  );
  signed(dir, 'client', '/O=dev/CN=alice', 'ca', 'extendedKeyUsage=clientAuth\n');
  selfSigned(dir, 'stranger', '/CN=mallory');
  const read = (f: string) => readFileSync(join(dir, f), 'utf8');
  return {
    dir,
    caFile: join(dir, 'ca.crt'),
    caPem: read('ca.crt'),
    serverCert: read('server.crt'),
    serverKey: read('server.key'),
    clientCertFile: join(dir, 'client.crt'),
    clientKeyFile: join(dir, 'client.key'),
    clientCertPem: read('client.crt'),
    clientKeyPem: read('client.key'),
    strangerCertPem: read('stranger.crt'),
    strangerKeyPem: read('stranger.key'),
    cleanup: () => rmSync(dir, { recursive: true, force: true }),
  };
}

export interface RecordedRequest {
  method: string;
  url: string;
  headers: IncomingMessage['headers'];
  body: string;
  /** CN of the verified client certificate, when there was one. */
  clientCn?: string;
}

export interface TlsServer {
  url: string;
  port: number;
  requests: RecordedRequest[];
  close(): Promise<void>;
}

export type Handler = (req: RecordedRequest, res: ServerResponse) => void;

/** An HTTPS server on 127.0.0.1 with the PKI's server certificate; with `clientCa`, client certificates are requested and verified. */
export async function startTlsServer(
  pki: Pki,
  handler: Handler,
  options: { requireClientCert?: boolean } = {},
): Promise<TlsServer> {
  const requests: RecordedRequest[] = [];
  const server: Server = createServer(
    {
      cert: pki.serverCert,
      key: pki.serverKey,
      ca: pki.caPem,
      requestCert: true,
      rejectUnauthorized: options.requireClientCert === true,
    },
    (req, res) => {
      const chunks: Buffer[] = [];
      req.on('data', (b: Buffer) => chunks.push(b));
      req.on('end', () => {
        const socket = req.socket as TLSSocket;
        const peer = socket.authorized ? socket.getPeerCertificate() : undefined;
        const recorded: RecordedRequest = {
          method: req.method ?? '',
          url: req.url ?? '',
          headers: req.headers,
          body: Buffer.concat(chunks).toString('utf8'),
          ...(peer?.subject?.CN ? { clientCn: String(peer.subject.CN) } : {}),
        };
        requests.push(recorded);
        handler(recorded, res);
      });
    },
  );
  const sockets = new Set<import('node:net').Socket>();
  server.on('secureConnection', (s) => {
    sockets.add(s);
    s.on('close', () => sockets.delete(s));
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const port = (server.address() as AddressInfo).port;
  return {
    url: `https://127.0.0.1:${port}`,
    port,
    requests,
    close: () =>
      new Promise<void>((resolve) => {
        for (const s of sockets) s.destroy();
        server.close(() => resolve());
      }),
  };
}

export function sendJson(
  res: ServerResponse,
  status: number,
  body: unknown,
  headers: Record<string, string> = {},
): void {
  res.writeHead(status, { 'content-type': 'application/json', ...headers });
  res.end(JSON.stringify(body));
}

export function status(code: number, reason: string, message: string): Record<string, unknown> {
  return { kind: 'Status', apiVersion: 'v1', status: 'Failure', code, reason, message };
}

/** Collects setSecret values and log lines, and tells whether a secret ever reached a line. */
export function secretsRecorder() {
  const secrets: string[] = [];
  const lines: string[] = [];
  const log = {
    info: (m: string) => lines.push(m),
    warn: (m: string) => lines.push(m),
    debug: (m: string) => lines.push(m),
    group: <T>(_t: string, fn: () => Promise<T>) => fn(),
  };
  return { secrets, lines, log, setSecret: (v: string) => secrets.push(v) };
}
