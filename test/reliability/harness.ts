/**
 * One registry, one git server and one fake cluster shared by the whole reliability table, the
 * canary secrets every run carries, and an in-process runner: the real CLI platform (masking,
 * escaping, dotenv) around the real action bodies, so a case costs milliseconds, not a node start.
 */
import { createHash, randomBytes } from 'node:crypto';
import {
  chmodSync,
  existsSync,
  lstatSync,
  mkdirSync,
  readdirSync,
  readFileSync,
  symlinkSync,
  writeFileSync,
} from 'node:fs';
import { join } from 'node:path';
import { actions } from '../../src/actions/catalog';
import { runAction } from '../../src/actions/run-action';
import { cliPlatform } from '../../src/platform/cli';
import { type FakeKube, startFakeKube } from '../support/fake-kube-api';
import { deploymentManifest } from '../support/fake-kube-workloads';
import {
  aliasBomb,
  BROKEN_YAML,
  type GitopsEnv,
  git,
  gitopsTree,
  makeTempDir,
  REGISTRY,
  startGitopsEnv,
} from '../support/gitops-fixture';
import { startRegistry, type TestRegistry } from '../support/registry';
import { cleanEnv } from '../support/run';

export const BOMB_FILE = 'bomb/values.yaml';
export const SYMLINK_FILE = 'escape/kustomization.yaml';
export const REGISTRY_USER = 'ci-pusher';

/** Secrets handed to every action; none may show up anywhere the run leaves text. */
export interface Canaries {
  registryPassword: string;
  gitToken: string;
  kubeToken: string;
  execToken: string;
  /** The body line of an SSH private key handed to set-image (`ssh-key`). */
  sshKeyLine: string;
}

export interface Harness {
  registry: TestRegistry;
  gitops: GitopsEnv;
  kube: FakeKube;
  canaries: Canaries;
  /** A kubeconfig (content) with the kube token canary; one with an exec plugin printing the exec canary. */
  kubeconfig: string;
  execKubeconfig: string;
  /** Directory of fake buildah/docker/trivy/grype that log their argv and fail. */
  fakeBin: string;
  /** Workspace of every run: a Dockerfile, a symlink to /etc, a broken ignore file. */
  workspace: string;
  /** Where a `$(touch …)` payload would create its file. */
  markerDir: string;
  close(): Promise<void>;
}

const hex = (n: number) => randomBytes(n).toString('hex');

export async function startHarness(): Promise<Harness> {
  const canaries: Canaries = {
    registryPassword: `regpw-${hex(12)}`,
    gitToken: '', // the git fixture makes its own random token
    kubeToken: `kubetok-${hex(12)}`,
    execToken: `exectok-${hex(12)}`,
    sshKeyLine: `sshkey${hex(24)}`,
  };
  const registry = await startRegistry({
    htpasswd: [{ username: REGISTRY_USER, password: canaries.registryPassword }],
  });
  const gitops = await startGitopsEnv({
    tree: {
      ...gitopsTree({ apps: 1 }),
      [BROKEN_YAML.path]: BROKEN_YAML.text,
      [BOMB_FILE]: aliasBomb(`${REGISTRY}/bomb`),
    },
  });
  canaries.gitToken = gitops.token;
  addSymlinkOutOfRepo(gitops.repo.bare);
  const kube = await startFakeKube({
    auth: { tokens: { [canaries.kubeToken]: 'tester', [canaries.execToken]: 'tester' } },
  });
  kube.create(deploymentManifest({ containers: [{ name: 'web', image: 'registry.example/web:1.0.0' }] }));
  const kubeconfig = readFileSync(
    await kube.kubeconfig({ auth: 'token', token: canaries.kubeToken, inline: true }),
    'utf8',
  );
  const execKubeconfig = readFileSync(
    await kube.kubeconfig({ auth: 'exec', token: canaries.execToken, inline: true }),
    'utf8',
  );

  const root = makeTempDir('cdpack-reliability-');
  const fakeBin = join(root, 'bin');
  mkdirSync(fakeBin);
  for (const tool of ['buildah', 'docker', 'trivy', 'grype', 'skopeo']) {
    const script = join(fakeBin, tool);
    // Records its arguments one per line and fails: a tool reached with a bad value never does anything.
    writeFileSync(
      script,
      `#!/bin/sh\nfor a in "$@"; do printf '%s\\n' "$a"; done >> '${join(root, `${tool}.argv`)}'\nexit 1\n`,
    );
    chmodSync(script, 0o755);
  }
  const workspace = join(root, 'workspace');
  mkdirSync(join(workspace, 'app'), { recursive: true });
  writeFileSync(join(workspace, 'Dockerfile'), 'FROM scratch\nCOPY app /app\n');
  writeFileSync(join(workspace, 'app', 'Dockerfile'), 'FROM scratch\n');
  writeFileSync(join(workspace, 'broken.yaml'), BROKEN_YAML.text);
  writeFileSync(join(workspace, 'bomb.yaml'), aliasBomb('x'));
  symlinkSync('/etc', join(workspace, 'etc-link'));
  symlinkSync('/etc/passwd', join(workspace, 'passwd-link'));
  const markerDir = join(root, 'marker');
  mkdirSync(markerDir);
  return {
    registry,
    gitops,
    kube,
    canaries,
    kubeconfig,
    execKubeconfig,
    fakeBin,
    workspace,
    markerDir,
    async close() {
      await kube.close();
      await gitops.close();
      await registry.stop();
    },
  };
}

