import assert from 'node:assert/strict';
import { test } from 'node:test';
import { selectBuilder } from '../../../src/core/build/builder';
import { parseCacheSpec } from '../../../src/core/build/cache';
import type { BuildRequest } from '../../../src/core/build/types';
import { buildahBudArgs, buildahLoginArgs, buildahPaths, buildahPushArgs } from '../../../src/tools/builders/buildah';
import { buildxBuildArgs, buildxCacheArg, parseBuildxMetadata } from '../../../src/tools/builders/buildx';
import { dockerBuildArgs, parsePushDigest } from '../../../src/tools/builders/docker';

const digest = `sha256:${'d'.repeat(64)}`;
const refs = ['r.example.com/app:' + 'a'.repeat(40), 'r.example.com/app:stable'];
const request = (over: Partial<BuildRequest> = {}): BuildRequest => ({
  context: '/w/ctx',
  file: '/w/ctx/Dockerfile',
  target: undefined,
  platforms: [],
  buildArgs: {},
  labels: {},
  refs,
  push: true,
  cacheFrom: [],
  cacheTo: undefined,
  tlsVerify: true,
  ...over,
});
const full = request({
  target: 'runtime',
  buildArgs: { A: '1', B: 'x=y' },
  labels: { 'org.opencontainers.image.revision': 'abc' },
  cacheFrom: [parseCacheSpec('cache-from', 'r.example.com/app:cache')],
  cacheTo: parseCacheSpec('cache-to', 'r.example.com/app:cache'),
});
// buildah keeps its cache as one tag per layer key in a repository.
const buildahFull = {
  ...full,
  cacheFrom: [parseCacheSpec('cache-from', 'r.example.com/app-cache')],
  cacheTo: parseCacheSpec('cache-to', 'type=registry,ref=r.example.com/app-cache:buildcache'),
};

test('builder auto: buildx, else the Docker engine, else buildah; explicit choices are not probed', async () => {
  const probes = (buildx: boolean, daemon: boolean, calls: string[] = []) => ({
    buildx: async () => {
      calls.push('buildx');
      return buildx;
    },
    dockerDaemon: async () => {
      calls.push('daemon');
      return daemon;
    },
  });
  assert.equal((await selectBuilder('auto', probes(true, true))).builder, 'buildx');
  assert.equal((await selectBuilder('auto', probes(false, true))).builder, 'docker');
  const none = await selectBuilder('auto', probes(false, false));
  assert.deepEqual([none.builder, none.reason], ['buildah', 'no buildx and no Docker daemon']);
  const calls: string[] = [];
  assert.equal((await selectBuilder('docker', probes(true, false, calls))).builder, 'docker');
  assert.deepEqual(calls, []);
});

test('buildah bud, one platform: every input mapped, TLS explicit, one --tag per ref', () => {
  const p = buildahPaths({ workDir: '/t/w', authDir: '/t/auth', caFile: '/ca.pem', storage: 'temp' });
  assert.deepEqual(
    buildahBudArgs({ ...buildahFull, platforms: ['linux/arm64'] }, p, { isolation: 'chroot', tlsVerify: false }),
    [
      '--root',
      '/t/w/storage',
      '--runroot',
      '/t/w/run',
      'bud',
      '--isolation',
      'chroot',
      '--file',
      '/w/ctx/Dockerfile',
      '--target',
      'runtime',
      '--platform',
      'linux/arm64',
      '--build-arg',
      'A=1',
      '--build-arg',
      'B=x=y',
      '--label',
      'org.opencontainers.image.revision=abc',
      '--tls-verify=false',
      '--authfile',
      '/t/auth/config.json',
      '--cert-dir',
      '/t/w/certs',
      '--layers',
      '--cache-from',
      'r.example.com/app-cache',
      '--cache-to',
      'r.example.com/app-cache',
      '--tag',
      refs[0],
      '--tag',
      refs[1],
      '/w/ctx',
    ],
  );
});

test('buildah, several platforms: a manifest list named after the first ref, pushed with manifest push --all', () => {
  const p = buildahPaths({ workDir: '/t/w', authDir: undefined, caFile: undefined, storage: 'default' });
  const req = request({ platforms: ['linux/amd64', 'linux/arm64'] });
  assert.deepEqual(buildahBudArgs(req, p, { isolation: 'chroot', tlsVerify: true }), [
    'bud',
    '--isolation',
    'chroot',
    '--file',
    '/w/ctx/Dockerfile',
    '--platform',
    'linux/amd64,linux/arm64',
    '--tls-verify=true',
    '--manifest',
    refs[0],
    '/w/ctx',
  ]);
  assert.deepEqual(buildahPushArgs(req, refs[1] as string, '/t/d', p, false), [
    'manifest',
    'push',
    '--all',
    '--digestfile',
    '/t/d',
    '--tls-verify=false',
    refs[0],
    `docker://${refs[1]}`,
  ]);
  assert.deepEqual(buildahPushArgs(request(), refs[1] as string, '/t/d', p, true), [
    'push',
    '--digestfile',
    '/t/d',
    '--tls-verify=true',
    refs[1],
    `docker://${refs[1]}`,
  ]);
});

test('buildah login takes the password on stdin only', () => {
  const p = buildahPaths({ workDir: '/t/w', authDir: '/t/auth', caFile: undefined, storage: 'temp' });
  const args = buildahLoginArgs(p, true, 'r.example.com', 'ci');
  assert.deepEqual(args, [
    '--root',
    '/t/w/storage',
    '--runroot',
    '/t/w/run',
    'login',
    '--tls-verify=true',
    '--authfile',
    '/t/auth/config.json',
    '--username',
    'ci',
    '--password-stdin',
    'r.example.com',
  ]);
});

