// The buildx adapter against a scripted `docker` on PATH (buildx cannot run on this machine): login on
// stdin into the temporary DOCKER_CONFIG, the exact build argv, the digest from --metadata-file, retries.
import assert from 'node:assert/strict';
import {
  chmodSync,
  existsSync,
  lstatSync,
  mkdirSync,
  mkdtempSync,
  readFileSync,
  rmSync,
  statSync,
  writeFileSync,
} from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, test } from 'node:test';
import { parseCacheSpec } from '../../../src/core/build/cache';
import type { BuildRequest } from '../../../src/core/build/types';
import { silentLog } from '../../../src/core/log';
import { createAuthDir, storedCredentials } from '../../../src/tools/builders/auth';
import { buildxBuildArgs, createBuildx } from '../../../src/tools/builders/buildx';

const digest = `sha256:${'e'.repeat(64)}`;
let dir = '';
const savedPath = process.env.PATH;

before(() => {
  dir = mkdtempSync(join(tmpdir(), 'cdpack-fake-docker-'));
  const bin = join(dir, 'bin');
  mkdirSync(bin);
  // Records each call (args NUL-separated, then DOCKER_CONFIG), then acts like buildx would.
  writeFileSync(
    join(bin, 'docker'),
    `#!/bin/sh
{ printf '%s\\0' "$@"; printf 'DOCKER_CONFIG=%s\\036' "$DOCKER_CONFIG"; } >> "$FAKE_DIR/calls"
case "$1" in
  login) cat > "$FAKE_DIR/stdin"; echo '{"auths":{"r.example.com":{"auth":"eA=="}}}' > "$DOCKER_CONFIG/config.json"; echo 'Login Succeeded' ;;
  logout) ;;
  buildx)
    n=$(cat "$FAKE_DIR/count" 2>/dev/null || echo 0); n=$((n+1)); echo $n > "$FAKE_DIR/count"
    if [ "$n" -le "\${FAKE_FAILS:-0}" ]; then echo "ERROR: failed to push: unexpected status: \${FAKE_STATUS:-429 Too Many Requests}" >&2; exit 1; fi
    meta=''; while [ $# -gt 0 ]; do [ "$1" = --metadata-file ] && meta="$2"; shift; done
    [ -n "$FAKE_NO_DIGEST" ] && { echo '{}' > "$meta"; exit 0; }
    printf '{"containerimage.digest":"${digest}","image.name":"x"}' > "$meta" ;;
esac
`,
  );
  chmodSync(join(bin, 'docker'), 0o755);
  process.env.PATH = `${bin}:${savedPath}`;
  process.env.FAKE_DIR = dir;
});

after(() => {
  process.env.PATH = savedPath;
  rmSync(dir, { recursive: true, force: true });
});

function reset(env: Record<string, string | undefined> = {}) {
  rmSync(join(dir, 'calls'), { force: true });
  rmSync(join(dir, 'count'), { force: true });
  for (const k of ['FAKE_FAILS', 'FAKE_STATUS', 'FAKE_NO_DIGEST']) delete process.env[k];
  Object.assign(process.env, env);
}

function calls(): { args: string[]; dockerConfig: string }[] {
  return readFileSync(join(dir, 'calls'), 'utf8')
    .split('\x1e')
    .filter(Boolean)
    .map((c) => {
      const parts = c.split('\0');
      return { args: parts.slice(0, -1), dockerConfig: (parts.at(-1) as string).replace('DOCKER_CONFIG=', '') };
    });
}

const request: BuildRequest = {
  context: '/w',
  file: '/w/Dockerfile',
  target: undefined,
  platforms: ['linux/amd64', 'linux/arm64'],
  buildArgs: { V: '1' },
  labels: { a: 'b' },
  refs: ['r.example.com/app:1', 'r.example.com/app:edge'],
  push: true,
  cacheFrom: [parseCacheSpec('cache-from', 'r.example.com/app:cache')],
  cacheTo: parseCacheSpec('cache-to', 'r.example.com/app:cache'),
  tlsVerify: true,
};
const fastRetry = { attempts: 3, baseDelayMs: 1, maxDelayMs: 1 };

