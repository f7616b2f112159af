import { readFile } from 'node:fs/promises';
import { checkSha, readSourceContext, type SourceContext } from '../../core/build/context';
import { parseSemver } from '../../core/build/semver';
import { CdpackError } from '../../core/errors';
import type { Platform } from '../../platform/types';
import { Git } from '../../tools/git';

/**
 * The commit being built: from the platform's variables (the PR head on GitHub pull requests),
 * else from `git rev-parse HEAD` in the workspace, with the branch and a tag on HEAD from git too.
 */
export async function detectSource(platform: Platform): Promise<SourceContext & { commit: string }> {
  const env = platform.env;
  const context = readSourceContext(env, await readEvent(platform));
  if (context.commit) return { ...context, commit: context.commit };

  const git = new Git(platform.workspace, undefined);
  let commit: string;
  try {
    commit = checkSha(await git.revParse('HEAD'), 'git rev-parse HEAD');
  } catch (error) {
    throw new CdpackError(
      `no commit SHA: neither GITHUB_SHA nor CI_COMMIT_SHA is set, and git rev-parse HEAD failed in ${platform.workspace}: ${(error as Error).message}`,
    );
  }
  const branch = (
    await git.run(['rev-parse', '--abbrev-ref', 'HEAD'], 'git rev-parse --abbrev-ref HEAD').catch(() => undefined)
  )?.stdout.trim();
  const tags = (
    await git.run(['tag', '--points-at', 'HEAD'], 'git tag --points-at HEAD').catch(() => undefined)
  )?.stdout
    .split('\n')
    .map((t) => t.trim())
    .filter(Boolean);
  const gitTag = tags?.find((t) => parseSemver(t)) ?? tags?.[0];
  return {
    ...context,
    commit,
    branch: branch && branch !== 'HEAD' && !gitTag ? branch : undefined,
    gitTag,
  };
}

/** The GitHub event payload (GITHUB_EVENT_PATH), which holds the pull request's head SHA. */
async function readEvent(platform: Platform): Promise<unknown> {
  const path = platform.env.GITHUB_EVENT_PATH;
  if (!path || !platform.env.GITHUB_SHA) return undefined;
  try {
    return JSON.parse(await readFile(path, 'utf8')) as unknown;
  } catch (error) {
    platform.warn(`could not read the event payload ${path}: ${(error as Error).message}`);
    return undefined;
  }
}
