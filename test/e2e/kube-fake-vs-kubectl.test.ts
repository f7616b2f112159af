/**
 * Keeps the fake Kubernetes API server honest: the real kubectl (v1.32) runs against it and must get
 * what it would get from a cluster — rollout verdicts for every shared scenario, `set image` patches,
 * `rollout undo` through ReplicaSets and ControllerRevisions, credentials, selectors, logs, patch
 * formats, dry runs and faults. Each behaviour of the fake is exercised here by a kubectl command.
 */
import assert from 'node:assert/strict';
import { readFileSync, writeFileSync } from 'node:fs';
import { after, before, describe, it } from 'node:test';
import { execPluginCallsFile, type FakeKube, startFakeKube } from '../support/fake-kube-api';
import { kubectl, kubectlUnavailable } from '../support/fake-kube-kubectl';
import {
  addPods,
  cronJobManifest,
  daemonSetManifest,
  deploymentManifest,
  setDeploymentStatus,
  setTemplateImage,
  statefulSetManifest,
} from '../support/fake-kube-workloads';
import {
  CHANGE_CAUSE,
  comparable,
  expectedRollback,
  expectedSetImage,
  kubectlRolloutUndo,
  kubectlSetImage,
} from '../support/kubectl-referee';
import { skipUnlessAvailable } from '../support/requirements';
import { kubectlRolloutStatus, rolloutScenario, rolloutScenarios, runScenario } from '../support/rollout-scenarios';

const skip = skipUnlessAvailable(kubectlUnavailable());
const json = (text: string) => JSON.parse(text);

