#!/usr/bin/env node
// `npm run demo`: sets up what it needs (scripts/setup.sh, idempotent; installs only as root and only what is
// missing), then runs scripts/demo.ts (through tsx, a devDependency): the five steps end to end on 127.0.0.1.
// CDPACK_DEMO_SKIP_SETUP=1 skips the set-up check; CDPACK_DEMO_VERBOSE=1 streams each step's log.
import { spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const need = ['git', 'buildah', 'docker-registry', 'busybox'];
const missing = () => need.filter((p) => spawnSync('sh', ['-c', `command -v ${p}`]).status !== 0);

// The Docker host (dockerd, docker-compose, sshd) is optional: set up when root can install it, else left out.
const dockerHostMissing = () =>
  ['/usr/sbin/dockerd', '/usr/bin/docker-compose', '/usr/sbin/sshd'].some((p) => !existsSync(p));
const isRoot = process.getuid?.() === 0;
if (
  process.env.CDPACK_DEMO_SKIP_SETUP !== '1' &&
  (missing().length || !existsSync(join(root, 'node_modules/tsx')) || (isRoot && dockerHostMissing()))
) {
  console.log('demo: setting up (scripts/setup.sh)');
  const setup = spawnSync('bash', [join(root, 'scripts/setup.sh')], { cwd: root, stdio: 'inherit' });
  if (setup.status !== 0) process.exit(setup.status ?? 1);
}
if (missing().length) {
  console.error(`demo: missing ${missing().join(', ')}: run 'npm run setup' as root`);
  process.exit(1);
}
// The demo runs the CLI bundle; build it when it is missing or older than the five steps.
const cli = join(root, 'dist/cli/index.js');
const actions = existsSync(cli) ? spawnSync(process.execPath, [cli, '--help'], { encoding: 'utf8' }).stdout : '';
if (!['build-push', 'scan', 'update-gitops-tag', 'set-image', 'verify-rollout'].every((a) => actions.includes(a))) {
  console.log('demo: dist/cli is missing or lacks a step: building it (npm run build)');
  const build = spawnSync('npm', ['run', 'build'], { cwd: root, stdio: 'inherit' });
  if (build.status !== 0) process.exit(build.status ?? 1);
}
const run = spawnSync(process.execPath, ['--import', 'tsx', join(root, 'scripts/demo.ts')], {
  cwd: root,
  stdio: 'inherit',
});
process.exit(run.status ?? (run.signal === 'SIGINT' ? 130 : 1));
