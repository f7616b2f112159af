/**
 * GitHub pull requests through `@actions/github` (Octokit): list, create, update (REST) and
 * auto-merge (GraphQL `enablePullRequestAutoMerge`). Octokit and its HTTP stack are about 1 MB,
 * so they are imported when this adapter is first used, never on update-gitops-tag's push path.
 */
import { CdpackError, InputError } from '../../core/errors';
import type { MergeRequest } from '../../core/gitops/merge-request';
import { apiError, type MergeRequestApi, type MergeRequestApiOptions, serverMessage, webUrl } from './types';

interface GithubPull {
  number: number;
  html_url: string;
  node_id: string;
  title: string;
  body: string | null;
  head: { ref: string; repo: { full_name: string } | null };
  base: { ref: string };
  merged?: boolean;
}

function toMergeRequest(pr: GithubPull): MergeRequest {
  return {
    number: pr.number,
    url: webUrl(pr.html_url),
    title: pr.title,
    body: pr.body ?? '',
    sourceBranch: pr.head.ref,
    targetBranch: pr.base.ref,
    nodeId: pr.node_id,
  };
}

/** An Octokit failure (RequestError: status + response data; GraphQL: `errors`). */
interface OctokitFailure {
  status?: number;
  response?: { data?: unknown };
  errors?: { type?: string; message?: string }[];
  message?: string;
}

const AUTO_MERGE = `mutation($id: ID!, $sha: GitObjectID) {
  enablePullRequestAutoMerge(input: {pullRequestId: $id, expectedHeadOid: $sha}) {
    pullRequest { autoMergeRequest { enabledAt } }
  }
}`;

export async function githubMergeRequests(options: MergeRequestApiOptions): Promise<MergeRequestApi> {
  const { getOctokit } = await import('@actions/github');
  const octokit = getOctokit(options.token, { baseUrl: options.apiUrl, log: quietLog });
  const [owner = '', repo = ''] = options.project.split('/');
  const api = `GitHub API ${options.apiUrl} (repository ${options.project})`;

  /** Runs one Octokit call, turning its failure into an error that names the input to fix. */
  async function call<T>(what: string, fn: () => Promise<T>): Promise<T> {
    try {
      return await fn();
    } catch (error) {
      const e = error as OctokitFailure;
      if (typeof e.status === 'number') throw apiError(what, api, e.status, e.response?.data ?? '');
      if (Array.isArray(e.errors)) throw new CdpackError(`${what}: ${api}: ${serverMessage({ errors: e.errors })}`);
      throw new CdpackError(`${what}: ${api}: ${serverMessage(e.message ?? String(error))}`);
    }
  }

  return {
    description: api,
    async listOpen(source, target) {
      const pulls = await call('listing open pull requests', async () => {
        const res = await octokit.rest.pulls.list({
          owner,
          repo,
          state: 'open',
          head: `${owner}:${source}`,
          base: target,
          per_page: 100,
        });
        return res.data as unknown as GithubPull[];
      });
      if (!Array.isArray(pulls)) throw new CdpackError(`listing open pull requests: ${api} answered with no list`);
      // Only branches of this repository: a fork's branch of the same name is someone else's.
      return pulls
        .filter((pr) => pr.head?.repo?.full_name?.toLowerCase() === options.project.toLowerCase())
        .map(toMergeRequest);
    },
    async open(source, target, text) {
      const pr = await call('opening the pull request', async () => {
        const res = await octokit.rest.pulls.create({
          owner,
          repo,
          head: source,
          base: target,
          title: text.title,
          body: text.body,
        });
        return res.data as unknown as GithubPull;
      });
      return toMergeRequest(pr);
    },
    async update(request, text) {
      const pr = await call(`updating pull request #${request.number}`, async () => {
        const res = await octokit.rest.pulls.update({
          owner,
          repo,
          pull_number: request.number,
          title: text.title,
          body: text.body,
        });
        return res.data as unknown as GithubPull;
      });
      return toMergeRequest(pr);
    },
    async enableAutoMerge(request, sha) {
      const what = `enabling auto-merge on pull request #${request.number}`;
      try {
        await octokit.graphql(AUTO_MERGE, { id: request.nodeId, sha });
        return 'it merges when its required checks pass';
      } catch (error) {
        const e = error as OctokitFailure;
        const said = Array.isArray(e.errors) ? serverMessage({ errors: e.errors.map((x) => x.message) }) : '';
        // Nothing left to wait for (no required checks, or they passed): GitHub refuses auto-merge,
        // and merges at once instead, as `gh pr merge --auto` does.
        if (/clean status/i.test(said)) {
          await call(`merging pull request #${request.number}`, () =>
            octokit.rest.pulls.merge({ owner, repo, pull_number: request.number, sha }),
          );
          return 'merged at once: it had no checks to wait for';
        }
        if (/auto.?merge is not allowed|not allowed for this repository/i.test(said)) {
          throw new InputError(
            'auto-merge',
            `${what}: the repository does not allow auto-merge (Settings → General → Allow auto-merge); the pull request stays open at ${request.url}`,
          );
        }
        if (typeof e.status === 'number') throw apiError(what, api, e.status, e.response?.data ?? '');
        throw new CdpackError(`${what}: ${api}: ${said || serverMessage(e.message ?? String(error))}`);
      }
    },
    close() {},
  };
}

/** Octokit's own log would print request details and deprecation notes outside our masking: keep it quiet. */
const quietLog = { debug() {}, info() {}, warn() {}, error() {} };
