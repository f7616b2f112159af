/**
 * Real OCI registries for tests: Debian's `/usr/bin/docker-registry` (distribution 2.8) on 127.0.0.1,
 * plain, with htpasswd basic auth, with TLS from a throwaway CA, or in `auth.token` mode behind an
 * in-test token issuer. Also a fault proxy that answers chosen requests itself (429, 500, 403…).
 * Everything lives in a temp dir removed by `stop()`.
 */
import { type ChildProcess, execFileSync, spawn } from 'node:child_process';
import { createHash, createPrivateKey, createSign, randomUUID } from 'node:crypto';
import { appendFileSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import {
  createServer,
  request as httpRequest,
  type IncomingHttpHeaders,
  type IncomingMessage,
  type Server,
} from 'node:http';
import { request as httpsRequest } from 'node:https';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Log } from '../../src/core/log';
import { missingProgram } from './requirements';

export const REGISTRY_BIN = '/usr/bin/docker-registry';

/** Why the registry tests cannot run here, or undefined when they can. */
export function registryUnavailable(): string | undefined {
  return missingProgram(REGISTRY_BIN, 'apt-get install docker-registry');
}

export interface RegistryUser {
  username: string;
  password: string;
}

export interface RegistryOptions {
  /** Basic auth with these users (bcrypt htpasswd). */
  htpasswd?: RegistryUser[];
  /** Bearer-token auth against this issuer (`auth.token`). */
  token?: TokenIssuer;
  /** Serve HTTPS with a certificate signed by a fresh CA (see `caFile`). */
  tls?: boolean;
}

export interface AccessLogEntry {
  method: string;
  /** Path and query as requested. */
  path: string;
  status: number;
}

export interface TestRegistry {
  /** `127.0.0.1:PORT`, the registry part of image references. */
  host: string;
  /** `http(s)://127.0.0.1:PORT`. */
  url: string;
  /** The registry's log (access log lines included). */
  logFile: string;
  /** The CA certificate that signed the server certificate (TLS only). */
  caFile: string | undefined;
  dir: string;
  /** Parsed access-log lines, in order. */
  accessLog(): AccessLogEntry[];
  /**
   * The access log once every request answered so far is in it: sends a marker request and
   * waits until the registry has logged it.
   */
  settledAccessLog(): Promise<AccessLogEntry[]>;
  stop(): Promise<void>;
}

/** A free TCP port on 127.0.0.1 (from a throwaway `listen(0)`). */
export async function freePort(): Promise<number> {
  const server = createServer();
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  await new Promise<void>((resolve) => server.close(() => resolve()));
  return port;
}

const accessLineRe = /^\S+ - \S+ \[[^\]]+\] "([A-Z]+) (\S+) HTTP\/[\d.]+" (\d{3}) /;

export function parseAccessLog(text: string): AccessLogEntry[] {
  const entries: AccessLogEntry[] = [];
  for (const line of text.split('\n')) {
    const m = accessLineRe.exec(line);
    if (m?.[1] && m[2] && m[3]) entries.push({ method: m[1], path: m[2], status: Number(m[3]) });
  }
  return entries;
}

/** Requests that carried blob data into the registry (PATCH/PUT on `…/blobs/uploads/…`). */
export function blobUploads(entries: AccessLogEntry[]): AccessLogEntry[] {
  return entries.filter((e) => (e.method === 'PATCH' || e.method === 'PUT') && e.path.includes('/blobs/uploads/'));
}

function run(file: string, args: string[], cwd: string): string {
  try {
    return execFileSync(file, args, { cwd, encoding: 'utf8', stdio: ['ignore', 'pipe', 'pipe'] });
  } catch (e) {
    if ((e as NodeJS.ErrnoException).code === 'ENOENT') {
      throw new Error(`${file} not found (apt-get install ${file === 'htpasswd' ? 'apache2-utils' : file})`);
    }
    throw e;
  }
}

