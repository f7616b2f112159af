import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { editFile } from '../../../src/core/gitops/edit';
import type { ImageUpdate } from '../../../src/core/gitops/types';

const IMAGE = 'registry.example.com/team/web';
const D = `sha256:${'d'.repeat(64)}`;

function run(text: string, update: Partial<ImageUpdate>, path = 'values.yaml', explicit = false) {
  return editFile(
    { path, text, explicit },
    { image: IMAGE, tag: undefined, digest: undefined, key: undefined, ...update },
  );
}

describe('scalar writing', () => {
  test('values that would not read back as strings are double-quoted in plain positions', () => {
    for (const [tag, written] of [
      ['1.10', '"1.10"'],
      ['true', '"true"'],
      ['on', '"on"'],
      ['1e3', '"1e3"'],
      ['null', '"null"'],
      ['0x1F', '"0x1F"'],
      ['1_000', '"1_000"'],
      ['v1.10', 'v1.10'],
    ]) {
      const out = run(`image:\n  repository: ${IMAGE}\n  tag: v0\n`, { tag }).text;
      assert.equal(out, `image:\n  repository: ${IMAGE}\n  tag: ${written}\n`, tag);
    }
  });

  test('an empty value gets a space after the colon', () => {
    const edit = run(`image:\n  repository: ${IMAGE}\n  tag:\n  pullPolicy: Always\n`, { tag: 'v2' });
    assert.equal(edit.text, `image:\n  repository: ${IMAGE}\n  tag: v2\n  pullPolicy: Always\n`);
    assert.deepEqual(edit.targets, [{ kind: 'helm', line: 3, previous: IMAGE, next: `${IMAGE}:v2` }]);
  });

  test('an anchored scalar shared by the same image keeps its anchor and is edited once', () => {
    const text = `web:\n  repository: ${IMAGE}\n  tag: &t 1.0.0 # shared\nworker:\n  repository: ${IMAGE}\n  tag: *t\n`;
    const edit = run(text, { tag: '1.1.0' });
    assert.equal(edit.text, text.replace('&t 1.0.0', '&t 1.1.0'));
    assert.deepEqual(
      edit.targets.map((t) => t.line),
      [3, 6],
    );
  });

  test('block scalars are left alone', () => {
    const text = `apiVersion: v1\nkind: Pod\nspec:\n  containers:\n    - name: a\n      image: |\n        ${IMAGE}:1.0\n`;
    const edit = run(text, { tag: '2.0' }, 'pod.yaml');
    assert.equal(edit.text, text);
    assert.deepEqual(edit.targets, []);
  });
});

describe('kustomize', () => {
  test('digest first in a flow entry: removing it keeps the mapping valid', () => {
    const text = `images:\n  - {digest: ${D}, name: ${IMAGE}, newTag: "1.0"}\n`;
    const edit = run(text, { tag: '1.1' }, 'kustomization.yaml');
    assert.equal(edit.text, `images:\n  - {name: ${IMAGE}, newTag: "1.1"}\n`);
  });

  test('an entry found through newName keeps newName and reports it', () => {
    const text = `kind: Kustomization\nimages:\n- name: web\n  newName: ${IMAGE}\n`;
    const edit = run(text, { tag: 'v3' }, 'base/kustomization.yaml');
    assert.equal(edit.text, `${text}  newTag: v3\n`);
    assert.deepEqual(edit.targets, [{ kind: 'kustomize', line: 3, previous: IMAGE, next: `${IMAGE}:v3` }]);
  });

  test('a glob-matched kustomization without an entry gets none; an explicit one does', () => {
    const text = 'resources:\n- deployment.yaml\nimages:\n';
    assert.equal(run(text, { tag: 'v3' }, 'Kustomization').changed, false);
    const edit = run(text, { tag: 'v3' }, 'Kustomization', true);
    assert.equal(edit.text, `resources:\n- deployment.yaml\nimages:\n- name: ${IMAGE}\n  newTag: v3\n`);
    assert.deepEqual(edit.targets, [{ kind: 'kustomize', line: 4, previous: '', next: `${IMAGE}:v3` }]);
  });

  test('an explicit file that is not a kustomization gets nothing added', () => {
    const text = 'apiVersion: v1\nkind: ConfigMap\ndata:\n  a: b\n';
    assert.equal(run(text, { tag: 'v3' }, 'config.yaml', true).changed, false);
  });

  test('an entry is added to the first kustomization document only, in CRLF', () => {
    const text = 'kind: Kustomization\r\nresources: [a.yaml]\r\n---\r\nkind: Kustomization\r\nresources: [b.yaml]\r\n';
    const edit = run(text, { digest: D }, 'multi.yaml', true);
    assert.equal(
      edit.text,
      `kind: Kustomization\r\nresources: [a.yaml]\r\nimages:\r\n- name: ${IMAGE}\r\n  digest: ${D}\r\n---\r\nkind: Kustomization\r\nresources: [b.yaml]\r\n`,
    );
  });
});

