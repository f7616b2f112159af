/**
 * gitlab-ci-local as the tests run it (../shared/TEST-INFRA.md §6): a project committed to a git repository (files
 * used by `include: local:` must be known to git), jobs on the shell executor (no Docker engine here), and a `cdpack`
 * installed from `npm pack` the way the runner image has one on PATH.
 */
import { execFileSync, spawn } from 'node:child_process';
import { readdirSync } from 'node:fs';
import { join } from 'node:path';
import { missingProgram } from './requirements';

export const GITLAB_CI_LOCAL = join(process.cwd(), 'node_modules/.bin/gitlab-ci-local');

/** Why gitlab-ci-local cannot run here (it needs rsync for the shell executor), or undefined. */
export function gitlabCiLocalUnavailable(): string | undefined {
  return (
    missingProgram(GITLAB_CI_LOCAL, 'npm ci installs it') ?? missingProgram('/usr/bin/rsync', 'apt-get install rsync')
  );
}

/** Jobs run in a copy of the project on the shell executor, even those with `image:`; artifacts stay out of it. */
export const SHELL_EXECUTOR = ['--force-shell-executor', '--shell-isolation', '--no-artifacts-to-source'];

const git = (cwd: string, ...args: string[]) =>
  execFileSync('git', ['-c', 'user.name=t', '-c', 'user.email=t@example.com', ...args], {
    cwd,
    encoding: 'utf8',
  }).trim();

/** Makes `dir` a git repository with everything in it committed; returns the commit. */
export function commitProject(dir: string): string {
  git(dir, 'init', '-q', '-b', 'main');
  git(dir, 'add', '.');
  git(dir, 'commit', '-qm', 'ci');
  return git(dir, 'rev-parse', 'HEAD');
}

export interface GitlabCiLocalRun {
  code: number;
  stdout: string;
  /** stdout then stderr. */
  output: string;
}

/**
 * Runs gitlab-ci-local in `dir` (default arguments: the whole pipeline on the shell executor), with `path` in front
 * of PATH. Asynchronous, so servers living in the test process keep answering the jobs.
 */
export async function runGitlabCiLocal(
  dir: string,
  options: { args?: string[]; path?: string; timeoutMs?: number } = {},
): Promise<GitlabCiLocalRun> {
  const child = spawn(GITLAB_CI_LOCAL, options.args ?? SHELL_EXECUTOR, {
    cwd: dir,
    env: {
      ...process.env,
      NO_COLOR: '1',
      ...(options.path ? { PATH: `${options.path}:${process.env.PATH}` } : {}),
    },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let stdout = '';
  let stderr = '';
  child.stdout.on('data', (d: Buffer) => {
    stdout += d.toString('utf8');
  });
  child.stderr.on('data', (d: Buffer) => {
    stderr += d.toString('utf8');
  });
  const timer = setTimeout(() => child.kill('SIGKILL'), options.timeoutMs ?? 240_000);
  const code = await new Promise<number>((done) => child.on('close', (c) => done(c ?? 1)));
  clearTimeout(timer);
  return { code, stdout, output: `${stdout}${stderr}` };
}

/** Packs this checkout (`npm pack`) into `dir` and installs it into `dir/prefix`; returns the tarball and the bin. */
export function installPackedCdpack(dir: string): { tarball: string; cdpack: string } {
  execFileSync('npm', ['pack', '--silent', '--pack-destination', dir], { stdio: ['ignore', 'ignore', 'inherit'] });
  const tarball = join(dir, readdirSync(dir).find((f) => f.endsWith('.tgz')) as string);
  const prefix = join(dir, 'prefix');
  execFileSync('npm', ['install', '--offline', '--no-audit', '--no-fund', '--prefix', prefix, tarball], {
    stdio: ['ignore', 'ignore', 'inherit'],
  });
  return { tarball, cdpack: join(prefix, 'node_modules/.bin/cdpack') };
}
