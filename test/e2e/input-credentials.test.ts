// A credential pasted into an input other than `repository` (here `image`) is masked before the first
// log line: the error that echoes the value, the group title and the summary never show it.
import assert from 'node:assert/strict';
import { after, test } from 'node:test';
import { cleanupTempDirs, makeTempDir } from '../support/gitops-fixture';
import { runCli } from '../support/run';

const CANARY = 'Zq8Kw3LpImageCanary';

after(cleanupTempDirs);

for (const image of [
  `https://bob:${CANARY}@registry.example.com/team/web:1`,
  `bob:${CANARY}@registry.example.com/team/web:1`,
]) {
  test(`scan: a credential in 'image' (${image.replace(CANARY, '…')}) is never printed`, async () => {
    const r = await runCli(
      'scan',
      { image, offline: 'true', 'cache-dir': makeTempDir('cdpack-scan-cache-') },
      { cwd: makeTempDir('cdpack-ws-'), env: { PATH: '/usr/bin:/bin' } },
    );
    assert.equal(r.code, 1);
    assert.match(r.stderr, /input 'image'|registry\.example\.com|scanner/, 'the run says something about the image');
    assert.ok(!`${r.stdout}${r.stderr}`.includes(CANARY), `canary printed:\n${r.stderr}`);
  });
}
