/**
 * Fault injection: a proxy in front of a real registry answers chosen requests itself (429 with
 * Retry-After, 500/503, 401, 403) and passes the rest through. Waits go through an injected sleep.
 */
import assert from 'node:assert/strict';
import { createServer, type IncomingMessage, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { after, before, describe, it } from 'node:test';
import { RegistryClient } from '../../src/tools/registry/client';
import { promote } from '../../src/tools/registry/promote';
import { makeImage, pushImage, type TestImage } from '../support/oci-image';
import {
  type FaultAnswer,
  type FaultProxy,
  recordingLog,
  registryUnavailable,
  startFaultProxy,
  startRegistry,
  type TestRegistry,
} from '../support/registry';
import { skipUnlessAvailable } from '../support/requirements';

const skip = skipUnlessAvailable(registryUnavailable());

/** Answers `answer` to the first `times` requests matching `match`, then passes everything through. */
function firstN(match: (req: IncomingMessage) => boolean, times: number, answer: FaultAnswer) {
  let seen = 0;
  return (req: IncomingMessage) => (match(req) && seen++ < times ? answer : undefined);
}

const isManifestGet = (req: IncomingMessage) => req.method === 'GET' && /\/manifests\//.test(req.url ?? '');
const isManifestPut = (req: IncomingMessage) => req.method === 'PUT' && /\/manifests\//.test(req.url ?? '');

describe('registry faults', { skip, timeout: 60_000 }, () => {
  let reg: TestRegistry;
  let dst: TestRegistry;
  let image: TestImage;
  const proxies: FaultProxy[] = [];
  const sleeps: number[] = [];
  const sleep = async (ms: number) => {
    sleeps.push(ms);
  };
  // Waits recorded, not slept; jitter at its ceiling so the computed backoff is the exponential bound.
  const fast = { sleep, random: () => 1 };

  async function proxy(plan: Parameters<typeof startFaultProxy>[0]['plan'], target = reg.url) {
    const p = await startFaultProxy({ target, plan });
    proxies.push(p);
    return p;
  }

  before(async () => {
    [reg, dst] = await Promise.all([startRegistry(), startRegistry()]);
    image = makeImage({ layerSizes: [40_000] });
    await pushImage({ url: reg.url }, 'app', image, '1');
  });
  after(async () => {
    await Promise.all(proxies.map((p) => p.stop()));
    await Promise.all([reg?.stop(), dst?.stop()]);
  });

  it('429 toomanyrequests with Retry-After three times, then success: waits what the registry asked', async () => {
    sleeps.length = 0;
    const p = await proxy(
      firstN(isManifestGet, 3, {
        status: 429,
        headers: { 'retry-after': '7' },
        body: JSON.stringify({ errors: [{ code: 'TOOMANYREQUESTS', message: 'slow down' }] }),
      }),
    );
    const log = recordingLog();
    const client = new RegistryClient({ retry: fast, log });
    const m = await client.getManifest(`${p.host}/app:1`);
    client.close();
    assert.equal(m.digest, image.digest);
    const gets = p.requests.filter((r) => r.method === 'GET' && r.path.includes('/manifests/'));
    assert.deepEqual(
      gets.map((r) => r.status),
      [429, 429, 429, 200],
    );
    assert.deepEqual(sleeps, [7000, 7000, 7000]);
    assert.equal(log.lines.filter((l) => l.startsWith('warn:') && l.includes('HTTP 429')).length, 3);
  });

  it('Retry-After as an HTTP date is honoured', async () => {
    sleeps.length = 0;
    const at = new Date(Date.now() + 30_000).toUTCString();
    const p = await proxy(firstN(isManifestGet, 1, { status: 503, headers: { 'retry-after': at } }));
    const client = new RegistryClient({ retry: fast });
    await client.getManifest(`${p.host}/app:1`);
    client.close();
    assert.equal(sleeps.length, 1);
    assert.ok((sleeps[0] ?? 0) > 28_000 && (sleeps[0] ?? 0) <= 30_000, `slept ${sleeps[0]} ms`);
  });

  it('a Retry-After beyond the cap waits the cap', async () => {
    sleeps.length = 0;
    const p = await proxy(firstN(isManifestGet, 1, { status: 429, headers: { 'retry-after': '3600' } }));
    const client = new RegistryClient({ retry: { ...fast, maxDelayMs: 5_000 } });
    await client.getManifest(`${p.host}/app:1`);
    client.close();
    assert.deepEqual(sleeps, [5_000]);
  });

  it('500 beyond the retry budget: a clear error with the status and the attempts', async () => {
    sleeps.length = 0;
    const p = await proxy((req) =>
      isManifestPut(req)
        ? { status: 500, body: '{"errors":[{"code":"UNKNOWN","message":"disk on fire"}]}' }
        : undefined,
    );
    const client = new RegistryClient({ retry: { ...fast, attempts: 3 } });
    await assert.rejects(
      promote({ client, source: `${p.host}/app:1`, destinations: [`${p.host}/prod/app:1`] }),
      new RegExp(
        `push to ${p.host.replace(/\./g, '\\.')}/prod/app \\(manifest 1\\) failed: HTTP 500 UNKNOWN disk on fire after 3 attempts`,
      ),
    );
    client.close();
    assert.equal(p.requests.filter((r) => r.method === 'PUT' && r.path.includes('/manifests/')).length, 3);
    assert.deepEqual(sleeps, [1000, 2000], 'exponential wait without Retry-After');
  });

  it('429 beyond the budget names the rate limit', async () => {
    const p = await proxy((req) => (isManifestGet(req) ? { status: 429 } : undefined));
    const client = new RegistryClient({ retry: { ...fast, attempts: 2 } });
    await assert.rejects(
      client.getManifest(`${p.host}/app:1`),
      /HTTP 429 \(rate limited: toomanyrequests\) after 2 attempts/,
    );
    client.close();
  });

  it('a streamed cross-registry upload answered 503 twice is retried from a fresh source stream', async () => {
    sleeps.length = 0;
    const p = await proxy(
      firstN((req) => req.method === 'PUT' && (req.url ?? '').includes('/blobs/uploads/'), 2, {
        status: 503,
        headers: { 'retry-after': '1' },
      }),
      dst.url,
    );
    const client = new RegistryClient({ retry: fast });
    const result = await promote({ client, source: `${reg.host}/app:1`, destinations: [`${p.host}/moved/app:1`] });
    assert.equal(result.digest, image.digest);
    assert.equal(result.copied, 2);
    assert.deepEqual(sleeps, [1000, 1000]);
    const puts = p.requests.filter((r) => r.method === 'PUT' && r.path.includes('/blobs/uploads/'));
    assert.equal(puts.length, 4);
    assert.deepEqual(
      puts.filter((r) => !r.faulted).map((r) => r.status),
      [201, 201],
    );
    assert.equal((await client.headManifest(`${dst.host}/moved/app:1`)).digest, image.digest);
    client.close();
  });

  it('403 on the manifest push: "push to <registry>/<repo> … denied (HTTP 403)", not retried', async () => {
    sleeps.length = 0;
    const p = await proxy((req) =>
      isManifestPut(req)
        ? { status: 403, body: '{"errors":[{"code":"DENIED","message":"requested access to the resource is denied"}]}' }
        : undefined,
    );
    const client = new RegistryClient({ retry: fast });
    await assert.rejects(
      promote({ client, source: `${p.host}/app:1`, destinations: [`${p.host}/prod/app:2`] }),
      (e: Error) => {
        assert.equal(e.name, 'CdpackError');
        assert.equal(
          e.message,
          `push to ${p.host}/prod/app (manifest 2) denied (HTTP 403): DENIED requested access to the resource is denied`,
        );
        return true;
      },
    );
    client.close();
    assert.equal(p.requests.filter((r) => isManifestPutRecord(r)).length, 1);
    assert.deepEqual(sleeps, []);
  });

  it('401 without a challenge on a pull: authentication required, not retried', async () => {
    const p = await proxy((req) => (isManifestGet(req) ? { status: 401 } : undefined));
    const client = new RegistryClient({ retry: fast });
    await assert.rejects(
      client.getManifest(`${p.host}/app:1`),
      new RegExp(
        `pull of ${p.host.replace(/\./g, '\\.')}/app:1 failed: authentication required \\(HTTP 401\\); no credentials were given`,
      ),
    );
    client.close();
    assert.equal(p.requests.filter((r) => r.method === 'GET' && r.path.includes('/manifests/')).length, 1);
  });

  it('a registry that omits Docker-Content-Digest on HEAD: the digest comes from a GET of the bytes', async () => {
    const p = await proxy((req) =>
      req.method === 'HEAD' && (req.url ?? '').includes('/manifests/')
        ? { status: 200, headers: { 'content-type': image.mediaType } }
        : undefined,
    );
    const client = new RegistryClient({ retry: fast });
    const head = await client.headManifest(`${p.host}/app:1`);
    client.close();
    assert.deepEqual(head, { digest: image.digest, mediaType: image.mediaType, size: image.manifest.length });
    assert.deepEqual(
      p.requests.filter((r) => r.path.includes('/manifests/')).map((r) => `${r.method} ${r.status}`),
      ['HEAD 200', 'GET 200'],
    );
  });

  it('a blob redirect to another host is followed without the registry credentials', async () => {
    const user = { username: 'redir', password: 'redir-pw' };
    const secured = await startRegistry({ htpasswd: [user] });
    const blob = image.blobs[1];
    assert.ok(blob);
    const seenAuth: (string | undefined)[] = [];
    const storage = createServer((req, res) => {
      seenAuth.push(req.headers.authorization);
      res.writeHead(200, { 'content-length': String(blob.size) });
      res.end(blob.data);
    });
    await new Promise<void>((r) => storage.listen(0, '127.0.0.1', r));
    const storageUrl = `http://127.0.0.1:${(storage.address() as AddressInfo).port}/bucket/blob`;
    try {
      const p = await proxy(
        (req) =>
          req.method === 'GET' && (req.url ?? '').includes('/blobs/sha256:')
            ? { status: 307, headers: { location: storageUrl } }
            : undefined,
        secured.url,
      );
      const client = new RegistryClient({ retry: fast, credentials: () => user });
      const { stream, size } = await client.openBlob(`${p.host}/app`, blob.digest);
      const chunks: Buffer[] = [];
      for await (const c of stream) chunks.push(c as Buffer);
      client.close();
      assert.equal(size, blob.size);
      assert.ok(Buffer.concat(chunks).equals(blob.data));
      const registryHop = p.requests.find((r) => r.path === `/v2/app/blobs/${blob.digest}`);
      assert.equal(registryHop?.authorization, true, 'the registry itself got the credentials');
      assert.deepEqual(seenAuth, [undefined], 'no Authorization header sent to the storage host');
    } finally {
      await closeServer(storage);
      await secured.stop();
    }
  });

  it('a connection refused is reported at once with the host', async () => {
    const p = await proxy(undefined);
    await p.stop();
    const client = new RegistryClient({ retry: fast });
    await assert.rejects(client.getManifest(`${p.host}/app:1`), (e: Error) => {
      assert.equal(e.message, `${p.host}: connect ECONNREFUSED ${p.host}`);
      return true;
    });
    client.close();
  });
});

function isManifestPutRecord(r: { method: string; path: string }): boolean {
  return r.method === 'PUT' && r.path.includes('/manifests/');
}

function closeServer(server: Server): Promise<void> {
  server.closeAllConnections();
  return new Promise((resolve) => server.close(() => resolve()));
}
