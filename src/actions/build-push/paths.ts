import { stat } from 'node:fs/promises';
import { isAbsolute, join, resolve } from 'node:path';
import { InputError } from '../../core/errors';
import { excerpt } from '../../core/text/control';
import { resolveInside } from '../../tools/files';
import type { Settings } from './settings';

/** The build's files, resolved and checked before any builder or registry client starts. */
export interface BuildPaths {
  context: string;
  file: string;
  caFile: string | undefined;
}

/**
 * A relative `context`, `file` or `ca-file` is the repository's choice: it must resolve (symlinks followed)
 * inside the workspace, since the context is sent to the builder and can end up in the image. An absolute path
 * is the workflow author's explicit choice (a context prepared elsewhere, the runner's CA bundle) and is allowed
 * anywhere, as scan's file inputs. Either way the path must exist and be of the right kind.
 */
export async function resolveBuildPaths(settings: Settings, workspace: string): Promise<BuildPaths> {
  // A promote (`source`) builds nothing: only ca-file is used.
  const building = settings.source === undefined;
  const context = building ? await confined('context', settings.context, workspace, 'directory') : '';
  const file = !building
    ? ''
    : settings.file
      ? await confined('file', settings.file, workspace, 'file')
      : join(context, 'Dockerfile');
  const caFile = settings.caFile ? await confined('ca-file', settings.caFile, workspace, 'file') : undefined;
  return { context, file, caFile };
}

async function confined(input: string, value: string, workspace: string, kind: 'file' | 'directory') {
  if (isAbsolute(value)) {
    await mustBe(input, value, value, kind);
    return value;
  }
  const path = await resolveInside(workspace, value);
  if (!path) {
    throw new InputError(
      input,
      `'${excerpt(value)}' resolves outside the workspace (symlinks followed); a relative path must stay inside it, give an absolute path for one elsewhere`,
    );
  }
  await mustBe(input, value, path, kind);
  return resolve(path);
}

async function mustBe(input: string, value: string, path: string, kind: 'file' | 'directory'): Promise<void> {
  const found = await stat(path).catch(() => undefined);
  if (!found) throw new InputError(input, `'${excerpt(value)}' does not exist`);
  if (kind === 'file' ? !found.isFile() : !found.isDirectory()) {
    throw new InputError(input, `'${excerpt(value)}' is not a ${kind}`);
  }
}
