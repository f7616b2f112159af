import { join } from 'node:path';
import { type UpdateResult, updateGitopsTag } from '../../core/gitops/update';
import { sanitizeLine } from '../../core/rollout/sanitize';
import { escapeMarkdown, markdownCode, markdownLink } from '../../core/text/markdown';
import { readInputs } from '../../inputs/read';
import { updateGitopsTag as spec } from '../../inputs/update-gitops-tag';
import type { Platform } from '../../platform/types';
import { cloneConfigRepo } from '../../tools/git-config-repo';
import { temporaryDir } from '../../tools/process/temp';
import { configRepoAccess } from '../config-repo-access';
import type { MergeRequestFlow, PublishedRequest } from './merge-request';
import { parseSettings } from './settings';

/** update-gitops-tag on any platform: read inputs → clone → edit/commit/push → outputs. */
export async function updateGitopsTagAction(platform: Platform): Promise<void> {
  const settings = parseSettings(readInputs(spec, platform));
  const { remote, auth } = await configRepoAccess(platform, settings);
  const mergeRequest = settings.mergeRequest;
  // Merge-request mode (and its API client) loads only when asked for: the push path starts as fast as before.
  // Where the request goes is checked here, before anything is cloned or pushed.
  const flow: MergeRequestFlow | undefined = mergeRequest
    ? await (await import('./merge-request')).prepareMergeRequest(platform, { ...settings, mergeRequest }, remote.url)
    : undefined;

  const temp = await temporaryDir(platform.tempDir, 'cdpack-gitops-');
  const dir = temp.dir;
  try {
    const repo = await platform.group(`Clone ${remote.shown} (${settings.branch})`, () =>
      cloneConfigRepo({
        remote: remote.url,
        branch: settings.branch,
        auth,
        identity: { name: settings.authorName, email: settings.authorEmail },
        dir: join(dir, 'repo'),
        log: platform,
        ...(mergeRequest ? { pushBranch: mergeRequest.sourceBranch } : {}),
      }),
    );
    const result = await platform.group(updateTitle(settings.image, settings.files), () =>
      updateGitopsTag(repo, settings, platform),
    );
    const pushedTo = mergeRequest?.sourceBranch ?? settings.branch;
    report(platform, result, settings.dryRun, pushedTo);
    const published =
      flow && result.commit
        ? await platform.group(`Merge request ${pushedTo} → ${settings.branch}`, () => flow.publish(result))
        : undefined;
    if (published) platform.info(`${published.action} ${published.request.url}`);
    platform.setOutput('changed', String(result.changed));
    platform.setOutput('commit', result.commit);
    platform.setOutput('files', JSON.stringify(result.files));
    platform.setOutput('previous', JSON.stringify(result.previous));
    platform.setOutput('merge-request-url', published?.request.url ?? '');
    platform.setOutput('merge-request-number', published ? String(published.request.number) : '');
    await platform.summary(summaryTable(result, remote.shown, pushedTo, published));
  } finally {
    flow?.close();
    await temp.dispose();
  }
}

function report(platform: Platform, result: UpdateResult, dryRun: boolean, branch: string): void {
  if (result.diff) platform.info(result.diff.trimEnd());
  if (result.commit) platform.info(`pushed ${result.commit} to ${branch} after ${result.attempts} attempt(s)`);
  else if (!result.changed || dryRun) platform.info(`no commit: ${result.reason}`);
}

function summaryTable(
  result: UpdateResult,
  remote: string,
  branch: string,
  published: PublishedRequest | undefined,
): string {
  const rows = result.edits.flatMap((e) =>
    e.targets.map(
      (t) =>
        `| ${markdownCode(e.path)}:${t.line} | ${escapeMarkdown(t.kind)} | ${t.previous ? markdownCode(t.previous) : '(added)'} | ${markdownCode(t.next)} |`,
    ),
  );
  const head = result.commit
    ? `Pushed ${markdownCode(result.commit.slice(0, 12))} to ${escapeMarkdown(remote)} ${markdownCode(branch)}.`
    : `No commit: ${escapeMarkdown(result.reason)}.`;
  const request = published
    ? `${published.action === 'opened' ? 'Opened' : 'Updated'} ${markdownLink(`request ${published.request.number}`, published.request.url)} into ${markdownCode(published.request.targetBranch)}.`
    : '';
  return [
    '### cdpack update-gitops-tag',
    '',
    head,
    '',
    ...(request ? [request, ''] : []),
    '| Place | Kind | Before | After |',
    '| --- | --- | --- | --- |',
    ...rows,
    '',
  ].join('\n');
}

/** The group title: a few files by name and a count of the rest, each part capped (inputs may be long). */
function updateTitle(image: string, files: string[]): string {
  const shown = files.slice(0, 3).map((f) => sanitizeLine(f, 80));
  const more = files.length > shown.length ? ` and ${files.length - shown.length} more` : '';
  return `Update ${sanitizeLine(image, 120)} in ${shown.join(', ')}${more}`;
}
