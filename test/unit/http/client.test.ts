import assert from 'node:assert/strict';
import { createServer as createHttpServer, type IncomingHttpHeaders, type Server } from 'node:http';
import { createServer as createHttpsServer } from 'node:https';
import type { AddressInfo } from 'node:net';
import { after, before, describe, test } from 'node:test';
import { HttpClient, NetworkError } from '../../../src/tools/http/client';
import {
  type ConnectProxy,
  selfSignedCertificate,
  startConnectProxy,
  startSilentServer,
} from '../../support/connect-proxy';

interface Seen {
  method: string;
  url: string;
  headers: IncomingHttpHeaders;
  clientCert: boolean;
}

/** Echo servers: each answers `<scheme> <method> <path>` and records what it saw. */
async function listen(server: Server): Promise<number> {
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return (server.address() as AddressInfo).port;
}

const tls = selfSignedCertificate({ dns: ['registry.test', 'localhost'], ip: ['127.0.0.1'] });
const onlyName = selfSignedCertificate({ dns: ['registry.test'] });

describe('HttpClient through a CONNECT proxy', () => {
  const seen: Seen[] = [];
  const handler =
    (scheme: string) => (req: import('node:http').IncomingMessage, res: import('node:http').ServerResponse) => {
      const socket = req.socket as import('node:tls').TLSSocket;
      seen.push({
        method: req.method ?? '',
        url: req.url ?? '',
        headers: req.headers,
        clientCert: typeof socket.getPeerCertificate === 'function' && Boolean(socket.getPeerCertificate()?.subject),
      });
      res.end(`${scheme} ${req.method} ${req.url}`);
    };
  const https = createHttpsServer({ ...tls }, handler('https'));
  const http = createHttpServer(handler('http'));
  let httpsPort = 0;
  let httpPort = 0;
  let proxy: ConnectProxy;

  before(async () => {
    httpsPort = await listen(https);
    httpPort = await listen(http);
    proxy = await startConnectProxy({ username: 'proxy user', password: 'p@ss:word' });
  });
  after(async () => {
    await proxy.stop();
    https.close();
    http.close();
    https.closeAllConnections();
    http.closeAllConnections();
  });

  const proxyWithCreds = () => `http://proxy%20user:p%40ss%3Aword@127.0.0.1:${proxy.port}`;

  test('https goes through CONNECT with the proxy credentials; TLS is end to end', async () => {
    proxy.calls.length = 0;
    seen.length = 0;
    const client = new HttpClient({ ca: tls.cert, env: { HTTPS_PROXY: proxyWithCreds() } });
    try {
      for (const path of ['/v2/', '/v2/again']) {
        const res = await client.request({ method: 'GET', url: `https://127.0.0.1:${httpsPort}${path}` });
        assert.equal(await res.text(), `https GET ${path}`);
      }
    } finally {
      client.close();
    }
    assert.equal(proxy.calls.length, 1, 'one tunnel, reused for the second request (keep-alive)');
    assert.equal(proxy.calls[0]?.method, 'CONNECT');
    assert.equal(proxy.calls[0]?.target, `127.0.0.1:${httpsPort}`);
    assert.equal(proxy.calls[0]?.proxyAuthorization, `Basic ${Buffer.from('proxy user:p@ss:word').toString('base64')}`);
    assert.equal(seen.length, 2);
    assert.equal(seen[0]?.headers['proxy-authorization'], undefined, 'proxy credentials never reach the server');
  });

  test('plain http goes as an absolute-form request; only lower-case http_proxy counts (curl)', async () => {
    proxy.calls.length = 0;
    const upper = new HttpClient({ env: { HTTP_PROXY: proxyWithCreds() } });
    try {
      const res = await upper.request({ method: 'GET', url: `http://127.0.0.1:${httpPort}/direct` });
      assert.equal(await res.text(), 'http GET /direct');
    } finally {
      upper.close();
    }
    assert.equal(proxy.calls.length, 0, 'HTTP_PROXY in upper case is ignored, as curl ignores it');

    const lower = new HttpClient({ env: { http_proxy: proxyWithCreds(), HTTP_PROXY: 'http://127.0.0.1:1' } });
    try {
      const res = await lower.request({ method: 'GET', url: `http://127.0.0.1:${httpPort}/via?x=1` });
      assert.equal(await res.text(), 'http GET /via?x=1');
    } finally {
      lower.close();
    }
    assert.deepEqual(
      proxy.calls.map((c) => [c.method, c.target]),
      [['GET', `http://127.0.0.1:${httpPort}/via?x=1`]],
    );
    assert.ok(proxy.calls[0]?.proxyAuthorization?.startsWith('Basic '));
  });

  test('wrong proxy credentials: a clear error that does not show them', async () => {
    const client = new HttpClient({
      ca: tls.cert,
      env: { https_proxy: `http://someone:s3cret-pw@127.0.0.1:${proxy.port}` },
    });
    try {
      await assert.rejects(client.request({ method: 'GET', url: `https://127.0.0.1:${httpsPort}/` }), (e: unknown) => {
        assert.ok(e instanceof NetworkError);
        assert.match(e.message, /407/);
        assert.doesNotMatch(e.message, /s3cret-pw|someone/);
        return true;
      });
    } finally {
      client.close();
    }
  });

  test('NO_PROXY bypasses the proxy: host:port, leading-dot domain, *; other entries do not', async () => {
    const cases: Array<[string, string, boolean]> = [
      [`127.0.0.1:${httpsPort}`, `https://127.0.0.1:${httpsPort}/`, true],
      ['127.0.0.1:1', `https://127.0.0.1:${httpsPort}/`, false],
      ['.localhost', `https://localhost:${httpsPort}/`, true],
      ['example.com,.internal', `https://localhost:${httpsPort}/`, false],
      ['*', `https://localhost:${httpsPort}/`, true],
      ['10.0.0.0/8, 127.0.0.0/8', `https://127.0.0.1:${httpsPort}/`, true],
    ];
    for (const [noProxy, url, bypass] of cases) {
      proxy.calls.length = 0;
      const client = new HttpClient({ ca: tls.cert, env: { HTTPS_PROXY: proxyWithCreds(), no_proxy: noProxy } });
      try {
        const res = await client.request({ method: 'GET', url });
        await res.discard();
      } finally {
        client.close();
      }
      assert.equal(proxy.calls.length, bypass ? 0 : 1, `NO_PROXY=${noProxy} ${url}`);
    }
  });

  test('an explicit proxy overrides the environment and ignores NO_PROXY (kubeconfig proxy-url)', async () => {
    proxy.calls.length = 0;
    const client = new HttpClient({
      ca: tls.cert,
      proxy: proxyWithCreds(),
      env: { HTTPS_PROXY: 'http://127.0.0.1:1', NO_PROXY: '*' },
    });
    try {
      await (await client.request({ method: 'GET', url: `https://127.0.0.1:${httpsPort}/` })).discard();
    } finally {
      client.close();
    }
    assert.equal(proxy.calls.length, 1);
  });
});

