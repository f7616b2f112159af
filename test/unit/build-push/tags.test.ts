import assert from 'node:assert/strict';
import { test } from 'node:test';
import { computeTags, parseTagRules, sanitizeTag, type TagContext } from '../../../src/core/build/tags';
import type { Log } from '../../../src/core/log';

const sha = '0123456789abcdef0123456789abcdef01234567';
const base: TagContext = { commit: sha, branch: undefined, gitTag: undefined, pullRequest: undefined };

function recordingLog(): Log & { lines: string[] } {
  const lines: string[] = [];
  return {
    lines,
    info: (m) => lines.push(`info: ${m}`),
    warn: (m) => lines.push(`warn: ${m}`),
    debug: () => {},
    group: (_t, fn) => fn(),
  };
}

const tagsFor = (input: string, ctx: Partial<TagContext> = {}) =>
  computeTags(parseTagRules(input), { ...base, ...ctx }, recordingLog()).tags;

test('the full commit SHA tag always comes first, even with no rules', () => {
  assert.deepEqual(tagsFor(''), [sha]);
  assert.deepEqual(tagsFor('stable'), [sha, 'stable']);
});

test('plain tags: one per line or comma-separated, duplicates dropped, latest only when listed', () => {
  assert.deepEqual(tagsFor('v1, stable\nlatest\nstable'), [sha, 'v1', 'stable', 'latest']);
  assert.deepEqual(tagsFor('# comment\n\n  edge  '), [sha, 'edge']);
});

test('type=short-sha: 7 characters by default, length= configurable', () => {
  assert.deepEqual(tagsFor('type=short-sha'), [sha, '0123456']);
  assert.deepEqual(tagsFor('type=short-sha,length=12'), [sha, '0123456789ab']);
  assert.deepEqual(tagsFor('type=short-sha,prefix=sha-'), [sha, 'sha-0123456']);
  assert.deepEqual(tagsFor('type=sha,prefix=git-'), [sha, `git-${sha}`]);
});

test('type=branch: sanitised to tag grammar; nothing on tag or PR builds', () => {
  assert.deepEqual(tagsFor('type=branch', { branch: 'main' }), [sha, 'main']);
  assert.deepEqual(tagsFor('type=branch', { branch: 'feature/Login+SSO' }), [sha, 'feature-Login-SSO']);
  assert.deepEqual(tagsFor('type=branch', { branch: '.hidden/-x' }), [sha, 'hidden--x']);
  assert.deepEqual(tagsFor('type=branch,prefix=br-', { branch: 'dev' }), [sha, 'br-dev']);
  assert.deepEqual(tagsFor('type=branch', { gitTag: 'v1.0.0' }), [sha]);
  const long = tagsFor('type=branch,suffix=-x', { branch: 'b'.repeat(300) });
  assert.equal(long[1]?.length, 128);
  assert.ok(long[1]?.endsWith('-x'));
});

test('a branch named latest does not produce latest (only explicit tags may)', () => {
  const log = recordingLog();
  const r = computeTags(parseTagRules('type=branch'), { ...base, branch: 'latest' }, log);
  assert.deepEqual(r.tags, [sha]);
  assert.match(log.lines.join('\n'), /warn: .*'latest'.*skipped/);
  assert.deepEqual(tagsFor('type=raw,value=latest'), [sha, 'latest']);
});

test('type=semver: 1.2.3, 1.2 and 1 for a release; only the full version for a pre-release', () => {
  assert.deepEqual(tagsFor('type=semver', { gitTag: 'v1.2.3' }), [sha, '1.2.3', '1.2', '1']);
  assert.deepEqual(tagsFor('type=semver', { gitTag: '2.0.1' }), [sha, '2.0.1', '2.0', '2']);
  assert.deepEqual(tagsFor('type=semver', { gitTag: 'v1.2.3-rc.1' }), [sha, '1.2.3-rc.1']);
  assert.deepEqual(tagsFor('type=semver', { gitTag: 'v0.4.0' }), [sha, '0.4.0', '0.4']);
  assert.deepEqual(tagsFor('type=semver', { gitTag: 'v1.2.3+build.5' }), [sha, '1.2.3', '1.2', '1']);
  const r = computeTags(parseTagRules('type=semver'), { ...base, gitTag: 'v3.1.4' }, recordingLog());
  assert.equal(r.version, '3.1.4');
});

