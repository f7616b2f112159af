import assert from 'node:assert/strict';
import { test } from 'node:test';
import { parseSettings } from '../../../src/actions/build-push/settings';
import { buildPush as spec } from '../../../src/inputs/build-push';
import { readInputs } from '../../../src/inputs/read';

/** As the action reads them: readInputs (defaults, generic checks), then parseSettings. */
const parse = (over: Record<string, string>) => {
  const values: Record<string, string> = { image: '127.0.0.1:5000/team/app', ...over };
  return parseSettings(readInputs(spec, { input: (n) => values[n] ?? '', setSecret() {} }));
};

test('defaults', () => {
  const s = parse({});
  assert.equal(s.image, '127.0.0.1:5000/team/app');
  assert.equal(s.registry, '127.0.0.1:5000');
  assert.equal(s.context, '.');
  assert.equal(s.file, undefined);
  assert.equal(s.push, true);
  assert.equal(s.builder, 'auto');
  assert.equal(s.tlsVerify, true);
  assert.equal(s.buildahStorage, 'temp');
  assert.deepEqual(s.platforms, []);
  assert.deepEqual(s.tagRules, []);
  assert.equal(s.source, undefined);
  assert.equal(parse({ image: 'team/app' }).registry, 'docker.io');
  assert.equal(parse({ image: 'nginx' }).registry, 'docker.io');
  assert.equal(parse({ image: 'index.docker.io/team/app' }).registry, 'docker.io', 'index.docker.io is Docker Hub');
});

test('valid inputs become typed settings', () => {
  const s = parse({
    tags: 'type=short-sha\nstable',
    platforms: 'linux/amd64, linux/arm64/v8',
    'build-args': 'A=1\nB=x=y',
    labels: 'org.example.team=web',
    push: 'false',
    builder: 'buildah',
    registry: 'registry.example.com:443',
    username: 'ci',
    password: 's3cret',
    'cache-from': 'type=registry,ref=127.0.0.1:5000/team/app:cache\n127.0.0.1:5000/team/app:old',
    'cache-to': '127.0.0.1:5000/team/app:cache',
    'tls-verify': 'false',
    'buildah-storage': 'default',
  });
  assert.deepEqual(
    s.tagRules.map((r) => r.type),
    ['short-sha', 'plain'],
  );
  assert.deepEqual(s.platforms, ['linux/amd64', 'linux/arm64/v8']);
  assert.deepEqual(s.buildArgs, { A: '1', B: 'x=y' });
  assert.deepEqual(s.labels, { 'org.example.team': 'web' });
  assert.equal(s.push, false);
  assert.equal(s.registry, 'registry.example.com:443');
  assert.deepEqual(
    s.cacheFrom.map((c) => c.ref),
    ['127.0.0.1:5000/team/app:cache', '127.0.0.1:5000/team/app:old'],
  );
  assert.equal(s.cacheTo?.ref, '127.0.0.1:5000/team/app:cache');
  assert.equal(s.tlsVerify, false);
  assert.equal(s.buildahStorage, 'default');
  const gha = parse({ 'cache-from': 'type=gha,scope=web' });
  assert.equal(gha.cacheFrom[0]?.ref, undefined);
  assert.equal(gha.cacheFrom[0]?.text, 'type=gha,scope=web');
});

test('promote mode takes a source with a tag or digest', () => {
  const digest = `sha256:${'ab'.repeat(32)}`;
  assert.equal(parse({ source: `127.0.0.1:5000/team/app@${digest}` }).source, `127.0.0.1:5000/team/app@${digest}`);
  assert.equal(parse({ source: '127.0.0.1:5000/team/app:rc' }).source, '127.0.0.1:5000/team/app:rc');
});

test('each bad input names itself and what was expected', () => {
  const cases: [Record<string, string>, RegExp][] = [
    [{ image: 'Team/App' }, /input 'image': 'Team\/App' is not an image repository/],
    [{ image: 'reg.example.com/app:1.0' }, /input 'image': give the repository without tag or digest/],
    [{ image: 'reg.example.com/app@sha256:' + 'a'.repeat(64) }, /input 'image': give the repository without tag/],
    [{ image: 'a//b' }, /input 'image'/],
    [{ tags: 'type=bogus' }, /input 'tags': 'type=bogus': unknown type/],
    [{ platforms: 'amd64' }, /input 'platforms': 'amd64' is not os\/arch/],
    [{ platforms: 'linux/amd64,linux/amd64' }, /input 'platforms': lists a platform twice/],
    [{ 'build-args': 'oops' }, /input 'build-args': 'oops' is not KEY=VALUE/],
    [{ labels: ' =x' }, /input 'labels'/],
    [{ push: 'maybe' }, /input 'push': expected true or false/],
    [{ 'tls-verify': 'nah' }, /input 'tls-verify': expected true or false/],
    [{ builder: 'kaniko' }, /input 'builder': expected one of auto, buildx, docker, buildah/],
    [{ 'buildah-storage': 'tmpfs' }, /input 'buildah-storage': expected one of temp, default, got 'tmpfs'/],
    [{ registry: 'https://reg.example.com' }, /input 'registry': 'https:\/\/reg.example.com' is not a registry host/],
    [{ username: 'ci' }, /input 'password': is required with 'username'/],
    [{ password: 'x' }, /input 'username': is required with 'password'/],
    [{ 'cache-from': 'Bad/Ref:x' }, /input 'cache-from': 'Bad\/Ref:x': 'Bad\/Ref:x' is not an image reference/],
    [{ 'cache-from': 'type=registry' }, /input 'cache-from': 'type=registry': type=registry needs ref=/],
    [{ 'cache-to': 'type=registry,ref=r.example.com/a:c,mode=all' }, /input 'cache-to': .*mode must be min or max/],
    [{ 'cache-to': `r.example.com/a@sha256:${'a'.repeat(64)}` }, /input 'cache-to': .*takes a tag, not a digest/],
    [{ source: 'reg.example.com/app' }, /input 'source': 'reg.example.com\/app' needs a tag or, better, a digest/],
    [{ source: 'not a ref' }, /input 'source': 'not a ref' is not an image reference/],
    [{ source: 'reg.example.com/app:1', push: 'false' }, /input 'push': promote mode \(source\) always pushes/],
  ];
  for (const [over, message] of cases) assert.throws(() => parse(over), message, JSON.stringify(over));
});
