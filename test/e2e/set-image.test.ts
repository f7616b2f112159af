/**
 * set-image against the scripted API server, refereed by the real kubectl: on two fresh fakes with the same
 * workload, `kubectl set image` and `cdpack set-image` must leave the same object (our change-cause aside).
 */
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { after, describe, test } from 'node:test';
import { type FakeKube, type Raw, startFakeKube } from '../support/fake-kube-api';
import { kubectl, kubectlUnavailable } from '../support/fake-kube-kubectl';
import {
  cronJobManifest,
  daemonSetManifest,
  deploymentManifest,
  statefulSetManifest,
} from '../support/fake-kube-workloads';
import { cleanupTempDirs } from '../support/gitops-fixture';
import { skipUnlessAvailable } from '../support/requirements';
import { type Inputs, runCli, runGithubBundle } from '../support/run';

const skip = skipUnlessAvailable(kubectlUnavailable());
const NEXT = 'registry.example/web:2.0.0';
const CHANGE_CAUSE = 'kubernetes.io/change-cause';

after(cleanupTempDirs);

const fakes: FakeKube[] = [];
after(async () => {
  for (const f of fakes) await f.close();
});

async function fakeWith(manifest: Raw): Promise<FakeKube> {
  const fake = await startFakeKube();
  fakes.push(fake);
  fake.create(manifest);
  return fake;
}

async function runSetImage(fake: FakeKube, inputs: Inputs) {
  const kubeconfig = await fake.kubeconfig();
  return runCli(
    'set-image',
    { namespace: 'default', ...inputs },
    { env: { KUBECONFIG: kubeconfig }, timeoutMs: 60_000 },
  );
}

/** What `kubectl set image` decides: the spec, the annotations (change-cause aside) and every revision's template. */
function comparable(fake: FakeKube, kind: string, name: string) {
  const o = fake.get(kind, name);
  const annotations = { ...(o.metadata.annotations ?? {}) };
  delete annotations[CHANGE_CAUSE];
  const revisions = ['deployment', 'statefulset', 'daemonset'].includes(kind)
    ? fake.revisions(kind, name).map((r: Raw) => r.spec?.template ?? r.data)
    : [];
  return { spec: o.spec, generation: o.metadata.generation, annotations, revisions };
}

const patchesOf = (fake: FakeKube) => fake.requests.filter((r) => r.verb === 'patch');

