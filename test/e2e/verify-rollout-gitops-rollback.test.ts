/**
 * verify-rollout with `rollback: true` and `revision`: a failed rollout is rolled back by reverting the
 * update-gitops-tag commit in the config repository (real git server), not by patching the cluster.
 */
import assert from 'node:assert/strict';
import { after, describe, test } from 'node:test';
import { startFakeKube } from '../support/fake-kube-api';
import { kubectlUnavailable } from '../support/fake-kube-kubectl';
import { deploymentManifest, setDeploymentStatus, setTemplateImage } from '../support/fake-kube-workloads';
import {
  appImage,
  cleanupTempDirs,
  git,
  overlayPath,
  readRemoteFile,
  remoteCommit,
  remoteTip,
  startGitopsEnv,
} from '../support/gitops-fixture';
import { application, registerGitOpsCrds } from '../support/gitops-objects';
import { skipUnlessAvailable } from '../support/requirements';
import { runCli } from '../support/run';

const skip = skipUnlessAvailable(kubectlUnavailable());
registerGitOpsCrds();
after(cleanupTempDirs);

/** The release: update-gitops-tag bumps app 0 to 2.0.0 in the config repository; returns its commit. */
async function releaseCommit(env: Awaited<ReturnType<typeof startGitopsEnv>>): Promise<string> {
  const bump = await runCli(
    'update-gitops-tag',
    { repository: env.url, username: env.user, files: overlayPath(0), image: appImage(0), tag: '2.0.0' },
    { env: { CDPACK_TOKEN: env.token }, timeoutMs: 120_000 },
  );
  assert.equal(bump.code, 0, bump.stderr);
  return bump.outputs.commit as string;
}

/** Resolves with the branch tip once it is no longer `from` (the revert has been pushed). */
async function nextTip(bare: string, from: string, ms = 60_000): Promise<string> {
  for (const until = Date.now() + ms; Date.now() < until; await new Promise((r) => setTimeout(r, 100))) {
    const tip = remoteTip(bare);
    if (tip !== from) return tip;
  }
  throw new Error('no revert was pushed');
}

describe('verify-rollout GitOps rollback', { skip, timeout: 300_000 }, () => {
  test('a failed rollout reverts the config-repo commit: rolled-back, step fails, cluster untouched', async () => {
    const env = await startGitopsEnv({ apps: 1 });
    const fake = await startFakeKube({ rollout: 'manual' });
    try {
      const before = readRemoteFile(env.repo.bare, overlayPath(0));
      const commit = await releaseCommit(env);

      // What the GitOps controller applied: the new tag, stuck.
      fake.create(deploymentManifest({ image: `${appImage(0)}:1.0.0` }));
      setDeploymentStatus(fake, 'web', { updated: 3, available: 3 });
      setTemplateImage(fake, 'deployment', 'web', `${appImage(0)}:2.0.0`);
      setDeploymentStatus(fake, 'web', {
        replicas: 4,
        updated: 1,
        available: 3,
        progressing: 'ProgressDeadlineExceeded',
      });

      const r = await runCli(
        'verify-rollout',
        {
          workloads: 'deployment/web',
          namespace: 'default',
          rollback: 'true',
          revision: commit,
          repository: env.url,
          username: env.user,
          timeout: '60s',
        },
        { env: { KUBECONFIG: await fake.kubeconfig(), CDPACK_TOKEN: env.token }, timeoutMs: 120_000 },
      );
      assert.equal(r.code, 1, r.stdout + r.stderr);
      assert.equal(r.outputs.result, 'rolled-back', r.stdout + r.stderr);
      assert.equal(r.outputs['rollback-commit'], remoteTip(env.repo.bare));
      assert.equal(readRemoteFile(env.repo.bare, overlayPath(0)), before);
      assert.deepEqual(remoteCommit(env.repo.bare).parents, [commit]);
      git(['--git-dir', env.repo.bare, 'merge-base', '--is-ancestor', commit, 'main']);
      assert.match(r.outputs.diagnosis ?? '', /GitOps rollback: reverted/);
      assert.match(r.outputs.diagnosis ?? '', /not waiting for the revert to be applied/);
      assert.equal(fake.requests.filter((x) => x.verb === 'patch').length, 0, 'the cluster was patched');
      assert.equal((r.stdout + r.stderr).includes(env.token), false, 'token leaked');
    } finally {
      await fake.close();
      await env.close();
    }
  });

  test('a revision that is not a full commit id is refused before anything runs', async () => {
    const r = await runCli(
      'verify-rollout',
      { workloads: 'deployment/web', rollback: 'true', revision: 'abc123' },
      { timeoutMs: 60_000 },
    );
    assert.notEqual(r.code, 0);
    assert.match(r.stderr + r.stdout, /revision.*not a full commit id/);
  });
});

