import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { test } from 'node:test';
import { detectSource } from '../../../src/actions/build-push/source';
import { readSourceContext } from '../../../src/core/build/context';
import type { Platform } from '../../../src/platform/types';

const merge = 'a'.repeat(40);
const head = 'b'.repeat(40);

test('GitHub push: GITHUB_SHA, branch from GITHUB_REF, source URL from server + repository', () => {
  const c = readSourceContext({
    GITHUB_SHA: merge,
    GITHUB_REF: 'refs/heads/feature/x',
    GITHUB_EVENT_NAME: 'push',
    GITHUB_SERVER_URL: 'https://github.example.com/',
    GITHUB_REPOSITORY: 'acme/web',
  });
  assert.equal(c.commit, merge);
  assert.equal(c.commitOrigin, 'GITHUB_SHA');
  assert.equal(c.branch, 'feature/x');
  assert.equal(c.gitTag, undefined);
  assert.equal(c.sourceUrl, 'https://github.example.com/acme/web');
});

test('GitHub tag push: the git tag, no branch', () => {
  const c = readSourceContext({ GITHUB_SHA: merge, GITHUB_REF: 'refs/tags/v1.2.3', GITHUB_REPOSITORY: 'acme/web' });
  assert.equal(c.gitTag, 'v1.2.3');
  assert.equal(c.branch, undefined);
  assert.equal(c.sourceUrl, 'https://github.com/acme/web');
});

test('GitHub pull request: the head SHA from the event payload, not the merge commit', () => {
  const event = { number: 17, pull_request: { number: 17, head: { sha: head.toUpperCase() } } };
  const env = { GITHUB_SHA: merge, GITHUB_REF: 'refs/pull/17/merge', GITHUB_EVENT_NAME: 'pull_request' };
  const c = readSourceContext(env, event);
  assert.equal(c.commit, head);
  assert.equal(c.commitOrigin, 'pull_request.head.sha');
  assert.equal(c.pullRequest, 17);
  assert.equal(c.branch, undefined);
  // pull_request_target too; a push event carrying a stale payload does not switch.
  assert.equal(readSourceContext({ ...env, GITHUB_EVENT_NAME: 'pull_request_target' }, event).commit, head);
  assert.equal(readSourceContext({ ...env, GITHUB_EVENT_NAME: 'push' }, event).commit, merge);
  // No payload: the PR number still comes from the ref.
  assert.equal(readSourceContext(env).pullRequest, 17);
});

test('GitLab: CI_COMMIT_SHA, branch, tag, merge request and merged-results head', () => {
  const sha = 'c'.repeat(40);
  const branch = readSourceContext({
    CI_COMMIT_SHA: sha,
    CI_COMMIT_BRANCH: 'main',
    CI_COMMIT_REF_NAME: 'main',
    CI_PROJECT_URL: 'https://gitlab.example.com/g/p',
  });
  assert.deepEqual(
    [branch.commit, branch.commitOrigin, branch.branch, branch.gitTag, branch.sourceUrl],
    [sha, 'CI_COMMIT_SHA', 'main', undefined, 'https://gitlab.example.com/g/p'],
  );
  const tag = readSourceContext({ CI_COMMIT_SHA: sha, CI_COMMIT_TAG: 'v2.0.0', CI_COMMIT_REF_NAME: 'v2.0.0' });
  assert.equal(tag.gitTag, 'v2.0.0');
  assert.equal(tag.branch, undefined);
  const mr = readSourceContext({
    CI_COMMIT_SHA: sha,
    CI_COMMIT_REF_NAME: 'feature',
    CI_MERGE_REQUEST_IID: '9',
    CI_MERGE_REQUEST_SOURCE_BRANCH_SHA: head,
  });
  assert.deepEqual(
    [mr.commit, mr.commitOrigin, mr.pullRequest, mr.branch],
    [head, 'CI_MERGE_REQUEST_SOURCE_BRANCH_SHA', 9, undefined],
  );
  const refName = readSourceContext({ CI_COMMIT_SHA: sha, CI_COMMIT_REF_NAME: 'dev' });
  assert.equal(refName.branch, 'dev');
});

