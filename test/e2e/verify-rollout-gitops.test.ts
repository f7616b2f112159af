/**
 * verify-rollout for GitOps through the CLI (as a GitLab job runs it) and the GitHub bundle: an Argo CD API server
 * scripted over time (test/support/fake-argocd.ts), the same Application and Flux objects served as custom
 * resources by the fake Kubernetes API server.
 */
import assert from 'node:assert/strict';
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { after, describe, test } from 'node:test';
import { startFakeArgoCd } from '../support/fake-argocd';
import { type FakeKube, startFakeKube } from '../support/fake-kube-api';
import { cleanupTempDirs } from '../support/gitops-fixture';
import {
  application,
  fluxStatus,
  helmRelease,
  kustomization,
  OLD,
  OURS,
  registerGitOpsCrds,
} from '../support/gitops-objects';
import { runCli, runGithubBundle } from '../support/run';

registerGitOpsCrds();
const closers: (() => Promise<void>)[] = [];
after(async () => {
  for (const close of closers) await close();
  cleanupTempDirs();
});

const APP = { name: 'web', namespace: 'argocd' };

async function argo(states: ReturnType<typeof application>[]) {
  const server = await startFakeArgoCd(APP, states);
  closers.push(() => server.close());
  return server;
}

const restInputs = (server: { url: string; token: string }, extra: Record<string, string> = {}) => ({
  'argocd-app': 'argocd/web',
  'argocd-server': server.url,
  'argocd-token': server.token,
  revision: OURS,
  timeout: '60s',
  ...extra,
});

async function fakeKube(): Promise<FakeKube> {
  const fake = await startFakeKube();
  closers.push(() => fake.close());
  return fake;
}