describe('kubectl rollout status against the fake: the shared scenarios', { skip, timeout: 180_000 }, () => {
  it('has the scenarios issue 10 asks for', () => {
    assert.ok(rolloutScenarios.length >= 12);
    const names = new Set(rolloutScenarios.map((s) => s.name));
    assert.equal(names.size, rolloutScenarios.length, 'scenario names are unique');
  });

  for (const scenario of rolloutScenarios) {
    it(`${scenario.name}: ${scenario.story}`, async () => {
      const { verdict, requests } = await runScenario(scenario, kubectlRolloutStatus);
      assert.deepEqual(
        { result: verdict.result, exitCode: verdict.exitCode, lastMessage: verdict.lastMessage },
        {
          result: scenario.kubectl.result,
          exitCode: scenario.kubectl.exitCode,
          lastMessage: scenario.kubectl.lastMessage,
        },
        verdict.output,
      );
      const watches = requests.filter((r) => r.verb === 'watch');
      assert.ok(watches.length > 0, 'kubectl watched');
      assert.ok(
        watches.every((r) => r.query.fieldSelector === `metadata.name=${scenario.workload.split('/')[1]}`),
        'each watch selects the one object',
      );
    });
  }

  it('progress lines follow the fake state by state (spec observed, updated, pending termination, available)', async () => {
    const { verdict } = await runScenario(
      rolloutScenario('deployment-progresses-then-completes'),
      kubectlRolloutStatus,
    );
    const lines = (verdict.output ?? '')
      .split('\n')
      .filter((l) => l.startsWith('Waiting') || l.startsWith('deployment'));
    assert.deepEqual(lines, [
      'Waiting for deployment spec update to be observed...',
      'Waiting for deployment "web" rollout to finish: 1 out of 3 new replicas have been updated...',
      'Waiting for deployment "web" rollout to finish: 1 old replicas are pending termination...',
      'Waiting for deployment "web" rollout to finish: 2 of 3 updated replicas are available...',
      'deployment "web" successfully rolled out',
    ]);
  });

  it('a dropped watch is resumed from the last resourceVersion, with the missed events replayed', async () => {
    const { verdict, requests } = await runScenario(rolloutScenario('deployment-watch-dropped'), kubectlRolloutStatus);
    assert.equal(verdict.exitCode, 0);
    const watches = requests.filter((r) => r.verb === 'watch');
    assert.ok(watches.length >= 2);
    const resumed = watches
      .slice(1)
      .some((w) => Number(w.query.resourceVersion) > Number(watches[0]?.query.resourceVersion));
    const relisted = requests.filter((r) => r.verb === 'list').length > 1;
    assert.ok(resumed || relisted, 'kubectl came back through a new watch or list');
    assert.match(
      verdict.output ?? '',
      /2 out of 3 new replicas have been updated/,
      'the state set while no watch was open arrived',
    );
  });

  it('a watch from a compacted resourceVersion gets 410 Gone and kubectl re-lists', async () => {
    const { verdict, requests } = await runScenario(rolloutScenario('deployment-watch-gone'), kubectlRolloutStatus);
    assert.equal(verdict.exitCode, 0);
    const expired = requests.findIndex((r) => r.expired);
    assert.ok(expired > 0, 'a watch was refused with 410');
    assert.ok(
      requests.slice(expired).some((r) => r.verb === 'list'),
      'kubectl listed again after the 410',
    );
  });

  it('410 as an HTTP status (goneAs: status) is handled the same way', async () => {
    const scenario = { ...rolloutScenario('deployment-watch-gone'), fakeOptions: { goneAs: 'status' as const } };
    const { verdict, requests } = await runScenario(scenario, kubectlRolloutStatus);
    assert.equal(verdict.exitCode, 0, verdict.output);
    assert.ok(requests.some((r) => r.verb === 'watch' && r.status === 410));
  });

  it('500s are retried: kubectl keeps listing until the API answers', async () => {
    const { verdict, requests } = await runScenario(rolloutScenario('deployment-api-500s'), kubectlRolloutStatus);
    assert.equal(verdict.exitCode, 0);
    assert.equal(requests.filter((r) => r.status === 500).length, 2);
    const last500 = requests.map((r) => r.status).lastIndexOf(500);
    assert.ok(requests.slice(last500).some((r) => r.verb === 'list' && r.status === 200));
  });

  it('a rollout scripted as steps and played on a timer: kubectl sees each step', async () => {
    const fake = await startFakeKube({ rollout: 'manual' });
    after(() => fake.close());
    fake.create(deploymentManifest());
    setDeploymentStatus(fake, 'web', { updated: 3, available: 3 });
    setTemplateImage(fake, 'deployment', 'web', 'registry.example/web:2.0.0');
    setDeploymentStatus(fake, 'web', { updated: 1, available: 3, replicas: 4 });
    fake.script([
      (f) => setDeploymentStatus(f, 'web', { updated: 2, available: 3, replicas: 4 }),
      (f) => setDeploymentStatus(f, 'web', { updated: 3, available: 3, replicas: 3 }),
    ]);
    const running = kubectl(fake, ['rollout', 'status', 'deployment/web', '--timeout=30s']);
    await fake.waitForWatch('deployments');
    await fake.play(100);
    assert.equal(fake.step(), false, 'every step was played');
    const r = await running;
    assert.equal(r.code, 0, r.stderr);
    assert.match(r.stdout, /2 out of 3 new replicas have been updated/);
    assert.equal(r.lastLine, 'deployment "web" successfully rolled out');
  });

  it('a watch stream that ends after N events: kubectl watches again from the last resourceVersion', async () => {
    const fake = await startFakeKube({ rollout: 'manual' });
    after(() => fake.close());
    fake.create(deploymentManifest());
    setDeploymentStatus(fake, 'web', { updated: 1, available: 3, replicas: 4 });
    fake.dropWatches({ afterEvents: 1 });
    const running = kubectl(fake, ['rollout', 'status', 'deployment/web', '--timeout=30s']);
    const firstWatch = await fake.waitForWatch('deployments');
    setDeploymentStatus(fake, 'web', { updated: 2, available: 3, replicas: 4 });
    const eventRv = fake.resourceVersion;
    const again = await fake.waitForWatch('deployments', firstWatch.id + 1);
    assert.equal(again.query.resourceVersion, String(eventRv), 'resumed after the one event it got');
    setDeploymentStatus(fake, 'web', { updated: 3, available: 3, replicas: 3 });
    const r = await running;
    assert.equal(r.code, 0, r.stderr);
  });

  it('bookmarks move the resourceVersion kubectl resumes from', async () => {
    const fake = await startFakeKube({ rollout: 'manual' });
    after(() => fake.close());
    fake.create(deploymentManifest());
    setDeploymentStatus(fake, 'web', { updated: 1, available: 3, replicas: 4 });
    const running = kubectl(fake, ['rollout', 'status', 'deployment/web', '--timeout=30s']);
    await fake.waitForWatch('deployments');
    // Objects of another kind move the global resourceVersion; the bookmark carries it to kubectl.
    fake.create(daemonSetManifest());
    const bookmarked = fake.resourceVersion;
    fake.bookmark();
    await new Promise((resolve) => setTimeout(resolve, 200));
    const since = fake.requests.length;
    fake.dropWatches({ mode: 'end' });
    const rewatch = await fake.waitForWatch('deployments', since);
    assert.equal(rewatch.query.resourceVersion, String(bookmarked));
    setDeploymentStatus(fake, 'web', { updated: 3, available: 3 });
    assert.equal((await running).code, 0);
  });
});

