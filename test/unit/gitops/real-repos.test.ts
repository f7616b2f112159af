/**
 * Issue 9: update-gitops-tag on repositories shaped like real GitOps repos (test/fixtures/gitops/repo-*).
 * Judged by independent referees: `kubectl kustomize` renders before/after, YAML parses of the
 * files before/after, and the text outside the changed scalars. Each case runs the whole update
 * flow (resolveFiles → kustomization inputs → edit) over a copy of the fixture directory.
 */
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { cpSync, mkdtempSync, readdirSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, relative } from 'node:path';
import { after, describe, test } from 'node:test';
import { parse, parseAllDocuments } from 'yaml';
import { CdpackError, FileError } from '../../../src/core/errors';
import { editFile, MAX_FILE_BYTES } from '../../../src/core/gitops/edit';
import { type ConfigRepo, type UpdateSettings, updateGitopsTag } from '../../../src/core/gitops/update';
import type { Log } from '../../../src/core/log';
import { missingProgram, skipUnlessAvailable } from '../../support/requirements';
import { FIXTURES } from './fixtures';

const KUBECTL = '/usr/bin/kubectl';
const noKubectl = skipUnlessAvailable(missingProgram(KUBECTL, 'install kubectl; scripts/setup.sh checks for it'));
const WEB = 'registry.example.com/team/web';
const D1 = `sha256:${'1'.repeat(64)}`;
const D2 = `sha256:${'2'.repeat(64)}`;

const temps: string[] = [];
after(() => {
  for (const dir of temps) rmSync(dir, { recursive: true, force: true });
});

function copy(fixture: string): string {
  const dir = mkdtempSync(join(tmpdir(), 'cdpack-gitops-repo-'));
  temps.push(dir);
  cpSync(join(FIXTURES, fixture), dir, { recursive: true });
  return dir;
}

function listFiles(dir: string, base = dir): string[] {
  return readdirSync(dir).flatMap((name) => {
    const path = join(dir, name);
    return statSync(path).isDirectory() ? listFiles(path, base) : [relative(base, path)];
  });
}

/** A ConfigRepo over a plain directory: the flow reads and writes real files; push always succeeds. */
function dirRepo(dir: string): ConfigRepo {
  return {
    description: dir,
    trackedFiles: async () => listFiles(dir),
    readFiles: async (paths) => paths.map((p) => readFileSync(join(dir, p), 'utf8')),
    writeFile: async (p, text) => writeFileSync(join(dir, p), text),
    diff: async () => '',
    commitAndPush: async () => ({ pushed: true, commit: 'c0ffee' }),
    refresh: async () => {},
  };
}

function run(dir: string, update: Partial<UpdateSettings>, log: Log = silent()) {
  const settings: UpdateSettings = {
    image: WEB,
    tag: undefined,
    digest: undefined,
    key: undefined,
    files: [],
    commitMessage: 'bump',
    maxAttempts: 1,
    dryRun: false,
    ...update,
  };
  return updateGitopsTag(dirRepo(dir), settings, log);
}

function silent(): Log & { infos: string[]; warnings: string[] } {
  const infos: string[] = [];
  const warnings: string[] = [];
  return {
    info: (m) => void infos.push(m),
    warn: (m) => void warnings.push(m),
    debug() {},
    group: (_t, fn) => fn(),
    infos,
    warnings,
  };
}

/** `kubectl kustomize` of a directory: every container / init container / image-volume image, by container. */
function renderImages(dir: string): Record<string, string> {
  const out = execFileSync(KUBECTL, ['kustomize', dir], { encoding: 'utf8' });
  const images: Record<string, string> = {};
  for (const doc of parseAllDocuments(out)) {
    const obj = doc.toJS() as { metadata: { name: string }; spec?: { template?: { spec?: PodSpec } } };
    const spec = obj.spec?.template?.spec;
    for (const key of ['initContainers', 'containers'] as const) {
      for (const c of spec?.[key] ?? []) images[`${obj.metadata.name}/${c.name}`] = c.image;
    }
  }
  return images;
}
interface PodSpec {
  containers?: { name: string; image: string }[];
  initContainers?: { name: string; image: string }[];
}

const read = (dir: string, file: string) => readFileSync(join(dir, file), 'utf8');
const yaml = (dir: string, file: string) => parse(read(dir, file)) as Record<string, unknown>;

