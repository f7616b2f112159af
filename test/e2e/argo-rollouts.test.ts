/**
 * Argo Rollouts through the scripted API server (the Rollout registered as a custom resource, status set by the
 * test as the Argo Rollouts controller publishes it): set-image's patch, verify-rollout's verdicts and undo.
 */
import assert from 'node:assert/strict';
import { after, describe, test } from 'node:test';
import { type FakeKube, type Raw, registerCustomResource, startFakeKube } from '../support/fake-kube-api';
import { kubectl, kubectlUnavailable } from '../support/fake-kube-kubectl';
import { cleanupTempDirs } from '../support/gitops-fixture';
import { skipUnlessAvailable } from '../support/requirements';
import { type Inputs, runCli } from '../support/run';

const skip = skipUnlessAvailable(kubectlUnavailable());
registerCustomResource({
  group: 'argoproj.io',
  version: 'v1alpha1',
  kind: 'Rollout',
  plural: 'rollouts',
  shortNames: ['ro'],
});

const fakes: FakeKube[] = [];
after(async () => {
  for (const f of fakes) await f.close();
  cleanupTempDirs();
});

const OLD = 'registry.example/web:1.0.0';
const NEXT = 'registry.example/web:2.0.0';
const steps = [{ setWeight: 20 }, { pause: {} }, { setWeight: 100 }];

function template(image: string, hash?: string): Raw {
  return {
    metadata: { labels: { app: 'web', ...(hash ? { 'rollouts-pod-template-hash': hash } : {}) } },
    spec: {
      containers: [
        { name: 'web', image, ports: [{ containerPort: 8080 }] },
        { name: 'proxy', image: 'registry.example/proxy:1' },
      ],
    },
  };
}

function rolloutManifest(image: string): Raw {
  return {
    apiVersion: 'argoproj.io/v1alpha1',
    kind: 'Rollout',
    metadata: { name: 'web', namespace: 'default', annotations: { 'rollout.argoproj.io/revision': '2' } },
    spec: {
      replicas: 2,
      selector: { matchLabels: { app: 'web' } },
      strategy: { canary: { steps } },
      template: template(image),
    },
  };
}

/** Status fields as the Argo Rollouts controller publishes them. */
function setStatus(fake: FakeKube, status: Raw): void {
  fake.update('rollout', 'web', (o) => {
    o.status = { observedGeneration: String(o.metadata.generation), replicas: 2, ...status };
  });
}

const healthy = {
  phase: 'Healthy',
  stableRS: 'h2',
  currentPodHash: 'h2',
  updatedReplicas: 2,
  availableReplicas: 2,
  readyReplicas: 2,
};
const paused = {
  phase: 'Paused',
  message: 'CanaryPauseStep',
  currentStepIndex: 1,
  pauseConditions: [{ reason: 'CanaryPauseStep', startTime: '2026-12-01T00:00:00Z' }],
  stableRS: 'h1',
  currentPodHash: 'h2',
  updatedReplicas: 1,
  availableReplicas: 2,
};
const aborted = {
  phase: 'Degraded',
  abort: true,
  message: 'RolloutAborted: Rollout aborted update to revision 2: metric "error-rate" assessed Failed',
  stableRS: 'h1',
  currentPodHash: 'h2',
  updatedReplicas: 0,
  availableReplicas: 2,
};

async function fakeWithRollout(image = NEXT): Promise<{ fake: FakeKube; kubeconfig: string; rollout: Raw }> {
  const fake = await startFakeKube({ rollout: 'manual' });
  fakes.push(fake);
  const rollout = fake.create(rolloutManifest(image));
  return { fake, kubeconfig: await fake.kubeconfig(), rollout };
}

/** The ReplicaSets the controller keeps per revision (owned by the Rollout). */
function createReplicaSet(fake: FakeKube, rollout: Raw, revision: number, image: string, hash: string): void {
  fake.create({
    apiVersion: 'apps/v1',
    kind: 'ReplicaSet',
    metadata: {
      name: `web-${hash}`,
      namespace: 'default',
      labels: { app: 'web', 'rollouts-pod-template-hash': hash },
      annotations: { 'rollout.argoproj.io/revision': String(revision) },
      ownerReferences: [
        {
          apiVersion: 'argoproj.io/v1alpha1',
          kind: 'Rollout',
          name: 'web',
          uid: rollout.metadata.uid,
          controller: true,
        },
      ],
    },
    spec: {
      replicas: 0,
      selector: { matchLabels: { app: 'web', 'rollouts-pod-template-hash': hash } },
      template: template(image, hash),
    },
  });
}

function verify(kubeconfig: string, inputs: Inputs) {
  return runCli(
    'verify-rollout',
    { workloads: 'rollout/web', namespace: 'default', ...inputs },
    { env: { KUBECONFIG: kubeconfig }, timeoutMs: 120_000 },
  );
}