describe('credentials and authorization, as kubectl presents them', { skip, timeout: 120_000 }, () => {
  let fake: FakeKube;
  before(async () => {
    fake = await startFakeKube({
      auth: { tokens: { 'good-token': 'token-user' }, basic: { user: 'alice', password: 's3cret' }, clientCert: true },
    });
    fake.create(deploymentManifest());
  });
  after(() => fake.close());

  const whoAmI = async (kubeconfig: string) => {
    const since = fake.requests.length;
    const r = await kubectl(fake, ['get', 'deployment', 'web', '-o', 'json'], { kubeconfig });
    const last = fake.requests
      .slice(since)
      .filter((q) => q.resource === 'deployments')
      .at(-1);
    return { r, user: last?.user, status: last?.status };
  };

  it('bearer token (file CA, and inline CA data)', async () => {
    for (const inline of [false, true]) {
      const { r, user } = await whoAmI(await fake.kubeconfig({ auth: 'token', token: 'good-token', inline }));
      assert.equal(r.code, 0, r.stderr);
      assert.equal(json(r.stdout).metadata.name, 'web');
      assert.equal(user, 'token-user');
    }
  });

  it('a wrong token gets 401 and kubectl says it must log in', async () => {
    const { r, status } = await whoAmI(await fake.kubeconfig({ auth: 'token', token: 'wrong' }));
    assert.equal(r.code, 1);
    assert.equal(status, 401);
    assert.equal(r.lastLine, 'error: You must be logged in to the server (Unauthorized)');
  });

  it('client certificate signed by the CA (user = CN), inline or from files', async () => {
    for (const inline of [false, true]) {
      const { r, user } = await whoAmI(
        await fake.kubeconfig({ auth: 'cert', certUser: 'deployer', certGroups: ['ops'], inline }),
      );
      assert.equal(r.code, 0, r.stderr);
      assert.equal(user, 'deployer');
    }
  });

  it('a client certificate from an untrusted CA gets 401', async () => {
    const { r } = await whoAmI(await fake.kubeconfig({ auth: 'cert', certUser: 'mallory', untrustedCert: true }));
    assert.equal(r.code, 1);
    assert.match(r.lastLine, /Unauthorized/);
  });

  it('basic auth; a wrong password gets 401', async () => {
    const ok = await whoAmI(await fake.kubeconfig({ auth: 'basic' }));
    assert.equal(ok.r.code, 0, ok.r.stderr);
    assert.equal(ok.user, 'alice');
    const bad = await whoAmI(await fake.kubeconfig({ auth: 'basic', password: 'nope' }));
    assert.equal(bad.r.code, 1);
    assert.match(bad.r.lastLine, /Unauthorized/);
  });

  it('exec credential plugins (v1 and v1beta1): kubectl runs the plugin and sends its token', async () => {
    for (const execApiVersion of ['client.authentication.k8s.io/v1', 'client.authentication.k8s.io/v1beta1'] as const) {
      const kubeconfig = await fake.kubeconfig({ auth: 'exec', token: 'good-token', execApiVersion });
      const { r, user } = await whoAmI(kubeconfig);
      assert.equal(r.code, 0, r.stderr);
      assert.equal(user, 'token-user');
      const calls = readFileSync(execPluginCallsFile(kubeconfig), 'utf8').trim().split('\n');
      assert.ok(calls.length >= 1);
      assert.equal(json(calls[0] ?? '{}').apiVersion, execApiVersion, 'KUBERNETES_EXEC_INFO names the version');
    }
  });

  it('insecure-skip-tls-verify works without a CA; without either, kubectl rejects the certificate', async () => {
    const insecure = await whoAmI(await fake.kubeconfig({ auth: 'token', token: 'good-token', insecure: true }));
    assert.equal(insecure.r.code, 0, insecure.r.stderr);
    const kubeconfig = await fake.kubeconfig({ auth: 'token', token: 'good-token' });
    const withoutCa = readFileSync(kubeconfig, 'utf8').replace(/^\s*certificate-authority:.*\n/m, '');
    const file = `${kubeconfig}.no-ca`;
    writeFileSync(file, withoutCa);
    const r = await kubectl(fake, ['get', 'deployment', 'web', '-o', 'json'], { kubeconfig: file });
    assert.equal(r.code, 1);
    assert.match(r.stderr, /certificate signed by unknown authority/);
  });

  it('RBAC: a forbidden verb gets 403 with the API server message; other verbs still work', async () => {
    const kubeconfig = await fake.kubeconfig({ auth: 'token', token: 'good-token' });
    const rule = fake.forbid('patch', 'deployments');
    try {
      const r = await kubectl(fake, ['set', 'image', 'deployment/web', 'web=registry.example/web:9'], { kubeconfig });
      assert.equal(r.code, 1);
      assert.equal(
        r.lastLine,
        'error: failed to patch image update to pod template: deployments.apps "web" is forbidden: User "token-user" cannot patch resource "deployments" in API group "apps" in the namespace "default"',
      );
      assert.equal(fake.get('deployment', 'web').spec.template.spec.containers[0].image, 'registry.example/web:1.0.0');
    } finally {
      rule.remove();
    }
  });

  it('over plain HTTP kubectl sends no credentials: a token-protected server answers 401', async () => {
    const plain = await startFakeKube({ tls: false });
    after(() => plain.close());
    plain.create(deploymentManifest());
    const r = await kubectl(plain, ['get', 'deployment', 'web', '-o', 'json']);
    assert.equal(r.code, 1);
    assert.ok(plain.requests.length > 0 && plain.requests.every((q) => q.status === 401 && q.user === undefined));
    const open = await startFakeKube({ tls: false, auth: {} });
    after(() => open.close());
    open.create(deploymentManifest());
    const anonymous = await kubectl(open, ['get', 'deployment', 'web', '-o', 'json']);
    assert.equal(anonymous.code, 0, anonymous.stderr);
  });
});

