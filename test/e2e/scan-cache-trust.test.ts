// A scan cache inside the workspace (the default without RUNNER_TOOL_CACHE: GitLab, the CLI) is
// writable by the repository: a committed scanner must never run, a committed DB never be used.
import assert from 'node:assert/strict';
import { chmodSync, existsSync, mkdirSync, writeFileSync } from 'node:fs';
import { delimiter, join } from 'node:path';
import { after, describe, test } from 'node:test';
import { PINNED_VERSIONS } from '../../src/tools/scanners/releases';
import { cleanupTempDirs, git, makeTempDir } from '../support/gitops-fixture';
import { runCli } from '../support/run';
import { ORACLES } from '../unit/scan/oracle-helpers';

const ALPINE39 = join(ORACLES, 'trivy/integration-golden/alpine-39.json.golden');
const DIGEST_REF = `127.0.0.1:5000/team/web@sha256:${'d'.repeat(64)}`;
const VERSION = PINNED_VERSIONS.trivy;
const PLANTED = `.cdpack-cache/bin/trivy/${VERSION}/trivy`;

/** A `trivy` that touches `marker` whatever it is asked (even `--version`) and claims the pinned version. */
function hostileTrivy(file: string, marker: string): void {
  mkdirSync(join(file, '..'), { recursive: true });
  writeFileSync(file, `#!/bin/sh\necho ran >> '${marker}'\necho "Version: ${VERSION}"\n`);
  chmodSync(file, 0o755);
}

/** A stand-in trivy on PATH of the pinned version: records that it scanned, writes `fixture` as the report. */
function standIn(): { path: string; scanned: () => boolean } {
  const dir = makeTempDir('cdpack-standin-trivy-');
  const log = join(dir, 'scanned');
  writeFileSync(
    join(dir, 'trivy'),
    `#!/bin/sh
if [ "$1" = "--version" ]; then echo "Version: ${VERSION}"; exit 0; fi
: > '${log}'
out=""; prev=""
for a in "$@"; do [ "$prev" = "--output" ] && out="$a"; prev="$a"; done
cat '${ALPINE39}' > "$out"
`,
  );
  chmodSync(join(dir, 'trivy'), 0o755);
  return { path: `${dir}${delimiter}${process.env.PATH ?? ''}`, scanned: () => existsSync(log) };
}

/** A git checkout with `files` committed. */
function workspace(files: Record<string, string>): string {
  const dir = makeTempDir('cdpack-scan-ws-');
  git(['init', '-q', '-b', 'main'], { cwd: dir });
  for (const [path, text] of Object.entries(files)) {
    mkdirSync(join(dir, path, '..'), { recursive: true });
    writeFileSync(join(dir, path), text);
  }
  git(['add', '-A'], { cwd: dir });
  git(['-c', 'user.name=t', '-c', 'user.email=t@t', 'commit', '-qm', 'seed', '--allow-empty'], { cwd: dir });
  return dir;
}

after(cleanupTempDirs);

describe('scan: a cache inside the workspace', { timeout: 120_000 }, () => {
  test('a trivy committed to the default cache is never run; the step says why', async () => {
    const marker = join(makeTempDir('cdpack-marker-'), 'ran');
    const ws = workspace({ 'README.md': 'app\n' });
    hostileTrivy(join(ws, PLANTED), marker);
    git(['add', '-f', PLANTED], { cwd: ws });
    git(['-c', 'user.name=t', '-c', 'user.email=t@t', 'commit', '-qm', 'cache'], { cwd: ws });
    const trivy = standIn();
    const r = await runCli('scan', { image: DIGEST_REF, offline: 'true' }, { cwd: ws, env: { PATH: trivy.path } });
    assert.equal(existsSync(marker), false, 'the committed binary ran');
    assert.equal(r.code, 1);
    assert.match(
      r.stderr,
      /input 'cache-dir': .*\.cdpack-cache holds 1 file\(s\) committed to the repository \(e\.g\. \.cdpack-cache\/bin\/trivy\/[\d.]+\/trivy\); a scanner or vulnerability DB from the repository is not trusted/,
    );
    assert.equal(trivy.scanned(), false, 'nothing was scanned with a cache the repository wrote');
  });

  test('a committed vulnerability DB is refused, with a message naming it', async () => {
    const ws = workspace({
      '.cdpack-cache/trivy/db/metadata.json': '{"Version":2,"NextUpdate":"2999-01-01T00:00:00Z"}',
    });
    const trivy = standIn();
    const r = await runCli('scan', { image: DIGEST_REF, offline: 'true' }, { cwd: ws, env: { PATH: trivy.path } });
    assert.equal(r.code, 1);
    assert.match(r.stderr, /committed to the repository \(e\.g\. \.cdpack-cache\/trivy\/db\/metadata\.json\)/);
    assert.match(r.stderr, /git rm -r --cached '\.cdpack-cache'/);
    assert.equal(trivy.scanned(), false);
  });

  test('an untracked binary in the cache (a restored CI cache) is not run either; PATH is used instead', async () => {
    const marker = join(makeTempDir('cdpack-marker-'), 'ran');
    const ws = workspace({ '.gitignore': '.cdpack-cache/\n' });
    hostileTrivy(join(ws, PLANTED), marker);
    const trivy = standIn();
    const r = await runCli('scan', { image: DIGEST_REF, offline: 'true' }, { cwd: ws, env: { PATH: trivy.path } });
    assert.equal(existsSync(marker), false, 'the planted binary ran');
    assert.match(r.stderr, /bin\/trivy\/[\d.]+\/trivy is not run: a binary in a cache inside the workspace/);
    assert.match(r.stderr, /using trivy [\d.]+ \(path: /);
    assert.equal(trivy.scanned(), true);
    assert.equal(r.outputs.critical, '2', r.stderr);
  });

  test('a workspace that is no git repository: an empty default cache works as before', async () => {
    const ws = makeTempDir('cdpack-scan-plain-');
    const trivy = standIn();
    const r = await runCli('scan', { image: DIGEST_REF, offline: 'true' }, { cwd: ws, env: { PATH: trivy.path } });
    assert.equal(r.outputs.critical, '2', r.stderr);
    assert.equal(trivy.scanned(), true);
    assert.equal(existsSync(join(ws, '.cdpack-cache', 'trivy')), true, 'the DB cache dir is the default one');
  });
});
