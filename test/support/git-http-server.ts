/**
 * A git smart-HTTP server for tests: `git http-backend` as CGI behind Basic auth on 127.0.0.1.
 * In-process, no packages. A failed CGI answers 500 and never throws into the test process.
 */
import { type ChildProcessWithoutNullStreams, spawn } from 'node:child_process';
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';

export interface GitServerOptions {
  /** Directory holding the bare repositories (GIT_PROJECT_ROOT); `url('x.git')` serves `<root>/x.git`. */
  root: string;
  user: string;
  password: string;
  /** Also accept any user name with this password (a token). */
  token?: string;
}

export interface RequestRecord {
  method: string;
  /** Path and query as requested, e.g. `/gitops.git/info/refs?service=git-upload-pack`. */
  path: string;
  status: number;
  /** Whether the request carried an Authorization header. */
  authorization: boolean;
  /** The user name from Basic auth, when present and decodable. */
  user?: string;
}

export interface GitServer {
  /** `http://127.0.0.1:<port>/<repoName>` (no credentials). */
  url(repoName: string): string;
  port: number;
  /** Every request, in arrival order (status filled in when the response is finished). */
  requests: RequestRecord[];
  /**
   * Answer 403 to authenticated requests of this user (until cleared with `undefined`): every
   * request, or with `'push'` only git-receive-pack (a read-only token).
   */
  forbid(user: string | undefined, what?: 'all' | 'push'): void;
  /** Change the accepted credentials at runtime. */
  setCredentials(user: string, password: string, token?: string): void;
  close(): Promise<void>;
}

function parseBasic(header: string | undefined): { user: string; password: string } | undefined {
  if (!header) return undefined;
  const m = /^Basic\s+(\S+)\s*$/i.exec(header);
  if (!m?.[1]) return undefined;
  const decoded = Buffer.from(m[1], 'base64').toString('utf8');
  const i = decoded.indexOf(':');
  if (i < 0) return undefined;
  return { user: decoded.slice(0, i), password: decoded.slice(i + 1) };
}

