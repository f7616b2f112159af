// The whole-flow benchmark (bench/whole-flow.ts) compares cdpack with shell steps; these checks keep the comparison
// honest without running it: the scripted `trivy` both flows call answers cdpack's own invocation with a report
// cdpack reads, and the shell flow's jq gate decides as cdpack's gate does on that report, with and without the
// suppression each side is given.
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { after, test } from 'node:test';
import { fileURLToPath } from 'node:url';
import { silentLog } from '../../../src/core/log';
import { parseIgnoreFile } from '../../../src/core/scan/allowlist';
import { evaluate } from '../../../src/core/scan/gate';
import { parseReport } from '../../../src/core/scan/report';
import { scannerVersion } from '../../../src/tools/scanners/install';
import { runTrivy } from '../../../src/tools/scanners/trivy';
import { missingProgram, skipIfMissing } from '../../support/requirements';

const ROOT = resolve(dirname(fileURLToPath(import.meta.url)), '../../..');
const STAND_IN = join(ROOT, 'bench/whole-flow/bin/trivy');
const IMAGE = `127.0.0.1:5000/demo/web@sha256:${'a'.repeat(64)}`;
const work = mkdtempSync(join(tmpdir(), 'cdpack-bench-peers-'));
after(() => rmSync(work, { recursive: true, force: true }));

test('the scripted trivy answers the way cdpack runs Trivy, with a report cdpack reads', async () => {
  assert.match(await scannerVersion('trivy', STAND_IN), /^\d+\.\d+\.\d+$/);
  const out = join(work, 'report.json');
  const text = await runTrivy(
    STAND_IN,
    { image: IMAGE, cacheDir: join(work, 'cache'), offline: false, workDir: work },
    out,
    silentLog,
  );
  const report = parseReport(text);
  assert.equal(report.scanner.name, 'trivy');
  assert.ok(report.findings.length > 0, 'the bundled report has findings to gate on');
});

/** The shell flow's scan step; its exit code is its verdict. */
function shellScan(ignoreFile: string): number | null {
  const r = spawnSync('bash', [join(ROOT, 'bench/whole-flow/shell/scan.sh')], {
    cwd: work,
    env: {
      PATH: `${dirname(STAND_IN)}:${process.env.PATH}`,
      IMAGE: IMAGE.split('@')[0],
      DIGEST: IMAGE.split('@')[1],
      IGNORE_FILE: ignoreFile,
    },
    encoding: 'utf8',
  });
  return r.status;
}

test('the shell flow gates the scripted report as cdpack does (high, ignore unfixed), with and without suppression', (t) => {
  if (skipIfMissing(t, missingProgram('/usr/bin/jq', 'apt-get install jq'))) return;
  const report = parseReport(readFileSync(join(ROOT, 'demo/scan/trivy-busybox-with-lockfile.json'), 'utf8'));
  const cdpack = (allowlistFile: string | undefined) =>
    evaluate(report.findings, {
      threshold: 'high',
      ignoreUnfixed: true,
      allowlist: allowlistFile ? parseIgnoreFile(readFileSync(allowlistFile, 'utf8')).entries : [],
      today: '2026-01-01',
    }).verdict;
  const none = join(work, 'empty-ignore');
  writeFileSync(none, '');

  assert.equal(cdpack(undefined), 'fail');
  assert.equal(shellScan(none), 1);
  assert.equal(cdpack(join(ROOT, 'demo/scan/allowlist.yaml')), 'pass');
  assert.equal(shellScan(join(ROOT, 'bench/whole-flow/trivyignore')), 0);
});
