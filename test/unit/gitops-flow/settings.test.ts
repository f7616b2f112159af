import assert from 'node:assert/strict';
import { test } from 'node:test';
import { parseSettings } from '../../../src/actions/update-gitops-tag/settings';
import { readInputs } from '../../../src/inputs/read';
import { updateGitopsTag as spec } from '../../../src/inputs/update-gitops-tag';

/** As the action reads them: readInputs (defaults, generic checks), then parseSettings. */
const parse = (over: Record<string, string>) => {
  const values: Record<string, string> = {
    files: 'a.yaml',
    image: 'registry.example.com/team/web',
    tag: 'v1',
    ...over,
  };
  return parseSettings(readInputs(spec, { input: (n) => values[n] ?? '', setSecret() {} }));
};
const digest = `sha256:${'ab'.repeat(32)}`;

test('valid inputs become typed settings', () => {
  const s = parse({
    files: 'a.yaml,\n b/*.yaml',
    digest,
    'max-attempts': '3',
    'dry-run': 'true',
    key: 'web.image.tag',
  });
  assert.deepEqual(s.files, ['a.yaml', 'b/*.yaml']);
  assert.equal(s.maxAttempts, 3);
  assert.equal(s.dryRun, true);
  assert.equal(s.digest, digest);
  assert.equal(s.key, 'web.image.tag');
});

test('each bad input names itself and what was expected', () => {
  const cases: [Record<string, string>, RegExp][] = [
    [{ tag: '-bad' }, /input 'tag': '-bad' is not a valid tag/],
    [{ tag: 'a+b' }, /input 'tag': 'a\+b' is not a valid tag/],
    [{ tag: 'x'.repeat(129) }, /input 'tag'/],
    [{ tag: '', digest: '' }, /input 'tag': give 'tag', 'digest' or both/],
    [{ digest: 'sha256:xyz' }, /input 'digest': 'sha256:xyz' is not a digest: expected sha256: followed by 64/],
    [{ image: 'Registry/Web' }, /input 'image': 'Registry\/Web' is not an image repository/],
    [{ image: 'registry.example.com/web:1.0' }, /input 'image': give the repository without tag or digest/],
    [{ 'max-attempts': '0' }, /input 'max-attempts': expected a whole number from 1 to 100, got '0'/],
    [{ 'dry-run': 'maybe' }, /input 'dry-run': expected true or false/],
    [{ branch: 'bad..branch' }, /input 'branch': 'bad\.\.branch' is not a valid branch name/],
    [{ key: 'image..tag' }, /input 'key'/],
    [{ files: ' , ' }, /input 'files': list at least one/],
    [{ repository: 'http://' }, /input 'repository': 'http:\/\/' is not a repository URL/],
    [{ repository: 'https:///x.git' }, /input 'repository': .* is not a repository URL/],
    [{ repository: 'ftp://host/x.git' }, /input 'repository': .* is not a repository URL/],
    [{ repository: 'ext::sh -c x' }, /input 'repository': .* remote-helper/],
    [{ repository: '-uhttp://x' }, /input 'repository': .* must not start with '-'/],
  ];
  for (const [over, message] of cases) assert.throws(() => parse(over), message, JSON.stringify(over));
});

test('repository: https, http and ssh URLs with a host, scp-like addresses and local paths are accepted', () => {
  for (const repository of [
    '',
    'https://git.example.com/team/config.git',
    'http://127.0.0.1:8080/config.git',
    'ssh://git@git.example.com:2222/team/config.git',
    'git@git.example.com:team/config.git',
    '../config',
    '/srv/git/config.git',
  ]) {
    assert.equal(parse({ repository }).repository, repository);
  }
});
