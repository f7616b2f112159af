/** Names and paths that reach commands on a Docker host: checked before anything runs. */
import { InputError } from '../errors';
import { excerpt } from '../text/control';

/**
 * A compose or swarm service name. The compose spec allows `[a-zA-Z0-9._-]+`; a name must also start with a letter
 * or digit here, so it can never read as an option of the docker CLI.
 */
const serviceRe = /^[a-zA-Z0-9][a-zA-Z0-9._-]*$/;

export function checkServiceName(input: string, name: string): string {
  if (!serviceRe.test(name) || name.length > 255) {
    throw new InputError(
      input,
      `'${excerpt(name, 200)}' is not a service name (letters, digits, '.', '_', '-', starting with a letter or digit)`,
    );
  }
  return name;
}

/** A path on the host: any characters but NUL, newlines and other control characters. */
export function checkHostPath(input: string, path: string): string {
  if (path === '') throw new InputError(input, 'is empty');
  // biome-ignore lint/suspicious/noControlCharactersInRegex: control characters are what is refused
  if (/[\x00-\x1f\x7f]/.test(path)) {
    throw new InputError(input, `'${excerpt(path, 200)}' contains a NUL, newline or other control character`);
  }
  if (path.length > 4096) throw new InputError(input, 'is longer than 4096 characters');
  return path;
}

/** The directory part of a host path (`.` for a bare name). */
export function hostDirname(path: string): string {
  const trimmed = path.replace(/\/+$/, '');
  const i = trimmed.lastIndexOf('/');
  if (i < 0) return '.';
  return i === 0 ? '/' : trimmed.slice(0, i);
}

export function joinHostPath(dir: string, name: string): string {
  return dir.endsWith('/') ? `${dir}${name}` : `${dir}/${name}`;
}
