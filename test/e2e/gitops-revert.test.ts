/**
 * Reverting an update-gitops-tag commit against the real git smart-HTTP server: the commit is made by the
 * update-gitops-tag CLI, the revert by the clone / commit-source / revert flow that verify-rollout's GitOps
 * rollback uses. The remote's history is checked for force pushes after every test.
 */
import assert from 'node:assert/strict';
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { after, afterEach, beforeEach, describe, test } from 'node:test';
import { type RevertResult, revertGitopsCommit } from '../../src/core/gitops/revert';
import type { ConfigRepo } from '../../src/core/gitops/update';
import type { Log } from '../../src/core/log';
import { readCommitSource } from '../../src/tools/git-commit-source';
import { cloneConfigRepo } from '../../src/tools/git-config-repo';
import {
  appImage,
  cleanupTempDirs,
  type GitopsEnv,
  git,
  makeTempDir,
  overlayPath,
  readRemoteFile,
  remoteCommit,
  remoteTip,
  startGitopsEnv,
} from '../support/gitops-fixture';
import { runCli } from '../support/run';

const FILE = overlayPath(0);
const silent: Log = { info: () => {}, warn: () => {}, debug: () => {} } as unknown as Log;

/** Pushes a commit to the bare repository from another clone (a colleague or another pipeline). */
function pushOther(bare: string, edit: (dir: string) => void, message: string): string {
  const work = makeTempDir('cdpack-other-');
  git(['clone', '-q', bare, work]);
  edit(work);
  const env = { GIT_AUTHOR_NAME: 'o', GIT_AUTHOR_EMAIL: 'o@x', GIT_COMMITTER_NAME: 'o', GIT_COMMITTER_EMAIL: 'o@x' };
  git(['commit', '-q', '-am', message], { cwd: work, env });
  git(['push', '-q', 'origin', 'HEAD:refs/heads/main'], { cwd: work });
  return remoteTip(bare);
}

function editFile(dir: string, path: string, change: (text: string) => string): void {
  const full = join(dir, path);
  writeFileSync(full, change(readFileSync(full, 'utf8')));
}

describe('GitOps revert against the git server', { timeout: 300_000 }, () => {
  let env: GitopsEnv;
  /** Every tip the branch had during the test: each must stay in the final history (no force push). */
  let tips: string[];

  beforeEach(async () => {
    env = await startGitopsEnv({ apps: 2 });
    tips = [remoteTip(env.repo.bare)];
  });
  afterEach(async () => {
    const final = remoteTip(env.repo.bare);
    for (const tip of tips) git(['--git-dir', env.repo.bare, 'merge-base', '--is-ancestor', tip, final]);
    await env.close();
  });
  after(cleanupTempDirs);

  async function bump(tag: string): Promise<string> {
    const r = await runCli(
      'update-gitops-tag',
      { repository: env.url, username: env.user, files: FILE, image: appImage(0), tag },
      { env: { CDPACK_TOKEN: env.token }, timeoutMs: 120_000 },
    );
    assert.equal(r.code, 0, r.stderr);
    tips.push(remoteTip(env.repo.bare));
    return r.outputs.commit as string;
  }

  async function revert(commit: string, wrap: (repo: ConfigRepo) => ConfigRepo = (r) => r): Promise<RevertResult> {
    const auth = { header: `Basic ${Buffer.from(`${env.user}:${env.token}`).toString('base64')}` };
    const dir = join(makeTempDir('cdpack-revert-'), 'repo');
    const repo = await cloneConfigRepo({
      remote: env.url,
      branch: 'main',
      auth,
      identity: { name: 'cdpack', email: 'cdpack@example.invalid' },
      dir,
    });
    const source = await readCommitSource(dir, auth, commit, env.url);
    return revertGitopsCommit(wrap(repo), commit, source, { maxAttempts: 5 }, silent, {
      sleep: async () => {},
      random: () => 0,
    });
  }

  test('a plain revert restores the file as it was before the commit', async () => {
    const before = readRemoteFile(env.repo.bare, FILE);
    const commit = await bump('2.0.0');
    assert.match(readRemoteFile(env.repo.bare, FILE), /newTag: "2.0.0"/);
    const result = await revert(commit);
    assert.equal(result.reverted, true);
    assert.equal(result.partial, false);
    assert.equal(readRemoteFile(env.repo.bare, FILE), before);
    const head = remoteCommit(env.repo.bare);
    assert.equal(head.sha, result.commit);
    assert.deepEqual(head.parents, [commit]);
    assert.match(head.subject, /^Revert "/);
    assert.match(head.body, new RegExp(`This reverts commit ${commit}`));
  });

  test('a concurrent unrelated commit: the push races, the revert is redone on the new tip and lands', async () => {
    const before = readRemoteFile(env.repo.bare, FILE);
    const commit = await bump('2.0.0');
    let raced = '';
    const racing = (repo: ConfigRepo): ConfigRepo => ({
      ...repo,
      description: repo.description,
      async commitAndPush(message) {
        if (!raced) {
          raced = pushOther(env.repo.bare, (d) => editFile(d, 'README.md', (t) => `${t}more\n`), 'unrelated');
          tips.push(raced);
        }
        return repo.commitAndPush(message);
      },
    });
    const result = await revert(commit, racing);
    assert.equal(result.attempts, 2);
    assert.equal(readRemoteFile(env.repo.bare, FILE), before);
    assert.match(readRemoteFile(env.repo.bare, 'README.md'), /more\n$/);
    assert.deepEqual(remoteCommit(env.repo.bare).parents, [raced]);
  });

  test('a later commit changed other lines of the file: only our image line is restored', async () => {
    const commit = await bump('2.0.0');
    const later = pushOther(
      env.repo.bare,
      (d) =>
        editFile(d, FILE, (t) =>
          t.replace('# app-00 prod overlay', '# app-00 prod overlay (owned by team a)').concat('namePrefix: prod-\n'),
        ),
      'later edit',
    );
    tips.push(later);
    const result = await revert(commit);
    assert.equal(result.reverted, true);
    assert.equal(result.partial, true);
    assert.deepEqual(result.files[0]?.restored, [
      `line 8: newTag: "2.0.0" # bumped by CI → newTag: "1.0.0" # bumped by CI`,
    ]);
    const now = readRemoteFile(env.repo.bare, FILE);
    assert.match(now, /newTag: "1.0.0"/);
    assert.match(now, /owned by team a/);
    assert.match(now, /namePrefix: prod-\n$/);
    assert.deepEqual(remoteCommit(env.repo.bare).parents, [later]);
  });

  test('a later deploy changed our line: nothing is pushed, and it says why', async () => {
    const commit = await bump('2.0.0');
    await bump('2.1.0');
    const tip = remoteTip(env.repo.bare);
    const result = await revert(commit);
    assert.equal(result.reverted, false);
    assert.match(result.reason, /no longer holds the changes/);
    assert.deepEqual(result.files[0]?.skipped, ['line 8: newTag: "2.0.0" # bumped by CI']);
    assert.equal(remoteTip(env.repo.bare), tip);
  });
});