/** Commits `escape/kustomization.yaml` as a symlink to /etc/passwd on main. */
function addSymlinkOutOfRepo(bare: string): void {
  const work = makeTempDir('cdpack-symlink-');
  const env = {
    GIT_AUTHOR_NAME: 'seed',
    GIT_AUTHOR_EMAIL: 's@x',
    GIT_COMMITTER_NAME: 'seed',
    GIT_COMMITTER_EMAIL: 's@x',
  };
  git(['clone', '-q', bare, work]);
  mkdirSync(join(work, 'escape'));
  symlinkSync('/etc/passwd', join(work, SYMLINK_FILE));
  git(['add', '-A'], { cwd: work });
  git(['commit', '-q', '-m', 'symlink out of the repository'], { cwd: work, env });
  git(['push', '-q', 'origin', 'HEAD:main'], { cwd: work });
}

// ---------------------------------------------------------------------------------------------
// Fingerprints: what must be byte-for-byte the same after a failed run

function hashTree(dir: string, hash = createHash('sha256'), base = dir): ReturnType<typeof createHash> {
  if (!existsSync(dir)) return hash;
  for (const entry of readdirSync(dir).sort()) {
    const path = join(dir, entry);
    const st = lstatSync(path);
    hash.update(`${path.slice(base.length)}\0${st.isDirectory() ? 'd' : st.isSymbolicLink() ? 'l' : 'f'}\0`);
    if (st.isDirectory()) hashTree(path, hash, base);
    else if (st.isFile()) hash.update(readFileSync(path));
  }
  return hash;
}

/** Registry storage (blobs, manifests, tag links), every file's bytes. */
export function registryFingerprint(h: Harness): string {
  return hashTree(join(h.registry.dir, 'data')).digest('hex');
}

/** Every ref and every object (with its content) of the remote. */
export function remoteFingerprint(h: Harness): string {
  const bare = h.gitops.repo.bare;
  const refs = git(['--git-dir', bare, 'for-each-ref', '--format=%(refname) %(objectname)']);
  const objects = git(['--git-dir', bare, 'cat-file', '--batch-all-objects', '--batch-check', '--unordered']);
  return createHash('sha256').update(refs).update('\0').update(objects.split('\n').sort().join('\n')).digest('hex');
}

/** Every object the fake cluster stores, serialised. */
export function clusterFingerprint(h: Harness): string {
  const kinds = ['deployment', 'replicaset', 'pod', 'statefulset', 'daemonset', 'cronjob', 'controllerrevision'];
  const all = kinds.map((k) => {
    try {
      return h.kube.list(k);
    } catch {
      return [];
    }
  });
  return createHash('sha256').update(JSON.stringify(all)).digest('hex');
}

export function fingerprints(h: Harness): { registry: string; remote: string; cluster: string } {
  return { registry: registryFingerprint(h), remote: remoteFingerprint(h), cluster: clusterFingerprint(h) };
}

// ---------------------------------------------------------------------------------------------
// Running an action in-process

export type Inputs = Record<string, string | undefined>;