describe('set-image produces the object kubectl set image produces', { skip, timeout: 300_000 }, () => {
  const cases: { kind: string; name: string; manifest: () => Raw; kubectlArgs: string[]; inputs: Inputs }[] = [
    {
      kind: 'deployment',
      name: 'web',
      manifest: () =>
        deploymentManifest({
          initContainers: [{ name: 'migrate', image: 'registry.example/web:1.0.0' }],
          containers: [
            { name: 'proxy', image: 'envoyproxy/envoy:v1.30' },
            { name: 'web', image: 'registry.example/web:1.0.0' },
          ],
        }),
      kubectlArgs: ['set', 'image', 'deployment/web', `web=${NEXT}`, `migrate=${NEXT}`],
      inputs: { image: NEXT, workload: 'deployment/web' },
    },
    {
      kind: 'statefulset',
      name: 'db',
      manifest: () => statefulSetManifest({ image: 'registry.example/web:1.0.0' }),
      kubectlArgs: ['set', 'image', 'statefulset/db', `db=${NEXT}`],
      inputs: { image: NEXT, workload: 'sts/db' },
    },
    {
      kind: 'daemonset',
      name: 'agent',
      manifest: () => daemonSetManifest({ image: 'registry.example/web:1.0.0' }),
      kubectlArgs: ['set', 'image', 'daemonset/agent', `agent=${NEXT}`],
      inputs: { image: NEXT, workload: 'ds/agent', container: 'agent' },
    },
    {
      kind: 'cronjob',
      name: 'report',
      manifest: () => cronJobManifest({ image: 'registry.example/web:1.0.0' }),
      kubectlArgs: ['set', 'image', 'cronjob/report', `report=${NEXT}`],
      inputs: { image: NEXT, workload: 'cronjob/report' },
    },
  ];

  for (const c of cases) {
    test(`${c.kind}/${c.name}`, async () => {
      const theirs = await fakeWith(c.manifest());
      const ours = await fakeWith(c.manifest());
      const k = await kubectl(theirs, c.kubectlArgs);
      assert.equal(k.code, 0, k.stderr);
      const r = await runSetImage(ours, { ...c.inputs, 'change-cause': 'release 2.0.0' });
      assert.equal(r.code, 0, r.stderr);
      assert.deepEqual(comparable(ours, c.kind, c.name), comparable(theirs, c.kind, c.name));
      assert.equal(ours.get(c.kind, c.name).metadata.annotations[CHANGE_CAUSE], 'release 2.0.0');
      // The same request body as kubectl's, plus the annotation.
      const [kubectlPatch] = patchesOf(theirs);
      const [ourPatch] = patchesOf(ours);
      assert.equal(ourPatch?.contentType, kubectlPatch?.contentType);
      const { metadata, ...rest } = (ourPatch?.body ?? {}) as { metadata?: unknown };
      assert.deepEqual(metadata, { annotations: { [CHANGE_CAUSE]: 'release 2.0.0' } });
      assert.deepEqual(rest, kubectlPatch?.body);
      assert.equal(r.outputs.changed, 'true');
      assert.equal(r.outputs['previous-image'], 'registry.example/web:1.0.0');
      if (c.kind === 'deployment') {
        assert.equal(
          r.outputs.revision,
          ours.get('deployment', 'web').metadata.annotations['deployment.kubernetes.io/revision'],
        );
        assert.equal(r.outputs.revision, '2');
        assert.deepEqual(
          JSON.parse(r.outputs.workloads ?? '[]').map((w: { container: string }) => w.container),
          ['migrate', 'web'],
        );
      }
    });
  }

  test('kubectl rollout history shows our change-cause', async () => {
    const fake = await fakeWith(deploymentManifest());
    const r = await runSetImage(fake, {
      image: NEXT,
      workload: 'deployment/web',
      'change-cause': 'deploy 2.0.0 (run 7)',
    });
    assert.equal(r.code, 0, r.stderr);
    const h = await kubectl(fake, ['rollout', 'history', 'deployment/web']);
    assert.equal(h.code, 0, h.stderr);
    assert.match(h.stdout, /^2\s+deploy 2\.0\.0 \(run 7\)$/m);
  });
});

describe('set-image as the GitHub runner runs the bundle', { skip, timeout: 300_000 }, () => {
  test('dist/set-image with the kubeconfig input: same object as kubectl, outputs in GITHUB_OUTPUT', async () => {
    const theirs = await fakeWith(deploymentManifest());
    const ours = await fakeWith(deploymentManifest());
    assert.equal((await kubectl(theirs, ['set', 'image', 'deployment/web', `web=${NEXT}`])).code, 0);
    const kubeconfig = readFileSync(await ours.kubeconfig({ inline: true }), 'utf8');
    const r = await runGithubBundle(
      'set-image',
      { image: NEXT, workload: 'deployment/web', kubeconfig },
      { timeoutMs: 60_000 },
    );
    assert.equal(r.code, 0, r.stdout + r.stderr);
    assert.deepEqual(comparable(ours, 'deployment', 'web'), comparable(theirs, 'deployment', 'web'));
    assert.equal(r.outputs.changed, 'true');
    assert.equal(r.outputs.revision, '2');
    // The default change-cause names the image and the run's commit.
    assert.equal(
      ours.get('deployment', 'web').metadata.annotations[CHANGE_CAUSE],
      `cdpack set-image ${NEXT} (commit 0123456789ab)`,
    );
    assert.match(r.summary, /cdpack set-image/);
    const printed = r.stdout.split('\n').filter((l) => !l.startsWith('::add-mask::'));
    assert.ok(!printed.some((l) => l.includes(ours.token ?? 'no-token')), 'the token is never printed');
    assert.ok(r.stdout.includes(`::add-mask::${ours.token}`), 'the token is registered for masking');
  });
});

