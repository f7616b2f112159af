/**
 * GitOps config repositories for end-to-end tests: a bare repo whose `main` is seeded from a
 * directory tree, readers for the remote tip, and temp-dir cleanup.
 */
import { execFileSync } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { type GitServer, startGitServer } from './git-http-server';

/** Files of a repository tree: relative path → content. */
export type Tree = Record<string, string>;

export const REGISTRY = 'registry.example.com/team';
export const SEED_AUTHOR = { name: 'Fixture Seed', email: 'seed@fixture.test' };

/** Git with no user/system config, so tests behave the same on any machine. */
export const hermeticGitEnv: NodeJS.ProcessEnv = {
  GIT_CONFIG_NOSYSTEM: '1',
  GIT_CONFIG_GLOBAL: '/dev/null',
  GIT_TERMINAL_PROMPT: '0',
};

export function git(args: string[], options: { cwd?: string; env?: NodeJS.ProcessEnv } = {}): string {
  return execFileSync('git', args, {
    cwd: options.cwd,
    env: { ...process.env, ...hermeticGitEnv, ...options.env },
    encoding: 'utf8',
    stdio: ['ignore', 'pipe', 'pipe'],
  });
}

const tempDirs = new Set<string>();

/** A fresh temp dir, removed by `cleanupTempDirs()`. */
export function makeTempDir(prefix = 'cdpack-e2e-'): string {
  const dir = mkdtempSync(join(tmpdir(), prefix));
  tempDirs.add(dir);
  return dir;
}

export function cleanupTempDirs(): void {
  for (const dir of tempDirs) rmSync(dir, { recursive: true, force: true });
  tempDirs.clear();
}

export function writeTree(dir: string, tree: Tree): void {
  for (const [path, content] of Object.entries(tree)) {
    const full = join(dir, path);
    mkdirSync(dirname(full), { recursive: true });
    writeFileSync(full, content);
  }
}

/** `app-00`, `app-01`, … */
export function appName(i: number): string {
  return `app-${String(i).padStart(2, '0')}`;
}

export function appImage(i: number): string {
  return `${REGISTRY}/${appName(i)}`;
}

export function overlayPath(i: number, env = 'prod'): string {
  return `apps/${appName(i)}/overlays/${env}/kustomization.yaml`;
}

export const HELM_VALUES = 'charts/web/values.yaml';
export const HELM_IMAGE = `${REGISTRY}/web`;
export const MANIFEST = 'manifests/worker.yaml';
export const MANIFEST_IMAGE = `${REGISTRY}/worker`;

/**
 * A realistic GitOps layout: `apps/<app>/base` + `apps/<app>/overlays/{staging,prod}` for
 * `apps` apps (kustomize `images:` with newTag), a Helm values file and a plain manifest.
 */
export function gitopsTree(options: { apps?: number; tag?: string } = {}): Tree {
  const apps = options.apps ?? 3;
  const tag = options.tag ?? '1.0.0';
  const tree: Tree = {
    'README.md': '# gitops fixture\n',
  };
  for (let i = 0; i < apps; i++) {
    const name = appName(i);
    tree[`apps/${name}/base/kustomization.yaml`] = `apiVersion: kustomize.config.k8s.io/v1beta1
kind: Kustomization
resources:
  - deployment.yaml
`;
    tree[`apps/${name}/base/deployment.yaml`] = `apiVersion: apps/v1
kind: Deployment
metadata:
  name: ${name}
spec:
  selector:
    matchLabels: {app: ${name}}
  template:
    metadata:
      labels: {app: ${name}}
    spec:
      containers:
        - name: ${name}
          image: ${appImage(i)}
`;
    for (const env of ['staging', 'prod']) {
      tree[overlayPath(i, env)] = `# ${name} ${env} overlay
apiVersion: kustomize.config.k8s.io/v1beta1
kind: Kustomization
resources:
  - ../../base
images:
  - name: ${appImage(i)}
    newTag: "${tag}" # bumped by CI
`;
    }
  }
  tree[HELM_VALUES] = `# values for the web chart
replicaCount: 2
image:
  repository: ${HELM_IMAGE}
  tag: ${tag}
  pullPolicy: IfNotPresent
service:
  port: 80
`;
  tree[MANIFEST] = `apiVersion: apps/v1
kind: Deployment
metadata:
  name: worker
spec:
  selector:
    matchLabels: {app: worker}
  template:
    metadata:
      labels: {app: worker}
    spec:
      initContainers:
        - name: migrate
          image: ${MANIFEST_IMAGE}:${tag}
      containers:
        - name: worker
          image: ${MANIFEST_IMAGE}:${tag}
---
apiVersion: v1
kind: ConfigMap
metadata:
  name: worker
data:
  mode: batch
`;
  return tree;
}

export interface BareRepo {
  /** Path of the bare repository (`<root>/<name>`). */
  bare: string;
  /** Name relative to the server root, e.g. `gitops.git`. */
  name: string;
  /** SHA of `main` right after seeding. */
  seed: string;
}

