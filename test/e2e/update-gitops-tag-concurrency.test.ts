// Many update-gitops-tag runs racing on one remote: no update lost, none failed.
import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import {
  appImage,
  cleanupTempDirs,
  fsckOk,
  type GitopsEnv,
  overlayPath,
  readRemoteFile,
  remoteCommit,
  remoteLog,
  remoteRevCount,
  remoteTip,
  startGitopsEnv,
} from '../support/gitops-fixture';
import { runCli } from '../support/run';

const ACTION = 'update-gitops-tag';
// The machine may have 2 cores: 20 node processes + git take a while. No timing assertions.
const RUN_TIMEOUT = 180_000;

describe('update-gitops-tag under concurrency', { timeout: 420_000 }, () => {
  let env: GitopsEnv;

  before(async () => {
    env = await startGitopsEnv({ apps: 20 });
  });
  after(async () => {
    await env?.close();
    cleanupTempDirs();
  });

  /** Attempts each run needed, from its `pushed <sha> after N attempt(s)` log line. */
  const attempts = (runs: { stderr: string }[]) =>
    runs.map((r) => Number(/after (\d+) attempt/.exec(r.stderr)?.[1] ?? 0)).sort((a, b) => a - b);

  test('20 runs at once, each bumping a different app: 20 commits, all succeed', async (t) => {
    const start = remoteTip(env.repo.bare);
    const count = remoteRevCount(env.repo.bare);
    const runs = await Promise.all(
      Array.from({ length: 20 }, (_, i) =>
        runCli(
          ACTION,
          {
            repository: env.url,
            username: env.user,
            files: overlayPath(i),
            image: appImage(i),
            tag: `2.0.${i}`,
            'commit-message': 'bump {image} to {tag}',
          },
          { env: { CDPACK_TOKEN: env.token }, timeoutMs: RUN_TIMEOUT },
        ),
      ),
    );

    runs.forEach((r, i) => {
      assert.equal(r.timedOut, false, `run ${i} timed out`);
      assert.equal(r.code, 0, `run ${i} failed:\n${r.stderr}`);
      assert.equal(r.outputs.changed, 'true', `run ${i}`);
      assert.match(r.outputs.commit ?? '', /^[0-9a-f]{40}$/, `run ${i}`);
      assert.deepEqual(JSON.parse(r.outputs.files ?? 'null'), [overlayPath(i)]);
    });
    const commits = runs.map((r) => r.outputs.commit);
    assert.equal(new Set(commits).size, 20, 'commits are not distinct');

    assert.equal(remoteRevCount(env.repo.bare), count + 20);
    const log = remoteLog(env.repo.bare, start);
    assert.equal(log.length, 20);
    // History is linear (each commit re-applied on the tip, no merges) and holds exactly the reported commits.
    for (const c of log) assert.equal(c.parents.length, 1, `merge commit ${c.sha}`);
    assert.deepEqual(new Set(log.map((c) => c.sha)), new Set(commits));
    for (let i = 0; i < 20; i++) {
      const c = log.find((x) => x.sha === runs[i]?.outputs.commit);
      assert.ok(c, `commit of run ${i} is not on main`);
      assert.deepEqual(c.files, [overlayPath(i)]);
      assert.equal(c.subject, `bump ${appImage(i)} to 2.0.${i}`);
      // Every app ends on its own tag: no update was lost to a concurrent push.
      assert.match(readRemoteFile(env.repo.bare, overlayPath(i)), new RegExp(`newTag: "2\\.0\\.${i}" # bumped by CI`));
      assert.match(readRemoteFile(env.repo.bare, overlayPath(i, 'staging')), /newTag: "1\.0\.0"/);
    }
    // At least some runs must have lost a race and retried (otherwise this test proves nothing).
    const retried = runs.filter((r) => /push rejected|retrying/i.test(r.stderr)).length;
    t.diagnostic(`attempts per run: ${attempts(runs).join(' ')}`);
    assert.ok(retried > 0, 'no run ever retried: the runs did not overlap');
    assert.ok(fsckOk(env.repo.bare));
  });

  test('10 runs bumping the same image to 10 tags: ends on one of them, none failed', async (t) => {
    const file = overlayPath(7, 'staging');
    const count = remoteRevCount(env.repo.bare);
    const tags = Array.from({ length: 10 }, (_, i) => `3.0.${i}`);
    const runs = await Promise.all(
      tags.map((tag) =>
        runCli(
          ACTION,
          { repository: env.url, username: env.user, files: file, image: appImage(7), tag },
          { env: { CDPACK_TOKEN: env.token }, timeoutMs: RUN_TIMEOUT },
        ),
      ),
    );

    const committed: string[] = [];
    runs.forEach((r, i) => {
      assert.equal(r.timedOut, false, `run ${i} timed out`);
      assert.equal(r.code, 0, `run ${i} failed:\n${r.stderr}`);
      assert.match(r.outputs.changed ?? '', /^(true|false)$/, `run ${i}`);
      if (r.outputs.changed === 'true') {
        assert.match(r.outputs.commit ?? '', /^[0-9a-f]{40}$/);
        committed.push(r.outputs.commit ?? '');
      } else {
        assert.equal(r.outputs.commit, '');
        assert.match(r.stderr, /no commit: .+/, `run ${i} reported changed=false without a reason`);
      }
    });
    assert.ok(committed.length >= 1);
    t.diagnostic(`${committed.length} of 10 committed; attempts: ${attempts(runs).join(' ')}`);
    assert.equal(new Set(committed).size, committed.length, 'two runs reported the same commit');
    assert.equal(remoteRevCount(env.repo.bare), count + committed.length);

    const finalText = readRemoteFile(env.repo.bare, file);
    const final = /newTag: "([^"]+)"/.exec(finalText)?.[1];
    assert.ok(final && tags.includes(final), `final tag ${final} is not one of the 10`);
    // The last commit on main is the one that set the final tag.
    const tip = remoteCommit(env.repo.bare);
    assert.ok(committed.includes(tip.sha));
    const winner = runs[tags.indexOf(final)];
    assert.equal(winner?.outputs.commit, tip.sha, 'the run whose tag won did not report the tip commit');
    assert.ok(fsckOk(env.repo.bare));
  });
});
