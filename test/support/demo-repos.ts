/**
 * The two repositories of the demo's delivery flow, shared by `npm run demo` and the whole-flow benchmark so both
 * deliver the same application to the same GitOps layout: the application (demo/app plus a static busybox; each
 * release is one commit) and the GitOps repository (a kustomize base Deployment and the prod overlay that pins the
 * image, at 0.9.0), pushed to a bare repository a git server serves.
 */
import { copyFileSync, mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';

/** The overlay the flow bumps, relative to the GitOps repository. */
export const DEMO_OVERLAY = 'apps/web/overlays/prod/kustomization.yaml';

export interface DemoRepoOptions {
  /** Scratch directory: `app/` and `gitops-seed/` are made in it. */
  work: string;
  /** The project's demo/ folder. */
  demoDir: string;
  /** Image repository the Deployment and the overlay name. */
  image: string;
  /** The bare GitOps repository to create and push the seed to. */
  gitopsBare: string;
  git: (cwd: string, ...args: string[]) => Promise<unknown>;
}

/** Creates both repositories; returns the application's working tree (nothing committed yet). */
export async function createDemoRepos(o: DemoRepoOptions): Promise<{ app: string }> {
  const app = join(o.work, 'app');
  mkdirSync(app);
  for (const f of ['Dockerfile', 'index.html', 'start.sh']) copyFileSync(join(o.demoDir, 'app', f), join(app, f));
  copyFileSync('/bin/busybox', join(app, 'busybox'));
  await o.git(app, 'init', '--quiet', '--initial-branch=main');

  const seed = join(o.work, 'gitops-seed');
  mkdirSync(join(seed, 'apps/web/overlays/prod'), { recursive: true });
  mkdirSync(join(seed, 'apps/web/base'), { recursive: true });
  writeFileSync(join(seed, 'apps/web/base/kustomization.yaml'), 'resources:\n  - deployment.yaml\n');
  writeFileSync(
    join(seed, 'apps/web/base/deployment.yaml'),
    `apiVersion: apps/v1\nkind: Deployment\nmetadata:\n  name: web\nspec:\n  selector:\n    matchLabels: {app: web}\n  template:\n    metadata:\n      labels: {app: web}\n    spec:\n      containers:\n        - name: web\n          image: ${o.image}:0.9.0 # replaced by the overlay\n`,
  );
  writeFileSync(
    join(seed, DEMO_OVERLAY),
    `# prod overlay: Argo CD syncs this folder\nresources:\n  - ../../base\nimages:\n  - name: ${o.image}\n    newTag: "0.9.0" # bumped by CI\n`,
  );
  await o.git(o.work, 'init', '--quiet', '--bare', '--initial-branch=main', o.gitopsBare);
  await o.git(seed, 'init', '--quiet', '--initial-branch=main');
  await o.git(seed, 'add', '.');
  await o.git(seed, 'commit', '--quiet', '-m', 'seed');
  await o.git(seed, 'push', '--quiet', o.gitopsBare, 'main');
  return { app };
}
