import assert from 'node:assert/strict';
import { test } from 'node:test';
import {
  controllerRevisionRollback,
  deploymentRollback,
  formatSelector,
  newRevisionPodLabel,
} from '../../../src/core/rollout/revision';

const owner = (uid: string, kind = 'Deployment') => [
  { apiVersion: 'apps/v1', kind, name: 'web', uid, controller: true },
];
const template = (image: string, hash?: string) => ({
  metadata: { labels: { app: 'web', ...(hash ? { 'pod-template-hash': hash } : {}) } },
  spec: { containers: [{ name: 'web', image }] },
});
const rs = (name: string, revision: string, image: string, uid = 'd1', extra: Record<string, string> = {}) => ({
  metadata: {
    name,
    labels: { app: 'web', 'pod-template-hash': name.split('-')[1] as string },
    annotations: { 'deployment.kubernetes.io/revision': revision, ...extra },
    ownerReferences: owner(uid),
  },
  spec: { template: template(image, name.split('-')[1]) },
});
const deployment = (image: string, annotations: Record<string, string> = {}, paused = false) => ({
  metadata: {
    name: 'web',
    uid: 'd1',
    annotations: {
      'deployment.kubernetes.io/revision': '3',
      'kubectl.kubernetes.io/last-applied-configuration': '{}',
      ...annotations,
    },
  },
  spec: { paused, selector: { matchLabels: { app: 'web' } }, template: template(image) },
});

test('selectors as labelSelector query values', () => {
  assert.equal(
    formatSelector(
      {
        matchLabels: { app: 'web' },
        matchExpressions: [
          { key: 'tier', operator: 'In', values: ['a', 'b'] },
          { key: 'x', operator: 'NotIn', values: ['c'] },
          { key: 'y', operator: 'Exists' },
          { key: 'z', operator: 'DoesNotExist' },
        ],
      },
      { 'pod-template-hash': 'abc' },
    ),
    'app=web,pod-template-hash=abc,tier in (a,b),x notin (c),y,!z',
  );
});

test('Deployment undo: the second-newest revision, minus pod-template-hash, annotations merged like kubectl', () => {
  const sets = [
    rs('web-aaa', '1', 'r/web:1', 'd1', { 'kubernetes.io/change-cause': 'one' }),
    rs('web-bbb', '2', 'r/web:2', 'd1', {
      'kubernetes.io/change-cause': 'two',
      'deployment.kubernetes.io/desired-replicas': '9',
    }),
    rs('web-ccc', '3', 'r/web:3', 'd1', { 'kubernetes.io/change-cause': 'three' }),
    rs('web-zzz', '7', 'r/web:other', 'someone-else'),
  ];
  const plan = deploymentRollback(deployment('r/web:3', { 'kubernetes.io/change-cause': 'three' }), sets);
  assert.deepEqual(plan, {
    action: 'patch',
    patchType: 'json',
    revision: 2,
    body: [
      { op: 'replace', path: '/spec/template', value: template('r/web:2') },
      {
        op: 'replace',
        path: '/metadata/annotations',
        value: {
          'kubectl.kubernetes.io/last-applied-configuration': '{}',
          'deployment.kubernetes.io/revision': '3',
          'kubernetes.io/change-cause': 'two',
        },
      },
    ],
  });
});

test('Deployment undo: no history, paused, already on the previous template', () => {
  assert.throws(
    () => deploymentRollback(deployment('r/web:1'), [rs('web-aaa', '1', 'r/web:1')]),
    /no rollout history found for deployment "web"/,
  );
  const sets = [rs('web-aaa', '1', 'r/web:1'), rs('web-bbb', '2', 'r/web:2')];
  assert.throws(() => deploymentRollback(deployment('r/web:2', {}, true), sets), /cannot rollback a paused deployment/);
  assert.deepEqual(deploymentRollback(deployment('r/web:1'), sets), {
    action: 'skip',
    reason: 'current template already matches revision 1',
  });
});

test('StatefulSet/DaemonSet undo: the previous ControllerRevision data, sent as is', () => {
  const sts = {
    metadata: { name: 'db', uid: 's1' },
    spec: { template: template('r/db:3') },
    status: { updateRevision: 'db-3' },
  };
  const cr = (rev: number, image: string, uid = 's1') => ({
    metadata: {
      name: `db-${rev}`,
      labels: { 'controller-revision-hash': `h${rev}` },
      ownerReferences: owner(uid, 'StatefulSet'),
    },
    revision: rev,
    data: { spec: { template: { ...template(image), $patch: 'replace' } } },
  });
  const history = [cr(3, 'r/db:3'), cr(1, 'r/db:1'), cr(2, 'r/db:2'), cr(9, 'r/x:9', 'other')];
  const plan = controllerRevisionRollback(sts, history);
  assert.deepEqual(plan, { action: 'patch', patchType: 'strategic', body: cr(2, 'r/db:2').data, revision: 2 });
  assert.throws(() => controllerRevisionRollback(sts, [cr(3, 'r/db:3')]), /no last revision to roll back to/);
  assert.equal(controllerRevisionRollback({ ...sts, spec: { template: template('r/db:2') } }, history).action, 'skip');
  assert.deepEqual(newRevisionPodLabel('StatefulSet', sts, history), { 'controller-revision-hash': 'db-3' });
  assert.deepEqual(newRevisionPodLabel('DaemonSet', sts, history), { 'controller-revision-hash': 'h3' });
});

test('the new ReplicaSet by revision annotation gives the pods label', () => {
  const sets = [rs('web-aaa', '2', 'r/web:2'), rs('web-ccc', '3', 'r/web:3'), rs('web-bbb', '1', 'r/web:1')];
  assert.deepEqual(newRevisionPodLabel('Deployment', deployment('r/web:3'), sets), { 'pod-template-hash': 'ccc' });
});