/** The changed lines of a file: [before, after] pairs of a line-by-line comparison (same line count). */
function changedLines(before: string, afterText: string): [string, string][] {
  const a = before.split('\n');
  const b = afterText.split('\n');
  assert.equal(b.length, a.length, 'the edit added or removed lines');
  return a.flatMap((line, i) => (line === b[i] ? [] : [[line, b[i] as string] as [string, string]]));
}

describe('1. anchors and aliases: only the requested image changes', () => {
  test('kustomization: the anchored newTag is ours; the other entries keep 1.0.0 (kubectl render)', {
    skip: noKubectl,
  }, async () => {
    const dir = copy('repo-anchors');
    const app = join(dir, 'apps/shop');
    const before = renderImages(app);
    const result = await run(dir, { files: ['apps/shop/kustomization.yaml'], tag: '1.1.0' });
    const rendered = renderImages(app);
    assert.equal(rendered['shop/worker'], 'registry.example.com/team/worker:1.0.0');
    assert.equal(rendered['shop/cache'], 'registry.example.com/team/cache:1.0.0');
    assert.deepEqual(rendered, {
      ...before,
      'shop/migrate': `${WEB}:1.1.0`,
      'shop/web': `${WEB}:1.1.0`,
    });
    assert.deepEqual(result.previous, { 'apps/shop/kustomization.yaml': `${WEB}:1.0.0` });
    // The anchor moved to the first alias with the old value; nothing else in the file changed.
    assert.deepEqual(
      changedLines(
        read(join(FIXTURES, 'repo-anchors'), 'apps/shop/kustomization.yaml'),
        read(app, 'kustomization.yaml'),
      ),
      [
        ['    newTag: &version 1.0.0', '    newTag: 1.1.0'],
        ['    newTag: *version', '    newTag: &version 1.0.0'],
      ],
    );
  });

  test('kustomization: our entry aliases the anchor; only our alias becomes a literal (kubectl render)', {
    skip: noKubectl,
  }, async () => {
    const dir = copy('repo-anchors');
    const app = join(dir, 'apps/shop');
    const result = await run(dir, {
      files: ['apps/shop/kustomization.yaml'],
      image: 'registry.example.com/team/cache',
      tag: '2.0.0',
    });
    const rendered = renderImages(app);
    assert.equal(rendered['shop/cache'], 'registry.example.com/team/cache:2.0.0');
    assert.equal(rendered['shop/web'], `${WEB}:1.0.0`);
    assert.equal(rendered['shop/worker'], 'registry.example.com/team/worker:1.0.0');
    assert.deepEqual(result.previous, { 'apps/shop/kustomization.yaml': 'registry.example.com/team/cache:1.0.0' });
  });

  test('Helm values: common.tag &tag aliased by two images; bumping one leaves the other (YAML parse)', async () => {
    const dir = copy('repo-anchors');
    const before = yaml(dir, 'values.yaml');
    const result = await run(dir, { files: ['values.yaml'], tag: '1.1.0' });
    const afterValues = yaml(dir, 'values.yaml');
    const expected = structuredClone(before) as { web: { image: { tag: string } } };
    expected.web.image.tag = '1.1.0';
    assert.deepEqual(afterValues, expected);
    assert.deepEqual(result.previous, { 'values.yaml': `${WEB}:1.0.0` });
  });

  test('Helm values: our tag is the anchor two other images alias; it moves with the old value (YAML parse)', async () => {
    const dir = copy('repo-anchors');
    const before = yaml(dir, 'values-own-anchor.yaml');
    const result = await run(dir, { files: ['values-own-anchor.yaml'], tag: '1.1.0' });
    const expected = structuredClone(before) as { web: { image: { tag: string } } };
    expected.web.image.tag = '1.1.0';
    assert.deepEqual(yaml(dir, 'values-own-anchor.yaml'), expected);
    assert.deepEqual(result.previous, { 'values-own-anchor.yaml': `${WEB}:1.0.0` });
    assert.deepEqual(
      changedLines(read(join(FIXTURES, 'repo-anchors'), 'values-own-anchor.yaml'), read(dir, 'values-own-anchor.yaml')),
      [
        ['    tag: &tag "1.0.0" # the train\'s version', '    tag: "1.1.0" # the train\'s version'],
        ['    tag: *tag', '    tag: &tag "1.0.0"'],
      ],
    );
  });

  test('an anchored value spread over several lines cannot move: refused with file:line', () => {
    const text = `web:\n  repository: ${WEB}\n  tag: &t "1.0.0\n    "\nworker:\n  repository: registry.example.com/team/worker\n  tag: *t\n`;
    assert.throws(
      () =>
        editFile(
          { path: 'values.yaml', text, explicit: false },
          { image: WEB, tag: '2', digest: undefined, key: undefined },
        ),
      (err: unknown) => err instanceof FileError && /^values\.yaml:3: .*anchor &t/.test(err.message),
    );
  });
});