describe('Helm values', () => {
  test('digest only and no digest field: nothing to write', () => {
    const edit = run(`image:\n  repository: ${IMAGE}\n  tag: "1.0"\n`, { digest: D });
    assert.equal(edit.changed, false);
    assert.deepEqual(edit.targets, []);
  });

  test('key without a repository sibling counts; a missing path does not', () => {
    const text = 'web:\n  image:\n    tag: "1.0"\n';
    const edit = run(text, { tag: '1.1', key: 'web.image.tag' });
    assert.equal(edit.text, 'web:\n  image:\n    tag: "1.1"\n');
    assert.deepEqual(edit.targets, [{ kind: 'helm', line: 3, previous: `${IMAGE}:1.0`, next: `${IMAGE}:1.1` }]);
    assert.deepEqual(run(text, { tag: '1.1', key: 'api.image.tag' }).targets, []);
  });

  test('key naming a whole reference rewrites the reference; a digest key takes the digest', () => {
    const text = `deployments:\n  - image: ${IMAGE}:1.0 # main\n    imageDigest: ""\n`;
    const edit = run(text, { tag: '1.1', key: 'deployments[0].image' });
    assert.equal(edit.text, `deployments:\n  - image: ${IMAGE}:1.1 # main\n    imageDigest: ""\n`);
    const digest = run(text, { digest: D, key: 'deployments.0.imageDigest' });
    assert.equal(digest.text, `deployments:\n  - image: ${IMAGE}:1.0 # main\n    imageDigest: "${D}"\n`);
    assert.deepEqual(digest.targets, [{ kind: 'helm', line: 3, previous: IMAGE, next: `${IMAGE}@${D}` }]);
  });

  test('key is found even when the file does not spell out the image', () => {
    const text = 'image:\n  tag: "1.0"\n';
    assert.equal(run(text, { tag: '1.1', key: 'image.tag' }).text, 'image:\n  tag: "1.1"\n');
  });

  test('workload manifests are not read as Helm values; a HelmRelease is', () => {
    const values = `  values:\n    image:\n      repository: ${IMAGE}\n      tag: "1.0"\n`;
    const release = run(`apiVersion: helm.toolkit.fluxcd.io/v2\nkind: HelmRelease\nspec:\n${values}`, { tag: '1.1' });
    assert.equal(release.targets.length, 1);
    const deployment = run(`apiVersion: apps/v1\nkind: Deployment\nspec:\n${values}`, { tag: '1.1' });
    assert.equal(deployment.targets.length, 0);
  });
});