describe('Argo Rollouts', { skip, timeout: 300_000 }, () => {
  test('set-image: a JSON merge patch with the whole container list (kubectl set image cannot patch a CRD)', async () => {
    const { fake, kubeconfig } = await fakeWithRollout(OLD);
    const k = await kubectl(fake, ['set', 'image', 'rollout/web', `web=${NEXT}`]);
    // kubectl only knows the pod templates of its built-in kinds: it refuses before sending anything.
    assert.notEqual(k.code, 0, 'kubectl set image does not handle a Rollout');
    assert.match(k.stderr, /no kind "Rollout" is registered/);
    assert.equal(fake.requests.filter((x) => x.verb === 'patch').length, 0);
    assert.equal(fake.get('rollout', 'web').spec.template.spec.containers[0].image, OLD);

    const since = fake.requests.length;
    const r = await runCli(
      'set-image',
      { workload: 'rollout/web', image: NEXT, namespace: 'default', 'change-cause': 'release 2' },
      { env: { KUBECONFIG: kubeconfig }, timeoutMs: 60_000 },
    );
    assert.equal(r.code, 0, r.stderr);
    assert.equal(r.outputs.changed, 'true');
    assert.equal(r.outputs['previous-image'], OLD);
    const patches = fake.requests.slice(since).filter((x) => x.verb === 'patch');
    assert.equal(patches.length, 1);
    assert.equal(patches[0]?.contentType?.split(';')[0], 'application/merge-patch+json');
    const o = fake.get('rollout', 'web');
    assert.deepEqual(o.spec.template.spec.containers, template(NEXT).spec.containers);
    assert.equal(o.metadata.annotations['kubernetes.io/change-cause'], 'release 2');
    assert.equal(o.metadata.generation, 2);
  });

  test('set-image: a Rollout changed between read and patch is not overwritten (409)', async () => {
    const { fake, kubeconfig } = await fakeWithRollout(OLD);
    // Someone else edits the Rollout as soon as cdpack has read it.
    fake
      .waitForRequest((x) => x.verb === 'get' && x.path.endsWith('/rollouts/web'))
      .then(() =>
        fake.update('rollout', 'web', (o) => {
          o.spec.template.spec.containers[1].image = 'registry.example/proxy:2';
        }),
      );
    const r = await runCli(
      'set-image',
      { workload: 'rollout/web', image: NEXT, namespace: 'default' },
      { env: { KUBECONFIG: kubeconfig }, timeoutMs: 60_000 },
    );
    assert.notEqual(r.code, 0);
    assert.equal(fake.get('rollout', 'web').spec.template.spec.containers[1].image, 'registry.example/proxy:2');
    assert.equal(fake.get('rollout', 'web').spec.template.spec.containers[0].image, OLD);
  });

  test('verify-rollout: healthy once the stable ReplicaSet is the new pod hash', async () => {
    const { fake, kubeconfig } = await fakeWithRollout();
    setStatus(fake, { ...healthy, phase: 'Progressing', stableRS: 'h1', updatedReplicas: 1, currentStepIndex: 0 });
    const since = fake.requests.length;
    const cluster = fake.waitForWatch('rollouts', since).then(() => setStatus(fake, healthy));
    const r = await verify(kubeconfig, { timeout: '60s' });
    await cluster;
    assert.equal(r.code, 0, r.stderr);
    assert.equal(r.outputs.result, 'success');
    assert.match(r.stdout + r.stderr, /web: Progressing, step 1\/3, 1\/2 updated/);
    assert.match(r.stdout + r.stderr, /rollout "web" successfully rolled out/);
  });

  test('verify-rollout: a canary paused at a step is reported as paused until the timeout', async () => {
    const { fake, kubeconfig } = await fakeWithRollout();
    setStatus(fake, paused);
    const r = await verify(kubeconfig, { timeout: '2s' });
    assert.equal(r.code, 1);
    assert.equal(r.outputs.result, 'failed');
    assert.match(
      r.outputs.diagnosis ?? '',
      /timed out after 2s while the rollout "web" is paused \(CanaryPauseStep\) at canary step 2\/3/,
    );
  });

  test('verify-rollout: aborted fails at once with the controller message', async () => {
    const { fake, kubeconfig } = await fakeWithRollout();
    setStatus(fake, aborted);
    const r = await verify(kubeconfig, { timeout: '10m' });
    assert.equal(r.code, 1);
    assert.equal(r.outputs.result, 'failed');
    assert.match(r.outputs.diagnosis ?? '', /rollout "web" was aborted: RolloutAborted: .*error-rate/);
  });

  test('verify-rollout: degraded (progress deadline) fails with its message', async () => {
    const { fake, kubeconfig } = await fakeWithRollout();
    setStatus(fake, {
      ...healthy,
      phase: 'Degraded',
      message: 'ProgressDeadlineExceeded: ReplicaSet "web-h2" has timed out progressing.',
      stableRS: 'h1',
    });
    const r = await verify(kubeconfig, { timeout: '10m' });
    assert.equal(r.code, 1);
    assert.match(r.outputs.diagnosis ?? '', /rollout "web" is degraded: ProgressDeadlineExceeded/);
  });

  test('verify-rollout rollback: the previous ReplicaSet’s template (kubectl argo rollouts undo), then healthy', async () => {
    const { fake, kubeconfig, rollout } = await fakeWithRollout();
    createReplicaSet(fake, rollout, 1, OLD, 'h1');
    createReplicaSet(fake, rollout, 2, NEXT, 'h2');
    setStatus(fake, aborted);
    const since = fake.requests.length;
    const cluster = fake
      .waitForRequest((x) => x.verb === 'patch' && x.status < 300, since)
      .then(() => setImmediate(() => setStatus(fake, { ...healthy, stableRS: 'h1', currentPodHash: 'h1' })));
    const r = await verify(kubeconfig, { timeout: '60s', rollback: 'true' });
    await cluster;
    assert.equal(r.code, 1);
    assert.equal(r.outputs.result, 'rolled-back', r.stdout + r.stderr);
    const [patch] = fake.requests.slice(since).filter((x) => x.verb === 'patch');
    assert.equal(patch?.contentType?.split(';')[0], 'application/json-patch+json');
    // The ReplicaSet's template (as stored, with the API server's defaults), minus the controller's hash label.
    const restored = fake.get('rollout', 'web').spec.template;
    assert.deepEqual(
      restored.spec.containers.map((c: Raw) => c.image),
      [OLD, 'registry.example/proxy:1'],
    );
    assert.deepEqual(restored.metadata.labels, { app: 'web' });
  });
});
