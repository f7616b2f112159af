import assert from 'node:assert/strict';
import { test } from 'node:test';
import { globToRegExp, resolveFiles } from '../../../src/core/gitops/paths';

const tracked = [
  'apps/web/overlays/prod/kustomization.yaml',
  'apps/web/overlays/dev/kustomization.yaml',
  'apps/api/overlays/prod/kustomization.yaml',
  'apps/api/base/deployment.yaml',
  'values.yaml',
];

test('globs: *, ** and {a,b}', () => {
  assert.ok(globToRegExp('apps/*/overlays/prod/kustomization.yaml').test(tracked[0] as string));
  assert.ok(!globToRegExp('apps/*/kustomization.yaml').test(tracked[0] as string));
  assert.ok(globToRegExp('**/kustomization.yaml').test(tracked[0] as string));
  assert.ok(globToRegExp('**/values.yaml').test('values.yaml'));
  assert.ok(globToRegExp('apps/{web,api}/overlays/prod/*.yaml').test(tracked[2] as string));
  assert.ok(!globToRegExp('apps/we?/x').test('apps/web/y'));
});

test('literal paths are explicit, globbed ones are not, duplicates collapse', () => {
  const files = resolveFiles(
    ['apps/web/overlays/prod/kustomization.yaml', 'apps/*/overlays/*/kustomization.yaml'],
    tracked,
  );
  assert.deepEqual(
    files.map((f) => [f.path, f.explicit]),
    [
      ['apps/web/overlays/prod/kustomization.yaml', true],
      ['apps/web/overlays/dev/kustomization.yaml', false],
      ['apps/api/overlays/prod/kustomization.yaml', false],
    ],
  );
});

test('paths leaving the repository are refused, naming the input', () => {
  assert.throws(
    () => resolveFiles(['../secrets.yaml'], tracked),
    /input 'files': '\.\.\/secrets\.yaml' resolves outside/,
  );
  assert.throws(() => resolveFiles(['apps/../../x.yaml'], tracked), /resolves outside the repository/);
  assert.throws(() => resolveFiles(['/etc/passwd'], tracked), /is absolute/);
  assert.ok(resolveFiles(['./apps/../values.yaml'], tracked).length === 1);
});

test('a missing file or a glob matching nothing is an error', () => {
  assert.throws(() => resolveFiles(['nope.yaml'], tracked), /'nope.yaml' is not a file in the repository/);
  assert.throws(() => resolveFiles(['charts/**/values.yaml'], tracked), /matches no file/);
});
