import assert from 'node:assert/strict';
import { test } from 'node:test';
import { planFileRevert, revertGitopsCommit, revertMessage } from '../../../src/core/gitops/revert';
import type { ConfigRepo } from '../../../src/core/gitops/update';

const before = 'images:\n  - name: r/web\n    newTag: 1.0.0\n  - name: r/worker\n    newTag: 3.0.0\n';
const after = before.replace('newTag: 1.0.0', 'newTag: 2.0.0');

test('file still as the commit left it: restored whole', () => {
  const plan = planFileRevert({ path: 'k.yaml', before, after, now: after });
  assert.equal(plan.mode, 'whole-file');
  assert.equal(plan.text, before);
  assert.deepEqual(plan.restored, ['line 3: newTag: 2.0.0 → newTag: 1.0.0']);
});

test('a later commit changed other lines: only our line is put back', () => {
  const now = `# comment added later\n${after.replace('newTag: 3.0.0', 'newTag: 3.1.0')}`;
  const plan = planFileRevert({ path: 'k.yaml', before, after, now });
  assert.equal(plan.mode, 'lines');
  assert.equal(plan.text, `# comment added later\n${before.replace('newTag: 3.0.0', 'newTag: 3.1.0')}`);
  assert.deepEqual(plan.restored, ['line 4: newTag: 2.0.0 → newTag: 1.0.0']);
  assert.deepEqual(plan.skipped, []);
});

test('our line changed again by a later deploy: left alone and reported', () => {
  const now = after.replace('newTag: 2.0.0', 'newTag: 2.1.0').replace('newTag: 3.0.0', 'newTag: 3.1.0');
  const plan = planFileRevert({ path: 'k.yaml', before, after, now });
  assert.equal(plan.mode, 'already-reverted');
  assert.equal(plan.text, undefined);
  assert.deepEqual(plan.skipped, ['line 3: newTag: 2.0.0']);
});

test('already reverted, unchanged, added files, line-count changes with later edits', () => {
  assert.equal(planFileRevert({ path: 'k', before, after, now: before }).mode, 'already-reverted');
  assert.equal(planFileRevert({ path: 'k', before, after: before, now: before }).mode, 'unchanged');
  assert.throws(() => planFileRevert({ path: 'k', before: undefined, after, now: after }), /added this file/);
  const grown = `${after}  - name: r/new\n    newTag: 1.0.0\n`;
  assert.equal(planFileRevert({ path: 'k', before, after: grown, now: grown }).text, before);
  assert.throws(() => planFileRevert({ path: 'k', before, after: grown, now: `#x\n${grown}` }), /revert it by hand/);
});

test('revert flow: a race is retried on the new tip, never forced', async () => {
  let remote: Record<string, string> = { 'k.yaml': after };
  let local = { ...remote };
  const pushes: string[] = [];
  let raced = false;
  const repo: ConfigRepo = {
    description: 'mem',
    trackedFiles: async () => Object.keys(local),
    readFiles: async (paths) => paths.map((p) => local[p] as string),
    writeFile: async (p, t) => {
      local[p] = t;
    },
    diff: async () => '',
    commitAndPush: async (message) => {
      if (!raced) {
        raced = true;
        remote = { 'k.yaml': `# unrelated\n${after}` };
        return { pushed: false, reason: 'the remote moved' };
      }
      pushes.push(message);
      remote = { ...local };
      return { pushed: true, commit: 'c2' };
    },
    refresh: async () => {
      local = { ...remote };
    },
  };
  const log = { info: () => {}, warn: () => {}, debug: () => {} } as never;
  const result = await revertGitopsCommit(
    repo,
    'abc123',
    { subject: 'bump web', files: [{ path: 'k.yaml', before, after }] },
    { maxAttempts: 3 },
    log,
    { sleep: async () => {}, random: () => 0 },
  );
  assert.equal(result.attempts, 2);
  assert.equal(result.partial, true);
  assert.equal(remote['k.yaml'], `# unrelated\n${before}`);
  assert.deepEqual(pushes, [revertMessage('bump web', 'abc123')]);
});