describe('HttpClient TLS options', () => {
  test('servername verifies a certificate issued for another name than the URL host', async () => {
    const server = createHttpsServer({ ...onlyName }, (_req, res) => res.end('ok'));
    const port = await listen(server);
    const plain = new HttpClient({ ca: onlyName.cert });
    const named = new HttpClient({ ca: onlyName.cert, servername: 'registry.test' });
    try {
      await assert.rejects(plain.request({ method: 'GET', url: `https://127.0.0.1:${port}/` }), /not trusted|altname/i);
      assert.equal(await (await named.request({ method: 'GET', url: `https://127.0.0.1:${port}/` })).text(), 'ok');
    } finally {
      plain.close();
      named.close();
      server.closeAllConnections();
      server.close();
    }
  });

  test('client certificate and key for mutual TLS; rejectUnauthorized false skips verification', async () => {
    const server = createHttpsServer(
      { ...tls, ca: onlyName.cert, requestCert: true, rejectUnauthorized: true },
      (req, res) => res.end((req.socket as import('node:tls').TLSSocket).getPeerCertificate().subject?.CN ?? ''),
    );
    const port = await listen(server);
    const withCert = new HttpClient({ ca: tls.cert, cert: onlyName.cert, key: onlyName.key });
    const withoutCert = new HttpClient({ rejectUnauthorized: false });
    try {
      const res = await withCert.request({ method: 'GET', url: `https://127.0.0.1:${port}/` });
      assert.equal(await res.text(), 'cdpack-test');
      await assert.rejects(withoutCert.request({ method: 'GET', url: `https://127.0.0.1:${port}/` }), NetworkError);
    } finally {
      withCert.close();
      withoutCert.close();
      server.closeAllConnections();
      server.close();
    }
  });
});

