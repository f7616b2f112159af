import assert from 'node:assert/strict';
import { test } from 'node:test';
import type { KubeSession } from '../../../src/actions/kube-connection';
import { runAction } from '../../../src/actions/run-action';
import { setImageAction } from '../../../src/actions/set-image/action';
import { defaultChangeCause } from '../../../src/actions/set-image/settings';
import { KubeApiError } from '../../../src/tools/kube/errors';
import type { KubeObject } from '../../../src/tools/kube/types';
import { recordingPlatform } from '../scan/fake-platform';
import { MemoryKube } from './memory-kube';

const DEPLOYMENTS = '/apis/apps/v1/namespaces/prod/deployments';
const IMAGE = `registry.example.com/team/web@sha256:${'c'.repeat(64)}`;

function deployment(image: string, revision = '1'): KubeObject {
  return {
    apiVersion: 'apps/v1',
    kind: 'Deployment',
    metadata: {
      name: 'web',
      namespace: 'prod',
      uid: 'd1',
      generation: 1,
      annotations: { 'deployment.kubernetes.io/revision': revision },
    },
    spec: {
      replicas: 2,
      selector: { matchLabels: { app: 'web' } },
      template: {
        metadata: { labels: { app: 'web' } },
        spec: {
          containers: [
            { name: 'sidecar', image: 'envoyproxy/envoy:v1' },
            { name: 'web', image },
          ],
        },
      },
    },
    status: { observedGeneration: 1 },
  };
}

function setup(inputs: Record<string, string>) {
  const kube = new MemoryKube();
  let connected = 0;
  const connect = (): KubeSession => {
    connected++;
    return { api: kube, namespace: 'prod' };
  };
  const platform = recordingPlatform(
    { namespace: 'prod', ...inputs },
    { env: { GITHUB_SHA: 'abcdef0123456789', GITHUB_REPOSITORY: 'acme/web', GITHUB_RUN_ID: '42' } },
  );
  const run = () => runAction(platform, (p) => setImageAction(p, connect));
  return { kube, platform, run, connected: () => connected };
}

test('patches the matching container like kubectl set image and reads the new revision by watch', async () => {
  const { kube, platform, run } = setup({ image: IMAGE, workload: 'deployment/web' });
  kube.put(`${DEPLOYMENTS}/web`, deployment('registry.example.com/team/web:old'));
  const stamped = deployment(IMAGE, '2');
  stamped.metadata.generation = 2;
  stamped.status = { observedGeneration: 2 };
  kube.script(DEPLOYMENTS, [{ type: 'MODIFIED', object: stamped }]);
  await run();
  assert.equal(platform.failure, undefined);
  const patch = kube.requests.find((r) => r.method === 'PATCH');
  assert.equal(patch?.patchType, 'strategic');
  assert.deepEqual(patch?.query, { fieldManager: 'cdpack' });
  assert.equal(
    JSON.stringify(patch?.body),
    `{"metadata":{"annotations":{"kubernetes.io/change-cause":"cdpack set-image ${IMAGE} (commit abcdef012345, run https://github.com/acme/web/actions/runs/42)"}},"spec":{"template":{"spec":{"$setElementOrder/containers":[{"name":"sidecar"},{"name":"web"}],"containers":[{"image":"${IMAGE}","name":"web"}]}}}}`,
  );
  assert.equal(kube.requests.find((r) => r.method === 'WATCH')?.query?.fieldSelector, 'metadata.name=web');
  assert.deepEqual(platform.outputs, {
    changed: 'true',
    'previous-image': 'registry.example.com/team/web:old',
    revision: '2',
    workloads: JSON.stringify([
      { workload: 'deployment/web', container: 'web', previous: 'registry.example.com/team/web:old', image: IMAGE },
    ]),
  });
  assert.ok(kube.closed);
});

test('already on the image: no patch, changed=false, the current revision', async () => {
  const { kube, platform, run } = setup({ image: IMAGE, workload: 'deploy/web' });
  kube.put(`${DEPLOYMENTS}/web`, deployment(IMAGE, '5'));
  await run();
  assert.equal(platform.failure, undefined);
  assert.deepEqual(
    kube.requests.map((r) => r.method),
    ['GET'],
  );
  assert.equal(platform.outputs.changed, 'false');
  assert.equal(platform.outputs.revision, '5');
});

test('dry-run sends dryRun=All and changes nothing', async () => {
  const { kube, platform, run } = setup({
    image: IMAGE,
    workload: 'deployment/web',
    'dry-run': 'true',
    'change-cause': 'x',
  });
  kube.put(`${DEPLOYMENTS}/web`, deployment('registry.example.com/team/web:old'));
  await run();
  assert.equal(platform.failure, undefined);
  assert.deepEqual(kube.requests.find((r) => r.method === 'PATCH')?.query, { fieldManager: 'cdpack', dryRun: 'All' });
  const after = kube.objects.get(`${DEPLOYMENTS}/web`) as unknown as {
    spec: { template: { spec: { containers: { image: string }[] } } };
  };
  assert.equal(after.spec.template.spec.containers[1]?.image, 'registry.example.com/team/web:old');
  assert.equal(platform.outputs.changed, 'true');
  assert.equal(platform.outputs.revision, '');
});

