/** Every case of kubectl's rollout_status_test.go (transcribed in ../shared/oracles), plus the rules it does not cover. */
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { describe, test } from 'node:test';
import { progressLine, rolloutStatus } from '../../../src/core/rollout/status';
import { missingShared, sharedPath, skipUnlessAvailable } from '../../support/requirements';

/** kubectl's rollout-status test table in ../shared: skipped outside CI when absent, a failure in CI. */
const CASES = ['oracles', 'kubectl', 'rollout-status-test-cases.json'] as const;
const skip = skipUnlessAvailable(missingShared(...CASES));
const cases = skip ? {} : JSON.parse(readFileSync(sharedPath(...CASES), 'utf8'));

/** The upstream table lists done=true for a case the real viewer answers done=false (see the rules' caveats). */
const upstreamDoneCaveat = 'partition update is in progress if all pods above the partition have not been updated';

describe('kubectl rollout status test table', { skip }, () => {
  for (const c of cases.deployment ?? []) {
    test(`deployment ${c.name}`, () => {
      const object = {
        metadata: { name: 'foo', namespace: 'bar', generation: c.generation },
        spec: { replicas: c.specReplicas },
        status: c.status,
      };
      const v = rolloutStatus('Deployment', object);
      assert.equal(v.error, undefined);
      assert.equal(v.message, c.msg);
      assert.equal(v.done, c.done);
    });
  }
  for (const c of cases.daemonset ?? []) {
    test(`daemonset ${c.name}`, () => {
      const object = {
        metadata: { name: 'foo', namespace: 'bar', generation: c.generation },
        spec: { updateStrategy: { type: 'RollingUpdate' } },
        status: c.status,
      };
      const v = rolloutStatus('DaemonSet', object);
      assert.equal(v.message, c.msg);
      assert.equal(v.done, c.done);
    });
  }
  for (const c of cases.statefulset ?? []) {
    test(`statefulset ${c.name}`, () => {
      const object = {
        metadata: { name: 'foo', namespace: 'default', generation: c.generation },
        spec: { replicas: 3, updateStrategy: c.strategy },
        status: c.status,
      };
      const v = rolloutStatus('StatefulSet', object);
      assert.equal(v.message, c.msg);
      assert.equal(v.error !== undefined, c.err);
      assert.equal(v.done, c.name === upstreamDoneCaveat ? false : c.done);
    });
  }
  test('daemonset with a strategy other than RollingUpdate', () => {
    const w = cases.daemonsetWrongStrategy;
    const v = rolloutStatus('DaemonSet', { metadata: { name: 'foo' }, spec: w.spec, status: {} });
    assert.equal(v.error, w.expectedError);
    assert.equal(v.done, true);
  });
});

describe('rules the upstream table does not cover', () => {
  const deployment = (extra: Record<string, unknown> = {}, status: Record<string, unknown> = {}) => ({
    metadata: { name: 'web', generation: 2, ...extra },
    spec: { replicas: 3 },
    status: { observedGeneration: 2, replicas: 3, updatedReplicas: 1, availableReplicas: 2, ...status },
  });

  test('ProgressDeadlineExceeded is an error once the spec is seen (reason only, not status)', () => {
    const conditions = [{ type: 'Progressing', status: 'Unknown', reason: 'ProgressDeadlineExceeded' }];
    assert.deepEqual(rolloutStatus('Deployment', deployment({}, { conditions })), {
      error: 'deployment "web" exceeded its progress deadline',
      done: false,
      message: '',
    });
    const unseen = rolloutStatus('Deployment', deployment({ generation: 3 }, { conditions }));
    assert.equal(unseen.message, 'Waiting for deployment spec update to be observed...\n');
  });

  test('a pinned revision must match the running one', () => {
    const v = rolloutStatus('Deployment', deployment({ annotations: { 'deployment.kubernetes.io/revision': '4' } }), 5);
    assert.equal(v.error, 'desired revision (5) is different from the running revision (4)');
    const bad = rolloutStatus(
      'Deployment',
      deployment({ annotations: { 'deployment.kubernetes.io/revision': 'x' } }),
      5,
    );
    assert.match(bad.error ?? '', /^cannot get the revision of deployment "web": /);
    const missing = rolloutStatus('Deployment', deployment(), 1);
    assert.equal(missing.error, 'desired revision (1) is different from the running revision (0)');
  });

  test('a missing spec.replicas is "not set"', () => {
    const v = rolloutStatus('Deployment', {
      metadata: { name: 'web', generation: 1 },
      spec: {},
      status: { observedGeneration: 1, replicas: 2, updatedReplicas: 2, availableReplicas: 2 },
    });
    assert.equal(v.done, true);
  });

  test('StatefulSet: observedGeneration 0 is never seen; OnDelete and a raw manifest are refused', () => {
    const base = {
      metadata: { name: 'db', generation: 0 },
      spec: { replicas: 1, updateStrategy: { type: 'RollingUpdate' } },
    };
    assert.equal(
      rolloutStatus('StatefulSet', { ...base, status: {} }).message,
      'Waiting for statefulset spec update to be observed...\n',
    );
    const onDelete = rolloutStatus('StatefulSet', {
      ...base,
      spec: { updateStrategy: { type: 'OnDelete' } },
      status: {},
    });
    assert.equal(onDelete.error, 'rollout status is only available for RollingUpdate strategy type');
    assert.ok(rolloutStatus('DaemonSet', { metadata: { name: 'a' }, spec: {}, status: {} }).error);
  });

  test('StatefulSet: revisions compared only without rollingUpdate', () => {
    const v = rolloutStatus('StatefulSet', {
      metadata: { name: 'db', generation: 1 },
      spec: { replicas: 2, updateStrategy: { type: 'RollingUpdate' } },
      status: {
        observedGeneration: 1,
        readyReplicas: 2,
        updatedReplicas: 1,
        currentRevision: 'a',
        updateRevision: 'b',
      },
    });
    assert.deepEqual(v, {
      done: false,
      message: 'waiting for statefulset rolling update to complete 1 pods at revision b...\n',
    });
  });

  test('progress lines', () => {
    assert.equal(progressLine('Deployment', deployment()), 'web: 1/3 updated, 2 available, 2 old');
    assert.equal(
      progressLine('Deployment', { metadata: { name: 'web' }, spec: { replicas: 3 }, status: { updatedReplicas: 1 } }),
      'web: 1/3 updated, 0 available',
    );
    assert.equal(
      progressLine('DaemonSet', {
        metadata: { name: 'agent' },
        status: { desiredNumberScheduled: 4, updatedNumberScheduled: 2, numberAvailable: 3 },
      }),
      'agent: 2/4 updated, 3 available',
    );
  });
});
