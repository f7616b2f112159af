import { lstat, open, realpath } from 'node:fs/promises';
import { basename, dirname, isAbsolute, join, relative, resolve, sep } from 'node:path';

/** Whether `target` is `root` or lies below it (both absolute and already resolved). */
export function isWithin(root: string, target: string): boolean {
  const rel = relative(root, target);
  return rel === '' || (rel !== '..' && !rel.startsWith(`..${sep}`) && !isAbsolute(rel));
}

/**
 * The real path of `path` with every symlink resolved, also for a file that does not exist yet
 * (its nearest existing directory is resolved). A dangling symlink resolves to nothing: where it
 * points cannot be checked, and writing through it would create a file wherever it points.
 */
async function realPathOf(path: string): Promise<string | undefined> {
  try {
    return await realpath(path);
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    if (code !== 'ENOENT' && code !== 'ENOTDIR') throw error;
    const link = await lstat(path).catch(() => undefined);
    if (link?.isSymbolicLink()) return undefined;
    const parent = dirname(path);
    if (parent === path) return path;
    const realParent = await realPathOf(parent);
    return realParent === undefined ? undefined : join(realParent, basename(path));
  }
}

/**
 * Resolves `path` (relative to `root`, or absolute) with symlinks followed, and returns it when
 * the result stays inside `root`; `undefined` when a `..`, a symlink or a dangling symlink
 * leads out. Repository content chooses relative paths and symlinks, so whatever reads or writes
 * a file named by them must check here first.
 */
export async function resolveInside(root: string, path: string): Promise<string | undefined> {
  const realRoot = (await realPathOf(resolve(root))) ?? resolve(root);
  const full = resolve(root, path);
  const real = await realPathOf(full);
  return real !== undefined && isWithin(realRoot, real) ? full : undefined;
}

/** A file larger than the limit we read into memory. */
export class FileTooLargeError extends Error {
  override name = 'FileTooLargeError';
  constructor(
    readonly file: string,
    readonly limit: number,
  ) {
    super(`${file} is larger than ${formatBytes(limit)}`);
  }
}

export function formatBytes(bytes: number): string {
  const mib = bytes / (1024 * 1024);
  return mib >= 1 ? `${Number.isInteger(mib) ? mib : mib.toFixed(1)} MiB` : `${bytes} bytes`;
}

/**
 * Reads a UTF-8 text file of at most `limit` bytes. The size is checked before the content is
 * held in memory, and the read itself stops after `limit` bytes, so a special file that
 * reports size 0 (`/proc/…`), a FIFO or `/dev/zero` cannot grow it either.
 */
export async function readTextCapped(file: string, limit: number): Promise<string> {
  const handle = await open(file, 'r');
  try {
    const stat = await handle.stat();
    if (stat.isDirectory()) throw Object.assign(new Error(`${file} is a directory`), { code: 'EISDIR' });
    if (stat.size > limit) throw new FileTooLargeError(file, limit);
    const chunks: Buffer[] = [];
    let total = 0;
    const buffer = Buffer.alloc(Math.min(limit + 1, 1024 * 1024));
    for (;;) {
      const { bytesRead } = await handle.read(buffer, 0, buffer.length, null);
      if (bytesRead === 0) break;
      total += bytesRead;
      if (total > limit) throw new FileTooLargeError(file, limit);
      chunks.push(Buffer.from(buffer.subarray(0, bytesRead)));
    }
    return Buffer.concat(chunks, total).toString('utf8');
  } finally {
    await handle.close();
  }
}
