import assert from 'node:assert/strict';
import { test } from 'node:test';
import { type PodSpec, podSpecOf, selectContainers, setImagePatch } from '../../../src/core/rollout/containers';
import { parseDeployImage } from '../../../src/core/rollout/image';

const next = parseDeployImage('image', 'registry.example.com/team/web:abc123', false);
const spec: PodSpec = {
  initContainers: [{ name: 'migrate', image: 'registry.example.com/team/web:old' }],
  containers: [
    { name: 'proxy', image: 'envoyproxy/envoy:v1' },
    { name: 'web', image: 'registry.example.com/team/web:old' },
  ],
};

test('default selection: every container and init container of the same repository', () => {
  const changes = selectContainers('deployment/web', spec, next, []);
  assert.deepEqual(
    changes.map((c) => [c.list, c.name, c.previous]),
    [
      ['initContainers', 'migrate', 'registry.example.com/team/web:old'],
      ['containers', 'web', 'registry.example.com/team/web:old'],
    ],
  );
});

test('no matching container: the error lists the containers found', () => {
  const other = parseDeployImage('image', 'registry.example.com/other:1', false);
  assert.throws(
    () => selectContainers('deployment/web', spec, other, []),
    /deployment\/web: no container runs registry.example.com\/other; containers found: migrate \(init\)=registry.example.com\/team\/web:old, proxy=envoyproxy\/envoy:v1, web=/,
  );
  assert.throws(
    () => selectContainers('deployment/web', spec, next, ['nope']),
    /input 'container': deployment\/web has no container 'nope'/,
  );
});

test('the patch is the one kubectl set image sends (sorted keys, $setElementOrder of the whole list)', () => {
  const changes = selectContainers('deployment/web', spec, next, ['web']);
  const body = setImagePatch('Deployment', spec, changes, undefined);
  assert.equal(
    JSON.stringify(body),
    '{"spec":{"template":{"spec":{"$setElementOrder/containers":[{"name":"proxy"},{"name":"web"}],"containers":[{"image":"registry.example.com/team/web:abc123","name":"web"}]}}}}',
  );
});

test('init containers too, and the change-cause annotation', () => {
  const changes = selectContainers('deployment/web', spec, next, []);
  const body = setImagePatch('Deployment', spec, changes, 'deploy abc123');
  assert.equal(
    JSON.stringify(body),
    '{"metadata":{"annotations":{"kubernetes.io/change-cause":"deploy abc123"}},"spec":{"template":{"spec":{"$setElementOrder/containers":[{"name":"proxy"},{"name":"web"}],"$setElementOrder/initContainers":[{"name":"migrate"}],"containers":[{"image":"registry.example.com/team/web:abc123","name":"web"}],"initContainers":[{"image":"registry.example.com/team/web:abc123","name":"migrate"}]}}}}',
  );
});

test('CronJob: the pod spec sits in the job template', () => {
  const cronjob = { spec: { jobTemplate: { spec: { template: { spec } } } } };
  const s = podSpecOf('CronJob', cronjob);
  const body = setImagePatch('CronJob', s, selectContainers('cronjob/report', s, next, ['web']), undefined);
  assert.deepEqual(Object.keys((body as { spec: { jobTemplate: { spec: object } } }).spec.jobTemplate.spec), [
    'template',
  ]);
});

test('already on the image: no patch', () => {
  const current = parseDeployImage('image', 'registry.example.com/team/web:old', false);
  assert.equal(
    setImagePatch('Deployment', spec, selectContainers('deployment/web', spec, current, []), 'x'),
    undefined,
  );
});