test('CronJob and StatefulSet in one run; init containers included', async () => {
  const { kube, platform, run } = setup({
    image: 'registry.example.com/team/web:v2',
    workload: 'cronjob/report\nsts/db',
  });
  kube.put('/apis/batch/v1/namespaces/prod/cronjobs/report', {
    metadata: { name: 'report' },
    spec: {
      jobTemplate: {
        spec: { template: { spec: { containers: [{ name: 'r', image: 'registry.example.com/team/web:v1' }] } } },
      },
    },
  });
  kube.put('/apis/apps/v1/namespaces/prod/statefulsets/db', {
    metadata: { name: 'db' },
    spec: {
      template: {
        spec: {
          initContainers: [{ name: 'init', image: 'registry.example.com/team/web:v1' }],
          containers: [{ name: 'db', image: 'postgres:16' }],
        },
      },
    },
  });
  await run();
  assert.equal(platform.failure, undefined);
  const patches = kube.requests.filter((r) => r.method === 'PATCH');
  assert.deepEqual(
    patches.map((p) => p.path),
    ['/apis/batch/v1/namespaces/prod/cronjobs/report', '/apis/apps/v1/namespaces/prod/statefulsets/db'],
  );
  assert.match(
    JSON.stringify(patches[0]?.body),
    /"spec":\{"jobTemplate":\{"spec":\{"template":\{"spec":\{"\$setElementOrder\/containers"/,
  );
  assert.match(
    JSON.stringify(patches[1]?.body),
    /"initContainers":\[\{"image":"registry.example.com\/team\/web:v2","name":"init"\}\]/,
  );
  assert.equal(JSON.parse(platform.outputs.workloads ?? '[]').length, 2);
  assert.equal(platform.outputs.revision, '');
});

test('a missing second workload: error names it, nothing patched', async () => {
  const { kube, platform, run } = setup({ image: IMAGE, workload: 'deployment/web, deployment/api' });
  kube.put(`${DEPLOYMENTS}/web`, deployment('registry.example.com/team/web:old'));
  await run();
  assert.equal(platform.failure, "deployment/api not found in namespace 'prod' (get)");
  assert.ok(!kube.requests.some((r) => r.method === 'PATCH'));
});

test('RBAC 403 on the patch is named as such', async () => {
  const { kube, platform, run } = setup({ image: IMAGE, workload: 'deployment/web' });
  kube.put(`${DEPLOYMENTS}/web`, deployment('registry.example.com/team/web:old'));
  kube.failures.set(
    `PATCH ${DEPLOYMENTS}/web`,
    new KubeApiError(
      403,
      'Forbidden',
      'deployments.apps "web" is forbidden: User "ci" cannot patch',
      'PATCH',
      `${DEPLOYMENTS}/web`,
    ),
  );
  await run();
  assert.match(
    platform.failure ?? '',
    /^not allowed to patch deployment\/web in namespace 'prod' \(RBAC\): .*cannot patch/,
  );
});

test('no container of that repository: the containers found are listed; bad inputs fail before connecting', async () => {
  const a = setup({ image: 'registry.example.com/other:1', workload: 'deployment/web' });
  a.kube.put(`${DEPLOYMENTS}/web`, deployment('registry.example.com/team/web:old'));
  await a.run();
  assert.match(
    a.platform.failure ?? '',
    /containers found: sidecar=envoyproxy\/envoy:v1, web=registry.example.com\/team\/web:old/,
  );
  for (const [inputs, message] of [
    [{ image: IMAGE, workload: 'pod/web' }, /^input 'workload': unknown workload kind 'pod'/],
    [{ image: 'registry.example.com/team/web:latest', workload: 'deployment/web' }, /^input 'image': .*latest/],
    [{ image: 'registry.example.com/team/web', workload: 'deployment/web' }, /^input 'image': .*no tag or digest/],
    [{ image: IMAGE, workload: '' }, /^input 'workload': is required/],
    [{ image: IMAGE, workload: 'deployment/web', namespace: 'Prod!' }, /^input 'namespace'/],
  ] as const) {
    const s = setup(inputs);
    await s.run();
    assert.match(s.platform.failure ?? '', message);
    assert.equal(s.connected(), 0);
  }
});

test('the default change-cause names the image and the GitLab commit and job', () => {
  assert.equal(
    defaultChangeCause('r.example/web:1', {
      CI_COMMIT_SHA: 'feedfacecafebeef00',
      CI_JOB_URL: 'https://gitlab.example/g/p/-/jobs/9',
    }),
    'cdpack set-image r.example/web:1 (commit feedfacecafe, run https://gitlab.example/g/p/-/jobs/9)',
  );
  assert.equal(defaultChangeCause('r.example/web:1', {}), 'cdpack set-image r.example/web:1');
});