describe('2. Docker Hub long/short names in kustomize images:', { skip: noKubectl }, () => {
  for (const image of ['nginx', 'docker.io/library/nginx']) {
    test(`image '${image}': the entry kustomize applies is added under the name the manifests write`, async () => {
      const dir = copy('repo-dockerhub');
      const overlay = join(dir, 'overlays/prod');
      const before = renderImages(overlay);
      assert.equal(before['frontend/nginx'], 'nginx:1.24', 'the long-form entry does not apply (fixture check)');
      const result = await run(dir, { files: ['overlays/prod/kustomization.yaml'], image, tag: '1.27' });
      assert.equal(result.changed, true);
      assert.deepEqual(renderImages(overlay), { ...before, 'frontend/nginx': 'nginx:1.27' });
      const images = yaml(overlay, 'kustomization.yaml').images;
      assert.deepEqual(images, [
        { name: 'docker.io/library/nginx', newTag: '1.25' }, // does not apply: left alone
        { name: 'nginx', newTag: '1.27' },
      ]);
    });
  }

  test('matched only by a glob: no entry is added, nothing is reported changed, and the error says why', async () => {
    const dir = copy('repo-dockerhub');
    const overlay = join(dir, 'overlays/prod');
    const before = read(overlay, 'kustomization.yaml');
    await assert.rejects(
      run(dir, { files: ['overlays/*/kustomization.yaml'], image: 'nginx', tag: '1.27' }),
      (err: unknown) =>
        err instanceof CdpackError &&
        /overlays\/prod\/kustomization\.yaml:6: images entry 'docker\.io\/library\/nginx' does not apply: the resources write 'nginx'/.test(
          err.message,
        ),
    );
    assert.equal(read(overlay, 'kustomization.yaml'), before);
  });

  test('an entry already under the short name is edited in place', async () => {
    const dir = copy('repo-dockerhub');
    const overlay = join(dir, 'overlays/prod');
    writeFileSync(
      join(overlay, 'kustomization.yaml'),
      'resources:\n  - ../../base\nimages:\n  - name: nginx\n    newTag: "1.25"\n',
    );
    await run(dir, { files: ['overlays/prod/kustomization.yaml'], image: 'docker.io/library/nginx', tag: '1.27' });
    assert.equal(
      read(overlay, 'kustomization.yaml'),
      'resources:\n  - ../../base\nimages:\n  - name: nginx\n    newTag: "1.27"\n',
    );
    assert.equal(renderImages(overlay)['frontend/nginx'], 'nginx:1.27');
  });
});

describe('3. Flux setter markers survive a tag-only bump', { skip: noKubectl }, () => {
  test('the digest line keeps its $imagepolicy marker with an empty value, which kustomize renders as unset', async () => {
    const dir = copy('repo-flux-digest');
    const app = join(dir, 'apps/web');
    const before = read(app, 'kustomization.yaml');
    assert.equal(renderImages(app)['web/web'], `${WEB}:1.0.0@${D1}`);
    await run(dir, { files: ['apps/web/kustomization.yaml'], tag: '1.1.0' });
    assert.equal(renderImages(app)['web/web'], `${WEB}:1.1.0`);
    assert.deepEqual(changedLines(before, read(app, 'kustomization.yaml')), [
      [
        '    newTag: 1.0.0 # {"$imagepolicy": "flux-system:web:tag"}',
        '    newTag: 1.1.0 # {"$imagepolicy": "flux-system:web:tag"}',
      ],
      [
        `    digest: ${D1} # {"$imagepolicy": "flux-system:web:digest"}`,
        '    digest: "" # {"$imagepolicy": "flux-system:web:digest"}',
      ],
    ]);
    // A later digest bump (as Flux would do) fills the marked field again.
    await run(dir, { files: ['apps/web/kustomization.yaml'], tag: '1.1.0', digest: D2 });
    assert.equal(renderImages(app)['web/web'], `${WEB}:1.1.0@${D2}`);
  });
});