test('buildah: non-registry caches and several cache sources are input errors', () => {
  const p = buildahPaths({ workDir: '/t', authDir: undefined, caFile: undefined, storage: 'default' });
  const o = { isolation: 'chroot', tlsVerify: true };
  assert.throws(
    () => buildahBudArgs(request({ cacheFrom: [parseCacheSpec('cache-from', 'type=gha')] }), p, o),
    /input 'cache-from': 'type=gha': buildah uses registry caches only/,
  );
  const two = [parseCacheSpec('cache-from', 'r.example.com/a:1'), parseCacheSpec('cache-from', 'r.example.com/a:2')];
  assert.throws(
    () => buildahBudArgs(request({ cacheFrom: two }), p, o),
    /input 'cache-from': buildah takes one cache source/,
  );
});

test('docker engine build: same inputs, one platform, registry cache-from', () => {
  assert.deepEqual(dockerBuildArgs({ ...full, platforms: ['linux/amd64'] }), [
    'build',
    '--file',
    '/w/ctx/Dockerfile',
    '--target',
    'runtime',
    '--platform',
    'linux/amd64',
    '--build-arg',
    'A=1',
    '--build-arg',
    'B=x=y',
    '--label',
    'org.opencontainers.image.revision=abc',
    '--cache-from',
    'r.example.com/app:cache',
    '--tag',
    refs[0],
    '--tag',
    refs[1],
    '/w/ctx',
  ]);
  assert.throws(
    () => dockerBuildArgs(request({ platforms: ['linux/amd64', 'linux/arm64'] })),
    /input 'platforms': builder 'docker' .* builds one platform, got linux\/amd64,linux\/arm64; use builder buildx or buildah/,
  );
  assert.throws(
    () => dockerBuildArgs(request({ cacheFrom: [parseCacheSpec('cache-from', 'type=local,src=/c')] })),
    /input 'cache-from': 'type=local,src=\/c': builder docker uses registry caches only/,
  );
});

test('docker push digest is read from its output', () => {
  const out = `The push refers to repository [r.example.com/app]\n5f70bf18a086: Pushed\nstable: digest: ${digest} size: 527\n`;
  assert.equal(parsePushDigest(out), digest);
  assert.equal(parsePushDigest('nothing here'), undefined);
});

test('buildx build: every input mapped, registry caches, push output, metadata file', () => {
  assert.deepEqual(buildxBuildArgs({ ...full, platforms: ['linux/amd64', 'linux/arm64'] }, '/t/meta.json', true), [
    'buildx',
    'build',
    '--file',
    '/w/ctx/Dockerfile',
    '--target',
    'runtime',
    '--platform',
    'linux/amd64,linux/arm64',
    '--build-arg',
    'A=1',
    '--build-arg',
    'B=x=y',
    '--label',
    'org.opencontainers.image.revision=abc',
    '--tag',
    refs[0],
    '--tag',
    refs[1],
    '--cache-from',
    'type=registry,ref=r.example.com/app:cache',
    '--cache-to',
    'type=registry,ref=r.example.com/app:cache,mode=max',
    '--metadata-file',
    '/t/meta.json',
    '--output',
    'type=image,push=true',
    '/w/ctx',
  ]);
});

test('buildx: tls-verify false marks the registry insecure; no push loads a single platform', () => {
  const args = buildxBuildArgs(
    request({ cacheFrom: [parseCacheSpec('cache-from', 'type=registry,ref=r.example.com/a:c')] }),
    '/m',
    false,
  );
  assert.ok(args.includes('type=image,push=true,registry.insecure=true'));
  assert.ok(args.includes('type=registry,ref=r.example.com/a:c,registry.insecure=true'));
  const local = buildxBuildArgs(request({ push: false }), '/m', true);
  assert.deepEqual(local.slice(-3), ['/m', '--load', '/w/ctx']);
  const multi = buildxBuildArgs(request({ push: false, platforms: ['linux/amd64', 'linux/arm64'] }), '/m', true);
  assert.deepEqual(multi.slice(-3), ['--metadata-file', '/m', '/w/ctx']);
});

test('buildx cache specs: non-registry kept as written, explicit mode kept', () => {
  assert.equal(
    buildxCacheArg(parseCacheSpec('cache-to', 'type=gha,mode=max,scope=x'), true),
    'type=gha,mode=max,scope=x',
  );
  assert.equal(
    buildxCacheArg(parseCacheSpec('cache-to', 'type=registry,ref=r.example.com/a:c,mode=min'), true),
    'type=registry,ref=r.example.com/a:c,mode=min',
  );
  assert.equal(
    buildxCacheArg(parseCacheSpec('cache-from', 'r.example.com/a:c'), true),
    'type=registry,ref=r.example.com/a:c',
  );
});

test('buildx metadata: containerimage.digest', () => {
  assert.equal(parseBuildxMetadata(JSON.stringify({ 'containerimage.digest': digest, 'image.name': 'x' })), digest);
  assert.equal(parseBuildxMetadata(JSON.stringify({ 'containerimage.digest': 'sha256:short' })), undefined);
  assert.equal(parseBuildxMetadata('not json'), undefined);
  assert.equal(parseBuildxMetadata('{}'), undefined);
});
