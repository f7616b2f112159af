import { posix } from 'node:path';
import { InputError } from '../errors';

export interface ResolvedFile {
  path: string;
  /** Named literally rather than matched by a glob. */
  explicit: boolean;
}

const globChars = /[*?[\]{}]/;

/** Converts a repo-relative glob (`*`, `**`, `?`, `{a,b}`) into an anchored RegExp. */
export function globToRegExp(glob: string): RegExp {
  let re = '';
  for (let i = 0; i < glob.length; i++) {
    const c = glob[i] as string;
    if (c === '*') {
      if (glob[i + 1] === '*') {
        // `**/` matches zero or more directories; a trailing `**` matches everything below.
        const slash = glob[i + 2] === '/';
        re += slash ? '(?:.*/)?' : '.*';
        i += slash ? 2 : 1;
      } else re += '[^/]*';
    } else if (c === '?') re += '[^/]';
    else if (c === '{') {
      const end = glob.indexOf('}', i);
      if (end < 0) throw new InputError('files', `unclosed '{' in '${glob}'`);
      re += `(?:${glob
        .slice(i + 1, end)
        .split(',')
        .map((alt) => alt.replace(/[.+^$()|\\[\]]/g, '\\$&'))
        .join('|')})`;
      i = end;
    } else re += c.replace(/[.+^$()|\\[\]}]/g, '\\$&');
  }
  return new RegExp(`^${re}$`);
}

/** Normalises one pattern and rejects anything that would leave the repository. */
function normalizePattern(pattern: string): string {
  const p = pattern.replace(/\\/g, '/');
  if (posix.isAbsolute(p) || /^[a-zA-Z]:\//.test(p)) {
    throw new InputError('files', `'${pattern}' is absolute; paths are relative to the repository root`);
  }
  const normal = posix.normalize(p).replace(/^\.\//, '');
  if (normal === '..' || normal.startsWith('../')) {
    throw new InputError('files', `'${pattern}' resolves outside the repository`);
  }
  if (normal === '.' || normal === '')
    throw new InputError('files', `'${pattern}' names the repository itself, not a file`);
  return normal;
}

/**
 * Resolves `files` against the repository's tracked files. Every literal path must exist and
 * every glob must match at least one file, so a typo fails loudly instead of editing nothing.
 */
export function resolveFiles(patterns: readonly string[], tracked: readonly string[]): ResolvedFile[] {
  const trackedSet = new Set(tracked);
  const out = new Map<string, ResolvedFile>();
  for (const pattern of patterns) {
    const normal = normalizePattern(pattern);
    if (!globChars.test(normal)) {
      if (!trackedSet.has(normal)) throw new InputError('files', `'${pattern}' is not a file in the repository`);
      out.set(normal, { path: normal, explicit: true });
      continue;
    }
    const re = globToRegExp(normal);
    const matched = tracked.filter((f) => re.test(f));
    if (matched.length === 0) throw new InputError('files', `'${pattern}' matches no file in the repository`);
    for (const path of matched) if (!out.has(path)) out.set(path, { path, explicit: false });
  }
  return [...out.values()];
}