describe('4. a file without a final newline', { skip: noKubectl }, () => {
  test('digest removed and newTag added: no blank line, still no final newline, render takes the tag', async () => {
    const dir = copy('repo-no-final-newline');
    const app = join(dir, 'deploy');
    await run(dir, { files: ['deploy/kustomization.yaml'], tag: '1.1.0' });
    assert.equal(
      read(app, 'kustomization.yaml'),
      `resources:\n- deployment.yaml\nimages:\n- name: ${WEB}\n  newTag: 1.1.0`,
    );
    assert.equal(renderImages(app)['web/web'], `${WEB}:1.1.0`);
  });

  test('the last key removed (tag and digest → tag): the file ends at the kept value', async () => {
    const dir = copy('repo-no-final-newline');
    const app = join(dir, 'deploy');
    writeFileSync(
      join(app, 'kustomization.yaml'),
      `resources:\n- deployment.yaml\nimages:\n- name: ${WEB}\n  newTag: 1.0.0\n  digest: ${D1}`,
    );
    await run(dir, { files: ['deploy/kustomization.yaml'], tag: '1.1.0' });
    assert.equal(
      read(app, 'kustomization.yaml'),
      `resources:\n- deployment.yaml\nimages:\n- name: ${WEB}\n  newTag: 1.1.0`,
    );
    assert.equal(renderImages(app)['web/web'], `${WEB}:1.1.0`);
  });

  test('CRLF file without a final newline', () => {
    const text = `images:\r\n- name: ${WEB}\r\n  newTag: 1.0.0\r\n  digest: ${D1}`;
    const edit = editFile(
      { path: 'kustomization.yaml', text, explicit: false },
      { image: WEB, tag: '2', digest: undefined, key: undefined },
    );
    assert.equal(edit.text, `images:\r\n- name: ${WEB}\r\n  newTag: "2"`);
  });
});

describe('rough edges', () => {
  test('previous is an image reference for Helm values and Argo CD parameters too', () => {
    const values = editFile(
      { path: 'values.yaml', text: `image:\n  repository: ${WEB}\n  tag: 1.0.0\n`, explicit: false },
      { image: WEB, tag: '1.1.0', digest: undefined, key: undefined },
    );
    assert.deepEqual(
      values.targets.map((t) => [t.previous, t.next]),
      [[`${WEB}:1.0.0`, `${WEB}:1.1.0`]],
    );
    const app = `apiVersion: argoproj.io/v1alpha1\nkind: Application\nmetadata: {name: web}\nspec:\n  source:\n    helm:\n      parameters:\n        - {name: image.repository, value: ${WEB}}\n        - {name: image.tag, value: "1.0.0"}\n    kustomize:\n      images: ["web=${WEB}:1.0.0"]\n`;
    const argo = editFile(
      { path: 'app.yaml', text: app, explicit: false },
      { image: WEB, tag: '1.1.0', digest: undefined, key: undefined },
    );
    assert.deepEqual(
      argo.targets.map((t) => [t.previous, t.next]),
      [
        [`${WEB}:1.0.0`, `${WEB}:1.1.0`],
        [`${WEB}:1.0.0`, `${WEB}:1.1.0`],
      ],
    );
    for (const t of [...values.targets, ...argo.targets])
      assert.match(t.previous, /^registry\.example\.com\/team\/web:/);
  });

  test('digest-only on a values file without a digest field names the missing field and the key to give', async () => {
    const dir = copy('repo-chart');
    const before = read(dir, 'charts/web/values.yaml');
    await assert.rejects(run(dir, { files: ['charts/web/values.yaml'], digest: D2 }), (err: unknown) => {
      assert.ok(err instanceof CdpackError);
      assert.doesNotMatch(err.message, /no listed file refers/);
      assert.match(
        err.message,
        /^charts\/web\/values\.yaml:3: 'image' names registry\.example\.com\/team\/web but has no digest field/,
      );
      assert.match(err.message, /key: image\.digest/);
      return true;
    });
    assert.equal(read(dir, 'charts/web/values.yaml'), before);
  });

  test('a chart template matched only by a glob is skipped with a notice; listed exactly it is an error', async () => {
    const dir = copy('repo-chart');
    const log = silent();
    const result = await run(dir, { files: ['charts/**/*.yaml'], tag: '1.1.0' }, log);
    assert.deepEqual(result.files, ['charts/web/values.yaml']);
    assert.equal((yaml(dir, 'charts/web/values.yaml').image as { tag: string }).tag, '1.1.0');
    assert.ok(
      log.infos.some((m) => /^charts\/web\/templates\/deployment\.yaml: skipped: a .*Go template/.test(m)),
      log.infos.join('\n'),
    );
    // A template that happens to parse as YAML keeps its `{{ … }}` too.
    const cronjob = 'charts/web/templates/cronjob.yaml';
    assert.equal(read(dir, cronjob), read(join(FIXTURES, 'repo-chart'), cronjob));
    assert.ok(
      log.infos.some((m) => m.startsWith(`${cronjob}: skipped: `)),
      log.infos.join('\n'),
    );
    await assert.rejects(
      run(copy('repo-chart'), { files: ['charts/web/templates/deployment.yaml'], tag: '1.1.0' }),
      (err: unknown) => err instanceof FileError && err.file === 'charts/web/templates/deployment.yaml',
    );
  });

  test('image volumes: spec.template.spec.volumes[].image.reference is updated with the containers (YAML parse)', async () => {
    const dir = copy('repo-image-volume');
    const before = yaml(dir, 'apps/web/deployment.yaml');
    await run(dir, { files: ['apps/web/deployment.yaml'], tag: '1.1.0' });
    const expected = structuredClone(before) as {
      spec: { template: { spec: { containers: { image: string }[]; volumes: { image?: { reference: string } }[] } } };
    };
    const pod = expected.spec.template.spec;
    (pod.containers[0] as { image: string }).image = `${WEB}:1.1.0`;
    (pod.volumes[0] as { image: { reference: string } }).image.reference = `${WEB}:1.1.0`;
    assert.deepEqual(yaml(dir, 'apps/web/deployment.yaml'), expected);
  });
});