export async function startGitServer(options: GitServerOptions): Promise<GitServer> {
  let { user, password, token } = options;
  let forbidden: string | undefined;
  let forbiddenWhat: 'all' | 'push' = 'all';
  const requests: RequestRecord[] = [];
  const children = new Set<ChildProcessWithoutNullStreams>();

  function handle(req: IncomingMessage, res: ServerResponse): void {
    const rawUrl = req.url ?? '/';
    const record: RequestRecord = {
      method: req.method ?? 'GET',
      path: rawUrl,
      status: 0,
      authorization: req.headers.authorization !== undefined,
    };
    requests.push(record);
    res.on('finish', () => {
      record.status = res.statusCode;
    });

    const creds = parseBasic(req.headers.authorization);
    if (creds) record.user = creds.user;
    const ok =
      creds !== undefined &&
      ((creds.user === user && creds.password === password) ||
        (token !== undefined && token !== '' && creds.password === token));
    if (!ok) {
      req.resume();
      res.writeHead(401, { 'WWW-Authenticate': 'Basic realm="git"', 'Content-Type': 'text/plain' });
      res.end('authentication required\n');
      return;
    }
    const isPush = rawUrl.includes('git-receive-pack');
    if (forbidden !== undefined && creds.user === forbidden && (forbiddenWhat === 'all' || isPush)) {
      req.resume();
      res.writeHead(403, { 'Content-Type': 'text/plain' });
      res.end('forbidden\n');
      return;
    }

    const q = rawUrl.indexOf('?');
    const pathInfo = decodeURIComponent(q < 0 ? rawUrl : rawUrl.slice(0, q));
    const query = q < 0 ? '' : rawUrl.slice(q + 1);
    const env: NodeJS.ProcessEnv = {
      PATH: process.env.PATH,
      HOME: process.env.HOME,
      GIT_PROJECT_ROOT: options.root,
      GIT_HTTP_EXPORT_ALL: '1',
      GATEWAY_INTERFACE: 'CGI/1.1',
      SERVER_PROTOCOL: `HTTP/${req.httpVersion}`,
      REQUEST_METHOD: req.method ?? 'GET',
      PATH_INFO: pathInfo,
      QUERY_STRING: query,
      REMOTE_USER: creds.user,
      REMOTE_ADDR: req.socket.remoteAddress ?? '127.0.0.1',
      AUTH_TYPE: 'Basic',
    };
    if (req.headers['content-type']) env.CONTENT_TYPE = req.headers['content-type'];
    if (req.headers['content-length']) env.CONTENT_LENGTH = req.headers['content-length'];
    const encoding = req.headers['content-encoding'];
    if (encoding) env.HTTP_CONTENT_ENCODING = encoding;
    const protocol = req.headers['git-protocol'];
    if (typeof protocol === 'string') env.GIT_PROTOCOL = protocol;

    let cgi: ChildProcessWithoutNullStreams;
    try {
      cgi = spawn('git', ['http-backend'], { env, stdio: 'pipe' });
    } catch (e) {
      req.resume();
      res.writeHead(500, { 'Content-Type': 'text/plain' });
      res.end(`spawn failed: ${String(e)}\n`);
      return;
    }
    children.add(cgi);
    let stderr = '';
    const fail = (why: string) => {
      if (!res.headersSent) {
        res.writeHead(500, { 'Content-Type': 'text/plain' });
        res.end(`cgi failed: ${why}\n${stderr}`);
      } else {
        res.destroy();
      }
    };
    cgi.on('error', (e) => fail(String(e)));
    cgi.stdin.on('error', () => {}); // the CGI may exit before reading the whole body
    cgi.stderr.on('data', (d: Buffer) => {
      stderr += d.toString();
    });
    req.on('error', () => cgi.kill());
    req.pipe(cgi.stdin);

    // Parse the CGI header block, then stream the rest as the body.
    let head = Buffer.alloc(0);
    let headersDone = false;
    cgi.stdout.on('data', (chunk: Buffer) => {
      if (headersDone) {
        res.write(chunk);
        return;
      }
      head = Buffer.concat([head, chunk]);
      let sep = head.indexOf('\r\n\r\n');
      let sepLen = 4;
      const lf = head.indexOf('\n\n');
      if (lf >= 0 && (sep < 0 || lf < sep)) {
        sep = lf;
        sepLen = 2;
      }
      if (sep < 0) return;
      headersDone = true;
      let status = 200;
      const headers: Record<string, string> = {};
      for (const line of head.subarray(0, sep).toString('latin1').split(/\r?\n/)) {
        const i = line.indexOf(':');
        if (i <= 0) continue;
        const name = line.slice(0, i).trim();
        const value = line.slice(i + 1).trim();
        if (name.toLowerCase() === 'status') status = Number.parseInt(value, 10) || 500;
        else headers[name] = value;
      }
      res.writeHead(status, headers);
      const rest = head.subarray(sep + sepLen);
      if (rest.length) res.write(rest);
    });
    cgi.on('close', (code) => {
      children.delete(cgi);
      if (!headersDone) {
        fail(`git http-backend exited ${code} without headers`);
        return;
      }
      res.end();
    });
  }

  const server = createServer((req, res) => {
    try {
      handle(req, res);
    } catch (e) {
      if (!res.headersSent) res.writeHead(500);
      res.end(String(e));
    }
  });
  server.on('clientError', (_e, socket) => socket.destroy());
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => resolve());
  });
  const port = (server.address() as AddressInfo).port;

  return {
    port,
    requests,
    url: (repoName) => `http://127.0.0.1:${port}/${repoName.replace(/^\/+/, '')}`,
    forbid(u, what = 'all') {
      forbidden = u;
      forbiddenWhat = what;
    },
    setCredentials(u, p, t) {
      user = u;
      password = p;
      token = t;
    },
    close: () =>
      new Promise<void>((resolve) => {
        for (const c of children) c.kill();
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}
