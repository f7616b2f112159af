/**
 * Scripted forge APIs on 127.0.0.1 for update-gitops-tag's merge-request mode, answering in the
 * published REST shapes: GitLab v4 merge requests (`/api/v4/projects/:id/merge_requests…`) and
 * GitHub pulls (`/repos/:owner/:repo/pulls…`) plus the GraphQL `enablePullRequestAutoMerge`
 * mutation. Branch state is read from the real bare repository behind the git server, so a
 * request can only be opened from a branch that was really pushed. They never merge anything.
 */
import { execFileSync } from 'node:child_process';
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { hermeticGitEnv } from './gitops-fixture';

export interface ApiCall {
  method: string;
  /** Path and query as sent. */
  path: string;
  status: number;
  body: unknown;
  authorization: string | undefined;
}

interface Forge {
  url: string;
  port: number;
  calls: ApiCall[];
  /** Accept only this token from now on. */
  setToken(token: string): void;
  close(): Promise<void>;
}

/** Tip of a branch in the bare repository, or undefined when it does not exist. */
export function branchTip(bare: string, branch: string): string | undefined {
  try {
    return execFileSync('git', ['--git-dir', bare, 'rev-parse', '--verify', '--quiet', `refs/heads/${branch}`], {
      env: { ...process.env, ...hermeticGitEnv },
      encoding: 'utf8',
    }).trim();
  } catch {
    return undefined;
  }
}

type Handler = (
  req: IncomingMessage,
  url: URL,
  body: unknown,
  token: string | undefined,
) => { status: number; body: unknown } | undefined;

