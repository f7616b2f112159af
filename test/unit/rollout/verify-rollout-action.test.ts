import assert from 'node:assert/strict';
import { test } from 'node:test';
import type { KubeSession } from '../../../src/actions/kube-connection';
import { runAction } from '../../../src/actions/run-action';
import { type VerifyDeps, verifyRolloutAction } from '../../../src/actions/verify-rollout/action';
import type { KubeObject } from '../../../src/tools/kube/types';
import { recordingPlatform } from '../scan/fake-platform';
import { MemoryKube } from './memory-kube';

const NS = '/apis/apps/v1/namespaces/prod';
const PODS = '/api/v1/namespaces/prod/pods';

const template = (image: string, hash?: string) => ({
  metadata: { labels: { app: 'web', ...(hash ? { 'pod-template-hash': hash } : {}) } },
  spec: { containers: [{ name: 'web', image }] },
});

function deployment(status: Record<string, unknown>, generation = 2, image = 'r/web:2', revision = '2'): KubeObject {
  return {
    metadata: { name: 'web', uid: 'd1', generation, annotations: { 'deployment.kubernetes.io/revision': revision } },
    spec: { replicas: 2, selector: { matchLabels: { app: 'web' } }, template: template(image) },
    status: { observedGeneration: generation, ...status },
  };
}

function replicaSet(hash: string, revision: string, image: string): KubeObject {
  return {
    metadata: {
      name: `web-${hash}`,
      labels: { app: 'web', 'pod-template-hash': hash },
      annotations: { 'deployment.kubernetes.io/revision': revision },
      ownerReferences: [{ apiVersion: 'apps/v1', kind: 'Deployment', name: 'web', uid: 'd1', controller: true }],
    },
    spec: { template: template(image, hash) },
  };
}

function setup(inputs: Record<string, string>, deps: Partial<VerifyDeps> = {}) {
  const kube = new MemoryKube();
  const connect = (): KubeSession => ({ api: kube, namespace: 'prod' });
  const platform = recordingPlatform({
    timeout: '5m',
    'smoke-status': '200',
    'smoke-retries': '0',
    'smoke-interval': '1s',
    ...inputs,
  });
  const run = () => runAction(platform, (p) => verifyRolloutAction(p, { connect, ...deps }));
  return { kube, platform, run };
}

test('in progress, then complete: success, one progress line per change, watch from the GET resourceVersion', async () => {
  const { kube, platform, run } = setup({ workloads: 'deployment/web' });
  kube.put(`${NS}/deployments/web`, deployment({ replicas: 3, updatedReplicas: 1, availableReplicas: 2 }));
  kube.script(`${NS}/deployments`, [
    { type: 'MODIFIED', object: deployment({ replicas: 3, updatedReplicas: 1, availableReplicas: 2 }) },
    { type: 'MODIFIED', object: deployment({ replicas: 2, updatedReplicas: 2, availableReplicas: 1 }) },
    { type: 'MODIFIED', object: deployment({ replicas: 2, updatedReplicas: 2, availableReplicas: 2 }) },
  ]);
  await run();
  assert.equal(platform.failure, undefined);
  assert.equal(platform.outputs.result, 'success');
  assert.equal(platform.outputs.diagnosis, '');
  assert.equal(platform.outputs.revision, '2');
  assert.deepEqual(
    platform.infos.filter((l) => l.startsWith('web:')),
    ['web: 1/2 updated, 2 available, 2 old', 'web: 2/2 updated, 1 available', 'web: 2/2 updated, 2 available'],
  );
  assert.ok(platform.infos.includes('deployment/web: deployment "web" successfully rolled out'));
  const watch = kube.requests.find((r) => r.method === 'WATCH');
  assert.equal(watch?.query?.resourceVersion, '101');
  assert.equal(watch?.query?.fieldSelector, 'metadata.name=web');
});

