/**
 * A throwaway Docker engine (Debian's docker.io) for the `docker` builder tests: data, exec root,
 * pid file and socket in a temp dir, no iptables and no bridge, the given registries insecure.
 */
import { type ChildProcess, spawn, spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, openSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

export const DOCKERD = '/usr/sbin/dockerd';

export interface TestDockerd {
  /** `unix://…/docker.sock`, for DOCKER_HOST. */
  host: string;
  logFile: string;
  stop(): Promise<void>;
}

/** Starts dockerd, or returns why it cannot run here. */
export async function startDockerd(insecureRegistries: string[]): Promise<TestDockerd | { reason: string }> {
  if (!existsSync(DOCKERD)) return { reason: `${DOCKERD} missing (apt-get install docker.io)` };
  if (spawnSync('docker', ['--version']).status !== 0) return { reason: 'no docker CLI on PATH' };
  const dir = mkdtempSync(join(tmpdir(), 'cdpack-dockerd-'));
  for (const d of ['data', 'exec']) mkdirSync(join(dir, d));
  const socket = join(dir, 'docker.sock');
  const config = join(dir, 'daemon.json');
  writeFileSync(
    config,
    JSON.stringify({
      'data-root': join(dir, 'data'),
      'exec-root': join(dir, 'exec'),
      pidfile: join(dir, 'dockerd.pid'),
      hosts: [`unix://${socket}`],
      iptables: false,
      ip6tables: false,
      bridge: 'none',
      'insecure-registries': insecureRegistries,
    }),
  );
  const logFile = join(dir, 'dockerd.log');
  const log = openSync(logFile, 'a');
  const child: ChildProcess = spawn(DOCKERD, ['--config-file', config], { stdio: ['ignore', log, log] });
  const exited = new Promise<void>((resolve) => child.on('exit', () => resolve()));
  const host = `unix://${socket}`;
  const stop = async () => {
    if (child.exitCode === null) {
      child.kill('SIGTERM');
      const timer = setTimeout(() => child.kill('SIGKILL'), 10_000);
      await exited;
      clearTimeout(timer);
    }
    rmSync(dir, { recursive: true, force: true });
  };
  const deadline = Date.now() + 30_000;
  while (Date.now() < deadline) {
    if (child.exitCode !== null) break;
    const info = spawnSync('docker', ['--host', host, 'info', '--format', '{{.ServerVersion}}'], { encoding: 'utf8' });
    if (info.status === 0 && info.stdout.trim()) return { host, logFile, stop };
    await new Promise((r) => setTimeout(r, 200));
  }
  const tail = readFileSync(logFile, 'utf8').trim().split('\n').slice(-3).join(' | ');
  await stop();
  return { reason: `dockerd did not start: ${tail}` };
}