describe('kubectl set image against the fake', { skip, timeout: 120_000 }, () => {
  it('deployment: a strategic merge patch on the named container, a new ReplicaSet at revision 2', async () => {
    const fake = await startFakeKube();
    after(() => fake.close());
    fake.create(deploymentManifest());
    const since = fake.requests.length;
    const { kubectl: r, stored } = await kubectlSetImage(fake, 'deployment/web', ['web=registry.example/web:2.0.0']);
    assert.equal(r.code, 0, r.stderr);
    assert.equal(r.lastLine, 'deployment.apps/web image updated');
    const patch = fake.requests.slice(since).find((q) => q.verb === 'patch');
    assert.equal(patch?.contentType, 'application/strategic-merge-patch+json');
    assert.equal(patch?.query.fieldManager, 'kubectl-set');
    assert.deepEqual(patch?.body, {
      spec: {
        template: {
          spec: {
            '$setElementOrder/containers': [{ name: 'web' }],
            containers: [{ image: 'registry.example/web:2.0.0', name: 'web' }],
          },
        },
      },
    });
    assert.equal(stored.spec.template.spec.containers[0].image, 'registry.example/web:2.0.0');
    assert.equal(stored.metadata.generation, 2);
    assert.equal(stored.metadata.annotations['deployment.kubernetes.io/revision'], '2');
    const [old, current] = fake.revisions('deployment', 'web');
    assert.equal(current.metadata.annotations['deployment.kubernetes.io/revision'], '2');
    assert.equal(current.spec.template.spec.containers[0].image, 'registry.example/web:2.0.0');
    assert.equal(current.metadata.labels['pod-template-hash'], current.spec.selector.matchLabels['pod-template-hash']);
    assert.deepEqual(
      current.metadata.ownerReferences.map((o: { kind: string; uid: string; controller: boolean }) => [
        o.kind,
        o.uid,
        o.controller,
      ]),
      [['Deployment', stored.metadata.uid, true]],
    );
    assert.equal(old.spec.replicas, 0, 'the instant controller scaled the old ReplicaSet down');
  });

  it('several containers and an init container: only the named ones change, order kept', async () => {
    const seed = (fake: FakeKube) =>
      fake.create(
        deploymentManifest({
          containers: [
            { name: 'web', image: 'registry.example/web:1.0.0' },
            { name: 'sidecar', image: 'registry.example/proxy:1.0.0' },
          ],
          initContainers: [{ name: 'migrate', image: 'registry.example/web:1.0.0' }],
        }),
      );
    const { object, kubectl: r } = await expectedSetImage(seed, 'deployment/web', [
      'web=registry.example/web:2.0.0',
      'migrate=registry.example/web:2.0.0',
    ]);
    assert.equal(r.code, 0, r.stderr);
    const spec = object.spec.template.spec;
    assert.deepEqual(
      spec.containers.map((c: { name: string; image: string }) => `${c.name}=${c.image}`),
      ['web=registry.example/web:2.0.0', 'sidecar=registry.example/proxy:1.0.0'],
    );
    assert.deepEqual(
      spec.initContainers.map((c: { image: string }) => c.image),
      ['registry.example/web:2.0.0'],
    );
    // The comparison is live: a second run gives the same object.
    const again = await expectedSetImage(seed, 'deployment/web', [
      'web=registry.example/web:2.0.0',
      'migrate=registry.example/web:2.0.0',
    ]);
    assert.deepEqual(again.object, object);
  });

  it('statefulset, daemonset and cronjob', async () => {
    const cases = [
      {
        seed: statefulSetManifest(),
        workload: 'statefulset/db',
        set: 'db=registry.example/db:2.0.0',
        kind: 'statefulset',
        name: 'db',
      },
      {
        seed: daemonSetManifest(),
        workload: 'daemonset/agent',
        set: 'agent=registry.example/agent:2.0.0',
        kind: 'daemonset',
        name: 'agent',
      },
      {
        seed: cronJobManifest(),
        workload: 'cronjob/report',
        set: 'report=registry.example/report:2.0.0',
        kind: 'cronjob',
        name: 'report',
      },
    ];
    for (const c of cases) {
      const fake = await startFakeKube();
      try {
        fake.create(c.seed);
        const { kubectl: r, stored } = await kubectlSetImage(fake, c.workload, [c.set]);
        assert.equal(r.code, 0, r.stderr);
        const template = stored.spec.template ?? stored.spec.jobTemplate.spec.template;
        assert.equal(template.spec.containers[0].image, c.set.split('=')[1]);
        if (c.kind !== 'cronjob') assert.equal(fake.revisions(c.kind, c.name).length, 2, 'a new ControllerRevision');
      } finally {
        await fake.close();
      }
    }
  });

  it('--dry-run=server sends dryRun=All: kubectl prints the result, nothing is stored', async () => {
    const fake = await startFakeKube();
    after(() => fake.close());
    fake.create(deploymentManifest());
    const before = fake.get('deployment', 'web');
    const rvBefore = fake.resourceVersion;
    const since = fake.requests.length;
    const { kubectl: r, stored } = await kubectlSetImage(fake, 'deployment/web', ['web=registry.example/web:2.0.0'], {
      dryRun: true,
    });
    assert.equal(r.code, 0, r.stderr);
    assert.match(r.stdout, /image updated \(server dry run\)/);
    assert.equal(fake.requests.slice(since).find((q) => q.verb === 'patch')?.query.dryRun, 'All');
    assert.deepEqual(stored, before);
    assert.equal(fake.resourceVersion, rvBefore);
  });

  it('change-cause set with kubectl annotate shows in rollout history (copied to the ReplicaSet)', async () => {
    const fake = await startFakeKube();
    after(() => fake.close());
    fake.create(deploymentManifest());
    await kubectlSetImage(fake, 'deployment/web', ['web=registry.example/web:2.0.0'], {
      changeCause: 'deploy web 2.0.0 (run 42)',
    });
    const r = await kubectl(fake, ['rollout', 'history', 'deployment/web']);
    assert.equal(r.code, 0, r.stderr);
    assert.match(r.stdout, /^2\s+deploy web 2\.0\.0 \(run 42\)$/m);
    const { object } = await kubectlSetImage(fake, 'deployment/web', ['web=registry.example/web:3.0.0']);
    assert.equal(
      comparable(object, { ignoreAnnotations: [CHANGE_CAUSE] }).metadata.annotations[CHANGE_CAUSE],
      undefined,
    );
  });

  it('an unknown container is refused by kubectl before any patch', async () => {
    const fake = await startFakeKube();
    after(() => fake.close());
    fake.create(deploymentManifest());
    const since = fake.requests.length;
    const { kubectl: r } = await kubectlSetImage(fake, 'deployment/web', ['nope=registry.example/web:2.0.0']);
    assert.equal(r.code, 1);
    assert.match(r.stderr, /unable to find container named "nope"/);
    assert.ok(!fake.requests.slice(since).some((q) => q.verb === 'patch'));
  });

  it('a missing object: 404 with the API server message', async () => {
    const fake = await startFakeKube();
    after(() => fake.close());
    const { kubectl: r } = await kubectlSetImage(fake, 'deployment/nope', ['web=registry.example/web:2.0.0']);
    assert.equal(r.code, 1);
    assert.equal(r.lastLine, 'Error from server (NotFound): deployments.apps "nope" not found');
  });
});