/** A CA plus a server certificate for 127.0.0.1/localhost signed by it. */
function makeTlsFiles(dir: string): { caFile: string; certFile: string; keyFile: string } {
  const caKey = join(dir, 'ca.key');
  const caFile = join(dir, 'ca.crt');
  const keyFile = join(dir, 'server.key');
  const csr = join(dir, 'server.csr');
  const certFile = join(dir, 'server.crt');
  const ext = join(dir, 'server.ext');
  run(
    'openssl',
    [
      'req',
      '-x509',
      '-newkey',
      'rsa:2048',
      '-nodes',
      '-days',
      '2',
      '-keyout',
      caKey,
      '-out',
      caFile,
      '-subj',
      '/CN=cdpack test CA',
    ],
    dir,
  );
  run(
    'openssl',
    ['req', '-newkey', 'rsa:2048', '-nodes', '-keyout', keyFile, '-out', csr, '-subj', '/CN=localhost'],
    dir,
  );
  writeFileSync(ext, 'subjectAltName=IP:127.0.0.1,DNS:localhost\nextendedKeyUsage=serverAuth\n');
  run(
    'openssl',
    [
      'x509',
      '-req',
      '-in',
      csr,
      '-CA',
      caFile,
      '-CAkey',
      caKey,
      '-CAcreateserial',
      '-days',
      '2',
      '-out',
      certFile,
      '-extfile',
      ext,
    ],
    dir,
  );
  return { caFile, certFile, keyFile };
}

function yamlString(s: string): string {
  return JSON.stringify(s);
}

/** GET /v2/ until the server answers at all (any status), or fail after `timeoutMs`. */
async function waitReady(url: string, child: ChildProcess, logFile: string, timeoutMs = 10_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (Date.now() < deadline) {
    if (child.exitCode !== null)
      throw new Error(`registry exited (${child.exitCode}): ${readFileSync(logFile, 'utf8')}`);
    const ok = await new Promise<boolean>((resolve) => {
      const req = (url.startsWith('https:') ? httpsRequest : httpRequest)(
        `${url}/v2/`,
        { rejectUnauthorized: false },
        (res) => {
          res.resume();
          resolve(true);
        },
      );
      req.on('error', () => resolve(false));
      req.end();
    });
    if (ok) return;
    await new Promise((r) => setTimeout(r, 50));
  }
  throw new Error(`registry at ${url} not ready after ${timeoutMs} ms: ${readFileSync(logFile, 'utf8')}`);
}

