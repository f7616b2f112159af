import assert from 'node:assert/strict';
import { test } from 'node:test';
import { backoffMs, type ConfigRepo, renderCommitMessage, updateGitopsTag } from '../../../src/core/gitops/update';
import { silentLog } from '../../../src/core/log';

const image = 'registry.example.com/team/web';
const kustomization = (tag: string) => `images:\n  - name: ${image}\n    newTag: ${tag} # bumped by CI\n`;

/** An in-memory config repo whose remote can move under us `rejections` times. */
function fakeRepo(remote: Record<string, string>, rejections = 0, onReject?: (remote: Record<string, string>) => void) {
  let work = { ...remote };
  const log = { pushes: 0, refreshes: 0, messages: [] as string[] };
  const repo: ConfigRepo = {
    description: 'fake (branch main)',
    trackedFiles: async () => Object.keys(work),
    readFiles: async (paths) => paths.map((p) => work[p] as string),
    writeFile: async (p, t) => {
      work[p] = t;
    },
    diff: async () => 'diff',
    async commitAndPush(message) {
      log.pushes++;
      if (log.pushes <= rejections) {
        onReject?.(remote);
        return { pushed: false, reason: 'the remote moved' };
      }
      log.messages.push(message);
      Object.assign(remote, work);
      return { pushed: true, commit: `c${log.pushes}` };
    },
    async refresh() {
      log.refreshes++;
      work = { ...remote };
    },
  };
  return { repo, log };
}

const settings = {
  image,
  tag: 'v2',
  digest: undefined,
  key: undefined,
  files: ['apps/*/kustomization.yaml'],
  commitMessage: 'deploy {image} {version} ({files})',
  maxAttempts: 5,
  dryRun: false,
};
const noWait = { sleep: async () => {}, random: () => 0.5 };

test('edits, commits once and reports previous values', async () => {
  const remote = { 'apps/web/kustomization.yaml': kustomization('v1'), 'apps/api/kustomization.yaml': 'images: []\n' };
  const { repo, log } = fakeRepo(remote);
  const result = await updateGitopsTag(repo, settings, silentLog, noWait);
  assert.equal(result.changed, true);
  assert.equal(result.commit, 'c1');
  assert.deepEqual(result.files, ['apps/web/kustomization.yaml']);
  assert.deepEqual(result.previous, { 'apps/web/kustomization.yaml': `${image}:v1` });
  assert.equal(remote['apps/web/kustomization.yaml'], kustomization('v2'));
  assert.deepEqual(log.messages, [`deploy ${image} v2 (apps/web/kustomization.yaml)`]);
});

test('a rejected push re-runs the edit on the new tip, keeping the other writer’s change', async () => {
  const remote: Record<string, string> = { 'apps/web/kustomization.yaml': kustomization('v1') };
  const { repo, log } = fakeRepo(remote, 2, (r) => {
    r['apps/web/kustomization.yaml'] = `# touched by someone else\n${kustomization('v1')}`;
  });
  const result = await updateGitopsTag(repo, settings, silentLog, noWait);
  assert.equal(result.attempts, 3);
  assert.equal(log.refreshes, 2);
  assert.equal(remote['apps/web/kustomization.yaml'], `# touched by someone else\n${kustomization('v2')}`);
});

test('gives up after max-attempts with a message saying nothing was pushed', async () => {
  const remote = { 'apps/web/kustomization.yaml': kustomization('v1') };
  const { repo } = fakeRepo(remote, 99);
  await assert.rejects(
    updateGitopsTag(repo, { ...settings, maxAttempts: 3 }, silentLog, noWait),
    /rejected 3 times.*nothing was pushed/,
  );
  assert.equal(remote['apps/web/kustomization.yaml'], kustomization('v1'));
});

test('already up to date: no commit, a reason', async () => {
  const remote = { 'apps/web/kustomization.yaml': kustomization('v2') };
  const { repo, log } = fakeRepo(remote);
  const result = await updateGitopsTag(repo, settings, silentLog, noWait);
  assert.equal(result.changed, false);
  assert.equal(result.commit, '');
  assert.equal(log.pushes, 0);
  assert.match(result.reason, /already holds registry.example.com\/team\/web:v2/);
});

test('dry-run computes the change without pushing', async () => {
  const remote = { 'apps/web/kustomization.yaml': kustomization('v1') };
  const { repo, log } = fakeRepo(remote);
  const result = await updateGitopsTag(repo, { ...settings, dryRun: true }, silentLog, noWait);
  assert.equal(result.changed, true);
  assert.equal(result.commit, '');
  assert.equal(log.pushes, 0);
  assert.equal(remote['apps/web/kustomization.yaml'], kustomization('v1'));
});

test('no listed file refers to the image: an error naming the image', async () => {
  const { repo } = fakeRepo({ 'apps/web/kustomization.yaml': 'images:\n  - name: other/app\n    newTag: v1\n' });
  await assert.rejects(updateGitopsTag(repo, settings, silentLog, noWait), /input 'image': no listed file refers to/);
});

test('backoff grows, is capped and jittered', () => {
  assert.equal(
    backoffMs(1, () => 1),
    500,
  );
  assert.equal(
    backoffMs(3, () => 1),
    2000,
  );
  assert.equal(
    backoffMs(20, () => 1),
    15000,
  );
  assert.equal(
    backoffMs(3, () => 0),
    0,
  );
  assert.equal(
    backoffMs(3, () => 0.5),
    1000,
  );
});

test('commit message placeholders', () => {
  const digest = `sha256:${'a'.repeat(64)}`;
  const msg = renderCommitMessage('{image}|{tag}|{digest}|{version}|{ref}|{files}', { ...settings, digest }, [
    'a',
    'b',
  ]);
  assert.equal(msg, `${image}|v2|${digest}|v2@${digest}|${image}:v2@${digest}|a, b`);
});

test('{version} of a digest-only update is the digest, without the reference separator', () => {
  const digest = `sha256:${'b'.repeat(64)}`;
  const msg = renderCommitMessage('set {version} | {ref}', { ...settings, tag: undefined, digest }, []);
  assert.equal(msg, `set ${digest} | ${image}@${digest}`);
});
