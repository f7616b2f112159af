import assert from 'node:assert/strict';
import { chmodSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, test } from 'node:test';
import type { Log } from '../../../src/core/log';
import { ScannerError } from '../../../src/tools/scanners/errors';
import { runGrype } from '../../../src/tools/scanners/grype';
import { locateScanner } from '../../../src/tools/scanners/install';
import { runTrivy } from '../../../src/tools/scanners/trivy';

const dir = mkdtempSync(join(tmpdir(), 'cdpack-scanner-errors-'));
after(() => rmSync(dir, { recursive: true, force: true }));

function fakeTool(name: string, script: string): string {
  const file = join(dir, name);
  writeFileSync(file, `#!/bin/sh\n${script}\n`);
  chmodSync(file, 0o755);
  return file;
}

const lines: string[] = [];
const log: Log = { info: (m) => lines.push(m), debug: (m) => lines.push(m), warn() {}, group: (_t, fn) => fn() };
const run = { image: 'registry.test/app:1', cacheDir: dir, offline: true, workDir: dir };

test('scanner failures are typed: which scanner, what kind, and the input when the image is the problem', async () => {
  const missingImage = fakeTool('trivy', 'echo "FATAL unable to find the image registry.test/app:1" >&2; exit 1');
  await assert.rejects(runTrivy(missingImage, run, join(dir, 'out.json'), log), (e: unknown) => {
    assert.ok(e instanceof ScannerError);
    assert.equal(e.kind, 'scan');
    assert.equal(e.tool, 'trivy');
    assert.equal(e.input, 'image');
    return true;
  });
  assert.ok(
    lines.some((l) => l.includes('FATAL unable to find the image')),
    'stderr streamed to the log',
  );

  const dbDown = fakeTool('grype', 'echo "failed to load vulnerability db" >&2; exit 1');
  await assert.rejects(runGrype(dbDown, run, log), (e: unknown) => {
    assert.ok(e instanceof ScannerError);
    assert.equal(e.kind, 'scan');
    assert.equal(e.input, undefined, 'a DB failure is not about the image input');
    return true;
  });

  const silent = fakeTool('grype-silent', 'exit 0');
  await assert.rejects(runGrype(silent, run, log), (e: unknown) => e instanceof ScannerError && e.kind === 'no-report');

  await assert.rejects(
    locateScanner({
      tool: 'trivy',
      version: 'path',
      toolCacheDir: dir,
      offline: true,
      log,
      searchPath: join(dir, 'empty'),
    }),
    (e: unknown) => e instanceof ScannerError && e.kind === 'install' && e.input === 'scanner-version',
  );
});