describe('kubectl rollout undo against the fake', { skip, timeout: 120_000 }, () => {
  const threeRevisions = (fake: FakeKube) => {
    fake.create(deploymentManifest({ image: 'registry.example/web:1.0.0' }));
    setTemplateImage(fake, 'deployment', 'web', 'registry.example/web:2.0.0');
    setTemplateImage(fake, 'deployment', 'web', 'registry.example/web:3.0.0');
  };

  it('deployment: the previous ReplicaSet template (minus pod-template-hash) comes back as revision 4', async () => {
    const fake = await startFakeKube();
    after(() => fake.close());
    threeRevisions(fake);
    const since = fake.requests.length;
    const { kubectl: r, template, object } = await kubectlRolloutUndo(fake, 'deployment/web');
    assert.equal(r.code, 0, r.stderr);
    assert.equal(r.lastLine, 'deployment.apps/web rolled back');
    const patch = fake.requests.slice(since).find((q) => q.verb === 'patch');
    assert.equal(patch?.contentType, 'application/json-patch+json');
    assert.equal(template.spec.containers[0].image, 'registry.example/web:2.0.0');
    assert.equal(template.metadata.labels['pod-template-hash'], undefined);
    assert.equal(object.metadata.annotations['deployment.kubernetes.io/revision'], '4');
    const revisions = fake
      .revisions('deployment', 'web')
      .map((rs) => rs.metadata.annotations['deployment.kubernetes.io/revision']);
    assert.deepEqual(revisions, ['1', '3', '4'], 'the restored ReplicaSet took the next revision');
  });

  it('--to-revision picks that ReplicaSet; a revision that does not exist is refused', async () => {
    const { template, kubectl: r } = await expectedRollback(threeRevisions, 'deployment/web', { toRevision: 1 });
    assert.equal(r.code, 0, r.stderr);
    assert.equal(template.spec.containers[0].image, 'registry.example/web:1.0.0');
    const missing = await expectedRollback(threeRevisions, 'deployment/web', { toRevision: 7 });
    assert.equal(missing.kubectl.code, 1);
    assert.match(missing.kubectl.stderr, /unable to find specified revision 7 in history/);
  });

  it('ReplicaSets without a controller ownerReference are no history', async () => {
    const fake = await startFakeKube();
    after(() => fake.close());
    threeRevisions(fake);
    for (const rs of fake.revisions('deployment', 'web')) {
      fake.update('replicaset', rs.metadata.name, (o) => {
        o.metadata.ownerReferences = [];
      });
    }
    const { kubectl: r } = await kubectlRolloutUndo(fake, 'deployment/web');
    assert.equal(r.code, 1);
    assert.match(r.stderr, /no rollout history found for deployment "web"/);
  });

  it('statefulset and daemonset: the previous ControllerRevision is patched back', async () => {
    const cases = [
      {
        manifest: statefulSetManifest({ image: 'registry.example/db:1.0.0' }),
        kind: 'statefulset',
        name: 'db',
        next: 'registry.example/db:2.0.0',
        first: 'registry.example/db:1.0.0',
      },
      {
        manifest: daemonSetManifest({ image: 'registry.example/agent:1.0.0' }),
        kind: 'daemonset',
        name: 'agent',
        next: 'registry.example/agent:2.0.0',
        first: 'registry.example/agent:1.0.0',
      },
    ];
    for (const c of cases) {
      const seed = (fake: FakeKube) => {
        fake.create(c.manifest);
        setTemplateImage(fake, c.kind, c.name, c.next);
      };
      const fake = await startFakeKube();
      try {
        seed(fake);
        const since = fake.requests.length;
        const { kubectl: r, template } = await kubectlRolloutUndo(fake, `${c.kind}/${c.name}`);
        assert.equal(r.code, 0, r.stderr);
        assert.equal(template.spec.containers[0].image, c.first);
        const patch = fake.requests.slice(since).find((q) => q.verb === 'patch');
        assert.equal(patch?.contentType, 'application/strategic-merge-patch+json');
        const body = patch?.body as { spec?: { template?: { $patch?: string } } } | undefined;
        assert.equal(body?.spec?.template?.$patch, 'replace');
        assert.deepEqual(
          fake.revisions(c.kind, c.name).map((cr) => cr.revision),
          [2, 3],
          'the restored revision is renumbered',
        );
      } finally {
        await fake.close();
      }
    }
  });
});