function failingDeployment(kube: MemoryKube) {
  kube.put(`${NS}/deployments/web`, deployment({ replicas: 3, updatedReplicas: 1, availableReplicas: 2 }));
  kube.put(`${NS}/replicasets/web-aaa`, replicaSet('aaa', '1', 'r/web:1'));
  kube.put(`${NS}/replicasets/web-bbb`, replicaSet('bbb', '2', 'r/web:2'));
  kube.put(`${PODS}/web-bbb-1`, {
    metadata: { name: 'web-bbb-1', labels: { app: 'web', 'pod-template-hash': 'bbb' } },
    status: {
      containerStatuses: [
        {
          name: 'web',
          restartCount: 4,
          state: { waiting: { reason: 'CrashLoopBackOff', message: 'back-off 40s restarting failed container' } },
          lastState: { terminated: { exitCode: 2, reason: 'Error' } },
        },
      ],
    },
  });
  kube.put(`${PODS}/web-aaa-1`, {
    metadata: { name: 'web-aaa-1', labels: { app: 'web', 'pod-template-hash': 'aaa' } },
    status: { containerStatuses: [{ name: 'web', state: { waiting: { reason: 'ErrImagePull' } } }] },
  });
  kube.put('/api/v1/namespaces/prod/events/e1', {
    metadata: { name: 'e1' },
    type: 'Warning',
    reason: 'BackOff',
    message: 'Back-off restarting failed container web',
    involvedObject: { kind: 'Pod', name: 'web-bbb-1' },
    lastTimestamp: '2026-01-01T00:00:00Z',
  } as unknown as KubeObject);
  kube.logs.set(`${PODS}/web-bbb-1/log?container=web&previous`, 'listening\npanic: config <b>missing</b>\n');
  const exceeded = deployment({
    replicas: 3,
    updatedReplicas: 1,
    availableReplicas: 2,
    conditions: [{ type: 'Progressing', status: 'False', reason: 'ProgressDeadlineExceeded' }],
  });
  kube.script(`${NS}/deployments`, [{ type: 'MODIFIED', object: exceeded }]);
}

test('progress deadline exceeded: failed, with the new pods, events and last log lines in log, summary and output', async () => {
  const { kube, platform, run } = setup({ workloads: 'deployment/web' });
  failingDeployment(kube);
  await run();
  assert.equal(platform.outputs.result, 'failed');
  const diagnosis = platform.outputs.diagnosis ?? '';
  assert.match(diagnosis, /^deployment\/web: deployment "web" exceeded its progress deadline \| /);
  assert.match(diagnosis, /pod web-bbb-1 container web: CrashLoopBackOff: back-off 40s/);
  assert.doesNotMatch(diagnosis, /web-aaa-1/, 'only the new revision’s pods');
  assert.match(diagnosis, /event web-bbb-1: BackOff: Back-off restarting/);
  assert.match(diagnosis, /last log lines of web-bbb-1\/web: \| listening \| panic: config <b>missing<\/b>/);
  assert.ok(platform.infos.some((l) => l.includes('panic: config')));
  assert.match(platform.summaries[0] ?? '', /panic: config &lt;b&gt;missing&lt;\/b&gt;/);
  assert.equal(platform.failure, 'deployment/web: deployment "web" exceeded its progress deadline');
  assert.ok(!kube.requests.some((r) => r.method === 'PATCH'), 'no rollback unless asked');
});

test('rollback: true undoes to the previous ReplicaSet, waits, reports rolled-back and still fails', async () => {
  const { kube, platform, run } = setup({ workloads: 'deployment/web', rollback: 'true' });
  failingDeployment(kube);
  const restored = deployment({ replicas: 2, updatedReplicas: 2, availableReplicas: 2 }, 3, 'r/web:1', '3');
  kube.script(`${NS}/deployments`, [{ type: 'MODIFIED', object: restored }]);
  await run();
  const patch = kube.requests.find((r) => r.method === 'PATCH');
  assert.equal(patch?.patchType, 'json');
  assert.deepEqual(((patch?.body ?? []) as { value: unknown }[])[0], {
    op: 'replace',
    path: '/spec/template',
    value: template('r/web:1'),
  });
  assert.equal(platform.outputs.result, 'rolled-back');
  assert.equal(platform.outputs.revision, '3');
  assert.match(
    platform.failure ?? '',
    /^rolled back: deployment\/web: deployment "web" exceeded its progress deadline/,
  );
});

test('timeout: the diagnosis names the wait and kubectl’s last status', async () => {
  const { kube, platform, run } = setup({ workloads: 'deployment/web', timeout: '1s' });
  kube.put(`${NS}/deployments/web`, deployment({ replicas: 2, updatedReplicas: 1, availableReplicas: 1 }));
  await run();
  assert.equal(platform.outputs.result, 'failed');
  assert.match(
    platform.outputs.diagnosis ?? '',
    /^deployment\/web: timed out after 1s waiting for the rollout to finish \| last status: Waiting for deployment "web" rollout to finish: 1 out of 2 new replicas have been updated\.\.\./,
  );
});

