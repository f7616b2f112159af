/**
 * update-gitops-tag's merge-request mode, loaded only when that mode runs: where the request goes
 * (checked before anything is cloned), then, after the commit is on cdpack's own branch, open the
 * request or update the one already open from that branch, and optionally ask for auto-merge.
 */
import { InputError } from '../../core/errors';
import { type MergeRequest, planRequest, type RequestText, requestText } from '../../core/gitops/merge-request';
import { type RequestTarget, resolveRequestTarget } from '../../core/gitops/request-target';
import { renderCommitMessage, type UpdateResult } from '../../core/gitops/update';
import type { Platform } from '../../platform/types';
import { type MergeRequestApi, mergeRequestApi } from '../../tools/merge-requests/index';
import type { MergeRequestSettings, Settings } from './settings';

export interface PublishedRequest {
  request: MergeRequest;
  action: 'opened' | 'updated' | 'unchanged';
}

export interface MergeRequestFlow {
  readonly target: RequestTarget;
  /** After the push to the source branch: open or update the request, then ask for auto-merge. */
  publish(result: UpdateResult): Promise<PublishedRequest>;
  close(): void;
}

/** The CI run that made the change, for the request's description. */
function runUrl(env: Platform['env']): string | undefined {
  if (env.GITHUB_RUN_ID && env.GITHUB_REPOSITORY) {
    return `${env.GITHUB_SERVER_URL ?? 'https://github.com'}/${env.GITHUB_REPOSITORY}/actions/runs/${env.GITHUB_RUN_ID}`;
  }
  return env.CI_JOB_URL || env.CI_PIPELINE_URL || undefined;
}

/**
 * Resolves where the request goes and, unless this is a dry run, lists the open requests once: a
 * wrong token, api-url or project fails here, before anything is cloned or pushed.
 */
export async function prepareMergeRequest(
  platform: Platform,
  settings: Settings & { mergeRequest: MergeRequestSettings },
  remoteUrl: string,
): Promise<MergeRequestFlow> {
  const mr = settings.mergeRequest;
  const target = resolveRequestTarget(
    {
      forge: mr.forge,
      apiUrl: mr.apiUrl,
      project: mr.project,
      remoteUrl,
      workspaceRepository: settings.repository === '',
    },
    platform.env,
  );
  if (!settings.token && !settings.dryRun) {
    throw new InputError('token', `merge-request mode needs a token for the ${target.forge} API at ${target.apiUrl}`);
  }
  platform.info(
    `merge-request mode: ${mr.sourceBranch} → ${settings.branch} in ${target.forge} project ${target.project} (${target.apiUrl})`,
  );
  const api = settings.dryRun
    ? undefined
    : await mergeRequestApi(target.forge, {
        apiUrl: target.apiUrl,
        project: target.project,
        token: settings.token,
        env: platform.env,
      });
  try {
    const open = await api?.listOpen(mr.sourceBranch, settings.branch);
    if (open?.length) platform.info(`open request from ${mr.sourceBranch}: ${open.map((r) => r.url).join(', ')}`);
  } catch (error) {
    api?.close();
    throw error;
  }

  return {
    target,
    async publish(result) {
      if (!api) throw new Error('publish called in a dry run');
      const text = requestText({
        update: settings,
        commitMessage: renderCommitMessage(settings.commitMessage, settings, result.files),
        edits: result.edits,
        sourceBranch: mr.sourceBranch,
        targetBranch: settings.branch,
        runUrl: runUrl(platform.env),
      });
      const published = await openOrUpdate(api, platform, mr.sourceBranch, settings.branch, text);
      if (mr.autoMerge) {
        const outcome = await api.enableAutoMerge(published.request, result.commit);
        platform.info(`auto-merge of ${published.request.url}: ${outcome}`);
      }
      return published;
    },
    close: () => api?.close(),
  };
}
async function openOrUpdate(
  api: MergeRequestApi,
  platform: Platform,
  source: string,
  target: string,
  text: RequestText,
): Promise<PublishedRequest> {
  const plan = planRequest(await api.listOpen(source, target), source, target, text);
  if (plan.action === 'open') {
    try {
      return { request: await api.open(source, target, text), action: 'opened' };
    } catch (error) {
      // Another run may have opened it since we looked: then that one is ours to update.
      const again = planRequest(await api.listOpen(source, target), source, target, text);
      if (again.action === 'open') throw error;
      return { request: await api.update(again.request, text), action: 'updated' };
    }
  }
  for (const other of plan.others) {
    platform.warn(`${other.url} is another open request from ${source}; cdpack updates ${plan.request.url} only`);
  }
  if (!plan.textChanged) return { request: plan.request, action: 'unchanged' };
  return { request: await api.update(plan.request, text), action: 'updated' };
}
