/** Cross-checks against kustomize's own test tables in ../shared/oracles/kustomize (read-only). */
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, test } from 'node:test';
import { parse } from 'yaml';
import { editFile } from '../../../src/core/gitops/edit';
import { missingShared, sharedPath, skipUnlessAvailable } from '../../support/requirements';

const ORACLES = sharedPath('oracles/kustomize');
const skip = skipUnlessAvailable(missingShared('oracles/kustomize'));

function load(file: string) {
  return JSON.parse(readFileSync(join(ORACLES, file), 'utf8'));
}

function pod(image: string): string {
  return `apiVersion: v1\nkind: Pod\nmetadata:\n  name: p\nspec:\n  containers:\n    - name: c\n      image: ${image}\n`;
}

describe('image-match-split-cases.json', { skip }, () => {
  const cases = skip ? { split: [], isImageMatched: [] } : load('image-match-split-cases.json');

  for (const c of cases.split as { testName: string; value: string; name: string }[]) {
    test(`split: ${c.testName}`, () => {
      // The name kustomize splits off is what the editor matches and keeps.
      const edit = editFile(
        { path: 'p.yaml', text: pod(c.value), explicit: false },
        {
          image: c.name,
          tag: 'next',
          digest: undefined,
          key: undefined,
        },
      );
      assert.deepEqual(edit.targets, [{ kind: 'manifest', line: 8, previous: c.value, next: `${c.name}:next` }]);
    });
  }

  for (const c of cases.isImageMatched as { testName: string; value: string; name: string; isMatched: boolean }[]) {
    test(`match: ${c.testName}`, () => {
      const edit = editFile(
        { path: 'p.yaml', text: pod(c.value), explicit: false },
        {
          image: c.name,
          tag: 'next',
          digest: undefined,
          key: undefined,
        },
      );
      assert.equal(edit.targets.length, c.isMatched ? 1 : 0);
    });
  }
});

describe('imagetag-filter-cases.json (tag/digest-only cases)', { skip }, () => {
  const cases = skip ? [] : load('imagetag-filter-cases.json').cases;
  for (const name of ['new Tag', 'newDigest', 'tagWithBraces']) {
    test(name, () => {
      const c = cases.find((x: { name: string }) => x.name === name);
      assert.ok(c, `case ${name} is missing`);
      const edit = editFile(
        { path: 'in.yaml', text: c.input, explicit: false },
        {
          image: c.imageTag.name,
          tag: c.imageTag.newTag,
          digest: c.imageTag.digest,
          key: undefined,
        },
      );
      assert.deepEqual(parse(edit.text), parse(c.expectedOutput));
      assert.equal(edit.changed, true);
    });
  }
});
