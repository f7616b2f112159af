/**
 * The fake API server's custom resources (registerCustomResource) checked against kubectl: discovery finds the
 * GitOps CRDs, get/annotate/patch/watch work as on a cluster, and a strategic merge patch is refused as it is
 * for real CRDs.
 */
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { type FakeKube, startFakeKube } from '../support/fake-kube-api';
import { kubectl, kubectlUnavailable } from '../support/fake-kube-kubectl';
import { application, kustomization, OURS, registerGitOpsCrds } from '../support/gitops-objects';
import { skipUnlessAvailable } from '../support/requirements';

const skip = skipUnlessAvailable(kubectlUnavailable());

describe('custom resources of the fake, through kubectl', { skip, timeout: 120_000 }, () => {
  let fake: FakeKube;
  before(async () => {
    registerGitOpsCrds();
    fake = await startFakeKube();
    fake.create(application('web', 'argocd', { revision: OURS }), { raw: true });
    fake.create(
      kustomization('apps', 'flux-system', {
        applied: `main@sha1:${OURS}`,
        ready: 'True',
        reason: 'ReconciliationSucceeded',
      }),
      { raw: true },
    );
  });
  after(() => fake.close());

  it('discovery: kubectl names the resources by plural, group and short name', async () => {
    const byGroup = await kubectl(fake, [
      'get',
      'applications.argoproj.io',
      'web',
      '-n',
      'argocd',
      '-o',
      'jsonpath={.status.sync.revision}',
    ]);
    assert.equal(byGroup.code, 0, byGroup.stderr);
    assert.equal(byGroup.stdout, OURS);
    const short = await kubectl(fake, [
      'get',
      'ks',
      '-n',
      'flux-system',
      '-o',
      'jsonpath={.items[0].status.lastAppliedRevision}',
    ]);
    assert.equal(short.code, 0, short.stderr);
    assert.equal(short.stdout, `main@sha1:${OURS}`);
    const resources = await kubectl(fake, ['api-resources', '--api-group', 'helm.toolkit.fluxcd.io', '-o', 'name']);
    assert.equal(resources.code, 0, resources.stderr);
    assert.match(resources.stdout, /^helmreleases\.helm\.toolkit\.fluxcd\.io$/m);
  });

  it('kubectl annotate (a merge patch) sets the refresh annotation and keeps the status', async () => {
    const r = await kubectl(fake, [
      'annotate',
      '-n',
      'argocd',
      'applications.argoproj.io/web',
      'argocd.argoproj.io/refresh=normal',
    ]);
    assert.equal(r.code, 0, r.stderr);
    const stored = fake.get('Application', 'web', 'argocd');
    assert.equal(stored?.metadata.annotations['argocd.argoproj.io/refresh'], 'normal');
    assert.equal(stored?.status.sync.revision, OURS);
  });

  it('a strategic merge patch is refused for a custom resource, as the API server does', async () => {
    const r = await kubectl(fake, [
      'patch',
      '-n',
      'flux-system',
      'kustomizations.kustomize.toolkit.fluxcd.io/apps',
      '--type',
      'strategic',
      '-p',
      '{"metadata":{"labels":{"a":"b"}}}',
    ]);
    assert.notEqual(r.code, 0);
    assert.match(r.stderr, /UnsupportedMediaType|unknown format|not supported/i);
  });
});