test('login into a temporary DOCKER_CONFIG with the password on stdin, build, digest from the metadata file', async () => {
  reset();
  const userConfig = join(dir, 'user-config');
  mkdirSync(join(userConfig, 'cli-plugins'), { recursive: true });
  writeFileSync(join(userConfig, 'config.json'), '{"auths":{"r.example.com":{"auth":"dXNlcjpvbGQ="}}}');
  const auth = await createAuthDir(dir, userConfig);
  assert.equal(statSync(auth.dir).mode & 0o777, 0o700);
  assert.ok(lstatSync(join(auth.dir, 'cli-plugins')).isSymbolicLink(), 'buildx plugin dir linked in');
  assert.equal(readFileSync(auth.configFile, 'utf8').trim(), '{"auths":{}}', "the user's credentials are not copied");
  const workDir = mkdtempSync(join(dir, 'work-'));
  const buildx = createBuildx({
    log: silentLog,
    workDir,
    authDir: auth.dir,
    caFile: undefined,
    tlsVerify: true,
    retry: fastRetry,
  });
  await buildx.login('r.example.com', 'ci', 'pa55-word');
  const outcome = await buildx.build(request);
  await buildx.logout('r.example.com');
  await auth.dispose();

  assert.equal(outcome.digest, digest);
  assert.equal(readFileSync(join(dir, 'stdin'), 'utf8'), 'pa55-word');
  const seen = calls();
  assert.deepEqual(
    seen.map((c) => c.args[0]),
    ['login', 'buildx', 'logout'],
  );
  assert.deepEqual(seen[0]?.args, ['login', '--username', 'ci', '--password-stdin', 'r.example.com']);
  assert.deepEqual(seen[1]?.args, buildxBuildArgs(request, join(workDir, 'buildx-metadata.json'), true));
  for (const c of seen) {
    assert.equal(c.dockerConfig, auth.dir);
    assert.ok(!c.args.join(' ').includes('pa55-word'));
  }
  assert.ok(!existsSync(auth.dir), 'auth dir removed');
});

test('a rate-limited build+push is re-run, then succeeds', async () => {
  reset({ FAKE_FAILS: '2' });
  const buildx = createBuildx({
    log: silentLog,
    workDir: mkdtempSync(join(dir, 'work-')),
    authDir: undefined,
    caFile: undefined,
    tlsVerify: true,
    retry: fastRetry,
  });
  assert.equal((await buildx.build(request)).digest, digest);
  assert.equal(calls().length, 3);
  assert.equal(calls()[0]?.dockerConfig, '', 'no temporary config without login');
});

test('retries are bounded; a build error is not retried; a missing digest is an error', async () => {
  const make = () =>
    createBuildx({
      log: silentLog,
      workDir: mkdtempSync(join(dir, 'work-')),
      authDir: undefined,
      caFile: undefined,
      tlsVerify: true,
      retry: fastRetry,
    });
  reset({ FAKE_FAILS: '9', FAKE_STATUS: '503 Service Unavailable' });
  await assert.rejects(
    make().build(request),
    /\(after 3 attempts\) failed: r.example.com kept answering with a server error/,
  );
  assert.equal(calls().length, 3);
  reset({ FAKE_FAILS: '9', FAKE_STATUS: 'process "/bin/sh -c false" did not complete successfully: exit code: 1' });
  await assert.rejects(make().build(request), /docker buildx build failed \(exit 1\): .*did not complete successfully/);
  assert.equal(calls().length, 1);
  reset({ FAKE_NO_DIGEST: '1' });
  await assert.rejects(make().build(request), /metadata file holds no containerimage.digest/);
});

test('storedCredentials: an earlier login found in Docker-format auth files, Docker Hub aliases included', () => {
  const files: Record<string, string> = {
    '/a.json': '{"auths":{"ghcr.io":{"auth":"' + Buffer.from('u1:p1').toString('base64') + '"}}}',
    '/b.json': '{"auths":{"https://index.docker.io/v1/":{"auth":"' + Buffer.from('hub:p:2').toString('base64') + '"}}}',
    '/broken.json': '{',
  };
  const read = (f: string) => files[f];
  const order = ['/missing.json', '/broken.json', '/a.json', '/b.json'];
  assert.deepEqual(storedCredentials(order, 'ghcr.io', read), { username: 'u1', password: 'p1' });
  assert.deepEqual(storedCredentials(order, 'docker.io', read), { username: 'hub', password: 'p:2' });
  assert.equal(storedCredentials(order, 'quay.io', read), undefined);
});
