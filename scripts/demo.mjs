#!/usr/bin/env node
// Local end-to-end demo: a throwaway GitOps repo, then `cdpack update-gitops-tag` bumps the image
// to this checkout's commit SHA, as CI would after building registry.example.com/demo/web:<sha>.
import { execFileSync, spawnSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

const git = (cwd, ...args) => execFileSync('git', args, { cwd, encoding: 'utf8' }).trim();
const work = mkdtempSync(join(tmpdir(), 'cdpack-demo-'));
const remote = join(work, 'gitops.git');
const seed = join(work, 'seed');
const image = 'registry.example.com/demo/web';
const sha = spawnSync('git', ['rev-parse', 'HEAD'], { encoding: 'utf8' }).stdout.trim() || 'a'.repeat(40);

try {
  git(work, 'init', '--quiet', '--bare', '--initial-branch=main', remote);
  mkdirSync(join(seed, 'apps/web/overlays/prod'), { recursive: true });
  mkdirSync(join(seed, 'apps/web/base'), { recursive: true });
  writeFileSync(
    join(seed, 'apps/web/base/deployment.yaml'),
    `apiVersion: apps/v1
kind: Deployment
metadata:
  name: web
spec:
  selector:
    matchLabels: {app: web}
  template:
    metadata:
      labels: {app: web}
    spec:
      containers:
        - name: web
          image: ${image}:0.9.0 # replaced by the overlay
`,
  );
  writeFileSync(join(seed, 'apps/web/base/kustomization.yaml'), 'resources:\n  - deployment.yaml\n');
  writeFileSync(
    join(seed, 'apps/web/overlays/prod/kustomization.yaml'),
    `# prod overlay: Argo CD syncs this folder
resources:
  - ../../base
images:
  - name: ${image}
    newTag: "1.0.0" # bumped by CI
`,
  );
  git(seed, 'init', '--quiet', '--initial-branch=main');
  git(seed, 'add', '.');
  git(seed, '-c', 'user.name=demo', '-c', 'user.email=demo@example.com', 'commit', '--quiet', '-m', 'seed');
  git(seed, 'push', '--quiet', remote, 'main');

  console.log(
    `\n$ cdpack update-gitops-tag --repository ${remote} --files 'apps/*/overlays/prod/kustomization.yaml' --image ${image} --tag ${sha}\n`,
  );
  const run = spawnSync(
    process.execPath,
    [
      'dist/cli/index.js',
      'update-gitops-tag',
      '--repository',
      remote,
      '--files',
      'apps/*/overlays/prod/kustomization.yaml',
      '--image',
      image,
      '--tag',
      sha,
    ],
    { stdio: 'inherit', env: { ...process.env, CDPACK_TEMP: work } },
  );
  if (run.status !== 0) process.exit(run.status ?? 1);

  console.log('\n$ git log -1 --stat (the config repo)\n');
  console.log(git(work, '--git-dir', remote, 'log', '-1', '--stat', '--format=%h %an: %s'));
  git(work, 'clone', '--quiet', remote, 'check');
  const rendered = spawnSync('kubectl', ['kustomize', join(work, 'check/apps/web/overlays/prod')], {
    encoding: 'utf8',
  });
  if (rendered.status === 0) {
    console.log('\n$ kubectl kustomize apps/web/overlays/prod | grep image:\n');
    console.log(
      rendered.stdout
        .split('\n')
        .filter((l) => l.includes('image:'))
        .join('\n'),
    );
  }
} finally {
  rmSync(work, { recursive: true, force: true });
}