test('deleted mid-watch and StatefulSet OnDelete fail with kubectl’s errors', async () => {
  const a = setup({ workloads: 'deployment/web' });
  a.kube.put(`${NS}/deployments/web`, deployment({ updatedReplicas: 0 }));
  a.kube.script(`${NS}/deployments`, [{ type: 'DELETED', object: deployment({}) }]);
  await a.run();
  assert.match(a.platform.outputs.diagnosis ?? '', /^deployment\/web: object has been deleted/);

  const b = setup({ workloads: 'sts/db' });
  b.kube.put(`${NS}/statefulsets/db`, {
    metadata: { name: 'db', generation: 1 },
    spec: { replicas: 1, updateStrategy: { type: 'OnDelete' }, selector: { matchLabels: { app: 'db' } } },
    status: { observedGeneration: 1 },
  });
  await b.run();
  assert.equal(b.platform.outputs.result, 'failed');
  assert.match(b.platform.outputs.diagnosis ?? '', /rollout status is only available for RollingUpdate strategy type/);
});

test('smoke checks after success; a failing one is a failed rollout and triggers the rollback', async () => {
  const urls: string[] = [];
  const { kube, platform, run } = setup(
    { workloads: 'deployment/web', 'smoke-url': 'http://app.test/healthz', 'smoke-body': '/ok/', rollback: 'true' },
    {
      fetch: async (url) => {
        urls.push(url);
        return { status: 200, body: 'not good' };
      },
      sleep: async () => {},
    },
  );
  kube.put(`${NS}/deployments/web`, deployment({ replicas: 2, updatedReplicas: 2, availableReplicas: 2 }));
  kube.put(`${NS}/replicasets/web-aaa`, replicaSet('aaa', '1', 'r/web:1'));
  kube.put(`${NS}/replicasets/web-bbb`, replicaSet('bbb', '2', 'r/web:2'));
  kube.script(`${NS}/deployments`, [
    {
      type: 'MODIFIED',
      object: deployment({ replicas: 2, updatedReplicas: 2, availableReplicas: 2 }, 3, 'r/web:1', '3'),
    },
  ]);
  await run();
  assert.deepEqual(urls, ['http://app.test/healthz']);
  assert.equal(platform.outputs.result, 'rolled-back');
  assert.match(platform.outputs.diagnosis ?? '', /^smoke check http:\/\/app.test\/healthz: body does not match \/ok\//);
  assert.ok(platform.failure);
});

test('bad inputs and a missing workload fail before waiting', async () => {
  for (const [inputs, message] of [
    [{ workloads: 'cronjob/report' }, /^input 'workloads': unknown workload kind 'cronjob'/],
    [{ workloads: 'deployment/web', timeout: '5 minutes' }, /^input 'timeout': '5 minutes' is not a duration/],
    [{ workloads: 'deployment/web', 'smoke-url': 'ftp://x' }, /^input 'smoke-url'/],
    [{ workloads: 'deployment/web', 'smoke-status': '99' }, /^input 'smoke-status'/],
    [{ workloads: 'deployment/web', 'smoke-body': '/[/' }, /^input 'smoke-body'/],
    [{ workloads: 'deployment/web' }, /^deployment\/web not found in namespace 'prod'/],
  ] as const) {
    const s = setup(inputs);
    await s.run();
    assert.match(s.platform.failure ?? '', message);
    assert.equal(s.platform.outputs.result, undefined);
  }
});

test('the diagnosis output stays one short line; the log and summary keep it whole', async () => {
  const { kube, platform, run } = setup({ workloads: 'deployment/web' });
  failingDeployment(kube);
  const long = Array.from({ length: 20 }, (_, i) => `line ${i} ${'x'.repeat(180)}`).join('\n');
  kube.logs.set(`${PODS}/web-bbb-1/log?container=web&previous`, long);
  await run();
  const output = platform.outputs.diagnosis ?? '';
  assert.equal(output.length, 1500);
  assert.ok(output.endsWith('…'));
  assert.ok(!output.includes('\n'));
  assert.ok(
    platform.infos.some((l) => l.includes('line 19 xxx')),
    'the log has the last line',
  );
  assert.match(platform.summaries[0] ?? '', /line 19 x/);
});
