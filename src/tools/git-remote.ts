import { existsSync } from 'node:fs';
import { resolve } from 'node:path';
import { InputError } from '../core/errors';
import { execTool } from './exec';
import { redactUrl } from './git-config-repo';

const urlLike = /^([a-z][a-z0-9+.-]*:\/\/|[^/\s]+@[^:\s]+:)/i;

/**
 * Turns the `repository` input into something to clone: URLs as given; a bare repository path
 * as is; a working tree (the default: the workspace) by its `origin` remote.
 */
export async function resolveRemote(repository: string, workspace: string): Promise<{ url: string; shown: string }> {
  if (repository && urlLike.test(repository)) return { url: repository, shown: redactUrl(repository) };
  const path = resolve(workspace, repository || '.');
  if (!existsSync(path))
    throw new InputError('repository', `'${repository}' is neither a git URL nor an existing path`);
  const bare = await execTool('git', ['-C', path, 'rev-parse', '--is-bare-repository']);
  if (bare.code !== 0) throw new InputError('repository', `'${path}' is not a git repository`);
  if (bare.stdout.trim() === 'true') return { url: path, shown: path };
  const origin = await execTool('git', ['-C', path, 'remote', 'get-url', 'origin']);
  if (origin.code !== 0) {
    throw new InputError('repository', `'${path}' is a working tree without an 'origin' remote; give the remote URL`);
  }
  const url = origin.stdout.trim();
  return { url, shown: redactUrl(url) };
}
