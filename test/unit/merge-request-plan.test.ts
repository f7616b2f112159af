// merge-request mode, the pure decisions: the owned branch name, the request's text, open vs update.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { parseSettings } from '../../src/actions/update-gitops-tag/settings';
import {
  defaultSourceBranch,
  isValidBranchName,
  type MergeRequest,
  planRequest,
  requestText,
} from '../../src/core/gitops/merge-request';
import type { FileEdit } from '../../src/core/gitops/types';
import { readInputs } from '../../src/inputs/read';
import { updateGitopsTag as spec } from '../../src/inputs/update-gitops-tag';

const IMAGE = 'registry.example.com/team/web';
const DIGEST = `sha256:${'ab'.repeat(32)}`;

test('the source branch is stable per job and differs between jobs', () => {
  const job = { image: IMAGE, files: ['apps/web/prod/kustomization.yaml'], targetBranch: 'main' };
  const branch = defaultSourceBranch(job);
  assert.match(branch, /^cdpack\/team-web-[0-9a-f]{8}$/);
  assert.equal(defaultSourceBranch({ ...job }), branch, 'a rerun of the same job must find its branch again');
  assert.equal(
    defaultSourceBranch({ ...job, files: ['b.yaml', 'a.yaml'] }),
    defaultSourceBranch({ ...job, files: ['a.yaml', 'b.yaml'] }),
    'the order of files does not matter',
  );
  // Staging and prod bumps of one image, or one bump into another branch: separate requests.
  assert.notEqual(defaultSourceBranch({ ...job, files: ['apps/web/staging/kustomization.yaml'] }), branch);
  assert.notEqual(defaultSourceBranch({ ...job, targetBranch: 'release' }), branch);
  assert.notEqual(defaultSourceBranch({ ...job, image: 'other.example.com/team/web' }), branch);
  // Names without a registry keep their first part; odd characters never make an invalid ref.
  assert.match(defaultSourceBranch({ ...job, image: 'nginx' }), /^cdpack\/nginx-[0-9a-f]{8}$/);
  assert.match(defaultSourceBranch({ ...job, image: 'localhost:5000/a__b/c..d' }), /^cdpack\/a__b-c\.d-[0-9a-f]{8}$/);
  const long = defaultSourceBranch({ ...job, image: `registry.example.com/${'x'.repeat(200)}` });
  assert.ok(long.length <= 'cdpack/'.length + 60 + 9, long);
  for (const b of [branch, long]) assert.ok(isValidBranchName(b), b);
});

test('branch names: what git refuses is refused', () => {
  for (const ok of ['main', 'release/1.2', 'cdpack/web-0a1b2c3d', 'feature_x']) assert.ok(isValidBranchName(ok), ok);
  for (const bad of [
    '',
    '-x',
    'a..b',
    'a//b',
    'a/',
    'a.',
    'a.lock',
    'a b',
    'a~1',
    'a^',
    'a:b',
    'a?',
    'a*',
    'a[',
    'a\\b',
    'a@{1}',
    'a\x01',
  ]) {
    assert.ok(!isValidBranchName(bad), JSON.stringify(bad));
  }
});

const edits: FileEdit[] = [
  {
    path: 'apps/web/prod/kustomization.yaml',
    text: '',
    changed: true,
    targets: [{ kind: 'kustomize', line: 7, previous: `${IMAGE}:1.0.0`, next: `${IMAGE}:2.0.0` }],
  },
  {
    path: 'charts/web/values.yaml',
    text: '',
    changed: false,
    targets: [{ kind: 'helm', line: 3, previous: `${IMAGE}:2.0.0`, next: `${IMAGE}:2.0.0` }],
  },
];

test('request text: title from the commit message, a table of the changed places only', () => {
  const text = requestText({
    update: { image: IMAGE, tag: '2.0.0', digest: undefined, key: undefined },
    commitMessage: '\nchore(deploy): set web to 2.0.0\n\nbody line',
    edits,
    sourceBranch: 'cdpack/team-web-0a1b2c3d',
    targetBranch: 'main',
    runUrl: 'https://github.com/acme/app/actions/runs/42',
  });
  assert.equal(text.title, 'chore(deploy): set web to 2.0.0');
  assert.match(text.body, /^Sets `registry\.example\.com\/team\/web` to `2\.0\.0` in `main`\./);
  assert.match(
    text.body,
    /^\| `apps\/web\/prod\/kustomization\.yaml`:7 \| kustomize \| `.*:1\.0\.0` \| `.*:2\.0\.0` \|$/m,
  );
  assert.doesNotMatch(text.body, /values\.yaml/, 'an unchanged place is not listed');
  assert.match(text.body, /\[this run\]\(https:\/\/github\.com\/acme\/app\/actions\/runs\/42\)/);
  assert.match(text.body, /`cdpack\/team-web-0a1b2c3d`/);
});

