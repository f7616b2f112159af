/**
 * Reads one commit of the config repository for the revert flow: its subject, the files it changed and their
 * texts before and after it. Works in the shallow clone made by cloneConfigRepo (fetches the commit and its
 * parent only).
 */
import { CdpackError, InputError } from '../core/errors';
import type { CommitSource } from '../core/gitops/revert';
import type { Log } from '../core/log';
import { Git, type GitAuth, GitError } from './git';

const commitRe = /^([0-9a-f]{40}|[0-9a-f]{64})$/;

/** The input `revision` must be a full commit id (fetching by abbreviated id is not possible). */
export function checkCommitId(input: string, text: string): string {
  const id = text.trim().toLowerCase();
  if (!commitRe.test(id)) {
    throw new InputError(
      input,
      `'${text}' is not a full commit id (40 hex digits, from update-gitops-tag's 'commit' output)`,
    );
  }
  return id;
}

export async function readCommitSource(
  dir: string,
  auth: GitAuth | undefined,
  commit: string,
  description: string,
  log?: Log,
): Promise<CommitSource> {
  const git = new Git(dir, auth, undefined, log);
  try {
    await git.run(['fetch', '--quiet', '--no-tags', '--depth', '2', 'origin', commit], 'git fetch', { stderr: 'info' });
  } catch (error) {
    const why = error instanceof GitError ? error.message : String(error);
    throw new InputError('revision', `commit ${commit} could not be fetched from ${description} (${why})`);
  }
  const parents = (await git.run(['rev-list', '--parents', '-n', '1', commit], 'git rev-list')).stdout
    .trim()
    .split(' ');
  if (parents.length !== 2) {
    throw new CdpackError(
      `commit ${commit} has ${parents.length - 1} parents; only a single-parent commit (as update-gitops-tag makes) is reverted`,
    );
  }
  const subject = (await git.run(['log', '-1', '--format=%s', commit], 'git log')).stdout.trim();
  const names = (
    await git.run(
      ['diff-tree', '-r', '-z', '--no-commit-id', '--name-only', '--no-renames', `${commit}^`, commit],
      'git diff-tree',
    )
  ).stdout
    .split('\0')
    .filter(Boolean);
  const blob = async (rev: string, path: string): Promise<string | undefined> => {
    try {
      return (await git.run(['cat-file', 'blob', `${rev}:${path}`], 'git cat-file')).stdout;
    } catch {
      return undefined;
    }
  };
  const files = [];
  for (const path of names)
    files.push({ path, before: await blob(`${commit}^`, path), after: await blob(commit, path) });
  return { subject, files };
}