export interface Captured {
  failed: boolean;
  stdout: string;
  stderr: string;
  dotenv: string;
  /** Every file left in the run's temp dir (path → content). */
  leftovers: Record<string, string>;
}

/** The canaries' environment: secrets through CDPACK_* variables, as a CI job passes them. */
export function secretEnv(h: Harness, action: string): NodeJS.ProcessEnv {
  const env: NodeJS.ProcessEnv = {};
  if (action === 'build-push')
    Object.assign(env, { CDPACK_USERNAME: REGISTRY_USER, CDPACK_PASSWORD: h.canaries.registryPassword });
  if (action === 'update-gitops-tag')
    Object.assign(env, { CDPACK_USERNAME: h.gitops.user, CDPACK_TOKEN: h.canaries.gitToken });
  if (action === 'set-image') {
    env.CDPACK_KUBECONFIG = h.kubeconfig;
    env.CDPACK_SSH_KEY = `-----BEGIN OPENSSH PRIVATE KEY-----\n${h.canaries.sshKeyLine}\n-----END OPENSSH PRIVATE KEY-----\n`;
  }
  if (action === 'verify-rollout') env.CDPACK_KUBECONFIG = h.execKubeconfig;
  // Every canary also sits in the environment of every action: a stray dump of it would show.
  env.CDPACK_RELIABILITY_CANARIES = canaryForms(h).join(' ');
  return env;
}

function readTree(dir: string, out: Record<string, string> = {}): Record<string, string> {
  for (const entry of readdirSync(dir)) {
    const path = join(dir, entry);
    const st = lstatSync(path);
    if (st.isDirectory()) readTree(path, out);
    else if (st.isFile() && st.size < 8 * 1024 * 1024) out[path] = readFileSync(path, 'latin1');
  }
  return out;
}

export async function runInProcess(
  h: Harness,
  action: string,
  inputs: Inputs,
  env: NodeJS.ProcessEnv = {},
): Promise<Captured> {
  const entry = actions[action];
  if (!entry) throw new Error(`no action ${action}`);
  const temp = makeTempDir(`cdpack-rel-${action}-`);
  const dotenv = join(temp, 'outputs.env');
  const runnerTemp = join(temp, 'tmp');
  mkdirSync(runnerTemp);
  const out: string[] = [];
  const err: string[] = [];
  const flags: Record<string, string> = {};
  for (const [k, v] of Object.entries(inputs)) if (v !== undefined) flags[k] = v;
  const base = cleanEnv();
  const platform = cliPlatform({
    step: action,
    flags,
    dotenv,
    env: {
      ...base,
      PATH: `${h.fakeBin}:${base.PATH ?? ''}`,
      HOME: temp,
      CI_PROJECT_DIR: h.workspace,
      CI_COMMIT_SHA: '0123456789abcdef0123456789abcdef01234567',
      RUNNER_TEMP: runnerTemp,
      KUBECONFIG: join(temp, 'no-kubeconfig'),
      ...secretEnv(h, action),
      ...env,
    },
    out: (l) => out.push(l),
    err: (l) => err.push(l),
  });
  await runAction(platform, entry.run);
  const dotenvText = existsSync(dotenv) ? readFileSync(dotenv, 'utf8') : '';
  return {
    failed: platform.failed,
    stdout: out.join('\n'),
    stderr: err.join('\n'),
    dotenv: dotenvText,
    leftovers: readTree(temp),
  };
}

/** Forms of a secret that would betray it: as is, and base64 of `user:secret` as in a Basic header. */
export function canaryForms(h: Harness): string[] {
  const c = h.canaries;
  return [
    c.registryPassword,
    c.gitToken,
    c.kubeToken,
    c.execToken,
    c.sshKeyLine,
    Buffer.from(`${REGISTRY_USER}:${c.registryPassword}`).toString('base64'),
    Buffer.from(`${h.gitops.user}:${c.gitToken}`).toString('base64'),
  ];
}

/** The canaries found in what a run left behind (`::add-mask::` lines aside). */
export function leakedCanaries(h: Harness, r: Captured): string[] {
  const texts = [r.stdout, r.stderr, r.dotenv, ...Object.values(r.leftovers)].map((t) =>
    t
      .split('\n')
      .filter((l) => !l.startsWith('::add-mask::'))
      .join('\n'),
  );
  return canaryForms(h).filter((secret) => texts.some((t) => t.includes(secret)));
}