/** Creates `<root>/<name>` as a bare repo whose `main` holds `tree` in one commit. */
export function createBareRepo(root: string, name: string, tree: Tree, branch = 'main'): BareRepo {
  const bare = join(root, name);
  mkdirSync(root, { recursive: true });
  git(['init', '-q', '--bare', '-b', branch, bare]);
  const work = makeTempDir('cdpack-seed-');
  writeTree(work, tree);
  const env = {
    GIT_AUTHOR_NAME: SEED_AUTHOR.name,
    GIT_AUTHOR_EMAIL: SEED_AUTHOR.email,
    GIT_COMMITTER_NAME: SEED_AUTHOR.name,
    GIT_COMMITTER_EMAIL: SEED_AUTHOR.email,
  };
  git(['init', '-q', '-b', branch], { cwd: work });
  git(['add', '-A'], { cwd: work });
  git(['commit', '-q', '-m', 'seed'], { cwd: work, env });
  git(['push', '-q', bare, `HEAD:refs/heads/${branch}`], { cwd: work });
  rmSync(work, { recursive: true, force: true });
  return { bare, name, seed: remoteTip(bare, branch) };
}

/** Content of `path` at the tip of `ref` in the bare repo. */
export function readRemoteFile(bare: string, path: string, ref = 'main'): string {
  return git(['--git-dir', bare, 'show', `${ref}:${path}`]);
}

export function remoteTip(bare: string, ref = 'main'): string {
  return git(['--git-dir', bare, 'rev-parse', `refs/heads/${ref}`]).trim();
}

export function remoteRevCount(bare: string, ref = 'main'): number {
  return Number(git(['--git-dir', bare, 'rev-list', '--count', ref]).trim());
}

export interface CommitInfo {
  sha: string;
  parents: string[];
  authorName: string;
  authorEmail: string;
  subject: string;
  body: string;
  /** Files changed by this commit (against its first parent). */
  files: string[];
}

export function remoteCommit(bare: string, rev = 'main'): CommitInfo {
  const sep = '\x1f';
  const out = git(['--git-dir', bare, 'show', '-s', `--format=%H${sep}%P${sep}%an${sep}%ae${sep}%s${sep}%b`, rev]);
  const [sha = '', parents = '', authorName = '', authorEmail = '', subject = '', body = ''] = out.split(sep);
  const files = git(['--git-dir', bare, 'diff-tree', '--no-commit-id', '--name-only', '-r', rev])
    .split('\n')
    .filter(Boolean);
  return {
    sha,
    parents: parents.trim().split(' ').filter(Boolean),
    authorName,
    authorEmail,
    subject,
    body: body.trim(),
    files,
  };
}

/** Commits from `rev` back to (excluding) `since`, newest first. */
export function remoteLog(bare: string, since: string, rev = 'main'): CommitInfo[] {
  return git(['--git-dir', bare, 'rev-list', `${since}..${rev}`])
    .split('\n')
    .filter(Boolean)
    .map((sha) => remoteCommit(bare, sha));
}

/** Whether the repo is intact (`git fsck --strict` succeeds). */
export function fsckOk(bare: string): boolean {
  try {
    git(['--git-dir', bare, 'fsck', '--strict', '--no-dangling']);
    return true;
  } catch {
    return false;
  }
}

export interface GitopsEnv {
  /** Directory the server serves (holds `gitops.git`). */
  root: string;
  repo: BareRepo;
  server: GitServer;
  /** Remote URL without credentials. */
  url: string;
  user: string;
  /** The token the server accepts as password (for `user`, or any user). */
  token: string;
  close(): Promise<void>;
}

/**
 * A seeded bare repo served over smart HTTP with Basic auth: `user` + `token`, or any user
 * name + `token`. The token is random, so a test can grep any output for it.
 */
export async function startGitopsEnv(options: { apps?: number; tree?: Tree; name?: string } = {}): Promise<GitopsEnv> {
  const root = makeTempDir('cdpack-git-root-');
  const name = options.name ?? 'gitops.git';
  const repo = createBareRepo(root, name, options.tree ?? gitopsTree({ apps: options.apps ?? 3 }));
  const user = 'ci-bot';
  const token = `tok_${randomBytes(12).toString('hex')}`;
  const server = await startGitServer({ root, user, password: token, token });
  return { root, repo, server, url: server.url(name), user, token, close: () => server.close() };
}

/** A kustomization with a YAML syntax error on line 5 (a nested mapping in a compact mapping). */
export const BROKEN_YAML = {
  path: 'broken/kustomization.yaml',
  line: 5,
  text: `apiVersion: kustomize.config.k8s.io/v1beta1
kind: Kustomization
images:
  - name: ${appImage(0)}
    newTag: a: b
`,
};

/** Billion laughs (9^9 nodes if aliases were expanded blindly), with a Helm-style image below it. */
export function aliasBomb(image: string): string {
  const lines = ['a: &a [lol, lol, lol, lol, lol, lol, lol, lol, lol]'];
  for (let i = 1; i < 9; i++) {
    const prev = String.fromCharCode(96 + i);
    const name = String.fromCharCode(97 + i);
    lines.push(`${name}: &${name} [${Array(9).fill(`*${prev}`).join(', ')}]`);
  }
  lines.push('image:', `  repository: ${image}`, '  tag: "1.0"', 'extra: *i');
  return `${lines.join('\n')}\n`;
}
