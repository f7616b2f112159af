import { redactCredentials } from '../core/text/url-credentials';
import type { Platform } from '../platform/types';
import { type Remote, resolveRemote } from '../tools/git-remote';

/**
 * The config repository as update-gitops-tag and the GitOps rollback reach it: the remote resolved (the workspace's
 * origin when none is given) and the token as a Basic Authorization header. Credentials found in the URL, however
 * malformed, and the header are masked before the first line that could show them.
 */
export async function configRepoAccess(
  platform: Platform,
  settings: { repository: string; token: string; username: string },
): Promise<{ remote: Remote; auth: { header: string } | undefined }> {
  const given = redactCredentials(settings.repository).secrets;
  for (const secret of given) platform.setSecret(secret);
  const remote = await resolveRemote(settings.repository, platform.workspace);
  for (const secret of remote.secrets) if (!given.includes(secret)) platform.setSecret(secret);
  const auth = settings.token
    ? { header: `Basic ${Buffer.from(`${settings.username}:${settings.token}`).toString('base64')}` }
    : undefined;
  if (auth) platform.setSecret(auth.header.slice('Basic '.length));
  return { remote, auth };
}
