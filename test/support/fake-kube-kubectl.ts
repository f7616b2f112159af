/**
 * Runs the real kubectl (the referee for the fake API server) without blocking the event loop,
 * since the fake it talks to lives in the same process. Always an argument array; a private HOME
 * and `--cache-dir` so no user config or discovery cache leaks in.
 */
import { spawn } from 'node:child_process';
import { existsSync, mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import type { FakeKube } from './fake-kube-api';

export const KUBECTL = process.env.CDPACK_TEST_KUBECTL ?? '/usr/bin/kubectl';

/** Why kubectl tests cannot run here, or undefined when they can. */
export function kubectlUnavailable(): string | undefined {
  return existsSync(KUBECTL)
    ? undefined
    : `${KUBECTL} is missing (install kubectl v1.32, or point CDPACK_TEST_KUBECTL at one)`;
}

export interface KubectlResult {
  /** Exit code; 137 when killed after `killAfterMs`. */
  code: number;
  killed: boolean;
  stdout: string;
  stderr: string;
  /** The last line kubectl printed (stderr first: that is where errors go), leaving out client-go's klog lines. */
  lastLine: string;
  /** Wall time of the run in ms. */
  ms: number;
}

export interface KubectlOptions {
  kubeconfig: string;
  /** Kill kubectl after this long (a safety net; the default 60 s). */
  killAfterMs?: number;
  env?: NodeJS.ProcessEnv;
  /** Called once kubectl is started. */
  onSpawn?: () => void;
}

/** A kubectl run against a fake: `kubectl --kubeconfig … --cache-dir … <args>`. */
export function kubectl(
  fake: FakeKube,
  args: string[],
  options: Omit<KubectlOptions, 'kubeconfig'> & { kubeconfig?: string } = {},
): Promise<KubectlResult> {
  return (options.kubeconfig ? Promise.resolve(options.kubeconfig) : fake.kubeconfig()).then((kubeconfig) =>
    runKubectl(args, { ...options, kubeconfig, cacheDir: join(fake.dir, 'kubectl-cache') }),
  );
}

export function runKubectl(args: string[], options: KubectlOptions & { cacheDir?: string }): Promise<KubectlResult> {
  const home = mkdtempSync(join(options.cacheDir ? dirname(options.cacheDir) : tmpdir(), 'kubectl-home-'));
  const env: NodeJS.ProcessEnv = { PATH: process.env.PATH, HOME: home, ...options.env };
  const argv = ['--kubeconfig', options.kubeconfig, '--cache-dir', options.cacheDir ?? join(home, 'cache'), ...args];
  const start = process.hrtime.bigint();
  return new Promise((resolve, reject) => {
    const child = spawn(KUBECTL, argv, { env, stdio: ['ignore', 'pipe', 'pipe'] });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (c: Buffer) => {
      stdout += c.toString('utf8');
    });
    child.stderr.on('data', (c: Buffer) => {
      stderr += c.toString('utf8');
    });
    const killer = setTimeout(() => child.kill('SIGKILL'), options.killAfterMs ?? 60_000);
    child.on('error', reject);
    child.on('spawn', () => options.onSpawn?.());
    child.on('close', (code, signal) => {
      clearTimeout(killer);
      // klog lines (`W1201 14:19:40.396301 715 reflector.go:492] …`) are client-go's retry chatter, not a verdict.
      const lines = (text: string) =>
        text
          .split('\n')
          .map((l) => l.trim())
          .filter((l) => l !== '' && !/^[IWEF]\d{4} \d\d:\d\d:\d\d\.\d+\s/.test(l));
      const lastLine = lines(stderr).at(-1) ?? lines(stdout).at(-1) ?? '';
      resolve({
        code: code ?? (signal === 'SIGKILL' ? 137 : 1),
        killed: signal === 'SIGKILL',
        stdout,
        stderr,
        lastLine,
        ms: Number(process.hrtime.bigint() - start) / 1e6,
      });
    });
  });
}
