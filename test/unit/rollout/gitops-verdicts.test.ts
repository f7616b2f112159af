import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { argoAppVerdict } from '../../../src/core/rollout/argocd';
import { fluxVerdict } from '../../../src/core/rollout/flux';
import { fluxRevisionNames, parseCommitSha } from '../../../src/core/rollout/gitops-revision';
import { application, helmRelease, kustomization, OLD, OURS } from '../../support/gitops-objects';

describe('GitOps revisions', () => {
  test('only full SHAs are accepted, lower-cased', () => {
    assert.equal(parseCommitSha(OURS.toUpperCase()), OURS);
    assert.equal(parseCommitSha(OURS.slice(0, 12)), undefined);
    assert.equal(parseCommitSha(`${OURS}0`), undefined);
    assert.equal(parseCommitSha('main'), undefined);
  });

  test('Flux revision forms name the commit; a different or prefix SHA does not', () => {
    for (const r of [
      `main@sha1:${OURS}`,
      `main/${OURS}`,
      `sha1:${OURS}`,
      OURS,
      `v1.2@sha1:${OURS}`,
      `1.4.0+${OURS.slice(0, 12)}`,
    ]) {
      assert.ok(fluxRevisionNames(r, OURS), r);
    }
    for (const r of [`main@sha1:${OLD}`, `main/${OURS.slice(0, 39)}`, `main@sha1:${OURS}0`, '1.4.0', '', undefined]) {
      assert.ok(!fluxRevisionNames(r, OURS), String(r));
    }
  });
});

describe('Argo CD verdict', () => {
  const v = (s: Parameters<typeof application>[2], since?: Date) =>
    argoAppVerdict(application('a', 'argocd', s), OURS, since);
  test('done only with our revision, Synced and Healthy', () => {
    assert.equal(v({ revision: OURS }).state, 'done');
    assert.equal(v({ revision: OLD }).state, 'waiting');
    assert.equal(v({ revision: OURS, sync: 'OutOfSync' }).state, 'waiting');
    assert.equal(v({ revision: OURS, health: 'Progressing' }).state, 'waiting');
    assert.equal(v({ revisions: [OURS, OLD] }).state, 'waiting');
    assert.equal(v({ revisions: [OURS, OURS] }).state, 'done');
  });
  test('Degraded fails only on our revision', () => {
    assert.equal(v({ revision: OLD, health: 'Degraded' }).state, 'waiting');
    const failed = v({ revision: OURS, health: 'Degraded', healthMessage: 'bad\nthing' });
    assert.equal(failed.state, 'failed');
    assert.match(failed.message, /Degraded: bad\\nthing/);
  });
  test('a failed operation counts when it is about our revision, or (naming none) started since we began', () => {
    assert.equal(v({ revision: OLD, operation: { phase: 'Failed', revision: OURS } }).state, 'failed');
    assert.equal(v({ revision: OLD, operation: { phase: 'Error', revision: OLD } }).state, 'waiting');
    const app = application('a', 'argocd', {
      revision: OLD,
      operation: { phase: 'Failed', startedAt: '2026-12-01T10:00:00Z' },
    });
    delete app.status.operationState.operation.sync.revision;
    delete app.status.operationState.syncResult.revision;
    assert.equal(argoAppVerdict(app, OURS, new Date('2026-12-01T09:00:00Z')).state, 'failed');
    assert.equal(argoAppVerdict(app, OURS, new Date('2026-12-01T11:00:00Z')).state, 'waiting');
  });
  test('progress changes with sync and health', () => {
    assert.notEqual(v({ revision: OURS, health: 'Progressing' }).progress, v({ revision: OURS }).progress);
  });
});

describe('Flux verdict', () => {
  test('Kustomization: applied ours and Ready=True', () => {
    const k = kustomization('k', 'ns', {
      applied: `main@sha1:${OURS}`,
      ready: 'True',
      reason: 'ReconciliationSucceeded',
    });
    assert.equal(fluxVerdict('Kustomization', k, OURS).state, 'done');
    k.metadata.generation = 2; // spec changed since: not yet observed
    assert.equal(fluxVerdict('Kustomization', k, OURS).state, 'waiting');
  });
  test('terminal reasons fail only after an attempt at our revision', () => {
    const failing = (attempted: string, reason: string) =>
      fluxVerdict(
        'Kustomization',
        kustomization('k', 'ns', { applied: `main@sha1:${OLD}`, attempted, ready: 'False', reason, message: 'm' }),
        OURS,
      ).state;
    assert.equal(failing(`main@sha1:${OURS}`, 'BuildFailed'), 'failed');
    assert.equal(failing(`main@sha1:${OLD}`, 'BuildFailed'), 'waiting');
    assert.equal(failing(`main@sha1:${OURS}`, 'DependencyNotReady'), 'waiting');
    assert.equal(failing(`main@sha1:${OURS}`, 'Progressing'), 'waiting');
  });
  test('HelmRelease: the deployed chart build names our commit', () => {
    assert.equal(
      fluxVerdict(
        'HelmRelease',
        helmRelease('h', 'ns', { applied: OURS, ready: 'True', reason: 'UpgradeSucceeded' }),
        OURS,
      ).state,
      'done',
    );
    assert.equal(
      fluxVerdict(
        'HelmRelease',
        helmRelease('h', 'ns', { applied: OLD, ready: 'True', reason: 'UpgradeSucceeded' }),
        OURS,
      ).state,
      'waiting',
    );
  });
});