describe('verify-rollout GitOps rollback through Argo CD', { skip, timeout: 300_000 }, () => {
  // The whole path: update-gitops-tag pushes the release commit, Argo CD (its Application served by the scripted
  // Kubernetes API) reports it Degraded, verify-rollout reverts the commit in the real config repository and waits
  // through the same Application until Argo CD runs the revert.
  async function release() {
    const env = await startGitopsEnv({ apps: 1 });
    const fake = await startFakeKube();
    const before = readRemoteFile(env.repo.bare, overlayPath(0));
    const commit = await releaseCommit(env);
    fake.create(
      application('web', 'argocd', {
        health: 'Degraded',
        revision: commit,
        resources: [
          {
            kind: 'Deployment',
            namespace: 'web',
            name: 'web',
            health: { status: 'Degraded', message: 'Back-off pulling image' },
          },
        ],
      }),
      { raw: true },
    );
    const kubeconfig = await fake.kubeconfig();
    const verify = (timeout: string) =>
      runCli(
        'verify-rollout',
        {
          'argocd-app': 'argocd/web',
          revision: commit,
          refresh: 'false',
          rollback: 'true',
          repository: env.url,
          username: env.user,
          timeout,
        },
        { env: { KUBECONFIG: kubeconfig, CDPACK_TOKEN: env.token }, timeoutMs: 120_000 },
      );
    return { env, fake, before, commit, verify };
  }

  test('Degraded on the release commit: the revert is pushed, Argo CD applies it, rolled-back', async () => {
    const { env, fake, before, commit, verify } = await release();
    try {
      const run = verify('60s');
      const revert = await nextTip(env.repo.bare, commit);
      // Argo CD syncs the revert: first still progressing, then healthy on the revert commit.
      fake.update(
        'Application',
        'web',
        (a) =>
          Object.assign(a.status, application('web', 'argocd', { health: 'Progressing', revision: revert }).status),
        'argocd',
      );
      fake.update(
        'Application',
        'web',
        (a) => Object.assign(a.status, application('web', 'argocd', { revision: revert }).status),
        'argocd',
      );
      const r = await run;
      assert.equal(r.code, 1, r.stdout + r.stderr);
      assert.equal(r.outputs.result, 'rolled-back', r.stdout + r.stderr);
      assert.equal(r.outputs['rollback-commit'], revert);
      assert.deepEqual(remoteCommit(env.repo.bare).parents, [commit]);
      assert.equal(readRemoteFile(env.repo.bare, overlayPath(0)), before);
      assert.match(r.outputs.diagnosis ?? '', /Deployment\/web\/web: Degraded: Back-off pulling image/);
      assert.match(r.outputs.diagnosis ?? '', /GitOps rollback: reverted/);
      assert.doesNotMatch(r.outputs.diagnosis ?? '', /not waiting|was not applied/);
      assert.equal((r.stdout + r.stderr).includes(env.token), false, 'token leaked');
    } finally {
      await fake.close();
      await env.close();
    }
  });

  test('a revert that Argo CD never applies: failed, and the diagnosis names the revert commit', async () => {
    const { env, fake, commit, verify } = await release();
    try {
      const r = await verify('4s');
      assert.equal(r.code, 1, r.stdout + r.stderr);
      assert.equal(r.outputs.result, 'failed', r.stdout + r.stderr);
      const revert = remoteTip(env.repo.bare);
      assert.notEqual(revert, commit, 'the revert was pushed');
      assert.equal(r.outputs['rollback-commit'], revert);
      assert.match(r.outputs.diagnosis ?? '', new RegExp(`the revert ${revert} was not applied: .*timed out`));
    } finally {
      await fake.close();
      await env.close();
    }
  });
});
