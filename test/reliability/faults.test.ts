/**
 * Faults, through the actions end to end: the registry (behind the fault proxy) and the Kubernetes
 * API (fault injection) answer 401/403/404/429/500, reset the connection or never answer; a watch
 * drops mid-rollout. Each run ends with a clear error within its bound (the step's `timeout`, the
 * client's retry budget), and leaves no partial tag or half-applied patch.
 */
import assert from 'node:assert/strict';
import { after, test } from 'node:test';
import { type FakeKube, type FaultAnswer as KubeFault, startFakeKube } from '../support/fake-kube-api';
import { deploymentManifest, setDeploymentStatus } from '../support/fake-kube-workloads';
import { cleanupTempDirs } from '../support/gitops-fixture';
import { basicAuth, makeImage, pushImage } from '../support/oci-image';
import { type FaultAnswer, type FaultProxy, registryUnavailable, startFaultProxy } from '../support/registry';
import { skipUnlessAvailable } from '../support/requirements';
import { clusterFingerprint, type Harness, leakedCanaries, REGISTRY_USER, runInProcess, startHarness } from './harness';
import { pool } from './pool';

const skip = skipUnlessAvailable(registryUnavailable());
let h: Harness | undefined;
const closers: (() => Promise<void>)[] = [];
after(async () => {
  for (const close of closers) await close();
  await h?.close();
  cleanupTempDirs();
});

const httpFaults: { label: string; status: number; says: RegExp }[] = [
  { label: '401', status: 401, says: /401|unauthori[sz]ed|credentials/i },
  { label: '403', status: 403, says: /403|forbidden|denied|not allowed/i },
  { label: '404', status: 404, says: /404|not found/i },
  { label: '429 (always)', status: 429, says: /429|too many/i },
  { label: '500 (always)', status: 500, says: /500|server error/i },
];

test('registry faults during a promote: clear error, bounded retries, no tag appears', {
  skip,
  timeout: 300_000,
}, async (t) => {
  h ??= await startHarness();
  const harness = h;
  const auth = basicAuth(REGISTRY_USER, harness.canaries.registryPassword);
  const image = makeImage({ layerSizes: [2_000] });
  await pushImage({ url: harness.registry.url, authorization: auth }, 'team/src', image, 'build-1');

  const cases: { label: string; answer: FaultAnswer | 'reset'; says: RegExp }[] = [
    ...httpFaults.map((f) => ({
      label: f.label,
      answer: { status: f.status, headers: f.status === 429 ? { 'Retry-After': '0' } : {} } as FaultAnswer,
      says: f.says,
    })),
  ];
  const results = await pool(cases, 3, async (c) => {
    const proxy: FaultProxy = await startFaultProxy({
      target: harness.registry.url,
      plan: (req) =>
        req.method === 'PUT' && /\/manifests\//.test(req.url ?? '') ? (c.answer as FaultAnswer) : undefined,
    });
    closers.push(() => proxy.stop());
    const repo = `team/dst-${c.label.replace(/\W+/g, '')}`;
    const r = await runInProcess(harness, 'build-push', {
      image: `${proxy.host}/${repo}`,
      tags: '1.0.0',
      source: `${proxy.host}/team/src@${image.digest}`,
      'tls-verify': 'false',
      username: REGISTRY_USER,
    });
    const puts = proxy.requests.filter((q) => q.method === 'PUT' && q.path.includes('/manifests/')).length;
    const tags = await fetch(`${harness.registry.url}/v2/${repo}/tags/list`, { headers: { authorization: auth } });
    return {
      c,
      r,
      puts,
      tagsStatus: tags.status,
      tags: tags.ok ? (((await tags.json()) as { tags?: string[] }).tags ?? []) : [],
    };
  });
  for (const { c, r, puts, tags } of results) {
    await t.test(`manifest PUT answered ${c.label}`, () => {
      assert.equal(r.failed, true, r.stderr.slice(-800));
      assert.match(r.stderr, c.says, r.stderr.slice(-800));
      assert.doesNotMatch(r.stderr, /internal error/);
      assert.ok(puts >= 1 && puts <= 10, `${puts} manifest PUTs: retries must be bounded`);
      assert.deepEqual(tags, [], 'a tag appeared');
      assert.deepEqual(leakedCanaries(harness, r), []);
    });
  }
});

async function fakeWithWeb(rollout: 'instant' | 'manual' = 'instant'): Promise<FakeKube> {
  const fake = await startFakeKube({ rollout, auth: { tokens: { 'fault-token': 'tester' } } });
  closers.push(() => fake.close());
  fake.create(deploymentManifest({ containers: [{ name: 'web', image: 'registry.example/web:1.0.0' }] }));
  return fake;
}

