// build-push with a real Docker engine (Debian docker.io, started here in a temp dir) for the
// `docker` builder path, and `builder: auto` choosing between the engine and buildah for real.
import assert from 'node:assert/strict';
import { mkdirSync, mkdtempSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, test } from 'node:test';
import {
  buildahUnavailable,
  imageConfig,
  recordArgv,
  registryManifest,
  writeBaseContext,
} from '../support/build-fixtures';
import { startDockerd, type TestDockerd } from '../support/dockerd';
import { registryUnavailable, startRegistry, type TestRegistry } from '../support/registry';
import { skipIfMissing } from '../support/requirements';
import { runCli } from '../support/run';

const commit = '2a3b4c5d6e7f80912a3b4c5d6e7f80912a3b4c5d';
const password = `docker-pw-${Math.random().toString(36).slice(2)}`;
let skip: string | undefined = registryUnavailable();
let work = '';
let plain: TestRegistry | undefined;
let secured: TestRegistry | undefined;
let dockerd: TestDockerd | undefined;

before(async () => {
  if (skip) return;
  work = mkdtempSync(join(tmpdir(), 'cdpack-bp-docker-'));
  plain = await startRegistry();
  secured = await startRegistry({ htpasswd: [{ username: 'ci', password }] });
  const d = await startDockerd([plain.host, secured.host]);
  if ('reason' in d) {
    skip = d.reason;
    return;
  }
  dockerd = d;
  writeBaseContext(join(work, 'base'));
  const app = join(work, 'app');
  mkdirSync(app);
  writeFileSync(join(app, 'app.txt'), 'docker app\n');
  writeFileSync(
    join(app, 'Dockerfile'),
    'ARG BASE\nFROM ${BASE}\nRUN echo built > /built.txt\nCOPY app.txt /app/app.txt\nCMD ["cat", "/app/app.txt"]\n',
  );
});

after(async () => {
  await dockerd?.stop();
  await plain?.stop();
  await secured?.stop();
  if (work) rmSync(work, { recursive: true, force: true });
});

function env(temp: string, extra: NodeJS.ProcessEnv = {}): NodeJS.ProcessEnv {
  return {
    CI_COMMIT_SHA: commit,
    CI_COMMIT_BRANCH: 'main',
    CDPACK_TEMP: temp,
    DOCKER_HOST: dockerd?.host,
    // The user's own config stays untouched: login goes to a temporary one.
    DOCKER_CONFIG: join(work, 'user-docker-config'),
    ...extra,
  };
}
const access = { tlsVerify: false };

test('builder docker: base and an app FROM it with RUN and COPY, pushed per tag, digest equal to the registry', async (t) => {
  if (skipIfMissing(t, skip)) return;
  const reg = plain as TestRegistry;
  const temp = mkdtempSync(join(work, 'temp-'));
  const base = await runCli(
    'build-push',
    { image: `${reg.host}/dbase`, builder: 'docker', context: join(work, 'base'), tags: '1' },
    { env: env(temp), timeoutMs: 180_000 },
  );
  assert.equal(base.code, 0, base.stderr);
  assert.equal(registryManifest(`${reg.host}/dbase:1`, access).digest, base.outputs.digest);

  const image = `${reg.host}/team/dapp`;
  const r = await runCli(
    'build-push',
    {
      image,
      builder: 'docker',
      context: join(work, 'app'),
      tags: 'type=branch\ntype=short-sha',
      'build-args': `BASE=${reg.host}/dbase:1`,
      platforms: 'linux/amd64',
    },
    { env: env(temp), timeoutMs: 180_000 },
  );
  assert.equal(r.code, 0, r.stderr);
  const refs = [commit, 'main', commit.slice(0, 7)].map((tag) => `${image}:${tag}`);
  assert.deepEqual(JSON.parse(r.outputs.tags ?? ''), refs);
  for (const ref of refs) assert.equal(registryManifest(ref, access).digest, r.outputs.digest, ref);
  const labels = (imageConfig(refs[0] as string, access).config as { Labels: Record<string, string> }).Labels;
  assert.equal(labels['org.opencontainers.image.revision'], commit);
  assert.equal(JSON.parse(r.outputs.metadata ?? '').builder, 'docker');
  assert.deepEqual(readdirSync(temp), []);
});

