// inputs/ (the declarations and readInputs) and platform/ (where raw values come from) must not
// depend on each other: a platform returns raw values, readInputs applies the spec.
import assert from 'node:assert/strict';
import { readdirSync, readFileSync } from 'node:fs';
import { dirname, join, relative, resolve } from 'node:path';
import { test } from 'node:test';

const SRC = resolve('src');

/** The src/ folders that a file's relative imports (static, dynamic, type-only, re-export) reach. */
function importedFolders(text: string, dir: string): string[] {
  return [...text.matchAll(/(?:from|import)\s*\(?\s*['"](\.{1,2}\/[^'"]+)['"]/g)].map(
    (m) => relative(SRC, resolve(dir, m[1] as string)).split('/')[0] as string,
  );
}

function filesOf(folder: string): string[] {
  return readdirSync(join(SRC, folder), { recursive: true, encoding: 'utf8' })
    .filter((f) => f.endsWith('.ts'))
    .map((f) => join(SRC, folder, f));
}

test('no import from platform/ into inputs/ or back', () => {
  const crossings: string[] = [];
  for (const [from, to] of [
    ['inputs', 'platform'],
    ['platform', 'inputs'],
  ] as const) {
    const files = filesOf(from);
    assert.ok(files.length > 1, `src/${from} has files`);
    for (const file of files) {
      if (importedFolders(readFileSync(file, 'utf8'), dirname(file)).includes(to)) {
        crossings.push(`${relative(SRC, file)} imports ${to}/`);
      }
    }
  }
  assert.deepEqual(crossings, []);
});

test('the scan sees every kind of import (so the rule above can fail)', () => {
  const dir = join(SRC, 'inputs');
  const folders = (line: string) => importedFolders(line, dir);
  assert.deepEqual(folders("import type { Platform } from '../platform/types';"), ['platform']);
  assert.deepEqual(folders("export { x } from '../platform/cli';"), ['platform']);
  assert.deepEqual(folders("const m = await import('../platform/github');"), ['platform']);
  assert.deepEqual(folders("import { InputError } from '../core/errors';"), ['core']);
  assert.deepEqual(folders("import type { ActionSpec } from './types';"), ['inputs']);
});
