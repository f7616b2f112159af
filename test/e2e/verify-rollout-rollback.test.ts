/**
 * verify-rollout's rollback against the scripted API server, refereed by the real kubectl: after the same failed
 * release on two fresh fakes, `kubectl rollout undo` and `cdpack verify-rollout --rollback true` must restore the
 * same template (and, for a Deployment, the same annotations).
 */
import assert from 'node:assert/strict';
import { after, describe, test } from 'node:test';
import { type FakeKube, type Raw, startFakeKube } from '../support/fake-kube-api';
import { kubectl, kubectlUnavailable } from '../support/fake-kube-kubectl';
import {
  daemonSetManifest,
  deploymentManifest,
  setDaemonSetStatus,
  setDeploymentStatus,
  setStatefulSetStatus,
  setTemplateImage,
  statefulSetManifest,
} from '../support/fake-kube-workloads';
import { cleanupTempDirs } from '../support/gitops-fixture';
import { skipUnlessAvailable } from '../support/requirements';
import { runCli } from '../support/run';

const skip = skipUnlessAvailable(kubectlUnavailable());
const fakes: FakeKube[] = [];
after(async () => {
  for (const f of fakes) await f.close();
  cleanupTempDirs();
});

interface Case {
  kind: 'deployment' | 'statefulset' | 'daemonset';
  name: string;
  manifest: () => Raw;
  /** The status of a complete rollout, and of the stuck release. */
  complete: (fake: FakeKube) => void;
  stuck: (fake: FakeKube) => void;
}

const cases: Case[] = [
  {
    kind: 'deployment',
    name: 'web',
    manifest: () => deploymentManifest({ image: 'registry.example/web:1.0.0' }),
    complete: (f) => setDeploymentStatus(f, 'web', { updated: 3, available: 3 }),
    stuck: (f) =>
      setDeploymentStatus(f, 'web', { replicas: 4, updated: 1, available: 3, progressing: 'ProgressDeadlineExceeded' }),
  },
  {
    kind: 'statefulset',
    name: 'db',
    manifest: () => statefulSetManifest({ image: 'registry.example/web:1.0.0' }),
    complete: (f) => setStatefulSetStatus(f, 'db', { ready: 3, updated: 3, revisionsEqual: true }),
    stuck: (f) => setStatefulSetStatus(f, 'db', { ready: 2, updated: 1 }),
  },
  {
    kind: 'daemonset',
    name: 'agent',
    manifest: () => daemonSetManifest({ image: 'registry.example/web:1.0.0' }),
    complete: (f) => setDaemonSetStatus(f, 'agent', { desired: 3, updated: 3, available: 3 }),
    stuck: (f) => setDaemonSetStatus(f, 'agent', { desired: 3, updated: 1, available: 2 }),
  },
];

/** A workload at revision 1 (complete), then a release of 2.0.0 that is stuck. */
async function failedRelease(c: Case): Promise<FakeKube> {
  const fake = await startFakeKube({ rollout: 'manual' });
  fakes.push(fake);
  fake.create(c.manifest());
  c.complete(fake);
  setTemplateImage(fake, c.kind, c.name, 'registry.example/web:2.0.0');
  c.stuck(fake);
  return fake;
}

function restored(fake: FakeKube, c: Case) {
  const o = fake.get(c.kind, c.name);
  return {
    template: o.spec.template,
    annotations: c.kind === 'deployment' ? o.metadata.annotations : undefined,
  };
}

describe('verify-rollout rollback restores what kubectl rollout undo restores', { skip, timeout: 300_000 }, () => {
  for (const c of cases) {
    test(`${c.kind}/${c.name}`, async () => {
      const theirs = await failedRelease(c);
      const ours = await failedRelease(c);
      const k = await kubectl(theirs, ['rollout', 'undo', `${c.kind}/${c.name}`]);
      assert.equal(k.code, 0, k.stderr);

      const kubeconfig = await ours.kubeconfig();
      const since = ours.requests.length;
      // The cluster's part: once the undo arrives, the restored revision rolls out.
      const cluster = ours
        .waitForRequest((r) => r.verb === 'patch' && r.status < 300, since)
        .then(() => setImmediate(() => c.complete(ours)));
      const timeout = c.kind === 'deployment' ? '60s' : '3s'; // only the Deployment fails before the timeout
      const r = await runCli(
        'verify-rollout',
        { workloads: `${c.kind}/${c.name}`, namespace: 'default', rollback: 'true', timeout },
        { env: { KUBECONFIG: kubeconfig }, timeoutMs: 120_000 },
      );
      await cluster;
      assert.equal(r.code, 1, r.stderr);
      assert.equal(r.outputs.result, 'rolled-back', r.stderr);
      assert.deepEqual(restored(ours, c), restored(theirs, c));
      assert.equal(ours.get(c.kind, c.name).spec.template.spec.containers[0].image, 'registry.example/web:1.0.0');
      const [ourPatch] = ours.requests.filter((x) => x.verb === 'patch');
      const [kubectlPatch] = theirs.requests.filter((x) => x.verb === 'patch');
      assert.equal(ourPatch?.contentType, kubectlPatch?.contentType);
      assert.deepEqual(ourPatch?.body, kubectlPatch?.body);
    });
  }
});