describe('verify-rollout: Argo CD REST API', { timeout: 300_000 }, () => {
  test('wrong revision, then progressing on ours, then healthy: success after a refresh request', async () => {
    const server = await argo([
      application('web', 'argocd', { sync: 'Synced', health: 'Healthy', revision: OLD }),
      application('web', 'argocd', { sync: 'OutOfSync', health: 'Healthy', revision: OURS }),
      application('web', 'argocd', { sync: 'Synced', health: 'Progressing', revision: OURS }),
      application('web', 'argocd', { sync: 'Synced', health: 'Healthy', revision: OURS }),
    ]);
    const r = await runCli('verify-rollout', restInputs(server, { revision: OURS.toUpperCase() }), {
      timeoutMs: 120_000,
    });
    assert.equal(r.code, 0, r.stdout + r.stderr);
    assert.equal(r.outputs.result, 'success');
    assert.equal(r.outputs.revision, OURS);
    assert.equal(server.requests.length, 4, 'polled until the fourth state');
    assert.equal(server.requests[0]?.query.refresh, 'normal');
    assert.equal(server.requests[0]?.query.appNamespace, 'argocd');
    assert.ok(
      server.requests.slice(1).every((q) => q.query.refresh === undefined),
      'one refresh only',
    );
    assert.ok(server.requests.every((q) => q.authorization === `Bearer ${server.token}`));
    for (const line of ['sync Synced, health Healthy, revision aaaabbbbcccc', 'sync OutOfSync', 'health Progressing']) {
      assert.match(r.stdout + r.stderr, new RegExp(line), `progress line ${line}`);
    }
    assert.ok(!(r.stdout + r.stderr).includes(server.token), 'token never printed');
  });

  test('refresh: false sends no refresh', async () => {
    const server = await argo([application('web', 'argocd', { revision: OURS })]);
    const r = await runCli('verify-rollout', restInputs(server, { refresh: 'false' }), { timeoutMs: 120_000 });
    assert.equal(r.code, 0, r.stdout + r.stderr);
    assert.equal(server.requests[0]?.query.refresh, undefined);
  });

  test('Degraded on our revision ends it at once with the failing resources, sanitised', async () => {
    const server = await argo([
      application('web', 'argocd', { health: 'Degraded', revision: OLD }),
      application('web', 'argocd', {
        health: 'Degraded',
        revision: OURS,
        resources: [
          {
            group: 'apps',
            kind: 'Deployment',
            namespace: 'web',
            name: 'web',
            status: 'Synced',
            health: { status: 'Degraded', message: 'Deployment "web" exceeded its progress deadline\u001b[31m' },
          },
          { kind: 'Service', namespace: 'web', name: 'web', status: 'Synced', health: { status: 'Healthy' } },
        ],
      }),
      application('web', 'argocd', { revision: OURS }),
    ]);
    const r = await runCli('verify-rollout', restInputs(server), { timeoutMs: 120_000 });
    assert.notEqual(r.code, 0);
    assert.equal(r.outputs.result, 'failed');
    assert.equal(server.requests.length, 2, 'the old release being degraded is waited on; ours ends it');
    assert.match(
      r.outputs.diagnosis ?? '',
      /Deployment\/web\/web: Degraded: Deployment "web" exceeded its progress deadline\\x1b\[31m/,
    );
    assert.ok(!(r.outputs.diagnosis ?? '').includes('Service'));
    assert.ok(!(r.stdout + r.stderr).includes('\u001b[31m'), 'control characters escaped');
    assert.equal(r.outputs.revision, '');
  });

  test('a sync operation that fails on our revision ends it with the resources’ messages', async () => {
    const server = await argo([
      application('web', 'argocd', { sync: 'OutOfSync', revision: OURS, operation: { phase: 'Running' } }),
      application('web', 'argocd', {
        sync: 'OutOfSync',
        revision: OURS,
        operation: {
          phase: 'Failed',
          message: 'one or more objects failed to apply',
          resources: [
            {
              kind: 'ConfigMap',
              namespace: 'web',
              name: 'cfg',
              status: 'SyncFailed',
              message: 'admission webhook denied the request',
            },
          ],
        },
      }),
    ]);
    const r = await runCli('verify-rollout', restInputs(server), { timeoutMs: 120_000 });
    assert.notEqual(r.code, 0);
    assert.equal(r.outputs.result, 'failed');
    assert.match(r.outputs.diagnosis ?? '', /the sync operation ended Failed: one or more objects failed to apply/);
    assert.match(r.outputs.diagnosis ?? '', /ConfigMap\/web\/cfg: SyncFailed: admission webhook denied the request/);
  });

  test('a failed operation of an older revision does not end the wait', async () => {
    const server = await argo([
      application('web', 'argocd', { revision: OLD, operation: { phase: 'Error', revision: OLD, message: 'old' } }),
      application('web', 'argocd', { revision: OURS, operation: { phase: 'Succeeded' } }),
    ]);
    const r = await runCli('verify-rollout', restInputs(server), { timeoutMs: 120_000 });
    assert.equal(r.code, 0, r.stdout + r.stderr);
  });

  test('multi-source: success only when every source is at our revision', async () => {
    const server = await argo([
      application('web', 'argocd', { revisions: [OURS, OLD] }),
      application('web', 'argocd', { revisions: [OURS, OURS] }),
    ]);
    const r = await runCli('verify-rollout', restInputs(server), { timeoutMs: 120_000 });
    assert.equal(r.code, 0, r.stdout + r.stderr);
    assert.equal(server.requests.length, 2);
  });

  test('a bad token: 401, the error names argocd-token and never shows it', async () => {
    const server = await argo([application('web', 'argocd', { revision: OURS })]);
    const bad = 'not-the-token-9d8c7b';
    const r = await runCli('verify-rollout', restInputs(server, { 'argocd-token': bad }), { timeoutMs: 120_000 });
    assert.notEqual(r.code, 0);
    assert.match(r.stdout + r.stderr, /argocd-token/);
    assert.match(r.stdout + r.stderr, /401/);
    assert.ok(!(r.stdout + r.stderr).includes(bad), 'token never printed');
    assert.equal(server.requests.length, 1, 'not retried');
  });

  test('times out on a revision that never comes, naming the last state', async () => {
    const server = await argo([application('web', 'argocd', { revision: OLD })]);
    const r = await runCli('verify-rollout', restInputs(server, { timeout: '3s' }), { timeoutMs: 120_000 });
    assert.notEqual(r.code, 0);
    assert.match(r.outputs.diagnosis ?? '', /timed out after 3s .*waiting for revision 3f2c1a9b8e7d/);
  });

  test('bad input: a short SHA and a token without a server are refused before any request', async () => {
    const server = await argo([application('web', 'argocd', { revision: OURS })]);
    const short = await runCli('verify-rollout', restInputs(server, { revision: OURS.slice(0, 12) }));
    assert.notEqual(short.code, 0);
    assert.match(short.stderr + short.stdout, /revision.*not a full commit SHA/);
    const noServer = await runCli('verify-rollout', { ...restInputs(server), 'argocd-server': '' });
    assert.notEqual(noServer.code, 0);
    assert.match(noServer.stderr + noServer.stdout, /argocd-server/);
    assert.equal(server.requests.length, 0);
  });

  test('the GitHub bundle: success, then a failing smoke check fails the step', async () => {
    const server = await argo([
      application('web', 'argocd', { revision: OLD }),
      application('web', 'argocd', { revision: OURS }),
    ]);
    const ok = await runGithubBundle('verify-rollout', restInputs(server), { timeoutMs: 120_000 });
    assert.equal(ok.code, 0, ok.stdout + ok.stderr);
    assert.equal(ok.outputs.result, 'success');
    assert.match(ok.summary, /argocd\/web \| applied/);
    // Only the runner's mask command may carry it.
    const shown = (ok.stdout + ok.stderr + ok.summary).replace(/^::add-mask::.*$/gm, '');
    assert.ok(ok.stdout.includes(`::add-mask::${server.token}`), 'masked first');
    assert.ok(!shown.includes(server.token), 'token never printed');

    const smoke = createServer((_q, res) => res.writeHead(503).end('down'));
    await new Promise<void>((resolve) => smoke.listen(0, '127.0.0.1', resolve));
    closers.push(() => new Promise((resolve) => smoke.close(() => resolve())));
    const url = `http://127.0.0.1:${(smoke.address() as AddressInfo).port}/healthz`;
    const bad = await runGithubBundle(
      'verify-rollout',
      restInputs(server, { 'smoke-url': url, 'smoke-retries': '0', 'smoke-interval': '10ms' }),
      { timeoutMs: 120_000 },
    );
    assert.notEqual(bad.code, 0, bad.stdout + bad.stderr);
    assert.equal(bad.outputs.result, 'failed');
    assert.match(bad.outputs.diagnosis ?? '', /503/);
  });
});

describe('verify-rollout: Argo CD Application through the Kubernetes API', { timeout: 300_000 }, () => {
  test('annotated for a refresh, then our revision healthy: success', async () => {
    const fake = await fakeKube();
    fake.create(application('web', 'argocd', { sync: 'OutOfSync', revision: OLD }), { raw: true });
    const run = runCli(
      'verify-rollout',
      { 'argocd-app': 'argocd/web', revision: OURS, timeout: '60s' },
      { env: { KUBECONFIG: await fake.kubeconfig() }, timeoutMs: 120_000 },
    );
    const patch = await fake.waitForRequest((q) => q.verb === 'patch' && q.resource === 'applications');
    await fake.waitForWatch('applications');
    fake.update(
      'Application',
      'web',
      (a) => Object.assign(a.status, application('web', 'argocd', { health: 'Progressing', revision: OURS }).status),
      'argocd',
    );
    fake.update(
      'Application',
      'web',
      (a) => Object.assign(a.status, application('web', 'argocd', { revision: OURS }).status),
      'argocd',
    );
    const r = await run;
    assert.equal(r.code, 0, r.stdout + r.stderr);
    assert.equal(r.outputs.result, 'success');
    assert.match(r.stdout + r.stderr, /health Progressing/);
    // The body is recorded once the request has been read (after waitForRequest resolved).
    assert.equal(patch.contentType, 'application/merge-patch+json');
    assert.deepEqual(patch.body, { metadata: { annotations: { 'argocd.argoproj.io/refresh': 'normal' } } });
    assert.equal(
      fake.get('Application', 'web', 'argocd')?.metadata.annotations?.['argocd.argoproj.io/refresh'],
      'normal',
    );
  });

  test('Degraded on our revision: failed with the resource message', async () => {
    const fake = await fakeKube();
    fake.create(
      application('web', 'default', {
        health: 'Degraded',
        revision: OURS,
        resources: [
          {
            kind: 'Deployment',
            namespace: 'web',
            name: 'api',
            health: { status: 'Degraded', message: 'back-off pulling image' },
          },
        ],
      }),
      { raw: true },
    );
    const r = await runCli(
      'verify-rollout',
      { 'argocd-app': 'web', revision: OURS, refresh: 'false' },
      { env: { KUBECONFIG: await fake.kubeconfig() }, timeoutMs: 120_000 },
    );
    assert.notEqual(r.code, 0);
    assert.match(r.outputs.diagnosis ?? '', /Deployment\/web\/api: Degraded: back-off pulling image/);
    assert.ok(!fake.requests.some((q) => q.verb === 'patch'), 'refresh: false patches nothing');
  });

  test('a missing Application names it', async () => {
    const fake = await fakeKube();
    const r = await runCli(
      'verify-rollout',
      { 'argocd-app': 'argocd/nope', revision: OURS },
      { env: { KUBECONFIG: await fake.kubeconfig() }, timeoutMs: 120_000 },
    );
    assert.notEqual(r.code, 0);
    assert.match(r.stdout + r.stderr, /application\/nope not found in namespace 'argocd'/);
  });
});

describe('verify-rollout: Flux through the Kubernetes API', { timeout: 300_000 }, () => {
  test('Kustomization: reconcile requested, applied revision then Ready: success', async () => {
    const fake = await fakeKube();
    fake.create(
      kustomization('apps', 'flux-system', {
        applied: `main@sha1:${OLD}`,
        ready: 'True',
        reason: 'ReconciliationSucceeded',
      }),
      { raw: true },
    );
    const run = runCli(
      'verify-rollout',
      { 'flux-kustomization': 'apps', namespace: 'flux-system', revision: OURS, timeout: '60s' },
      { env: { KUBECONFIG: await fake.kubeconfig() }, timeoutMs: 120_000 },
    );
    const patch = await fake.waitForRequest((q) => q.verb === 'patch' && q.resource === 'kustomizations');
    await fake.waitForWatch('kustomizations');
    fake.update(
      'Kustomization',
      'apps',
      (k) =>
        fluxStatus('Kustomization', k, {
          applied: `main@sha1:${OLD}`,
          attempted: `main@sha1:${OURS}`,
          ready: 'Unknown',
          reason: 'Progressing',
          message: 'Reconciliation in progress',
        }),
      'flux-system',
    );
    // The older `main/<sha>` form names the commit too.
    fake.update(
      'Kustomization',
      'apps',
      (k) =>
        fluxStatus('Kustomization', k, { applied: `main/${OURS}`, ready: 'True', reason: 'ReconciliationSucceeded' }),
      'flux-system',
    );
    const r = await run;
    assert.equal(r.code, 0, r.stdout + r.stderr);
    assert.equal(r.outputs.result, 'success');
    assert.equal(r.outputs.revision, OURS);
    assert.match(r.stdout + r.stderr, /Ready=Unknown \(Progressing\)/);
    const requestedAt = (patch.body as { metadata: { annotations: Record<string, string> } }).metadata.annotations[
      'reconcile.fluxcd.io/requestedAt'
    ];
    assert.ok(requestedAt && !Number.isNaN(Date.parse(requestedAt)), 'a timestamp');
  });

  test('Kustomization: Ready=False HealthCheckFailed on our revision fails with the message', async () => {
    const fake = await fakeKube();
    fake.create(
      kustomization('apps', 'default', {
        applied: `main@sha1:${OLD}`,
        attempted: `main@sha1:${OURS}`,
        ready: 'False',
        reason: 'HealthCheckFailed',
        message: 'timeout waiting for: [Deployment/web/web status: InProgress]',
      }),
      { raw: true },
    );
    const r = await runCli(
      'verify-rollout',
      { 'flux-kustomization': 'apps', revision: OURS, refresh: 'false' },
      { env: { KUBECONFIG: await fake.kubeconfig() }, timeoutMs: 120_000 },
    );
    assert.notEqual(r.code, 0);
    assert.match(r.outputs.diagnosis ?? '', /kustomization\/apps: HealthCheckFailed: timeout waiting for/);
  });

  test('HelmRelease: UpgradeFailed on our chart build fails; a previous failure is waited on', async () => {
    const fake = await fakeKube();
    fake.create(
      helmRelease('web', 'default', {
        applied: OLD,
        attempted: OLD,
        ready: 'False',
        reason: 'UpgradeFailed',
        message: 'old failure',
      }),
      { raw: true },
    );
    const run = runCli(
      'verify-rollout',
      { 'flux-helmrelease': 'web', revision: OURS, timeout: '60s' },
      { env: { KUBECONFIG: await fake.kubeconfig() }, timeoutMs: 120_000 },
    );
    await fake.waitForWatch('helmreleases');
    fake.update('HelmRelease', 'web', (h) =>
      fluxStatus('HelmRelease', h, {
        applied: OLD,
        attempted: OURS,
        ready: 'False',
        reason: 'UpgradeFailed',
        message: 'Helm upgrade failed: context deadline exceeded',
      }),
    );
    const r = await run;
    assert.notEqual(r.code, 0);
    assert.match(
      r.outputs.diagnosis ?? '',
      /helmrelease\/web: UpgradeFailed: Helm upgrade failed: context deadline exceeded/,
    );
    assert.ok(!(r.outputs.diagnosis ?? '').includes('old failure'));
  });

  test('HelmRelease: our chart build deployed and Ready: success', async () => {
    const fake = await fakeKube();
    fake.create(helmRelease('web', 'default', { applied: OURS, ready: 'True', reason: 'UpgradeSucceeded' }), {
      raw: true,
    });
    const r = await runCli(
      'verify-rollout',
      { 'flux-helmrelease': 'web', revision: OURS },
      { env: { KUBECONFIG: await fake.kubeconfig() }, timeoutMs: 120_000 },
    );
    assert.equal(r.code, 0, r.stdout + r.stderr);
  });
});
