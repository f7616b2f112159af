import { mkdir, readFile, realpath, writeFile } from 'node:fs/promises';
import { dirname } from 'node:path';
import { CdpackError, FileError, InputError } from '../core/errors';
import type { ConfigRepo } from '../core/gitops/update';
import type { Log } from '../core/log';
import { redactCredentials } from '../core/text/url-credentials';
import { resolveInside } from './files';
import { Git, type GitAuth, GitError, type GitIdentity } from './git';

export interface CloneOptions {
  /** Remote URL or local path, as given by the user (credentials in a URL are redacted in messages). */
  remote: string;
  branch: string;
  auth: GitAuth | undefined;
  identity: GitIdentity;
  /** Empty directory to clone into; the caller removes it. */
  dir: string;
  /** Where git's stderr streams: the server's words at info, local steps at debug. */
  log?: Log;
  /**
   * Push the commit to this branch instead of `branch`, forced: a branch cdpack owns (merge-request
   * mode), cut from the tip of `branch` on every run. `branch` itself is never pushed then. When the
   * branch already holds the same tree, nothing is pushed and its tip is returned.
   */
  pushBranch?: string;
}

/** `https://user:secret@host/x.git` → `https://host/x.git`, for messages (see redactCredentials). */
export function redactUrl(url: string): string {
  return redactCredentials(url).shown;
}

/** Anchored, escaped gitignore-style patterns that select exactly these paths. */
export function sparsePatterns(paths: readonly string[]): string {
  return paths.map((p) => `/${p.replace(/[\\*?[\]!#]/g, '\\$&')}\n`).join('') || '\n';
}

/** Turns a git failure into a message that names the remote, the branch and what to check. */
function explain(error: unknown, remote: string, branch: string, action: string): unknown {
  if (!(error instanceof GitError)) return error;
  switch (error.kind) {
    case 'auth-401':
      return new InputError(
        'token',
        `authentication failed (HTTP 401) on ${action} ${remote}: check 'token' and 'username'`,
      );
    case 'auth-403':
      return new InputError('token', `access denied (HTTP 403) on ${action} ${remote}: the token lacks permission`);
    case 'branch-missing':
      return new InputError('branch', `branch '${branch}' does not exist on ${remote}`);
    case 'refused': {
      const said = error.remoteLines.length ? `; the server said: ${error.remoteLines.join(' / ')}` : '';
      return new CdpackError(
        `${action} ${remote} (branch ${branch}) was refused by the server (${error.refusal ?? 'rejected'})${said}. ` +
          'This is a server rule (a hook, branch protection, push rules or permissions), not a concurrent update, so it was not retried; nothing was pushed',
      );
    }
    case 'not-found':
      return new InputError('repository', `${remote} was not found or is not a git repository (${error.message})`);
    default:
      return new CdpackError(`${action} ${remote}: ${error.message}`);
  }
}

/**
 * Force-pushes HEAD to a branch cdpack owns, unless that branch already holds the same tree (a
 * rerun with the same change: a new commit would only restart the request's pipeline).
 */
async function pushOwnedBranch(git: Git, pushBranch: string, shown: string): Promise<{ pushed: true; commit: string }> {
  const ref = `refs/heads/${pushBranch}`;
  try {
    const listed = await git.run(['ls-remote', '--heads', 'origin', ref], 'git ls-remote');
    const existing = listed.stdout.split(/\s/)[0] ?? '';
    if (/^[0-9a-f]{40,64}$/.test(existing)) {
      await git.run(['fetch', '--quiet', '--no-tags', '--depth', '1', 'origin', ref], 'git fetch');
      const [ours, theirs] = await Promise.all([git.revParse('HEAD^{tree}'), git.revParse('FETCH_HEAD^{tree}')]);
      if (ours === theirs) return { pushed: true, commit: await git.revParse('FETCH_HEAD') };
    }
    await git.run(['push', '--porcelain', '--quiet', '--force', 'origin', `HEAD:${ref}`], 'git push', {
      stderr: 'info',
    });
  } catch (error) {
    throw explain(error, shown, pushBranch, 'push to');
  }
  return { pushed: true, commit: await git.revParse('HEAD') };
}

/** Clones the branch (shallow) into `dir` and returns the ConfigRepo the update flow works on. */
export async function cloneConfigRepo(options: CloneOptions): Promise<ConfigRepo> {
  const { branch, dir } = options;
  const shown = redactUrl(options.remote);
  const git = new Git(dir, options.auth, options.identity, options.log);
  await mkdir(dir, { recursive: true });
  try {
    await new Git(dirname(dir), options.auth, undefined, options.log).run(
      [
        'clone',
        '--quiet',
        '--no-tags',
        '--single-branch',
        '--depth',
        '1',
        '--no-checkout',
        '--branch',
        branch,
        '--',
        options.remote,
        dir,
      ],
      'git clone',
      { stderr: 'info' },
    );
    // A sparse checkout writes only the files we edit: a 5,000-file config repo costs no more than its 50 overlays.
    await git.run(['sparse-checkout', 'set', '--no-cone', '--stdin'], 'git sparse-checkout', { stdin: '\n' });
    await git.run(['checkout', '--quiet', branch], 'git checkout');
  } catch (error) {
    throw explain(error, shown, branch, 'clone of');
  }
  const root = await realpath(dir);
  const written = new Set<string>();

  /** Resolves a repo-relative path and refuses one that a symlink (also a dangling one) leads out of the repository. */
  async function inside(path: string): Promise<string> {
    const full = await resolveInside(root, path);
    if (!full) throw new FileError(path, undefined, 'resolves outside the repository (symlink)');
    return full;
  }

  return {
    description: `${shown} (branch ${branch})`,
    async trackedFiles() {
      const out = await git.run(['ls-files', '-z'], 'git ls-files');
      return out.stdout.split('\0').filter(Boolean);
    },
    async readFiles(paths) {
      await git.run(['sparse-checkout', 'set', '--no-cone', '--stdin'], 'git sparse-checkout', {
        stdin: sparsePatterns(paths),
      });
      return Promise.all(paths.map(async (path) => readFile(await inside(path), 'utf8')));
    },
    async writeFile(path, text) {
      await writeFile(await inside(path), text, 'utf8');
      written.add(path);
    },
    async diff() {
      return (await git.run(['diff', '--no-color', '--no-ext-diff'], 'git diff')).stdout;
    },
    async commitAndPush(message) {
      await git.run(['add', '--', ...written], 'git add');
      await git.run(['commit', '--quiet', '--no-verify', '--file', '-'], 'git commit', { stdin: message });
      if (options.pushBranch) return pushOwnedBranch(git, options.pushBranch, shown);
      try {
        await git.run(['push', '--porcelain', '--quiet', 'origin', `HEAD:refs/heads/${branch}`], 'git push', {
          stderr: 'info',
        });
      } catch (error) {
        if (error instanceof GitError && error.kind === 'rejected')
          return { pushed: false, reason: 'the remote moved' };
        throw explain(error, shown, branch, 'push to');
      }
      return { pushed: true, commit: await git.revParse('HEAD') };
    },
    async refresh() {
      try {
        await git.run(['fetch', '--quiet', '--no-tags', '--depth', '1', 'origin', branch], 'git fetch', {
          stderr: 'info',
        });
      } catch (error) {
        throw explain(error, shown, branch, 'fetch from');
      }
      await git.run(['reset', '--quiet', '--hard', 'FETCH_HEAD'], 'git reset');
      written.clear();
    },
  };
}
