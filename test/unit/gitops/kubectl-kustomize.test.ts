/**
 * Renders fixture directories with `kubectl kustomize` before and after an edit: the renders
 * must differ only in container images, and the images must be what the update asked for.
 */
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { cpSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, describe, test } from 'node:test';
import { parseAllDocuments } from 'yaml';
import { editFile } from '../../../src/core/gitops/edit';
import type { ImageUpdate } from '../../../src/core/gitops/types';
import { missingProgram, skipUnlessAvailable } from '../../support/requirements';
import { FIXTURES } from './fixtures';

const KUBECTL = '/usr/bin/kubectl';
const IMAGE = 'registry.example.com/team/web';
const D1 = `sha256:${'1'.repeat(64)}`;
const D2 = `sha256:${'2'.repeat(64)}`;
const skip = skipUnlessAvailable(missingProgram(KUBECTL, 'install kubectl; scripts/setup.sh checks for it'));

const temps: string[] = [];
after(() => {
  for (const dir of temps) rmSync(dir, { recursive: true, force: true });
});

function copy(fixture: string): string {
  const dir = mkdtempSync(join(tmpdir(), 'cdpack-kustomize-'));
  temps.push(dir);
  cpSync(join(FIXTURES, fixture), dir, { recursive: true });
  return dir;
}

function render(dir: string): unknown[] {
  const out = execFileSync(KUBECTL, ['kustomize', dir], { encoding: 'utf8' });
  return parseAllDocuments(out).map((d) => d.toJS());
}

/** Replaces every containers/initContainers image with a placeholder, collecting the images. */
function stripImages(node: unknown, images: string[]): unknown {
  if (Array.isArray(node)) return node.map((n) => stripImages(n, images));
  if (node && typeof node === 'object') {
    const out: Record<string, unknown> = {};
    for (const [k, v] of Object.entries(node)) {
      if ((k === 'containers' || k === 'initContainers') && Array.isArray(v)) {
        out[k] = v.map((c: Record<string, unknown>) => {
          images.push(String(c.image));
          return { ...c, image: '<image>' };
        });
      } else out[k] = stripImages(v, images);
    }
    return out;
  }
  return node;
}

function editIn(dir: string, file: string, update: Partial<ImageUpdate>, explicit = false): void {
  const path = join(dir, file);
  const edit = editFile(
    { path: file, text: readFileSync(path, 'utf8'), explicit },
    { image: IMAGE, tag: undefined, digest: undefined, key: undefined, ...update },
  );
  assert.equal(edit.changed, true);
  writeFileSync(path, edit.text);
}

/** Edits, renders both sides, and returns the images before and after (order of the render). */
function compare(fixture: string, file: string, update: Partial<ImageUpdate>, explicit = false) {
  const dir = copy(fixture);
  const before: string[] = [];
  const beforeShape = stripImages(render(dir), before);
  editIn(dir, file, update, explicit);
  const afterImages: string[] = [];
  const afterShape = stripImages(render(dir), afterImages);
  assert.deepEqual(afterShape, beforeShape, 'the renders differ outside image fields');
  return { before, after: afterImages };
}

describe('kubectl kustomize renders the edited kustomization', { skip }, () => {
  test('tag only: the digest goes, every matching image gets the tag', () => {
    const { before, after } = compare('kustomize-overlay', 'kustomization.yaml', { tag: '1.3.0' });
    assert.deepEqual(
      before.sort(),
      [`${IMAGE}:1.2.0`, `${IMAGE}:1.2.0@${D1}`, `${IMAGE}:1.2.0@${D1}`, 'nginx:1.25'].sort(),
    );
    assert.deepEqual(after.sort(), [`${IMAGE}:1.3.0`, `${IMAGE}:1.3.0`, `${IMAGE}:1.3.0`, 'nginx:1.25'].sort());
  });

  test('digest only: the tag goes', () => {
    const { after } = compare('kustomize-overlay', 'kustomization.yaml', { digest: D2 });
    assert.deepEqual(after.sort(), [`${IMAGE}@${D2}`, `${IMAGE}@${D2}`, `${IMAGE}@${D2}`, 'nginx:1.25'].sort());
  });

  test('tag and digest: name:tag@digest', () => {
    const { after } = compare('kustomize-overlay', 'kustomization.yaml', { tag: '1.10', digest: D2 });
    assert.deepEqual(
      after.sort(),
      [`${IMAGE}:1.10@${D2}`, `${IMAGE}:1.10@${D2}`, `${IMAGE}:1.10@${D2}`, 'nginx:1.25'].sort(),
    );
  });

  test('an explicit kustomization without an entry gets one that kustomize applies', () => {
    const { before, after } = compare('manifest-dir', 'kustomization.yaml', { tag: '1e3' }, true);
    assert.deepEqual(before.sort(), [`${IMAGE}:1.2.0@${D1}`, `${IMAGE}:1.2.0@${D1}`, 'nginx:1.25'].sort());
    // A numeric-looking tag must be written quoted, or kustomize would see a number.
    assert.deepEqual(after.sort(), [`${IMAGE}:1e3`, `${IMAGE}:1e3`, 'nginx:1.25'].sort());
  });
});

describe('kubectl kustomize renders an edited plain manifest', { skip }, () => {
  test('tag only drops the pinned digest in the manifest', () => {
    const { after } = compare('manifest-dir', 'deployment.yaml', { tag: '1.3.0' });
    assert.deepEqual(after.sort(), [`${IMAGE}:1.3.0`, `${IMAGE}:1.3.0`, 'nginx:1.25'].sort());
  });

  test('tag and digest', () => {
    const { after } = compare('manifest-dir', 'deployment.yaml', { tag: '1.3.0', digest: D2 });
    assert.deepEqual(after.sort(), [`${IMAGE}:1.3.0@${D2}`, `${IMAGE}:1.3.0@${D2}`, 'nginx:1.25'].sort());
  });
});