async function serve(
  tokenOf: (req: IncomingMessage) => string | undefined,
  unauthorized: unknown,
  handler: Handler,
  state: { token: string },
): Promise<Forge> {
  const calls: ApiCall[] = [];
  const server = createServer((req, res: ServerResponse) => {
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => chunks.push(c));
    req.on('end', () => {
      const raw = Buffer.concat(chunks).toString('utf8');
      let body: unknown = raw;
      try {
        body = raw ? JSON.parse(raw) : undefined;
      } catch {
        // kept as text
      }
      const call: ApiCall = {
        method: req.method ?? 'GET',
        path: req.url ?? '/',
        status: 0,
        body,
        authorization: req.headers.authorization,
      };
      calls.push(call);
      const token = tokenOf(req);
      let answer: { status: number; body: unknown };
      if (token !== state.token) answer = { status: 401, body: unauthorized };
      else {
        try {
          answer = handler(req, new URL(req.url ?? '/', 'http://127.0.0.1'), body, token) ?? {
            status: 404,
            body: { message: 'Not Found' },
          };
        } catch (e) {
          answer = { status: 500, body: { message: String(e) } };
        }
      }
      call.status = answer.status;
      res.writeHead(answer.status, { 'content-type': 'application/json; charset=utf-8' });
      res.end(JSON.stringify(answer.body));
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const port = (server.address() as AddressInfo).port;
  return {
    url: `http://127.0.0.1:${port}`,
    port,
    calls,
    setToken(token) {
      state.token = token;
    },
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}

export interface GitlabMergeRequestRecord {
  id: number;
  iid: number;
  project_id: number;
  title: string;
  description: string;
  state: 'opened' | 'closed' | 'merged';
  source_branch: string;
  target_branch: string;
  source_project_id: number;
  target_project_id: number;
  web_url: string;
  sha: string | undefined;
  merge_when_pipeline_succeeds: boolean;
  detailed_merge_status: string;
}

export interface FakeGitlab extends Forge {
  /** `http://127.0.0.1:<port>/api/v4` */
  apiUrl: string;
  mergeRequests: GitlabMergeRequestRecord[];
  /** Auto-merge requests received (the PUT …/merge bodies). */
  merges: { iid: number; body: Record<string, unknown> }[];
  /**
   * Merge statuses to report, one per coming auto-merge request: each answers 405 and shows that
   * `detailed_merge_status` (`checking` while GitLab computes mergeability, `conflict`…).
   */
  notMergeable: string[];
}

/**
 * GitLab: one project (`id`, `path`) whose branches live in `bare`. Tokens come as
 * `Authorization: Bearer` or `PRIVATE-TOKEN`, as GitLab takes them.
 */
export async function startFakeGitlab(options: { bare: string; path: string; id: number; token: string }) {
  const mergeRequests: GitlabMergeRequestRecord[] = [];
  const merges: FakeGitlab['merges'] = [];
  const notMergeable: string[] = [];
  let base = '';
  const state = { token: options.token };
  const forge = await serve(
    (req) => {
      const bearer = /^Bearer (.+)$/.exec(req.headers.authorization ?? '')?.[1];
      const header = req.headers['private-token'];
      return bearer ?? (typeof header === 'string' ? header : undefined);
    },
    { message: '401 Unauthorized' },
    (req, _url, body) => {
      // Match on the raw path: GitLab takes a project path URL-encoded (`acme%2Fgitops`) as its id.
      const raw = req.url ?? '/';
      const q = raw.indexOf('?');
      const path = q < 0 ? raw : raw.slice(0, q);
      const query = new URLSearchParams(q < 0 ? '' : raw.slice(q + 1));
      const m = /^\/api\/v4\/projects\/([^/]+)\/merge_requests(?:\/(\d+)(\/merge)?)?$/.exec(path);
      if (!m) return { status: 404, body: { error: '404 Not Found' } };
      const project = decodeURIComponent(m[1] ?? '');
      if (project !== options.path && project !== String(options.id)) {
        return { status: 404, body: { message: '404 Project Not Found' } };
      }
      const iid = m[2] ? Number(m[2]) : undefined;
      const input = (body ?? {}) as Record<string, unknown>;
      const view = (mr: GitlabMergeRequestRecord) => ({
        ...mr,
        sha: branchTip(options.bare, mr.source_branch) ?? mr.sha,
      });
      if (iid === undefined && req.method === 'GET') {
        const list = mergeRequests.filter(
          (mr) =>
            (!query.get('state') || query.get('state') === 'all' || mr.state === query.get('state')) &&
            (!query.get('source_branch') || mr.source_branch === query.get('source_branch')) &&
            (!query.get('target_branch') || mr.target_branch === query.get('target_branch')),
        );
        return { status: 200, body: list.map(view) };
      }
      if (iid === undefined && req.method === 'POST') {
        const source = String(input.source_branch ?? '');
        const target = String(input.target_branch ?? '');
        if (!input.title) return { status: 400, body: { message: { title: ["can't be blank"] } } };
        if (!branchTip(options.bare, source)) {
          return { status: 422, body: { message: ['Source branch does not exist'] } };
        }
        const open = mergeRequests.find(
          (mr) => mr.state === 'opened' && mr.source_branch === source && mr.target_branch === target,
        );
        if (open) {
          return {
            status: 409,
            body: { message: [`Another open merge request already exists for this source branch: !${open.iid}`] },
          };
        }
        const next = mergeRequests.length + 1;
        const mr: GitlabMergeRequestRecord = {
          id: 1000 + next,
          iid: next,
          project_id: options.id,
          title: String(input.title),
          description: String(input.description ?? ''),
          state: 'opened',
          source_branch: source,
          target_branch: target,
          source_project_id: options.id,
          target_project_id: options.id,
          web_url: `${base}/${options.path}/-/merge_requests/${next}`,
          sha: branchTip(options.bare, source),
          merge_when_pipeline_succeeds: false,
          detailed_merge_status: 'mergeable',
        };
        mergeRequests.push(mr);
        return { status: 201, body: view(mr) };
      }
      const mr = mergeRequests.find((r) => r.iid === iid);
      if (!mr) return { status: 404, body: { message: '404 Not found' } };
      if (req.method === 'GET' && !m[3]) return { status: 200, body: view(mr) };
      if (req.method === 'PUT' && !m[3]) {
        if (typeof input.title === 'string') mr.title = input.title;
        if (typeof input.description === 'string') mr.description = input.description;
        return { status: 200, body: view(mr) };
      }
      if (req.method === 'PUT' && m[3]) {
        merges.push({ iid: mr.iid, body: input });
        const status = notMergeable.shift();
        mr.detailed_merge_status = status ?? 'mergeable';
        if (status) return { status: 405, body: { message: '405 Method Not Allowed' } };
        const tip = branchTip(options.bare, mr.source_branch);
        if (input.sha !== undefined && input.sha !== tip) {
          return { status: 409, body: { message: 'SHA does not match HEAD of source branch' } };
        }
        // A pipeline is running: GitLab sets the request to merge when it succeeds (we never get there).
        mr.merge_when_pipeline_succeeds = true;
        return { status: 200, body: view(mr) };
      }
      return { status: 405, body: { message: '405 Method Not Allowed' } };
    },
    state,
  );
  base = forge.url;
  return { ...forge, apiUrl: `${forge.url}/api/v4`, mergeRequests, merges, notMergeable } satisfies FakeGitlab;
}

export interface GithubPullRecord {
  id: number;
  node_id: string;
  number: number;
  html_url: string;
  state: 'open' | 'closed';
  title: string;
  body: string | null;
  head: { ref: string; sha: string | undefined; label: string; repo: { full_name: string } };
  base: { ref: string; repo: { full_name: string } };
  merged: boolean;
  auto_merge: { enabled_by: { login: string }; merge_method: string } | null;
}

export interface FakeGithub extends Forge {
  pulls: GithubPullRecord[];
  /** GraphQL auto-merge mutations received (their variables). */
  autoMerges: Record<string, unknown>[];
  /** Repository setting "Allow auto-merge". */
  allowAutoMerge: boolean;
}

/** GitHub: one repository `owner/repo` whose branches live in `bare`; tokens as `Authorization: token|Bearer`. */
export async function startFakeGithub(options: { bare: string; repository: string; token: string }) {
  const pulls: GithubPullRecord[] = [];
  const autoMerges: Record<string, unknown>[] = [];
  const settings = { allowAutoMerge: true };
  const [owner] = options.repository.split('/');
  let base = '';
  const state = { token: options.token };
  const notFound = { status: 404, body: { message: 'Not Found', documentation_url: 'https://docs.github.com/rest' } };
  const view = (pr: GithubPullRecord) => ({
    ...pr,
    head: { ...pr.head, sha: branchTip(options.bare, pr.head.ref) ?? pr.head.sha },
  });
  const forge = await serve(
    (req) => /^(?:token|Bearer) (.+)$/i.exec(req.headers.authorization ?? '')?.[1],
    { message: 'Bad credentials', documentation_url: 'https://docs.github.com/rest', status: '401' },
    (req, url, body) => {
      const input = (body ?? {}) as Record<string, unknown>;
      if (url.pathname === '/graphql' && req.method === 'POST') {
        const query = String(input.query ?? '');
        const variables = (input.variables ?? {}) as Record<string, unknown>;
        if (!query.includes('enablePullRequestAutoMerge')) {
          return { status: 200, body: { errors: [{ message: 'unsupported query' }] } };
        }
        autoMerges.push(variables);
        const pr = pulls.find((p) => p.node_id === variables.id);
        if (!pr) {
          return {
            status: 200,
            body: {
              data: { enablePullRequestAutoMerge: null },
              errors: [
                {
                  type: 'NOT_FOUND',
                  message: `Could not resolve to a node with the global id of '${String(variables.id)}'`,
                },
              ],
            },
          };
        }
        if (!settings.allowAutoMerge) {
          return {
            status: 200,
            body: {
              data: { enablePullRequestAutoMerge: null },
              errors: [
                { type: 'UNPROCESSABLE', message: 'Pull request Auto merge is not allowed for this repository' },
              ],
            },
          };
        }
        if (variables.sha !== undefined && variables.sha !== branchTip(options.bare, pr.head.ref)) {
          return {
            status: 200,
            body: { data: { enablePullRequestAutoMerge: null }, errors: [{ message: 'Head sha did not match' }] },
          };
        }
        pr.auto_merge = { enabled_by: { login: 'cdpack' }, merge_method: 'merge' };
        return {
          status: 200,
          body: {
            data: {
              enablePullRequestAutoMerge: {
                pullRequest: { autoMergeRequest: { enabledAt: new Date().toISOString() } },
              },
            },
          },
        };
      }
      const m = /^\/repos\/([^/]+)\/([^/]+)\/pulls(?:\/(\d+))?$/.exec(url.pathname);
      if (!m) return notFound;
      if (`${m[1]}/${m[2]}` !== options.repository) return notFound;
      const number = m[3] ? Number(m[3]) : undefined;
      if (number === undefined && req.method === 'GET') {
        const q = url.searchParams;
        const list = pulls.filter(
          (p) =>
            (q.get('state') === 'all' || p.state === (q.get('state') ?? 'open')) &&
            (!q.get('head') || p.head.label === q.get('head')) &&
            (!q.get('base') || p.base.ref === q.get('base')),
        );
        return { status: 200, body: list.map(view) };
      }
      if (number === undefined && req.method === 'POST') {
        const head = String(input.head ?? '');
        const baseRef = String(input.base ?? '');
        const invalid = (message: string) => ({
          status: 422,
          body: {
            message: 'Validation Failed',
            errors: [{ resource: 'PullRequest', code: 'custom', message }],
            documentation_url: 'https://docs.github.com/rest/pulls/pulls#create-a-pull-request',
          },
        });
        if (!branchTip(options.bare, head)) return invalid(`head: branch ${head} does not exist`);
        if (pulls.some((p) => p.state === 'open' && p.head.ref === head && p.base.ref === baseRef)) {
          return invalid(`A pull request already exists for ${owner}:${head}.`);
        }
        const next = pulls.length + 1;
        const pr: GithubPullRecord = {
          id: 5000 + next,
          node_id: `PR_kwDOfake${next}`,
          number: next,
          html_url: `${base}/${options.repository}/pull/${next}`,
          state: 'open',
          title: String(input.title ?? ''),
          body: typeof input.body === 'string' ? input.body : null,
          head: {
            ref: head,
            sha: branchTip(options.bare, head),
            label: `${owner}:${head}`,
            repo: { full_name: options.repository },
          },
          base: { ref: baseRef, repo: { full_name: options.repository } },
          merged: false,
          auto_merge: null,
        };
        pulls.push(pr);
        return { status: 201, body: view(pr) };
      }
      const pr = pulls.find((p) => p.number === number);
      if (!pr) return notFound;
      if (req.method === 'GET') return { status: 200, body: view(pr) };
      if (req.method === 'PATCH') {
        if (typeof input.title === 'string') pr.title = input.title;
        if (typeof input.body === 'string') pr.body = input.body;
        return { status: 200, body: view(pr) };
      }
      return notFound;
    },
    state,
  );
  base = forge.url;
  const fake: FakeGithub = {
    ...forge,
    pulls,
    autoMerges,
    get allowAutoMerge() {
      return settings.allowAutoMerge;
    },
    set allowAutoMerge(value: boolean) {
      settings.allowAutoMerge = value;
    },
  };
  return fake;
}
