import { relative, resolve } from 'node:path';
import { InputError } from '../../core/errors';
import { excerpt } from '../../core/text/control';
import { isWithin } from '../../tools/files';
import { trackedPaths } from '../../tools/git';

/**
 * Refuses a `cache-dir` inside the workspace that holds files committed to the repository.
 *
 * Threat model: in a merge/pull request pipeline the commit is the requester's, so committed files
 * are theirs. A scanner binary committed under `.cdpack-cache/bin/…` would be run by the step, and a
 * committed vulnerability DB (an empty one, or one without the CVEs of their image) would turn the
 * gate into a pass. cdpack never runs a binary from a workspace cache as is (tools/scanners/install.ts
 * runs only a verified release archive's copy), but the DB cannot be verified, so a cache the
 * repository writes into is not used at all. Untracked files are a different matter: they come from
 * this job or a CI cache restored by the runner (GitLab restores untracked files into the project
 * dir), whose trust is the cache key's (docs/scan.md).
 */
export async function refuseCommittedCache(workspace: string, cacheDir: string): Promise<void> {
  const path = workspacePath(workspace, cacheDir);
  if (path === undefined) return;
  let tracked: string[];
  try {
    tracked = await trackedPaths(workspace, path.rel);
  } catch (error) {
    throw new InputError(
      'cache-dir',
      `${cacheDir} is inside the workspace, and git could not tell whether the repository commits files there (${(error as Error).message}); set cache-dir outside the workspace or make git available`,
    );
  }
  if (tracked.length === 0) return;
  throw new InputError(
    'cache-dir',
    `${cacheDir} holds ${tracked.length} file(s) committed to the repository (e.g. ${excerpt(tracked[0] ?? '')}); a scanner or vulnerability DB from the repository is not trusted, so neither is run nor used. Remove them from git (git rm -r --cached '${path.rel}') and ignore the directory, or set cache-dir elsewhere`,
  );
}

/**
 * `dir` relative to the workspace when it is written as a path inside it. (A symlink on the way
 * is itself a tracked path when committed, so git lists it; an absolute path elsewhere is the
 * workflow author's choice.)
 */
function workspacePath(workspace: string, dir: string): { rel: string } | undefined {
  const root = resolve(workspace);
  const full = resolve(root, dir);
  return isWithin(root, full) ? { rel: relative(root, full) || '.' } : undefined;
}