describe('reads, patches and faults through kubectl', { skip, timeout: 120_000 }, () => {
  let fake: FakeKube;
  before(async () => {
    fake = await startFakeKube({ rollout: 'manual' });
    fake.create(deploymentManifest({ image: 'registry.example/web:1.0.0' }));
    setTemplateImage(fake, 'deployment', 'web', 'registry.example/web:2.0.0');
    const newest = fake.revisions('deployment', 'web').at(-1)?.metadata.name ?? '';
    addPods(fake, 'replicaset', newest, 2, { kind: 'crash-loop', log: 'line 1\nline 2\npanic: boom\n' });
    addPods(fake, 'replicaset', fake.revisions('deployment', 'web')[0]?.metadata.name ?? '', 1, { kind: 'running' });
  });
  after(() => fake.close());

  const names = (stdout: string) => json(stdout).items.map((i: { metadata: { name: string } }) => i.metadata.name);

  it('label selectors: equality and set-based', async () => {
    const newest = fake.revisions('deployment', 'web').at(-1);
    const hash = newest.metadata.labels['pod-template-hash'];
    const eq = await kubectl(fake, ['get', 'pods', '-l', `app=web,pod-template-hash=${hash}`, '-o', 'json']);
    assert.equal(eq.code, 0, eq.stderr);
    assert.equal(names(eq.stdout).length, 2);
    const setBased = await kubectl(fake, ['get', 'pods', '-l', `pod-template-hash in (${hash},zzz)`, '-o', 'json']);
    assert.equal(names(setBased.stdout).length, 2);
    const notIn = await kubectl(fake, ['get', 'pods', '-l', `pod-template-hash notin (${hash}),app`, '-o', 'json']);
    assert.equal(names(notIn.stdout).length, 1);
    const items = json(eq.stdout).items;
    assert.equal(items[0].status.containerStatuses[0].state.waiting.reason, 'CrashLoopBackOff');
  });

  it('field selectors on events (involvedObject.name/kind/uid); unsupported fields are refused', async () => {
    const pod = fake
      .list('pod')
      .find((p) => p.status.phase === 'Running' && p.status.containerStatuses[0].state.waiting);
    const r = await kubectl(fake, [
      'get',
      'events',
      '--field-selector',
      `involvedObject.name=${pod.metadata.name},involvedObject.kind=Pod,involvedObject.uid=${pod.metadata.uid},type=Warning`,
      '-o',
      'json',
    ]);
    assert.equal(r.code, 0, r.stderr);
    const events = json(r.stdout).items;
    assert.equal(events.length, 1);
    assert.equal(events[0].reason, 'BackOff');
    const bad = await kubectl(fake, ['get', 'events', '--field-selector', 'spec.foo=bar', '-o', 'json']);
    assert.equal(bad.code, 1);
    assert.match(bad.stderr, /field label not supported: spec\.foo/);
  });

  it('pod logs: --previous, --tail, -c; errors for a missing previous container', async () => {
    const pod = fake.list('pod').find((p) => p.status.containerStatuses[0].state.waiting);
    const tail = await kubectl(fake, ['logs', pod.metadata.name, '--previous', '--tail=2', '-c', 'web']);
    assert.equal(tail.code, 0, tail.stderr);
    assert.equal(tail.stdout, 'line 2\npanic: boom\n');
    const running = fake.list('pod').find((p) => p.status.containerStatuses[0].state.running);
    const none = await kubectl(fake, ['logs', running.metadata.name, '--previous']);
    assert.equal(none.code, 1);
    assert.match(none.stderr, /previous terminated container "web" in pod ".*" not found/);
    const since = fake.requests.length;
    await kubectl(fake, ['logs', pod.metadata.name, '--previous', '--tail=2', '-c', 'web']);
    const logRequest = fake.requests.slice(since).find((q) => q.resource === 'pods/log');
    assert.deepEqual(
      [logRequest?.query.container, logRequest?.query.previous, logRequest?.query.tailLines],
      ['web', 'true', '2'],
    );
  });

  it('kubectl logs on a two-container pod: without -c kubectl names the first container itself; -c picks another', async () => {
    const two = await startFakeKube();
    after(() => two.close());
    two.create(
      deploymentManifest({
        containers: [
          { name: 'web', image: 'registry.example/web:1.0.0' },
          { name: 'sidecar', image: 'registry.example/proxy:1.0.0' },
        ],
      }),
    );
    const rs = two.revisions('deployment', 'web')[0]?.metadata.name ?? '';
    const [pod] = addPods(two, 'replicaset', rs, 1, { kind: 'running' });
    two.setLog(pod.metadata.name, 'web', 'web up\n');
    two.setLog(pod.metadata.name, 'sidecar', 'proxy up\n');
    const since = two.requests.length;
    const first = await kubectl(two, ['logs', `pod/${pod.metadata.name}`]);
    assert.equal(first.stdout, 'web up\n');
    assert.match(first.stderr, /Defaulted container "web" out of: web, sidecar/);
    assert.equal(two.requests.slice(since).find((q) => q.resource === 'pods/log')?.query.container, 'web');
    const r = await kubectl(two, ['logs', `pod/${pod.metadata.name}`, '-c', 'sidecar']);
    assert.equal(r.stdout, 'proxy up\n');
  });

  it('logs of containers that never ran: image pull, unscheduled (as the kubelet answers)', async () => {
    const other = await startFakeKube();
    after(() => other.close());
    other.create(deploymentManifest());
    const rs = other.revisions('deployment', 'web')[0]?.metadata.name ?? '';
    const [pulling] = addPods(other, 'replicaset', rs, 1, { kind: 'image-pull' });
    const pull = await kubectl(other, ['logs', pulling.metadata.name]);
    assert.equal(pull.code, 1);
    assert.equal(
      pull.lastLine,
      `Error from server (BadRequest): container "web" in pod "${pulling.metadata.name}" is waiting to start: trying and failing to pull image`,
    );
    other.delete('pod', pulling.metadata.name);
    const [pending] = addPods(other, 'replicaset', rs, 1, {
      kind: 'unschedulable',
      message: '0/3 nodes are available',
    });
    const none = await kubectl(other, ['logs', pending.metadata.name]);
    assert.equal(none.code, 1);
    assert.match(none.lastLine, /does not have a host assigned/);
    const [crashing] = addPods(other, 'replicaset', rs, 1, { kind: 'crash-loop', log: 'boom\n' });
    const current = await kubectl(other, ['logs', crashing.metadata.name]);
    assert.equal(current.stdout, 'boom\n', "a crash-looping container's current log is its last run's");
  });

  it('kubectl apply: strategic merge patch with $retainKeys, null, $setElementOrder and $patch: delete', async () => {
    const other = await startFakeKube();
    after(() => other.close());
    const manifest = deploymentManifest({
      containers: [
        { name: 'web', image: 'registry.example/web:1.0.0' },
        { name: 'sidecar', image: 'registry.example/proxy:1.0.0' },
      ],
    });
    manifest.spec.strategy = { type: 'RollingUpdate', rollingUpdate: { maxSurge: 1 } };
    const file = `${other.dir}/web.json`;
    writeFileSync(file, JSON.stringify(manifest));
    assert.equal((await kubectl(other, ['apply', '-f', file, '--validate=false'])).code, 0);
    manifest.spec.strategy = { type: 'Recreate' };
    manifest.spec.template.spec.containers = [{ name: 'web', image: 'registry.example/web:2.0.0' }];
    writeFileSync(file, JSON.stringify(manifest));
    const since = other.requests.length;
    const r = await kubectl(other, ['apply', '-f', file, '--validate=false']);
    assert.equal(r.code, 0, r.stderr);
    const body = JSON.stringify(other.requests.slice(since).find((q) => q.verb === 'patch')?.body);
    for (const directive of [
      '$retainKeys',
      '"rollingUpdate":null',
      '$setElementOrder/containers',
      '"$patch":"delete"',
    ]) {
      assert.ok(body.includes(directive), `kubectl sent ${directive}`);
    }
    const d = other.get('deployment', 'web');
    assert.deepEqual(d.spec.strategy, { type: 'Recreate' });
    assert.deepEqual(
      d.spec.template.spec.containers.map((c: { name: string; image: string }) => `${c.name}=${c.image}`),
      ['web=registry.example/web:2.0.0'],
    );
  });

  it('merge patch and JSON patch (add, replace, remove, test)', async () => {
    const merge = await kubectl(fake, [
      'patch',
      'deployment',
      'web',
      '--type=merge',
      '-p',
      '{"metadata":{"annotations":{"team":"payments"}}}',
    ]);
    assert.equal(merge.code, 0, merge.stderr);
    assert.equal(fake.get('deployment', 'web').metadata.annotations.team, 'payments');
    const ops = [
      { op: 'test', path: '/metadata/annotations/team', value: 'payments' },
      { op: 'add', path: '/metadata/labels/tier', value: 'front' },
      { op: 'replace', path: '/spec/replicas', value: 5 },
      { op: 'remove', path: '/metadata/annotations/team' },
    ];
    const jp = await kubectl(fake, ['patch', 'deployment', 'web', '--type=json', '-p', JSON.stringify(ops)]);
    assert.equal(jp.code, 0, jp.stderr);
    const d = fake.get('deployment', 'web');
    assert.deepEqual([d.metadata.labels.tier, d.spec.replicas, d.metadata.annotations.team], ['front', 5, undefined]);
    const failed = await kubectl(fake, [
      'patch',
      'deployment',
      'web',
      '--type=json',
      '-p',
      '[{"op":"test","path":"/spec/replicas","value":1}]',
    ]);
    assert.equal(failed.code, 1);
  });

  it('a patch that leaves a container without image is Invalid (422), also in a server dry run', async () => {
    const before = fake.get('deployment', 'web');
    const r = await kubectl(fake, [
      'patch',
      'deployment',
      'web',
      '--type=json',
      '--dry-run=server',
      '-p',
      '[{"op":"remove","path":"/spec/template/spec/containers/0/image"}]',
    ]);
    assert.equal(r.code, 1);
    assert.equal(r.lastLine, 'The Deployment "web" is invalid: spec.template.spec.containers[0].image: Required value');
    assert.deepEqual(fake.get('deployment', 'web'), before);
  });

  it('strategic merge patch with $patch: delete removes one container by name', async () => {
    const two = await startFakeKube();
    after(() => two.close());
    two.create(
      deploymentManifest({
        containers: [
          { name: 'web', image: 'registry.example/web:1.0.0' },
          { name: 'sidecar', image: 'registry.example/proxy:1.0.0' },
        ],
      }),
    );
    const r = await kubectl(two, [
      'patch',
      'deployment',
      'web',
      '-p',
      '{"spec":{"template":{"spec":{"containers":[{"name":"sidecar","$patch":"delete"}]}}}}',
    ]);
    assert.equal(r.code, 0, r.stderr);
    assert.deepEqual(
      two.get('deployment', 'web').spec.template.spec.containers.map((c: { name: string }) => c.name),
      ['web'],
    );
  });

  it('create from a manifest (with API defaults) and delete; protobuf bodies are refused with 415', async () => {
    const other = await startFakeKube();
    after(() => other.close());
    const typed = await kubectl(other, ['create', 'deployment', 'api', '--image=registry.example/api:1.0.0']);
    assert.equal(typed.code, 1, 'kubectl create deployment sends protobuf, which the fake does not decode');
    assert.match(typed.stderr, /protobuf request bodies are not supported/);
    const file = `${other.dir}/api.json`;
    writeFileSync(
      file,
      JSON.stringify(deploymentManifest({ name: 'api', replicas: 2, image: 'registry.example/api:1.0.0' })),
    );
    const r = await kubectl(other, ['create', '-f', file, '--validate=false']);
    assert.equal(r.code, 0, r.stderr);
    await new Promise((resolve) => setImmediate(resolve));
    const d = other.get('deployment', 'api');
    assert.equal(d.spec.strategy.type, 'RollingUpdate');
    assert.equal(d.spec.template.spec.containers[0].imagePullPolicy, 'IfNotPresent');
    assert.equal(d.metadata.annotations['deployment.kubernetes.io/revision'], '1');
    const status = await kubectl(other, ['rollout', 'status', 'deployment/api', '--timeout=10s']);
    assert.equal(status.code, 0, status.stderr);
    const del = await kubectl(other, ['delete', 'deployment', 'api', '--wait=false']);
    assert.equal(del.code, 0, del.stderr);
    assert.equal(other.get('deployment', 'api'), undefined);
  });

  it('the next requests answer 500: kubectl reports the API error', async () => {
    const rule = fake.inject({
      match: (q) => q.verb === 'get' && q.resource === 'deployments',
      times: 1,
      answer: { status: 500, message: 'boom' },
    });
    try {
      const r = await kubectl(fake, ['get', 'deployment', 'web', '-o', 'json']);
      assert.equal(r.code, 1);
      assert.equal(r.lastLine, 'Error from server (InternalError): boom');
    } finally {
      rule.remove();
    }
  });

  it('429 with Retry-After is retried by kubectl', async () => {
    const since = fake.requests.length;
    const rule = fake.inject({
      match: (q) => q.verb === 'get' && q.resource === 'deployments',
      times: 1,
      answer: { status: 429, retryAfter: 1 },
    });
    try {
      const r = await kubectl(fake, ['get', 'deployment', 'web', '-o', 'json']);
      assert.equal(r.code, 0, r.stderr);
      assert.deepEqual(
        fake.requests
          .slice(since)
          .filter((q) => q.resource === 'deployments')
          .map((q) => q.status),
        [429, 200],
      );
    } finally {
      rule.remove();
    }
  });

  it('a request that is never answered: kubectl gives up at its --request-timeout', async () => {
    const rule = fake.inject({ match: (q) => q.verb === 'get' && q.resource === 'deployments', answer: 'hang' });
    try {
      const r = await kubectl(fake, ['get', 'deployment', 'web', '-o', 'json', '--request-timeout=1s']);
      assert.equal(r.code, 1);
      assert.match(r.stderr, /Client\.Timeout exceeded|context deadline exceeded|request canceled/);
    } finally {
      rule.remove();
    }
  });

  it('a reset connection is an error for kubectl', async () => {
    const rule = fake.inject({ match: (q) => q.verb === 'get' && q.resource === 'deployments', answer: 'reset' });
    try {
      const r = await kubectl(fake, ['get', 'deployment', 'web', '-o', 'json', '--request-timeout=5s']);
      assert.notEqual(r.code, 0);
      assert.match(r.stderr, /EOF|connection reset/);
    } finally {
      rule.remove();
    }
  });
});