test('builder docker with several platforms: a clear error before building', async (t) => {
  if (skipIfMissing(t, skip)) return;
  const argv = recordArgv(['docker'], work);
  const r = await runCli(
    'build-push',
    {
      image: `${(plain as TestRegistry).host}/team/multi`,
      builder: 'docker',
      context: join(work, 'base'),
      platforms: 'linux/amd64,linux/arm64',
    },
    { env: { ...env(mkdtempSync(join(work, 'temp-'))), PATH: `${argv.dir}:${process.env.PATH}` } },
  );
  assert.equal(r.code, 1);
  assert.match(
    r.stderr,
    /input 'platforms': builder 'docker' .* builds one platform, got linux\/amd64,linux\/arm64; use builder buildx or buildah/,
  );
  assert.ok(!argv.read().some((c) => c[1] === 'build'), 'docker build never ran');
});

test('login through a temporary DOCKER_CONFIG: password on stdin only, config removed', async (t) => {
  if (skipIfMissing(t, skip)) return;
  const reg = secured as TestRegistry;
  const argv = recordArgv(['docker'], work);
  const temp = mkdtempSync(join(work, 'temp-'));
  const image = `${reg.host}/team/private`;
  const r = await runCli(
    'build-push',
    { image, builder: 'docker', context: join(work, 'base'), username: 'ci', password },
    { env: { ...env(temp), PATH: `${argv.dir}:${process.env.PATH}` }, timeoutMs: 180_000 },
  );
  assert.equal(r.code, 0, r.stderr);
  assert.equal(
    registryManifest(`${image}:${commit}`, { tlsVerify: false, creds: `ci:${password}` }).digest,
    r.outputs.digest,
  );
  for (const text of [r.stdout, r.stderr]) assert.ok(!text.includes(password));
  const calls = argv.read();
  for (const call of calls) assert.ok(!call.join(' ').includes(password), call.join(' '));
  assert.ok(calls.some((c) => c[1] === 'login' && c.includes('--password-stdin')));
  assert.ok(calls.some((c) => c[1] === 'logout'));
  assert.deepEqual(readdirSync(temp), [], 'the temporary docker config is gone');
});

test('builder auto: the Docker engine when a daemon answers (and no buildx)', async (t) => {
  if (skipIfMissing(t, skip)) return;
  const r = await runCli(
    'build-push',
    { image: `${(plain as TestRegistry).host}/team/auto`, context: join(work, 'base') },
    { env: env(mkdtempSync(join(work, 'temp-'))), timeoutMs: 180_000 },
  );
  assert.equal(r.code, 0, r.stderr);
  if (/'docker buildx version' works/.test(r.stderr)) return t.skip('buildx is installed here: auto picked it');
  assert.match(r.stderr, /builder: docker \(no buildx, and 'docker info' reaches a Docker daemon\)/);
  assert.equal(JSON.parse(r.outputs.metadata ?? '').builder, 'docker');
});

test('builder auto: buildah when no daemon answers', async (t) => {
  if (skipIfMissing(t, skip ?? buildahUnavailable())) return;
  const reg = plain as TestRegistry;
  const r = await runCli(
    'build-push',
    { image: `${reg.host}/team/auto-buildah`, context: join(work, 'base'), 'tls-verify': 'false' },
    {
      env: env(mkdtempSync(join(work, 'temp-')), { DOCKER_HOST: `unix://${join(work, 'no-such.sock')}` }),
      timeoutMs: 180_000,
    },
  );
  assert.equal(r.code, 0, r.stderr);
  assert.match(r.stderr, /builder: buildah \(no buildx and no Docker daemon\)/);
  assert.equal(registryManifest(`${reg.host}/team/auto-buildah:${commit}`, access).digest, r.outputs.digest);
});