test('type=semver with pattern=', () => {
  assert.deepEqual(tagsFor('type=semver,pattern={{major}}.{{minor}}', { gitTag: 'v1.2.3' }), [sha, '1.2']);
  assert.deepEqual(tagsFor('type=semver,pattern=v{{version}}', { gitTag: 'v1.2.3-beta' }), [sha, 'v1.2.3-beta']);
  assert.deepEqual(tagsFor('type=semver,pattern={{major}}.{{minor}}', { gitTag: 'v1.2.3-beta' }), [sha]);
  assert.deepEqual(tagsFor('type=semver,pattern={{major}}', { gitTag: 'v0.9.0' }), [sha]);
  assert.deepEqual(tagsFor('type=semver,pattern={{raw}}', { gitTag: 'v1.2.3' }), [sha, 'v1.2.3']);
});

test('type=semver gives nothing (and says why) off a tag or for a non-semver tag', () => {
  const log = recordingLog();
  const r = computeTags(parseTagRules('type=semver'), { ...base, gitTag: 'release-7' }, log);
  assert.deepEqual(r.tags, [sha]);
  assert.equal(r.version, undefined);
  assert.match(log.lines.join('\n'), /'release-7' is not a semantic version/);
  assert.deepEqual(tagsFor('type=semver', { branch: 'main' }), [sha]);
});

test('type=pr: pr-<number> on pull/merge requests only', () => {
  assert.deepEqual(tagsFor('type=pr', { pullRequest: 42 }), [sha, 'pr-42']);
  assert.deepEqual(tagsFor('type=pr', { branch: 'main' }), [sha]);
});

test('type=raw keeps the value; rules combine in order', () => {
  assert.deepEqual(tagsFor('type=raw,value=nightly\ntype=short-sha\nprod', { branch: 'main' }), [
    sha,
    'nightly',
    '0123456',
    'prod',
  ]);
});

test('malformed rules are rejected naming the tags input', () => {
  const cases: [string, RegExp][] = [
    ['type=nope', /input 'tags': 'type=nope': unknown type 'nope'/],
    ['type=raw', /type=raw needs value=/],
    ['type=raw,value=a,value=b', /'value' given twice/],
    ['type=short-sha,length=2', /length must be a whole number from 4 to 39/],
    ['type=short-sha,length=x', /length must be/],
    ['type=branch,value=x', /type=branch takes prefix, suffix, not 'value'/],
    ['type=semver,pattern=fixed', /pattern needs placeholders/],
    ['type=semver,pattern={{build}}', /not \{\{build\}\}/],
    ['type=raw,bogus', /expected key=value pairs/],
  ];
  for (const [input, message] of cases) assert.throws(() => parseTagRules(input), message, input);
});

test('every produced tag is checked against the OCI tag grammar before anything is built', () => {
  const cases: [string, Partial<TagContext>][] = [
    ['-bad', {}],
    ['a+b', {}],
    ['x'.repeat(129), {}],
    ['type=raw,value=.hidden', {}],
    ['type=short-sha,prefix=-', {}],
    ['type=branch,prefix=a/', { branch: 'main' }],
    ['type=semver,pattern=v{{version}}!', { gitTag: 'v1.0.0' }],
  ];
  for (const [input, ctx] of cases) {
    assert.throws(() => tagsFor(input, ctx), /input 'tags': .* not a valid tag/, input);
  }
});

test('sanitizeTag', () => {
  assert.equal(sanitizeTag('renovate/node-20.x'), 'renovate-node-20.x');
  assert.equal(sanitizeTag('--x'), 'x');
  assert.equal(sanitizeTag('ü'), '');
  assert.equal(sanitizeTag('a'.repeat(200)).length, 128);
});
