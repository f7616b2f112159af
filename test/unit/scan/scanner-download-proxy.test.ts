import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import { chmodSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { test } from 'node:test';
import { silentLog } from '../../../src/core/log';
import { locateScanner } from '../../../src/tools/scanners/install';
import { scannerRelease } from '../../../src/tools/scanners/releases';
import { startConnectProxy } from '../../support/connect-proxy';

test('a scanner download goes through the job’s proxy (http_proxy from the env given, not process.env)', async () => {
  const work = mkdtempSync(join(tmpdir(), 'cdpack-dl-proxy-'));
  const files = new Map<string, Buffer>();
  const server = createServer((req, res) => {
    const body = files.get(req.url ?? '');
    res.writeHead(body ? 200 : 404).end(body ?? 'not found');
  });
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
  const base = `http://127.0.0.1:${(server.address() as AddressInfo).port}/releases/download`;
  const proxy = await startConnectProxy({ username: 'u', password: 'p' });
  try {
    const release = scannerRelease('trivy', '0.70.1', 'linux', 'x64', base);
    writeFileSync(join(work, 'trivy'), '#!/bin/sh\necho "Version: 0.70.1"\n');
    chmodSync(join(work, 'trivy'), 0o755);
    execFileSync('tar', ['-czf', join(work, release.asset), '-C', work, 'trivy']);
    const archive = readFileSync(join(work, release.asset));
    files.set(new URL(release.url).pathname, archive);
    files.set(
      new URL(release.checksumsUrl).pathname,
      Buffer.from(`${createHash('sha256').update(archive).digest('hex')}  ${release.asset}\n`),
    );
    const located = await locateScanner({
      tool: 'trivy',
      version: '0.70.1',
      toolCacheDir: join(work, 'cache'),
      offline: false,
      log: silentLog,
      searchPath: '',
      platform: 'linux',
      arch: 'x64',
      downloadBase: base,
      env: { http_proxy: `http://u:p@127.0.0.1:${proxy.port}` },
    });
    assert.equal(located.source, 'download');
    assert.deepEqual(proxy.calls.map((c) => c.target).sort(), [release.checksumsUrl, release.url].sort());
  } finally {
    await proxy.stop();
    server.close();
    rmSync(work, { recursive: true, force: true });
  }
});
