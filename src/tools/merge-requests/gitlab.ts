/**
 * GitLab merge requests through the REST API (v4) on our HTTP client: list
 * (`GET /projects/:id/merge_requests?state=opened&source_branch=…`), create (`POST`), update
 * (`PUT …/:iid`) and auto-merge (`PUT …/:iid/merge` with `auto_merge`/`merge_when_pipeline_succeeds`).
 */
import { CdpackError, InputError } from '../../core/errors';
import type { MergeRequest } from '../../core/gitops/merge-request';
import { HttpClient } from '../http/client';
import { apiError, type MergeRequestApi, type MergeRequestApiOptions, webUrl } from './types';

interface GitlabMergeRequest {
  iid: number;
  web_url: string;
  title: string;
  description: string | null;
  source_branch: string;
  target_branch: string;
  source_project_id?: number;
  target_project_id?: number;
  state?: string;
  detailed_merge_status?: string;
  merge_when_pipeline_succeeds?: boolean;
}

function isMergeRequest(value: unknown): value is GitlabMergeRequest {
  if (!value || typeof value !== 'object') return false;
  const v = value as Record<string, unknown>;
  return (
    typeof v.iid === 'number' &&
    typeof v.web_url === 'string' &&
    typeof v.title === 'string' &&
    typeof v.source_branch === 'string' &&
    typeof v.target_branch === 'string'
  );
}

function toMergeRequest(mr: GitlabMergeRequest): MergeRequest {
  return {
    number: mr.iid,
    url: webUrl(mr.web_url),
    title: mr.title,
    body: mr.description ?? '',
    sourceBranch: mr.source_branch,
    targetBranch: mr.target_branch,
  };
}

/** Merge statuses GitLab reports while it is still computing whether a fresh request can merge. */
const STILL_CHECKING = new Set(['checking', 'unchecked', 'preparing', 'approvals_syncing', 'ci_still_running']);

export function gitlabMergeRequests(options: MergeRequestApiOptions): MergeRequestApi {
  const http = new HttpClient({ env: options.env });
  const base = `${options.apiUrl}/projects/${encodeURIComponent(options.project)}/merge_requests`;
  const api = `GitLab API ${options.apiUrl} (project ${options.project})`;
  const sleep = options.sleep ?? ((ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms)));

  async function call(what: string, method: string, url: string, body?: unknown): Promise<unknown> {
    const res = await http.request({
      method,
      url,
      headers: {
        authorization: `Bearer ${options.token}`,
        accept: 'application/json',
        ...(body === undefined ? {} : { 'content-type': 'application/json' }),
      },
      ...(body === undefined ? {} : { body: Buffer.from(JSON.stringify(body)) }),
    });
    const text = await res.text();
    if (res.status < 200 || res.status > 299)
      throw Object.assign(apiError(what, api, res.status, text), { status: res.status });
    try {
      return JSON.parse(text) as unknown;
    } catch {
      throw new CdpackError(`${what}: ${api} answered ${res.status} with a body that is not JSON`);
    }
  }

  async function one(what: string, method: string, url: string, body?: unknown): Promise<GitlabMergeRequest> {
    const answer = await call(what, method, url, body);
    if (!isMergeRequest(answer)) throw new CdpackError(`${what}: ${api} answered with no merge request in the body`);
    return answer;
  }

  return {
    description: api,
    async listOpen(source, target) {
      const query = new URLSearchParams({
        state: 'opened',
        source_branch: source,
        target_branch: target,
        per_page: '100',
      });
      const answer = await call('listing open merge requests', 'GET', `${base}?${query}`);
      if (!Array.isArray(answer)) throw new CdpackError(`listing open merge requests: ${api} answered with no list`);
      return answer
        .filter(isMergeRequest)
        .filter((mr) => mr.source_project_id === undefined || mr.source_project_id === mr.target_project_id)
        .map(toMergeRequest);
    },
    async open(source, target, text) {
      const mr = await one('opening the merge request', 'POST', base, {
        source_branch: source,
        target_branch: target,
        title: text.title,
        description: text.body,
        remove_source_branch: true,
      });
      return toMergeRequest(mr);
    },
    async update(request, text) {
      const mr = await one(`updating merge request !${request.number}`, 'PUT', `${base}/${request.number}`, {
        title: text.title,
        description: text.body,
      });
      return toMergeRequest(mr);
    },
    async enableAutoMerge(request, sha) {
      const what = `setting auto-merge on merge request !${request.number}`;
      // A fresh request's mergeability is computed in the background: 405/406/422 until it is known.
      for (let attempt = 1; ; attempt++) {
        try {
          const mr = await one(what, 'PUT', `${base}/${request.number}/merge`, {
            auto_merge: true,
            merge_when_pipeline_succeeds: true,
            should_remove_source_branch: true,
            sha,
          });
          return mr.state === 'merged'
            ? 'merged at once: there was no pipeline to wait for'
            : 'it merges when its pipeline succeeds';
        } catch (error) {
          const status = (error as { status?: number }).status;
          if (status === undefined || ![405, 406, 422].includes(status)) throw error;
          const now = await one(what, 'GET', `${base}/${request.number}`);
          const state = now.detailed_merge_status ?? '';
          if (attempt >= 6 || !STILL_CHECKING.has(state)) {
            throw new InputError(
              'auto-merge',
              `GitLab would not set merge request !${request.number} to merge (${state || `HTTP ${status}`}); it stays open at ${now.web_url}`,
            );
          }
          await sleep(500 * 2 ** (attempt - 1));
        }
      }
    },
    close: () => http.close(),
  };
}