export async function startRegistry(options: RegistryOptions = {}): Promise<TestRegistry> {
  const dir = mkdtempSync(join(tmpdir(), 'cdpack-registry-'));
  const port = await freePort();
  const host = `127.0.0.1:${port}`;
  const logFile = join(dir, 'registry.log');
  const lines = [
    'version: 0.1',
    'log: {level: info, formatter: text}',
    'storage:',
    `  filesystem: {rootdirectory: ${yamlString(join(dir, 'data'))}}`,
    '  delete: {enabled: true}',
    'http:',
    `  addr: ${host}`,
    `  secret: ${randomUUID()}`,
  ];
  let caFile: string | undefined;
  if (options.tls) {
    const tls = makeTlsFiles(dir);
    caFile = tls.caFile;
    lines.push(`  tls: {certificate: ${yamlString(tls.certFile)}, key: ${yamlString(tls.keyFile)}}`);
  }
  if (options.htpasswd && options.token) throw new Error('startRegistry: choose htpasswd or token, not both');
  if (options.htpasswd) {
    const htpasswd = join(dir, 'htpasswd');
    writeFileSync(htpasswd, '');
    for (const u of options.htpasswd) {
      appendFileSync(htpasswd, run('htpasswd', ['-Bbn', u.username, u.password], dir).trim() + '\n');
    }
    lines.push('auth:', '  htpasswd:', '    realm: cdpack-test', `    path: ${yamlString(htpasswd)}`);
  }
  if (options.token) {
    const t = options.token;
    lines.push(
      'auth:',
      '  token:',
      `    realm: ${yamlString(t.realm)}`,
      `    service: ${yamlString(t.service)}`,
      `    issuer: ${yamlString(t.issuer)}`,
      `    rootcertbundle: ${yamlString(t.certFile)}`,
    );
  }
  const config = join(dir, 'config.yml');
  writeFileSync(config, `${lines.join('\n')}\n`);
  writeFileSync(logFile, '');
  const child = spawn(REGISTRY_BIN, ['serve', config], { stdio: ['ignore', 'pipe', 'pipe'] });
  child.stdout?.on('data', (b: Buffer) => appendFileSync(logFile, b));
  child.stderr?.on('data', (b: Buffer) => appendFileSync(logFile, b));
  const exited = new Promise<void>((resolve) => child.on('exit', () => resolve()));
  // A test file that dies without its `after` hook must not leave a registry behind.
  const killOnExit = () => child.kill('SIGKILL');
  process.once('exit', killOnExit);
  const url = `${options.tls ? 'https' : 'http'}://${host}`;
  try {
    await waitReady(url, child, logFile);
  } catch (e) {
    child.kill('SIGKILL');
    throw e;
  }
  return {
    host,
    url,
    logFile,
    caFile,
    dir,
    accessLog: () => parseAccessLog(readFileSync(logFile, 'utf8')),
    async settledAccessLog() {
      const marker = `/v2/?settled=${randomUUID()}`;
      await new Promise<void>((resolve) => {
        const req = (url.startsWith('https:') ? httpsRequest : httpRequest)(
          `${url}${marker}`,
          { rejectUnauthorized: false },
          (res) => res.resume().on('end', resolve),
        );
        req.on('error', () => resolve());
        req.end();
      });
      const deadline = Date.now() + 5000;
      while (Date.now() < deadline) {
        const entries = parseAccessLog(readFileSync(logFile, 'utf8'));
        if (entries.some((e) => e.path === marker)) {
          await new Promise((r) => setTimeout(r, 50));
          return parseAccessLog(readFileSync(logFile, 'utf8')).filter((e) => !e.path.startsWith('/v2/?settled='));
        }
        await new Promise((r) => setTimeout(r, 20));
      }
      throw new Error(`registry ${host} did not log the marker request`);
    },
    async stop() {
      process.removeListener('exit', killOnExit);
      if (child.exitCode === null) {
        child.kill('SIGTERM');
        const timer = setTimeout(() => child.kill('SIGKILL'), 3000);
        await exited;
        clearTimeout(timer);
      }
      rmSync(dir, { recursive: true, force: true });
    },
  };
}

// ---------------------------------------------------------------------------------------------
// Token issuer for `auth.token` mode

export interface TokenRequest {
  /** The Basic user, or undefined for an anonymous request. */
  user: string | undefined;
  service: string | null;
  scopes: string[];
  /** Status answered: 200, or 401 for bad credentials. */
  status: number;
}

export interface TokenIssuerOptions {
  users: RegistryUser[];
  /**
   * Actions granted to `user` (undefined: anonymous) on repository `name`, among `requested`.
   * Default: everything requested for a known user, nothing for anonymous.
   */
  grant?: (user: string | undefined, name: string, requested: string[]) => string[];
  /** Token lifetime in seconds (default 300). */
  expiresIn?: number;
}

export interface TokenIssuer {
  realm: string;
  service: string;
  issuer: string;
  /** The certificate the registry trusts (`rootcertbundle`). */
  certFile: string;
  requests: TokenRequest[];
  /** Every token issued so far (to check none of them is ever logged). */
  tokens: string[];
  stop(): Promise<void>;
}

function b64url(data: Buffer | string): string {
  return Buffer.from(data).toString('base64url');
}

function parseBasicHeader(header: string | undefined): RegistryUser | undefined {
  const m = /^Basic\s+(\S+)$/i.exec(header ?? '');
  if (!m?.[1]) return undefined;
  const decoded = Buffer.from(m[1], 'base64').toString('utf8');
  const i = decoded.indexOf(':');
  return i < 0 ? undefined : { username: decoded.slice(0, i), password: decoded.slice(i + 1) };
}

/**
 * A token server per the distribution token-auth spec: GET realm?service=…&scope=… with optional
 * Basic credentials answers `{token, access_token, expires_in, issued_at}`, an RS256 JWT whose
 * header carries the signing certificate in `x5c` (distribution 2.8 checks it against its
 * `rootcertbundle`).
 */