test('request text: hostile paths and messages cannot add Markdown, rows, HTML or lines', () => {
  const hostile = 'x|y<img src=x onerror=1>[l](https://evil)`\n## h';
  const text = requestText({
    update: { image: IMAGE, tag: undefined, digest: DIGEST, key: undefined },
    commitMessage: `evil\r\u2028title ${'t'.repeat(400)}`,
    edits: [{ ...(edits[0] as FileEdit), path: hostile }],
    sourceBranch: 'cdpack/b',
    targetBranch: 'main',
    runUrl: 'javascript:alert(1)',
  });
  assert.ok(text.title.length <= 255);
  assert.doesNotMatch(text.title, /[\r\n\u2028]/);
  const row = text.body.split('\n').find((l) => l.includes('onerror'));
  assert.ok(row, text.body);
  // Raw HTML stays inert inside the code span; outside code spans there is none.
  assert.doesNotMatch(row.replace(/(`+)[^`].*?\1/g, ''), /</, row);
  // The path is one code span: its `|` escaped, so the row keeps exactly five cell separators.
  assert.equal(row.replace(/\\\|/g, '').split('|').length - 1, 5, row);
  assert.doesNotMatch(text.body, /^## h/m);
  assert.doesNotMatch(text.body, /javascript:/);
  assert.match(text.body, new RegExp(`\`${DIGEST}\``));
});

test('request text: a long change list is cut and counted', () => {
  const many: FileEdit[] = Array.from({ length: 150 }, (_, i) => ({
    path: `apps/a${i}/kustomization.yaml`,
    text: '',
    changed: true,
    targets: [{ kind: 'kustomize' as const, line: 1, previous: `${IMAGE}:1`, next: `${IMAGE}:2` }],
  }));
  const text = requestText({
    update: { image: IMAGE, tag: '2', digest: undefined, key: undefined },
    commitMessage: 'm',
    edits: many,
    sourceBranch: 'cdpack/b',
    targetBranch: 'main',
  });
  assert.equal(text.body.split('\n').filter((l) => l.startsWith('| `apps/')).length, 100);
  assert.match(text.body, /\| … and 50 more \|/);
});

const request = (number: number, over: Partial<MergeRequest> = {}): MergeRequest => ({
  number,
  url: `https://forge.example/mr/${number}`,
  title: 'T',
  body: 'B',
  sourceBranch: 'cdpack/web',
  targetBranch: 'main',
  ...over,
});

test('plan: open when none is open from our branch into the target', () => {
  assert.deepEqual(planRequest([], 'cdpack/web', 'main', { title: 'T', body: 'B' }), { action: 'open' });
  // The forge's filter is not trusted: other branches or targets in its answer are not ours.
  const foreign = [request(1, { sourceBranch: 'cdpack/other' }), request(2, { targetBranch: 'release' })];
  assert.deepEqual(planRequest(foreign, 'cdpack/web', 'main', { title: 'T', body: 'B' }), { action: 'open' });
});

test('plan: update the oldest open request; the text is refreshed only when it differs', () => {
  const same = planRequest([request(9), request(4)], 'cdpack/web', 'main', { title: 'T', body: 'B\n' });
  assert.equal(same.action, 'update');
  assert.ok(same.action === 'update');
  assert.equal(same.request.number, 4);
  assert.deepEqual(
    same.others.map((r) => r.number),
    [9],
  );
  assert.equal(same.textChanged, false, 'CRLF or a trailing newline stored by the forge is no change');
  const crlf = planRequest([request(4, { body: 'B\r\n' })], 'cdpack/web', 'main', { title: 'T', body: 'B' });
  assert.ok(crlf.action === 'update' && !crlf.textChanged);
  const changed = planRequest([request(4)], 'cdpack/web', 'main', { title: 'T2', body: 'B' });
  assert.ok(changed.action === 'update' && changed.textChanged);
});

const parse = (over: Record<string, string>) => {
  const values: Record<string, string> = { files: 'a.yaml', image: IMAGE, tag: 'v1', ...over };
  return parseSettings(readInputs(spec, { input: (n) => values[n] ?? '', setSecret() {} }));
};

test('settings: push mode by default; merge-request mode fills in its defaults', () => {
  assert.equal(parse({}).mergeRequest, undefined);
  const mr = parse({ mode: 'merge-request', branch: 'release' }).mergeRequest;
  assert.ok(mr);
  assert.equal(mr.sourceBranch, defaultSourceBranch({ image: IMAGE, files: ['a.yaml'], targetBranch: 'release' }));
  assert.equal(mr.autoMerge, false);
  assert.equal(mr.forge, 'auto');
  const given = parse({ mode: 'merge-request', 'source-branch': 'bump/web', 'auto-merge': 'true', forge: 'gitlab' });
  assert.equal(given.mergeRequest?.sourceBranch, 'bump/web');
  assert.equal(given.mergeRequest?.autoMerge, true);
  assert.equal(given.mergeRequest?.forge, 'gitlab');
});

test('settings: bad merge-request inputs name themselves', () => {
  const cases: [Record<string, string>, RegExp][] = [
    [{ mode: 'pr' }, /input 'mode': expected one of push, merge-request, got 'pr'/],
    [{ mode: 'merge-request', forge: 'bitbucket' }, /input 'forge': expected one of auto, github, gitlab/],
    [{ mode: 'merge-request', 'auto-merge': 'maybe' }, /input 'auto-merge': expected true or false/],
    [{ mode: 'merge-request', 'source-branch': 'a..b' }, /input 'source-branch': 'a\.\.b' is not a valid branch name/],
    [{ mode: 'merge-request', 'source-branch': 'main' }, /input 'source-branch': 'main' is the target branch/],
  ];
  for (const [over, expected] of cases) assert.throws(() => parse(over), expected, JSON.stringify(over));
});