async function kubeconfigOf(fake: FakeKube): Promise<string> {
  const { readFileSync } = await import('node:fs');
  return readFileSync(await fake.kubeconfig({ auth: 'token', token: 'fault-token', inline: true }), 'utf8');
}

const kubeFaults: { label: string; answer: KubeFault; says: RegExp }[] = [
  ...httpFaults.map((f) => ({
    label: f.label,
    answer: { status: f.status, ...(f.status === 429 ? { retryAfter: 0 } : {}) } as KubeFault,
    says: f.says,
  })),
  { label: 'connection reset', answer: 'reset', says: /reset|socket hang up|ECONNRESET|closed/i },
];

test('API faults on the patch: set-image fails clearly and the workload is not touched', {
  skip,
  timeout: 300_000,
}, async (t) => {
  h ??= await startHarness();
  const harness = h;
  for (const f of kubeFaults) {
    await t.test(`patch answered ${f.label}`, async () => {
      const fake = await fakeWithWeb();
      const before = clusterFingerprint({ ...harness, kube: fake });
      fake.inject({ match: (r) => r.verb === 'patch', answer: f.answer });
      const r = await runInProcess(
        harness,
        'set-image',
        { image: 'registry.example/web:2.0.0', workload: 'deployment/web', namespace: 'default' },
        { CDPACK_KUBECONFIG: await kubeconfigOf(fake) },
      );
      assert.equal(r.failed, true, r.stderr.slice(-800));
      assert.match(r.stderr, f.says, r.stderr.slice(-800));
      assert.doesNotMatch(r.stderr, /internal error/);
      const patches = fake.requests.filter((q) => q.verb === 'patch').length;
      assert.ok(patches >= 1 && patches <= 10, `${patches} patch attempts: retries must be bounded`);
      assert.equal(clusterFingerprint({ ...harness, kube: fake }), before, 'the workload changed');
      assert.equal(fake.get('deployment', 'web').spec.template.spec.containers[0].image, 'registry.example/web:1.0.0');
    });
  }
});

test('API faults while verifying: verify-rollout fails clearly within its timeout', {
  skip,
  timeout: 300_000,
}, async (t) => {
  h ??= await startHarness();
  const harness = h;
  const faults = [
    ...kubeFaults,
    { label: 'a server that never answers', answer: 'hang' as const, says: /timed? ?out|timeout|no data|5s/i },
  ];
  for (const f of faults) {
    await t.test(`reads answered ${f.label}`, async () => {
      const fake = await fakeWithWeb();
      const before = clusterFingerprint({ ...harness, kube: fake });
      fake.inject({ match: (r) => ['get', 'list', 'watch'].includes(r.verb), answer: f.answer });
      const running = runInProcess(
        harness,
        'verify-rollout',
        { workloads: 'deployment/web', namespace: 'default', timeout: '5s', rollback: 'true' },
        { CDPACK_KUBECONFIG: await kubeconfigOf(fake) },
      );
      let timer: NodeJS.Timeout | undefined;
      const bound = new Promise<'unbounded'>((resolve) => {
        timer = setTimeout(() => resolve('unbounded'), 30_000);
      });
      const first = await Promise.race([running, bound]);
      clearTimeout(timer);
      if (first === 'unbounded') {
        await fake.close(); // ends the hung request so the run can finish
        await running;
        assert.fail('still running 30 s into a 5 s timeout');
      }
      const r = await running;
      assert.equal(r.failed, true, r.stderr.slice(-800));
      assert.match(r.stderr, f.says, r.stderr.slice(-800));
      assert.doesNotMatch(r.stderr, /internal error/);
      assert.ok(fake.requests.length <= 60, `${fake.requests.length} requests: retries must be bounded`);
      assert.equal(fake.requests.filter((q) => q.verb === 'patch').length, 0, 'a rollback was attempted blind');
      assert.equal(clusterFingerprint({ ...harness, kube: fake }), before);
    });
  }

  await t.test('a watch that drops mid-rollout is resumed; the verdict follows the cluster', async () => {
    const fake = await fakeWithWeb('manual');
    fake.update('deployment', 'web', (d) => {
      d.spec.template.spec.containers[0].image = 'registry.example/web:2.0.0';
    });
    const running = runInProcess(
      harness,
      'verify-rollout',
      { workloads: 'deployment/web', namespace: 'default', timeout: '30s' },
      { CDPACK_KUBECONFIG: await kubeconfigOf(fake) },
    );
    const first = await fake.waitForWatch('deployments');
    fake.dropWatches({ mode: 'reset' });
    await fake.waitForWatch('deployments', first.id + 1);
    setDeploymentStatus(fake, 'web', { updated: 3, ready: 3, available: 3 });
    const r = await running;
    assert.equal(r.failed, false, r.stderr.slice(-1500));
    assert.ok(fake.requests.filter((q) => q.verb === 'watch').length >= 2, 'the watch was not resumed');
  });
});
