import { spawnSync } from 'node:child_process';
import { readFileSync } from 'node:fs';

/** Mount points at or under `dir` in this mount namespace, deepest first (Linux; none elsewhere). */
export function mountsUnder(dir: string, mountinfo?: string): string[] {
  let text = mountinfo;
  if (text === undefined) {
    try {
      text = readFileSync('/proc/self/mountinfo', 'utf8');
    } catch {
      return [];
    }
  }
  const root = dir.replace(/\/+$/, '');
  return text
    .split('\n')
    .map((line) => line.split(' ')[4])
    .filter((p): p is string => Boolean(p))
    .map((p) => p.replace(/\\([0-7]{3})/g, (_, octal: string) => String.fromCharCode(Number.parseInt(octal, 8))))
    .filter((p) => p === root || p.startsWith(`${root}/`))
    .sort((a, b) => b.length - a.length);
}

/**
 * Unmounts what a killed tool left mounted under `dir` (buildah's overlay store and layer mounts),
 * so the dir can be removed. Synchronous: it runs while the process stops on a signal.
 */
export function unmountUnder(dir: string): void {
  for (const point of mountsUnder(dir)) {
    const r = spawnSync('umount', [point], { stdio: 'ignore', timeout: 10_000 });
    if (r.status !== 0) spawnSync('umount', ['-l', point], { stdio: 'ignore', timeout: 10_000 });
  }
}