// A guard so that a missing timeout fails the test instead of hanging it (not a timed assertion).
describe('HttpClient timeouts and cancellation', { timeout: 20_000 }, () => {
  test('a server that accepts and never answers: ETIMEDOUT after the idle timeout', async () => {
    const silent = await startSilentServer();
    const client = new HttpClient({ idleTimeoutMs: 200 });
    try {
      await assert.rejects(
        client.request({ method: 'GET', url: `http://127.0.0.1:${silent.port}/v2/` }),
        (e: unknown) => {
          assert.ok(e instanceof NetworkError);
          assert.equal(e.code, 'ETIMEDOUT');
          return true;
        },
      );
      assert.equal(silent.connections(), 1);
    } finally {
      client.close();
      await silent.stop();
    }
  });

  test('a proxy that never opens the tunnel: ETIMEDOUT after the connect timeout', async () => {
    const silent = await startSilentServer();
    const client = new HttpClient({ connectTimeoutMs: 200, env: { https_proxy: `127.0.0.1:${silent.port}` } });
    try {
      await assert.rejects(client.request({ method: 'GET', url: 'https://registry.test/v2/' }), (e: unknown) => {
        assert.ok(e instanceof NetworkError);
        assert.equal(e.code, 'ETIMEDOUT');
        return true;
      });
    } finally {
      client.close();
      await silent.stop();
    }
  });

  test('abort before an answer, and abort while the body streams: code ABORTED', async () => {
    const silent = await startSilentServer();
    let stall: (() => void) | undefined;
    const partial = createHttpServer((_req, res) => {
      res.writeHead(200);
      res.write('first line\n');
      stall = () => res.destroy();
    });
    const port = await listen(partial);
    const client = new HttpClient({ idleTimeoutMs: 0 });
    try {
      const early = new AbortController();
      const pending = client.request({ method: 'GET', url: `http://127.0.0.1:${silent.port}/`, signal: early.signal });
      while (silent.connections() === 0) await new Promise((r) => setImmediate(r));
      early.abort();
      await assert.rejects(pending, (e: unknown) => e instanceof NetworkError && e.code === 'ABORTED');

      const already = new AbortController();
      already.abort();
      await assert.rejects(
        client.request({ method: 'GET', url: `http://127.0.0.1:${port}/`, signal: already.signal }),
        (e: unknown) => e instanceof NetworkError && e.code === 'ABORTED',
      );

      const late = new AbortController();
      const res = await client.request({ method: 'GET', url: `http://127.0.0.1:${port}/`, signal: late.signal });
      const body = res.buffer();
      late.abort();
      await assert.rejects(body, (e: unknown) => e instanceof NetworkError && e.code === 'ABORTED');
    } finally {
      stall?.();
      client.close();
      partial.closeAllConnections();
      partial.close();
      await silent.stop();
    }
  });
});
