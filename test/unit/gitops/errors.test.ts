import assert from 'node:assert/strict';
import { test } from 'node:test';
import { FileError } from '../../../src/core/errors';
import { editFile } from '../../../src/core/gitops/edit';
import type { ImageUpdate } from '../../../src/core/gitops/types';

const update: ImageUpdate = { image: 'registry.example.com/team/web', tag: '1.3.0', digest: undefined, key: undefined };

test('a YAML syntax error names the file and line', () => {
  const text = 'image:\n  repository: registry.example.com/team/web\n  tag: [1.2\nother: x\n';
  assert.throws(
    () => editFile({ path: 'charts/web/values.yaml', text, explicit: false }, update),
    (err: unknown) => {
      assert.ok(err instanceof FileError);
      assert.match(err.message, /^charts\/web\/values\.yaml:4: YAML syntax error: /);
      assert.equal(err.line, 4);
      return true;
    },
  );
});

test('a syntax error in a later document is reported with its own line', () => {
  const text = 'kind: Kustomization\nimages:\n  - name: registry.example.com/team/web\n---\na: 1\na: 2\n';
  assert.throws(
    () => editFile({ path: 'k.yaml', text, explicit: false }, update),
    /k\.yaml:6: YAML syntax error: Map keys must be unique/,
  );
});

test('an alias bomb (billion laughs) stops quickly with an alias message', () => {
  const levels = ['a: &a [registry.example.com/team/web, lol, lol, lol, lol, lol, lol, lol, lol]'];
  const names = 'abcdefghij';
  for (let i = 1; i < names.length; i++) {
    const prev = `*${names[i - 1]}`;
    levels.push(`${names[i]}: &${names[i]} [${Array(10).fill(prev).join(', ')}]`);
  }
  const text = `${levels.join('\n')}\n`;
  assert.throws(
    () => editFile({ path: 'values.yaml', text, explicit: false }, update),
    (err: unknown) => {
      assert.ok(err instanceof FileError);
      assert.match(err.message, /^values\.yaml:\d+: .*alias/);
      return true;
    },
  );
});

test('an explicit key that resolves to a mapping is an error at that line', () => {
  const text = '# values\nimage:\n  repository: registry.example.com/team/web\n  tag: "1.2"\n';
  assert.throws(
    () => editFile({ path: 'values.yaml', text, explicit: false }, { ...update, key: 'image' }),
    (err: unknown) => {
      assert.ok(err instanceof FileError);
      assert.equal(err.message, "values.yaml:3: key 'image' resolves to a mapping, not a scalar");
      return true;
    },
  );
  assert.throws(
    () =>
      editFile(
        { path: 'values.yaml', text: 'image:\n  tags: [a, b]\n', explicit: false },
        { ...update, key: 'image.tags' },
      ),
    /key 'image\.tags' resolves to a sequence/,
  );
});

test('a file that does not mention the image is not an error', () => {
  const text = 'apiVersion: v1\nkind: ConfigMap\ndata: {a: b}\n';
  const edit = editFile({ path: 'cm.yaml', text, explicit: false }, update);
  assert.deepEqual(edit, { path: 'cm.yaml', text, changed: false, targets: [] });
});