export async function startTokenIssuer(options: TokenIssuerOptions): Promise<TokenIssuer> {
  const dir = mkdtempSync(join(tmpdir(), 'cdpack-token-'));
  const keyFile = join(dir, 'token.key');
  const certFile = join(dir, 'token.crt');
  run(
    'openssl',
    [
      'req',
      '-x509',
      '-newkey',
      'rsa:2048',
      '-nodes',
      '-days',
      '2',
      '-keyout',
      keyFile,
      '-out',
      certFile,
      '-subj',
      '/CN=cdpack token issuer',
    ],
    dir,
  );
  const key = createPrivateKey(readFileSync(keyFile));
  const certDer = Buffer.from(
    readFileSync(certFile, 'utf8')
      .replace(/-----(BEGIN|END) CERTIFICATE-----/g, '')
      .replace(/\s+/g, ''),
    'base64',
  );
  const service = 'cdpack-test-registry';
  const issuerName = 'cdpack-test-issuer';
  const expiresIn = options.expiresIn ?? 300;
  const grant =
    options.grant ?? ((user: string | undefined, _name: string, requested: string[]) => (user ? requested : []));
  const requests: TokenRequest[] = [];
  const tokens: string[] = [];

  function sign(sub: string, access: { type: string; name: string; actions: string[] }[]): string {
    const now = Math.floor(Date.now() / 1000);
    const header = { typ: 'JWT', alg: 'RS256', x5c: [certDer.toString('base64')] };
    const claims = {
      iss: issuerName,
      sub,
      aud: service,
      exp: now + expiresIn,
      nbf: now - 10,
      iat: now,
      jti: randomUUID(),
      access,
    };
    const input = `${b64url(JSON.stringify(header))}.${b64url(JSON.stringify(claims))}`;
    const signature = createSign('RSA-SHA256').update(input).sign(key);
    return `${input}.${b64url(signature)}`;
  }

  const server = createServer((req, res) => {
    const url = new URL(req.url ?? '/', 'http://issuer');
    const scopes = url.searchParams.getAll('scope');
    const basic = parseBasicHeader(req.headers.authorization);
    const record: TokenRequest = {
      user: basic?.username,
      service: url.searchParams.get('service'),
      scopes,
      status: 200,
    };
    requests.push(record);
    if (basic && !options.users.some((u) => u.username === basic.username && u.password === basic.password)) {
      record.status = 401;
      res.writeHead(401, { 'content-type': 'application/json' });
      res.end(JSON.stringify({ errors: [{ code: 'UNAUTHORIZED', message: 'bad credentials' }] }));
      return;
    }
    const access: { type: string; name: string; actions: string[] }[] = [];
    for (const scope of scopes.flatMap((s) => s.split(' '))) {
      const parts = scope.split(':');
      if (parts.length < 3 || parts[0] !== 'repository') continue;
      const requested = (parts[parts.length - 1] ?? '').split(',').filter(Boolean);
      const name = parts.slice(1, -1).join(':');
      const actions = grant(basic?.username, name, requested).filter((a) => requested.includes(a));
      access.push({ type: 'repository', name, actions });
    }
    const token = sign(basic?.username ?? '', access);
    tokens.push(token);
    res.writeHead(200, { 'content-type': 'application/json' });
    res.end(JSON.stringify({ token, access_token: token, expires_in: expiresIn, issued_at: new Date().toISOString() }));
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    realm: `http://127.0.0.1:${port}/token`,
    service,
    issuer: issuerName,
    certFile,
    requests,
    tokens,
    async stop() {
      await closeServer(server);
      rmSync(dir, { recursive: true, force: true });
    },
  };
}

// ---------------------------------------------------------------------------------------------
// Fault proxy

export interface FaultAnswer {
  status: number;
  headers?: Record<string, string>;
  body?: string;
}

export interface ProxiedRequest {
  /** 1-based arrival number. */
  n: number;
  method: string;
  path: string;
  status: number;
  /** True when the proxy answered itself instead of passing the request through. */
  faulted: boolean;
  /** Bytes of request body received from the client. */
  bytesIn: number;
  /** Bytes of response body sent back to the client. */
  bytesOut: number;
  /** Whether the request carried an Authorization header. */
  authorization: boolean;
}

export interface FaultProxy {
  host: string;
  url: string;
  requests: ProxiedRequest[];
  stop(): Promise<void>;
}

export interface FaultProxyOptions {
  /** `http://127.0.0.1:PORT` of the upstream registry. */
  target: string;
  /**
   * Called for every request with its 1-based arrival number; an answer is sent instead of
   * forwarding, undefined passes the request through.
   */
  plan?: (req: IncomingMessage, n: number) => FaultAnswer | undefined;
}

/**
 * An HTTP proxy in front of a registry. The Host header is passed on unchanged, so the
 * registry's absolute `Location` URLs point back at the proxy.
 */
export async function startFaultProxy(options: FaultProxyOptions): Promise<FaultProxy> {
  const target = new URL(options.target);
  const requests: ProxiedRequest[] = [];
  let count = 0;
  const server = createServer((req, res) => {
    const n = ++count;
    const record: ProxiedRequest = {
      n,
      method: req.method ?? 'GET',
      path: req.url ?? '/',
      status: 0,
      faulted: false,
      bytesIn: 0,
      bytesOut: 0,
      authorization: Boolean(req.headers.authorization),
    };
    requests.push(record);
    req.on('data', (b: Buffer) => {
      record.bytesIn += b.length;
    });
    const answer = options.plan?.(req, n);
    if (answer) {
      record.faulted = true;
      record.status = answer.status;
      req.resume();
      req.on('end', () => {
        res.writeHead(answer.status, { 'content-type': 'application/json', ...answer.headers });
        res.end(answer.body ?? '');
      });
      return;
    }
    const headers: IncomingHttpHeaders = { ...req.headers };
    const upstream = httpRequest(
      { host: target.hostname, port: target.port, method: req.method, path: req.url, headers },
      (up) => {
        record.status = up.statusCode ?? 0;
        res.writeHead(up.statusCode ?? 502, up.headers);
        up.on('data', (b: Buffer) => {
          record.bytesOut += b.length;
        });
        up.pipe(res);
      },
    );
    upstream.on('error', (e) => {
      record.status = 502;
      if (!res.headersSent) res.writeHead(502);
      res.end(String(e));
    });
    req.pipe(upstream);
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    host: `127.0.0.1:${port}`,
    url: `http://127.0.0.1:${port}`,
    requests,
    stop: () => closeServer(server),
  };
}

function closeServer(server: Server): Promise<void> {
  server.closeAllConnections();
  return new Promise((resolve) => server.close(() => resolve()));
}

/** sha256 digest string of some bytes. */
export function sha256(data: Buffer | string): string {
  return `sha256:${createHash('sha256').update(data).digest('hex')}`;
}

/** A token from the issuer for `scopes` (`repository:app:pull,push`), for fixtures that push directly. */
export async function issueToken(issuer: TokenIssuer, user: RegistryUser, scopes: string[]): Promise<string> {
  const url = new URL(issuer.realm);
  url.searchParams.set('service', issuer.service);
  for (const s of scopes) url.searchParams.append('scope', s);
  const res = await fetch(url, {
    headers: { authorization: `Basic ${Buffer.from(`${user.username}:${user.password}`).toString('base64')}` },
  });
  if (!res.ok) throw new Error(`token issuer: HTTP ${res.status}`);
  return ((await res.json()) as { token: string }).token;
}

/** A Log that keeps every line (to check what was said, and that no secret was). */
export function recordingLog(): Log & { lines: string[] } {
  const lines: string[] = [];
  return {
    lines,
    info: (m) => lines.push(`info: ${m}`),
    warn: (m) => lines.push(`warn: ${m}`),
    debug: (m) => lines.push(`debug: ${m}`),
    group: async (title, fn) => {
      lines.push(`group: ${title}`);
      return fn();
    },
  };
}
