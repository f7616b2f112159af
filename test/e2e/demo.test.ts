/**
 * `npm run demo` end to end: exit 0 with both releases in the final table (the broken one rolled back), nothing left
 * in its temp dir; and when the simulated cluster lets the broken release through, the demo says so and exits 1.
 */
import assert from 'node:assert/strict';
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { test } from 'node:test';
import { buildahUnavailable } from '../support/build-fixtures';
import { registryUnavailable } from '../support/registry';
import { skipUnlessAvailable } from '../support/requirements';
import { cleanEnv, REPO_ROOT, runProcess } from '../support/run';

const skip = skipUnlessAvailable(
  registryUnavailable() ??
    buildahUnavailable() ??
    (existsSync(join(REPO_ROOT, 'dist/cli/index.js')) ? undefined : 'dist/cli/index.js is missing (npm run build)'),
);

function runDemo(extra: NodeJS.ProcessEnv = {}) {
  return runProcess(process.execPath, [join(REPO_ROOT, 'scripts/demo.mjs')], {
    env: { ...cleanEnv(), CDPACK_DEMO_SKIP_SETUP: '1', ...extra },
    timeoutMs: 300_000,
  });
}

const workDirOf = (stdout: string) => /^work dir (\S+)/m.exec(stdout)?.[1];

test('npm run demo: five steps twice, the broken release rolled back, a final table, exit 0', {
  skip,
  timeout: 360_000,
}, async () => {
  const r = await runDemo();
  assert.equal(r.code, 0, `${r.stdout}\n${r.stderr}`);
  assert.match(r.stdout, /SIMULATED/, 'the output says the cluster is simulated');
  for (const s of ['build-push', 'scan', 'update-gitops-tag', 'set-image', 'verify-rollout']) {
    assert.equal(r.stdout.match(new RegExp(`✔ ${s} +[0-9]`, 'g'))?.length, 2, `${s} ran once per release`);
  }
  const table = r.stdout.slice(r.stdout.indexOf('Final state'));
  const row = (label: string) => table.split('\n').find((l) => l.startsWith(`| ${label}`)) ?? '';
  assert.match(row('release 1 (good)'), /\| sha256:[0-9a-f]{12}… +\| [0-9a-f]{8} +\| success +\| release 1 +\| /);
  assert.match(row('release 2 (broken on purpose)'), /\| rolled-back +\| release 1 +\| /);
  // The Docker host (compose over SSH) is real; it takes part when this build's set-image has the compose target.
  if (!/Docker host +not in this run/.test(r.stdout)) {
    assert.equal(r.stdout.match(/✔ set-image compose +[0-9]/g)?.length, 2, 'set-image compose ran once per release');
    assert.match(row('release 1 (good)'), /\| success +\|$/);
    assert.match(row('release 2 (broken on purpose)'), /\| rolled-back +\|$/);
  }
  // The same digest through every step of a release.
  const digests = [...r.stdout.matchAll(/digest (sha256:[0-9a-f]{12})…/g)].map((m) => m[1]);
  assert.equal(new Set(digests).size, 2, 'one digest per release');
  assert.match(r.stdout, /DEMO OK/);
  const work = workDirOf(r.stdout);
  assert.ok(work && !existsSync(work), `the work dir ${work} is removed`);
});

test('npm run demo fails when the broken release is not rolled back', { skip, timeout: 360_000 }, async () => {
  const r = await runDemo({ CDPACK_DEMO_BROKEN_HEALS: '1' });
  assert.equal(r.code, 1, r.stdout);
  assert.match(r.stdout, /DEMO FAILED: release-2 was NOT diagnosed and rolled back/);
  const work = workDirOf(r.stdout);
  assert.ok(work && !existsSync(work), `the work dir ${work} is removed`);
});