describe('manifests', () => {
  test('documents that are not mappings are skipped', () => {
    const text = `- ${IMAGE}:1.0\n---\n${IMAGE}:1.0\n---\n`;
    assert.deepEqual(run(text, { tag: '2' }, 'list.yaml').targets, []);
  });

  test('a custom kind with containers follows kustomize legacy rule; a CRD does not', () => {
    const body = `spec:\n  template:\n    spec:\n      containers:\n        - image: ${IMAGE}:1\n`;
    const knative = run(`apiVersion: serving.knative.dev/v1\nkind: Service\n${body}`, { tag: '2' }, 'ksvc.yaml');
    assert.deepEqual(knative.targets, [{ kind: 'manifest', line: 7, previous: `${IMAGE}:1`, next: `${IMAGE}:2` }]);
    const crd = run(`apiVersion: apiextensions.k8s.io/v1\nkind: CustomResourceDefinition\n${body}`, { tag: '2' });
    assert.equal(crd.changed, false);
  });

  test('ephemeralContainers and other image-looking strings are not targets', () => {
    const text = `apiVersion: v1\nkind: Pod\nspec:\n  ephemeralContainers:\n    - image: ${IMAGE}:1\n  containers:\n    - image: ${IMAGE}-api:1\n`;
    assert.equal(run(text, { tag: '2' }, 'pod.yaml').changed, false);
  });

  test('tag and digest together', () => {
    const text = `apiVersion: v1\nkind: Pod\nspec:\n  containers: [{name: a, image: ${IMAGE}}]\n`;
    const edit = run(text, { tag: '2', digest: D }, 'pod.yaml');
    assert.equal(edit.text, text.replace(`image: ${IMAGE}}`, `image: ${IMAGE}:2@${D}}`));
  });
});

describe('Argo CD and Flux', () => {
  test('an ApplicationSet template is an Argo CD target', () => {
    const text = `apiVersion: argoproj.io/v1alpha1\nkind: ApplicationSet\nspec:\n  template:\n    spec:\n      source:\n        kustomize:\n          images: [${IMAGE}:1.0]\n`;
    const edit = run(text, { tag: '1.1' }, 'appset.yaml');
    assert.equal(edit.text, text.replace(':1.0]', ':1.1]'));
    assert.equal(edit.targets[0]?.kind, 'argocd');
  });

  test('helm parameters with an explicit key', () => {
    const text = `apiVersion: argoproj.io/v1alpha1\nkind: Application\nspec:\n  source:\n    helm:\n      parameters:\n        - {name: web.image.repository, value: ${IMAGE}}\n        - {name: web.image.tag, value: "1.0"}\n        - {name: api.image.tag, value: "1.0"}\n`;
    const edit = run(text, { tag: '1.1', key: 'web.image.tag' }, 'app.yaml');
    assert.equal(edit.text, text.replace('web.image.tag, value: "1.0"', 'web.image.tag, value: "1.1"'));
  });

  test('a :digest marker takes the digest; a :name marker is left alone', () => {
    const text = `image:\n  name: ${IMAGE} # {"$imagepolicy": "ns:web:name"}\n  sha: "" # {"$imagepolicy": "ns:web:digest"}\n`;
    const edit = run(text, { digest: D }, 'custom.yaml');
    assert.equal(edit.text, text.replace('sha: ""', `sha: "${D}"`));
    assert.deepEqual(edit.targets, [{ kind: 'flux', line: 3, previous: IMAGE, next: `${IMAGE}@${D}` }]);
  });

  test('a :tag marker whose mapping names another image is left alone', () => {
    const text = `app:\n  repository: registry.example.com/team/api\n  version: "1" # {"$imagepolicy": "ns:web:tag"}\n  note: web\n`;
    assert.equal(run(text, { tag: '2' }).changed, false);
  });
});

// Speed lives in bench/gitops-bump.mjs; this checks only that the pre-filter never skips a real target.
test('the cheap pre-filter skips unrelated files but never a matching one', () => {
  const text =
    'apiVersion: apps/v1\nkind: Deployment\nspec:\n  template:\n    spec:\n      containers:\n        - image: nginx:1\n'.repeat(
      1,
    );
  for (let i = 0; i < 50; i++) assert.equal(run(text, { tag: '2' }, `d${i}.yaml`).targets.length, 0);
  const matching = text.replace('nginx', IMAGE);
  for (let i = 0; i < 50; i++) assert.equal(run(matching, { tag: '2' }, `m${i}.yaml`).changed, true);
});

test('a JSON kustomization gets a JSON member added', () => {
  const text = '{"resources": ["deployment.yaml"]}';
  const edit = run(text, { tag: '2' }, 'kustomization.yaml', true);
  assert.equal(edit.text, `{"resources": ["deployment.yaml"], "images": [{"name": "${IMAGE}", "newTag": "2"}]}`);
  assert.equal(run(edit.text, { tag: '2' }, 'kustomization.yaml', true).changed, false);
});
