import { CdpackError } from '../errors';

/** What the build knows about the source it builds, read from the CI platform's variables. */
export interface SourceContext {
  /** Full commit SHA (lowercase hex), or undefined when the platform gives none (then ask git). */
  commit: string | undefined;
  /** Where `commit` came from, for the log (e.g. `pull_request.head.sha`). */
  commitOrigin: string;
  /** Branch being built; undefined for tags and pull/merge requests. */
  branch: string | undefined;
  /** Git tag being built (e.g. `v1.2.3`). */
  gitTag: string | undefined;
  /** Pull or merge request number. */
  pullRequest: number | undefined;
  /** Web URL of the repository, for `org.opencontainers.image.source`. */
  sourceUrl: string | undefined;
}

type Env = Readonly<Record<string, string | undefined>>;

const shaRe = /^(?:[0-9a-f]{40}|[0-9a-f]{64})$/;

/** Checks a commit SHA from `origin`; names the variable when it is malformed. */
export function checkSha(sha: string, origin: string): string {
  const s = sha.trim().toLowerCase();
  if (!shaRe.test(s)) throw new CdpackError(`${origin} is '${sha}', not a full commit SHA (40 or 64 hex digits)`);
  return s;
}

const nonEmpty = (v: string | undefined) => (v && v.trim() !== '' ? v.trim() : undefined);

/**
 * The commit, ref and repository URL from GitHub Actions or GitLab CI variables. `event` is the
 * parsed GITHUB_EVENT_PATH payload: on pull requests GITHUB_SHA is the merge commit, so the
 * PR's head SHA is taken from there instead.
 */
export function readSourceContext(env: Env, event?: unknown): SourceContext {
  if (nonEmpty(env.GITHUB_SHA)) return github(env, event);
  if (nonEmpty(env.CI_COMMIT_SHA)) return gitlab(env);
  return {
    commit: undefined,
    commitOrigin: 'git rev-parse HEAD',
    branch: undefined,
    gitTag: undefined,
    pullRequest: undefined,
    sourceUrl: undefined,
  };
}

function github(env: Env, event: unknown): SourceContext {
  const ref = env.GITHUB_REF ?? '';
  const pr = pullRequestOf(event);
  const prEvent = (env.GITHUB_EVENT_NAME ?? '').startsWith('pull_request');
  let commit = checkSha(env.GITHUB_SHA as string, 'GITHUB_SHA');
  let commitOrigin = 'GITHUB_SHA';
  if (prEvent && pr?.headSha) {
    commit = checkSha(pr.headSha, 'pull_request.head.sha in GITHUB_EVENT_PATH');
    commitOrigin = 'pull_request.head.sha';
  }
  const prFromRef = /^refs\/pull\/(\d+)\//.exec(ref)?.[1];
  const server = nonEmpty(env.GITHUB_SERVER_URL) ?? 'https://github.com';
  const repo = nonEmpty(env.GITHUB_REPOSITORY);
  return {
    commit,
    commitOrigin,
    branch: ref.startsWith('refs/heads/') ? ref.slice('refs/heads/'.length) : undefined,
    gitTag: ref.startsWith('refs/tags/') ? ref.slice('refs/tags/'.length) : undefined,
    pullRequest: prEvent ? (pr?.number ?? (prFromRef ? Number(prFromRef) : undefined)) : undefined,
    sourceUrl: repo ? `${server.replace(/\/+$/, '')}/${repo}` : undefined,
  };
}

function pullRequestOf(event: unknown): { headSha?: string; number?: number } | undefined {
  if (!event || typeof event !== 'object') return undefined;
  const pr = (event as { pull_request?: { number?: unknown; head?: { sha?: unknown } } }).pull_request;
  if (!pr || typeof pr !== 'object') return undefined;
  return {
    ...(typeof pr.head?.sha === 'string' ? { headSha: pr.head.sha } : {}),
    ...(typeof pr.number === 'number' ? { number: pr.number } : {}),
  };
}

function gitlab(env: Env): SourceContext {
  // Set only in merged-results pipelines, where CI_COMMIT_SHA is the synthetic merge commit.
  const mrHead = nonEmpty(env.CI_MERGE_REQUEST_SOURCE_BRANCH_SHA);
  const gitTag = nonEmpty(env.CI_COMMIT_TAG);
  const mr = nonEmpty(env.CI_MERGE_REQUEST_IID);
  const branch = gitTag || mr ? undefined : (nonEmpty(env.CI_COMMIT_BRANCH) ?? nonEmpty(env.CI_COMMIT_REF_NAME));
  return {
    commit: mrHead
      ? checkSha(mrHead, 'CI_MERGE_REQUEST_SOURCE_BRANCH_SHA')
      : checkSha(env.CI_COMMIT_SHA as string, 'CI_COMMIT_SHA'),
    commitOrigin: mrHead ? 'CI_MERGE_REQUEST_SOURCE_BRANCH_SHA' : 'CI_COMMIT_SHA',
    branch,
    gitTag,
    pullRequest: mr && /^\d+$/.test(mr) ? Number(mr) : undefined,
    sourceUrl: nonEmpty(env.CI_PROJECT_URL),
  };
}
