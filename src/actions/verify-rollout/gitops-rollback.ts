/**
 * Rollback for GitOps: push a revert of the config-repo commit (`revision`) with update-gitops-tag's clone and
 * retry loop, then wait until the GitOps controller has applied it. A `kubectl rollout undo` would be undone by
 * the next sync, so with `revision` the rollback goes through the config repository instead.
 */

import { join } from 'node:path';
import { revertGitopsCommit } from '../../core/gitops/revert';
import { sanitizeLine } from '../../core/rollout/sanitize';
import type { Platform } from '../../platform/types';
import { readCommitSource } from '../../tools/git-commit-source';
import { cloneConfigRepo } from '../../tools/git-config-repo';
import { temporaryDir } from '../../tools/process/temp';
import { configRepoAccess } from '../config-repo-access';

export interface GitopsRollbackSettings {
  repository: string;
  branch: string;
  token: string;
  username: string;
  /** The config-repo commit to revert (full id). */
  revision: string;
}

/**
 * Waits until the GitOps controller runs `commit` (Argo CD / Flux waiting, helper argo's code). The seam: until
 * verify-rollout's GitOps wait is wired in, the action passes none and says that it did not wait.
 */
export type WaitForApplied = (commit: string) => Promise<{ ok: true } | { ok: false; failure: string }>;

export interface GitopsRollbackOutcome {
  ok: boolean;
  /** The revert commit ('' when none was pushed). */
  commit: string;
  /** Lines for the diagnosis. */
  notes: string[];
}

const MAX_ATTEMPTS = 10;
const IDENTITY = { name: 'cdpack', email: 'cdpack@users.noreply.github.com' };

export async function gitopsRollback(
  platform: Platform,
  settings: GitopsRollbackSettings,
  waitForApplied: WaitForApplied | undefined,
): Promise<GitopsRollbackOutcome> {
  const { remote, auth } = await configRepoAccess(platform, settings);

  const temp = await temporaryDir(platform.tempDir, 'cdpack-gitops-revert-');
  const dir = temp.dir;
  const notes: string[] = [];
  try {
    const repoDir = join(dir, 'repo');
    const repo = await cloneConfigRepo({
      remote: remote.url,
      branch: settings.branch,
      auth,
      identity: IDENTITY,
      dir: repoDir,
      log: platform,
    });
    const source = await readCommitSource(repoDir, auth, settings.revision, remote.shown, platform);
    const result = await revertGitopsCommit(repo, settings.revision, source, { maxAttempts: MAX_ATTEMPTS }, platform);
    for (const file of result.files) {
      for (const line of file.restored) platform.info(`${file.path}: ${sanitizeLine(line)}`);
      for (const line of file.skipped) {
        const note = `${file.path}: ${sanitizeLine(line)} was changed again by a later commit; left as it is`;
        platform.warn(note);
        notes.push(note);
      }
    }
    if (!result.reverted) {
      notes.push(`GitOps rollback: nothing pushed: ${result.reason}`);
      return { ok: false, commit: '', notes };
    }
    const short = settings.revision.slice(0, 12);
    notes.push(
      result.partial
        ? `GitOps rollback: reverted ${short} as ${result.commit}; a later commit had changed ${result.files
            .filter((f) => f.mode === 'lines')
            .map((f) => f.path)
            .join(', ')}, so only the image lines of ${short} were restored`
        : `GitOps rollback: reverted ${short} as ${result.commit} on ${remote.shown} (${settings.branch})`,
    );
    platform.info(notes[notes.length - 1] as string);
    if (!waitForApplied) {
      const note = 'GitOps rollback: not waiting for the revert to be applied (no argocd-app or flux-* to wait on)';
      platform.warn(note);
      notes.push(note);
      return { ok: true, commit: result.commit, notes };
    }
    const applied = await waitForApplied(result.commit);
    if (!applied.ok) {
      notes.push(`GitOps rollback: the revert ${result.commit} was not applied: ${applied.failure}`);
      return { ok: false, commit: result.commit, notes };
    }
    return { ok: true, commit: result.commit, notes };
  } finally {
    await temp.dispose();
  }
}
