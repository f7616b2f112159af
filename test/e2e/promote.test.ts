/**
 * Promote against real registries (Debian docker-registry on loopback): within one registry every
 * blob is mounted (the registry's own access log shows no upload at all); across registries blobs
 * are streamed; the destination digest always equals the source digest.
 */
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { after, before, describe, it } from 'node:test';
import { RegistryClient, sha256Digest } from '../../src/tools/registry/client';
import { promote } from '../../src/tools/registry/promote';
import { allBlobs, basicAuth, makeImage, makeIndex, pushImage } from '../support/oci-image';
import {
  blobUploads,
  recordingLog,
  registryUnavailable,
  startFaultProxy,
  startRegistry,
  type TestRegistry,
} from '../support/registry';
import { missingProgram, skipUnlessAvailable } from '../support/requirements';

const skip = skipUnlessAvailable(registryUnavailable());

describe('promote', { skip, timeout: 120_000 }, () => {
  let plain: TestRegistry;
  let secured: TestRegistry;
  const user = { username: 'promoter', password: 'pr0m0te-secret' };

  before(async () => {
    [plain, secured] = await Promise.all([startRegistry(), startRegistry({ htpasswd: [user] })]);
  });
  after(async () => {
    await Promise.all([plain?.stop(), secured?.stop()]);
  });

  it('within one registry mounts every blob, config included: no upload in the access log', async () => {
    const image = makeImage({ layerSizes: [200_000, 50_000, 3_000] });
    await pushImage({ url: plain.url }, 'team/app', image, 'build-1');
    const before = (await plain.settledAccessLog()).length;
    const log = recordingLog();
    const client = new RegistryClient({ log });
    const result = await promote({
      client,
      source: `${plain.host}/team/app@${image.digest}`,
      destinations: [`${plain.host}/prod/app:v1`, `${plain.host}/prod/app:stable`],
      log,
    });
    client.close();
    const during = (await plain.settledAccessLog()).slice(before);
    assert.deepEqual(blobUploads(during), [], 'no PATCH/PUT on /blobs/uploads/ during the promote');
    const mounts = during.filter((e) => e.method === 'POST' && e.path.includes('mount='));
    assert.equal(mounts.length, 4, 'config + 3 layers mounted');
    assert.ok(mounts.every((e) => e.status === 201));
    assert.equal(result.digest, image.digest);
    assert.deepEqual(
      { mounted: result.mounted, copied: result.copied, bytesCopied: result.bytesCopied, skipped: result.skipped },
      { mounted: 4, copied: 0, bytesCopied: 0, skipped: 0 },
    );
    const check = new RegistryClient();
    for (const tag of ['v1', 'stable']) {
      assert.equal((await check.headManifest(`${plain.host}/prod/app:${tag}`)).digest, image.digest);
    }
    check.close();
  });

  it('within one registry copies an index: children by digest first, all blobs mounted', async () => {
    const index = makeIndex({ layerSizes: [30_000, 2_000] });
    await pushImage({ url: plain.url }, 'team/multi', index, '1');
    const before = (await plain.settledAccessLog()).length;
    const client = new RegistryClient();
    const result = await promote({
      client,
      source: `${plain.host}/team/multi:1`,
      destinations: [`${plain.host}/prod/multi:1`],
    });
    const during = (await plain.settledAccessLog()).slice(before);
    assert.deepEqual(blobUploads(during), []);
    assert.equal(result.digest, index.digest);
    assert.equal(result.mounted, allBlobs(index).length);
    const puts = during.filter((e) => e.method === 'PUT' && e.path.includes('/manifests/')).map((e) => e.path);
    assert.deepEqual(puts, [
      `/v2/prod/multi/manifests/${index.children[0]?.digest}`,
      `/v2/prod/multi/manifests/${index.children[1]?.digest}`,
      '/v2/prod/multi/manifests/1',
    ]);
    for (const child of index.children) {
      assert.equal((await client.headManifest(`${plain.host}/prod/multi@${child.digest}`)).digest, child.digest);
    }
    const top = await client.headManifest(`${plain.host}/prod/multi:1`);
    assert.deepEqual([top.digest, top.mediaType], [index.digest, index.mediaType]);
    client.close();
  });

  it('skips blobs and child manifests the destination already has', async () => {
    const image = makeImage({ layerSizes: [10_000, 10_000] });
    await pushImage({ url: plain.url }, 'team/again', image, '1');
    const client = new RegistryClient();
    const source = `${plain.host}/team/again:1`;
    await promote({ client, source, destinations: [`${plain.host}/prod/again:1`] });
    const second = await promote({ client, source, destinations: [`${plain.host}/prod/again:2`] });
    client.close();
    assert.deepEqual([second.mounted, second.copied, second.skipped], [0, 0, 3]);
  });

  it('across registries streams every blob and keeps the digest (index, with auth on the destination)', async () => {
    const index = makeIndex({ layerSizes: [300_000, 1_000] });
    await pushImage({ url: plain.url }, 'src/multi', index, 'rc');
    const beforeDst = (await secured.settledAccessLog()).length;
    const log = recordingLog();
    const client = new RegistryClient({
      credentials: (host) => (host === secured.host ? user : undefined),
      log,
    });
    const result = await promote({
      client,
      source: `${plain.host}/src/multi:rc`,
      destinations: [`${secured.host}/release/multi:1.0.0`],
      log,
    });
    client.close();
    const blobs = allBlobs(index);
    assert.equal(result.digest, index.digest);
    assert.equal(result.copied, blobs.length);
    assert.equal(result.mounted, 0);
    assert.equal(
      result.bytesCopied,
      blobs.reduce((n, b) => n + b.size, 0),
    );
    const uploads = blobUploads((await secured.settledAccessLog()).slice(beforeDst));
    assert.equal(uploads.filter((e) => e.method === 'PUT' && e.status === 201).length, blobs.length);
    const check = new RegistryClient({ credentials: () => user });
    assert.equal((await check.headManifest(`${secured.host}/release/multi:1.0.0`)).digest, index.digest);
    check.close();
    assert.ok(!log.lines.join('\n').includes(user.password), 'the password is never logged');
  });

  it('a cross-registry blob copy is streamed: the upload starts before the download has ended', async () => {
    const data = randomBytes(8 * 1024 * 1024);
    const digest = sha256Digest(data);
    const dstProxy = await startFaultProxy({ target: plain.url });
    // A source "registry" that holds back the second half of the blob until the destination has
    // received upload bytes: a client that buffered whole blobs would wait here forever.
    const source = createServer((req, res) => {
      if (req.url === '/v2/') return res.end('{}');
      if (req.url !== `/v2/big/blobs/${digest}`) return res.writeHead(404).end();
      res.writeHead(200, { 'content-length': String(data.length), 'content-type': 'application/octet-stream' });
      res.write(data.subarray(0, data.length / 2));
      const started = Date.now();
      const poll = setInterval(() => {
        const uploaded = dstProxy.requests.some((r) => r.method === 'PUT' && r.bytesIn > 0);
        if (uploaded || Date.now() - started > 20_000) {
          clearInterval(poll);
          res.end(data.subarray(data.length / 2));
        }
      }, 10);
    });
    await new Promise<void>((r) => source.listen(0, '127.0.0.1', r));
    const srcHost = `127.0.0.1:${(source.address() as AddressInfo).port}`;
    try {
      const client = new RegistryClient();
      const started = Date.now();
      await client.copyBlob(`${srcHost}/big`, `${dstProxy.host}/streamed`, digest, data.length);
      assert.ok(Date.now() - started < 15_000, 'the upload did not wait for the whole download');
      assert.equal(await client.blobExists(`${plain.host}/streamed`, digest), true);
      client.close();
    } finally {
      source.closeAllConnections();
      await new Promise((r) => source.close(r));
      await dstProxy.stop();
    }
  });

  it('falls back to a streamed copy when the registry refuses a mount (202)', async () => {
    const image = makeImage({ layerSizes: [20_000] });
    await pushImage({ url: plain.url }, 'team/refused', image, '1');
    // The proxy answers every mount with 202 and no session: the client must open its own upload.
    const proxy = await startFaultProxy({
      target: plain.url,
      plan: (req) => (req.method === 'POST' && req.url?.includes('mount=') ? { status: 202 } : undefined),
    });
    try {
      const client = new RegistryClient();
      const result = await promote({
        client,
        source: `${proxy.host}/team/refused:1`,
        destinations: [`${proxy.host}/prod/refused:1`],
      });
      client.close();
      assert.equal(result.digest, image.digest);
      assert.deepEqual([result.mounted, result.copied], [0, 2]);
      const puts = proxy.requests.filter((r) => r.method === 'PUT' && r.path.includes('/blobs/uploads/'));
      assert.deepEqual(
        puts.map((r) => r.bytesIn).sort((a, b) => a - b),
        image.blobs.map((b) => b.size).sort((a, b) => a - b),
      );
    } finally {
      await proxy.stop();
    }
  });

  it('a refused mount with an upload session reuses that session (real registry: no pull on the source)', async () => {
    const image = makeImage({ layerSizes: [5_000] });
    await pushImage({ url: plain.url }, 'team/reuse', image, '1');
    // Mount from a repository that does not have the blob: distribution answers 202 with a session.
    const client = new RegistryClient();
    const refused = await client.mountBlob(
      `${plain.host}/prod/reuse`,
      image.blobs[1]?.digest ?? '',
      `${plain.host}/nope/none`,
    );
    assert.equal(refused.mounted, false);
    assert.ok(!refused.mounted && refused.uploadUrl, 'a session location came back');
    if (refused.mounted) return;
    const before = (await plain.settledAccessLog()).length;
    await client.copyBlob(
      `${plain.host}/team/reuse`,
      `${plain.host}/prod/reuse`,
      image.blobs[1]?.digest ?? '',
      image.blobs[1]?.size ?? 0,
      refused.uploadUrl,
    );
    const during = (await plain.settledAccessLog()).slice(before);
    assert.deepEqual(
      during.filter((e) => e.path.includes('/blobs/uploads/')).map((e) => [e.method, e.status]),
      [['PUT', 201]],
      'the session from the refused mount was used, no new one opened',
    );
    assert.equal(await client.blobExists(`${plain.host}/prod/reuse`, image.blobs[1]?.digest ?? ''), true);
    client.close();
  });

  it('skopeo copy, for information: it mounts layers but uploads the config', {
    skip: skipUnlessAvailable(missingProgram('/usr/bin/skopeo', 'apt-get install skopeo')),
  }, async () => {
    const image = makeImage({ layerSizes: [10_000] });
    await pushImage({ url: plain.url }, 'team/skopeo', image, '1');
    const before = (await plain.settledAccessLog()).length;
    execFileSync(
      'skopeo',
      [
        'copy',
        '--src-tls-verify=false',
        '--dest-tls-verify=false',
        '--preserve-digests',
        `docker://${plain.host}/team/skopeo:1`,
        `docker://${plain.host}/prod/skopeo:1`,
      ],
      { stdio: 'ignore' },
    );
    const uploads = blobUploads((await plain.settledAccessLog()).slice(before));
    console.log(
      `# skopeo copy within one registry: ${uploads.length} blob upload request(s): ${uploads.map((u) => u.method).join(', ') || 'none'}`,
    );
    const client = new RegistryClient();
    assert.equal((await client.headManifest(`${plain.host}/prod/skopeo:1`)).digest, image.digest);
    client.close();
  });

  it('basic auth on the source and a digest destination', async () => {
    const image = makeImage();
    await pushImage(
      { url: secured.url, authorization: basicAuth(user.username, user.password) },
      'team/basic',
      image,
      '1',
    );
    const client = new RegistryClient({ credentials: (host) => (host === secured.host ? user : undefined) });
    const result = await promote({
      client,
      source: `${secured.host}/team/basic:1`,
      destinations: [`${secured.host}/prod/basic@${image.digest}`],
    });
    assert.equal(result.digest, image.digest);
    assert.equal(await client.manifestExists(`${secured.host}/prod/basic@${image.digest}`), true);
    client.close();
  });
});
