import assert from 'node:assert/strict';
import { test } from 'node:test';
import { formatDuration, parseGoDuration } from '../../../src/core/rollout/duration';
import { parseDeployImage, repositoryOf } from '../../../src/core/rollout/image';
import { objectPath, parseWorkloadRef } from '../../../src/core/rollout/workload';

test('workload references: kinds, kubectl short names, group-qualified forms', () => {
  assert.deepEqual(parseWorkloadRef('workload', 'deployment/web'), {
    kind: 'Deployment',
    name: 'web',
    display: 'deployment/web',
  });
  assert.equal(parseWorkloadRef('workload', 'deploy/web').kind, 'Deployment');
  assert.equal(parseWorkloadRef('workload', 'deployments.apps/web').kind, 'Deployment');
  assert.equal(parseWorkloadRef('workload', 'sts/db').kind, 'StatefulSet');
  assert.equal(parseWorkloadRef('workload', 'ds/agent').kind, 'DaemonSet');
  assert.equal(parseWorkloadRef('workload', 'cj/report').kind, 'CronJob');
  assert.equal(parseWorkloadRef('workload', 'CronJob/report').display, 'cronjob/report');
  assert.equal(
    objectPath(parseWorkloadRef('workload', 'cronjob/report'), 'prod'),
    '/apis/batch/v1/namespaces/prod/cronjobs/report',
  );
});

test('workload references: bad ones name the input', () => {
  assert.throws(
    () => parseWorkloadRef('workload', 'pod/web'),
    /^InputError: input 'workload': unknown workload kind 'pod' in 'pod\/web'/,
  );
  assert.throws(() => parseWorkloadRef('workloads', 'web'), /input 'workloads': 'web' is not a workload/);
  assert.throws(() => parseWorkloadRef('workload', 'deployment/'), /input 'workload'/);
  assert.throws(() => parseWorkloadRef('workload', 'deployment/Web_1'), /not a valid object name/);
  assert.throws(
    () => parseWorkloadRef('workloads', 'cronjob/report', ['Deployment', 'StatefulSet', 'DaemonSet']),
    /unknown workload kind 'cronjob'.*deployment\/NAME, statefulset\/NAME, daemonset\/NAME/,
  );
});

test('Go durations', () => {
  assert.equal(parseGoDuration('90s'), 90_000);
  assert.equal(parseGoDuration('5m'), 300_000);
  assert.equal(parseGoDuration('1h30m'), 5_400_000);
  assert.equal(parseGoDuration('500ms'), 500);
  assert.equal(parseGoDuration('1.5s'), 1500);
  assert.equal(parseGoDuration('0'), 0);
  for (const bad of ['', '5', '5 m', 'm', '1d', '5m3']) assert.equal(parseGoDuration(bad), undefined, bad);
  assert.equal(formatDuration(5_400_000), '1h30m0s');
  assert.equal(formatDuration(42_000), '42s');
});

test('image rules: latest and tagless refused unless allowed; digests always fine', () => {
  const digest = `sha256:${'a'.repeat(64)}`;
  assert.equal(
    parseDeployImage('image', `registry.example.com/web@${digest}`, false).repository,
    'registry.example.com/web',
  );
  assert.equal(parseDeployImage('image', `web:latest@${digest}`, false).repository, 'docker.io/library/web');
  assert.equal(parseDeployImage('image', 'nginx:1.27', false).repository, 'docker.io/library/nginx');
  assert.throws(() => parseDeployImage('image', 'nginx:latest', false), /input 'image': .*mutable tag 'latest'/);
  assert.throws(() => parseDeployImage('image', 'nginx', false), /input 'image': 'nginx' has no tag or digest/);
  assert.equal(parseDeployImage('image', 'nginx', true).reference, 'nginx');
  assert.throws(
    () => parseDeployImage('image', 'Bad Image', true),
    /input 'image': 'Bad Image' is not an image reference/,
  );
});

test('repositories compared like docker normalises them', () => {
  assert.equal(repositoryOf('nginx:1.25'), 'docker.io/library/nginx');
  assert.equal(repositoryOf('docker.io/library/nginx@sha256:' + 'b'.repeat(64)), 'docker.io/library/nginx');
  assert.equal(repositoryOf('index.docker.io/library/nginx'), 'docker.io/library/nginx');
  assert.equal(repositoryOf('localhost:5000/web:1'), 'localhost:5000/web');
  assert.notEqual(repositoryOf('registry.example.com/nginx'), 'docker.io/library/nginx');
});
