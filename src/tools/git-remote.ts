import { existsSync } from 'node:fs';
import { resolve } from 'node:path';
import { InputError } from '../core/errors';
import { redactCredentials } from '../core/text/url-credentials';
import { execTool } from './exec';

const urlLike = /^([a-z][a-z0-9+.-]*:\/\/|[^/\s]+@[^:\s]+:)/i;

export interface Remote {
  url: string;
  /** The URL with credentials redacted, for messages. */
  shown: string;
  /** Credentials found in the URL: register them for masking before anything is logged. */
  secrets: string[];
}

/**
 * Turns the `repository` input into something to clone: URLs as given; a bare repository path
 * as is; a working tree (the default: the workspace) by its `origin` remote (which may carry a
 * job token, as GitLab's checkout does).
 */
export async function resolveRemote(repository: string, workspace: string): Promise<Remote> {
  const given = redactCredentials(repository);
  if (repository && urlLike.test(repository)) return { url: repository, ...given };
  const path = resolve(workspace, repository || '.');
  if (!existsSync(path))
    throw new InputError('repository', `'${given.shown}' is neither a git URL nor an existing path`);
  const bare = await execTool('git', ['-C', path, 'rev-parse', '--is-bare-repository']);
  if (bare.code !== 0) throw new InputError('repository', `'${path}' is not a git repository`);
  if (bare.stdout.trim() === 'true') return { url: path, shown: path, secrets: [] };
  const origin = await execTool('git', ['-C', path, 'remote', 'get-url', 'origin']);
  if (origin.code !== 0) {
    throw new InputError('repository', `'${path}' is a working tree without an 'origin' remote; give the remote URL`);
  }
  const url = origin.stdout.trim();
  return { url, ...redactCredentials(url) };
}
