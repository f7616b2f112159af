import assert from 'node:assert/strict';
import { test } from 'node:test';
import { imageNamesReaching } from '../../../src/core/gitops/kustomize-inputs';

const deployment = (image: string) =>
  `apiVersion: apps/v1\nkind: Deployment\nmetadata: {name: a}\nspec:\n  template:\n    spec:\n      containers:\n        - {name: a, image: "${image}"}\n      volumes:\n        - name: v\n          image: {reference: "registry.example.com/assets:1"}\n`;

test('names come from local resources, nested kustomizations and their newNames; remote bases are skipped', async () => {
  const files: Record<string, string> = {
    'base/kustomization.yaml':
      'resources:\n  - deployment.yaml\nimages:\n  - {name: web, newName: registry.example.com/team/web}\n',
    'base/deployment.yaml': deployment('nginx:1.24'),
    'overlays/prod/kustomization.yaml':
      'resources:\n  - ../../base\n  - https://github.com/acme/x//deploy?ref=v1\n  - ../../../outside\n  - job.yaml\n',
    'overlays/prod/job.yaml': deployment('docker.io/library/nginx@sha256:' + '1'.repeat(64)),
    'overlays/dev/kustomization.yaml': 'resources: [../../base]\n',
  };
  const reads: string[][] = [];
  const names = await imageNamesReaching(
    ['overlays/prod/kustomization.yaml', 'overlays/dev/kustomization.yaml'],
    Object.keys(files),
    async (paths) => {
      reads.push(paths);
      return paths.map((p) => files[p]);
    },
  );
  assert.deepEqual(names.get('overlays/prod/kustomization.yaml')?.sort(), [
    'docker.io/library/nginx',
    'nginx',
    'registry.example.com/assets',
    'registry.example.com/team/web',
  ]);
  assert.deepEqual(names.get('overlays/dev/kustomization.yaml')?.sort(), [
    'nginx',
    'registry.example.com/assets',
    'registry.example.com/team/web',
  ]);
  // One read per level of the tree, shared by both overlays; nothing outside the tracked files.
  assert.equal(reads.length, 3);
  assert.ok(reads.flat().every((p) => p in files));
});
