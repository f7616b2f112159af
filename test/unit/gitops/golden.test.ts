import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { editFile } from '../../../src/core/gitops/edit';
import { crlf, goldenCases } from './fixtures';

const cases = goldenCases();

test('the golden fixtures are all found', () => {
  assert.ok(cases.length >= 14, `only ${cases.length} cases`);
});

for (const c of cases) {
  describe(`golden: ${c.name}`, () => {
    test('output matches expected.yaml byte for byte, with the listed targets', () => {
      const edit = editFile(c.file, c.update);
      assert.equal(edit.text, c.expected);
      assert.equal(edit.changed, c.expected !== c.file.text);
      assert.equal(edit.path, c.file.path);
      assert.deepEqual(edit.targets, c.targets);
    });

    test('re-running on the output changes nothing and lists the same places as up to date', () => {
      const again = editFile({ ...c.file, text: c.expected }, c.update);
      assert.equal(again.text, c.expected);
      assert.equal(again.changed, false);
      assert.equal(again.targets.length, c.targets.length);
      for (const t of again.targets) assert.equal(t.previous, t.next);
      assert.deepEqual(
        again.targets.map((t) => t.next),
        c.targets.map((t) => t.next),
      );
    });

    test('CRLF line endings are kept', () => {
      const edit = editFile({ ...c.file, text: crlf(c.file.text) }, c.update);
      assert.equal(edit.text, crlf(c.expected));
      assert.deepEqual(
        edit.targets.map((t) => t.line),
        c.targets.map((t) => t.line),
      );
    });

    test('a missing final newline stays missing', () => {
      const input = c.file.text.replace(/\n$/, '');
      const edit = editFile({ ...c.file, text: input }, c.update);
      assert.equal(edit.text, c.expected.replace(/\n$/, ''));
    });

    test('a byte-order mark is kept', () => {
      const edit = editFile({ ...c.file, text: `\uFEFF${c.file.text}` }, c.update);
      assert.equal(edit.text, `\uFEFF${c.expected}`);
    });
  });
}