describe('issue 7 item 7: size limit on edited files', () => {
  const big = (bytes: number) => {
    const entry = `  - image:\n      repository: ${WEB}\n      tag: 1.0.0\n`;
    return `services:\n${entry.repeat(Math.ceil(bytes / entry.length))}`;
  };

  test('an explicitly listed file over the limit fails naming the file and the limit', () => {
    const text = big(MAX_FILE_BYTES + 1);
    assert.throws(
      () =>
        editFile(
          { path: 'env/prod/values.yaml', text, explicit: true },
          { image: WEB, tag: '2', digest: undefined, key: undefined },
        ),
      (err: unknown) =>
        err instanceof FileError &&
        /^env\/prod\/values\.yaml: 10\.0 MiB is over the 10 MiB limit for edited files/.test(err.message),
    );
  });

  test('a glob-matched file over the limit is skipped with the reason; one under it is edited', () => {
    const skipped = editFile(
      { path: 'v.yaml', text: big(MAX_FILE_BYTES + 1), explicit: false },
      { image: WEB, tag: '2', digest: undefined, key: undefined },
    );
    assert.equal(skipped.changed, false);
    assert.match(skipped.skipped ?? '', /over the 10 MiB limit/);
    const small = editFile(
      { path: 'v.yaml', text: big(1000), explicit: false },
      { image: WEB, tag: '2', digest: undefined, key: undefined },
    );
    assert.equal(small.changed, true);
  });
});

test('digest-only on Argo CD helm parameters without a digest parameter says which parameter is missing', () => {
  const app = `apiVersion: argoproj.io/v1alpha1\nkind: Application\nmetadata: {name: web}\nspec:\n  source:\n    helm:\n      parameters:\n        - {name: image.repository, value: ${WEB}}\n        - {name: image.tag, value: "1.0.0"}\n`;
  const edit = editFile(
    { path: 'apps/web.yaml', text: app, explicit: false },
    { image: WEB, tag: undefined, digest: D2, key: undefined },
  );
  assert.equal(edit.changed, false);
  assert.deepEqual(edit.misses, [
    `apps/web.yaml:9: helm parameter 'image.tag' is for ${WEB} but there is no 'image.digest' parameter for a digest-only update: add one that the chart reads, or give 'tag' as well`,
  ]);
});

test('a Go template outside templates/ that is not YAML: skipped when globbed, an error when listed', () => {
  const text = `{{- if .Values.web.enabled }}\nweb:\n  image: ${WEB}:1.0.0\n{{- end }}\n`;
  const update = { image: WEB, tag: '1.1.0', digest: undefined, key: undefined };
  const globbed = editFile({ path: 'env/prod/web.yaml', text, explicit: false }, update);
  assert.equal(globbed.changed, false);
  assert.match(globbed.skipped ?? '', /Go template \(not YAML\)/);
  assert.throws(() => editFile({ path: 'env/prod/web.yaml', text, explicit: true }, update), FileError);
});
