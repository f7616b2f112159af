import assert from 'node:assert/strict';
import { test } from 'node:test';
import { type ContainerInspect, ContainerWatch, sameImage } from '../../../src/core/compose/containers';
import { updateVerdict } from '../../../src/core/swarm/update-status';

const IMAGE = '127.0.0.1:5000/app:2';

function container(
  over: Partial<ContainerInspect['State']> = {},
  extra: Partial<ContainerInspect> = {},
): ContainerInspect {
  return {
    Id: 'c1',
    Name: '/shop-web-1',
    RestartCount: 0,
    State: { Status: 'running', Running: true, StartedAt: '2026-01-01T00:00:00Z', ExitCode: 0, ...over },
    Config: { Image: IMAGE },
    ...extra,
  };
}

test('sameImage: normalised names, implicit latest', () => {
  assert.ok(sameImage('nginx', 'docker.io/library/nginx:latest'));
  assert.ok(sameImage('nginx:1', 'index.docker.io/library/nginx:1'));
  assert.ok(!sameImage('nginx:1', 'nginx:2'));
  assert.ok(!sameImage('r/app:1', 'r/app:1@sha256:' + 'a'.repeat(64)));
});

test('ContainerWatch: without a healthcheck, ready only after running for the settling time', () => {
  const w = new ContainerWatch(IMAGE, 5000);
  assert.equal(w.observe([], 0).state, 'pending');
  assert.equal(w.observe([container()], 1000).state, 'pending');
  assert.equal(w.observe([container()], 4000).state, 'pending');
  assert.equal(w.observe([container()], 6000).state, 'ready');
  // A restart (new StartedAt) starts the clock again, and a restart count fails it.
  const w2 = new ContainerWatch(IMAGE, 5000);
  w2.observe([container()], 0);
  assert.equal(w2.observe([container({ StartedAt: '2026-01-01T00:00:03Z' })], 6000).state, 'pending');
  assert.deepEqual(w2.observe([container({}, { RestartCount: 2 })], 7000), {
    state: 'failed',
    detail: 'shop-web-1 is restarting (2 restarts, last exit code 0)',
  });
});

test('ContainerWatch: exited, unhealthy, wrong image fail at once; health decides when there is one', () => {
  const w = new ContainerWatch(IMAGE);
  assert.deepEqual(w.observe([container({ Status: 'exited', Running: false, ExitCode: 3 })], 0), {
    state: 'failed',
    detail: 'shop-web-1 exited with code 3',
  });
  assert.equal(w.observe([container({ Health: { Status: 'starting' } })], 0).state, 'pending');
  assert.equal(w.observe([container({ Health: { Status: 'healthy' } })], 0).state, 'ready');
  assert.deepEqual(
    w.observe([container({ Health: { Status: 'unhealthy', Log: [{ ExitCode: 1, Output: 'boom\n\u001b[31m' }] } })], 0),
    { state: 'failed', detail: 'shop-web-1 is unhealthy (healthcheck exit code 1): boom\\n\\x1b[31m' },
  );
  assert.deepEqual(w.observe([container({}, { Config: { Image: '127.0.0.1:5000/app:1' } })], 0), {
    state: 'failed',
    detail: 'shop-web-1 runs 127.0.0.1:5000/app:1, not 127.0.0.1:5000/app:2',
  });
  assert.equal(w.observe([container({ Status: 'created', Running: false })], 0).state, 'pending');
  // A rollback to an image that could not be resolved accepts any image.
  assert.equal(
    new ContainerWatch(undefined).observe([container({ Health: { Status: 'healthy' } }, { Config: { Image: 'x' } })], 0)
      .state,
    'ready',
  );
});

test('updateVerdict: a status left from an earlier update does not count', () => {
  const before = { State: 'completed', StartedAt: 't1', Message: 'update completed' };
  assert.equal(updateVerdict(before, before).state, 'updating');
  assert.equal(updateVerdict(null, before).state, 'updating');
  assert.equal(updateVerdict({ State: 'updating', StartedAt: 't2' }, before).state, 'updating');
  assert.equal(updateVerdict({ State: 'completed', StartedAt: 't2' }, before).state, 'completed');
  assert.equal(updateVerdict({ State: 'completed', StartedAt: 't2' }, null).state, 'completed');
  assert.deepEqual(
    updateVerdict({ State: 'paused', StartedAt: 't2', Message: 'update paused due to failure' }, before),
    {
      state: 'paused',
      detail: 'update paused due to failure',
    },
  );
  assert.equal(updateVerdict({ State: 'rollback_started', StartedAt: 't2' }, before).state, 'rolling-back');
  assert.equal(updateVerdict({ State: 'rollback_completed', StartedAt: 't2' }, before).state, 'rolled-back');
  assert.equal(updateVerdict({ State: 'rollback_paused', StartedAt: 't2' }, before).state, 'rollback-paused');
});
