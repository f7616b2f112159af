import { mkdtemp, rm } from 'node:fs/promises';
import { join } from 'node:path';
import { type UpdateResult, updateGitopsTag } from '../../core/gitops/update';
import { escapeMarkdown, markdownCode } from '../../core/text/markdown';
import { redactCredentials } from '../../core/text/url-credentials';
import { readInputs } from '../../inputs/read';
import { updateGitopsTag as spec } from '../../inputs/update-gitops-tag';
import type { Platform } from '../../platform/types';
import { cloneConfigRepo } from '../../tools/git-config-repo';
import { resolveRemote } from '../../tools/git-remote';
import { removeOnStop } from '../../tools/process/temp';
import { parseSettings } from './settings';

/** update-gitops-tag on any platform: read inputs → clone → edit/commit/push → outputs. */
export async function updateGitopsTagAction(platform: Platform): Promise<void> {
  const settings = parseSettings(readInputs(spec, platform));
  // Credentials in the URL, however malformed, are masked before the first line that could show them.
  const given = redactCredentials(settings.repository).secrets;
  for (const secret of given) platform.setSecret(secret);
  const remote = await resolveRemote(settings.repository, platform.workspace);
  for (const secret of remote.secrets) if (!given.includes(secret)) platform.setSecret(secret);
  const auth = settings.token
    ? { header: `Basic ${Buffer.from(`${settings.username}:${settings.token}`).toString('base64')}` }
    : undefined;
  if (auth) platform.setSecret(auth.header.slice('Basic '.length));

  const dir = await mkdtemp(join(platform.tempDir, 'cdpack-gitops-'));
  const forgetDir = removeOnStop(dir);
  try {
    const repo = await platform.group(`Clone ${remote.shown} (${settings.branch})`, () =>
      cloneConfigRepo({
        remote: remote.url,
        branch: settings.branch,
        auth,
        identity: { name: settings.authorName, email: settings.authorEmail },
        dir: join(dir, 'repo'),
        log: platform,
      }),
    );
    const result = await platform.group(`Update ${settings.image} in ${settings.files.join(', ')}`, () =>
      updateGitopsTag(repo, settings, platform),
    );
    report(platform, result, settings.dryRun);
    platform.setOutput('changed', String(result.changed));
    platform.setOutput('commit', result.commit);
    platform.setOutput('files', JSON.stringify(result.files));
    platform.setOutput('previous', JSON.stringify(result.previous));
    await platform.summary(summaryTable(result, remote.shown, settings.branch));
  } finally {
    await rm(dir, { recursive: true, force: true });
    forgetDir();
  }
}

function report(platform: Platform, result: UpdateResult, dryRun: boolean): void {
  if (result.diff) platform.info(result.diff.trimEnd());
  if (result.commit) platform.info(`pushed ${result.commit} after ${result.attempts} attempt(s)`);
  else if (!result.changed || dryRun) platform.info(`no commit: ${result.reason}`);
}

function summaryTable(result: UpdateResult, remote: string, branch: string): string {
  const rows = result.edits.flatMap((e) =>
    e.targets.map(
      (t) =>
        `| ${markdownCode(e.path)}:${t.line} | ${escapeMarkdown(t.kind)} | ${t.previous ? markdownCode(t.previous) : '(added)'} | ${markdownCode(t.next)} |`,
    ),
  );
  const head = result.commit
    ? `Pushed ${markdownCode(result.commit.slice(0, 12))} to ${escapeMarkdown(remote)} ${markdownCode(branch)}.`
    : `No commit: ${escapeMarkdown(result.reason)}.`;
  return [
    '### cdpack update-gitops-tag',
    '',
    head,
    '',
    '| Place | Kind | Before | After |',
    '| --- | --- | --- | --- |',
    ...rows,
    '',
  ].join('\n');
}
