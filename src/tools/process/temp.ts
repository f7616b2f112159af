import { rmSync } from 'node:fs';
import { mkdtemp, rm } from 'node:fs/promises';
import { join } from 'node:path';
import { onCleanup } from './cleanup';

export interface TemporaryDir {
  /** Created with mode 700. */
  dir: string;
  /** Removes the dir (and stops tracking it). */
  dispose(): Promise<void>;
}

/**
 * A fresh directory under `parent` that is removed even when the job is cancelled (see ./cleanup):
 * for anything that may hold credentials or a copy of repository content.
 */
export async function temporaryDir(parent: string, prefix: string): Promise<TemporaryDir> {
  const dir = await mkdtemp(join(parent, prefix));
  const forget = removeOnStop(dir);
  return {
    dir,
    dispose: async () => {
      await rm(dir, { recursive: true, force: true });
      forget();
    },
  };
}

/** Registers an existing temporary dir for removal on a signal; call the result once it is removed. */
export function removeOnStop(dir: string): () => void {
  return onCleanup(() => rmSync(dir, { recursive: true, force: true }));
}