describe('set-image: no-op, dry run and refusals', { timeout: 300_000 }, () => {
  test('already on the image: changed=false and no PATCH', async () => {
    const fake = await fakeWith(deploymentManifest({ image: NEXT }));
    const r = await runSetImage(fake, { image: NEXT, workload: 'deployment/web' });
    assert.equal(r.code, 0, r.stderr);
    assert.equal(r.outputs.changed, 'false');
    assert.equal(r.outputs.revision, '1');
    assert.deepEqual(patchesOf(fake), []);
  });

  test('dry-run: dryRun=All is sent and nothing changes', async () => {
    const fake = await fakeWith(deploymentManifest());
    const before = fake.get('deployment', 'web');
    const r = await runSetImage(fake, { image: NEXT, workload: 'deployment/web', 'dry-run': 'true' });
    assert.equal(r.code, 0, r.stderr);
    assert.equal(patchesOf(fake)[0]?.query.dryRun, 'All');
    assert.deepEqual(fake.get('deployment', 'web'), before);
  });

  test('the kubeconfig input (content, base64) with a context and its namespace', async () => {
    const fake = await startFakeKube();
    fakes.push(fake);
    fake.create(deploymentManifest({ namespace: 'prod' }));
    const file = await fake.kubeconfig({ inline: true, namespace: 'prod', contextName: 'ci' });
    const r = await runCli(
      'set-image',
      { image: NEXT, workload: 'deployment/web', context: 'ci' },
      { env: { CDPACK_KUBECONFIG: Buffer.from(readFileSync(file)).toString('base64') }, timeoutMs: 60_000 },
    );
    assert.equal(r.code, 0, r.stderr);
    assert.equal(fake.get('deployment', 'web', 'prod').spec.template.spec.containers[0].image, NEXT);
  });

  test('a 403 on the second workload: the first is patched back, and the error says so', async () => {
    const fake = await fakeWith(deploymentManifest());
    fake.create(statefulSetManifest({ name: 'db', image: 'registry.example/web:1.0.0' }));
    const rule = fake.forbid('patch', 'statefulsets');
    const r = await runSetImage(fake, { image: NEXT, workload: 'deployment/web\nstatefulset/db' });
    rule.remove();
    assert.equal(r.code, 1, r.stderr);
    assert.match(
      r.stderr,
      /not allowed to patch statefulset\/db .*already patched workloads were reverted: deployment\/web/,
    );
    assert.equal(patchesOf(fake).length, 3, 'web forward, db refused, web back');
    assert.equal(fake.get('deployment', 'web').spec.template.spec.containers[0].image, 'registry.example/web:1.0.0');
    assert.equal(fake.get('statefulset', 'db').spec.template.spec.containers[0].image, 'registry.example/web:1.0.0');
  });

  test('a missing object, RBAC 403, a bad kubeconfig, an unreachable server: clear errors, nothing patched', async () => {
    const fake = await fakeWith(deploymentManifest());
    const missing = await runSetImage(fake, { image: NEXT, workload: 'deployment/web\ndeployment/api' });
    assert.equal(missing.code, 1);
    assert.match(missing.stderr, /deployment\/api not found in namespace 'default'/);
    assert.deepEqual(patchesOf(fake), []);

    const rule = fake.forbid('patch', 'deployments');
    const forbidden = await runSetImage(fake, { image: NEXT, workload: 'deployment/web' });
    rule.remove();
    assert.equal(forbidden.code, 1);
    assert.match(forbidden.stderr, /not allowed to patch deployment\/web in namespace 'default' \(RBAC\)/);
    assert.equal(fake.get('deployment', 'web').spec.template.spec.containers[0].image, 'registry.example/web:1.0.0');

    const bad = await runCli(
      'set-image',
      { image: NEXT, workload: 'deployment/web' },
      { env: { CDPACK_KUBECONFIG: 'not: [a kubeconfig' }, timeoutMs: 60_000 },
    );
    assert.equal(bad.code, 1);
    assert.match(bad.stderr, /kubeconfig/);

    const closed = await startFakeKube();
    const content = readFileSync(await closed.kubeconfig({ inline: true }), 'utf8');
    await closed.close();
    const unreachable = await runCli(
      'set-image',
      { image: NEXT, workload: 'deployment/web' },
      { env: { CDPACK_KUBECONFIG: content }, timeoutMs: 120_000 },
    );
    assert.equal(unreachable.code, 1);
    assert.match(unreachable.stderr, /cannot reach the Kubernetes API server to get deployment\/web: 127\.0\.0\.1/);
  });
});
