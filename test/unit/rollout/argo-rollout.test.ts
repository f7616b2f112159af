import assert from 'node:assert/strict';
import { test } from 'node:test';
import {
  argoRolloutProgressLine,
  argoRolloutStatus,
  rolloutImagePatch,
  rolloutUndo,
} from '../../../src/core/rollout/argo-rollout';
import { parseWorkloadRef } from '../../../src/core/rollout/workload';

const steps = [{ setWeight: 20 }, { pause: {} }, { setWeight: 100 }];
const rollout = (status: Record<string, unknown>, extra: Record<string, unknown> = {}) => ({
  metadata: { name: 'web', generation: 3, uid: 'u1', resourceVersion: '42', annotations: {} },
  spec: { replicas: 2, strategy: { canary: { steps } }, template: { spec: { containers: [] } }, ...extra },
  status: { observedGeneration: '3', ...status },
});
const healthy = {
  phase: 'Healthy',
  stableRS: 'abc',
  currentPodHash: 'abc',
  updatedReplicas: 2,
  availableReplicas: 2,
};

test('rollout refs: rollout/, rollouts/, ro/ and the group-qualified form', () => {
  for (const text of ['rollout/web', 'rollouts/web', 'ro/web', 'rollout.argoproj.io/web']) {
    assert.deepEqual(parseWorkloadRef('workload', text), { kind: 'Rollout', name: 'web', display: 'rollout/web' });
  }
});

test('Healthy with the stable ReplicaSet on the current pod hash is done', () => {
  const v = argoRolloutStatus(rollout(healthy));
  assert.equal(v.done, true);
  assert.equal(v.message, 'rollout "web" successfully rolled out\n');
});

test('older controllers without phase: Available condition, still needs the hash and replicas', () => {
  const cond = { conditions: [{ type: 'Available', status: 'True' }] };
  const { phase: _, ...noPhase } = healthy;
  assert.equal(argoRolloutStatus(rollout({ ...noPhase, ...cond })).done, true);
  assert.equal(argoRolloutStatus(rollout({ ...noPhase })).done, false);
});

test('not done: spec not observed, stable RS still the old hash, replicas short', () => {
  const v1 = argoRolloutStatus(rollout({ ...healthy, observedGeneration: '2' }));
  assert.deepEqual([v1.done, v1.message], [false, 'Waiting for rollout spec update to be observed...\n']);
  const v2 = argoRolloutStatus(rollout({ ...healthy, phase: 'Progressing', stableRS: 'old', currentStepIndex: 0 }));
  assert.equal(v2.done, false);
  assert.match(v2.message, /stable ReplicaSet is not yet the new pod hash at canary step 1\/3/);
  const v3 = argoRolloutStatus(rollout({ ...healthy, availableReplicas: 1 }));
  assert.match(v3.message, /1 of 2 updated replicas are available/);
  // A spec hash in observedGeneration (very old controllers) is not compared.
  assert.equal(argoRolloutStatus(rollout({ ...healthy, observedGeneration: '5c9f8d7b6' })).done, true);
});

test('Paused (canary pause step) is not finished and says so', () => {
  const v = argoRolloutStatus(
    rollout({
      phase: 'Paused',
      message: 'CanaryPauseStep',
      currentStepIndex: 1,
      pauseConditions: [{ reason: 'CanaryPauseStep', startTime: '2026-01-01T00:00:00Z' }],
      stableRS: 'old',
      currentPodHash: 'abc',
    }),
  );
  assert.equal(v.error, undefined);
  assert.equal(v.done, false);
  assert.equal(v.paused, true);
  assert.equal(v.message, 'rollout "web" is paused (CanaryPauseStep) at canary step 2/3\n');
  assert.equal(argoRolloutStatus(rollout(healthy, { paused: true })).paused, true);
});

test('Degraded and aborted fail with the controller message', () => {
  const aborted = argoRolloutStatus(
    rollout({ phase: 'Degraded', abort: true, message: 'RolloutAborted: Rollout aborted update to revision 2' }),
  );
  assert.equal(aborted.error, 'rollout "web" was aborted: RolloutAborted: Rollout aborted update to revision 2');
  const degraded = argoRolloutStatus(
    rollout({
      phase: 'Degraded',
      conditions: [{ type: 'Progressing', status: 'False', reason: 'ProgressDeadlineExceeded', message: 'too slow' }],
    }),
  );
  assert.equal(degraded.error, 'rollout "web" is degraded: too slow');
  const invalid = argoRolloutStatus(
    rollout({ conditions: [{ type: 'InvalidSpec', status: 'True', message: 'steps[0] bad' }] }),
  );
  assert.equal(invalid.error, 'rollout "web" has an invalid spec: steps[0] bad');
});

test('progress line', () => {
  assert.equal(
    argoRolloutProgressLine(rollout({ phase: 'Progressing', currentStepIndex: 0, updatedReplicas: 1 })),
    'web: Progressing, step 1/3, 1/2 updated, 0 available',
  );
});

test('set-image patch: the whole list with the new image, guarded by resourceVersion', () => {
  const spec = {
    containers: [
      { name: 'web', image: 'r/web:1', ports: [{ containerPort: 80 }] },
      { name: 'proxy', image: 'r/proxy:1' },
    ],
  };
  const changes = [{ list: 'containers' as const, name: 'web', previous: 'r/web:1', image: 'r/web:2' }];
  assert.deepEqual(rolloutImagePatch(spec, '42', changes, 'deploy 2'), {
    metadata: { resourceVersion: '42', annotations: { 'kubernetes.io/change-cause': 'deploy 2' } },
    spec: {
      template: {
        spec: {
          containers: [
            { name: 'web', image: 'r/web:2', ports: [{ containerPort: 80 }] },
            { name: 'proxy', image: 'r/proxy:1' },
          ],
        },
      },
    },
  });
  assert.equal(rolloutImagePatch(spec, '42', [{ ...changes[0], image: 'r/web:1' } as never], undefined), undefined);
});

test('undo: the previous revision’s template without the pod hash label; skipped when there is none', () => {
  const owner = { ownerReferences: [{ controller: true, uid: 'u1' }] };
  const rs = (rev: string, image: string, hash: string) => ({
    metadata: { name: `web-${hash}`, annotations: { 'rollout.argoproj.io/revision': rev }, ...owner },
    spec: {
      template: {
        metadata: { labels: { app: 'web', 'rollouts-pod-template-hash': hash } },
        spec: { containers: [{ name: 'web', image }] },
      },
    },
  });
  const r = rollout(healthy);
  r.metadata.annotations = { 'rollout.argoproj.io/revision': '3' };
  const plan = rolloutUndo(r, [rs('1', 'r/web:1', 'h1'), rs('3', 'r/web:3', 'h3'), rs('2', 'r/web:2', 'h2')]);
  assert.deepEqual(plan, {
    action: 'patch',
    patchType: 'json',
    revision: 2,
    body: [
      { op: 'test', path: '/metadata/resourceVersion', value: '42' },
      {
        op: 'replace',
        path: '/spec/template',
        value: { metadata: { labels: { app: 'web' } }, spec: { containers: [{ name: 'web', image: 'r/web:2' }] } },
      },
    ],
  });
  assert.equal(rolloutUndo(r, [rs('3', 'r/web:3', 'h3')]).action, 'skip');
  assert.equal(rolloutUndo(rollout(healthy, { workloadRef: { name: 'web' } }), []).action, 'skip');
});