test('no platform variables: commit left to git', () => {
  assert.equal(readSourceContext({}).commit, undefined);
});

test('a malformed SHA variable is an error naming the variable', () => {
  assert.throws(() => readSourceContext({ GITHUB_SHA: 'abc' }), /GITHUB_SHA is 'abc', not a full commit SHA/);
  assert.throws(() => readSourceContext({ CI_COMMIT_SHA: 'zz' }), /CI_COMMIT_SHA is 'zz'/);
});

function fakePlatform(env: Record<string, string>, workspace: string): Platform & { warnings: string[] } {
  const warnings: string[] = [];
  return {
    name: 'cli',
    env,
    tempDir: tmpdir(),
    workspace,
    warnings,
    input: () => '',
    setOutput() {},
    setSecret() {},
    info() {},
    debug() {},
    warn: (m) => warnings.push(m),
    error() {},
    group: (_t, fn) => fn(),
    summary: async () => {},
    fail() {},
  };
}

test('detectSource reads the PR head SHA from GITHUB_EVENT_PATH', async () => {
  const dir = mkdtempSync(join(tmpdir(), 'cdpack-event-'));
  try {
    const file = join(dir, 'event.json');
    writeFileSync(file, JSON.stringify({ pull_request: { number: 3, head: { sha: head } } }));
    const env = {
      GITHUB_SHA: merge,
      GITHUB_EVENT_NAME: 'pull_request',
      GITHUB_EVENT_PATH: file,
      GITHUB_REF: 'refs/pull/3/merge',
    };
    const s = await detectSource(fakePlatform(env, dir));
    assert.equal(s.commit, head);
    assert.equal(s.pullRequest, 3);
    const broken = join(dir, 'broken.json');
    writeFileSync(broken, '{');
    const p = fakePlatform({ ...env, GITHUB_EVENT_PATH: broken }, dir);
    assert.equal((await detectSource(p)).commit, merge);
    assert.match(p.warnings.join('\n'), /could not read the event payload/);
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
});

test('detectSource falls back to git: HEAD, the branch, a semver tag on HEAD', async () => {
  const dir = mkdtempSync(join(tmpdir(), 'cdpack-git-'));
  const git = (...args: string[]) =>
    execFileSync('git', args, {
      cwd: dir,
      encoding: 'utf8',
      env: {
        ...process.env,
        GIT_CONFIG_NOSYSTEM: '1',
        GIT_CONFIG_GLOBAL: '/dev/null',
        GIT_AUTHOR_NAME: 't',
        GIT_AUTHOR_EMAIL: 't@t',
        GIT_COMMITTER_NAME: 't',
        GIT_COMMITTER_EMAIL: 't@t',
      },
    }).trim();
  try {
    git('init', '-q', '-b', 'topic/one');
    writeFileSync(join(dir, 'f'), 'x');
    git('add', 'f');
    git('commit', '-q', '-m', 'c');
    const sha = git('rev-parse', 'HEAD');
    const s = await detectSource(fakePlatform({}, dir));
    assert.deepEqual(
      [s.commit, s.commitOrigin, s.branch, s.gitTag],
      [sha, 'git rev-parse HEAD', 'topic/one', undefined],
    );
    git('tag', 'notes');
    git('tag', 'v1.4.0');
    const t = await detectSource(fakePlatform({}, dir));
    assert.deepEqual([t.gitTag, t.branch], ['v1.4.0', undefined]);
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
});

test('detectSource outside any repository says where it looked', async () => {
  const dir = mkdtempSync(join(tmpdir(), 'cdpack-nogit-'));
  try {
    await assert.rejects(
      detectSource(fakePlatform({}, dir)),
      /no commit SHA: neither GITHUB_SHA nor CI_COMMIT_SHA is set, and git rev-parse HEAD failed in/,
    );
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
});
